"""Reciprocal rank fusion of ranked lists (Cormack, Clarke and Büttcher, SIGIR 2009).

Each list gives an item ``1 / (k + rank)``; an item's fused score is the sum over
the lists it is in. Ranks, not scores, are fused: BM25 scores and cosine
similarities live on scales that cannot be added.
"""

from collections.abc import Sequence

DEFAULT_K = 60
"""The constant of the paper; it damps the weight of the very first ranks."""


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[str]], *, k: int = DEFAULT_K
) -> list[str]:
    """Ids of all lists, best first; ties keep the order of first appearance."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(dict.fromkeys(ranking), start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    order = {item: position for position, item in enumerate(scores)}
    return sorted(scores, key=lambda item: (-scores[item], order[item]))
