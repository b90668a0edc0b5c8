"""Request bodies: user text reaches only ``match``-family queries."""

from collections.abc import Iterator
from typing import Any

import pytest

from ilteo_search.api import queries
from ilteo_search.api.queries import Filters, Page, TextQuery
from ilteo_search.api.schemas import SortOrder

UNSAFE = {"query_string", "simple_query_string", "wildcard", "regexp", "script"}


def _keys(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _keys(value)
    elif isinstance(node, list):
        for value in node:
            yield from _keys(value)


class TestQueries:
    @pytest.mark.parametrize("text", ["*:*", "/.*/", "title:x AND y", "a*"])
    def test_no_query_syntax_for_user_text(self, text: str) -> None:
        words = TextQuery(text=text, translated=("용접",), places=("bupyeong-gu",))
        bodies = [
            queries.search_body(
                filters=Filters(),
                text=words,
                order=SortOrder.RELEVANCE,
                page=Page(0, 10),
            ),
            queries.ranking_body(filters=Filters(), text=words, window=10),
            queries.suggest_body(text=text, kind=None, size=5),
        ]

        for body in bodies:
            assert not UNSAFE & set(_keys(body))

    def test_facets_leave_out_their_own_filter(self) -> None:
        aggs = queries.facet_aggs(Filters(districts=("bupyeong-gu",), kind="job"))

        district = aggs["facet:district"]["filter"]["bool"]["filter"]
        kind = aggs["facet:kind"]["filter"]["bool"]["filter"]
        assert district == [{"term": {"kind": "job"}}]
        assert kind == [{"terms": {"district_id": ["bupyeong-gu"]}}]

    def test_every_sort_ends_on_the_unique_key(self) -> None:
        for order in SortOrder:
            for scored in (True, False):
                assert queries.sort_clauses(order, scored=scored)[-1] == {"key": "asc"}
