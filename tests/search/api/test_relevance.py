"""Golden relevance: Korean and English queries → the items expected near the top."""

from typing import Any

import pytest

from tests.search.api.conftest import found_keys, get, needs_model, rank_of

# (query, filters, keys that must all be in the top ``n``, n)
WORD_ROWS: list[tuple[str, dict[str, Any], list[str], int]] = [
    # exact words, and the same words spaced differently
    ("용접공", {}, ["work24:K100001"], 1),
    ("용접 공", {}, ["work24:K100001", "work24:K100002"], 3),
    ("지게차 운전원", {}, ["work24:K100009"], 1),
    # words Nori's dictionary lacks (the index's user dictionary has them)
    ("용접사", {}, ["work24:K100002", "work24:K100001"], 3),
    ("상하차 알바", {}, ["alba:A9003"], 1),
    # job-domain synonyms, applied at search time
    ("알바", {}, ["alba:A9001", "alba:A9002", "work24:K100031"], 4),
    ("경리", {}, ["work24:K100005", "work24:K100006"], 2),
    ("요리사", {}, ["work24:K100003", "work24:K100004"], 4),
    ("요리사 일자리", {}, ["work24:K100003"], 3),
    # one-character typos
    ("요양보호시", {}, ["work24:K100007", "work24:K100008"], 3),
    ("간호조무시", {}, ["work24:K100016"], 1),
    ("바리스티", {}, ["alba:A9002"], 1),
    ("보육교서", {}, ["work24:K100017"], 1),
    # old district names as filters: 중구 is now 영종구 + 제물포구
    ("판매", {"district": "중구"}, ["work24:K100033", "work24:K100038"], 2),
    # 28260 was 서구: now 서해구 + 검단구
    ("아르바이트", {"district": "28260"}, ["alba:A9002"], 1),
    ("물류센터", {"district": "28260"}, ["alba:A9003", "work24:K100034"], 2),
    ("조리사", {"district": "서구"}, ["work24:K100035"], 1),
    # English, as foreign residents type it
    ("welding job Bupyeong", {}, ["work24:K100001"], 1),
    ("cook", {}, ["work24:K100003"], 4),
    ("part-time cashier", {}, ["work24:K100031"], 2),
    ("forklift driver", {}, ["work24:K100009"], 2),
]

# Reworded or colloquial queries whose words barely appear in the postings:
# (query, keys of which one should rank first, exact-match keys kept in the top 3)
MEANING_ROWS: list[tuple[str, set[str]]] = [
    ("빵 만드는 일", {"work24:K100030"}),
    ("요리사 일자리", {"work24:K100003", "work24:K100004", "work24:K100035"}),
    ("외국어 잘하는 사람 일자리", {"incheon:P3004", "work24:K100038"}),
]


def _top(url: str, query: str, **filters: Any) -> list[dict[str, Any]]:
    answer = get(url, "search", q=query, size=10, **filters)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


class TestWordRelevance:
    @pytest.mark.parametrize(("query", "filters", "expected", "n"), WORD_ROWS)
    def test_expected_items_rank_near_the_top(
        self,
        search_url: str,
        query: str,
        filters: dict[str, Any],
        expected: list[str],
        n: int,
    ) -> None:
        items = _top(search_url, query, **filters)

        top = set().union(*(found_keys(item) for item in items[:n]))
        assert set(expected) <= top, [item["title"] for item in items[:n]]


class TestHybridRelevance:
    @needs_model
    @pytest.mark.parametrize(("query", "filters", "expected", "n"), WORD_ROWS)
    def test_exact_matches_are_not_lost(
        self,
        hybrid_url: str,
        query: str,
        filters: dict[str, Any],
        expected: list[str],
        n: int,
    ) -> None:
        # Fusion may reorder within a few places; what words find stays near the top.
        items = _top(hybrid_url, query, **filters)

        top = set().union(*(found_keys(item) for item in items[: n + 2]))
        assert set(expected) <= top, [item["title"] for item in items[: n + 2]]

    @needs_model
    @pytest.mark.parametrize(("query", "good"), MEANING_ROWS)
    def test_meaning_ranks_a_fitting_item_first(
        self, hybrid_url: str, search_url: str, query: str, good: set[str]
    ) -> None:
        hybrid = _top(hybrid_url, query)
        words = _top(search_url, query)

        assert found_keys(hybrid[0]) & good, [item["title"] for item in hybrid[:3]]
        best_by_words = min(
            (rank for key in good if (rank := rank_of(words, key)) is not None),
            default=len(words) + 1,
        )
        assert best_by_words > 1, "BM25 alone already ranks it first"

    @needs_model
    def test_the_answer_says_hybrid(self, hybrid_url: str) -> None:
        answer = get(hybrid_url, "search", q="용접공").json()

        assert answer["mode"] == "hybrid"
        assert answer["notice"] is None

    @needs_model
    def test_sorting_by_date_does_not_fuse(self, hybrid_url: str) -> None:
        answer = get(hybrid_url, "search", q="용접공", sort="newest").json()

        assert answer["mode"] == "bm25"
        assert answer["notice"] is None
