"""Pure logic of the digests domain: retries, periods, addresses, links, MIME."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest
import structlog
from pydantic import TypeAdapter, ValidationError

from ilteo_common.items import ItemKind
from ilteo_recommend.digests.compose import Composer, Section
from ilteo_recommend.digests.links import Links, LinkSubject
from ilteo_recommend.digests.mailer import (
    DeliveryError,
    PermanentFailure,
    RecordingMailer,
    TemporaryFailure,
)
from ilteo_recommend.digests.run import (
    RunOptions,
    idempotency_key,
    period_start,
    send_with_retries,
)
from ilteo_recommend.digests.schemas import Email, Period
from ilteo_recommend.errors import InvalidLink

OPTIONS = RunOptions(send_attempts=3, retry_initial_s=0, retry_max_s=0)
LOG = structlog.get_logger("test")
ADDRESS = "someone@example.kr"


def links(secret: str = "s" * 40) -> Links:
    return Links(
        secret=secret, public_base="https://ilteo.example.kr/", confirm_max_age_s=60
    )


class TestSendWithRetries:
    async def test_temporary_failures_are_retried_until_accepted(self) -> None:
        mailer = RecordingMailer(
            failures={
                ADDRESS: [
                    TemporaryFailure(451, "later"),
                    TemporaryFailure(None, "reset"),
                ]
            }
        )

        await send_with_retries(
            mailer=mailer, options=OPTIONS, to=ADDRESS, message=b"m", log=LOG
        )

        assert [recipient for _, recipient, _ in mailer.sent] == [ADDRESS]

    async def test_permanent_failure_is_not_retried(self) -> None:
        mailer = RecordingMailer(
            failures={
                ADDRESS: [
                    PermanentFailure(550, "no such user"),
                    TemporaryFailure(451, "x"),
                ]
            }
        )

        with pytest.raises(PermanentFailure):
            await send_with_retries(
                mailer=mailer, options=OPTIONS, to=ADDRESS, message=b"m", log=LOG
            )

        assert len(mailer.failures[ADDRESS]) == 1  # the second error never came up
        assert mailer.sent == []

    async def test_temporary_failures_give_up_after_the_attempts(self) -> None:
        errors: list[DeliveryError] = [TemporaryFailure(451, "x") for _ in range(5)]
        mailer = RecordingMailer(failures={ADDRESS: errors})

        with pytest.raises(TemporaryFailure):
            await send_with_retries(
                mailer=mailer, options=OPTIONS, to=ADDRESS, message=b"m", log=LOG
            )

        assert len(mailer.failures[ADDRESS]) == 2  # 3 attempts of 5 failures


class TestPeriods:
    def test_weekly_period_starts_on_monday_in_korea(self) -> None:
        # Sunday 20:00 UTC is already Monday 05:00 in Seoul.
        now = datetime(2031, 3, 9, 20, 0, tzinfo=UTC)

        assert period_start(Period.WEEKLY, now).isoformat() == "2031-03-10"
        assert period_start(Period.DAILY, now).isoformat() == "2031-03-10"

    def test_idempotency_key_names_subscription_period_and_start(self) -> None:
        subscription = uuid4()
        start = period_start(Period.WEEKLY, datetime(2031, 3, 12, tzinfo=UTC))

        key = idempotency_key(subscription, Period.WEEKLY, start)

        assert key == f"digest:{subscription}:weekly:2031-03-10"


class TestEmail:
    adapter: TypeAdapter[str] = TypeAdapter(Email)

    @pytest.mark.parametrize(
        ("given", "stored"),
        [
            ("Kim.Minji@Example.KR", "Kim.Minji@example.kr"),
            (" a+digest@mail.incheon.go.kr ", "a+digest@mail.incheon.go.kr"),
            ("user@일터.kr", "user@xn--pu5bm1p.kr"),
        ],
    )
    def test_valid_addresses(self, given: str, stored: str) -> None:
        assert self.adapter.validate_python(given) == stored

    @pytest.mark.parametrize(
        "given",
        [
            "plain",
            "@example.kr",
            "a@localhost",
            "a..b@example.kr",
            "a b@example.kr",
            "a@-bad-.kr",
            "x" * 65 + "@example.kr",
        ],
    )
    def test_invalid_addresses(self, given: str) -> None:
        with pytest.raises(ValidationError):
            self.adapter.validate_python(given)


class TestLinks:
    def test_links_round_trip(self) -> None:
        subject = LinkSubject(subscription_id=uuid4(), nonce="n1")
        signer = links()

        confirm = signer.confirm_url(subject).split("token=")[1]
        unsubscribe = signer.unsubscribe_url(subject).split("token=")[1]

        assert signer.read_confirm(confirm) == subject
        assert signer.read_unsubscribe(unsubscribe) == subject

    def test_a_confirmation_token_does_not_unsubscribe(self) -> None:
        subject = LinkSubject(subscription_id=uuid4(), nonce="n1")
        token = links().confirm_url(subject).split("token=")[1]

        with pytest.raises(InvalidLink):
            links().read_unsubscribe(token)

    def test_another_secret_is_refused(self) -> None:
        subject = LinkSubject(subscription_id=uuid4(), nonce="n1")
        token = links("a" * 40).unsubscribe_url(subject).split("token=")[1]

        with pytest.raises(InvalidLink):
            links("b" * 40).read_unsubscribe(token)

    def test_item_link_points_at_the_public_page(self) -> None:
        assert (
            links().item_url("work24:K1") == "https://ilteo.example.kr/items/work24:K1"
        )


class TestComposer:
    def test_long_unsubscribe_header_is_not_folded_into_encoded_words(self) -> None:
        composer = Composer(links=links(), mail_from="일터 <no-reply@ilteo.example.kr>")
        subject = LinkSubject(subscription_id=uuid4(), nonce="n" * 16)

        message = composer.digest(
            to=ADDRESS,
            period=Period.WEEKLY,
            sections=[Section(kind=ItemKind.JOB, label="일자리", items=[])],
            subject=subject,
            now=datetime(2031, 3, 10, tzinfo=UTC),
            message_id=composer.new_message_id(),
        )
        raw = message.as_bytes().decode("ascii")

        line = next(x for x in raw.split("\r\n") if x.startswith("List-Unsubscribe:"))
        assert line == f"List-Unsubscribe: <{links().unsubscribe_url(subject)}>"
        assert "Subject: =?utf-8?" in raw
