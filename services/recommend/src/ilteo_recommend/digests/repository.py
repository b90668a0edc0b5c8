"""Subscriptions and the digest ledger in Redis: all of the digests domain's I/O.

Every key lives under the profile it belongs to (see ``store``), so erasing a
profile erases its address, its consent record and its delivery history with it.
The ledger's state changes are Lua scripts: each runs atomically in Redis, reads
Redis's own clock for leases, and writes nothing for a profile erased meanwhile.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from redis.asyncio import Redis
from redis.exceptions import WatchError

from ilteo_recommend.store import (
    PERIODS,
    digest_bounces_key,
    digest_items_key,
    digest_ledger_key,
    profile_key,
    subscribers_key,
    subscription_key,
    subscription_ref_key,
)

Arg = str | int | float | bytes

SENT_ITEMS_MAX = 5000
"""Item keys remembered per profile; older ones could be sent again after that."""
LEDGER_KEEP = 30
"""Delivery records kept per profile; only the current period's is ever read."""
BOUNCES_KEEP = 100
"""Bounce keys remembered per profile, against counting one notification twice."""

FIELDS = (
    "id",
    "profile_id",
    "email",
    "period",
    "kinds",
    "status",
    "nonce",
    "created_at",
    "updated_at",
    "confirmed_at",
    "unsubscribed_at",
    "delivery_status",
    "last_sent_at",
    "permanent_failures",
    "last_error",
    "last_sent_bounced",
)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


@dataclass(frozen=True)
class StoredSubscription:
    """A subscription as stored: flat text fields; empty text means none."""

    fields: dict[str, str]

    def __getitem__(self, name: str) -> str:
        return self.fields.get(name, "")

    @property
    def id(self) -> UUID:
        return UUID(self["id"])

    @property
    def profile_id(self) -> UUID:
        return UUID(self["profile_id"])


