"""The page's words in Korean (first) and English, and which one a visitor reads.

The language comes from ``?lang=`` (which also sets the ``lang`` cookie), then the
cookie, then Korean.
"""

from fastapi import Request

from ilteo_gateway.web.application_words import WORDS as APPLICATION_WORDS
from ilteo_gateway.web.page_words import WORDS as PAGE_WORDS

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"
LANG_COOKIE = "lang"

CATALOG: dict[str, tuple[str, str]] = {
    "site.name": ("인천 일터", "Incheon Ilteo"),
    "site.tagline": (
        "인천의 일자리·훈련·지원사업·정책을 한 곳에서",
        "Incheon's jobs, training, programs and policies in one place",
    ),
    "skip": ("본문으로 건너뛰기", "Skip to content"),
    "nav.label": ("주 메뉴", "Main menu"),
    "nav.search": ("검색", "Search"),
    "nav.map": ("일자리 맵", "Job map"),
    "nav.signin": ("로그인", "Sign in"),
    "nav.signout": ("로그아웃", "Sign out"),
    "lang.switch": ("English", "한국어"),
    "search.label": ("검색어", "Search words"),
    "search.placeholder": ("예: 용접, 요양보호사, 청년 월세", "e.g. welder, caregiver"),
    "search.submit": ("검색", "Search"),
    "search.suggestions": ("추천 검색어", "Suggestions"),
    "search.suggestions_hint": (
        "입력하면 아래에 추천 검색어가 나타납니다. 아래 화살표로 이동합니다.",
        "Suggestions appear below as you type; move to them with the down arrow.",
    ),
    "kind.all": ("전체", "All"),
    "kind.job": ("채용", "Jobs"),
    "kind.training": ("직업훈련", "Training"),
    "kind.program": ("지원사업", "Programs"),
    "kind.policy": ("정책", "Policies"),
    "employment_type.permanent": ("정규직", "Permanent"),
    "employment_type.fixed_term": ("계약직", "Fixed-term"),
    "employment_type.dispatch": ("파견", "Agency"),
    "employment_type.part_time": ("시간제", "Part-time"),
    "employment_type.daily": ("일용직", "Daily"),
    "employment_type.other": ("기타", "Other"),
    "career.none": ("신입", "No experience"),
    "career.experienced": ("경력", "Experienced"),
    "career.any": ("경력무관", "Any experience"),
    "sort.label": ("정렬", "Sort"),
    "sort.relevance": ("정확도순", "Best match"),
    "sort.newest": ("최신순", "Newest"),
    "sort.deadline": ("마감임박순", "Closing soon"),
    "sort.pay": ("급여높은순", "Highest pay"),
    "results.heading": ("검색 결과", "Results"),
    "results.count": ("{total}건", "{total} results"),
    "results.none": (
        "조건에 맞는 결과가 없습니다. 검색어나 필터를 바꿔 보세요.",
        "Nothing matches; try other words or fewer filters.",
    ),
    "results.next": ("다음 페이지", "Next page"),
    "results.first": ("첫 페이지", "First page"),
    "facets.heading": ("필터", "Filters"),
    "facets.district": ("군·구", "District"),
    "facets.kind": ("종류", "Kind"),
    "facets.employment_type": ("고용형태", "Employment"),
    "facets.career": ("경력", "Experience"),
    "facets.source": ("출처", "Source"),
    "facets.clear": ("필터 지우기", "Clear filters"),
    "filter.remove": ("필터 해제: {label}", "Remove filter: {label}"),
    "deadline.today": ("오늘 마감", "Closes today"),
    "deadline.days": ("D-{days}", "{days} d left"),
    "deadline.closed": ("마감", "Closed"),
    "deadline.until_filled": ("채용시까지", "Until filled"),
    "pay.month": ("월 {amount}원", "{amount} KRW/month"),
    "pay.hour": ("시급 {amount}원", "{amount} KRW/hour"),
    "pay.negotiable": ("협의", "Negotiable"),
    "pay.month_equivalent": ("월 환산 {amount}원", "about {amount} KRW/month"),
    "pay.below_minimum": ("최저임금 미만으로 보임", "Appears below minimum wage"),
    "item.sources": ("출처", "Sources"),
    "item.also_on": ("다른 곳에도 게시됨", "Also on"),
    "item.original": ("원문 보기", "View original"),
    "item.organization": ("기관·회사", "Organization"),
    "item.district": ("지역", "District"),
    "item.pay": ("급여", "Pay"),
    "item.deadline": ("마감", "Deadline"),
    "item.description": ("상세 내용", "Details"),
    "item.back": ("검색으로 돌아가기", "Back to search"),
    "map.heading": ("일자리 맵", "Job map"),
    "map.intro": (
        "군·구를 누르면 그 지역의 채용공고를 볼 수 있습니다. 색이 짙을수록 "
        "공고가 많습니다.",
        "Select a district to see its job postings; darker means more postings.",
    ),
    "map.label": ("인천 군·구별 채용공고 수 지도", "Map of job postings per district"),
    "map.list": ("군·구별 채용공고", "Job postings per district"),
    "map.count": ("{count}건", "{count}"),
    "signin.heading": ("로그인", "Sign in"),
    "signin.email": ("이메일", "E-mail"),
    "signin.password": ("비밀번호", "Password"),
    "signin.submit": ("로그인", "Sign in"),
    "signin.failed": ("로그인하지 못했습니다", "Could not sign in"),
    "nav.signup": ("회원가입", "Sign up"),
    "nav.employer": ("기업 공고 관리", "My postings"),
    "signup.heading": ("회원가입", "Sign up"),
    "signup.failed": ("가입하지 못했습니다", "Could not sign up"),
    "signup.role": ("가입 유형", "Account type"),
    "signup.citizen": ("개인 (구직자)", "Person (job seeker)"),
    "signup.employer": ("기업 (채용 담당자)", "Company (hiring)"),
    "signup.name": ("이름 또는 회사명", "Name or company name"),
    "signup.password_hint": ("10자 이상", "At least 10 characters"),
    "signup.submit": ("가입하기", "Sign up"),
    "employer.heading": ("기업 공고 관리", "My job postings"),
    "employer.new": ("새 채용공고", "New job posting"),
    "employer.title": ("공고 제목", "Title"),
    "employer.pay": ("월급 (원, 선택)", "Monthly pay in KRW (optional)"),
    "employer.publish": ("게시하기", "Publish"),
    "employer.mine": ("내 공고", "My postings"),
    "employer.none": ("아직 게시한 공고가 없습니다.", "No postings yet."),
    "employer.close": ("마감하기", "Close"),
    "employer.status.open": ("게시 중", "Open"),
    "employer.status.closed": ("마감", "Closed"),
    "link.confirmed": ("수신 동의가 완료되었습니다", "Subscription confirmed"),
    "link.unsubscribed": ("수신 거부가 완료되었습니다", "You are unsubscribed"),
    "link.failed": ("링크를 처리할 수 없습니다", "This link cannot be used"),
    "unsubscribe.heading": ("추천 메일 수신 거부", "Stop recommendation e-mails"),
    "unsubscribe.text": (
        "아래 버튼을 누르면 일터 추천 메일을 더 이상 보내지 않습니다.",
        "Press the button to stop Ilteo's recommendation e-mails.",
    ),
    "unsubscribe.submit": ("수신 거부", "Unsubscribe"),
    "confirm.heading": ("추천 메일 수신 동의", "Confirm recommendation e-mails"),
    "confirm.text": (
        "아래 버튼을 누르면 일터 추천 메일 수신에 동의합니다.",
        "Press the button to start receiving Ilteo's recommendation e-mails.",
    ),
    "confirm.submit": ("수신 동의", "Confirm"),
    "tabs.label": ("종류별 보기", "Show by kind"),
    "feedback.heading": ("의견 보내기", "Send feedback"),
    "feedback.label": (
        "이 페이지에 대한 의견 (시범 운영)",
        "Your feedback on this page (pilot)",
    ),
    "feedback.submit": ("보내기", "Send"),
    "feedback.thanks": ("의견 감사합니다.", "Thank you for your feedback."),
    "error.heading": ("문제가 생겼습니다", "Something went wrong"),
    "error.search_down": (
        "검색 서비스에 지금 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.",
        "Search cannot be reached right now; please try again shortly.",
    ),
    "footer.text": (
        "인천광역시 일자리 플랫폼 시범 서비스",
        "Incheon city job platform (pilot)",
    ),
    **APPLICATION_WORDS,
    **PAGE_WORDS,
}


def language_of(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    cookie = request.cookies.get(LANG_COOKIE)
    return cookie if cookie in LANGUAGES else DEFAULT_LANGUAGE


class Translator:
    def __init__(self, language: str) -> None:
        self.language = language
        self._index = LANGUAGES.index(language)

    def has(self, key: str) -> bool:
        return key in CATALOG

    def __call__(self, key: str, **values: object) -> str:
        text = CATALOG[key][self._index]
        return text.format(**values) if values else text
