"""Bounces that arrive later: digests sent with VERP envelope senders, delivery
status notifications written into a Maildir the way a mail server delivers them,
and ``ilteo-recommend-bounces`` reading them against the real Redis.
"""

import email
import email.policy
import json
import mailbox
import os
import random
import re
import subprocess
import sys
import time
from email.message import EmailMessage, Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx
import pytest
from pydantic import ValidationError

from ilteo_recommend.digests.bounces import Severity, parse_notification, tokens_in
from ilteo_recommend.digests.repository import StoredSubscription
from ilteo_recommend.digests.run import RunOptions, envelope_sender
from ilteo_recommend.digests.verp import (
    BounceTokens,
    ForgedToken,
    token_of,
    verp_address,
)
from ilteo_recommend.settings import Settings
from tests.conftest import free_port
from tests.recommend.conftest import Api
from tests.recommend.digests.conftest import (
    PREFIX,
    WELDER,
    Inbox,
    Received,
    Subscriber,
    link_in,
    new_address,
    on_service,
    run_digest,
    subscribe,
    text_and_html,
)

# The console script appears in .venv/bin once the workspace is synced again;
# the module runs the same main().
BOUNCE_COMMAND = [sys.executable, "-m", "ilteo_recommend.digests.bounce_command"]
BOUNCE_ADDRESS = "no-reply@ilteo.example.kr"  # the From address of digest_env
DAYS = [f"2031-05-{day:02d}T07:00:00+09:00" for day in (5, 6, 7, 8)]
ONE_PER_KIND = {"DIGEST_ITEMS_PER_KIND": "1"}
SECRET = "s" * 40


# ── delivery status notifications as a Postfix bounce server writes them ─────


def notification(
    *,
    to: str,
    recipient: str,
    returned: bytes | None,
    action: str = "failed",
    status: str = "5.1.1",
    diagnostic: str | None = None,
) -> bytes:
    """A DSN (RFC 3464) to ``to`` about ``recipient``, as it lands in a Maildir:
    multipart/report with a human part, message/delivery-status and the
    returned message's headers, below the lines the delivery agent prepends."""
    if diagnostic is None:
        diagnostic = (
            f"smtp; 550 5.1.1 <{recipient}>: Recipient address rejected: "
            "User unknown in virtual mailbox table"
        )
    report = MIMEMultipart("report", report_type="delivery-status")
    report["Date"] = formatdate(localtime=True)
    report["From"] = "MAILER-DAEMON@mx.example.kr (Mail Delivery System)"
    report["Subject"] = (
        "Undelivered Mail Returned to Sender"
        if action == "failed"
        else "Delayed Mail (still being retried)"
    )
    report["To"] = to
    report["Auto-Submitted"] = "auto-replied"
    report["Message-Id"] = make_msgid(domain="mx.example.kr")
    report.preamble = "This is a MIME-encapsulated message."

    human = MIMEText(
        "This is the mail system at host mx.example.kr.\n\n"
        "I'm sorry to have to inform you that your message could not\n"
        "be delivered to one or more recipients.\n\n"
        f"<{recipient}>: host mail.example.kr[203.0.113.25] said: {diagnostic}\n",
        "plain",
        "us-ascii",
    )
    human["Content-Description"] = "Notification"
    report.attach(human)

    per_message = Message()
    per_message["Reporting-MTA"] = "dns; mx.example.kr"
    per_message["X-Postfix-Queue-ID"] = "4Q1b2C3d4Ez"
    per_message["X-Postfix-Sender"] = f"rfc822; {to}"
    per_message["Arrival-Date"] = formatdate(localtime=True)
    per_recipient = Message()
    per_recipient["Final-Recipient"] = f"rfc822; {recipient}"
    per_recipient["Original-Recipient"] = f"rfc822;{recipient}"
    per_recipient["Action"] = action
    per_recipient["Status"] = status
    per_recipient["Remote-MTA"] = "dns; mail.example.kr"
    per_recipient["Diagnostic-Code"] = diagnostic
    delivery_status = Message()
    delivery_status["Content-Description"] = "Delivery report"
    delivery_status["Content-Type"] = "message/delivery-status"
    delivery_status.set_payload([per_message, per_recipient])
    report.attach(delivery_status)

    if returned is not None:
        headers = Message()
        headers["Content-Description"] = "Undelivered Message Headers"
        headers["Content-Type"] = "text/rfc822-headers"
        unix = returned.replace(b"\r\n", b"\n")
        headers.set_payload(unix.split(b"\n\n", 1)[0].decode("ascii") + "\n")
        report.attach(headers)
    return delivered_to(to, report.as_bytes())


