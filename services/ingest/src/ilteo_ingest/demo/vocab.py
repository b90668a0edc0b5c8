"""Word lists the demo generator draws from: occupations, employers, roads, programs.

Occupation codes follow the shape of the 한국고용직업분류 (KECO 2018): the first
digit is the major group, four digits name the occupation, and Work24 pads them
to six. They are plausible, not an official table.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Occupation:
    code: str  # jobsCd, KECO-like
    name: str  # 직종명, may hold the list separator "ㆍ"
    sector: str  # a key of SECTOR_WEIGHTS
    industry: str  # 업종 (indTpNm), KSIC-like wording
    duties: str  # 직무내용
    hourly: bool  # usually paid by the hour (part-time, service work)


# Two lines per occupation: code | name | sector | "h" when usually paid by
# the hour; then, indented, industry (업종) | duties (직무내용).
_OCCUPATION_TABLE = """
023100 | 경리ㆍ회계사무원 | office | -
    회계 및 세무관련 서비스업 | 전표 입력, 세금계산서 발행, 급여 정산
023200 | 총무ㆍ일반사무원 | office | -
    비주거용 건물 임대업 | 문서 관리, 비품 구매, 방문객 응대
024100 | 무역사무원 | logistics | -
    기타 상품 중개업 | 수출입 통관 서류 작성, 선적 일정 관리
026100 | 고객상담원(콜센터) | service | h
    콜센터 및 텔레마케팅 서비스업 | 인바운드 고객 문의 응대, 상담 이력 입력
133100 | 응용소프트웨어 개발자 | tech | -
    응용 소프트웨어 개발 및 공급업 | 사내 업무 시스템 개발 및 유지보수
134200 | 웹 개발자 | tech | -
    포털 및 기타 인터넷 정보매개 서비스업 | 웹 서비스 화면 및 API 개발
152300 | 바이오ㆍ의약품 생산기술자 | bio | -
    생물학적 제제 제조업 | 세포 배양 공정 운영, GMP 문서 작성
153100 | 품질관리 기술자 | manufacturing | -
    자동차 신품 부품 제조업 | 입고 및 출하 검사, 불량 원인 분석
221300 | 사회복지사 | care | -
    노인 요양 복지시설 운영업 | 입소자 상담 및 프로그램 운영
250100 | 보육교사 | care | -
    어린이집 운영업 | 영유아 보육 및 일지 작성
304100 | 간호사 | health | -
    종합 병원 | 병동 환자 간호, 투약 관리
306100 | 간호조무사 | health | -
    일반 의원 | 진료 보조, 접수 및 수납
310200 | 요양보호사 | care | h
    노인 요양 복지시설 운영업 | 어르신 신체 활동 및 일상생활 지원
413100 | 디자이너(시각ㆍ편집) | office | -
    광고 대행업 | 홍보물 및 상세페이지 디자인
521100 | 항공기 객실승무원 | airport | -
    항공 여객 운송업 | 기내 안전 및 서비스 업무
522200 | 호텔 프런트 사무원 | airport | h
    호텔업 | 체크인ㆍ체크아웃, 예약 관리
531100 | 한식 조리사 | food | -
    한식 일반 음식점업 | 한식 조리 및 식재료 관리
532100 | 주방보조 | food | h
    구내식당업 | 식재료 손질, 배식 및 세척
533100 | 음식서비스 종사원(홀서빙) | food | h
    한식 일반 음식점업 | 주문 접수, 서빙, 매장 정리
551100 | 경비원 | facility | -
    경비 및 경호 서비스업 | 아파트 단지 순찰, 출입 관리
561100 | 청소원(건물) | facility | h
    건물 및 산업설비 청소업 | 사무실 및 공용부 청소
611100 | 매장판매원 | retail | h
    면세점 | 상품 진열, 판매 및 재고 관리
612200 | 영업원(기술영업) | manufacturing | -
    산업용 기계 도매업 | 거래처 관리, 신규 고객 발굴
621100 | 택배원 | logistics | -
    택배업 | 지정 구역 택배 배송 및 집하
622300 | 화물차 운전원(1톤) | logistics | -
    일반 화물자동차 운송업 | 거래처 납품 배송
623100 | 지게차 운전원 | logistics | -
    물류 터미널 운영업 | 입출고 상하차, 창고 내 운반
