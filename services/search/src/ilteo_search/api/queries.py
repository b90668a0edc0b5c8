"""OpenSearch request bodies of the search API, built from checked parameters.

User text only ever reaches ``multi_match`` and ``match`` (never ``query_string``,
wildcards, regular expressions or scripts), so operators such as ``AND``, ``*:*``
or ``/.*/`` are plain characters that the analyzer drops.
"""

from dataclasses import dataclass, field
from typing import Any

from ilteo_search.api.schemas import SortOrder
from ilteo_search.index.analysis import KOREAN_ANALYZER
from ilteo_search.index.mapping import EMBEDDING_FIELD

Clause = dict[str, Any]

# Days end at midnight in Incheon, not in UTC.
TIME_ZONE = "+09:00"

TEXT_FIELDS = (
    "title^3",
    "occupation^2",
    "keywords^1.5",
    "organization",
    "description",
    "address^0.5",
)
FUZZY_FIELDS = ("title", "occupation", "keywords")

CLUSTER_FIELD = "cluster_id"

HIT_SOURCE_FIELDS = (
    *("key", "cluster_id", "kind", "source", "source_id", "url", "status"),
    *("title", "organization", "occupation", "occupation_code", "district_id"),
    *("region_text", "employment_type", "career", "education", "remote"),
    *("pay_period", "pay_text", "pay_negotiable", "pay_stated", "pay_month_min"),
    *("pay_month_max", "pay_hour_min", "pay_hour_max", "below_minimum_wage"),
    *("posted_at", "closes_on", "open_until_filled"),
)
SOURCE_LINK_FIELDS = ("key", "cluster_id", "source", "source_id", "url", "status")

TERMS_FACETS: dict[str, tuple[str, int]] = {
    # facet: (field, most buckets)
    "kind": ("kind", 10),
    "district": ("district_id", 20),
    "occupation": ("occupation.keyword", 15),
    "employment_type": ("employment_type", 10),
    "career": ("career", 10),
    "education": ("education", 10),
    "source": ("source", 20),
    "audience": ("audience", 10),
    "remote": ("remote", 2),
}
PAY_STEPS_KRW = (2_000_000, 2_500_000, 3_000_000, 4_000_000, 5_000_000)
CLOSING_STEPS_DAYS = (3, 7, 14, 30)


@dataclass(frozen=True, slots=True)
class Filters:
    """Filter values after checking: districts are current ids, names resolved."""

    kind: str | None = None
    districts: tuple[str, ...] = ()
    occupation_codes: tuple[str, ...] = ()
    occupation_names: tuple[str, ...] = ()
    employment_types: tuple[str, ...] = ()
    careers: tuple[str, ...] = ()
    educations: tuple[str, ...] = ()
    min_pay_month: int | None = None
    remote: bool | None = None
    closing_within_days: int | None = None
    sources: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    include_closed: bool = False


@dataclass(frozen=True, slots=True)
class TextQuery:
    """The words of ``q`` and what the service read into them."""

    text: str
    translated: tuple[str, ...] = ()  # Korean terms for English job words
    places: tuple[str, ...] = ()  # district ids named in the text
    fuzzy: bool = True


@dataclass(frozen=True, slots=True)
class Page:
    start: int
    size: int


@dataclass(slots=True)
class SearchBodies:
    main: dict[str, Any]
    knn: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def pay_at_least(krw: int) -> Clause:
    # A range reaching the wish is enough: 250만~350만 answers "at least 300만".
    return {
        "bool": {
            "should": [
                {"range": {"pay_month_max": {"gte": krw}}},
                {"range": {"pay_month_min": {"gte": krw}}},
            ],
            "minimum_should_match": 1,
        }
    }


def closing_within(days: int) -> Clause:
    bounds = {"gte": "now/d", "lte": f"now+{days}d/d", "time_zone": TIME_ZONE}
    return {"range": {"closes_on": bounds}}


def base_clauses(*, include_closed: bool) -> list[Clause]:
    """What every list shows: open items, and closed ones only when asked."""
    if include_closed:
        return [{"terms": {"status": ["open", "closed"]}}]
    # A deadline that has passed closes an item even before the indexer says so.
    not_past = {
        "bool": {
            "should": [
                {"range": {"closes_on": {"gte": "now/d", "time_zone": TIME_ZONE}}},
                {"bool": {"must_not": {"exists": {"field": "closes_on"}}}},
            ],
            "minimum_should_match": 1,
        }
    }
    return [{"term": {"status": "open"}}, not_past]


