"""Bounces that arrive later: delivery status notifications in the bounce Maildir.

The submission server accepts a digest; the recipient's server may refuse it
afterwards, and then a delivery status notification (DSN, RFC 3464) comes back
to the envelope sender, ``<local>+<token>@<domain>`` (see ``verp``). The bounce
domain's mail server delivers those to a Maildir; each run here reads what is
new there:

- a DSN whose token verifies and whose recipient ``failed`` with a 5.x.x status
  counts one permanent failure against the subscription, as a refusal at RCPT
  or DATA does (``DigestLedger.record_bounce``), while the subscription still
  has the address the digest went to;
- ``delayed`` or a 4.x.x status is logged and counted, and changes nothing;
- anything else the DSN says (delivered, relayed, expanded) is ignored.

A read message moves to ``cur/`` with the Seen flag; one that is not a DSN, has
no token or a forged one, or cannot be parsed moves to the ``.unmatched``
folder for a person to look at. Both are renames, so the bytes stay as they
were delivered and a message is never in two places or none. A message is moved
only after Redis has recorded what it said; should the run die in between, the
next run reads it again and Redis, which remembers each counted bounce, does not
count it twice. When Redis does not answer, the message stays in ``new/``.
"""

import contextlib
import email
import email.policy
import hashlib
import mailbox
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.message import Message
from email.parser import HeaderParser
from email.utils import collapse_rfc2231_value, getaddresses
from enum import StrEnum
from pathlib import Path
from uuid import UUID

import structlog
from redis.exceptions import RedisError

from ilteo_recommend.digests.repository import DigestLedger, SubscriptionRepository
from ilteo_recommend.digests.verp import (
    BounceToken,
    BounceTokens,
    ForgedToken,
    token_of,
)
from ilteo_recommend.metrics import BOUNCES

UNMATCHED_FOLDER = "unmatched"
SEEN_INFO = "2,S"  # Maildir info: experimental semantics 2, flag Seen
ERROR_MAX = 300

# Where a DSN carries the address it was sent to: the delivery agent's
# Delivered-To and X-Original-To, Exim's Envelope-To, the DSN's own To; and the
# Return-Path of the returned message, where a server kept it.
TOKEN_HEADERS = ("Delivered-To", "X-Original-To", "Envelope-To", "To")
RETURNED_TOKEN_HEADERS = ("Return-Path",)

_STATUS = re.compile(r"([245])\.\d{1,3}\.\d{1,3}")
_ADDRESS = re.compile(r"<?[^\s<>()\[\]\";:,@]+@[^\s<>()\[\]\";:,@]+>?")

log = structlog.get_logger(__name__)


class Outcome(StrEnum):
    RECORDED = "recorded"  # a permanent failure counted against the subscription
    DELAYED = "delayed"  # the server is still trying (4.x.x): nothing changes
    IGNORED = "ignored"  # nothing to count: delivered, counted before, old address
    UNMATCHED = "unmatched"  # not a DSN, no token, a forged one: to .unmatched
    DEFERRED = "deferred"  # Redis did not answer: left in new/ for the next run


class Severity(StrEnum):
    PERMANENT = "permanent"  # Action: failed with a 5.x.x status
    DELAYED = "delayed"  # Action: delayed, or a 4.x.x status
    OTHER = "other"  # delivered, relayed, expanded: not a failure


@dataclass(frozen=True)
class RecipientReport:
    """One recipient's fields of a DSN (RFC 3464 §2.3)."""

    action: str
    status: str
    diagnostic: str

    @property
    def severity(self) -> Severity:
        match = _STATUS.match(self.status)
        code = match.group(1) if match else ""
        if self.action == "failed" and code == "5":
            return Severity.PERMANENT
        if self.action == "delayed" or code == "4":
            return Severity.DELAYED
        return Severity.OTHER

    def error(self) -> str:
        """For ``last_error``: the status and the remote server's words, with
        addresses left out."""
        diagnostic = _ADDRESS.sub("<address>", self.diagnostic)
        return f"{self.status} {diagnostic}".strip()[:ERROR_MAX]


@dataclass(frozen=True)
class Notification:
    reports: tuple[RecipientReport, ...]
    message_id: str  # the DSN's own
    original_message_id: str  # the bounced digest's, when the DSN returned headers
    returned_headers: Message | None

    def worst(self) -> RecipientReport | None:
        """The report that matters most: a failure over a delay over the rest."""
        order = [Severity.PERMANENT, Severity.DELAYED, Severity.OTHER]
        ranked = sorted(self.reports, key=lambda report: order.index(report.severity))
        return ranked[0] if ranked else None


