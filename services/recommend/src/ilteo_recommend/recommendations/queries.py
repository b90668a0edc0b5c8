"""OpenSearch queries over the items index, built from a profile: pure functions.

Field names are those of the items index contract (read alias ``ilteo-items``).
Eligibility is a filter inside every query, so k-NN never spends its candidates on
items the profile could not take; a condition an item does not set admits everyone.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from ilteo_common.items import ItemKind
from ilteo_recommend.profiles.schemas import (
    CompanyFields,
    FounderFields,
    FounderStage,
    IndividualFields,
    ProfileFields,
)

SOURCE_FIELDS = [
    "key",
    "kind",
    "cluster_id",
    "title",
    "organization",
    "occupation",
    "url",
    "district_id",
    "posted_at",
    "closes_on",
    "pay_stated",
    "pay_negotiable",
    "pay_month_min",
    "pay_month_max",
    "employment_type",
    "eligibility_age_min",
    "eligibility_age_max",
    "eligibility_residence",
    "eligibility_employment_status",
]

KEYWORD_FIELDS = [
    "title^3",
    "occupation^3",
    "keywords^2",
    "categories^2",
    "industry",
    "organization",
    "description",
]
TERM_PREFIX = "term:"
ABOUT_MATCH = "about"
"""Names of the clauses: an item's ``matched_queries`` says what it matched."""
EMBEDDING = "embedding"
ABOUT_BOOST = 0.3
"""Free text about oneself counts, but less than a named occupation or skill."""

# The least 업력 (company age in years) a founder of each stage has.
STAGE_MIN_COMPANY_AGE = {
    FounderStage.PRE_FOUNDING: 0,
    FounderStage.EARLY: 0,
    FounderStage.GROWTH: 3,
}
CITY_WIDE = "incheon"
"""``eligibility_residence`` value for anyone living in the city."""


@dataclass(frozen=True)
class Scope:
    """What every query of one request filters by."""

    fields: ProfileFields
    kind: ItemKind
    today: date
    strict_districts: bool = False
    excluded_keys: tuple[str, ...] = ()
    excluded_clusters: tuple[str, ...] = ()
    extra: list[dict[str, Any]] = field(default_factory=list)


def _unset_or(name: str, clause: dict[str, Any]) -> dict[str, Any]:
    return {
        "bool": {
            "should": [{"bool": {"must_not": {"exists": {"field": name}}}}, clause],
            "minimum_should_match": 1,
        }
    }


def age_of(birth_year: int, *, today: date) -> int:
    """The age reached this year; only the birth year is known (연 나이 기준)."""
    return today.year - birth_year


def _residence(fields: ProfileFields) -> str | None:
    if isinstance(fields, IndividualFields):
        return fields.residence_district
    return fields.district


def eligibility(fields: ProfileFields, *, today: date) -> list[dict[str, Any]]:
    clauses: list[dict[str, Any]] = []
    residence = _residence(fields)
    if residence is not None:
        allowed = {"terms": {"eligibility_residence": [residence, CITY_WIDE]}}
        clauses.append(_unset_or("eligibility_residence", allowed))

    if isinstance(fields, IndividualFields):
        clauses += _individual(fields, today=today)
    elif isinstance(fields, CompanyFields):
        sizes = {"term": {"eligibility_company_sizes": fields.size.value}}
        clauses.append(_unset_or("eligibility_company_sizes", sizes))
        age = max(0, today.year - fields.founding_year)
        young = {"range": {"eligibility_company_max_age_years": {"gte": age}}}
        clauses.append(_unset_or("eligibility_company_max_age_years", young))
    else:
        assert isinstance(fields, FounderFields)
        age = STAGE_MIN_COMPANY_AGE[fields.stage]
        young = {"range": {"eligibility_company_max_age_years": {"gte": age}}}
        clauses.append(_unset_or("eligibility_company_max_age_years", young))
    return clauses


def _individual(fields: IndividualFields, *, today: date) -> list[dict[str, Any]]:
    clauses = []
    if fields.birth_year is not None:
        age = age_of(fields.birth_year, today=today)
        oldest = {"range": {"eligibility_age_min": {"lte": age}}}
        youngest = {"range": {"eligibility_age_max": {"gte": age}}}
        clauses.append(_unset_or("eligibility_age_min", oldest))
        clauses.append(_unset_or("eligibility_age_max", youngest))
    if fields.employment_status is not None:
        status = {"term": {"eligibility_employment_status": fields.employment_status}}
        clauses.append(_unset_or("eligibility_employment_status", status))
    return clauses


def scope_filter(scope: Scope) -> dict[str, Any]:
    """Open items of the kind, for the audience, that the profile is eligible for."""
    today = scope.today.isoformat()
    clauses: list[dict[str, Any]] = [
        {"term": {"status": "open"}},
        {"term": {"kind": scope.kind.value}},
        {"term": {"audience": scope.fields.audience.value}},
        # The status may lag a day behind the deadline; the date does not.
        _unset_or("closes_on", {"range": {"closes_on": {"gte": today}}}),
        *eligibility(scope.fields, today=scope.today),
        *scope.extra,
    ]
    fields = scope.fields
    if (
        scope.strict_districts
        and isinstance(fields, IndividualFields)
        and fields.preferred_districts
    ):
        clauses.append({"terms": {"district_id": fields.preferred_districts}})

    excluded: list[dict[str, Any]] = []
    if scope.excluded_keys:
        excluded.append({"ids": {"values": list(scope.excluded_keys)}})
    if scope.excluded_clusters:
        excluded.append({"terms": {"cluster_id": list(scope.excluded_clusters)}})
    return {"bool": {"filter": clauses, "must_not": excluded}}


