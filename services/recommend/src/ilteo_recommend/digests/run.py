"""A digest run: each due subscriber's new recommendations, sent exactly once.

Per subscriber and period there is one idempotency key,
``digest:<subscription id>:<period>:<period start>``, and a delivery record under
it that moves claimed -> sending -> sent (or failed). A claim is a lease: a run
that dies leaves a record whose lease runs out, and the next run takes it over.
A record in ``sending`` holds the exact message and its Message-ID; taking one
over sends that same message again, never a new one.
"""

import asyncio
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from uuid import UUID
from zoneinfo import ZoneInfo

import structlog
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from ilteo_common.items import ItemKind
from ilteo_recommend.digests.compose import (
    KIND_LABELS,
    Composer,
    Section,
    digest_item,
)
from ilteo_recommend.digests.links import LinkSubject
from ilteo_recommend.digests.mailer import Mailer, PermanentFailure, TemporaryFailure
from ilteo_recommend.digests.repository import (
    DigestLedger,
    StoredSubscription,
    SubscriptionRepository,
)
from ilteo_recommend.digests.schemas import Period, Status
from ilteo_recommend.digests.verp import BounceTokens, verp_address
from ilteo_recommend.embedding import Embedder
from ilteo_recommend.errors import ApiError
from ilteo_recommend.metrics import (
    DIGEST_SEND_RETRIES,
    DIGESTS_FAILED,
    DIGESTS_SENT,
    DIGESTS_SKIPPED,
)
from ilteo_recommend.profiles.repository import ProfileRepository
from ilteo_recommend.recommendations.repository import (
    FeedbackRepository,
    ItemsRepository,
)
from ilteo_recommend.recommendations.service import Tuning, recommend

SEOUL = ZoneInfo("Asia/Seoul")
RECOMMENDATIONS_MAX = 100

log = structlog.get_logger(__name__)


class Outcome(StrEnum):
    SENT = "sent"
    RESENT = "resent"  # a message a dead run was sending, sent again unchanged
    NOTHING_NEW = "nothing_new"
    ALREADY_DONE = "already_done"  # sent (or failed for good) earlier this period
    NOT_DUE = "not_due"  # not confirmed, unsubscribed, another period, erased
    FAILED = "failed"  # permanent: the server refused the address (5xx)
    DEFERRED = "deferred"  # temporary failures after every retry; next run
    BUSY = "busy"  # another run holds a live claim; retried after its lease


SKIPPED = frozenset({Outcome.NOTHING_NEW, Outcome.ALREADY_DONE, Outcome.NOT_DUE})


@dataclass(frozen=True)
class RunOptions:
    items_per_kind: int = 5
    rate_per_s: float = 20.0
    concurrency: int = 4
    lease_s: float = 300.0
    send_attempts: int = 5
    retry_initial_s: float = 2.0
    retry_max_s: float = 60.0
    bounce_limit: int = 3
    envelope_from: str = "no-reply@ilteo.localhost"
    # With tokens, each digest's envelope sender is envelope_from with the
    # subscription's bounce token (verp.py); without, envelope_from itself.
    bounce_tokens: BounceTokens | None = None


@dataclass(frozen=True)
class DigestContext:
    """Everything a run reads from and writes to."""

    subscriptions: SubscriptionRepository
    ledger: DigestLedger
    profile_repository: ProfileRepository
    feedback_repository: FeedbackRepository
    items: ItemsRepository
    embedder: Embedder
    tuning: Tuning
    mailer: Mailer
    composer: Composer
    options: RunOptions


@dataclass
class RunSummary:
    period: Period
    period_start: date
    run: str
    subscribers: int = 0
    outcomes: Counter[Outcome] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def sent(self) -> int:
        return self.outcomes[Outcome.SENT] + self.outcomes[Outcome.RESENT]

    @property
    def skipped(self) -> int:
        return sum(self.outcomes[outcome] for outcome in SKIPPED)

    @property
    def failed(self) -> int:
        return self.outcomes[Outcome.FAILED] + self.outcomes[Outcome.DEFERRED]


def period_start(period: Period, now: datetime) -> date:
    """The first day of the period that ``now`` falls in, in Korean time."""
    today = now.astimezone(SEOUL).date()
    if period is Period.WEEKLY:
        return today - timedelta(days=today.weekday())
    return today


def idempotency_key(subscription_id: UUID, period: Period, start: date) -> str:
    return f"digest:{subscription_id}:{period.value}:{start.isoformat()}"


