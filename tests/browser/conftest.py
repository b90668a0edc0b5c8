"""The citizen page in a real browser, in front of a real platform.

Debian's chromium (``/usr/bin/chromium``) is driven through Playwright, which never
downloads a browser of its own. Behind it run, as their own processes: a gateway,
the search service, a real indexer that indexed the search tests' fixed corpus from
a Kafka topic of this session, and the ingest service, which publishes employers'
postings to that same topic so that the indexer makes them searchable.

The gateway tests' fixtures start the search service and the gateway; this folder
overrides two of them: ``corpus_alias`` (built by the indexer instead of a bulk
request) and ``redis_url`` (a database of its own).
"""

import json
import re
import secrets
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from opensearchpy import OpenSearch
from opensearchpy.exceptions import NotFoundError
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    ViewportSize,
    sync_playwright,
)
from redis import Redis

from ilteo_common.events import ItemEvent, encode
from ilteo_stack.stack import Stack
from tests.conftest import ARTIFACTS, ROOT, running_service, wait_until
from tests.gateway.conftest import (  # noqa: F401  (fixtures used here by name)
    GatewayFactory,
    gateway_factory,
    search_url,
    secret_key,
)
from tests.search.corpus import entries, item_of
from tests.search.indexer.conftest import (
    Names,
    count,
    indexer_env,
    own_topics,
    publish,
    running_indexer,
)

REDIS_DB = 14
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "services" / "gateway" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ARTIFACTS / "browser"
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
TIMEOUT_MS = 30_000
INDEXING_TIMEOUT_S = 180


@pytest.fixture(scope="session")
def redis_url(stack: Stack) -> str:
    url = stack.settings.redis_url(REDIS_DB)
    with Redis.from_url(url) as client:
        client.flushdb()
    return url


@pytest.fixture(scope="session")
def platform_names(stack: Stack) -> Iterator[Names]:
    """The item topics, the index alias and the consumer group of this session."""
    opensearch = OpenSearch(hosts=[stack.settings.opensearch_url], timeout=60)
    try:
        with own_topics(
            stack.settings.kafka_bootstrap, opensearch, prefix="test.browser"
        ) as names:
            yield names
    finally:
        opensearch.close()


@pytest.fixture(scope="session")
def indexer(stack: Stack, platform_names: Names) -> Iterator[None]:
    # The search service here ranks by words only, so the fake embedder will do.
    with running_indexer(indexer_env(stack, platform_names, EMBEDDER="fake")):
        yield


def corpus_events(*, now: datetime) -> list[ItemEvent]:
    """The fixed corpus as the events a spider would publish."""
    events = []
    for entry in entries():
        item = item_of(entry, now=now)
        source, source_id = entry["id"].split(":", 1)
        events.append(
            ItemEvent(
                kind=item.kind,
                source=source,
                source_id=source_id,
                modified_at=now - timedelta(days=entry.get("posted_ago", 1)),
                item=item,
                raw=json.dumps(entry, ensure_ascii=False),
            )
        )
    return events


@pytest.fixture(scope="session")
def corpus_alias(stack: Stack, platform_names: Names, indexer: None) -> str:
    """The corpus, published to Kafka and indexed by the real indexer."""
    events = corpus_events(now=datetime.now(UTC))
    publish(
        stack.settings.kafka_bootstrap,
        platform_names.items_topic,
        ((event.key.encode(), encode(event)) for event in events),
    )
    opensearch = OpenSearch(hosts=[stack.settings.opensearch_url], timeout=60)

    def indexed() -> bool:
        try:
            return count(opensearch, platform_names.alias) == len(events)
        except NotFoundError:
            return False  # the indexer has not made its index yet

    try:
        wait_until(
            indexed, timeout_s=INDEXING_TIMEOUT_S, message="the corpus to be indexed"
        )
    finally:
        opensearch.close()
    return platform_names.alias


@pytest.fixture(scope="session")
def site(
    stack: Stack,
    platform_names: Names,
    redis_url: str,
    gateway_factory: GatewayFactory,  # noqa: F811
) -> Iterator[str]:
    """The gateway in front of search and of ingest, which publishes to Kafka."""
    token = secrets.token_urlsafe(24)
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": stack.settings.kafka_bootstrap,
        "ITEMS_TOPIC": platform_names.items_topic,
        "DEAD_LETTER_TOPIC": platform_names.dead_letter_topic,
        "REDIS_URL": redis_url,
        "SERVICE_TOKEN": token,
    }
    with (
        running_service("ilteo-ingest-api", prefix="ILTEO_INGEST_", env=env) as ingest,
        gateway_factory(
            ingest_url=ingest,
            ingest_service_token=token,
            rate_limit_requests="100000",
        ) as url,
    ):
        yield url


# Package scope: Playwright's sync API runs an event loop in this thread while it
# is open, and later tests that run their own (asyncio.run) would find it running.
@pytest.fixture(scope="package")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def new_context(
    browser: Browser, *, viewport: ViewportSize, bypass_csp: bool = False
) -> BrowserContext:
    context = browser.new_context(
        viewport=viewport, locale="ko-KR", bypass_csp=bypass_csp
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


def watched(page: Page) -> list[str]:
    """Script errors and console errors (such as CSP refusals) of ``page``."""
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if message.type == "error" else None
        ),
    )
    return problems


@pytest.fixture
def phone(chromium: Browser) -> Iterator[Page]:
    """A page on a phone-sized screen; no script error may happen on it."""
    context = new_context(chromium, viewport=PHONE)
    page = context.new_page()
    problems = watched(page)
    yield page
    context.close()
    assert problems == []


@pytest.fixture
def desktop(chromium: Browser) -> Iterator[Page]:
    """A page on a desktop screen; no script error may happen on it."""
    context = new_context(chromium, viewport=DESKTOP)
    page = context.new_page()
    problems = watched(page)
    yield page
    context.close()
    assert problems == []


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def serious_violations(page: Page) -> list[tuple[str, str, list[Any]]]:
    """axe-core's serious and critical findings on the page as it is now.

    axe is injected as a script tag, which the page's own CSP refuses: the page's
    context must be made with ``bypass_csp=True``.
    """
    page.add_script_tag(path=str(AXE))
    results: dict[str, Any] = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a',
                                             'wcag21aa', 'best-practice']}})"""
    )
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


PASSWORD = "a long enough password"


def sign_up_with_the_form(page: Page, site: str, *, name: str, role: str) -> str:
    """Signs up on the sign-up page as ``role`` (citizen or employer); the new
    account is signed in. Returns its e-mail address."""
    email = f"{role}-{uuid.uuid4().hex[:8]}@example.kr"
    page.goto(f"{site}/signup")
    label = "기업 (채용 담당자)" if role == "employer" else "개인 (구직자)"
    page.get_by_label(label).check()
    page.get_by_label("이름 또는 회사명").fill(name)
    page.get_by_label("이메일").fill(email)
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="가입하기").click()
    page.wait_for_url(re.compile(r"/employer$" if role == "employer" else r"/$"))
    return email
