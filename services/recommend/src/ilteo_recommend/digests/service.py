"""Subscribing, confirming (double opt-in), changing and unsubscribing.

Consent is recorded with its time: ``confirmed_at`` when the person pressed the
button behind the confirmation link, ``unsubscribed_at`` when they withdrew. The
address is kept for sending digests only and is erased on unsubscribing, and with
the profile.
"""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import structlog
from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from ilteo_common.items import ItemKind
from ilteo_recommend.digests.compose import Composer
from ilteo_recommend.digests.links import LinkSubject
from ilteo_recommend.digests.mailer import DeliveryError, Mailer, TemporaryFailure
from ilteo_recommend.digests.repository import (
    StoredSubscription,
    SubscriptionRepository,
)
from ilteo_recommend.digests.schemas import (
    Delivery,
    DeliveryStatus,
    LinkAnswer,
    Period,
    Status,
    Subscription,
    SubscriptionCreate,
    SubscriptionUpdate,
)
from ilteo_recommend.errors import Conflict, NotFound, Unavailable, say
from ilteo_recommend.metrics import SUBSCRIPTION_MAILS
from ilteo_recommend.profiles import service as profiles
from ilteo_recommend.profiles.repository import ProfileRepository

CONFIRMATION_SEND_ATTEMPTS = 3

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Outbox:
    """What sending a confirmation mail needs."""

    mailer: Mailer
    composer: Composer
    envelope_from: str
    confirm_max_age_h: int


def not_found() -> NotFound:
    return NotFound(say("구독을 찾을 수 없습니다", "No such subscription"))


def _now() -> datetime:
    return datetime.now(UTC)


def _time(value: str) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def to_schema(stored: StoredSubscription) -> Subscription:
    delivery = stored["delivery_status"]
    return Subscription(
        id=stored.id,
        profile_id=stored.profile_id,
        email=stored["email"] or None,
        period=Period(stored["period"]),
        kinds=[ItemKind(kind) for kind in stored["kinds"].split(",") if kind],
        status=Status(stored["status"]),
        created_at=datetime.fromisoformat(stored["created_at"]),
        updated_at=datetime.fromisoformat(stored["updated_at"]),
        confirmed_at=_time(stored["confirmed_at"]),
        unsubscribed_at=_time(stored["unsubscribed_at"]),
        delivery=Delivery(
            status=DeliveryStatus(delivery) if delivery else None,
            last_sent_at=_time(stored["last_sent_at"]),
            permanent_failures=int(stored["permanent_failures"] or 0),
            last_error=stored["last_error"] or None,
        ),
    )


def _active(stored: StoredSubscription) -> bool:
    return stored["status"] == Status.CONFIRMED and (
        stored["delivery_status"] != DeliveryStatus.BOUNCED
    )


async def _send_confirmation(
    *, outbox: Outbox, stored: StoredSubscription, now: datetime
) -> None:
    message = outbox.composer.confirmation(
        to=stored["email"],
        period=Period(stored["period"]),
        kinds=[ItemKind(kind) for kind in stored["kinds"].split(",")],
        subject=LinkSubject(subscription_id=stored.id, nonce=stored["nonce"]),
        max_age_h=outbox.confirm_max_age_h,
        now=now,
    )
    retrying = AsyncRetrying(
        retry=retry_if_exception_type(TemporaryFailure),
        stop=stop_after_attempt(CONFIRMATION_SEND_ATTEMPTS),
        wait=wait_exponential(multiplier=0.2, max=2),
        reraise=True,
    )
    try:
        async for attempt in retrying:
            with attempt:
                await outbox.mailer.send(
                    sender=outbox.envelope_from,
                    recipient=stored["email"],
                    message=message.as_bytes(),
                )
    except DeliveryError as error:
        SUBSCRIPTION_MAILS.labels(outcome="failed").inc()
        log.warning(
            "subscription.confirmation_failed",
            subscription_id=str(stored.id),
            error=str(error),
        )
        raise Unavailable(
            say(
                "확인 메일을 보내지 못했습니다. "
                "주소를 확인하고 잠시 후 다시 신청해 주세요",
                "The confirmation e-mail could not be sent; check the address and "
                "try again shortly",
            )
        ) from None
    SUBSCRIPTION_MAILS.labels(outcome="sent").inc()