624200 | 시내버스 운전원 | logistics | -
    시내버스 운송업 | 시내버스 노선 운행
625100 | 물류ㆍ창고 관리원 | logistics | h
    보관 및 창고업 | 입출고 검수, 재고 실사
711100 | 건축 현장 관리자 | construction | -
    아파트 건설업 | 공정 및 안전 관리
723100 | 전기공(건축) | construction | -
    전기 공사업 | 건축물 전기 배선 및 설비 시공
811100 | 기계 조립원 | manufacturing | -
    자동차 신품 부품 제조업 | 생산 라인 부품 조립
821100 | 용접원 | manufacturing | -
    구조용 금속 판제품 제조업 | CO2ㆍTIG 용접, 도면 해독
822300 | CNC 선반 조작원 | manufacturing | -
    금속 절삭 가공업 | CNC 선반 가공 및 치수 검사
841100 | 자동차 정비원 | manufacturing | -
    자동차 종합 수리업 | 차량 점검 및 부품 교환
862100 | 식품 제조 단순종사원 | manufacturing | h
    떡, 빵 및 과자류 제조업 | 포장 라인 작업, 제품 검수
871100 | 전자부품 조립원 | manufacturing | h
    전자 부품 제조업 | SMT 라인 오퍼레이터
881100 | 포장원(생산 단순) | logistics | h
    보관 및 창고업 | 상품 분류, 포장 및 라벨 부착
910100 | 어선원 | fishery | -
    연근해 어업 | 연근해 어선 조업 보조
911200 | 펜션 관리원 | fishery | h
    민박업 | 객실 청소 및 손님 응대
