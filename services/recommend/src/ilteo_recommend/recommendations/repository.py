"""The items index (OpenSearch) and the feedback store (Redis): the domain's I/O."""

import asyncio
import json
from typing import Any
from uuid import UUID

from opensearchpy import AsyncOpenSearch
from redis.asyncio import Redis
from redis.exceptions import WatchError

from ilteo_recommend.store import feedback_key, profile_key

NAMED_SCORES = {"include_named_queries_score": "true"}
"""Each hit's ``matched_queries`` as a map of clause name to score."""
FEEDBACK_MAX = 2000
"""Feedback kept per profile; the oldest saves go first beyond it."""


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


class ItemsRepository:
    """Read-only searches over the items index's read alias."""

    def __init__(self, *, url: str, index: str, timeout_s: float) -> None:
        self.index = index
        self._client = AsyncOpenSearch(
            hosts=[url],
            timeout=timeout_s,
            # Searches are read-only: one retry after a timeout is safe.
            max_retries=1,
            retry_on_timeout=True,
        )

    async def search_all(self, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The answers of several searches, made concurrently, in their order.

        Separate searches rather than one ``_msearch``: only ``_search`` takes
        ``include_named_queries_score``, which gives each matched clause's score.
        """
        return list(await asyncio.gather(*(self._search(body) for body in bodies)))

    async def _search(self, body: dict[str, Any]) -> dict[str, Any]:
        response = await self._client.search(
            index=self.index, body=body, params=NAMED_SCORES
        )
        return dict(response)

    async def find(self, key: str) -> dict[str, Any] | None:
        """One item's identity fields, or None if the index does not hold it."""
        body = {
            "size": 1,
            "query": {"ids": {"values": [key]}},
            "_source": ["key", "kind", "cluster_id"],
        }
        response = await self._client.search(index=self.index, body=body)
        hits = response["hits"]["hits"]
        return dict(hits[0]["_source"]) if hits else None

    async def close(self) -> None:
        await self._client.close()


class FeedbackRepository:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def put(
        self, profile_id: UUID, *, item_key: str, record: dict[str, Any]
    ) -> bool:
        """Store feedback on an item; False when the profile is gone meanwhile.

        The profile key is watched so that feedback arriving during an erasure
        cannot outlive the profile it belongs to.
        """
        async with self._redis.pipeline(transaction=True) as pipe:
            await pipe.watch(profile_key(profile_id))
            if not await pipe.exists(profile_key(profile_id)):
                return False
            pipe.multi()
            pipe.hset(
                feedback_key(profile_id),
                item_key,
                json.dumps(record, ensure_ascii=False),
            )
            try:
                await pipe.execute()
            except WatchError:
                return await self.put(profile_id, item_key=item_key, record=record)
        await self._trim(profile_id)
        return True

    async def remove(self, profile_id: UUID, *, item_key: str) -> dict[str, Any] | None:
        """Forget the feedback on one item; the record it was, or None."""
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hget(feedback_key(profile_id), item_key)
            pipe.hdel(feedback_key(profile_id), item_key)
            stored, _ = await pipe.execute()
        return None if stored is None else dict(json.loads(stored))

    async def all(self, profile_id: UUID) -> dict[str, dict[str, Any]]:
        stored = await self._redis.hgetall(feedback_key(profile_id))
        return {_text(key): json.loads(value) for key, value in stored.items()}

    async def _trim(self, profile_id: UUID) -> None:
        size = await self._redis.hlen(feedback_key(profile_id))
        if size <= FEEDBACK_MAX:
            return
        records = await self.all(profile_id)
        # Dismissals are kept longest: forgetting one would bring the item back.
        order = sorted(
            records.items(),
            key=lambda kv: (kv[1]["action"] == "dismiss", kv[1]["at"]),
        )
        extra = [key for key, _ in order[: size - FEEDBACK_MAX]]
        await self._redis.hdel(feedback_key(profile_id), *extra)
