"""Fusion and soft signals (pure functions, no engines)."""

from datetime import date

import pytest

from ilteo_recommend.recommendations.ranking import (
    Candidate,
    cosine_of,
    district_signal,
    pay_signal,
    rank,
    recency_signal,
    weights_for,
)
from ilteo_recommend.recommendations.schemas import Strategy

TODAY = date(2026, 12, 1)


def job(**fields: object) -> dict[str, object]:
    return {"kind": "job", **fields}


class TestWeights:
    @pytest.mark.parametrize("strategy", list(Strategy))
    @pytest.mark.parametrize("with_feedback", [True, False])
    def test_sum_to_one(self, strategy: Strategy, with_feedback: bool) -> None:
        weights = weights_for(strategy, with_feedback=with_feedback)
        total = sum(vars(weights).values())
        assert total == pytest.approx(1.0)
        assert (weights.feedback > 0) is with_feedback

    def test_keyword_strategy_ignores_similarity(self) -> None:
        assert weights_for(Strategy.KEYWORD, with_feedback=False).similarity == 0.0


class TestPaySignal:
    @pytest.mark.parametrize(
        ("source", "wanted", "expected"),
        [
            (job(pay_month_min=3_000_000, pay_month_max=3_500_000), 2_800_000, 1.0),
            (job(pay_month_min=2_500_000, pay_month_max=3_000_000), 2_800_000, 0.7),
            (job(), 2_800_000, 0.3),
            (job(pay_month_min=3_000_000), None, 0.0),
            ({"kind": "policy"}, 2_800_000, 0.0),
        ],
    )
    def test_table(
        self, source: dict[str, object], wanted: int | None, expected: float
    ) -> None:
        assert pay_signal(source, wanted=wanted) == pytest.approx(expected)

    def test_far_below_is_zero_and_near_below_is_between(self) -> None:
        far = pay_signal(job(pay_month_max=1_000_000), wanted=3_000_000)
        near = pay_signal(job(pay_month_max=2_900_000), wanted=3_000_000)
        assert far == 0.0
        assert 0.0 < near < 0.5


class TestRecencySignal:
    def test_halves_every_fourteen_days(self) -> None:
        fresh = recency_signal({"posted_at": "2026-12-01T09:00:00+09:00"}, today=TODAY)
        old = recency_signal({"posted_at": "2026-11-17T09:00:00Z"}, today=TODAY)
        assert fresh == pytest.approx(1.0)
        assert old == pytest.approx(0.5)

    def test_unknown_date(self) -> None:
        assert 0.0 < recency_signal({}, today=TODAY) < 1.0


class TestDistrictSignal:
    def test_preferred_city_wide_and_other(self) -> None:
        wanted = frozenset({"bupyeong-gu"})
        assert district_signal({"district_id": "bupyeong-gu"}, districts=wanted) == 1
        assert district_signal({}, districts=wanted) == 0.5
        assert district_signal({"district_id": "yeonsu-gu"}, districts=wanted) == 0
        assert district_signal({"district_id": "yeonsu-gu"}, districts=frozenset()) == 0


class TestRank:
    def test_cosine_from_lucene_score(self) -> None:
        assert cosine_of(0.9) == pytest.approx(0.8)

    def test_similar_and_matching_item_wins(self) -> None:
        candidates = [
            Candidate(key="a", source=job(cluster_id="1"), cosine=0.9, bm25=8.0),
            Candidate(key="b", source=job(cluster_id="2"), cosine=0.7, bm25=2.0),
            Candidate(key="c", source=job(cluster_id="3"), cosine=0.8, bm25=0.0),
        ]
        ranked = rank(
            candidates,
            strategy=Strategy.HYBRID,
            wanted_pay=None,
            districts=frozenset(),
            today=TODAY,
            with_feedback=False,
        )
        assert [c.key for c in ranked] == ["a", "c", "b"]
        assert ranked[0].signals["similarity"] == 1.0
        assert ranked[0].signals["keyword"] == 1.0

    def test_one_item_per_cluster(self) -> None:
        candidates = [
            Candidate(key="a", source=job(cluster_id="same"), cosine=0.9, bm25=1.0),
            Candidate(key="b", source=job(cluster_id="same"), cosine=0.8, bm25=1.0),
        ]
        ranked = rank(
            candidates,
            strategy=Strategy.HYBRID,
            wanted_pay=None,
            districts=frozenset(),
            today=TODAY,
            with_feedback=False,
        )
        assert [c.key for c in ranked] == ["a"]