class SubscriptionRepository:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def get(self, profile_id: UUID) -> StoredSubscription | None:
        stored = await self._redis.hgetall(subscription_key(profile_id))
        if not stored:
            return None
        return StoredSubscription({_text(k): _text(v) for k, v in stored.items()})

    async def profile_of(self, subscription_id: UUID) -> UUID | None:
        value = await self._redis.get(subscription_ref_key(subscription_id))
        return UUID(_text(value)) if value is not None else None

    async def replace(self, fields: dict[str, str]) -> bool:
        """Store a new subscription in place of the profile's current one, if any.

        False when the profile was erased meanwhile.
        """
        profile_id = UUID(fields["profile_id"])
        key = subscription_key(profile_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            await pipe.watch(profile_key(profile_id), key)
            if not await pipe.exists(profile_key(profile_id)):
                return False
            previous = await pipe.hget(key, "id")
            pipe.multi()
            if previous is not None:
                pipe.delete(subscription_ref_key(_text(previous)))
            pipe.delete(key)
            stored: dict[Any, Any] = {name: fields.get(name, "") for name in FIELDS}
            pipe.hset(key, mapping=stored)
            pipe.set(subscription_ref_key(fields["id"]), str(profile_id))
            for period in PERIODS:
                pipe.srem(subscribers_key(period), str(profile_id))
            try:
                await pipe.execute()
            except WatchError:
                return await self.replace(fields)
        return True

    async def change(
        self,
        profile_id: UUID,
        *,
        subscription_id: UUID,
        changes: dict[Any, Any],
        subscribed_to: str | None,
    ) -> bool:
        """Change fields of this subscription and where it is listed for runs.

        ``subscribed_to`` is the period whose run list it joins (None: none).
        False when the subscription was replaced or erased meanwhile.
        """
        key = subscription_key(profile_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            await pipe.watch(key)
            current = await pipe.hget(key, "id")
            if current is None or _text(current) != str(subscription_id):
                return False
            pipe.multi()
            if changes:
                pipe.hset(key, mapping=changes)
            for period in PERIODS:
                if period == subscribed_to:
                    pipe.sadd(subscribers_key(period), str(profile_id))
                else:
                    pipe.srem(subscribers_key(period), str(profile_id))
            try:
                await pipe.execute()
            except WatchError:
                return await self.change(
                    profile_id,
                    subscription_id=subscription_id,
                    changes=changes,
                    subscribed_to=subscribed_to,
                )
        return True

    async def subscribers(self, period: str) -> list[UUID]:
        members = await self._redis.smembers(subscribers_key(period))
        return sorted(UUID(_text(member)) for member in members)


# ── the digest ledger ─────────────────────────────────────────────────────────

_NOW_MS = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
"""

# KEYS: ledger, subscription. ARGV: idempotency key, run, lease ms, subscription id.
_CLAIM = (
    _NOW_MS
    + """
local sub = redis.call('HMGET', KEYS[2], 'id', 'status', 'delivery_status')
if sub[1] ~= ARGV[4] or sub[2] ~= 'confirmed' or sub[3] == 'bounced' then
  return cjson.encode({outcome = 'not_due'})
end
local raw = redis.call('HGET', KEYS[1], ARGV[1])
local record
if raw then
  record = cjson.decode(raw)
  if record.state == 'sent' or record.state == 'failed' then
    record.outcome = 'done'
    return cjson.encode(record)
  end
  if record.lease_until > now then
    record.outcome = 'busy'
    record.wait_ms = record.lease_until - now
    return cjson.encode(record)
  end
  record.attempts = record.attempts + 1
else
  record = {state = 'claimed', attempts = 1}
end
record.run = ARGV[2]
record.lease_until = now + tonumber(ARGV[3])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(record))
record.outcome = 'claimed'
return cjson.encode(record)
"""
)

# KEYS: ledger, subscription.
# ARGV: idempotency key, run, lease ms, Message-ID, message, item keys (JSON).
_MARK_SENDING = (
    _NOW_MS
    + """
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local record = cjson.decode(raw)
if record.run ~= ARGV[2] then return 0 end
if redis.call('HGET', KEYS[2], 'status') ~= 'confirmed' then
  redis.call('HDEL', KEYS[1], ARGV[1])
  return 0
end
record.state = 'sending'
record.lease_until = now + tonumber(ARGV[3])
record.message_id = ARGV[4]
record.message = ARGV[5]
record.items = cjson.decode(ARGV[6])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(record))
return 1
"""
)

# KEYS: ledger, subscription, sent items. ARGV: idempotency key, score, sent at,
# the most item keys to remember. Returns the ledger's size (0: nothing written).
# The server's 250 clears the failures in a row, unless the digest accepted
# before this one bounced later (``last_sent_bounced``, see _RECORD_BOUNCE).
_MARK_SENT = """
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local record = cjson.decode(raw)
local items = record.items or {}
for _, key in ipairs(items) do
  redis.call('ZADD', KEYS[3], tonumber(ARGV[2]), key)
end
redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -(tonumber(ARGV[4]) + 1))
local done = {state = 'sent', message_id = record.message_id, sent_at = ARGV[3],
              items = #items, attempts = record.attempts}
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(done))
local sub = redis.call('HMGET', KEYS[2], 'nonce', 'last_sent_bounced',
                      'delivery_status')
if sub[2] and sub[2] ~= '' and sub[2] == sub[1] then
  -- The digest accepted before this one bounced later. A relay's 250 says
  -- nothing about delivery, so the failures in a row stay, and so does failing.
  local status = 'failing'
  if sub[3] == 'bounced' then status = 'bounced' end
  redis.call('HSET', KEYS[2], 'delivery_status', status, 'last_sent_at', ARGV[3],
             'last_sent_bounced', '')
else
  redis.call('HSET', KEYS[2], 'delivery_status', 'ok', 'last_sent_at', ARGV[3],
             'permanent_failures', '0', 'last_error', '', 'last_sent_bounced', '')
end
return redis.call('HLEN', KEYS[1])
"""

# One permanent failure of a subscription's address, refused at once or bounced
# later: ``failing``, and after the bounce limit in a row ``bounced``, which takes
# the profile out of the run lists. Returns the failures in a row.
_COUNT_FAILURE = """
local function count_failure(subscription, subscribers, profile_id, error, limit)
  local failures = redis.call('HINCRBY', subscription, 'permanent_failures', 1)
  local status = 'failing'
  if failures >= limit then
    status = 'bounced'
    for _, key in ipairs(subscribers) do redis.call('SREM', key, profile_id) end
  end
  redis.call('HSET', subscription, 'delivery_status', status, 'last_error', error)
  return failures
