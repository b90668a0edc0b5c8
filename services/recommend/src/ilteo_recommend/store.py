"""The Redis keys of one profile: everything a deletion must erase is named here.

Profiles live in this service's own Redis database, which the local stack and the
deployments run with the append-only file (fsync every second) and the
``volatile-lru`` policy: keys without a TTL, as all of these are, are never evicted.
"""

from uuid import UUID

from redis.asyncio import Redis

PREFIX = "recommend"


def profile_key(profile_id: UUID) -> str:
    """A hash: ``profile`` (JSON), ``owner``, ``vector`` (float32 bytes), ``text``."""
    return f"{PREFIX}:profile:{profile_id}"


def feedback_key(profile_id: UUID) -> str:
    """A hash: item key -> the latest feedback on it (JSON)."""
    return f"{PREFIX}:profile:{profile_id}:feedback"


def owner_key(subject: str) -> str:
    """A set of the profile ids of one subject."""
    return f"{PREFIX}:owner:{subject}"


def keys_of(profile_id: UUID) -> tuple[str, ...]:
    """Every key holding data of the profile, for erasure."""
    return (profile_key(profile_id), feedback_key(profile_id))


def create_redis(url: str, *, timeout_s: float) -> "Redis":
    return Redis.from_url(
        url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s
    )
