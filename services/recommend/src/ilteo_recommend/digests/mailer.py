"""Sending e-mail: a small interface, SMTP behind it, and a recording fake.

Failures are sorted by what the SMTP reply code says (RFC 5321 §4.2.1): a 4yz
reply or a broken connection is temporary and worth retrying; a 5yz reply to the
recipient or the message is permanent for that address. A refused login or
sender is the platform's own fault and stops the caller instead.
"""

import asyncio
import smtplib
import ssl
import threading
from dataclasses import dataclass, field
from typing import Protocol

from ilteo_recommend.settings import Settings, SmtpSecurity


class DeliveryError(Exception):
    def __init__(self, code: int | None, reason: str) -> None:
        super().__init__(f"{code or '-'} {reason}".strip())
        self.code = code
        self.reason = reason


class TemporaryFailure(DeliveryError):
    """Try again later: 4yz, a timeout, a dropped connection."""


class PermanentFailure(DeliveryError):
    """The server refused this recipient or message for good (5yz)."""


class MailerUnavailable(DeliveryError):
    """The server refuses us, not the recipient: login or sender refused."""


class Mailer(Protocol):
    async def send(self, *, sender: str, recipient: str, message: bytes) -> None:
        """Hand one message to the server; returns once the server accepted it."""
        ...

    async def close(self) -> None: ...


def _reply(code: int, text: bytes | str) -> str:
    return text.decode(errors="replace") if isinstance(text, bytes) else str(text)


def _by_code(code: int, reason: str) -> DeliveryError:
    if 500 <= code < 600:
        return PermanentFailure(code, reason)
    return TemporaryFailure(code, reason)


class SmtpMailer:
    """smtplib in worker threads, with up to ``connections`` kept open for reuse."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        security: SmtpSecurity,
        username: str | None,
        password: str | None,
        timeout_s: float,
        connections: int = 1,
    ) -> None:
        self._host = host
        self._port = port
        self._security = security
        self._username = username
        self._password = password
        self._timeout_s = timeout_s
        self._max_idle = connections
        self._idle: list[smtplib.SMTP] = []
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings, *, connections: int = 1) -> "SmtpMailer":
        password = settings.smtp_password
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            security=settings.smtp_security,
            username=settings.smtp_username,
            password=password.get_secret_value() if password else None,
            timeout_s=settings.smtp_timeout_s,
            connections=connections,
        )

    async def send(self, *, sender: str, recipient: str, message: bytes) -> None:
        await asyncio.to_thread(self._send, sender, recipient, message)

    async def close(self) -> None:
        await asyncio.to_thread(self._close_all)

    def _send(self, sender: str, recipient: str, message: bytes) -> None:
        connection = self._take()
        try:
            connection.sendmail(sender, [recipient], message)
        except smtplib.SMTPRecipientsRefused as error:
            code, text = error.recipients.get(recipient, (550, b"refused"))
            self._reuse(connection)
            raise _by_code(code, _reply(code, text)) from None
        except smtplib.SMTPSenderRefused as error:
            self._reuse(connection)
            if 400 <= error.smtp_code < 500:
                reason = _reply(0, error.smtp_error)
                raise TemporaryFailure(error.smtp_code, reason) from None
            raise MailerUnavailable(
                error.smtp_code, f"sender refused: {_reply(0, error.smtp_error)}"
            ) from None
        except smtplib.SMTPDataError as error:
            self._reuse(connection)
            raise _by_code(error.smtp_code, _reply(0, error.smtp_error)) from None
        except (smtplib.SMTPException, OSError) as error:
            _quietly_close(connection)
            raise TemporaryFailure(None, f"{type(error).__name__}: {error}") from None
        self._keep(connection)

    def _take(self) -> smtplib.SMTP:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        try:
            return self._connect()
        except smtplib.SMTPAuthenticationError as error:
            raise MailerUnavailable(
                error.smtp_code, f"login refused: {_reply(0, error.smtp_error)}"
            ) from None
        except (smtplib.SMTPException, OSError) as error:
            raise TemporaryFailure(None, f"{type(error).__name__}: {error}") from None

    def _connect(self) -> smtplib.SMTP:
        context = ssl.create_default_context()
        connection: smtplib.SMTP
        if self._security is SmtpSecurity.TLS:
            connection = smtplib.SMTP_SSL(
                self._host, self._port, timeout=self._timeout_s, context=context
            )
        else:
            connection = smtplib.SMTP(self._host, self._port, timeout=self._timeout_s)
        try:
            connection.ehlo()
            if self._security is SmtpSecurity.STARTTLS:
                connection.starttls(context=context)
                connection.ehlo()
            if self._username:
                connection.login(self._username, self._password or "")
        except BaseException:
            _quietly_close(connection)
            raise
        return connection

    def _reuse(self, connection: smtplib.SMTP) -> None:
        # After a refusal the transaction is over; RSET makes sure of it.
        try:
            connection.rset()
        except (smtplib.SMTPException, OSError):
            _quietly_close(connection)
            return
        self._keep(connection)

    def _keep(self, connection: smtplib.SMTP) -> None:
        with self._lock:
            if len(self._idle) < self._max_idle:
                self._idle.append(connection)
                return
        _quietly_close(connection)

    def _close_all(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            _quietly_close(connection)


def _quietly_close(connection: smtplib.SMTP) -> None:
    try:
        connection.quit()
    except (smtplib.SMTPException, OSError):
        connection.close()


@dataclass
class RecordingMailer:
    """Keeps messages instead of sending them; for tests of pure logic only.

    ``failures`` maps a recipient to the errors its next sends raise, in order.
    """

    sent: list[tuple[str, str, bytes]] = field(default_factory=list)
    failures: dict[str, list[DeliveryError]] = field(default_factory=dict)

    async def send(self, *, sender: str, recipient: str, message: bytes) -> None:
        pending = self.failures.get(recipient)
        if pending:
            raise pending.pop(0)
        self.sent.append((sender, recipient, message))

    async def close(self) -> None:
        return None