end
"""

# KEYS: ledger, subscription, subscribers of the period.
# ARGV: idempotency key, error, bounce limit, failed at, profile id.
_MARK_FAILED = (
    _COUNT_FAILURE
    + """
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
local raw = redis.call('HGET', KEYS[1], ARGV[1])
local message_id = ''
if raw then message_id = cjson.decode(raw).message_id or '' end
local done = {state = 'failed', error = ARGV[2], failed_at = ARGV[4],
              message_id = message_id}
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(done))
return count_failure(KEYS[2], {KEYS[3]}, ARGV[5], ARGV[2], tonumber(ARGV[3]))
"""
)

# KEYS: subscription, bounces counted, then the subscribers of every period.
# ARGV: subscription id, address, bounce key, error, bounce limit, counted at
# (score), profile id, the most bounce keys to remember.
# A bounce of a digest the server had accepted. It counts only while the
# subscription still has the address the digest went to, and once per key.
_RECORD_BOUNCE = (
    _COUNT_FAILURE
    + """
local sub = redis.call('HMGET', KEYS[1], 'id', 'email', 'nonce')
if sub[1] ~= ARGV[1] or sub[2] ~= ARGV[2] then return {'changed', 0} end
if redis.call('ZSCORE', KEYS[2], ARGV[3]) then return {'duplicate', 0} end
redis.call('ZADD', KEYS[2], tonumber(ARGV[6]), ARGV[3])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[8]) + 1))
local subscribers = {}
for i = 3, #KEYS do subscribers[#subscribers + 1] = KEYS[i] end
local failures = count_failure(KEYS[1], subscribers, ARGV[7], ARGV[4],
                               tonumber(ARGV[5]))
-- Remembered for the next digest's 250 (see _MARK_SENT), for this address only:
-- a new address draws a new nonce.
redis.call('HSET', KEYS[1], 'last_sent_bounced', sub[3] or '')
return {'recorded', failures}
"""
)

# KEYS: ledger, subscription. ARGV: idempotency key, run, error ('' for none).
# Ends this run's claim at once: a bare claim (nothing was composed) is dropped,
# a message being sent is kept, with its Message-ID, for the next run to resend.
_RELEASE = """
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local record = cjson.decode(raw)
if record.run ~= ARGV[2] then return 0 end
if record.state == 'claimed' then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  record.lease_until = 0
  redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(record))