def delivered_to(address: str, message: bytes) -> bytes:
    """What the delivery agent adds on top (Postfix virtual/local)."""
    on_top = f"Return-Path: <>\nX-Original-To: {address}\nDelivered-To: {address}\n"
    return on_top.encode() + message


def bounce_of(digest: Received, **fields: Any) -> bytes:
    """The DSN a recipient's server sends back for a digest it refused."""
    (recipient,) = digest.recipients
    return notification(
        to=digest.sender, recipient=recipient, returned=digest.raw, **fields
    )


# ── the command and the Maildir ──────────────────────────────────────────────


@pytest.fixture
def maildir(tmp_path: Path) -> Path:
    path = tmp_path / "Maildir"
    mailbox.Maildir(path, create=True)
    return path


def drop(maildir: Path, *messages: bytes) -> None:
    """Deliver into new/, as the bounce domain's mail server does."""
    box = mailbox.Maildir(maildir, create=False)
    for message in messages:
        box.add(message)


def files(maildir: Path, subdir: str) -> list[str]:
    return sorted(os.listdir(maildir / subdir))


def run_bounces(
    env: dict[str, str], maildir: Path, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = os.environ | {f"{PREFIX}{k}": v for k, v in env.items()}
    environment |= {f"{PREFIX}{k}": v for k, v in (extra or {}).items()}
    environment[f"{PREFIX}ENVIRONMENT"] = "test"
    environment[f"{PREFIX}LOG_JSON"] = "true"
    done = subprocess.run(
        [*BOUNCE_COMMAND, "--no-progress", "--maildir", str(maildir)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def events(done: subprocess.CompletedProcess[str], name: str) -> list[dict[str, Any]]:
    found = []
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            event = json.loads(line)
            if event["event"] == name:
                found.append(event)
    return found


def only(done: subprocess.CompletedProcess[str], name: str) -> dict[str, Any]:
    found = events(done, name)
    assert len(found) == 1, done.stdout
    return found[0]


def tally(done: subprocess.CompletedProcess[str], outcome: str) -> int:
    match = re.search(rf"{outcome}\W+(\d+)\b", done.stderr)
    assert match, done.stderr
    return int(match.group(1))


def delivery(api: Api, subscriber: Subscriber) -> dict[str, Any]:
    shown = api.call(
        "GET",
        f"subscriptions/{subscriber.subscription['id']}",
        subject=subscriber.subject,
    )
    assert shown.status_code == 200, shown.text
    found: dict[str, Any] = shown.json()["delivery"]
    return found


def digest_on(
    env: dict[str, str], inbox: Inbox, subscriber: Subscriber, day: str
) -> Received:
    """Run the day's digests; the one this subscriber got."""
    before = len(inbox.to(subscriber.address, digests_only=True))
    done = run_digest(env, "--period", "daily", "--now", day, extra=ONE_PER_KIND)
    got = inbox.to(subscriber.address, digests_only=True)
    assert len(got) == before + 1, done.stdout + done.stderr
    return got[-1]


# ── tokens ────────────────────────────────────────────────────────────────────


class TestBounceTokens:
    def test_a_token_names_the_subscription_and_the_address(self) -> None:
        tokens = BounceTokens(SECRET)
        subscription_id = uuid4()

        token = tokens.token(subscription_id, "someone@example.kr")
        read = tokens.read(token)

        assert read.subscription_id == subscription_id
        assert read.address_tag == tokens.address_tag("someone@example.kr")
        assert read.address_tag != tokens.address_tag("other@example.kr")

    def test_the_envelope_sender_fits_rfc_5321(self) -> None:
        token = BounceTokens(SECRET).token(uuid4(), "someone@example.kr")

        sender = verp_address("no-reply@ilteo.example.kr", token)

        local, _, domain = sender.rpartition("@")
        assert local == f"no-reply+{token}"
        assert domain == "ilteo.example.kr"
        assert len(local) <= 64
        assert re.fullmatch(r"[0-9a-f]{32}\.[0-9a-f]{6}\.[0-9a-f]{10}", token)
        assert token_of(sender) == token
        assert token_of(f"<{sender.upper()}>") == token  # case changed on the way

    def test_a_long_bounce_local_part_is_refused(self) -> None:
        token = BounceTokens(SECRET).token(uuid4(), "someone@example.kr")

        with pytest.raises(ValueError, match="no room"):
            verp_address("digest-bounces@ilteo.example.kr", token)
        with pytest.raises(ValidationError, match="at most 13"):
            Settings(
                service_token="t",
                link_secret=SECRET,
                mail_bounce_address="digest-bounces@ilteo.example.kr",
            )

    def test_a_changed_id_or_another_secret_does_not_verify(self) -> None:
        token = BounceTokens(SECRET).token(uuid4(), "someone@example.kr")
        changed = ("1" if token[0] != "1" else "2") + token[1:]

        with pytest.raises(ForgedToken):
            BounceTokens(SECRET).read(changed)
        with pytest.raises(ForgedToken):
            BounceTokens("another secret, just as long as it!").read(token)

    def test_a_run_sends_each_subscription_from_its_own_address(self) -> None:
        stored = StoredSubscription({"id": str(uuid4()), "email": "a@example.kr"})
        tokens = BounceTokens(SECRET)
        plain = RunOptions(envelope_from=BOUNCE_ADDRESS)
        verp = RunOptions(envelope_from=BOUNCE_ADDRESS, bounce_tokens=tokens)

        sender = envelope_sender(verp, stored)

        assert envelope_sender(plain, stored) == BOUNCE_ADDRESS
        assert sender == verp_address(
            BOUNCE_ADDRESS, tokens.token(stored.id, "a@example.kr")
        )
        assert sender == envelope_sender(verp, stored)  # a resend: the same

    @pytest.mark.parametrize(
        "address",
        [
            "no-reply@ilteo.example.kr",
            "no-reply+bounces@ilteo.example.kr",
            f"no-reply+{'0' * 32}.abc.0123456789@ilteo.example.kr",
            "",
        ],
    )
    def test_addresses_without_a_token(self, address: str) -> None:
        assert token_of(address) is None


# ── reading notifications ────────────────────────────────────────────────────

POSTFIX_BOUNCE = b"""\
Return-Path: <>
X-Original-To: no-reply+TOKEN@ilteo.example.kr
Delivered-To: no-reply+TOKEN@ilteo.example.kr
Received: by mx.example.kr (Postfix)
\tid 4Q1b2C3d4Ez; Mon,  5 May 2031 07:00:12 +0900 (KST)
Date: Mon,  5 May 2031 07:00:12 +0900 (KST)
From: MAILER-DAEMON@mx.example.kr (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: no-reply+TOKEN@ilteo.example.kr
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="4Q1b2C3d4Ez.1966370412/mx.example.kr"
Content-Transfer-Encoding: 8bit
Message-Id: <20310504220012.4Q1b2C3d4Ez@mx.example.kr>

This is a MIME-encapsulated message.

--4Q1b2C3d4Ez.1966370412/mx.example.kr
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.kr.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

<citizen@example.kr>: host mail.example.kr[203.0.113.25] said: 550 5.1.1
    <citizen@example.kr>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)

--4Q1b2C3d4Ez.1966370412/mx.example.kr
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.kr
X-Postfix-Queue-ID: 4Q1b2C3d4Ez
X-Postfix-Sender: rfc822; no-reply+TOKEN@ilteo.example.kr
Arrival-Date: Mon,  5 May 2031 07:00:10 +0900 (KST)

Final-Recipient: rfc822; citizen@example.kr
Original-Recipient: rfc822;citizen@example.kr
Action: failed
Status: 5.1.1
Remote-MTA: dns; mail.example.kr
Diagnostic-Code: smtp; 550 5.1.1 <citizen@example.kr>: Recipient address
    rejected: User unknown in virtual mailbox table

--4Q1b2C3d4Ez.1966370412/mx.example.kr
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: =?utf-8?b?7J287YSw?= <no-reply@ilteo.example.kr>
To: citizen@example.kr
Subject: =?utf-8?b?W+ydvO2EsF0g7Jik64qY7J2YIOunnuy2pCDstpTsspwgM+qxtA==?=
Message-ID: <digest-1@ilteo.example.kr>

--4Q1b2C3d4Ez.1966370412/mx.example.kr--
"""


def parsed(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


class TestNotifications:
    def test_a_postfix_bounce(self) -> None:
        token = BounceTokens(SECRET).token(uuid4(), "citizen@example.kr")
        message = parsed(POSTFIX_BOUNCE.replace(b"TOKEN", token.encode()))

        found = parse_notification(message)

        assert found is not None
        report = found.worst()
        assert report is not None
        assert report.severity is Severity.PERMANENT
        assert report.status == "5.1.1"
        assert found.original_message_id == "<digest-1@ilteo.example.kr>"
        assert tokens_in(message, found.returned_headers) == [token]
        # Kept as the last error, without the address.
        assert report.error().startswith("5.1.1 550 5.1.1 <address>: Recipient")
        assert "citizen@" not in report.error()

    @pytest.mark.parametrize(
        ("action", "status", "severity"),
        [
            ("failed", "5.2.2", Severity.PERMANENT),
            ("delayed", "4.4.7", Severity.DELAYED),
            ("failed", "4.4.7", Severity.DELAYED),
            ("delivered", "2.0.0", Severity.OTHER),
            ("relayed", "2.0.0", Severity.OTHER),
            ("expanded", "2.0.0", Severity.OTHER),
        ],
    )
    def test_what_each_action_means(
        self, action: str, status: str, severity: Severity
    ) -> None:
        raw = notification(
            to="no-reply@ilteo.example.kr",
            recipient="citizen@example.kr",
            returned=None,
            action=action,
            status=status,
        )

        found = parse_notification(parsed(raw))

        assert found is not None
        report = found.worst()
        assert report is not None
        assert report.severity is severity

    def test_an_ordinary_message_is_no_notification(self) -> None:
        reply = EmailMessage()
        reply["From"] = "citizen@example.kr"
        reply["To"] = "no-reply@ilteo.example.kr"
        reply["Subject"] = "자동 응답: 휴가 중입니다"
        reply.set_content("5월 12일까지 휴가입니다.")

        assert parse_notification(parsed(reply.as_bytes())) is None


# ── the command against Redis and the SMTP server ────────────────────────────


class TestVerpSender:
    def test_each_digest_bounces_to_its_own_subscription(
        self, mail_api: Api, inbox: Inbox, digest_env: dict[str, str]
    ) -> None:
        subscriber = subscribe(mail_api, inbox, profile=WELDER, kinds=["job"])

        digest = digest_on(digest_env, inbox, subscriber, DAYS[0])

        local, _, domain = digest.sender.rpartition("@")
        assert domain == "ilteo.example.kr"
        assert local.startswith("no-reply+")
        assert len(local) <= 64
        token = token_of(digest.sender)
        assert token is not None
        tokens = BounceTokens(digest_env["LINK_SECRET"])
        read = tokens.read(token)
        assert str(read.subscription_id) == subscriber.subscription["id"]
        assert read.address_tag == tokens.address_tag(subscriber.address)
        # The confirmation mail keeps the plain bounce address.
        (confirmation,) = [
            mail
            for mail in inbox.to(subscriber.address)
            if "List-Unsubscribe" not in mail.message
        ]
        assert confirmation.sender == BOUNCE_ADDRESS


class TestPermanentFailures:
    def test_each_bounce_counts_and_the_limit_suspends(
        self,
        mail_api: Api,
        inbox: Inbox,
        digest_env: dict[str, str],
        maildir: Path,
        tmp_path: Path,
    ) -> None:
        subscriber = subscribe(
            mail_api, inbox, profile=WELDER, kinds=["job", "training"]
        )
        metrics = tmp_path / "bounces.prom"

        for day, failures in zip(DAYS[:3], (1, 2, 3), strict=True):
            digest = digest_on(digest_env, inbox, subscriber, day)
            # The relay accepted the digest: that alone clears nothing.
            assert delivery(mail_api, subscriber)["permanent_failures"] == failures - 1
            drop(maildir, bounce_of(digest))

            done = run_bounces(
                digest_env, maildir, extra={"BOUNCE_METRICS_PATH": str(metrics)}
            )

            recorded = only(done, "bounce.recorded")
            assert recorded["subscription_id"] == subscriber.subscription["id"]
            assert recorded["failures_in_row"] == failures
            assert tally(done, "recorded") == 1
            shown = delivery(mail_api, subscriber)
            assert shown["permanent_failures"] == failures
            assert shown["status"] == ("bounced" if failures == 3 else "failing")
            assert shown["last_error"].startswith("5.1.1 550 5.1.1 <address>")
            assert subscriber.address not in shown["last_error"]

        assert recorded["suspended"] is True
        assert files(maildir, "new") == []
        assert len(files(maildir, "cur")) == 3
        assert all(name.endswith(":2,S") for name in files(maildir, "cur"))
        assert 'ilteo_recommend_bounces_total{outcome="recorded"} 1.0' in (
            metrics.read_text()
        )

        run_digest(digest_env, "--period", "daily", "--now", DAYS[3])

        assert len(inbox.to(subscriber.address, digests_only=True)) == 3

    def test_a_digest_that_draws_no_bounce_clears_the_count(
        self,
        mail_api: Api,
        inbox: Inbox,
        digest_env: dict[str, str],
        maildir: Path,
    ) -> None:
        subscriber = subscribe(
            mail_api, inbox, profile=WELDER, kinds=["job", "training"]
        )
        first = digest_on(digest_env, inbox, subscriber, DAYS[0])
        drop(maildir, bounce_of(first))
        run_bounces(digest_env, maildir)

        digest_on(digest_env, inbox, subscriber, DAYS[1])  # no bounce for this one
        digest_on(digest_env, inbox, subscriber, DAYS[2])

        shown = delivery(mail_api, subscriber)
        assert shown["status"] == "ok"
        assert shown["permanent_failures"] == 0

    def test_a_bounce_counts_once(
        self,
        mail_api: Api,
        inbox: Inbox,
        digest_env: dict[str, str],
        maildir: Path,
    ) -> None:
        subscriber = subscribe(mail_api, inbox, profile=WELDER, kinds=["job"])
        digest = digest_on(digest_env, inbox, subscriber, DAYS[0])
        bounce = bounce_of(digest)
        drop(maildir, bounce)

        first = run_bounces(digest_env, maildir)
        second = run_bounces(digest_env, maildir)
        # As if a run had died after counting, before moving the message on.
        drop(maildir, bounce)
        third = run_bounces(digest_env, maildir)

        assert tally(first, "recorded") == 1
        assert tally(second, "total") == 0
        assert tally(third, "recorded") == 0
        ignored = only(third, "bounce.ignored")
        assert ignored["reason"] == "counted before"
        assert delivery(mail_api, subscriber)["permanent_failures"] == 1


class TestNothingToCount:
    def test_a_delayed_notification_changes_nothing(
        self,
        mail_api: Api,
        inbox: Inbox,
        digest_env: dict[str, str],
        maildir: Path,
    ) -> None:
        subscriber = subscribe(mail_api, inbox, profile=WELDER, kinds=["job"])
        digest = digest_on(digest_env, inbox, subscriber, DAYS[0])
        drop(
            maildir,
            bounce_of(
                digest,
                action="delayed",
                status="4.4.7",
                diagnostic="smtp; 452 4.2.2 Mailbox full, try again later",
            ),
        )

        done = run_bounces(digest_env, maildir)

        assert tally(done, "delayed") == 1
        delayed = only(done, "bounce.delayed")
        assert delayed["subscription_id"] == subscriber.subscription["id"]
        assert delayed["status"] == "4.4.7"
        shown = delivery(mail_api, subscriber)
        assert shown["status"] == "ok"
        assert shown["permanent_failures"] == 0
        assert files(maildir, "new") == []
        assert len(files(maildir, "cur")) == 1

    def test_a_late_bounce_for_a_changed_address_does_not_count(
        self,
        mail_api: Api,
        inbox: Inbox,
        digest_env: dict[str, str],
        maildir: Path,
    ) -> None:
        subscriber = subscribe(
            mail_api, inbox, profile=WELDER, kinds=["job", "training"]
        )
        old = digest_on(digest_env, inbox, subscriber, DAYS[0])
        address = new_address()
        changed = mail_api.call(
            "PATCH",
            f"subscriptions/{subscriber.subscription['id']}",
            subject=subscriber.subject,
            json={"email": address},
        )
        assert changed.status_code == 200, changed.text
        (confirmation,) = inbox.to(address)
        link = link_in(
            text_and_html(confirmation.message)[0], "/api/v1/subscriptions/confirm"
        )
        assert httpx.post(on_service(mail_api, link), timeout=30).status_code == 200
        moved = Subscriber(
            subscriber.subject, subscriber.profile_id, address, subscriber.subscription
        )
        new = digest_on(digest_env, inbox, moved, DAYS[1])
        assert token_of(new.sender) != token_of(old.sender)
        drop(maildir, bounce_of(old))

        done = run_bounces(digest_env, maildir)

        ignored = only(done, "bounce.ignored")
        assert ignored["reason"] == "the address changed since"
        shown = delivery(mail_api, moved)
        assert shown["status"] == "ok"
        assert shown["permanent_failures"] == 0
        assert len(files(maildir, "cur")) == 1

    def test_a_late_bounce_after_unsubscribing_does_not_count(
        self,
        mail_api: Api,
        inbox: Inbox,
        digest_env: dict[str, str],
        maildir: Path,
    ) -> None:
        subscriber = subscribe(mail_api, inbox, profile=WELDER, kinds=["job"])
        digest = digest_on(digest_env, inbox, subscriber, DAYS[0])
        url = on_service(mail_api, digest.message["List-Unsubscribe"].strip("<>"))
        clicked = httpx.post(url, data={"List-Unsubscribe": "One-Click"}, timeout=30)
        assert clicked.status_code == 200
        drop(maildir, bounce_of(digest))

        done = run_bounces(digest_env, maildir)

        ignored = only(done, "bounce.ignored")
        assert ignored["reason"] == "unsubscribed: no address any more"
        shown = delivery(mail_api, subscriber)
        assert shown["permanent_failures"] == 0
        assert shown["last_error"] is None


class TestRetention:
    def test_read_messages_go_after_the_keep_days(
        self, digest_env: dict[str, str], maildir: Path
    ) -> None:
        month_and_more = time.time() - 31 * 86400
        old, recent = maildir / "cur" / "1.old:2,S", maildir / "cur" / "2.new:2,S"
        unread = maildir / "cur" / "3.unread:2,"
        mailbox.Maildir(maildir).add_folder("unmatched")
        set_aside = maildir / ".unmatched" / "new" / "4.aside"
        for path in (old, recent, unread, set_aside):
            path.write_bytes(b"Subject: x\n\nx\n")
        for path in (old, unread, set_aside):
            os.utime(path, (month_and_more, month_and_more))

        done = run_bounces(digest_env, maildir)

        assert "1 read messages older than 30 days deleted" in " ".join(
            done.stderr.split()
        )
        assert not old.exists()
        assert recent.exists()
        assert unread.exists()  # not read by this command
        assert set_aside.exists()  # waits for a person


class TestUnmatched:
    def test_what_cannot_be_matched_is_set_aside(
        self,
        mail_api: Api,
        inbox: Inbox,
        digest_env: dict[str, str],
        maildir: Path,
    ) -> None:
        subscriber = subscribe(mail_api, inbox, profile=WELDER, kinds=["job"])
        digest = digest_on(digest_env, inbox, subscriber, DAYS[0])
        token = token_of(digest.sender)
        assert token is not None
        forged_token = token[:-1] + ("0" if token[-1] != "0" else "1")
        forged = bounce_of(digest).replace(token.encode(), forged_token.encode())
        auto_reply = EmailMessage()
        auto_reply["From"] = subscriber.address
        auto_reply["To"] = digest.sender
        auto_reply["Subject"] = "자동 응답: 휴가 중입니다"
        auto_reply["Auto-Submitted"] = "auto-replied"
        auto_reply.set_content("5월 12일까지 휴가입니다. 급한 일은 전화 주세요.")
        to_plain_address = notification(
            to=BOUNCE_ADDRESS, recipient=subscriber.address, returned=None
        )
        garbage = random.Random(7).randbytes(4096)
        drop(
            maildir,
            forged,
            delivered_to(digest.sender, auto_reply.as_bytes()),
            to_plain_address,
            garbage,
            b"",
        )

        done = run_bounces(digest_env, maildir)

        assert tally(done, "unmatched") == 5
        reasons = sorted(event["reason"] for event in events(done, "bounce.unmatched"))
        assert reasons == [
            "no bounce token in the recipient headers",
            "no bounce token in the recipient headers",
            "no bounce token in the recipient headers",
            "not a delivery status notification",
            "the bounce token's signature does not match",
        ]
        assert files(maildir, "new") == []
        assert files(maildir, "cur") == []
        aside = maildir / ".unmatched"
        assert (aside / "maildirfolder").exists()
        kept = {(aside / "new" / name).read_bytes() for name in files(aside, "new")}
        assert garbage in kept  # byte for byte
        assert forged in kept
        shown = delivery(mail_api, subscriber)
        assert shown["status"] == "ok"
        assert shown["permanent_failures"] == 0

    def test_without_redis_messages_wait_in_new(
        self, digest_env: dict[str, str], maildir: Path
    ) -> None:
        bounce = notification(
            to=verp_address(
                BOUNCE_ADDRESS, BounceTokens(SECRET).token(uuid4(), "a@b.kr")
            ),
            recipient="a@b.kr",
            returned=None,
        )
        drop(maildir, bounce)
        nowhere = f"redis://127.0.0.1:{free_port()}/9"

        done = run_bounces(
            digest_env, maildir, extra={"REDIS_URL": nowhere, "LINK_SECRET": SECRET}
        )

        assert tally(done, "deferred") == 1
        assert len(files(maildir, "new")) == 1

    def test_a_missing_maildir_is_the_only_failure(
        self, digest_env: dict[str, str], tmp_path: Path
    ) -> None:
        environment = os.environ | {f"{PREFIX}{k}": v for k, v in digest_env.items()}
        environment[f"{PREFIX}ENVIRONMENT"] = "test"

        done = subprocess.run(
            [*BOUNCE_COMMAND, "--maildir", str(tmp_path / "nowhere")],
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

        assert done.returncode == 66, done.stdout + done.stderr
        assert "bounce.maildir_unreadable" in done.stdout
