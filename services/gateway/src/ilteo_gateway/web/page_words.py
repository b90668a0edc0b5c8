"""Words of the profile, recommendation, digest, feedback and operator pages, in
Korean (first) and English; merged into ``i18n.CATALOG``."""

WORDS: dict[str, tuple[str, str]] = {
    "nav.profile": ("내 프로필", "My profile"),
    "nav.recommendations": ("추천", "Recommendations"),
    "nav.digests": ("추천 메일", "E-mail digests"),
    "nav.ops": ("운영", "Operations"),
    "page.forbidden": ("이 페이지를 볼 권한이 없습니다", "You may not see this page"),
    "page.forbidden_text": (
        "시 운영자 계정으로 로그인해야 볼 수 있는 페이지입니다.",
        "Only city operator accounts can see this page.",
    ),
    # Forms
    "form.summary": (
        "입력 내용을 확인해 주세요 ({count}건)",
        "Please check what you entered ({count})",
    ),
    "form.title_error": ("오류", "Error"),
    "form.error_prefix": ("오류:", "Error:"),
    "form.required_mark": ("(필수)", "(required)"),
    "form.optional": ("(선택)", "(optional)"),
    "form.select": ("선택하세요", "Choose"),
    "form.required": ("값을 입력하거나 골라 주세요.", "Enter or choose a value."),
    "form.number": (
        "숫자로만 입력해 주세요 (예: 1990).",
        "Use digits only (for example 1990).",
    ),
    "form.range": (
        "{low}부터 {high} 사이의 숫자로 입력해 주세요.",
        "Enter a number from {low} to {high}.",
    ),
    "form.choose": ("목록에 있는 값을 골라 주세요.", "Choose a value from the list."),
    "form.too_many": (
        "{limit}개까지 입력할 수 있습니다.",
        "You can enter at most {limit}.",
    ),
    "form.term_too_long": (
        "항목마다 {limit}자 이내로 입력해 주세요.",
        "Each entry may have at most {limit} characters.",
    ),
    "form.too_long": (
        "{limit}자 이내로 입력해 주세요.",
        "Use at most {limit} characters.",
    ),
    "form.say_what_you_want": (
        "희망 직종, 보유 기술, 자격증, 자기소개 중 하나 이상을 입력해 주세요.",
        "Fill in at least one of desired occupations, skills, certificates or "
        "about me.",
    ),
    # Field names (labels, and the error summary's links)
    "field.audience": ("프로필 유형", "Profile type"),
    "field.desired_occupations": ("희망 직종", "Desired occupations"),
    "field.skills": ("보유 기술", "Skills"),
    "field.certificates": ("자격증", "Certificates"),
    "field.career_years": ("경력 (년)", "Years of experience"),
    "field.education": ("최종 학력", "Education"),
    "field.preferred_districts": ("희망 근무 지역 (군·구)", "Preferred districts"),
    "field.residence_district": ("거주지 (군·구)", "District you live in"),
    "field.employment_types": ("희망 고용형태", "Employment types"),
    "field.employment_status": ("현재 상태", "Current situation"),
    "field.min_monthly_pay_krw": (
        "희망 최저 월급 (원)",
        "Lowest monthly pay you want (KRW)",
    ),
    "field.birth_year": ("출생연도", "Year of birth"),
    "field.about": ("자기소개", "About me"),
    "field.use_behaviour_for_ranking": ("행태 정보 활용", "Use of activity"),
    "field.industry": ("업종", "Industry"),
    "field.size": ("기업 규모", "Company size"),
    "field.founding_year": ("설립연도", "Year founded"),
    "field.district": ("소재지 (군·구)", "District"),
    "field.stage": ("창업 단계", "Stage"),
    "field.sector": ("창업 분야", "Field of the business"),
    "field.profile_id": ("프로필", "Profile"),
    "field.email": ("이메일", "E-mail"),
    "field.period": ("받는 주기", "How often"),
    "field.kinds": ("받을 종류", "What to receive"),
    # Hints under fields
    "hint.terms": (
        "쉼표(,)로 나누어 {limit}개까지 적어 주세요.",
        "Separate entries with commas; at most {limit}.",
    ),
    "hint.preferred_districts": (
        "고르지 않으면 인천 전체에서 추천합니다.",
        "Leave all unticked to get recommendations from all of Incheon.",
    ),
    "hint.pay": (
        "숫자만 적어 주세요 (예: 2500000).",
        "Digits only (for example 2500000).",
    ),
    "hint.career_years": (
        "경력이 없으면 0을 적어 주세요.",
        "Enter 0 if you have none.",
    ),
    "hint.birth_year": (
        "나이 조건을 확인하는 데만 씁니다. 생일은 묻지 않습니다 (예: 1990).",
        "Used only to check age conditions; we never ask for the day (e.g. 1990).",
    ),
    "hint.residence_district": (
        "지원사업·정책의 거주지 조건을 확인하는 데 씁니다.",
        "Used to check the residence conditions of programs and policies.",
    ),
    "hint.employment_status": (
        "미취업자 대상 사업 같은 조건을 확인하는 데 씁니다.",
        "Used to check conditions such as 'for people not in work'.",
    ),
    "hint.about": (
        "1,000자 이내. 해 온 일과 하고 싶은 일을 적으면 추천이 더 정확해집니다.",
        "Up to 1,000 characters. What you have done and want to do makes "
        "recommendations better.",
    ),
    "hint.industry": ("예: 제조업, 물류, 소프트웨어", "For example manufacturing"),
    "hint.founding_year": (
        "업력 조건 확인에 씁니다 (예: 2021).",
        "Used for company-age conditions (e.g. 2021).",
    ),
    "hint.sector": ("예: 친환경 소재, 교육 서비스", "For example green materials"),
    # Terms of the profile and digests
    "term.audience.individual": ("개인 구직자", "Job seeker"),
    "term.audience.company": ("기업", "Company"),
    "term.audience.founder": ("창업자", "Founder"),
    "term.education.any": ("학력무관", "Any"),
    "term.education.middle_school": ("중학교 졸업", "Middle school"),
    "term.education.high_school": ("고등학교 졸업", "High school"),
    "term.education.college": ("전문대학 졸업 (2~3년)", "College (2–3 years)"),
    "term.education.university": ("대학교 졸업 (4년)", "University (4 years)"),
    "term.education.master": ("석사", "Master's degree"),
    "term.education.doctorate": ("박사", "Doctorate"),
    "term.employment_status.unemployed": ("미취업", "Not in work"),
    "term.employment_status.employed": ("재직 중", "Employed"),
    "term.employment_status.self_employed": ("자영업", "Self-employed"),
    "term.employment_status.student": ("학생", "Student"),
    "term.company_size.micro": ("소상공인", "Micro business"),
    "term.company_size.small": ("소기업", "Small company"),
    "term.company_size.medium": ("중기업", "Medium-sized company"),
    "term.company_size.midsize": ("중견기업", "Mid-tier company"),
    "term.company_size.large": ("대기업", "Large company"),
    "term.stage.pre_founding": ("예비창업자", "Not founded yet"),
    "term.stage.early": ("초기창업 (3년 미만)", "Early (under 3 years)"),
    "term.stage.growth": ("도약기 (3~7년)", "Growing (3–7 years)"),
    "term.period.daily": ("매일", "Daily"),
    "term.period.weekly": ("매주 (월요일)", "Weekly (Mondays)"),
    "term.sub_status.pending": ("확인 대기", "Waiting for your confirmation"),
    "term.sub_status.confirmed": ("받는 중", "Active"),
    "term.sub_status.unsubscribed": ("수신 거부됨", "Unsubscribed"),
    "term.delivery.ok": ("정상", "Delivered"),
    "term.delivery.retrying": ("다시 보내는 중", "Retrying"),
    "term.delivery.failing": ("보내지 못함", "Failing"),
    "term.delivery.bounced": (
        "주소가 메일을 받지 않아 중단됨",
        "Stopped: the address refuses mail",
    ),
    # 내 프로필
    "profile.heading": ("내 프로필", "My profiles"),
    "profile.intro": (
        "프로필을 만들면 맞춤 추천과 자격 조건 안내를 받을 수 있습니다. 이름, "
        "연락처, 생년월일은 묻지 않습니다.",
        "A profile gives you recommendations and eligibility hints. We never ask "
        "for your name, phone number or date of birth.",
    ),
    "profile.privacy": (
        "모든 항목은 선택입니다(필수 표시 제외). 입력한 내용은 추천에만 쓰며 "
        "언제든 고치거나 삭제할 수 있습니다.",
        "Everything is optional unless marked required. What you enter is used "
        "for recommendations only, and you can change or delete it at any time.",
    ),
    "profile.none": ("아직 프로필이 없습니다.", "You have no profile yet."),
    "profile.new": ("새 프로필 만들기", "Create a profile"),
    "profile.audience_hint.individual": (
        "일자리, 직업훈련, 취업지원, 청년정책을 찾는 분",
        "for jobs, training, employment support and youth policies",
    ),
    "profile.audience_hint.company": (
        "고용지원금, 기업지원 사업을 찾는 기업",
        "for hiring subsidies and business support",
    ),
    "profile.audience_hint.founder": (
        "창업지원 사업을 찾는 예비·초기 창업자",
        "for start-up programs",
    ),
    "profile.title": ("{audience}: {what}", "{audience}: {what}"),
    "profile.title_plain": ("{audience} 프로필", "{audience} profile"),
    "profile.edit": ("수정", "Edit"),
    "profile.delete": ("삭제", "Delete"),
    "profile.recommend": ("추천 보기", "See recommendations"),
    "profile.updated_at": ("마지막 수정", "Last changed"),
    "profile.consent.yes": ("동의함", "Agreed"),
    "profile.consent.no": ("동의하지 않음", "Not agreed"),
    "profile.done.created": (
        "프로필을 저장했습니다. 이제 추천을 볼 수 있습니다.",
        "Your profile was saved. You can now see recommendations.",
    ),
    "profile.done.updated": ("프로필을 고쳤습니다.", "Your profile was updated."),
    "profile.done.deleted": (
        "프로필과 관련 기록을 모두 삭제했습니다.",
        "The profile and everything kept with it were deleted.",
    ),
    "profile.form_new": ("새 프로필", "New profile"),
    "profile.form_edit": ("프로필 수정", "Edit profile"),
    "profile.section.work": ("원하는 일", "The work you want"),
    "profile.section.skills": ("경력과 자격", "Experience and qualifications"),
    "profile.section.you": ("나에 대하여", "About you"),
    "profile.section.company": ("기업 정보", "About the company"),
    "profile.section.founder": ("창업 정보", "About the business"),
    "profile.section.consent": ("동의", "Consent"),
    "profile.consent_label": (
        "관심 저장·지원 기록을 추천에 활용하는 데 동의합니다 (선택)",
        "Use what I save and apply for to improve my recommendations (optional)",
    ),
    "profile.consent_hint": (
        "동의하지 않아도 추천을 받을 수 있으며, 언제든 이 화면에서 철회할 수 있습니다.",
        "You get recommendations either way, and you can withdraw here at any time.",
    ),
    "profile.save": ("저장하기", "Save"),
    "profile.cancel": ("취소", "Cancel"),
    "profile.not_found": ("프로필을 찾을 수 없습니다.", "There is no such profile."),
    "profile.delete_heading": ("프로필을 삭제할까요?", "Delete this profile?"),
    "profile.delete_text": (
        "삭제하면 이 프로필과 추천에 쓰인 관심 기록, 추천 메일 구독이 모두 "
        "지워지며 되돌릴 수 없습니다.",
        "Deleting erases this profile, what was kept to improve its "
        "recommendations and its e-mail digests. This cannot be undone.",
    ),
    "profile.delete_confirm": ("네, 삭제합니다", "Yes, delete it"),
    # 추천
    "rec.heading": ("맞춤 추천", "Recommended for you"),
    "rec.no_profile": (
        "추천을 받으려면 먼저 프로필을 만들어 주세요.",
        "Create a profile first to get recommendations.",
    ),
    "rec.only_preferred": ("희망 지역만 보기", "Only my preferred districts"),
    "rec.show": ("보기", "Show"),
    "rec.kinds_label": ("추천 종류", "Kinds of recommendations"),
    "rec.reason": ("추천 이유", "Why"),
    "rec.none": (
        "지금은 추천할 항목이 없습니다. 프로필에 희망 직종이나 기술을 더 적거나 "
        "다른 종류를 살펴보세요.",
        "Nothing to recommend right now. Add occupations or skills to your "
        "profile, or look at another kind.",
    ),
    "rec.strategy_keyword": (
        "지금은 검색어 일치만으로 순서를 정했습니다.",
        "These are ranked by matching words only for now.",
    ),
    "rec.skill_gaps": ("더 배우면 좋은 분야", "Worth learning"),
    "rec.by_email": (
        "새 추천을 이메일로 받아 보세요",
        "Get new recommendations by e-mail",
    ),
    "rec.save": ("관심 저장", "Save"),
    "rec.dismiss": ("추천 제외", "Not for me"),
    "rec.saved_mark": ("관심 저장됨", "Saved"),
    "rec.unsave": ("저장 취소", "Unsave"),
    "rec.undismiss": ("되돌리기", "Undo"),
    "rec.done.saved": ("관심 목록에 저장했습니다.", "Saved to your list."),
    "rec.done.dismissed": (
        "추천에서 제외했습니다.",
        "Removed from your recommendations.",
    ),
    "rec.done_title.saved": (
        "'{title}'을(를) 관심 목록에 저장했습니다.",
        "'{title}' was saved to your list.",
    ),
    "rec.done_title.dismissed": (
        "'{title}'을(를) 추천에서 제외했습니다.",
        "'{title}' was removed from your recommendations.",
    ),
    "rec.done.unsaved": ("관심 목록에서 뺐습니다.", "Removed from your list."),
    "rec.done.restored": (
        "추천 제외를 취소했습니다.",
        "It can be recommended to you again.",
    ),
    "rec.done_title.unsaved": (
        "'{title}'을(를) 관심 목록에서 뺐습니다.",
        "'{title}' was removed from your list.",
    ),
    "rec.done_title.restored": (
        "'{title}'의 추천 제외를 취소했습니다.",
        "'{title}' can be recommended to you again.",
    ),
    "rec.dismissed_hint": (
        "같은 항목이 다른 곳에 올라와 있어도 다시 추천하지 않습니다.",
        "It will not be recommended again, wherever else it is posted.",
    ),
    "rec.saved_without_consent": (
        "저장한 항목은 보관되지만, 관심 저장·지원 기록 활용에 동의해야 추천 "
        "순서에 반영됩니다.",
        "Saved items are kept, but they shape the order of your recommendations "
        "only if you agree to the use of what you save and apply for.",
    ),
    "rec.give_consent": ("프로필에서 동의 설정하기", "Change this in your profile"),
    "rec.feedback_unknown_action": (
        "관심 저장이나 추천 제외, 또는 그 취소만 할 수 있습니다.",
        "This page sends only “Save”, “Not for me” and their undoing.",
    ),
    "rec.feedback_unknown_item": (
        "추천 항목을 찾을 수 없습니다.",
        "There is no such recommended item.",
    ),
    # 추천 메일
    "digest.heading": ("추천 메일", "Recommendation e-mails"),
    "digest.intro": (
        "고른 프로필의 새 추천을 매일 또는 매주 이메일로 보내 드립니다. 확인 "
        "메일의 링크를 눌러야 보내기 시작합니다.",
        "We e-mail new recommendations for a profile daily or weekly. Nothing is "
        "sent until you open the link in the confirmation e-mail.",
    ),
    "digest.mine": ("내 구독", "My subscriptions"),
    "digest.none": ("구독 중인 추천 메일이 없습니다.", "You have no subscriptions."),
    "digest.unknown_profile": ("삭제된 프로필", "A deleted profile"),
    "digest.subscribe": ("추천 메일 신청", "Subscribe"),
    "digest.submit": ("신청하기", "Subscribe"),
    "digest.no_profile": (
        "추천 메일을 받으려면 먼저 프로필을 만들어 주세요.",
        "Create a profile first to get e-mails.",
    ),
    "digest.email_hint": (
        "추천 메일을 보내는 데만 쓰며, 수신을 거부하면 바로 지웁니다.",
        "Used only to send these e-mails; erased as soon as you unsubscribe.",
    ),
    "digest.email_invalid": (
        "이메일 주소 형식이 맞지 않습니다 (예: name@example.kr).",
        "Enter an e-mail address like name@example.kr.",
    ),
    "digest.kinds_needed": (
        "받을 종류를 하나 이상 골라 주세요.",
        "Choose at least one kind.",
    ),
    "digest.done_heading.sent": ("메일함을 확인해 주세요", "Check your mailbox"),
    "digest.done.sent": (
        "확인 메일을 보냈습니다. 메일의 '수신 동의' 링크를 눌러야 추천 메일을 "
        "보내기 시작합니다. 메일이 보이지 않으면 스팸함도 확인해 주세요.",
        "We sent you a confirmation e-mail. Recommendations are sent only after "
        "you open its link. If you cannot find it, look in your spam folder.",
    ),
    "digest.done_heading.resent": ("메일함을 확인해 주세요", "Check your mailbox"),
    "digest.done.resent": (
        "새 주소로 확인 메일을 보냈습니다. 링크를 누를 때까지 추천 메일은 "
        "보내지 않습니다.",
        "We sent a confirmation e-mail to the new address. Nothing is sent until "
        "you open its link.",
    ),
    "digest.done_heading.changed": ("바꿨습니다", "Saved"),
    "digest.done.changed": ("구독 설정을 바꿨습니다.", "Your subscription changed."),
    "digest.status": ("상태", "Status"),
    "digest.pending_note": (
        "메일함의 확인 링크를 눌러야 보내기 시작합니다.",
        "open the link in the confirmation e-mail to start.",
    ),
    "digest.delivery": ("발송", "Delivery"),
    "digest.last_sent": ("마지막 발송", "last sent"),
    "digest.change": ("설정 바꾸기", "Change settings"),
    "digest.change_submit": ("바꾸기", "Save changes"),
    "digest.new_email": ("새 이메일 주소", "New e-mail address"),
    "digest.new_email_hint": (
        "주소를 바꿀 때만 적어 주세요. 새 주소로 확인 메일을 다시 보냅니다.",
        "Only to change the address; the new one gets a confirmation e-mail.",
    ),
    "digest.stop": (
        "받지 않으려면 추천 메일 아래의 '수신 거부' 링크를 누르거나, 그 "
        "프로필을 삭제하세요.",
        "To stop, use the unsubscribe link at the bottom of any recommendation "
        "e-mail, or delete the profile.",
    ),
    "digest.not_found": ("구독을 찾을 수 없습니다.", "There is no such subscription."),
    # Eligibility hints on the search page
    "elig.heading": ("자격 조건 확인", "Conditions"),
    "elig.age.range": ("나이 만 {low}~{high}세", "Age {low} to {high}"),
    "elig.age.min": ("나이 만 {low}세 이상", "Age {low} or over"),
    "elig.age.max": ("나이 만 {high}세 이하", "Age {high} or under"),
    "elig.residence": ("거주지 {places}", "Living in {places}"),
    "elig.residence.city": ("인천", "Incheon"),
    "elig.employment_status": ("대상 {statuses}", "For: {statuses}"),
    "elig.company_age": ("업력 {years}년 이내", "Company up to {years} years old"),
    "elig.company_size": ("기업 규모 {sizes}", "Company size {sizes}"),
    "elig.audience": ("대상 {audience}", "For: {audience}"),
    "elig.verdict.met": ("충족", "met"),
    "elig.verdict.not_met": ("미충족", "not met"),
    "elig.verdict.unknown": ("확인 필요", "to check"),
    "elig.missing.birth_year": (
        "프로필에 출생연도를 넣으면 확인됩니다",
        "add your year of birth to your profile",
    ),
    "elig.missing.residence_district": (
        "프로필에 거주지를 넣으면 확인됩니다",
        "add the district you live in to your profile",
    ),
    "elig.missing.employment_status": (
        "프로필에 현재 상태를 넣으면 확인됩니다",
        "add your current situation to your profile",
    ),
    "elig.missing.founding_year": (
        "프로필에 설립연도를 넣으면 확인됩니다",
        "add the year founded to your profile",
    ),
    "elig.missing.size": (
        "프로필에 기업 규모를 넣으면 확인됩니다",
        "add the company size to your profile",
    ),
    "elig.basis": (
        "자격 조건은 '{profile}' 프로필로 확인했습니다. 나이는 출생연도로 센 "
        "올해 나이입니다. 최종 자격은 공고 원문에서 확인하세요.",
        "Conditions are checked against your profile '{profile}'; age is the age "
        "you reach this year. The notice itself has the final word.",
    ),
    "elig.training_note": (
        "직업훈련 과정은 수강 자격이 항목별 정보로 제공되지 않아 자동으로 확인할 "
        "수 없습니다. 과정 원문에서 확인해 주세요.",
        "Training courses do not state their conditions as data, so they cannot "
        "be checked here; see each course's notice.",
    ),
    "elig.offer_profile": (
        "프로필을 만들면 항목마다 자격 조건 충족 여부를 보여 드립니다.",
        "Create a profile to see which conditions you meet.",
    ),
    "elig.offer_signin": (
        "로그인하고 프로필을 만들면 항목마다 자격 조건 충족 여부를 보여 드립니다.",
        "Sign in and create a profile to see which conditions you meet.",
    ),
    # The feedback form at the foot of every page
    "feedback.empty": ("의견 내용을 입력해 주세요.", "Write your feedback first."),
    "feedback.too_long": (
        "{limit}자 이내로 입력해 주세요.",
        "Use at most {limit} characters.",
    ),
    "feedback.sent_heading": ("의견이 접수되었습니다", "Feedback received"),
    "feedback.failed_heading": (
        "의견을 보내지 못했습니다",
        "Your feedback was not sent",
    ),
    "feedback.back": ("보던 페이지로 돌아가기", "Back to the page you were on"),
    # 운영
    "ops.heading": ("운영", "Operations"),
    "ops.intro": (
        "시 운영자만 볼 수 있는 화면입니다.",
        "These pages are for city operators only.",
    ),
    "ops.ingest": ("수집 현황", "Ingestion"),
    "ops.ingest_about": (
        "출처마다 마지막 수집 실행과 그 결과입니다: 수집, 발행, 변경 없음, 오류 "
        "격리(데드 레터) 건수.",
        "The last crawl of each source and what it did: scraped, published, "
        "unchanged and dead-lettered records.",
    ),
    "ops.stats": ("지역 통계", "Regional statistics"),
    "ops.stats_about": (
        "군·구별, 종류별 열린 공고 수를 그림과 표로 봅니다.",
        "Open items per district and per kind, as charts and a table.",
    ),
    "ops.feedback": ("시범 의견", "Pilot feedback"),
    "ops.feedback_about": (
        "페이지 아래 의견 양식으로 받은 의견입니다.",
        "Notes left with the form at the foot of every page.",
    ),
    "ops.feedback.none": ("아직 받은 의견이 없습니다.", "No feedback yet."),
    "ops.feedback.count": ("최근 의견 {count}건", "The latest {count} notes"),
    "ops.col.received": ("받은 시각", "Received"),
    "ops.col.page": ("페이지", "Page"),
    "ops.col.rating": ("평점", "Rating"),
    "ops.col.message": ("내용", "Message"),
    "ops.ingest.table": ("출처별 마지막 수집", "Last crawl per source"),
    "ops.ingest.source": ("출처", "Source"),
    "ops.ingest.last_run": ("마지막 실행 (종료)", "Last run (ended)"),
    "ops.ingest.outcome": ("결과", "Outcome"),
    "ops.ingest.never": ("아직 실행 기록이 없습니다", "Never run"),
    "ops.ingest.dead_letters": ("오류로 격리된 항목", "Dead letters"),
    "ops.ingest.no_dead_letters": (
        "마지막 실행들에서 격리된 항목이 없습니다.",
        "The last runs dead-lettered nothing.",
    ),
    "ops.ingest.letters_count": ("{count}건", "{count}"),
    "ops.ingest.letters_shown": (
        "최근 {shown}건의 사유입니다. 전체는 데드 레터 토픽에 있습니다.",
        "The latest {shown} reasons; all of them are in the dead-letter topic.",
    ),
    "ops.ingest.letters_unrecorded": (
        "이 실행은 사유 목록을 남기지 않았습니다. 데드 레터 토픽에서 확인하세요.",
        "This run kept no list of reasons; see the dead-letter topic.",
    ),
    "ops.ingest.failed_at": ("시각", "Time"),
    "ops.ingest.key": ("항목", "Item"),
    "ops.ingest.reason": ("사유", "Reason"),
    "ops.count.scraped": ("수집", "Scraped"),
    "ops.count.published": ("발행", "Published"),
    "ops.count.unchanged": ("변경 없음", "Unchanged"),
    "ops.count.dead_lettered": ("오류 격리", "Dead-lettered"),
    "ops.count.publish_failed": ("발행 실패", "Publish failed"),
    "ops.outcome.finished": ("정상 종료", "Finished"),
    "ops.outcome.publish_failed": ("발행 실패", "Publishing failed"),
    "ops.outcome.key_refused": ("API 키 거부", "Key refused"),
    "ops.outcome.shutdown": ("중단됨", "Stopped"),
    "ops.stats.kind_label": ("통계 종류", "Kind shown per district"),
    "ops.stats.district_chart": (
        "군·구별 열린 {kind} 수",
        "Open items per district: {kind}",
    ),
    "ops.stats.kind_chart": (
        "종류별 열린 항목 수 (군·구가 확인된 항목)",
        "Open items per kind (those with a district)",
    ),
    "ops.stats.unit": ("{count}건", "{count}"),
    "ops.stats.to_table": ("같은 수치를 표로 보기", "The same figures as a table"),
    "ops.stats.table": (
        "군·구별, 종류별 열린 항목",
        "Open items per district and kind",
    ),
    "ops.stats.district": ("군·구", "District"),
    "ops.stats.total": ("합계", "Total"),
    "ops.stats.median_pay": ("채용 월급 중앙값 (원)", "Median monthly pay (KRW)"),
    "ops.stats.top_occupations": ("주요 직종 (채용)", "Top occupations (jobs)"),
    "ops.stats.note": (
        "같은 항목이 여러 출처에 있으면 한 번만 셉니다. 위치를 알 수 없는 "
        "항목은 빠집니다.",
        "An item on several sources counts once; items without a known place "
        "are left out.",
    ),
    "ops.stats.generated": ("{time} 기준.", "As of {time}."),
}