async def create(
    *,
    subscriptions: SubscriptionRepository,
    profile_repository: ProfileRepository,
    outbox: Outbox,
    owner: str,
    fields: SubscriptionCreate,
) -> Subscription:
    """A pending subscription, and the mail whose link confirms it."""
    await profiles.load(
        repository=profile_repository, owner=owner, profile_id=fields.profile_id
    )
    current = await subscriptions.get(fields.profile_id)
    if current is not None and _active(current):
        raise Conflict(
            say(
                "이 프로필은 이미 추천 메일을 받고 있습니다. "
                "설정을 바꾸려면 PATCH를 쓰세요",
                "This profile already receives digests; change it with PATCH",
            )
        )

    now = _now()
    stored = StoredSubscription(
        {
            "id": str(uuid4()),
            "profile_id": str(fields.profile_id),
            "email": fields.email,
            "period": fields.period.value,
            "kinds": ",".join(kind.value for kind in fields.kinds),
            "status": Status.PENDING.value,
            "nonce": secrets.token_urlsafe(12),
            "created_at": now.isoformat(),
            "updated_at": now.isoformat(),
            "permanent_failures": "0",
        }
    )
    if not await subscriptions.replace(stored.fields):
        raise profiles.not_found()
    await _send_confirmation(outbox=outbox, stored=stored, now=now)
    log.info(
        "subscription.created",
        subscription_id=str(stored.id),
        profile_id=str(fields.profile_id),
        period=fields.period.value,
    )
    return to_schema(stored)


async def _own(
    *,
    subscriptions: SubscriptionRepository,
    profile_repository: ProfileRepository,
    owner: str,
    subscription_id: UUID,
) -> StoredSubscription:
    profile_id = await subscriptions.profile_of(subscription_id)
    if profile_id is None:
        raise not_found()
    profile = await profile_repository.get(profile_id)
    stored = await subscriptions.get(profile_id)
    if profile is None or profile.owner != owner or stored is None:
        raise not_found()
    if stored.id != subscription_id:
        raise not_found()
    return stored


async def get(
    *,
    subscriptions: SubscriptionRepository,
    profile_repository: ProfileRepository,
    owner: str,
    subscription_id: UUID,
) -> Subscription:
    stored = await _own(
        subscriptions=subscriptions,
        profile_repository=profile_repository,
        owner=owner,
        subscription_id=subscription_id,
    )
    return to_schema(stored)


async def list_own(
    *,
    subscriptions: SubscriptionRepository,
    profile_repository: ProfileRepository,
    owner: str,
) -> list[Subscription]:
    found = []
    for profile_id in await profile_repository.list_ids(owner):
        stored = await subscriptions.get(profile_id)
        if stored is not None:
            found.append(to_schema(stored))
    return found


async def update(
    *,
    subscriptions: SubscriptionRepository,
    profile_repository: ProfileRepository,
    outbox: Outbox,
    owner: str,
    subscription_id: UUID,
    changes: SubscriptionUpdate,
) -> Subscription:
    """Change preferences; a new address goes back to pending until confirmed."""
    stored = await _own(
        subscriptions=subscriptions,
        profile_repository=profile_repository,
        owner=owner,
        subscription_id=subscription_id,
    )
    if stored["status"] == Status.UNSUBSCRIBED:
        raise Conflict(
            say(
                "수신 거부한 구독입니다. 다시 받으려면 새로 신청해 주세요",
                "This subscription was cancelled; subscribe again instead",
            )
        )

    now = _now()
    fields: dict[str, Any] = {"updated_at": now.isoformat()}
    if changes.period is not None:
        fields["period"] = changes.period.value
    if changes.kinds is not None:
        fields["kinds"] = ",".join(kind.value for kind in changes.kinds)
    new_address = changes.email is not None and changes.email != stored["email"]
    if new_address:
        fields |= {
            "email": changes.email,
            "status": Status.PENDING.value,
            "nonce": secrets.token_urlsafe(12),
            "confirmed_at": "",
            "delivery_status": "",
            "permanent_failures": "0",
            "last_error": "",
        }
    changed = StoredSubscription(stored.fields | fields)
    period = changed["period"] if _active(changed) else None

    if not await subscriptions.change(
        stored.profile_id,
        subscription_id=subscription_id,
        changes=fields,
        subscribed_to=period,
    ):
        raise not_found()
    if new_address:
        await _send_confirmation(outbox=outbox, stored=changed, now=now)
    log.info(
        "subscription.updated",
        subscription_id=str(subscription_id),
        fields=sorted(changes.model_dump(exclude_none=True)),
    )
    return to_schema(changed)