def _field(block: Message, name: str) -> str:
    return " ".join(str(block.get(name, "")).split())


def _typed_value(value: str) -> str:
    """``smtp; 550 5.1.1 ...`` -> ``550 5.1.1 ...`` (RFC 3464 typed fields)."""
    kind, semicolon, rest = value.partition(";")
    return rest.strip() if semicolon else kind.strip()


def _returned_headers(part: Message) -> Message | None:
    if part.get_content_type() == "text/rfc822-headers":
        text = part.get_payload(decode=True) or b""
        if isinstance(text, bytes):
            decoded = text.decode("utf-8", errors="replace")
            return HeaderParser(policy=email.policy.default).parsestr(decoded)
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        if isinstance(inner, list) and inner and isinstance(inner[0], Message):
            return inner[0]
    return None


def parse_notification(message: Message) -> Notification | None:
    """The DSN in a message: ``multipart/report; report-type=delivery-status``
    with a ``message/delivery-status`` part. None when it is not one."""
    if message.get_content_type() != "multipart/report":
        return None
    report_type = collapse_rfc2231_value(message.get_param("report-type", ""))
    if report_type.lower() != "delivery-status":
        return None
    reports: list[RecipientReport] = []
    returned = None
    found = False
    for part in message.get_payload() if message.is_multipart() else []:
        if not isinstance(part, Message):
            continue
        if part.get_content_type() == "message/delivery-status":
            found = True
            blocks = part.get_payload()
            # The email package parses the part into one header block per
            # message and per recipient; per-recipient blocks have an Action.
            for block in blocks if isinstance(blocks, list) else []:
                if isinstance(block, Message) and block.get("Action") is not None:
                    reports.append(
                        RecipientReport(
                            action=_field(block, "Action").partition(" ")[0].lower(),
                            status=_field(block, "Status"),
                            diagnostic=_typed_value(_field(block, "Diagnostic-Code")),
                        )
                    )
        elif returned is None:
            returned = _returned_headers(part)
    if not found:
        return None
    return Notification(
        reports=tuple(reports),
        message_id=_field(message, "Message-ID"),
        original_message_id=_field(returned, "Message-ID") if returned else "",
        returned_headers=returned,
    )


def tokens_in(message: Message, returned: Message | None) -> list[str]:
    """Every bounce token in the addresses a message was delivered to."""
    values = [str(v) for name in TOKEN_HEADERS for v in message.get_all(name, [])]
    if returned is not None:
        values += [
            str(v)
            for name in RETURNED_TOKEN_HEADERS
            for v in returned.get_all(name, [])
        ]
    found = (token_of(address) for _, address in getaddresses(values))
    return list(dict.fromkeys(token for token in found if token))


@dataclass(frozen=True)
class Verdict:
    """What one message said, and why."""

    outcome: Outcome
    reason: str
    subscription_id: UUID | None = None
    status: str = ""
    failures: int = 0
    suspended: bool = False


@dataclass(frozen=True)
class BounceContext:
    subscriptions: SubscriptionRepository
    ledger: DigestLedger
    tokens: BounceTokens
    bounce_limit: int


def _unmatched(reason: str) -> Verdict:
    return Verdict(Outcome.UNMATCHED, reason)


def _verified(tokens: BounceTokens, candidates: Iterable[str]) -> BounceToken | None:
    for candidate in candidates:
        try:
            return tokens.read(candidate)
        except ForgedToken:
            continue
    return None


async def judge(raw: bytes, *, context: BounceContext) -> Verdict:
    """Read one message and record what it says; raises only RedisError.

    The token is checked before the content: a message that carries no token of
    this platform's is set aside whatever it is.
    """
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        notification = parse_notification(message)
        returned = notification.returned_headers if notification else None
        candidates = tokens_in(message, returned)
    except Exception as error:  # the email package on bytes from anywhere
        return _unmatched(f"unreadable: {type(error).__name__}: {error}"[:ERROR_MAX])
    if not candidates:
        return _unmatched("no bounce token in the recipient headers")
    token = _verified(context.tokens, candidates)
    if token is None:
        return _unmatched("the bounce token's signature does not match")
    if notification is None:
        return _unmatched("not a delivery status notification")
    report = notification.worst()
    if report is None:
        return _unmatched("a delivery status notification without a recipient")
    found = Verdict(
        Outcome.IGNORED, "", subscription_id=token.subscription_id, status=report.status
    )
    if report.severity is Severity.DELAYED:
        return replace(found, outcome=Outcome.DELAYED, reason="the server still tries")
    if report.severity is Severity.OTHER:
        return replace(found, reason=f"action {report.action or 'missing'}")
    key = _bounce_key(notification, raw)
    return await _record(context, token, report, key, found)


