"""Reading a request: its words, and its filters as current ids and known names."""

import re
import unicodedata

from ilteo_places import resolve
from ilteo_search.api import glossary, hits
from ilteo_search.api.errors import BadRequest, close_matches, say
from ilteo_search.api.queries import Filters, TextQuery
from ilteo_search.api.schemas import (
    MAX_FILTER_VALUES,
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    DistrictRef,
    Interpretation,
    SearchFilters,
)
from ilteo_search.api.vocabulary import Known, Vocabulary

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PLACE_SUFFIXES = ("구", "군")


def clean_text(q: str | None) -> str | None:
    """The words of ``q``, or None; refuses text too long to be a search."""
    if q is None:
        return None
    if len(q) > MAX_QUERY_CHARS:
        raise BadRequest(
            say(
                f"검색어가 너무 깁니다. {MAX_QUERY_CHARS}자 이내로 입력하세요.",
                f"The search text is too long; use at most {MAX_QUERY_CHARS} "
                "characters.",
            ),
            field="q",
        )
    text = " ".join(_CONTROL.sub(" ", unicodedata.normalize("NFKC", q)).split())
    if len(text.split()) > MAX_QUERY_TERMS:
        raise BadRequest(
            say(
                f"검색어의 단어가 너무 많습니다. {MAX_QUERY_TERMS}개 이내로 쓰세요.",
                f"Too many words; use at most {MAX_QUERY_TERMS}.",
            ),
            field="q",
        )
    return text or None


def _check_counts(filters: SearchFilters) -> None:
    for name in ("district", "occupation", "source"):
        if len(getattr(filters, name)) > MAX_FILTER_VALUES:
            raise BadRequest(
                say(
                    f"{name} 값은 {MAX_FILTER_VALUES}개까지 줄 수 있습니다.",
                    f"Give at most {MAX_FILTER_VALUES} values for {name}.",
                ),
                field=name,
            )


def resolve_districts(values: list[str]) -> tuple[list[str], Interpretation]:
    """District filter values as current district ids; unknown names are a 400."""
    ids: dict[str, None] = {}
    reading = Interpretation()
    for value in values:
        found = resolve(value)
        if not found.found:
            raise BadRequest(
                say(
                    f"알 수 없는 지역입니다: {value}",
                    f"Unknown district: {value}",
                ),
                field="district",
                suggestions=list(found.suggestions),
            )
        for district in found.candidates:
            ids[district.id] = None
        if found.former is not None:
            successors = ", ".join(d.name_ko for d in found.candidates)
            reading.former_districts.append(f"{found.former.name_ko} → {successors}")
    reading.districts = [hits.DISTRICT_REFS[i] for i in ids]
    return list(ids), reading


async def _resolve_occupations(
    values: list[str], *, vocabulary: Vocabulary
) -> tuple[list[str], list[str]]:
    codes: list[str] = []
    names: list[str] = []
    for value in values:
        known = await vocabulary.known()
        if not _is_known_occupation(value, known):
            known = await vocabulary.known(missing=True)
        if value.isdigit() and value in known.occupation_codes:
            codes.append(value)
        elif value.casefold() in known.occupation_names:
            names.append(known.occupation_names[value.casefold()])
        else:
            raise BadRequest(
                say(f"알 수 없는 직종입니다: {value}", f"Unknown occupation: {value}"),
                field="occupation",
                suggestions=close_matches(value, known.occupation_names.values()),
            )
    return codes, names


def _is_known_occupation(value: str, known: Known) -> bool:
    return value in known.occupation_codes or value.casefold() in known.occupation_names


async def _check_sources(values: list[str], *, vocabulary: Vocabulary) -> None:
    for value in values:
        known = await vocabulary.known()
        if value not in known.sources:
            known = await vocabulary.known(missing=True)
        if value not in known.sources:
            raise BadRequest(
                say(f"알 수 없는 출처입니다: {value}", f"Unknown source: {value}"),
                field="source",
                suggestions=close_matches(value, known.sources),
            )


async def resolve_filters(
    *, request: SearchFilters, vocabulary: Vocabulary
) -> tuple[Filters, Interpretation]:
    _check_counts(request)
    districts, reading = resolve_districts(request.district)
    codes, names = await _resolve_occupations(request.occupation, vocabulary=vocabulary)
    await _check_sources(request.source, vocabulary=vocabulary)
    filters = Filters(
        kind=request.kind.value if request.kind else None,
        districts=tuple(districts),
        occupation_codes=tuple(codes),
        occupation_names=tuple(names),
        employment_types=tuple(v.value for v in request.employment_type),
        careers=tuple(v.value for v in request.career),
        educations=tuple(v.value for v in request.education),
        min_pay_month=request.min_pay_month,
        remote=request.remote,
        closing_within_days=request.closing_within_days,
        sources=tuple(request.source),
        audiences=tuple(v.value for v in request.audience),
        include_closed=request.include_closed,
    )
    return filters, reading


def read_text(text: str, *, reading: Interpretation) -> TextQuery:
    """The words, plus what they say about places and, in English, about jobs."""
    places: dict[str, DistrictRef] = {}
    for word in text.split():
        word = word.strip(".,!?()[]\"'")
        is_name = word.endswith(_PLACE_SUFFIXES) or (word.isascii() and word.isalpha())
        if not is_name:
            continue
        for district in resolve(word).candidates:
            places[district.id] = hits.DISTRICT_REFS[district.id]
    translated = glossary.korean_terms(text)
    reading.places_in_query = list(places.values())
    reading.translated_terms = translated
    return TextQuery(text=text, translated=tuple(translated), places=tuple(places))
