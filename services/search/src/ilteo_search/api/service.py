"""What a search does: checks the request, plans the queries, fuses and pages."""

from dataclasses import dataclass
from typing import Any

import structlog

from ilteo_common.items import ItemKind
from ilteo_search.api import cursor, hits, queries
from ilteo_search.api.errors import BadRequest, NotFound, say
from ilteo_search.api.fusion import reciprocal_rank_fusion
from ilteo_search.api.queries import Filters, Page, TextQuery
from ilteo_search.api.reading import clean_text, read_text, resolve_filters
from ilteo_search.api.repository import SearchRepository
from ilteo_search.api.schemas import (
    ItemDetail,
    SearchFacets,
    SearchHit,
    SearchMode,
    SearchQuery,
    SearchResult,
    SortOrder,
    SourceLink,
    Suggestion,
    SuggestQuery,
    SuggestResult,
)
from ilteo_search.api.semantic import EmbedderState, QueryEmbedder
from ilteo_search.api.vocabulary import Vocabulary

log = structlog.get_logger(__name__)

ANCHOR_SLACK = 5
"""How far items may shift between two pages and still be paged without repeats."""


@dataclass(frozen=True, slots=True)
class Limits:
    page_size_max: int
    depth_max: int
    hybrid_window: int
    rrf_k: int
    knn_min_score: float
    knn_score_window: float


@dataclass(slots=True)
class _Page:
    hits: list[dict[str, Any]]
    aggregations: dict[str, Any]
    next_offset: int | None
    total: int


def _check_page(query: SearchQuery, *, limits: Limits) -> None:
    if query.size > limits.page_size_max:
        raise BadRequest(
            say(
                f"한 페이지에는 {limits.page_size_max}건까지 볼 수 있습니다.",
                f"A page holds at most {limits.page_size_max} results.",
            ),
            field="size",
        )


def _fingerprint(query: SearchQuery) -> str:
    # The mode is left out: should the model fail between two pages, the next page
    # follows the words alone (and says so) rather than refusing the cursor.
    return cursor.fingerprint(query.model_dump(mode="json", exclude={"cursor", "size"}))


def _window(start: int, size: int, *, cursor_given: bool) -> tuple[int, int]:
    """Where to read from and how many, so that the anchor can be found again."""
    if not cursor_given:
        return 0, size + 1
    first = max(0, start - 1 - ANCHOR_SLACK)
    return first, (start - first) + size + ANCHOR_SLACK + 1


def _align(
    clusters: list[str], *, first: int, start: int, at: cursor.Cursor | None
) -> int:
    """Index in ``clusters`` where the page begins: right after the anchor."""
    if at is not None and at.anchor in clusters:
        return clusters.index(at.anchor) + 1
    return min(start - first, len(clusters))


async def search(
    *,
    query: SearchQuery,
    repository: SearchRepository,
    vocabulary: Vocabulary,
    embedder: QueryEmbedder,
    limits: Limits,
) -> SearchResult:
    text = clean_text(query.q)
    _check_page(query, limits=limits)
    filters, reading = await resolve_filters(request=query, vocabulary=vocabulary)
    words = read_text(text, reading=reading) if text else None

    vector = None
    if words is not None and query.sort is SortOrder.RELEVANCE:
        vector = await embedder.embed(words.text)
    mode = _mode(words, vector)
    fingerprint = _fingerprint(query)
    at = (
        cursor.decode(
            query.cursor,
            expected_fingerprint=fingerprint,
            max_offset=limits.depth_max - 1,
        )
        if query.cursor
        else None
    )
    start = at.offset if at else 0
    size = min(query.size, limits.depth_max - start)

    if words is not None and vector is not None:
        page = await _fused_page(
            filters=filters,
            words=words,
            vector=vector,
            start=start,
            size=size,
            at=at,
            repository=repository,
            limits=limits,
        )
    else:
        page = await _single_page(
            filters=filters,
            words=words,
            order=query.sort,
            start=start,
            size=size,
            at=at,
            repository=repository,
        )

    items = await _with_sources(
        page.hits, include_closed=filters.include_closed, repository=repository
    )
    next_cursor = None
    if page.next_offset is not None and page.next_offset < limits.depth_max and items:
        next_cursor = cursor.encode(
            cursor.Cursor(page.next_offset, items[-1].cluster_id, fingerprint)
        )
    log.info(
        "search.answered",
        mode=mode.value,
        results=len(items),
        total=page.total,
        offset=start,
    )
    return SearchResult(
        mode=mode,
        notice=_notice(mode, embedder, query.sort),
        total=page.total,
        items=items,
        facets=_facets(page.aggregations),
        next_cursor=next_cursor,
        interpretation=reading,
    )


def _mode(words: TextQuery | None, vector: list[float] | None) -> SearchMode:
    if words is None:
        return SearchMode.BROWSE
    return SearchMode.HYBRID if vector is not None else SearchMode.BM25


def _notice(mode: SearchMode, embedder: QueryEmbedder, order: SortOrder) -> str | None:
    if mode is not SearchMode.BM25 or order is not SortOrder.RELEVANCE:
        return None
    if embedder.state is EmbedderState.OFF:
        return None
    return say(
        "의미 검색을 지금 쓸 수 없어 단어 검색 결과만 보여 줍니다.",
        "Meaning-based search is unavailable right now; results match words only.",
    )


