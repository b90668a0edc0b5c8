"""The words of the online application pages (신청·접수), Korean first.

Merged into the page's catalog (``i18n.CATALOG``); every key starts with a name of
these pages (``programs``, ``program``, ``apply``, ``receipt``, ``withdraw``,
``mine``, ``intake``, ``application``, ``applicant``, ``appform``) so that it
cannot shadow another page's words.
"""

WORDS: dict[str, tuple[str, str]] = {
    "nav.programs": ("신청·접수", "Apply online"),
    "nav.my_applications": ("내 신청 내역", "My applications"),
    "nav.manage_programs": ("신청 프로그램 관리", "Manage programs"),
    # Forms in general
    "appform.error_prefix": ("오류:", "Error:"),
    "appform.error_summary": (
        "입력한 내용을 확인해 주세요",
        "Please check what you entered",
    ),
    "appform.error_label": ("오류", "Error"),
    "appform.optional": ("선택", "optional"),
    "appform.optional_hint": (
        "'(선택)' 표시가 없는 항목은 모두 적어야 합니다.",
        "Fill in every field not marked '(optional)'.",
    ),
    "appform.choose": ("선택해 주세요", "Choose one"),
    "appform.too_long": (
        "{limit}자 이내로 적어 주세요.",
        "Use at most {limit} characters.",
    ),
    "appform.pager.label": ("페이지 이동", "Pages"),
    "appform.pager.previous": ("이전 페이지", "Previous page"),
    "appform.pager.next": ("다음 페이지", "Next page"),
    "appform.problem.400": (
        "요청을 처리할 수 없습니다",
        "This request cannot be handled",
    ),
    "appform.problem.403": ("이 페이지를 볼 수 없습니다", "You may not use this page"),
    "appform.problem.404": ("찾는 내용이 없습니다", "Not found"),
    "appform.problem.409": ("지금은 처리할 수 없습니다", "This cannot be done now"),
    "appform.problem.413": ("보낸 내용이 너무 깁니다", "What was sent is too long"),
    "appform.problem.502": ("일시적인 오류입니다", "A temporary error"),
    "appform.problem.503": ("잠시 후 다시 시도해 주세요", "Please try again shortly"),
    "appform.problem.504": ("잠시 후 다시 시도해 주세요", "Please try again shortly"),
    "appform.problem.programs": (
        "신청할 수 있는 프로그램 보기",
        "See the programs taking applications",
    ),
    # Statuses
    "application.status.received": ("접수", "Received"),
    "application.status.under_review": ("검토 중", "Under review"),
    "application.status.accepted": ("선정", "Accepted"),
    "application.status.rejected": ("미선정", "Not selected"),
    "application.status.waitlisted": ("대기", "Waitlisted"),
    "application.status.cancelled": ("신청 취소", "Withdrawn"),
    "application.status_help.received": (
        "신청이 접수되어 검토를 기다리고 있습니다.",
        "Your application is in and waits for review.",
    ),
    "application.status_help.under_review": (
        "담당자가 신청 내용을 검토하고 있습니다.",
        "The city is reviewing your application.",
    ),
    "application.status_help.accepted": (
        "선정되었습니다. 담당자가 다음 안내를 드립니다.",
        "You were selected; the city will tell you what comes next.",
    ),
    "application.status_help.rejected": (
        "이번에는 선정되지 않았습니다.",
        "You were not selected this time.",
    ),
    "application.status_help.waitlisted": (
        "정원이 차서 대기 순서로 접수되었습니다. 자리가 나면 검토합니다.",
        "All seats were taken, so you are on the waiting list.",
    ),
    "application.status_help.cancelled": (
        "신청을 취소했습니다.",
        "You withdrew this application.",
    ),
    "applicant.employment.unemployed": ("미취업", "Not employed"),
    "applicant.employment.employed": ("재직 중", "Employed"),
    "applicant.employment.self_employed": ("자영업", "Self-employed"),
    "applicant.employment.student": ("학생", "Student"),
    # The list of programs and one program
    "programs.heading": ("신청·접수", "Apply online"),
    "programs.intro": (
        "인천시가 온라인으로 신청을 받는 교육·지원 프로그램입니다. 신청하면 "
        "접수번호가 발급되고, 진행 상황은 '내 신청 내역'에서 볼 수 있습니다.",
        "Programs of the city that take applications online. Each application "
        "gets a receipt number; follow it under 'My applications'.",
    ),
    "programs.none": (
        "지금은 신청을 받는 프로그램이 없습니다.",
        "No program is taking applications now.",
    ),
    "programs.back": ("신청·접수 목록", "All programs"),
    "program.phase.open": ("접수 중", "Open"),
    "program.phase.upcoming": ("접수 예정", "Opens soon"),
    "program.phase.closed": ("접수 마감", "Closed"),
    "program.period": ("접수 기간", "Application period"),
    "program.capacity": ("모집 정원", "Seats"),
    "program.seats": (
        "{capacity}명 (남은 자리 {left}명)",
        "{capacity} ({left} left)",
    ),
    "program.full_waitlist": (
        "{capacity}명 (정원 마감, 대기 신청 가능)",
        "{capacity} (full; you can join the waiting list)",
    ),
    "program.full_refuse": ("{capacity}명 (정원 마감)", "{capacity} (full)"),
    "program.eligibility": ("신청 자격", "Who may apply"),
    "program.rule.anyone": ("제한 없음", "Anyone"),
    "program.rule.age_between": (
        "나이 {low}~{high}세 (올해 연도 − 출생연도)",
        "Aged {low} to {high} (this year minus birth year)",
    ),
    "program.rule.age_from": (
        "나이 {low}세 이상 (올해 연도 − 출생연도)",
        "Aged {low} or over (this year minus birth year)",
    ),
    "program.rule.age_to": (
        "나이 {high}세 이하 (올해 연도 − 출생연도)",
        "Aged {high} or under (this year minus birth year)",
    ),
    "program.rule.residence": ("거주지: {places}", "Living in {places}"),
    "program.rule.employment": ("고용 상태: {statuses}", "Employment: {statuses}"),
    "program.description": ("프로그램 소개", "About the program"),
    "program.questions": ("신청서 질문", "Questions on the form"),
    "program.apply": ("신청하기", "Apply"),
    "program.signin_hint": (
        "신청하려면 로그인해야 합니다. 로그인하면 신청서로 돌아옵니다.",
        "You need to sign in to apply; you come back to the form afterwards.",
    ),
    "program.citizens_only": (
        "신청은 개인(구직자) 계정으로 할 수 있습니다.",
        "Applications are made with a personal account.",
    ),
    "program.not_yet": (
        "{starts}부터 신청할 수 있습니다.",
        "Applications open {starts}.",
    ),
    "program.closed": ("접수가 끝났습니다.", "Applications are closed."),
    # The application form
    "apply.title": ("{program} 신청", "Apply: {program}"),
    "apply.already": (
        "이미 신청한 프로그램입니다 (접수번호 {receipt}).",
        "You have already applied (receipt {receipt}).",
    ),
    "apply.see_receipt": ("신청 내용 보기", "See your application"),
    "apply.not_open": (
        "지금은 신청 기간이 아닙니다. 접수 기간: {starts} ~ {ends}",
        "Applications are not being taken now. Period: {starts} to {ends}",
    ),
    "apply.period_ends": ("접수 마감: {ends}", "Closes {ends}"),
    "apply.applicant": ("신청인 정보", "About you"),
    "apply.applicant_hint": (
        "신청 자격을 확인하는 데 씁니다. 사실대로 적어 주세요.",
        "Used to check who may apply; please answer truthfully.",
    ),
    "apply.birth_year": ("출생연도", "Year of birth"),
    "apply.birth_year_hint": ("네 자리 숫자, 예: 1998", "Four digits, e.g. 1998"),
    "apply.residence": ("거주지 (군·구)", "Where you live (district)"),
    "apply.outside_incheon": ("인천 외 지역", "Outside Incheon"),
    "apply.employment_status": ("현재 고용 상태", "Employment status"),
    "apply.questions": ("신청서 질문", "Questions"),
    "apply.text_hint": ("{limit}자 이내", "Up to {limit} characters"),
    "apply.number_hint": ("숫자로 적어 주세요.", "A number."),
    "apply.number_whole": ("정수로 적어 주세요.", "A whole number."),
    "apply.number_between": (
        "{low}~{high} 사이의 숫자",
        "A number from {low} to {high}",
    ),
    "apply.answer.yes": ("예", "Yes"),
    "apply.answer.no": ("아니오", "No"),
    "apply.answer.none": ("(답하지 않음)", "(no answer)"),
    "apply.before_submit": (
        "제출하면 바로 접수번호가 발급됩니다.",
        "You get a receipt number as soon as you submit.",
    ),
    "apply.submit": ("신청서 제출", "Submit application"),
    "apply.error.birth_year_missing": (
        "출생연도를 적어 주세요.",
        "Enter your year of birth.",
    ),
    "apply.error.birth_year_format": (
        "출생연도는 1998처럼 네 자리 숫자로 적어 주세요.",
        "Enter your year of birth as four digits, like 1998.",
    ),
    "apply.error.birth_year_range": (
        "출생연도는 {low}년부터 {high}년 사이여야 합니다.",
        "The year of birth must be between {low} and {high}.",
    ),
    "apply.error.residence": (
        "거주지(군·구)를 골라 주세요.",
        "Choose where you live.",
    ),
    "apply.error.employment_status": (
        "현재 고용 상태를 골라 주세요.",
        "Choose your employment status.",
    ),
    "apply.error.required": ("'{label}'에 답해 주세요.", "Answer '{label}'."),
    "apply.error.choose": (
        "'{label}'에서 하나를 골라 주세요.",
        "Choose one answer for '{label}'.",
    ),
    "apply.error.too_long": (
        "'{label}'은(는) {limit}자 이내로 적어 주세요.",
        "'{label}' takes at most {limit} characters.",
    ),
    "apply.error.number": (
        "'{label}'에는 숫자를 적어 주세요.",
        "Enter a number for '{label}'.",
    ),
    "apply.error.whole": (
        "'{label}'에는 정수를 적어 주세요.",
        "Enter a whole number for '{label}'.",
    ),
    "apply.error.minimum": (
        "'{label}'은(는) {low} 이상이어야 합니다.",
        "'{label}' must be at least {low}.",
    ),
    "apply.error.maximum": (
        "'{label}'은(는) {high} 이하여야 합니다.",
        "'{label}' must be at most {high}.",
    ),
    "apply.error.form_expired": (
        "신청서가 만료되었습니다. 내용을 확인한 뒤 다시 제출해 주세요.",
        "This form expired; check your answers and submit again.",
    ),
    # The receipt and one application
    "receipt.received_heading": ("신청이 접수되었습니다", "Application received"),
    "receipt.heading": ("신청 내용", "Your application"),
    "receipt.number": ("접수번호", "Receipt number"),
    "receipt.keep_number": (
        "접수번호는 문의할 때 필요합니다. 진행 상황은 '내 신청 내역'에서 "
        "언제든 볼 수 있습니다.",
        "Keep the receipt number for any question; follow the status under "
        "'My applications'.",
    ),
    "receipt.program": ("프로그램", "Program"),
    "receipt.status": ("상태", "Status"),
    "receipt.applied_at": ("신청일시", "Applied"),
    "receipt.submitted": ("제출한 내용", "What you sent"),
    "receipt.history": ("처리 이력", "History"),
    "receipt.by_citizen": ("신청인", "applicant"),
    "receipt.by_operator": ("담당자", "city staff"),
    "receipt.cancel": ("신청 취소", "Withdraw"),
    "receipt.cancelled_notice": (
        "신청(접수번호 {receipt})을 취소했습니다.",
        "Application {receipt} is withdrawn.",
    ),
    "withdraw.heading": ("신청을 취소할까요?", "Withdraw this application?"),
    "withdraw.warning": (
        "취소하면 확보한 자리는 다른 신청인에게 돌아갑니다. 접수 기간 안에는 "
        "다시 신청할 수 있습니다.",
        "Your seat goes to someone else. You may apply again while the period is open.",
    ),
    "withdraw.note": ("취소 사유", "Reason"),
    "withdraw.submit": ("신청 취소하기", "Withdraw application"),
    "withdraw.keep": ("취소하지 않고 돌아가기", "Keep it and go back"),
    "mine.none": ("아직 신청한 프로그램이 없습니다.", "You have not applied yet."),
    "mine.find": ("신청할 수 있는 프로그램 보기", "See programs taking applications"),
    "mine.count": ("모두 {total}건", "{total} in all"),
    "mine.unknown_program": ("(프로그램 정보 없음)", "(program not found)"),
    # Operators: publishing programs and deciding applications
    "intake.new": ("새 신청 프로그램 게시", "Publish a new program"),
    "intake.basics": ("기본 정보", "Basics"),
    "intake.title": ("프로그램 이름", "Program name"),
    "intake.period_and_seats": ("접수 기간과 정원", "Period and seats"),
    "intake.period_hint": (
        "한국 시각으로 적습니다. 예: 2026-03-02 09:00",
        "Korean time, e.g. 2026-03-02 09:00",
    ),
    "intake.starts_at": ("접수 시작", "Opens"),
    "intake.ends_at": ("접수 마감", "Closes"),
    "intake.capacity_hint": ("명, 1 이상의 정수", "People; a whole number from 1"),
    "intake.when_full": ("정원이 차면", "When all seats are taken"),
    "intake.when_full.waitlist": (
        "대기자로 계속 접수",
        "Keep taking applications on a waiting list",
    ),
    "intake.when_full.refuse": ("접수 마감", "Stop taking applications"),
    "intake.eligibility_hint": (
        "비워 두면 누구나 신청할 수 있습니다.",
        "Leave empty to let anyone apply.",
    ),
    "intake.age_min": ("최소 나이", "Youngest age"),
    "intake.age_max": ("최대 나이", "Oldest age"),
    "intake.residence": ("거주지", "Residence"),
    "intake.questions": ("신청서 질문", "Questions on the form"),
    "intake.questions_hint": (
        "신청인에게 물을 질문입니다. 질문 내용을 비운 칸은 빠집니다.",
        "Questions for applicants; rows without a question are left out.",
    ),
    "intake.question_n": ("질문 {n}", "Question {n}"),
    "intake.question_label": ("질문 내용", "Question"),
    "intake.question_type": ("답변 형식", "Answer type"),
    "intake.type.text": ("글로 답하기", "Text"),
    "intake.type.choice": ("보기에서 하나 고르기", "One of several options"),
    "intake.type.yes_no": ("예 / 아니오", "Yes or no"),
    "intake.type.number": ("숫자 (정수)", "Whole number"),
    "intake.question_options": ("보기 (고르기 질문만)", "Options (for choices)"),
    "intake.question_options_hint": (
        "한 줄에 하나씩, 두 개 이상",
        "One per line, at least two",
    ),
    "intake.question_minimum": ("최솟값 (숫자만, 선택)", "Minimum (numbers, optional)"),
    "intake.question_maximum": ("최댓값 (숫자만, 선택)", "Maximum (numbers, optional)"),
    "intake.question_required": ("반드시 답해야 함", "An answer is required"),
    "intake.add_question": ("질문 칸 추가", "Add a question"),
    "intake.publish": ("게시하기", "Publish"),
    "intake.published": (
        "프로그램을 게시했습니다. 시민은 공개 페이지에서 신청할 수 있습니다.",
        "The program is published; people apply on its public page.",
    ),
    "intake.public_page": ("공개 페이지", "Public page"),
    "intake.see_applications": ("신청 목록 보기", "See applications"),
    "intake.seats_taken": ("신청 인원", "Seats taken"),
    "intake.seats_of": ("{capacity}명 중 {taken}명", "{taken} of {capacity}"),
    "intake.applications_heading": ("신청 목록", "Applications"),
    "intake.filter": ("상태", "Status"),
    "intake.filter_all": ("전체", "All"),
    "intake.filter_submit": ("보기", "Show"),
    "intake.count": ("신청 {total}건", "{total} applications"),
    "intake.no_applications": ("해당하는 신청이 없습니다.", "No applications here."),
    "intake.answers": ("답변 보기", "Answers"),
    "intake.history": ("상세·처리 이력", "Details and history"),
    "intake.new_status": ("바꿀 상태", "New status"),
    "intake.note": ("메모", "Note"),
    "intake.note_hint": (
        "처리 이력에 남고 신청인에게도 보입니다.",
        "Kept in the history; the applicant sees it too.",
    ),
    "intake.change_status": ("상태 변경", "Change status"),
    "intake.updated": (
        "접수번호 {receipt}의 상태를 '{status}'(으)로 바꿨습니다.",
        "Application {receipt} is now '{status}'.",
    ),
    "intake.final": ("더 바꿀 수 있는 상태가 없습니다.", "No further status."),
    "intake.error.title": ("프로그램 이름을 적어 주세요.", "Enter the program's name."),
    "intake.error.description": (
        "프로그램 소개를 적어 주세요.",
        "Describe the program.",
    ),
    "intake.error.starts_at": (
        "접수 시작 일시를 2026-03-02 09:00처럼 적어 주세요.",
        "Enter when applications open, like 2026-03-02 09:00.",
    ),
    "intake.error.ends_at": (
        "접수 마감 일시를 2026-03-31 18:00처럼 적어 주세요.",
        "Enter when applications close, like 2026-03-31 18:00.",
    ),
    "intake.error.period_order": (
        "접수 마감은 접수 시작보다 뒤여야 합니다.",
        "Applications must close after they open.",
    ),
    "intake.error.period_past": (
        "접수 마감 일시가 이미 지났습니다.",
        "That closing time has passed.",
    ),
    "intake.error.capacity": (
        "모집 정원을 1부터 {high} 사이의 정수로 적어 주세요.",
        "Enter the seats as a whole number from 1 to {high}.",
    ),
    "intake.error.when_full": (
        "정원이 찼을 때 어떻게 할지 골라 주세요.",
        "Choose what happens when the seats are taken.",
    ),
    "intake.error.age": (
        "나이는 0부터 120 사이의 정수로 적어 주세요.",
        "Enter an age as a whole number from 0 to 120.",
    ),
    "intake.error.age_order": (
        "최대 나이는 최소 나이보다 작을 수 없습니다.",
        "The oldest age cannot be below the youngest.",
    ),
    "intake.error.label": (
        "질문 {n}의 내용을 적어 주세요.",
        "Write question {n}.",
    ),
    "intake.error.label_long": (
        "질문 {n}은(는) {limit}자 이내로 적어 주세요.",
        "Question {n} takes at most {limit} characters.",
    ),
    "intake.error.type": (
        "질문 {n}의 답변 형식을 골라 주세요.",
        "Choose a type for question {n}.",
    ),
    "intake.error.options_few": (
        "질문 {n}의 보기를 두 개 이상, 한 줄에 하나씩 적어 주세요.",
        "Give question {n} at least two options, one per line.",
    ),
    "intake.error.options_many": (
        "질문 {n}의 보기는 {limit}개까지입니다.",
        "Question {n} takes at most {limit} options.",
    ),
    "intake.error.options_twice": (
        "질문 {n}에 같은 보기가 두 번 있습니다.",
        "Question {n} lists an option twice.",
    ),
    "intake.error.option_long": (
        "질문 {n}의 보기는 각각 {limit}자 이내로 적어 주세요.",
        "Each option of question {n} takes at most {limit} characters.",
    ),
    "intake.error.limit": (
        "질문 {n}의 최솟값·최댓값은 숫자로 적어 주세요.",
        "Question {n}'s limits must be numbers.",
    ),
    "intake.error.limits": (
        "질문 {n}의 최댓값은 최솟값보다 작을 수 없습니다.",
        "Question {n}'s maximum cannot be below its minimum.",
    ),
    "intake.error.status": (
        "바꿀 상태를 목록에서 골라 주세요.",
        "Choose the new status from the list.",
    ),
}