class RateLimiter:
    """At most ``per_s`` starts per second across all workers of one run."""

    def __init__(self, per_s: float) -> None:
        self._interval = 1.0 / per_s
        self._next = 0.0

    async def wait(self) -> None:
        now = time.monotonic()
        slot = max(now, self._next)
        self._next = slot + self._interval
        if slot > now:
            await asyncio.sleep(slot - now)


@dataclass(frozen=True)
class _Digest:
    message: bytes
    message_id: str
    items: list[str]


async def run_digests(
    *,
    context: DigestContext,
    period: Period,
    now: datetime,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> RunSummary:
    """Send this period's digest to every due subscriber; safe to run again."""
    started = time.monotonic()
    summary = RunSummary(
        period=period, period_start=period_start(period, now), run=uuid.uuid4().hex
    )
    profile_ids = await context.subscriptions.subscribers(period.value)
    summary.subscribers = len(profile_ids)
    if on_start is not None:
        on_start(len(profile_ids))
    log.info(
        "digest.run_started",
        run=summary.run,
        period=period.value,
        period_start=summary.period_start.isoformat(),
        subscribers=len(profile_ids),
    )

    limiter = RateLimiter(context.options.rate_per_s)
    pending = list(reversed(profile_ids))
    waiting: list[tuple[float, UUID]] = []

    async def worker() -> None:
        while pending:
            profile_id = pending.pop()
            outcome, wait_s = await _deliver(
                context=context,
                profile_id=profile_id,
                summary=summary,
                now=now,
                limiter=limiter,
            )
            if outcome is Outcome.BUSY:
                waiting.append((time.monotonic() + wait_s, profile_id))
                continue
            summary.outcomes[outcome] += 1
            if on_done is not None:
                on_done(outcome)

    while True:
        workers = min(context.options.concurrency, len(pending)) or 1
        await asyncio.gather(*(worker() for _ in range(workers)))
        if not waiting:
            break
        # Claims of a run that died (or still runs): come back when they expire.
        waiting.sort()
        await asyncio.sleep(max(0.0, waiting[0][0] - time.monotonic()))
        ready = [pid for at, pid in waiting if at <= time.monotonic()]
        waiting[:] = [(at, pid) for at, pid in waiting if at > time.monotonic()]
        pending.extend(ready)

    summary.seconds = time.monotonic() - started
    log.info(
        "digest.run_finished",
        run=summary.run,
        period=period.value,
        sent=summary.sent,
        skipped=summary.skipped,
        failed=summary.failed,
        seconds=round(summary.seconds, 2),
        **{f"n_{outcome.value}": n for outcome, n in summary.outcomes.items()},
    )
    return summary


async def _deliver(
    *,
    context: DigestContext,
    profile_id: UUID,
    summary: RunSummary,
    now: datetime,
    limiter: RateLimiter,
) -> tuple[Outcome, float]:
    """One subscriber: claim, compose (or take over), send, record."""
    period = summary.period
    stored = await context.subscriptions.get(profile_id)
    if stored is None or not _due(stored, period):
        return _skipped(period, Outcome.NOT_DUE), 0.0
    key = idempotency_key(stored.id, period, summary.period_start)
    bound = log.bind(run=summary.run, subscription_id=str(stored.id), key=key)

    claim = await context.ledger.claim(
        profile_id,
        key=key,
        subscription_id=stored.id,
        run=summary.run,
        lease_s=context.options.lease_s,
    )
    if claim.outcome == "busy":
        return Outcome.BUSY, claim.wait_s
    if claim.outcome != "claimed":
        done = Outcome.ALREADY_DONE if claim.outcome == "done" else Outcome.NOT_DUE
        return _skipped(period, done), 0.0

    resend = claim.state == "sending"
    if resend:
        digest = _Digest(claim.message.encode(), claim.message_id, claim.items)
        bound.info("digest.resending", message_id=claim.message_id)
    else:
        composed = await _compose(context=context, stored=stored, now=now)
        if composed is None:
            await context.ledger.release(profile_id, key=key, run=summary.run)
            return _skipped(period, Outcome.NOTHING_NEW), 0.0
        digest = composed
        recorded = await context.ledger.mark_sending(
            profile_id,
            key=key,
            run=summary.run,
            lease_s=context.options.lease_s,
            message_id=digest.message_id,
            message=digest.message,
            items=digest.items,
        )
        if not recorded:
            # Unsubscribed (or lost the claim) while composing: send nothing.
            return _skipped(period, Outcome.NOT_DUE), 0.0

    await limiter.wait()
    try:
        await send_with_retries(
            mailer=context.mailer,
            options=context.options,
            to=stored["email"],
            message=digest.message,
            log=bound,
            sender=envelope_sender(context.options, stored),
        )
    except PermanentFailure as error:
        failures = await context.ledger.mark_failed(
            profile_id,
            key=key,
            period=period.value,
            error=str(error)[:300],
            bounce_limit=context.options.bounce_limit,
            at=datetime.now(UTC),
        )
        DIGESTS_FAILED.labels(period=period.value, reason="permanent").inc()
        bound.warning("digest.failed", error=str(error), failures_in_row=failures)
        return Outcome.FAILED, 0.0
    except TemporaryFailure as error:
        await context.ledger.release(
            profile_id, key=key, run=summary.run, error=str(error)[:300]
        )
        DIGESTS_FAILED.labels(period=period.value, reason="temporary").inc()
        bound.warning("digest.deferred", error=str(error))
        return Outcome.DEFERRED, 0.0

    await context.ledger.mark_sent(profile_id, key=key, at=datetime.now(UTC))
    DIGESTS_SENT.labels(period=period.value).inc()
    bound.info("digest.sent", message_id=digest.message_id, items=len(digest.items))
    return (Outcome.RESENT if resend else Outcome.SENT), 0.0


def envelope_sender(options: RunOptions, stored: StoredSubscription) -> str:
    """Where this subscriber's bounces go: the same for every send of one
    address, so a resent message bounces to the same place."""
    if options.bounce_tokens is None:
        return options.envelope_from
    token = options.bounce_tokens.token(stored.id, stored["email"])
    return verp_address(options.envelope_from, token)


def _due(stored: StoredSubscription, period: Period) -> bool:
    return (
        stored["status"] == Status.CONFIRMED
        and stored["period"] == period.value
        and stored["delivery_status"] != "bounced"
        and bool(stored["email"])
    )


def _skipped(period: Period, outcome: Outcome) -> Outcome:
    DIGESTS_SKIPPED.labels(period=period.value, reason=outcome.value).inc()
    return outcome


async def _compose(
    *, context: DigestContext, stored: StoredSubscription, now: datetime
) -> _Digest | None:
    """This period's message, or None when nothing new is recommended."""
    profile_id = stored.profile_id
    profile = await context.profile_repository.get(profile_id)
    if profile is None:
        return None
    already = await context.ledger.sent_items(profile_id)
    per_kind = context.options.items_per_kind
    today = now.astimezone(SEOUL).date()

    sections = []
    for kind in [ItemKind(value) for value in stored["kinds"].split(",") if value]:
        try:
            answer = await recommend(
                profile_repository=context.profile_repository,
                feedback_repository=context.feedback_repository,
                items=context.items,
                embedder=context.embedder,
                owner=profile.owner,
                profile_id=profile_id,
                kind=kind,
                size=min(RECOMMENDATIONS_MAX, per_kind + len(already)),
                tuning=context.tuning,
                stored=profile,
            )
        except ApiError:
            return None  # the profile was erased meanwhile
        fresh = [item for item in answer.items if item.key not in already]
        if fresh:
            chosen = [
                digest_item(item, links=context.composer.links, today=today)
                for item in fresh[:per_kind]
            ]
            sections.append(Section(kind=kind, label=KIND_LABELS[kind], items=chosen))
    if not sections:
        return None

    message_id = context.composer.new_message_id()
    message = context.composer.digest(
        to=stored["email"],
        period=Period(stored["period"]),
        sections=sections,
        subject=LinkSubject(subscription_id=stored.id, nonce=stored["nonce"]),
        now=now,
        message_id=message_id,
    )
    keys = [item.key for section in sections for item in section.items]
    return _Digest(message.as_bytes(), message_id, keys)


async def send_with_retries(
    *,
    mailer: Mailer,
    options: RunOptions,
    to: str,
    message: bytes,
    log: structlog.typing.FilteringBoundLogger | structlog.BoundLogger,
    sender: str | None = None,
) -> None:
    """Send; retry temporary failures with exponential backoff, never permanent
    ones. Raises the last failure when the attempts are spent. The envelope
    sender is ``sender``, else the run's ``envelope_from``."""

    def retried(state: RetryCallState) -> None:
        DIGEST_SEND_RETRIES.inc()
        outcome = state.outcome
        error = outcome.exception() if outcome is not None else None
        log.info("digest.send_retry", attempt=state.attempt_number, error=str(error))

    retrying = AsyncRetrying(
        retry=retry_if_exception_type(TemporaryFailure),
        stop=stop_after_attempt(options.send_attempts),
        wait=wait_exponential(
            multiplier=options.retry_initial_s, max=options.retry_max_s
        ),
        before_sleep=retried,
        reraise=True,
    )
    async for attempt in retrying:
        with attempt:
            await mailer.send(
                sender=sender or options.envelope_from, recipient=to, message=message
            )
