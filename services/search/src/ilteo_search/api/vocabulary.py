"""The occupations and sources in the index, to check filters and suggest names."""

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

from ilteo_search.api.repository import SearchRepository

# A value nobody has seen may be new: look again, but not more often than this.
REFRESH_ON_MISS_AFTER_S = 10.0
_MOST_VALUES = 5000


@dataclass(frozen=True, slots=True)
class Known:
    occupation_codes: frozenset[str] = frozenset()
    # Occupation names by their case-folded form, to accept any spelling of case.
    occupation_names: dict[str, str] = field(default_factory=dict)
    sources: frozenset[str] = frozenset()


class Vocabulary:
    def __init__(self, repository: SearchRepository, *, ttl_s: float) -> None:
        self._repository = repository
        self._ttl_s = ttl_s
        self._known = Known()
        self._loaded_at = float("-inf")
        self._lock = asyncio.Lock()

    async def known(self, *, missing: bool = False) -> Known:
        """The cached values; ``missing`` asks to look again for a value not seen."""
        seen_at = self._loaded_at
        age = time.monotonic() - seen_at
        if age > self._ttl_s or (missing and age > REFRESH_ON_MISS_AFTER_S):
            async with self._lock:
                # Another request may have refreshed while this one waited.
                if self._loaded_at == seen_at:
                    await self._refresh()
        return self._known

    async def _refresh(self) -> None:
        response = await self._repository.search(_VOCABULARY_BODY)
        aggs = response.get("aggregations", {})
        names = _keys(aggs, "names")
        self._known = Known(
            occupation_codes=frozenset(_keys(aggs, "codes")),
            occupation_names={name.casefold(): name for name in names},
            sources=frozenset(_keys(aggs, "sources")),
        )
        self._loaded_at = time.monotonic()


def _keys(aggs: dict[str, Any], name: str) -> list[str]:
    return [str(bucket["key"]) for bucket in aggs.get(name, {}).get("buckets", [])]


_VOCABULARY_BODY: dict[str, Any] = {
    "size": 0,
    "track_total_hits": False,
    "aggs": {
        "codes": {"terms": {"field": "occupation_code", "size": _MOST_VALUES}},
        "names": {"terms": {"field": "occupation.keyword", "size": _MOST_VALUES}},
        "sources": {"terms": {"field": "source", "size": 500}},
    },
}