async def _single_page(
    *,
    filters: Filters,
    words: TextQuery | None,
    order: SortOrder,
    start: int,
    size: int,
    at: cursor.Cursor | None,
    repository: SearchRepository,
) -> _Page:
    first, count = _window(start, size, cursor_given=at is not None)
    body = queries.search_body(
        filters=filters, text=words, order=order, page=Page(first, count)
    )
    response = await repository.search(body)

    found = response["hits"]["hits"]
    begin = _align([hits.cluster_of(h) for h in found], first=first, start=start, at=at)
    page = found[begin : begin + size]
    more = len(found) > begin + size
    aggregations = response.get("aggregations", {})
    return _Page(
        hits=page,
        aggregations=aggregations,
        next_offset=first + begin + len(page) if more else None,
        total=_total(aggregations),
    )


async def _fused_page(
    *,
    filters: Filters,
    words: TextQuery,
    vector: list[float],
    start: int,
    size: int,
    at: cursor.Cursor | None,
    repository: SearchRepository,
    limits: Limits,
) -> _Page:
    window = limits.hybrid_window
    ranking = queries.ranking_body(filters=filters, text=words, window=window)
    knn = queries.knn_body(
        filters=filters, vector=vector, window=window, min_score=limits.knn_min_score
    )
    by_words, by_meaning = await repository.msearch([ranking, knn])

    word_list = [hits.cluster_of(h) for h in by_words["hits"]["hits"]]
    meaning_list = _close_neighbours(
        by_meaning["hits"]["hits"], window=limits.knn_score_window
    )
    fused = reciprocal_rank_fusion([word_list, meaning_list], k=limits.rrf_k)
    fused = fused[: limits.depth_max]

    begin = _align(fused, first=0, start=start, at=at)
    chosen = fused[begin : begin + size]
    page: list[dict[str, Any]] = []
    if chosen:
        body = queries.clusters_body(filters=filters, text=words, clusters=chosen)
        response = await repository.search(body)
        by_cluster = {hits.cluster_of(h): h for h in response["hits"]["hits"]}
        page = [by_cluster[c] for c in chosen if c in by_cluster]

    aggregations = by_words.get("aggregations", {})
    more = len(fused) > begin + size
    return _Page(
        hits=page,
        aggregations=aggregations,
        next_offset=begin + len(chosen) if more else None,
        # Items found by meaning alone are results too.
        total=max(_total(aggregations), len(fused)),
    )


def _close_neighbours(found: list[dict[str, Any]], *, window: float) -> list[str]:
    """Clusters of the neighbours that score near the best one."""
    if not found:
        return []
    best = max(float(h["_score"]) for h in found)
    return [hits.cluster_of(h) for h in found if float(h["_score"]) >= best - window]


async def _with_sources(
    found: list[dict[str, Any]],
    *,
    include_closed: bool,
    repository: SearchRepository,
) -> list[SearchHit]:
    """The page's items, each with the other sources of its cluster."""
    clusters = [hits.cluster_of(h) for h in found]
    links: dict[str, list[SourceLink]] = {c: [] for c in clusters}
    if clusters:
        body = queries.members_body(clusters=clusters, include_closed=include_closed)
        response = await repository.search(body)
        for member in response["hits"]["hits"]:
            source = member["_source"]
            links.setdefault(source["cluster_id"], []).append(hits.source_link(source))

    items = []
    for hit, cluster in zip(found, clusters, strict=True):
        key = hit.get("_source", {}).get("key", hit["_id"])
        others = [link for link in links[cluster] if link.key != key]
        item = hits.search_hit(hit, also_on=others)
        if item is not None:
            items.append(item)
    return items


def _total(aggregations: dict[str, Any]) -> int:
    total = aggregations.get("total")
    return hits.clusters_count(total) if total else 0


def _facets(aggregations: dict[str, Any]) -> SearchFacets:
    facets: dict[str, Any] = {}
    for name in SearchFacets.model_fields:
        agg = aggregations.get(f"facet:{name}")
        if agg is not None:
            facets[name] = hits.facet_buckets(name, agg)
    return SearchFacets(**facets)


async def suggest(
    *, query: SuggestQuery, repository: SearchRepository
) -> SuggestResult:
    """Titles of open items that start with the typed words (자동완성)."""
    text = clean_text(query.q)
    if text is None:
        return SuggestResult(query=query.q, suggestions=[])
    kind = query.kind.value if query.kind else None
    body = queries.suggest_body(text=text, kind=kind, size=query.size)
    response = await repository.search(body)

    suggestions = []
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        kind_of = hits.enum_or_none(ItemKind, source.get("kind"))
        if kind_of is not None and source.get("title"):
            suggestions.append(
                Suggestion(text=source["title"], key=source["key"], kind=kind_of)
            )
    return SuggestResult(query=text, suggestions=suggestions)


async def item_detail(*, key: str, repository: SearchRepository) -> ItemDetail:
    """One item in full, with every source of its cluster."""
    response = await repository.search(queries.item_body(key=key))
    found = response["hits"]["hits"]
    if not found:
        raise NotFound(
            say(
                f"항목을 찾을 수 없습니다: {key}. 삭제되었거나 주소가 잘못되었습니다.",
                f"No item {key}: it was removed, or the address is wrong.",
            ),
            field="id",
        )
    source = found[0]["_source"]
    kind = hits.enum_or_none(ItemKind, source.get("kind")) or ItemKind.JOB
    cluster = source.get("cluster_id") or source["key"]
    members = await repository.search(queries.cluster_members_body(cluster=cluster))
    return ItemDetail(
        key=source["key"],
        cluster_id=cluster,
        kind=kind,
        status=source.get("status", "open"),
        title=source.get("title", ""),
        district=hits.district_ref(source.get("district_id")),
        item=source.get("item") or {},
        sources=[hits.item_source(m["_source"]) for m in members["hits"]["hits"]],
    )
