"""A profile as text: what the embedding model reads, and the words BM25 matches."""

from ilteo_common.items import CompanySize, Education, EmploymentType
from ilteo_places import DISTRICTS
from ilteo_recommend.profiles.schemas import (
    CompanyFields,
    FounderFields,
    FounderStage,
    IndividualFields,
    ProfileFields,
)

DISTRICT_NAMES = {district.id: district.name_ko for district in DISTRICTS}

EDUCATION_KO = {
    Education.ANY: "학력무관",
    Education.MIDDLE_SCHOOL: "중졸",
    Education.HIGH_SCHOOL: "고졸",
    Education.COLLEGE: "전문대졸",
    Education.UNIVERSITY: "대졸",
    Education.MASTER: "석사",
    Education.DOCTORATE: "박사",
}
EMPLOYMENT_TYPE_KO = {
    EmploymentType.PERMANENT: "정규직",
    EmploymentType.FIXED_TERM: "계약직",
    EmploymentType.DISPATCH: "파견직",
    EmploymentType.PART_TIME: "시간제",
    EmploymentType.DAILY: "일용직",
    EmploymentType.OTHER: "기타",
}
COMPANY_SIZE_KO = {
    CompanySize.MICRO: "소상공인",
    CompanySize.SMALL: "소기업",
    CompanySize.MEDIUM: "중기업",
    CompanySize.MIDSIZE: "중견기업",
    CompanySize.LARGE: "대기업",
}
STAGE_KO = {
    FounderStage.PRE_FOUNDING: "예비창업자",
    FounderStage.EARLY: "초기창업기업",
    FounderStage.GROWTH: "도약기 창업기업",
}


def district_name(district_id: str) -> str:
    return DISTRICT_NAMES.get(district_id, district_id)


def embedding_text(fields: ProfileFields) -> str:
    """A short Korean description of what the profile looks for."""
    if isinstance(fields, IndividualFields):
        return _individual_text(fields)
    if isinstance(fields, CompanyFields):
        return (
            f"{fields.industry} {COMPANY_SIZE_KO[fields.size]} "
            f"{district_name(fields.district)} 기업 지원사업, 고용 지원금"
        )
    return (
        f"{STAGE_KO[fields.stage]} {fields.sector} 창업 지원사업 "
        f"{district_name(fields.district)}"
    )


def _individual_text(fields: IndividualFields) -> str:
    parts = []
    if fields.desired_occupations:
        parts.append("희망 직종: " + ", ".join(fields.desired_occupations))
    if fields.skills:
        parts.append("기술: " + ", ".join(fields.skills))
    if fields.certificates:
        parts.append("자격증: " + ", ".join(fields.certificates))
    if fields.career_years is not None:
        parts.append(f"경력 {fields.career_years}년" if fields.career_years else "신입")
    if fields.employment_types:
        parts.append(", ".join(EMPLOYMENT_TYPE_KO[t] for t in fields.employment_types))
    if fields.preferred_districts:
        parts.append(" ".join(district_name(d) for d in fields.preferred_districts))
    if fields.about:
        parts.append(fields.about)
    return ". ".join(parts)


def keyword_terms(fields: ProfileFields) -> list[str]:
    """The phrases a matching item would contain, most telling first."""
    if isinstance(fields, IndividualFields):
        terms = [*fields.desired_occupations, *fields.skills, *fields.certificates]
    elif isinstance(fields, CompanyFields):
        terms = [fields.industry, COMPANY_SIZE_KO[fields.size]]
    else:
        assert isinstance(fields, FounderFields)
        terms = [fields.sector, STAGE_KO[fields.stage], "창업"]
    return list(dict.fromkeys(terms))
