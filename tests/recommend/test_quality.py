"""Offline relevance: judged profiles over the fixed corpus, hybrid vs keywords.

The thresholds are the figures measured when the ranking was written, less a
margin; hybrid must beat the keyword-only baseline on both measures.
"""

import json
import math
from typing import Any

import pytest

from tests.conftest import ARTIFACTS
from tests.recommend.conftest import Api, new_subject
from tests.recommend.corpus import load

K = 10
HYBRID_NDCG_MIN = 0.90  # measured 0.975
HYBRID_PRECISION_MIN = 0.34  # measured 0.37 (at most 0.39 here)


def precision_at(ranked: list[str], relevant: dict[str, int], k: int = K) -> float:
    return sum(1 for key in ranked[:k] if relevant.get(key, 0) > 0) / k


def ndcg_at(ranked: list[str], relevant: dict[str, int], k: int = K) -> float:
    gains = [relevant.get(key, 0) for key in ranked[:k]]
    dcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def _ranked(api: Api, case: dict[str, Any], strategy: str) -> list[str]:
    subject = new_subject()
    profile_id = api.create(subject, case["profile"])["id"]
    answer = api.recommend(
        subject, profile_id, kind=case["kind"], size=K, strategy=strategy
    )
    return [item["key"] for item in answer["items"]]


@pytest.fixture(scope="module")
def figures(api: Api) -> dict[str, dict[str, float]]:
    cases = load("profiles.yaml")
    figures = {}
    for strategy in ("hybrid", "keyword"):
        precision, ndcg = [], []
        for case in cases:
            ranked = _ranked(api, case, strategy)
            precision.append(precision_at(ranked, case["relevant"]))
            ndcg.append(ndcg_at(ranked, case["relevant"]))
        figures[strategy] = {
            "precision@10": sum(precision) / len(cases),
            "ndcg@10": sum(ndcg) / len(cases),
        }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "recommend-quality.json").write_text(json.dumps(figures, indent=2))
    return figures


class TestJudgedProfiles:
    def test_hybrid_beats_keyword_only(
        self, figures: dict[str, dict[str, float]]
    ) -> None:
        hybrid, keyword = figures["hybrid"], figures["keyword"]
        assert hybrid["ndcg@10"] > keyword["ndcg@10"], figures
        assert hybrid["precision@10"] > keyword["precision@10"], figures

    def test_hybrid_keeps_its_measured_quality(
        self, figures: dict[str, dict[str, float]]
    ) -> None:
        assert figures["hybrid"]["ndcg@10"] >= HYBRID_NDCG_MIN, figures
        assert figures["hybrid"]["precision@10"] >= HYBRID_PRECISION_MIN, figures


class TestMeasures:
    def test_perfect_ranking(self) -> None:
        relevant = {"a": 2, "b": 1}
        assert ndcg_at(["a", "b", "c"], relevant) == pytest.approx(1.0)
        assert precision_at(["a", "b", "c"], relevant) == pytest.approx(0.2)

    def test_reversed_ranking_scores_lower(self) -> None:
        relevant = {"a": 2, "b": 1}
        assert ndcg_at(["b", "a"], relevant) < ndcg_at(["a", "b"], relevant)
        assert ndcg_at(["x", "y"], relevant) == 0.0
