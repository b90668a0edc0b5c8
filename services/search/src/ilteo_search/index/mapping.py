"""The search index's settings and mappings: one flat document per item key.

The indexer writes these documents and the search API reads them; both go through
this module, so a field is named in one place. Documents are addressed by ``_id`` =
``source:source_id`` and written with ``version_type=external`` and ``version`` =
the item's ``modified_at`` in epoch milliseconds.
"""

from typing import Any

from ilteo_search.index.analysis import (
    KOREAN_ANALYZER,
    KOREAN_SEARCH_ANALYZER,
    SUGGEST_ANALYZER,
    SUGGEST_SEARCH_ANALYZER,
    analysis_settings,
)

EMBEDDING_DIMENSION = 384
"""multilingual-e5-small's output size."""

EMBEDDING_FIELD = "embedding"
ITEM_FIELD = "item"
EMBEDDED_FIELD = "embedded"
PASSAGE_FIELD = "passage"
PARTITION_FIELD = "partition"

KIND_VALUES = ("job", "training", "program", "policy")
STATUS_VALUES = ("open", "closed", "retired")

_KEYWORD: dict[str, Any] = {"type": "keyword"}
_BOOLEAN: dict[str, Any] = {"type": "boolean"}
_INTEGER: dict[str, Any] = {"type": "integer"}
_LONG: dict[str, Any] = {"type": "long"}
_FLOAT: dict[str, Any] = {"type": "float"}
_DATE: dict[str, Any] = {"type": "date", "format": "strict_date_optional_time"}
_DAY: dict[str, Any] = {"type": "date", "format": "strict_date"}


def _korean_text(*, keyword: bool = False) -> dict[str, Any]:
    field: dict[str, Any] = {
        "type": "text",
        "analyzer": KOREAN_ANALYZER,
        "search_analyzer": KOREAN_SEARCH_ANALYZER,
    }
    if keyword:
        field["fields"] = {"keyword": {"type": "keyword", "ignore_above": 512}}
    return field


IDENTITY_FIELDS: dict[str, Any] = {
    "key": _KEYWORD,
    "cluster_id": _KEYWORD,  # shared by the same job seen in several sources
    "kind": _KEYWORD,
    "source": _KEYWORD,
    "source_id": _KEYWORD,
    "url": {"type": "keyword", "index": False},
    "correlation_id": _KEYWORD,
}

TEXT_FIELDS: dict[str, Any] = {
    "title": _korean_text(keyword=True),
    "title_suggest": {
        "type": "search_as_you_type",
        "analyzer": SUGGEST_ANALYZER,
        "search_analyzer": SUGGEST_SEARCH_ANALYZER,
        "max_shingle_size": 3,
    },
    "description": _korean_text(),
    "organization": _korean_text(keyword=True),
    "occupation": _korean_text(keyword=True),
    "keywords": _korean_text(keyword=True),
    "address": _korean_text(),
}

JOB_FIELDS: dict[str, Any] = {
    "occupation_code": _KEYWORD,  # 고용직업분류 (KECO)
    "industry": _korean_text(keyword=True),
    "employment_type": _KEYWORD,
    "career": _KEYWORD,
    "career_min_years": _FLOAT,
    "education": _KEYWORD,
    "remote": _BOOLEAN,
    "headcount": _INTEGER,
}

PAY_FIELDS: dict[str, Any] = {
    "pay_period": _KEYWORD,
    "pay_text": {"type": "text", "analyzer": KOREAN_ANALYZER},
    "pay_negotiable": _BOOLEAN,
    "pay_stated": _BOOLEAN,  # false: the source says nothing about pay
    "pay_month_min": _LONG,  # KRW, hour × 209, day × 8 × 209, year ÷ 12
    "pay_month_max": _LONG,
    "pay_hour_min": _LONG,
    "pay_hour_max": _LONG,
    "below_minimum_wage": _BOOLEAN,
}

PLACE_FIELDS: dict[str, Any] = {
    "district_id": _KEYWORD,  # a current district of ilteo_places
    "location": {"type": "geo_point"},
    "region_text": {"type": "text", "analyzer": KOREAN_ANALYZER},
}

