"""A short-lived Redis cache of public GET answers, keyed by the normalised query.

The cache fails open: when Redis is down, answers come from the search service
directly and nothing is stored.
"""

import hashlib
import unicodedata
from typing import Any

import orjson
from pydantic import BaseModel

from ilteo_gateway.redis_store import GuardedRedis, RedisDown, as_text

PREFIX = "gw:cache:v1"


def normalised_params(query: BaseModel | None) -> list[tuple[str, str]]:
    """The query's parameters that differ from defaults, in one canonical order."""
    if query is None:
        return []
    values = query.model_dump(mode="json", exclude_defaults=True)
    params: list[tuple[str, str]] = []
    for name in sorted(values):
        value = values[name]
        if isinstance(value, list):
            params += [(name, _text(item)) for item in sorted(set(map(_text, value)))]
        else:
            params.append((name, _text(value)))
    return params


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = unicodedata.normalize("NFC", str(value))
    return " ".join(text.split())


def cache_key(path: str, params: list[tuple[str, str]]) -> str:
    canonical = orjson.dumps([path, params])
    return f"{PREFIX}:{hashlib.sha256(canonical).hexdigest()}"


class ResponseCache:
    def __init__(self, redis: GuardedRedis) -> None:
        self._redis = redis

    async def get(self, key: str) -> bytes | None:
        try:
            value = await self._redis.run(lambda c: c.get(key))
        except RedisDown:
            return None
        return None if value is None else as_text(value).encode()

    async def put(self, key: str, body: bytes, *, ttl_s: int) -> None:
        try:
            await self._redis.run(lambda c: c.set(key, body, ex=ttl_s))
        except RedisDown:
            return
