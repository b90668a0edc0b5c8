"""Who owns which posting, and what it last said, in Redis.

``gw:posting:<id>`` holds the posting as JSON; ``gw:employer-postings:<account>``
the ids an employer owns. Redis keeps them on disk (append-only file, fsync every
second); the items themselves live on in Kafka and the search index.
"""

from typing import Any

from redis.asyncio import Redis

from ilteo_gateway.employer.schemas import Posting
from ilteo_gateway.redis_store import GuardedRedis, as_text

POSTING = "gw:posting:{}"
OWNER = "gw:posting-owner:{}"
OWNED = "gw:employer-postings:{}"


class PostingRepository:
    def __init__(self, redis: GuardedRedis) -> None:
        self._redis = redis

    async def save(self, *, owner_id: str, posting: Posting) -> None:
        async def save(client: Redis) -> None:
            async with client.pipeline(transaction=True) as pipe:
                pipe.set(POSTING.format(posting.id), posting.model_dump_json())
                pipe.set(OWNER.format(posting.id), owner_id)
                pipe.sadd(OWNED.format(owner_id), posting.id)
                await pipe.execute()

        await self._redis.run(save)

    async def owned(self, *, owner_id: str, posting_id: str) -> Posting | None:
        """The posting if ``owner_id`` owns it; None for others' and unknown ones."""

        async def load(client: Redis) -> list[Any]:
            async with client.pipeline(transaction=False) as pipe:
                pipe.get(OWNER.format(posting_id))
                pipe.get(POSTING.format(posting_id))
                result: list[Any] = await pipe.execute()
                return result

        owner, body = await self._redis.run(load)
        if owner is None or body is None or as_text(owner) != owner_id:
            return None
        return Posting.model_validate_json(body)

    async def all_owned(self, *, owner_id: str) -> list[Posting]:
        ids = await self._redis.run(lambda c: c.smembers(OWNED.format(owner_id)))
        if not ids:
            return []
        keys = [POSTING.format(as_text(i)) for i in ids]
        bodies = await self._redis.run(lambda c: c.mget(keys))
        postings = [Posting.model_validate_json(b) for b in bodies if b]
        return sorted(postings, key=lambda p: p.created_at, reverse=True)
