"""English job words that foreign residents type, and the Korean words postings use.

Postings are written in Korean, so an English query finds nothing by its words
alone; the embedding model bridges languages, but it may be off. These terms are
added to the words of the query (never replacing them), at a lower weight.
"""

import re

ENGLISH_TO_KOREAN: dict[str, tuple[str, ...]] = {
    "welding": ("용접",),
    "welder": ("용접공", "용접"),
    "cook": ("조리사", "조리"),
    "chef": ("조리사",),
    "kitchen": ("주방",),
    "restaurant": ("음식점", "식당"),
    "cleaning": ("청소", "미화"),
    "cleaner": ("청소원", "미화원"),
    "driver": ("운전",),
    "driving": ("운전",),
    "delivery": ("배송", "배달"),
    "caregiver": ("요양보호사",),
    "care": ("돌봄", "요양"),
    "nurse": ("간호사",),
    "nursing": ("간호",),
    "factory": ("생산", "제조"),
    "production": ("생산",),
    "assembly": ("조립",),
    "office": ("사무",),
    "clerk": ("사무원",),
    "accounting": ("회계",),
    "accountant": ("회계",),
    "warehouse": ("물류", "창고"),
    "logistics": ("물류",),
    "forklift": ("지게차",),
    "security": ("경비", "보안"),
    "guard": ("경비원",),
    "developer": ("개발자",),
    "programmer": ("개발자",),
    "software": ("소프트웨어", "개발"),
    "sales": ("영업", "판매"),
    "cashier": ("계산원", "판매"),
    "teacher": ("강사", "교사"),
    "tutor": ("강사",),
    "interpreter": ("통역",),
    "translator": ("번역",),
    "english": ("영어",),
    "construction": ("건설",),
    "electrician": ("전기",),
    "mechanic": ("정비",),
    "repair": ("수리", "정비"),
    "hotel": ("호텔",),
    "airport": ("공항",),
    "port": ("항만",),
    "ship": ("선박",),
    "parttime": ("아르바이트",),
    "part-time": ("아르바이트",),
    "training": ("훈련", "교육"),
    "course": ("과정",),
    "startup": ("창업",),
    "youth": ("청년",),
    "senior": ("노인", "시니어"),
    "internship": ("인턴",),
    "intern": ("인턴",),
    "barista": ("바리스타",),
    "beauty": ("미용",),
    "hairdresser": ("미용사",),
    "design": ("디자인",),
    "designer": ("디자이너",),
}

_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*")


def korean_terms(query: str) -> list[str]:
    """Korean terms for the English job words in ``query``, without repeats."""
    found: dict[str, None] = {}
    for word in _WORD.findall(query):
        for term in ENGLISH_TO_KOREAN.get(word.casefold(), ()):
            found[term] = None
    return list(found)
