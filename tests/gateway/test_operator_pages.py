"""The feedback form on every page, and the operators' pages: feedback, ingestion
per source (a real crawl of the demo source through a real ingest service) and
regional statistics (the search tests' corpus through the search service)."""

import os
import re
import subprocess
import uuid
from collections.abc import Iterator
from html import unescape
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser

from ilteo_places import DISTRICTS
from ilteo_stack.stack import Stack
from tests.browser.conftest import PHONE, screenshot, serious_violations, watched
from tests.conftest import ROOT, running_service
from tests.gateway.conftest import PASSWORD, GatewayFactory, new_email
from tests.gateway.page_client import PageClient, chromium, fits_a_phone
from tests.ingest.conftest import DEMO_JOBS, Crawl

OPS_PAGES = ("/ops", "/ops/feedback", "/ops/ingest", "/ops/stats")


@pytest.fixture(scope="module")
def crawled(stack: Stack) -> Iterator[Crawl]:
    """One crawl of the demo source's youth policies, whose run ingest reports."""
    env = {"SEED": "21", "JOBS": str(DEMO_JOBS)}
    with running_service("ilteo-demo-source", prefix="ILTEO_DEMO_", env=env) as site:
        crawl = Crawl(stack, site)
        try:
            finished = crawl.run("youth")
            assert finished.returncode == 0, finished.stderr[-2000:]
            yield crawl
        finally:
            crawl.cleanup()


@pytest.fixture(scope="module")
def site(crawled: Crawl, gateway_factory: GatewayFactory) -> Iterator[str]:
    env = {
        name.removeprefix("ILTEO_INGEST_"): value
        for name, value in crawled.env().items()
        if name.startswith("ILTEO_INGEST_")
    }
    with (
        running_service("ilteo-ingest-api", prefix="ILTEO_INGEST_", env=env) as ingest,
        gateway_factory(ingest_url=ingest, rate_limit_requests="100000") as url,
    ):
        yield url


@pytest.fixture(scope="module")
def operator_email(redis_url: str, secret_key: str) -> str:
    email = new_email()
    env = os.environ | {
        "ILTEO_GATEWAY_SECRET_KEY": secret_key,
        "ILTEO_GATEWAY_REDIS_URL": redis_url,
        "ILTEO_GATEWAY_ADMIN_PASSWORD": PASSWORD,
    }
    command = [str(ROOT / ".venv/bin/ilteo-gateway-admin"), "create-operator"]
    subprocess.run(
        [*command, "--email", email, "--name", "시 운영자"],
        env=env,
        check=True,
        capture_output=True,
    )
    return email


@pytest.fixture(scope="module")
def operator(site: str, operator_email: str) -> Iterator[PageClient]:
    with PageClient(site) as client:
        client.sign_in(operator_email)
        yield client


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def row_of(html: str, row_id: str) -> str:
    found = re.search(rf'<tr id="{row_id}">(.*?)</tr>', html, re.S)
    assert found, row_id
    return text_of(found.group(1))