end
if ARGV[3] ~= '' and redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('HSET', KEYS[2], 'delivery_status', 'retrying', 'last_error', ARGV[3])
end
return 1
"""


@dataclass(frozen=True)
class BounceRecord:
    """What counting a bounce did: ``recorded`` (with the failures in a row and
    whether that suspended the subscription), ``duplicate`` (counted before) or
    ``changed`` (the subscription no longer has that address)."""

    outcome: str
    failures: int = 0
    bounce_limit: int = 0

    @property
    def suspended(self) -> bool:
        return self.outcome == "recorded" and self.failures >= self.bounce_limit


@dataclass(frozen=True)
class Claim:
    """The answer to a claim on one subscriber's digest of one period.

    ``claimed``: this run owns it; with ``state == "sending"`` a previous run died
    while sending ``message``, which must go out again unchanged. ``busy``: another
    run holds a live lease for ``wait_s`` more. ``done``: sent or failed already.
    ``not_due``: not confirmed (any more), replaced or suspended.
    """

    outcome: str
    state: str = ""
    attempts: int = 0
    wait_s: float = 0.0
    message_id: str = ""
    message: str = ""
    items: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, raw: bytes | str) -> "Claim":
        record: dict[str, Any] = json.loads(raw)
        items = record.get("items")
        return cls(
            outcome=record["outcome"],
            state=record.get("state", ""),
            attempts=int(record.get("attempts", 0)),
            wait_s=float(record.get("wait_ms", 0)) / 1000,
            message_id=record.get("message_id", ""),
            message=record.get("message", ""),
            # cjson turns an empty list into an empty object.
            items=list(items) if isinstance(items, list) else [],
        )


class DigestLedger:
    """The delivery state of each digest: claimed -> sending -> sent | failed."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._claim = redis.register_script(_CLAIM)
        self._mark_sending = redis.register_script(_MARK_SENDING)
        self._mark_sent = redis.register_script(_MARK_SENT)
        self._mark_failed = redis.register_script(_MARK_FAILED)
        self._release = redis.register_script(_RELEASE)
        self._record_bounce = redis.register_script(_RECORD_BOUNCE)

    async def claim(
        self,
        profile_id: UUID,
        *,
        key: str,
        subscription_id: UUID,
        run: str,
        lease_s: float,
    ) -> Claim:
        keys = [digest_ledger_key(profile_id), subscription_key(profile_id)]
        args: list[Arg] = [key, run, int(lease_s * 1000), str(subscription_id)]
        return Claim.parse(await self._claim(keys=keys, args=args))

    async def mark_sending(
        self,
        profile_id: UUID,
        *,
        key: str,
        run: str,
        lease_s: float,
        message_id: str,
        message: bytes,
        items: list[str],
    ) -> bool:
        """Record the message before it goes out; False if the claim was lost or
        the person unsubscribed meanwhile (then nothing may be sent)."""
        keys = [digest_ledger_key(profile_id), subscription_key(profile_id)]
        args: list[Arg] = [
            key,
            run,
            int(lease_s * 1000),
            message_id,
            message,
            json.dumps(items),
        ]
        return bool(await self._mark_sending(keys=keys, args=args))

    async def mark_sent(self, profile_id: UUID, *, key: str, at: datetime) -> None:
        keys = [
            digest_ledger_key(profile_id),
            subscription_key(profile_id),
            digest_items_key(profile_id),
        ]
        args: list[Arg] = [key, at.timestamp(), at.isoformat(), SENT_ITEMS_MAX]
        records = int(await self._mark_sent(keys=keys, args=args))
        if records > LEDGER_KEEP:
            await self._trim(profile_id)

    async def mark_failed(
        self,
        profile_id: UUID,
        *,
        key: str,
        period: str,
        error: str,
        bounce_limit: int,
        at: datetime,
    ) -> int:
        """Record a permanent failure; the failures in a row so far."""
        keys = [
            digest_ledger_key(profile_id),
            subscription_key(profile_id),
            subscribers_key(period),
        ]
        args: list[Arg] = [key, error, bounce_limit, at.isoformat(), str(profile_id)]
        return int(await self._mark_failed(keys=keys, args=args))

    async def record_bounce(
        self,
        profile_id: UUID,
        *,
        subscription_id: UUID,
        address: str,
        bounce_key: str,
        error: str,
        bounce_limit: int,
        at: datetime,
    ) -> BounceRecord:
        """Count a permanent failure reported after the server had accepted the
        digest, if the subscription still has ``address`` and ``bounce_key`` was
        not counted before."""
        keys = [
            subscription_key(profile_id),
            digest_bounces_key(profile_id),
            *(subscribers_key(period) for period in PERIODS),
        ]
        args: list[Arg] = [
            str(subscription_id),
            address,
            bounce_key,
            error,
            bounce_limit,
            at.timestamp(),
            str(profile_id),
            BOUNCES_KEEP,
        ]
        outcome, failures = await self._record_bounce(keys=keys, args=args)
        return BounceRecord(_text(outcome), int(failures), bounce_limit)

    async def release(
        self, profile_id: UUID, *, key: str, run: str, error: str = ""
    ) -> None:
        keys = [digest_ledger_key(profile_id), subscription_key(profile_id)]
        await self._release(keys=keys, args=[key, run, error])

    async def sent_items(self, profile_id: UUID) -> set[str]:
        members: list[Any] = await self._redis.zrange(
            digest_items_key(profile_id), 0, -1
        )
        return {_text(member) for member in members}

    async def record(self, profile_id: UUID, *, key: str) -> dict[str, Any] | None:
        raw = await self._redis.hget(digest_ledger_key(profile_id), key)
        return json.loads(raw) if raw is not None else None

    async def _trim(self, profile_id: UUID) -> None:
        ledger = digest_ledger_key(profile_id)
        records = await self._redis.hgetall(ledger)
        finished = []
        for name, raw in records.items():
            record = json.loads(raw)
            if record.get("state") in ("sent", "failed"):
                at = record.get("sent_at") or record.get("failed_at") or ""
                finished.append((at, _text(name)))
        extra = len(records) - LEDGER_KEEP
        old = [name for _, name in sorted(finished)[:extra]]
        if old:
            await self._redis.hdel(ledger, *old)
