"""Digest e-mails end to end: the service and the digest command as processes,
the real Redis and items index of the recommend tests, and a real SMTP server
(aiosmtpd) on a free port that keeps what it accepts.
"""

import asyncio
import email
import email.policy
import os
import re
import secrets
import subprocess
import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

import httpx
import pytest
import redis
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from ilteo_stack.stack import Stack
from tests.conftest import ROOT, free_port, running_service, wait_until
from tests.recommend.conftest import Api

PUBLIC_BASE = "https://ilteo.example.kr"
DIGEST_COMMAND = str(ROOT / ".venv" / "bin" / "ilteo-recommend-digest")
PREFIX = "ILTEO_RECOMMEND_"

WELDER = {
    "audience": "individual",
    "desired_occupations": ["용접원"],
    "skills": ["CO2 용접", "알곤 용접"],
    "career_years": 8,
    "birth_year": 1985,
    "residence_district": "부평구",
    "preferred_districts": ["부평구"],
    "min_monthly_pay_krw": 2_800_000,
}
YOUTH = {
    "audience": "individual",
    "about": "청년 구직 활동 지원금과 일자리 정책",
    "birth_year": 2000,
    "residence_district": "미추홀구",
    "employment_status": "unemployed",
}


@dataclass
class Received:
    sender: str
    recipients: list[str]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Inbox:
    """An SMTP server's handler: accepts, refuses or holds mail on request."""

    received: list[Received] = field(default_factory=list)
    recipient_attempts: Counter[str] = field(default_factory=Counter)
    # address -> reply given to RCPT TO, for good
    refuse: dict[str, str] = field(default_factory=dict)
    # address -> how many 451 replies it gets before being accepted
    temporary: Counter[str] = field(default_factory=Counter)
    # once this many digests were accepted, the next RCPT waits until released
    hold_after: int | None = None
    holding: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        with self.lock:
            self.received.clear()
            self.recipient_attempts.clear()
            self.refuse.clear()
            self.temporary.clear()
        self.hold_after = None
        self.holding.clear()
        self.released.clear()

    def digests(self) -> list[Received]:
        with self.lock:
            return [r for r in self.received if "List-Unsubscribe" in r.message]

    def to(self, address: str, *, digests_only: bool = False) -> list[Received]:
        found = self.digests() if digests_only else list(self.received)
        return [r for r in found if address in r.recipients]

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        self.recipient_attempts[address] += 1
        if self.hold_after is not None and len(self.digests()) >= self.hold_after:
            self.holding.set()
            while not self.released.is_set():
                await asyncio.sleep(0.05)
            return "421 4.3.2 shutting down"
        if address in self.refuse:
            return self.refuse[address]
        if self.temporary[address] > 0:
            self.temporary[address] -= 1
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        content = envelope.original_content or b""
        with self.lock:
            self.received.append(
                Received(
                    sender=str(envelope.mail_from),
                    recipients=list(envelope.rcpt_tos),
                    raw=bytes(content),
                )
            )
        return "250 2.0.0 accepted"


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    inbox.released.set()
    controller.stop()


@pytest.fixture
def inbox(smtp_server: tuple[Inbox, int]) -> Iterator[Inbox]:
    inbox, _ = smtp_server
    inbox.reset()
    yield inbox
    inbox.released.set()


@pytest.fixture(scope="session")
def digest_env(
    stack: Stack, corpus_alias: str, redis_url: str, smtp_server: tuple[Inbox, int]
) -> dict[str, str]:
    """``ILTEO_RECOMMEND_*`` (without the prefix) shared by the service and runs."""
    return {
        "OPENSEARCH_URL": stack.settings.opensearch_url,
        "ITEMS_INDEX": corpus_alias,
        "REDIS_URL": redis_url,
        "SERVICE_TOKEN": secrets.token_urlsafe(24),
        "LINK_SECRET": secrets.token_urlsafe(32),
        "PUBLIC_BASE_URL": PUBLIC_BASE,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_server[1]),
        "MAIL_FROM": "일터 <no-reply@ilteo.example.kr>",
        "DIGEST_LEASE_S": "2",
        "DIGEST_RETRY_INITIAL_S": "0.05",
        "DIGEST_RETRY_MAX_S": "0.2",
        "DIGEST_RATE_PER_S": "200",
    }


@pytest.fixture(scope="session")
def mail_api(digest_env: dict[str, str]) -> Iterator[Api]:
    with running_service("ilteo-recommend-api", prefix=PREFIX, env=digest_env) as url:

        def ready() -> bool:
            return httpx.get(f"{url}/readyz", timeout=5).status_code == 200

        wait_until(ready, timeout_s=300, message="the service to load its model")
        yield Api(url, digest_env["SERVICE_TOKEN"])


@pytest.fixture(autouse=True)
def no_other_subscribers(redis_url: str) -> None:
    """Each test's runs see only the subscribers that test confirms."""
    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(match="recommend:digest:subscribers:*"):
        client.delete(key)
    client.close()


def run_digest(
    env: dict[str, str], *args: str, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = os.environ | {f"{PREFIX}{k}": v for k, v in env.items()}
    environment |= {f"{PREFIX}{k}": v for k, v in (extra or {}).items()}
    environment[f"{PREFIX}ENVIRONMENT"] = "test"
    done = subprocess.run(
        [DIGEST_COMMAND, "--no-progress", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode in (0, 75), done.stdout + done.stderr
    return done


def start_digest(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    environment = os.environ | {f"{PREFIX}{k}": v for k, v in env.items()}
    environment[f"{PREFIX}ENVIRONMENT"] = "test"
    return subprocess.Popen(
        [DIGEST_COMMAND, "--no-progress", *args],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def new_address() -> str:
    return f"citizen-{uuid.uuid4().hex[:10]}@example.kr"


def text_and_html(message: EmailMessage) -> tuple[str, str]:
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert plain is not None
    assert html is not None
    return plain.get_content(), html.get_content()


def link_in(text: str, path: str) -> str:
    match = re.search(re.escape(f"{PUBLIC_BASE}{path}") + r"\?token=[\w\-.=%]+", text)
    assert match, f"no {path} link in:\n{text}"
    return match.group(0)


def on_service(api: Api, public_link: str) -> str:
    """A public link as the gateway would forward it to the service."""
    return public_link.replace(f"{PUBLIC_BASE}/api/v1/", f"{api.url}/v1/")


@dataclass
class Subscriber:
    subject: str
    profile_id: str
    address: str
    subscription: dict[str, Any]


def subscribe(
    api: Api,
    inbox: Inbox,
    *,
    profile: dict[str, Any],
    kinds: list[str],
    period: str = "daily",
    confirm: bool = True,
) -> Subscriber:
    subject = f"citizen-{uuid.uuid4().hex[:12]}"
    profile_id = api.create(subject, profile)["id"]
    address = new_address()
    body = {
        "profile_id": profile_id,
        "email": address,
        "period": period,
        "kinds": kinds,
    }
    response = api.call("POST", "subscriptions", subject=subject, json=body)
    assert response.status_code == 201, response.text
    subscription = response.json()
    if confirm:
        (mail,) = inbox.to(address)
        plain, _ = text_and_html(mail.message)
        link = link_in(plain, "/api/v1/subscriptions/confirm")
        # The button behind the link: opening the link alone gives no consent.
        confirmed = httpx.post(on_service(api, link), timeout=30)
        assert confirmed.status_code == 200, confirmed.text
        subscription = api.call(
            "GET", f"subscriptions/{subscription['id']}", subject=subject
        ).json()
    return Subscriber(subject, profile_id, address, subscription)