def facet_clauses(filters: Filters) -> dict[str, Clause | None]:
    """One clause per facet, None where that filter is not set."""

    def terms(field: str, values: tuple[str, ...]) -> Clause | None:
        return {"terms": {field: list(values)}} if values else None

    occupation: Clause | None = None
    if filters.occupation_codes or filters.occupation_names:
        either = [
            terms("occupation_code", filters.occupation_codes),
            terms("occupation.keyword", filters.occupation_names),
        ]
        occupation = {"bool": {"should": [c for c in either if c is not None]}}
    return {
        "kind": {"term": {"kind": filters.kind}} if filters.kind else None,
        "district": terms("district_id", filters.districts),
        "occupation": occupation,
        "employment_type": terms("employment_type", filters.employment_types),
        "career": terms("career", filters.careers),
        "education": terms("education", filters.educations),
        "source": terms("source", filters.sources),
        "audience": terms("audience", filters.audiences),
        "remote": (
            {"term": {"remote": filters.remote}} if filters.remote is not None else None
        ),
        "min_pay_month": (
            pay_at_least(filters.min_pay_month)
            if filters.min_pay_month is not None
            else None
        ),
        "closing_within_days": (
            closing_within(filters.closing_within_days)
            if filters.closing_within_days is not None
            else None
        ),
    }


def all_filters(filters: Filters) -> list[Clause]:
    clauses = facet_clauses(filters).values()
    return base_clauses(include_closed=filters.include_closed) + [
        clause for clause in clauses if clause is not None
    ]


def words_query(text: str, *, analyzer: str | None = None) -> Clause:
    match: Clause = {
        "query": text,
        "fields": list(TEXT_FIELDS),
        "type": "best_fields",
        "tie_breaker": 0.3,
        # Each synonym path is matched as words, not as a phrase: 용접공 → 용접사
        # is one path, and a posting need not hold its parts side by side.
        "auto_generate_synonyms_phrase_query": False,
    }
    if analyzer is not None:
        match["analyzer"] = analyzer
    return {"multi_match": match}


def _fuzzy(text: str, *, analyzer: str | None) -> Clause:
    match: Clause = {
        "query": text,
        "fields": list(FUZZY_FIELDS),
        "fuzziness": "AUTO",
        "prefix_length": 1,
        "max_expansions": 20,
        # Typos score well below exact words, so that an exact match stays first.
        "boost": 0.2,
    }
    if analyzer is not None:
        match["analyzer"] = analyzer
    return {"multi_match": match}