def _bounce_key(notification: Notification, raw: bytes) -> str:
    """What makes one bounce one: the bounced digest (its Message-ID), else the
    notification itself."""
    if notification.original_message_id:
        return f"digest:{notification.original_message_id}"
    if notification.message_id:
        return f"dsn:{notification.message_id}"
    return f"sha256:{hashlib.sha256(raw).hexdigest()}"


async def _record(
    context: BounceContext,
    token: BounceToken,
    report: RecipientReport,
    key: str,
    found: Verdict,
) -> Verdict:
    profile_id = await context.subscriptions.profile_of(token.subscription_id)
    stored = await context.subscriptions.get(profile_id) if profile_id else None
    if stored is None or stored.id != token.subscription_id:
        return replace(found, reason="the subscription is gone")
    address = stored["email"]
    if not address:
        return replace(found, reason="unsubscribed: no address any more")
    if context.tokens.address_tag(address) != token.address_tag:
        return replace(found, reason="the address changed since")
    record = await context.ledger.record_bounce(
        stored.profile_id,
        subscription_id=stored.id,
        address=address,
        bounce_key=key,
        error=report.error(),
        bounce_limit=context.bounce_limit,
        at=datetime.now(UTC),
    )
    if record.outcome == "duplicate":
        return replace(found, reason="counted before")
    if record.outcome != "recorded":
        return replace(found, reason="the address changed since")
    return replace(
        found,
        outcome=Outcome.RECORDED,
        reason="permanent failure",
        failures=record.failures,
        suspended=record.suspended,
    )


# ── the Maildir ───────────────────────────────────────────────────────────────


class MaildirUnreadable(Exception):
    """The Maildir is missing or its new/ and cur/ cannot be listed."""


class BounceMaildir:
    """The bounce Maildir: what waits in new/, and where each message goes.

    ``mailbox.Maildir`` checks the directory and makes the ``.unmatched``
    folder. Messages are moved by renaming their files, as Maildir readers do,
    which keeps the delivered bytes as they are (``mailbox`` would write them
    out again) and never leaves a message in two places or none.
    """

    def __init__(self, root: Path) -> None:
        try:
            self._maildir = mailbox.Maildir(root, factory=None, create=False)
        except mailbox.NoSuchMailboxError:
            raise MaildirUnreadable(f"{root}: no such directory") from None
        except OSError as error:
            raise MaildirUnreadable(f"{root}: {error}") from None
        self.root = root
        for subdir in ("new", "cur", "tmp"):
            if not (root / subdir).is_dir():
                raise MaildirUnreadable(f"{root} has no {subdir}/: not a Maildir")

    def waiting(self) -> list[str]:
        """The file names in new/, oldest first (Maildir names start with the
        delivery time)."""
        try:
            names = os.listdir(self.root / "new")
        except OSError as error:
            raise MaildirUnreadable(f"{self.root / 'new'}: {error}") from None
        return sorted(name for name in names if not name.startswith("."))

    def read(self, name: str) -> bytes | None:
        """The message, or None when another reader moved it meanwhile."""
        try:
            return (self.root / "new" / name).read_bytes()
        except FileNotFoundError:
            return None

    def mark_read(self, name: str) -> None:
        key = name.split(self._maildir.colon)[0]
        self._move(name, self.root / "cur" / f"{key}{self._maildir.colon}{SEEN_INFO}")

    def set_aside(self, name: str) -> None:
        folder = self.root / f".{UNMATCHED_FOLDER}"
        if not folder.is_dir():
            self._maildir.add_folder(UNMATCHED_FOLDER)
        self._move(name, folder / "new" / name)

    def prune(self, *, keep_days: int) -> int:
        """Delete read messages in cur/ delivered more than ``keep_days`` ago."""
        cutoff = time.time() - keep_days * 86400
        pruned = 0
        try:
            for entry in os.scandir(self.root / "cur"):
                info = entry.name.partition(self._maildir.colon)[2]
                if info.startswith("2,") and "S" in info[2:]:
                    pruned += _unlink_if_older(entry, cutoff)
        except OSError as error:
            log.error("bounce.prune_failed", error=str(error))
        return pruned

    def _move(self, name: str, target: Path) -> None:
        with contextlib.suppress(FileNotFoundError):  # another reader moved it
            os.rename(self.root / "new" / name, target)


