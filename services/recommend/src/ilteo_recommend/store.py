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


def subscription_key(profile_id: UUID) -> str:
    """A hash: the profile's digest subscription, one field per attribute."""
    return f"{PREFIX}:profile:{profile_id}:subscription"


def digest_ledger_key(profile_id: UUID) -> str:
    """A hash: idempotency key of a digest (``digest:<id>:<period>:<start>``) ->
    its delivery record (JSON: claimed, sending, sent or failed)."""
    return f"{PREFIX}:profile:{profile_id}:digest:ledger"


def digest_items_key(profile_id: UUID) -> str:
    """A sorted set: item keys already sent in a digest, scored by the time sent."""
    return f"{PREFIX}:profile:{profile_id}:digest:items"


def digest_bounces_key(profile_id: UUID) -> str:
    """A sorted set: the bounces already counted (the bounced digest's Message-ID,
    or else the notification's), scored by the time they were counted."""
    return f"{PREFIX}:profile:{profile_id}:digest:bounces"


def subscription_ref_key(subscription_id: UUID | str) -> str:
    """A string: the profile id a subscription id belongs to."""
    return f"{PREFIX}:subscription:{subscription_id}"


PERIODS = ("daily", "weekly")


def subscribers_key(period: str) -> str:
    """A set of the profile ids with a confirmed subscription of that period."""
    return f"{PREFIX}:digest:subscribers:{period}"


def keys_of(profile_id: UUID) -> tuple[str, ...]:
    """Every key holding data of the profile, for erasure."""
    return (
        profile_key(profile_id),
        feedback_key(profile_id),
        subscription_key(profile_id),
        digest_ledger_key(profile_id),
        digest_items_key(profile_id),
        digest_bounces_key(profile_id),
    )


def create_redis(url: str, *, timeout_s: float) -> "Redis":
    return Redis.from_url(
        url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s
    )