def text_query(query: TextQuery) -> Clause:
    """BM25 over the text fields: synonyms, word parts, typos, translations, places.

    The fields' own search analyzer expands job synonyms (알바 → 아르바이트); the
    index analyzer, without synonyms, keeps the compound parts of the query, so
    that 용접 공 also finds 용접 보조. A typo changes how Nori cuts a word, so
    typos are tried on Nori's terms and on whole words (간호조무시 → 간호조무사).
    """
    should: list[Clause] = [
        words_query(query.text),
        words_query(query.text, analyzer=KOREAN_ANALYZER),
    ]
    if query.fuzzy:
        should.append(_fuzzy(query.text, analyzer=None))
        should.append(_fuzzy(query.text, analyzer="standard"))
    if query.translated:
        translated = words_query(" ".join(query.translated))
        translated["multi_match"]["boost"] = 0.8
        should.append(translated)
    if query.places:
        place = {"terms": {"district_id": list(query.places)}}
        should.append({"constant_score": {"filter": place, "boost": 2.0}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def sort_clauses(order: SortOrder, *, scored: bool) -> list[Clause]:
    newest = {"posted_at": {"order": "desc", "missing": "_last"}}
    by_order = {
        SortOrder.RELEVANCE: [{"_score": "desc"}, newest] if scored else [newest],
        SortOrder.NEWEST: [newest],
        SortOrder.DEADLINE: [{"closes_on": {"order": "asc", "missing": "_last"}}],
        SortOrder.PAY: [{"pay_month_max": {"order": "desc", "missing": "_last"}}],
    }
    # A unique last key makes the order total, so that pages never shuffle.
    return [*by_order[order], {"key": "asc"}]


def _highlight_query(query: TextQuery) -> Clause:
    should = [
        words_query(query.text),
        words_query(query.text, analyzer=KOREAN_ANALYZER),
    ]
    if query.translated:
        should.append(words_query(" ".join(query.translated)))
    return {"bool": {"should": should}}


def highlight(query: TextQuery) -> dict[str, Any]:
    return {
        # Source text may hold markup; only our own <em> tags may reach a page.
        "encoder": "html",
        "pre_tags": ["<em>"],
        "post_tags": ["</em>"],
        "highlight_query": _highlight_query(query),
        "fields": {
            "title": {"number_of_fragments": 0},
            "organization": {"number_of_fragments": 0},
            "description": {
                "fragment_size": 120,
                "number_of_fragments": 2,
                "no_match_size": 120,
            },
        },
    }


def _cluster_count() -> Clause:
    return {"cardinality": {"field": CLUSTER_FIELD}}


def _facet_agg(name: str, others: list[Clause]) -> Clause:
    if name in TERMS_FACETS:
        field, size = TERMS_FACETS[name]
        inner: Clause = {
            "terms": {"field": field, "size": size},
            "aggs": {"clusters": _cluster_count()},
        }
    elif name == "min_pay_month":
        steps = {str(krw): pay_at_least(krw) for krw in PAY_STEPS_KRW}
        inner = {"filters": {"filters": steps}, "aggs": {"clusters": _cluster_count()}}
    else:
        steps = {str(days): closing_within(days) for days in CLOSING_STEPS_DAYS}
        inner = {"filters": {"filters": steps}, "aggs": {"clusters": _cluster_count()}}
    return {"filter": {"bool": {"filter": others}}, "aggs": {"values": inner}}


def facet_aggs(filters: Filters) -> dict[str, Any]:
    """Facet counts with post-filter semantics: each ignores its own filter only."""
    clauses = facet_clauses(filters)
    aggs: dict[str, Any] = {
        "total": {
            "filter": {"bool": {"filter": [c for c in clauses.values() if c]}},
            "aggs": {"clusters": _cluster_count()},
        }
    }
    for name in clauses:
        others = [c for other, c in clauses.items() if other != name and c]
        aggs[f"facet:{name}"] = _facet_agg(name, others)
    return aggs


def search_body(
    *,
    filters: Filters,
    text: TextQuery | None,
    order: SortOrder,
    page: Page,
) -> dict[str, Any]:
    """One collapsed page with facets: the whole search when no fusion is needed."""
    base = base_clauses(include_closed=filters.include_closed)
    query: Clause = {"bool": {"filter": base}}
    if text is not None:
        query["bool"]["must"] = [text_query(text)]
    post = [c for c in facet_clauses(filters).values() if c is not None]

    body: dict[str, Any] = {
        "query": query,
        "post_filter": {"bool": {"filter": post}},
        "aggs": facet_aggs(filters),
        "collapse": {"field": CLUSTER_FIELD},
        "sort": sort_clauses(order, scored=text is not None),
        "from": page.start,
        "size": page.size,
        "_source": list(HIT_SOURCE_FIELDS),
        "track_total_hits": False,
    }
    if text is not None:
        body["highlight"] = highlight(text)
    return body


def ranking_body(*, filters: Filters, text: TextQuery, window: int) -> dict[str, Any]:
    """The BM25 list for fusion: cluster ids only, with the facets."""
    query = {"bool": {"must": [text_query(text)], "filter": all_filters(filters)}}
    return {
        "query": query,
        "aggs": facet_aggs(filters),
        "collapse": {"field": CLUSTER_FIELD},
        "size": window,
        "_source": False,
        "track_total_hits": False,
    }


def knn_body(
    *, filters: Filters, vector: list[float], window: int, min_score: float
) -> dict[str, Any]:
    """The embedding list for fusion, filtered inside the k-NN search (Lucene)."""
    knn = {
        "vector": vector,
        "k": window,
        "filter": {"bool": {"filter": all_filters(filters)}},
    }
    return {
        "query": {"knn": {EMBEDDING_FIELD: knn}},
        "collapse": {"field": CLUSTER_FIELD},
        "min_score": min_score,
        "size": window,
        "_source": False,
        "track_total_hits": False,
    }


def clusters_body(
    *, filters: Filters, text: TextQuery, clusters: list[str]
) -> dict[str, Any]:
    """The best item of each given cluster, for a fused page."""
    query = {
        "bool": {
            "should": [text_query(text)],
            "filter": [*all_filters(filters), {"terms": {CLUSTER_FIELD: clusters}}],
        }
    }
    return {
        "query": query,
        "collapse": {"field": CLUSTER_FIELD},
        "size": len(clusters),
        "_source": list(HIT_SOURCE_FIELDS),
        "highlight": highlight(text),
        "track_total_hits": False,
    }


def members_body(*, clusters: list[str], include_closed: bool) -> dict[str, Any]:
    """Every source of the given clusters (the ``also_on`` links)."""
    statuses = ["open", "closed"] if include_closed else ["open"]
    query = {
        "bool": {
            "filter": [
                {"terms": {CLUSTER_FIELD: clusters}},
                {"terms": {"status": statuses}},
            ]
        }
    }
    return {
        "query": query,
        "size": min(10 * len(clusters), 500),
        "sort": [{"key": "asc"}],
        "_source": list(SOURCE_LINK_FIELDS),
        "track_total_hits": False,
    }


def suggest_body(*, text: str, kind: str | None, size: int) -> dict[str, Any]:
    """Open items whose title has words starting as typed; one per title."""
    prefix = {
        "multi_match": {
            "query": text,
            "type": "bool_prefix",
            "fields": ["title_suggest", "title_suggest._2gram", "title_suggest._3gram"],
            "operator": "and",
        }
    }
    filters = base_clauses(include_closed=False)
    if kind:
        filters.append({"term": {"kind": kind}})
    return {
        "query": {"bool": {"must": [prefix], "filter": filters}},
        "collapse": {"field": "title.keyword"},
        "size": size,
        "_source": ["key", "title", "kind"],
        "track_total_hits": False,
    }


def item_body(*, key: str) -> dict[str, Any]:
    return {
        "query": {"bool": {"filter": [{"term": {"key": key}}]}},
        "size": 1,
        "_source": {"excludes": ["embedding", "passage"]},
    }


def cluster_members_body(*, cluster: str) -> dict[str, Any]:
    return {
        "query": {"bool": {"filter": [{"term": {CLUSTER_FIELD: cluster}}]}},
        "size": 50,
        "sort": [{"key": "asc"}],
        "_source": [*SOURCE_LINK_FIELDS, "modified_at"],
        "track_total_hits": False,
    }
