"""Profiles and their vectors in Redis: all of the profiles domain's I/O."""

import json
from dataclasses import dataclass
from uuid import UUID

import numpy as np
from redis.asyncio import Redis
from redis.exceptions import WatchError

from ilteo_recommend.store import (
    PERIODS,
    keys_of,
    owner_key,
    profile_key,
    subscribers_key,
    subscription_key,
    subscription_ref_key,
)


def _raw(value: bytes | str) -> bytes:
    return value if isinstance(value, bytes) else value.encode()


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


@dataclass(frozen=True)
class StoredProfile:
    owner: str
    document: dict[str, object]
    """The profile as its ``Profile`` schema dumps it to JSON."""
    vector: np.ndarray | None
    vector_text: str | None
    """The text the vector was made from; another text means it is stale."""


class ProfileRepository:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def get(self, profile_id: UUID) -> StoredProfile | None:
        stored = await self._redis.hgetall(profile_key(profile_id))
        if not stored:
            return None
        fields = {_text(name): _raw(value) for name, value in stored.items()}
        vector = fields.get("vector")
        text = fields.get("text")
        return StoredProfile(
            owner=fields["owner"].decode(),
            document=json.loads(fields["profile"]),
            vector=np.frombuffer(vector, dtype=np.float32).copy() if vector else None,
            vector_text=text.decode() if text is not None else None,
        )

    async def save(
        self,
        profile_id: UUID,
        *,
        owner: str,
        document: dict[str, object],
        vector: np.ndarray | None,
        vector_text: str | None,
    ) -> None:
        key = profile_key(profile_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, "owner", owner)
            pipe.hset(key, "profile", json.dumps(document, ensure_ascii=False))
            if vector is not None and vector_text is not None:
                pipe.hset(
                    key,
                    mapping={
                        "vector": vector.astype(np.float32).tobytes(),
                        "text": vector_text,
                    },
                )
            else:
                pipe.hdel(key, "vector", "text")
            pipe.sadd(owner_key(owner), str(profile_id))
            await pipe.execute()

    async def save_vector(
        self, profile_id: UUID, *, vector: np.ndarray, vector_text: str
    ) -> None:
        """Store a vector made later, unless the profile was erased meanwhile."""
        key = profile_key(profile_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            await pipe.watch(key)
            if not await pipe.exists(key):
                return
            pipe.multi()
            pipe.hset(
                key,
                mapping={
                    "vector": vector.astype(np.float32).tobytes(),
                    "text": vector_text,
                },
            )
            try:
                await pipe.execute()
            except WatchError:
                # Changed meanwhile; that write brought its own vector.
                return

    async def list_ids(self, owner: str) -> list[UUID]:
        members = await self._redis.smembers(owner_key(owner))
        return sorted(UUID(_text(member)) for member in members)

    async def erase(self, profile_id: UUID, *, owner: str) -> None:
        """The profile, its vector, its feedback and its digest subscription (with
        the e-mail address), in one transaction."""
        subscription = subscription_key(profile_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            await pipe.watch(subscription)
            subscription_id = await pipe.hget(subscription, "id")
            pipe.multi()
            pipe.delete(*keys_of(profile_id))
            pipe.srem(owner_key(owner), str(profile_id))
            if subscription_id is not None:
                pipe.delete(subscription_ref_key(_text(subscription_id)))
            for period in PERIODS:
                pipe.srem(subscribers_key(period), str(profile_id))
            try:
                await pipe.execute()
            except WatchError:
                # The subscription changed meanwhile: erase what it is now.
                await self.erase(profile_id, owner=owner)

    async def exists(self, profile_id: UUID) -> bool:
        return bool(await self._redis.exists(*keys_of(profile_id)))