class TestFeedbackForm:
    def test_a_note_without_scripts_reaches_the_operators(
        self, site: str, operator: PageClient
    ) -> None:
        note = f"지도에서 군·구 이름이 잘 안 보여요 {uuid.uuid4().hex[:6]}"
        with PageClient(site) as visitor:
            page = visitor.get("/map")
            sent = visitor.submit(
                "/map", "/feedback", [("message", note), ("page", "/map")]
            )

        listed = operator.get("/ops/feedback")

        assert '<form method="post" action="/feedback"' in page.text
        assert sent.status_code == 201
        assert "의견이 접수되었습니다" in sent.text
        assert '<div role="status">' in sent.text
        assert '<a href="/map">보던 페이지로 돌아가기</a>' in sent.text
        assert listed.status_code == 200
        assert note in unescape(listed.text)
        row = next(r for r in listed.text.split("<tr>") if note in unescape(r))
        assert '<a href="/map">/map</a>' in row

    def test_with_htmx_the_answer_is_a_line_for_the_live_region(
        self, site: str, operator: PageClient
    ) -> None:
        note = f"검색이 빨라요 {uuid.uuid4().hex[:6]}"
        with PageClient(site) as visitor:
            page = visitor.get("/", q="용접")
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
            assert token
            sent = visitor.http.post(
                "/feedback",
                data={
                    "csrf_token": token.group(1),
                    "message": note,
                    "page": "/?q=용접",
                },
                headers={"HX-Request": "true"},
            )

        assert 'id="feedback-status" aria-live="polite"' in page.text
        assert sent.status_code == 200
        assert sent.text.strip() == '<p role="status">의견 감사합니다.</p>'
        assert note in unescape(operator.get("/ops/feedback").text)

    def test_an_empty_note_is_explained(self, site: str) -> None:
        with PageClient(site) as visitor:
            sent = visitor.submit("/", "/feedback", [("message", "  "), ("page", "/")])

        assert sent.status_code == 400
        assert "의견 내용을 입력해 주세요." in sent.text
        assert 'href="#feedback-message"' in sent.text

    def test_without_the_token_it_is_refused(self, site: str) -> None:
        with PageClient(site) as visitor:
            visitor.get("/")
            sent = visitor.http.post("/feedback", data={"message": "안녕하세요"})

        assert sent.status_code == 403

    def test_a_return_address_elsewhere_is_not_followed(self, site: str) -> None:
        with PageClient(site) as visitor:
            sent = visitor.submit(
                "/", "/feedback", [("message", "좋아요"), ("page", "//evil.example")]
            )

        assert sent.status_code == 201
        assert "evil.example" not in sent.text


class TestWhoMaySee:
    def test_signed_out_visitors_are_sent_to_sign_in(self, site: str) -> None:
        for path in OPS_PAGES:
            answer = httpx.get(site + path, timeout=30)

            assert answer.status_code == 303, path
            assert answer.headers["location"] == "/signin"

    @pytest.mark.parametrize("role", ["citizen", "employer"])
    def test_other_roles_are_refused(self, site: str, role: str) -> None:
        with PageClient(site) as client:
            client.sign_up(role=role)
            answers = {path: client.get(path) for path in OPS_PAGES}
            header = client.get("/").text

        for path, answer in answers.items():
            assert answer.status_code == 403, path
            assert "이 페이지를 볼 권한이 없습니다" in answer.text
        assert 'href="/ops"' not in header

    def test_operators_see_the_link(self, operator: PageClient) -> None:
        assert 'href="/ops"' in operator.get("/").text
        assert operator.get("/ops").status_code == 200


class TestIngestionStatus:
    def test_each_sources_last_run_with_its_figures(
        self, operator: PageClient, crawled: Crawl
    ) -> None:
        run = crawled.last_runs()["youth"]
        counts = run["counts"]

        answer = operator.get("/ops/ingest")

        assert answer.status_code == 200
        youth = row_of(answer.text, "source-youth")
        assert "온통청년" in youth
        assert "정상 종료" in youth
        for name in ("scraped", "published", "dead_lettered"):
            assert counts[name] > 0, name
            assert f"{counts[name]:,}" in youth.split(), name
        assert "아직 실행 기록이 없습니다" in row_of(answer.text, "source-work24")

    def test_dead_letters_with_their_reasons(
        self, operator: PageClient, crawled: Crawl
    ) -> None:
        letters = {
            key: letter["reason"]
            for key, letter in crawled.dead_letters()
            if key is not None
        }

        answer = operator.get("/ops/ingest")

        shown = text_of(answer.text)
        assert letters
        assert any(
            key in shown and reason[:60] in shown for key, reason in letters.items()
        )

    def test_ingest_down_is_said_plainly(
        self, gateway_factory: GatewayFactory, operator: PageClient
    ) -> None:
        dead_port = "http://127.0.0.1:9"
        with gateway_factory(ingest_url=dead_port) as url:
            cookies = dict(operator.http.cookies)
            answer = httpx.get(f"{url}/ops/ingest", cookies=cookies, timeout=30)

        assert answer.status_code == 503
        assert "ingest 서비스에 지금 연결할 수 없습니다" in answer.text


