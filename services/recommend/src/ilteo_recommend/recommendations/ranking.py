"""Fusing k-NN and BM25 candidates, then the soft signals: pure functions.

Every signal is scaled to 0..1 and the score is their weighted sum, so that the
breakdown shown with each item adds up to its score.
"""

import math
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from ilteo_recommend.recommendations.schemas import Strategy


@dataclass(frozen=True)
class Weights:
    similarity: float
    keyword: float
    pay: float
    recency: float
    district: float
    feedback: float


# Without behaviour; FEEDBACK_SHARE moves to ``feedback`` when it is used.
HYBRID_WEIGHTS = Weights(
    similarity=0.54, keyword=0.30, pay=0.07, recency=0.04, district=0.05, feedback=0.0
)
KEYWORD_WEIGHTS = Weights(
    similarity=0.0, keyword=0.84, pay=0.07, recency=0.04, district=0.05, feedback=0.0
)
# With consent and something saved, behaviour takes this share from similarity.
FEEDBACK_SHARE = 0.15

RECENCY_HALF_LIFE_DAYS = 14.0
UNKNOWN_RECENCY = 0.3
UNSTATED_PAY = 0.3
CITY_WIDE_DISTRICT = 0.5
"""An item without a district (city-wide) is half a match for any district."""


@dataclass
class Candidate:
    key: str
    source: dict[str, Any]
    cosine: float | None = None
    bm25: float = 0.0
    matched: set[str] = field(default_factory=set)
    feedback_cosine: float | None = None
    signals: dict[str, float] = field(default_factory=dict)
    score: float = 0.0


def cosine_of(knn_score: float) -> float:
    """The Lucene engine's cosinesimil score is (1 + cosine) / 2."""
    return 2.0 * knn_score - 1.0


def weights_for(strategy: Strategy, *, with_feedback: bool) -> Weights:
    """The weights of a strategy; they always sum to 1."""
    base = HYBRID_WEIGHTS if strategy is Strategy.HYBRID else KEYWORD_WEIGHTS
    # Behaviour's share comes from the main signal of the strategy.
    share = FEEDBACK_SHARE if with_feedback else 0.0
    hybrid = strategy is Strategy.HYBRID
    return replace(
        base,
        similarity=base.similarity - share if hybrid else 0.0,
        keyword=base.keyword if hybrid else base.keyword - share,
        feedback=share,
    )


def _min_max(values: dict[str, float]) -> dict[str, float]:
    if not values:
        return {}
    low, high = min(values.values()), max(values.values())
    if high - low < 1e-9:
        return dict.fromkeys(values, 1.0)
    return {key: (value - low) / (high - low) for key, value in values.items()}


def pay_signal(source: dict[str, Any], *, wanted: int | None) -> float:
    if wanted is None or source.get("kind") != "job":
        return 0.0
    low, high = source.get("pay_month_min"), source.get("pay_month_max")
    if low is None and high is None:
        return UNSTATED_PAY
    high = high if high is not None else low
    low = low if low is not None else high
    assert low is not None
    assert high is not None
    if low >= wanted:
        return 1.0
    if high >= wanted:
        return 0.7
    shortfall = (wanted - high) / max(wanted, 1)
    return max(0.0, 0.5 * (1.0 - 3.0 * shortfall))


def recency_signal(source: dict[str, Any], *, today: date) -> float:
    posted = source.get("posted_at")
    if not posted:
        return UNKNOWN_RECENCY
    posted_on = datetime.fromisoformat(str(posted).replace("Z", "+00:00")).date()
    age_days = max(0, (today - posted_on).days)
    return math.pow(0.5, age_days / RECENCY_HALF_LIFE_DAYS)


def district_signal(source: dict[str, Any], *, districts: frozenset[str]) -> float:
    if not districts:
        return 0.0
    district = source.get("district_id")
    if district is None:
        return CITY_WIDE_DISTRICT
    return 1.0 if district in districts else 0.0


def rank(
    candidates: list[Candidate],
    *,
    strategy: Strategy,
    wanted_pay: int | None,
    districts: frozenset[str],
    today: date,
    with_feedback: bool,
) -> list[Candidate]:
    """Score every candidate, keep the best of each cluster, best first."""
    weights = weights_for(strategy, with_feedback=with_feedback)
    cosines = {c.key: c.cosine for c in candidates if c.cosine is not None}
    similarity = _min_max(cosines)
    top_bm25 = max((c.bm25 for c in candidates), default=0.0)
    behaviour = _min_max(
        {c.key: c.feedback_cosine for c in candidates if c.feedback_cosine is not None}
    )

    for candidate in candidates:
        source = candidate.source
        candidate.signals = {
            "similarity": similarity.get(candidate.key, 0.0),
            "keyword": candidate.bm25 / top_bm25 if top_bm25 > 0 else 0.0,
            "pay": pay_signal(source, wanted=wanted_pay),
            "recency": recency_signal(source, today=today),
            "district": district_signal(source, districts=districts),
            "feedback": behaviour.get(candidate.key, 0.0) if with_feedback else 0.0,
        }
        candidate.score = sum(
            getattr(weights, name) * value for name, value in candidate.signals.items()
        )

    ordered = sorted(candidates, key=lambda c: (-c.score, c.key))
    return _one_per_cluster(ordered)


def _one_per_cluster(ordered: list[Candidate]) -> list[Candidate]:
    """The same posting seen on several sources is shown once, at its best."""
    seen: set[str] = set()
    kept = []
    for candidate in ordered:
        cluster = candidate.source.get("cluster_id") or candidate.key
        if cluster in seen:
            continue
        seen.add(cluster)
        kept.append(candidate)
    return kept
