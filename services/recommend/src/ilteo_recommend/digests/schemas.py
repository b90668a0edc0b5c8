"""Subscriptions to digest e-mails, as the API takes and shows them."""

import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Self
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    model_validator,
)

from ilteo_common.items import ItemKind

EMAIL_MAX_LENGTH = 254  # RFC 5321 §4.5.3.1.3, a forward-path less its brackets
_LOCAL_PART = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$")
_DOMAIN_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")


class Period(StrEnum):
    DAILY = "daily"  # 매일
    WEEKLY = "weekly"  # 매주 (월요일에 시작하는 주)


class Status(StrEnum):
    PENDING = "pending"  # 확인 메일의 링크를 누르기 전
    CONFIRMED = "confirmed"  # 수신 동의 완료
    UNSUBSCRIBED = "unsubscribed"  # 수신 거부


class DeliveryStatus(StrEnum):
    OK = "ok"
    RETRYING = "retrying"  # the last send failed for now; the next run retries
    FAILING = "failing"  # the server refused the address (5xx) lately
    BOUNCED = "bounced"  # refused too often in a row: no more digests


def _valid_email(value: str) -> str:
    address = value.strip()
    local, at, domain = address.rpartition("@")
    message = "올바른 이메일 주소가 아닙니다 / Not a valid e-mail address"
    if not at or len(address) > EMAIL_MAX_LENGTH or not _LOCAL_PART.match(local):
        raise ValueError(message)
    if local.startswith(".") or local.endswith(".") or ".." in local:
        raise ValueError(message)
    try:
        # Korean domain names (한글.kr) travel as IDNA A-labels.
        ascii_domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise ValueError(message) from None
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.match(label) for label in labels):
        raise ValueError(message)
    return f"{local}@{ascii_domain}"


Email = Annotated[str, AfterValidator(_valid_email)]
Kinds = Annotated[list[ItemKind], Field(min_length=1, max_length=4)]


def _distinct(kinds: list[ItemKind]) -> list[ItemKind]:
    return list(dict.fromkeys(kinds))


class SubscriptionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    profile_id: UUID
    email: Email = Field(description="where digests go; kept for nothing else")
    period: Period = Period.WEEKLY
    kinds: Kinds = Field(default=[ItemKind.JOB], description="what a digest holds")

    @model_validator(mode="after")
    def _kinds_once(self) -> Self:
        self.kinds = _distinct(self.kinds)
        return self


class SubscriptionUpdate(BaseModel):
    """Preferences; a new address is confirmed again before anything is sent."""

    model_config = ConfigDict(extra="forbid")

    email: Email | None = None
    period: Period | None = None
    kinds: Kinds | None = None

    @model_validator(mode="after")
    def _something_to_change(self) -> Self:
        if self.email is None and self.period is None and self.kinds is None:
            raise ValueError(
                "바꿀 항목(email, period, kinds)이 필요합니다 / "
                "Give at least one of email, period, kinds"
            )
        if self.kinds is not None:
            self.kinds = _distinct(self.kinds)
        return self


class Delivery(BaseModel):
    status: DeliveryStatus | None = Field(description="None before the first digest")
    last_sent_at: datetime | None
    permanent_failures: int = Field(description="5xx refusals in a row")
    last_error: str | None


class Subscription(BaseModel):
    id: UUID
    profile_id: UUID
    email: str | None = Field(description="erased when the person unsubscribes")
    period: Period
    kinds: list[ItemKind]
    status: Status
    created_at: datetime
    updated_at: datetime
    confirmed_at: datetime | None = Field(description="consent given (수신 동의)")
    unsubscribed_at: datetime | None = Field(description="consent withdrawn")
    delivery: Delivery


class LinkAnswer(BaseModel):
    """What a confirmation or unsubscribe link did."""

    status: Status
    detail: str