class TestRegionalStatistics:
    def test_district_figures_as_in_the_statistics_api(
        self, operator: PageClient
    ) -> None:
        stats: dict[str, Any] = {
            kind: operator.get("/api/v1/stats/districts", kind=kind).json()
            for kind in ("job", "training", "program", "policy")
        }

        answer = operator.get("/ops/stats", kind="job")

        assert answer.status_code == 200
        table = answer.text.split('<table class="data">')[1]
        for district in DISTRICTS:
            row = re.search(
                rf"<th scope=\"row\">{district.name_ko}</th>(.*?)</tr>", table, re.S
            )
            assert row, district.name_ko
            figures = re.findall(r'<td class="num">([^<]*)</td>', row.group(1))
            expected = [
                next(d for d in stats[k]["districts"] if d["id"] == district.id)[
                    "open_items"
                ]
                for k in ("job", "training", "program", "policy")
            ]
            assert figures[:4] == [f"{n:,}" for n in expected], district.name_ko
        assert sum(d["open_items"] for d in stats["job"]["districts"]) > 0

    def test_charts_are_images_with_their_figures_in_words(
        self, operator: PageClient
    ) -> None:
        jobs = operator.get("/api/v1/stats/districts", kind="job").json()

        answer = operator.get("/ops/stats", kind="job")

        district_chart = answer.text.split('id="chart-districts-title"')[1]
        desc = re.search(
            r'<desc id="chart-districts-desc">(.*?)</desc>', district_chart
        )
        assert desc
        for district in jobs["districts"]:
            assert f"{district['name_ko']} {district['open_items']:,}건" in desc.group(
                1
            )
        bars = re.findall(r'<rect [^>]*class="bar"', district_chart.split("</svg>")[0])
        assert len(bars) == sum(1 for d in jobs["districts"] if d["open_items"] > 0)
        assert (
            'role="img" aria-labelledby="chart-districts-title chart-districts-desc"'
            in (answer.text)
        )

    def test_a_kind_tab(self, operator: PageClient) -> None:
        answer = operator.get("/ops/stats", kind="program")

        assert answer.status_code == 200
        assert 'aria-current="page">지원사업' in answer.text
        assert "군·구별 열린 지원사업 수" in answer.text

    def test_in_english(self, operator: PageClient) -> None:
        answer = operator.get("/ops/stats", lang="en")

        assert "Open items per district: Jobs" in answer.text
        assert "Bupyeong-gu" in answer.text


class TestInABrowser:
    def test_operator_pages_are_accessible_on_a_phone(
        self, browser: Browser, site: str, operator_email: str
    ) -> None:
        # axe is injected as an inline script, which the page's own CSP refuses.
        context = browser.new_context(viewport=PHONE, bypass_csp=True)
        page = context.new_page()
        page.goto(f"{site}/signin")
        page.fill("#email", operator_email)
        page.fill("#password", PASSWORD)
        page.click("form.stack button[type=submit]")
        page.wait_for_url(f"{site}/")
        findings = {}
        for path in (*OPS_PAGES, "/ops/stats?kind=policy&lang=en"):
            page.goto(site + path)
            findings[path] = (serious_violations(page), fits_a_phone(page))
            screenshot(page, "operator" + re.sub(r"\W+", "-", path))
        context.close()

        assert findings == {path: ([], True) for path in findings}

    def test_feedback_with_scripts_is_announced_in_place(
        self, browser: Browser, site: str, operator: PageClient
    ) -> None:
        note = f"지도 좋아요 {uuid.uuid4().hex[:6]}"
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        problems = watched(page)
        page.goto(f"{site}/map")
        page.fill("#feedback-message", note)
        page.click(".feedback button[type=submit]")
        status = page.locator("#feedback-status [role=status]")
        status.wait_for()
        said, url = status.inner_text(), page.url
        context.close()

        assert said == "의견 감사합니다."
        assert url == f"{site}/map"
        assert problems == []
        assert note in unescape(operator.get("/ops/feedback").text)