def _unlink_if_older(entry: os.DirEntry[str], cutoff: float) -> int:
    try:
        if entry.stat().st_mtime >= cutoff:
            return 0
        os.unlink(entry.path)
    except FileNotFoundError:
        return 0
    return 1


# ── a run ─────────────────────────────────────────────────────────────────────


@dataclass
class BounceSummary:
    maildir: Path
    messages: int = 0
    outcomes: Counter[Outcome] = field(default_factory=Counter)
    pruned: int = 0
    seconds: float = 0.0


async def read_bounces(
    *,
    maildir: BounceMaildir,
    context: BounceContext,
    keep_days: int,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> BounceSummary:
    """Read every message waiting in new/ and settle it; raises only
    ``MaildirUnreadable``."""
    started = time.monotonic()
    summary = BounceSummary(maildir=maildir.root)
    names = maildir.waiting()
    summary.messages = len(names)
    if on_start is not None:
        on_start(len(names))
    log.info("bounce.run_started", maildir=str(maildir.root), messages=len(names))

    for index, name in enumerate(names):
        try:
            outcome = await _settle(maildir, name, context=context)
        except RedisError as error:
            # Redis does not answer: this and the rest wait in new/.
            log.error("bounce.deferred", message=name, error=str(error))
            for _ in names[index:]:
                _count(summary, Outcome.DEFERRED, on_done)
            break
        if outcome is not None:
            _count(summary, outcome, on_done)

    summary.pruned = maildir.prune(keep_days=keep_days)
    summary.seconds = time.monotonic() - started
    log.info(
        "bounce.run_finished",
        maildir=str(maildir.root),
        messages=summary.messages,
        pruned=summary.pruned,
        seconds=round(summary.seconds, 2),
        **{f"n_{outcome.value}": n for outcome, n in summary.outcomes.items()},
    )
    return summary


def _count(
    summary: BounceSummary,
    outcome: Outcome,
    on_done: Callable[[Outcome], None] | None,
) -> None:
    summary.outcomes[outcome] += 1
    BOUNCES.labels(outcome=outcome.value).inc()
    if on_done is not None:
        on_done(outcome)


async def _settle(
    maildir: BounceMaildir, name: str, *, context: BounceContext
) -> Outcome | None:
    """One message: judged, logged, moved. None when it was gone already;
    RedisError when Redis did not answer (the message stays in new/)."""
    bound = log.bind(message=name)
    try:
        raw = maildir.read(name)
    except OSError as error:
        bound.error("bounce.deferred", error=f"cannot read the file: {error}")
        return Outcome.DEFERRED
    if raw is None:
        return None
    verdict = await judge(raw, context=context)

    _log(bound, verdict)
    try:
        if verdict.outcome is Outcome.UNMATCHED:
            maildir.set_aside(name)
        else:
            maildir.mark_read(name)
    except OSError as error:
        # Read again next run; a bounce it recorded is not counted twice.
        bound.error("bounce.not_moved", error=str(error))
    return verdict.outcome


def _log(
    bound: structlog.typing.FilteringBoundLogger | structlog.BoundLogger,
    verdict: Verdict,
) -> None:
    fields = {
        "reason": verdict.reason,
        "subscription_id": (
            str(verdict.subscription_id) if verdict.subscription_id else None
        ),
        "status": verdict.status or None,
    }
    if verdict.outcome is Outcome.RECORDED:
        bound.warning(
            "bounce.recorded",
            **fields,
            failures_in_row=verdict.failures,
            suspended=verdict.suspended,
        )
    elif verdict.outcome is Outcome.DELAYED:
        bound.info("bounce.delayed", **fields)
    elif verdict.outcome is Outcome.UNMATCHED:
        bound.warning("bounce.unmatched", **fields, folder=f".{UNMATCHED_FOLDER}")
    else:
        bound.info("bounce.ignored", **fields)