"""


def _occupations() -> tuple[Occupation, ...]:
    lines = _OCCUPATION_TABLE.strip().splitlines()
    found = []
    for head, tail in zip(lines[::2], lines[1::2], strict=True):
        code, name, sector, hourly = head.split(" | ")
        industry, duties = tail.strip().split(" | ")
        found.append(Occupation(code, name, sector, industry, duties, hourly == "h"))
    return tuple(found)


OCCUPATIONS = _occupations()

# How much each district leans towards each sector, over a base weight of 1.
SECTOR_WEIGHTS: dict[str, dict[str, float]] = {
    "jemulpo-gu": {"logistics": 3, "food": 2, "facility": 2},
    "yeongjong-gu": {"airport": 8, "logistics": 3, "retail": 3, "food": 2},
    "michuhol-gu": {"food": 3, "health": 2, "office": 2, "retail": 2},
    "yeonsu-gu": {"bio": 6, "tech": 4, "office": 2},
    "namdong-gu": {"manufacturing": 6, "office": 2, "health": 2},
    "bupyeong-gu": {"manufacturing": 3, "retail": 3, "food": 3, "health": 2},
    "gyeyang-gu": {"logistics": 2, "care": 3, "food": 2},
    "seohae-gu": {"manufacturing": 4, "logistics": 3, "tech": 2},
    "geomdan-gu": {"construction": 4, "care": 2, "manufacturing": 2},
    "ganghwa-gun": {"care": 3, "food": 2, "fishery": 3},
    "ongjin-gun": {"fishery": 8, "care": 2},
}

# Share of postings per district: bigger where more people work.
DISTRICT_WEIGHTS: dict[str, float] = {
    "jemulpo-gu": 6,
    "yeongjong-gu": 7,
    "michuhol-gu": 11,
    "yeonsu-gu": 12,
    "namdong-gu": 18,
    "bupyeong-gu": 16,
    "gyeyang-gu": 8,
    "seohae-gu": 13,
    "geomdan-gu": 6,
    "ganghwa-gun": 2.5,
    "ongjin-gun": 0.5,
}

# A few roads of each district, for 도로명 addresses.
ROADS: dict[str, tuple[str, ...]] = {
    "jemulpo-gu": ("인중로", "제물량로", "송림로", "샛골로", "화수로", "우현로"),
    "yeongjong-gu": ("공항로", "영종대로", "하늘달빛로", "영종해안남로", "운서로"),
    "michuhol-gu": ("인하로", "경인로", "주안로", "매소홀로", "독배로", "석정로"),
    "yeonsu-gu": ("컨벤시아대로", "송도과학로", "인천타워대로", "원인재로", "청능대로"),
    "namdong-gu": (
        "남동대로",
        "인주대로",
        "예술로",
        "호구포로",
        "남동서로",
        "능허대로",
    ),
    "bupyeong-gu": ("부평대로", "경원대로", "부흥로", "길주로", "마장로", "굴포로"),
    "gyeyang-gu": ("계양대로", "봉오대로", "장제로", "경명대로", "아나지로"),
    "seohae-gu": ("청라대로", "봉수대로", "가정로", "서곶로", "원적로", "중봉대로"),
    "geomdan-gu": ("검단로", "완정로", "원당대로", "이음대로", "불로로"),
    "ganghwa-gun": ("강화대로", "중앙로", "해안동로", "해안남로"),
    "ongjin-gun": ("영흥로", "백령로", "덕적남로", "연평로"),
}

# 우편번호 ranges per district (approximate).
ZIP_PREFIXES: dict[str, tuple[int, int]] = {
    "jemulpo-gu": (22300, 22599),
    "yeongjong-gu": (22380, 22399),
    "michuhol-gu": (22100, 22299),
    "yeonsu-gu": (21900, 22099),
    "namdong-gu": (21500, 21799),
    "bupyeong-gu": (21300, 21499),
    "gyeyang-gu": (21000, 21199),
    "seohae-gu": (22700, 22899),
    "geomdan-gu": (22600, 22699),
    "ganghwa-gun": (23000, 23099),
    "ongjin-gun": (23100, 23199),
}

COMPANY_STEMS = (
    "한빛",
    "대성",
    "동양",
    "서해",
    "인천",
    "미래",
    "청라",
    "송도",
    "영종",
    "부평",
    "삼성",
    "우리",
    "새한",
    "태평양",
    "제일",
    "동방",
    "한결",
    "아라",
    "해솔",
    "누리",
    "하늘",
    "바다",
    "금강",
    "경인",
    "남동",
    "케이",
    "에이스",
    "그린",
    "스마트",
    "정우",
)
COMPANY_KINDS: dict[str, tuple[str, ...]] = {
    "office": ("세무회계", "상사", "컨설팅"),
    "logistics": ("물류", "로지스틱스", "통운", "익스프레스"),
    "service": ("콜센터", "고객센터", "서비스"),
    "tech": ("소프트", "정보기술", "테크", "랩스"),
    "bio": ("바이오", "바이오로직스", "제약"),
    "manufacturing": ("정밀", "산업", "금속", "테크", "오토텍", "전자"),
    "care": ("요양원", "재가복지센터", "어린이집", "복지관"),
    "health": ("병원", "의원", "요양병원", "내과"),
    "airport": ("에어서비스", "항공", "호텔", "면세"),
    "food": ("식당", "푸드", "한식당", "급식"),
    "facility": ("시설관리", "비엠", "종합관리"),
    "retail": ("마트", "유통", "면세점"),
    "construction": ("건설", "종합건설", "전기"),
    "fishery": ("수산", "어업", "펜션"),
}
LEGAL_FORMS = ("(주)", "주식회사 ", "", "", "(유)")

TITLE_PATTERNS = (
    "{occupation} 채용",
    "[{district}] {occupation} 모집",
    "{occupation} 신입ㆍ경력 채용 ({company})",
    "{company} {occupation} 정규직 채용",
    "{occupation} 구인 (주5일, 4대보험)",
    "[급구] {occupation} 모집",
    "{occupation} 계약직 채용 - {dong} 근무",
    "{occupation} 단시간 근로자 모집",
)

# Public employers whose postings also appear on 나라일터 or the city site.
PUBLIC_EMPLOYERS = (
    "인천광역시청",
    "인천교통공사",
    "인천도시공사",
    "인천광역시 시설관리공단",
    "인천테크노파크",
    "인천광역시 사회서비스원",
    "인천관광공사",
)
PUBLIC_ROLES = (
    "기간제근로자(환경정비)",
    "공무직 근로자(시설관리)",
    "기간제 행정보조원",
    "청년인턴(사무보조)",
    "시간선택제 임기제공무원(홍보)",
    "경력직 직원(전산)",
    "무기계약직(민원안내)",
)

TRAINING_COURSES: tuple[tuple[str, str, str], ...] = (
    # (course, NCS 대분류 code, NCS name)
    ("전산세무회계 실무 과정", "02", "경영ㆍ회계ㆍ사무"),
    ("빅데이터 분석 파이썬 개발자 양성", "20", "정보통신"),
    ("자바 풀스택 웹개발자 양성", "20", "정보통신"),
    ("특수용접(TIG) 기능사 취득 과정", "15", "기계"),
    ("CNC 선반ㆍ밀링 가공 실무", "15", "기계"),
    ("전기기능사 자격 취득반", "19", "전기ㆍ전자"),
    ("요양보호사 양성 과정", "07", "사회복지ㆍ종교"),
    ("한식조리기능사 자격 과정", "13", "음식서비스"),
    ("지게차 운전기능사 과정", "14", "건설"),
    ("물류관리사 실무 과정", "09", "운전ㆍ운송"),
    ("바이오의약품 GMP 생산 실무", "16", "재료"),
    ("시각디자인 실무(포토샵ㆍ일러스트)", "08", "문화ㆍ예술ㆍ디자인ㆍ방송"),
    ("항공서비스 실무(객실ㆍ지상직)", "12", "이용ㆍ숙박ㆍ여행ㆍ오락ㆍ스포츠"),
    ("바리스타 2급 자격 과정", "13", "음식서비스"),
)
TRAINING_INSTITUTES = (
    "인천직업전문학교",
    "대한상공회의소 인천인력개발원",
    "부평직업능력개발원",
    "송도IT아카데미",
    "남동기술교육원",
    "인천요양보호사교육원",
    "한국폴리텍대학 인천캠퍼스",
    "계양컴퓨터학원",
)

YOUTH_POLICIES: tuple[tuple[str, str, str, str], ...] = (
    # (name, 대분류, 중분류, 지원 내용)
    ("청년 월세 지원", "주거", "주거비 지원", "월 최대 20만원, 최장 12개월 월세 지원"),
    ("청년 면접수당", "일자리", "취업 지원", "면접 1회당 5만원, 최대 6회 지원"),
    (
        "청년 구직활동 지원금",
        "일자리",
        "취업 지원",
        "월 50만원씩 6개월 구직활동비 지원",
    ),
    ("청년 창업 지원금", "일자리", "창업", "사업화 자금 최대 1,000만원 지원"),
    ("청년 자격증 응시료 지원", "교육", "역량 개발", "국가기술자격 응시료 연 3회 지원"),
    ("청년 마음건강 지원사업", "복지문화", "건강", "전문 심리상담 8회 무료 제공"),
    ("청년 드림 통장", "금융", "자산 형성", "월 10만원 저축 시 같은 금액 적립"),
    ("청년 교통비 지원", "복지문화", "생활 지원", "대중교통비 분기별 최대 6만원 환급"),
)
EMPLOYMENT_STATUSES = (
    "미취업자",
    "재직자",
    "자영업자",
    "제한없음",
    "미취업자(졸업예정자 포함)",
)

BIZ_PROGRAMS: tuple[tuple[str, str], ...] = (
    # (title stem, 지원분야 "@"-list)
    ("중소기업 스마트공장 구축 지원사업", "기술@경영"),
    ("수출초보기업 해외마케팅 지원", "수출@판로"),
    ("소상공인 경영안정자금 융자", "금융"),
    ("청년 일자리 창출 기업 인건비 지원", "인력@금융"),
    ("제조기업 시제품 제작 지원", "기술"),
    ("여성기업 판로개척 지원사업", "내수@판로"),
    ("뿌리기업 작업환경 개선 지원", "경영@기술"),
    ("중소기업 지식재산권 출원 지원", "기술@경영"),
)
INDUSTRIES_AT = ("제조업", "도소매업", "정보통신업", "서비스업", "건설업", "운수업")

STARTUP_PROGRAMS: tuple[tuple[str, str], ...] = (
    # (title stem, 지원 분야)
    ("예비창업패키지 예비창업자 모집", "사업화"),
    ("초기창업패키지 창업기업 모집", "사업화"),
    ("창업도약패키지 (인천지역) 모집", "사업화"),
    ("인천스타트업파크 입주기업 모집", "시설ㆍ공간ㆍ보육"),
    ("창업중심대학 예비창업자 모집", "사업화"),
    ("글로벌 액셀러레이팅 참여기업 모집", "글로벌"),
    ("창업 멘토링 프로그램 참가자 모집", "멘토링ㆍ컨설팅ㆍ교육"),
)
STARTUP_AGES = ("만 20세 미만", "만 20세 이상 ~ 만 39세 이하", "만 40세 이상")
STARTUP_YEARS = ("예비창업자", "1년미만", "2년미만", "3년미만", "5년미만", "7년미만")


@dataclass(frozen=True, slots=True)
class CityProgram:
    """A program the city announces, with the truth of whom it is for."""

    title: str
    target: str  # 대상, as the notice words it
    support: str  # 지원내용, items joined by the separator "ㆍ"
    audience: tuple[str, ...]  # individual, company, founder
    ages: tuple[int | None, int | None]  # the age range the target states


CITY_PROGRAMS: tuple[CityProgram, ...] = (
    CityProgram(
        "중장년 재취업 지원 프로그램 참여자 모집",
        "공고일 현재 인천광역시에 주민등록을 둔 만 50세 이상 64세 이하 미취업자",
        "재취업 교육ㆍ1:1 취업 상담ㆍ동행 면접",
        ("individual",),
        (50, 64),
    ),
    CityProgram(
        "청년 취업 역량 강화 캠프 참가자 모집",
        "인천광역시에 거주하는 만 19세 ~ 39세 미취업 청년",
        "직무 교육ㆍ모의 면접ㆍ이력서 클리닉",
        ("individual",),
        (19, 39),
    ),
    CityProgram(
        "경력단절여성 직업교육훈련 교육생 모집",
        "인천광역시에 거주하는 구직 중인 여성",
        "직업교육훈련 (3개월)ㆍ취업 연계",
        ("individual",),
        (None, None),
    ),
    CityProgram(
        "신중년 사회공헌활동 지원사업 참여자 모집",
        "인천광역시에 거주하는 만 50세 ~ 70세 퇴직자",
        "활동비 월 최대 70만원ㆍ활동 교육",
        ("individual",),
        (50, 70),
    ),
    CityProgram(
        "외국인 주민 취업 상담의 날 운영 안내",
        "인천에 거주하는 외국인 주민 누구나",
        "취업 상담ㆍ통역 지원",
        ("individual",),
        (None, None),
    ),
    CityProgram(
        "노인 일자리 및 사회활동 지원사업 참여자 모집",
        "인천광역시에 거주하는 만 65세 이상 기초연금 수급자",
        "공익활동 활동비 월 29만원",
        ("individual",),
        (65, None),
    ),
    CityProgram(
        "중소기업 R&D 인력 채용 지원사업 참여기업 모집",
        "인천 소재 중소기업 (기업부설연구소 보유)",
        "연구인력 인건비 월 최대 150만원ㆍ최대 12개월",
        ("company",),
        (None, None),
    ),
    CityProgram(
        "소상공인 고용 유지 지원금 신청 안내",
        "인천광역시에 사업장이 소재한 소상공인",
        "고용 유지 인원 1명당 월 50만원ㆍ최대 3개월",
        ("company",),
        (None, None),
    ),
    CityProgram(
        "창업기업 성장 지원사업 참여기업 모집",
        "인천 소재 창업 7년 이내 기업 및 예비창업자",
        "사업화 자금 최대 3,000만원ㆍ전문가 멘토링",
        ("founder", "company"),
        (None, None),
    ),
)
CITY_FAIRS = (
    "일자리 박람회 개최 안내",
    "청년 채용 한마당 참여 기업 및 구직자 모집",
    "항공산업 일자리 박람회 개최",
    "중장년 일자리 희망 박람회 개최",
)
CITY_DEPARTMENTS = (
    "일자리경제과",
    "청년정책과",
    "노인정책과",
    "여성가족국",
    "경제정책과",
)
ATTACHMENTS = (
    "신청서.hwp",
    "공고문.pdf",
    "개인정보 수집 이용 동의서.hwp",
    "참가 안내문.hwpx",
)

OTHER_REGIONS = (
    ("서울특별시 종로구", "서울"),
    ("경기도 부천시", "경기"),
    ("경기도 김포시", "경기"),
    ("세종특별자치시", "세종"),
)