def knn_search(
    vector: np.ndarray,
    *,
    filter_: dict[str, Any],
    size: int,
    ef_search: int,
    terms: list[str],
    about: str | None,
) -> dict[str, Any]:
    """The nearest items, each with its BM25 parts as well.

    The keyword clauses are optional (``should``) beside the k-NN clause, so they
    change no hit; asked with ``include_named_queries_score``, every hit then
    carries each matched term's score, and its ``_score`` less their sum is its
    k-NN score. (Naming the k-NN clause too would have its score reported
    directly, at the cost of running it again for every hit.)
    """
    knn = {
        "knn": {
            EMBEDDING: {
                "vector": [float(x) for x in vector],
                "k": size,
                "filter": filter_,
                "method_parameters": {"ef_search": max(ef_search, size)},
            }
        }
    }
    return {
        "size": size,
        "_source": SOURCE_FIELDS,
        "query": {"bool": {"must": [knn], "should": keyword_clauses(terms, about)}},
    }


def term_clause(term: str) -> dict[str, Any]:
    """One term's match; its name tells later which terms an item matched."""
    return {
        "multi_match": {
            "query": term,
            "fields": KEYWORD_FIELDS,
            "type": "best_fields",
            "operator": "and",
            "_name": f"{TERM_PREFIX}{term}",
        }
    }


def keyword_clauses(terms: list[str], about: str | None) -> list[dict[str, Any]]:
    """One named clause per term, and the free text at a lower weight."""
    clauses = [term_clause(term) for term in terms]
    if about:
        clauses.append(
            {
                "multi_match": {
                    "query": about,
                    "fields": KEYWORD_FIELDS,
                    "boost": ABOUT_BOOST,
                    "_name": ABOUT_MATCH,
                }
            }
        )
    return clauses


def keyword_search(
    terms: list[str],
    *,
    about: str | None,
    filter_: dict[str, Any],
    size: int,
    vector: np.ndarray | None = None,
) -> dict[str, Any] | None:
    """BM25 over occupations, skills and certificates; None if there is nothing.

    With a vector, the hits are rescored by their exact cosine to it (a hit
    without a vector yet scores 0), so that ``_score`` is the similarity and the
    named clauses' scores add up to the BM25 score.
    """
    should = keyword_clauses(terms, about)
    if not should:
        return None
    body: dict[str, Any] = {
        "size": size,
        "_source": SOURCE_FIELDS,
        "query": {
            "bool": {"filter": [filter_], "should": should, "minimum_should_match": 1}
        },
    }
    if vector is not None:
        body["rescore"] = {
            "window_size": size,
            "query": {
                "query_weight": 0.0,
                "rescore_query_weight": 1.0,
                "rescore_query": exact_cosine(vector),
            },
        }
    return body


def exact_cosine(vector: np.ndarray) -> dict[str, Any]:
    """Every matched item scored by its exact cosine, as k-NN scores it."""
    return {
        "script_score": {
            "query": {"match_all": {}},
            "script": {
                "source": "knn_score",
                "lang": "knn",
                "params": {
                    "field": EMBEDDING,
                    "query_value": [float(x) for x in vector],
                    "space_type": "cosinesimil",
                },
            },
        }
    }


def exact_similarity(vector: np.ndarray, *, keys: list[str]) -> dict[str, Any]:
    """Cosine scores of the given items only.

    With a filter that admits no more documents than ``k``, Lucene scores them
    exactly instead of walking the graph.
    """
    return {
        "size": len(keys),
        "_source": False,
        "query": {
            "knn": {
                EMBEDDING: {
                    "vector": [float(x) for x in vector],
                    "k": len(keys),
                    "filter": {"ids": {"values": keys}},
                }
            }
        },
    }


def vectors_of(keys: list[str]) -> dict[str, Any]:
    return {
        "size": len(keys),
        "_source": ["embedding"],
        "query": {"ids": {"values": keys}},
    }


def occupation_count(
    occupation: str, *, filter_: dict[str, Any], career_years: int | None
) -> dict[str, Any]:
    """How many open jobs of an occupation the profile fits, by its experience."""
    clauses: list[dict[str, Any]] = [filter_]
    if career_years is not None:
        enough = {"range": {"career_min_years": {"lte": career_years}}}
        clauses.append(_unset_or("career_min_years", enough))
    return {
        "size": 0,
        "track_total_hits": True,
        "query": {
            "bool": {
                "filter": clauses,
                "must": {
                    "multi_match": {
                        "query": occupation,
                        "fields": ["occupation^2", "title", "keywords"],
                        "operator": "and",
                    }
                },
            }
        },
    }


# Endings that make a skill a job title: 용접원, 조종사, 정비공, 개발자, 운전기사.
JOB_SUFFIXES = ("기사", "원", "사", "공", "자")


def skill_of(occupation: str) -> str:
    """The skill an occupation names, as courses call it: 드론 조종사 -> 드론 조종."""
    for suffix in JOB_SUFFIXES:
        stem = occupation.removesuffix(suffix).strip()
        if stem != occupation and len(stem.replace(" ", "")) >= 2:
            return stem
    return occupation


def course_search(
    occupation: str, *, skills: list[str], filter_: dict[str, Any], size: int
) -> dict[str, Any]:
    """Training courses for an occupation; the profile's skills rank them."""
    occupation_match = term_clause(skill_of(occupation))
    return {
        "size": size,
        "_source": SOURCE_FIELDS,
        "query": {
            "bool": {
                "filter": [filter_],
                "must": occupation_match,
                "should": [term_clause(skill) for skill in skills],
            }
        },
    }