async def _by_link(
    subscriptions: SubscriptionRepository, subject: LinkSubject
) -> StoredSubscription | None:
    """The subscription a link was made for, if it is still the current one."""
    profile_id = await subscriptions.profile_of(subject.subscription_id)
    if profile_id is None:
        return None
    stored = await subscriptions.get(profile_id)
    if stored is None or stored.id != subject.subscription_id:
        return None
    if not secrets.compare_digest(stored["nonce"], subject.nonce):
        return None
    return stored


async def _confirmable(
    subscriptions: SubscriptionRepository, subject: LinkSubject
) -> StoredSubscription:
    """The subscription a confirmation link is for, or why the link cannot be used."""
    stored = await _by_link(subscriptions, subject)
    if stored is None:
        raise NotFound(
            say(
                "더 이상 유효하지 않은 링크입니다. 다시 신청해 주세요",
                "This link is no longer valid; please subscribe again",
            )
        )
    if stored["status"] == Status.UNSUBSCRIBED:
        raise Conflict(
            say(
                "수신 거부한 구독입니다. 다시 받으려면 새로 신청해 주세요",
                "This subscription was cancelled; subscribe again instead",
            )
        )
    return stored


async def confirmation(
    *, subscriptions: SubscriptionRepository, subject: LinkSubject
) -> LinkAnswer:
    """Where a confirmation link stands, changing nothing: opening a link is not
    consent, because mail scanners open every link in a message by themselves."""
    stored = await _confirmable(subscriptions, subject)
    return LinkAnswer(
        status=Status(stored["status"]),
        detail=say(
            "수신에 동의하려면 이 주소로 POST 요청을 보내 주세요",
            "POST to this URL to confirm the subscription",
        ),
    )


async def confirm(
    *, subscriptions: SubscriptionRepository, subject: LinkSubject
) -> LinkAnswer:
    """Record consent; confirming again changes nothing."""
    stored = await _confirmable(subscriptions, subject)
    if stored["status"] == Status.PENDING:
        now = _now().isoformat()
        changes = {
            "status": Status.CONFIRMED.value,
            "confirmed_at": now,
            "updated_at": now,
        }
        if not await subscriptions.change(
            stored.profile_id,
            subscription_id=stored.id,
            changes=changes,
            subscribed_to=stored["period"],
        ):
            raise not_found()
        log.info("subscription.confirmed", subscription_id=str(stored.id))
    return LinkAnswer(
        status=Status.CONFIRMED,
        detail=say(
            "추천 메일 수신에 동의하셨습니다. 다음 발송부터 받아 보실 수 있습니다",
            "Subscribed: digests start with the next run",
        ),
    )


async def unsubscribe(
    *, subscriptions: SubscriptionRepository, subject: LinkSubject
) -> LinkAnswer:
    """Withdraw consent and erase the address; repeating it is harmless."""
    stored = await _by_link(subscriptions, subject)
    if stored is not None and stored["status"] != Status.UNSUBSCRIBED:
        now = _now().isoformat()
        changes = {
            "status": Status.UNSUBSCRIBED.value,
            "unsubscribed_at": now,
            "updated_at": now,
            "email": "",
        }
        await subscriptions.change(
            stored.profile_id,
            subscription_id=stored.id,
            changes=changes,
            subscribed_to=None,
        )
        log.info("subscription.unsubscribed", subscription_id=str(stored.id))
    # A link of a subscription that is gone or replaced unsubscribes from nothing
    # more; the answer is the same, as RFC 8058 one-click senders expect.
    return LinkAnswer(
        status=Status.UNSUBSCRIBED,
        detail=say(
            "추천 메일 수신을 거부하셨습니다. 더 이상 메일을 보내지 않습니다",
            "Unsubscribed: no more digests will be sent",
        ),
    )