TIME_FIELDS: dict[str, Any] = {
    "posted_at": _DATE,
    "modified_at": _DATE,
    "indexed_at": _DATE,
    "closes_on": _DAY,  # 마감일
    "open_until_filled": _BOOLEAN,  # 채용시까지
    "status": _KEYWORD,
}

PROGRAM_FIELDS: dict[str, Any] = {
    "audience": _KEYWORD,
    "categories": _korean_text(keyword=True),
    "eligibility_age_min": _INTEGER,
    "eligibility_age_max": _INTEGER,
    "eligibility_residence": _KEYWORD,
    "eligibility_employment_status": _KEYWORD,
    "eligibility_company_max_age_years": _INTEGER,  # 업력
    "eligibility_company_sizes": _KEYWORD,
    "period_starts_on": _DAY,
    "period_ends_on": _DAY,
    "application_starts_on": _DAY,
    "application_ends_on": _DAY,
    "takes_applications": _BOOLEAN,
    "capacity": _INTEGER,
    "fee_krw": _LONG,
    "ncs_code": _KEYWORD,
    "employment_rate_6m": _FLOAT,
}


# A document is written first without its vector, so that it is searchable at once,
# and again with it when the vector is computed (``ilteo_search.indexer.vectors``).
VECTOR_STATE_FIELDS: dict[str, Any] = {
    EMBEDDED_FIELD: _BOOLEAN,  # false until the vector is written
    PASSAGE_FIELD: {"type": "keyword", "index": False, "doc_values": False},
    PARTITION_FIELD: _INTEGER,  # of the item topic: who computes the vector
}


HNSW_M = 16
"""Neighbours per node in the graph (Lucene's default, written out)."""
HNSW_EF_CONSTRUCTION = 100
"""Candidates kept while inserting. On 100,000 real embeddings of postings these
give recall@10 of 1.0 against exact scoring at ef_search 200
(``bench/recommend.py --real``). A denser graph (m 32, ef_construction 200) helps
only random vectors, HNSW's worst case (0.93 against 0.74 for a broad filter at
ef_search 800, 100,000 vectors), and took twice as long to build and merge."""


def embedding_field(dimension: int) -> dict[str, Any]:
    # Only the Lucene engine loads from Maven Central; faiss and nmslib need
    # native libraries that the local stack does not have.
    return {
        "type": "knn_vector",
        "dimension": dimension,
        "method": {
            "name": "hnsw",
            "engine": "lucene",
            "space_type": "cosinesimil",
            "parameters": {"m": HNSW_M, "ef_construction": HNSW_EF_CONSTRUCTION},
        },
    }


def properties(*, embedding_dimension: int = EMBEDDING_DIMENSION) -> dict[str, Any]:
    return {
        **IDENTITY_FIELDS,
        **TEXT_FIELDS,
        **JOB_FIELDS,
        **PAY_FIELDS,
        **PLACE_FIELDS,
        **TIME_FIELDS,
        **PROGRAM_FIELDS,
        **VECTOR_STATE_FIELDS,
        EMBEDDING_FIELD: embedding_field(embedding_dimension),
        # The whole normalised item, kept for the detail view only.
        ITEM_FIELD: {"type": "object", "enabled": False},
    }


def index_body(
    *,
    embedding_dimension: int = EMBEDDING_DIMENSION,
    shards: int = 1,
    replicas: int = 0,
    refresh_interval_s: float = 1.0,
) -> dict[str, Any]:
    """The body of a create-index request for one versioned items index."""
    return {
        "settings": {
            "index": {
                "number_of_shards": shards,
                "number_of_replicas": replicas,
                "refresh_interval": f"{int(refresh_interval_s * 1000)}ms",
                "knn": True,
                # k-NN 3.x rebuilds vectors in _source from the graph ("derived
                # source"). On 3.5.0, once a _reindex had read an index, every
                # search that fetched the vector failed (503, all shards failed);
                # storing the vector as sent avoids that path.
                "knn.derived_source.enabled": False,
            },
            "analysis": analysis_settings(),
        },
        "mappings": {
            # A field nobody declared is a bug in the indexer, not a new field.
            "dynamic": "strict",
            "properties": properties(embedding_dimension=embedding_dimension),
        },
    }
