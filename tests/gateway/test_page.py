"""The citizen web page in a real browser (Debian's chromium through Playwright):
search, filter, detail, the job map, English, accessibility and page weight."""

import gzip
import re
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    ViewportSize,
    sync_playwright,
)

from tests.conftest import ARTIFACTS, ROOT

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
SCREENSHOTS = ARTIFACTS / "gateway"
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def context(chromium: Browser) -> Iterator[BrowserContext]:
    context = chromium.new_context(viewport=PHONE, locale="ko-KR")
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if message.type == "error" else None
        ),
    )
    yield page
    # No script error and no refusal by the content security policy on any page.
    assert problems == []


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


class TestSearchFlow:
    def test_search_then_filter_then_detail(self, page: Page, gateway: str) -> None:
        page.goto(f"{gateway}/?q=용접")
        hits = page.locator("ol.hits > li")
        assert hits.count() > 1
        screenshot(page, "search-results")

        # On a phone the filters start folded under their heading.
        assert page.locator("#filters").get_attribute("open") is None
        page.locator("#filters summary").click()
        page.locator(
            "section[aria-labelledby=facet-district] a", has_text="부평구"
        ).click()
        page.wait_for_url(re.compile(r"district=bupyeong-gu"))
        districts = page.locator("ol.hits .meta").all_inner_texts()
        assert districts
        assert all("부평구" in text for text in districts)
        assert page.locator("a.facet.on", has_text="부평구").count() == 1
        screenshot(page, "search-filtered")

        title = page.locator("ol.hits h3 a").first.inner_text()
        page.locator("ol.hits h3 a").first.click()
        page.wait_for_url(re.compile(r"/items/"))
        assert page.locator("h1").inner_text() == title
        assert page.locator("ul.sources li").count() >= 1
        assert re.search(r"D-\d+|오늘 마감|채용시까지", page.locator("dl").inner_text())
        screenshot(page, "item-detail")

    def test_item_on_two_sources_says_also_on(self, page: Page, gateway: str) -> None:
        page.goto(f"{gateway}/?q=부평 CO2 용접공")
        also = page.locator("ol.hits .also")
        assert also.count() >= 1

    def test_autocomplete(self, page: Page, gateway: str) -> None:
        page.goto(f"{gateway}/")
        page.locator("#q").press_sequentially("용접", delay=50)
        suggestion = page.locator("#suggestions li a").first
        suggestion.wait_for(state="visible")

        page.locator("#q").press("ArrowDown")
        assert page.evaluate("document.activeElement.closest('#suggestions') !== null")
        screenshot(page, "autocomplete")

    def test_sort_and_next_page(self, page: Page, gateway: str) -> None:
        page.goto(f"{gateway}/?kind=job&sort=deadline&size=3")
        first = page.locator("ol.hits h3 a").all_inner_texts()
        page.locator("a[rel=next]").click()
        page.wait_for_url(re.compile(r"cursor="))
        second = page.locator("ol.hits h3 a").all_inner_texts()

        assert first
        assert second
        assert not set(first) & set(second)

    def test_english(self, page: Page, gateway: str) -> None:
        page.goto(f"{gateway}/?q=용접")
        page.get_by_role("link", name="English", exact=True).click()
        page.wait_for_url(re.compile(r"lang=en"))

        assert page.locator("html").get_attribute("lang") == "en"
        assert "Results" in page.locator("#results-heading").inner_text()
        # The choice is kept in a cookie for the next page.
        page.goto(f"{gateway}/map")
        assert page.locator("h1").inner_text() == "Job map"

    def test_fits_a_phone_screen(self, page: Page, gateway: str) -> None:
        page.goto(f"{gateway}/?q=요양")

        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]


class TestJobMap:
    def test_all_eleven_districts_and_a_click_filters(
        self, chromium: Browser, gateway: str
    ) -> None:
        context = chromium.new_context(viewport=DESKTOP, locale="ko-KR")
        page = context.new_page()
        page.goto(f"{gateway}/map")
        page.locator("#job-map[data-ready=true]").wait_for()

        districts = page.locator("#job-map path[data-district]")
        assert districts.count() == 11
        names = page.locator(".map-label").all_inner_texts()
        assert any(name.startswith("서해구") for name in names)
        assert any(name.startswith("검단구") for name in names)
        screenshot(page, "job-map")

        page.locator("#job-map path[data-district=bupyeong-gu]").click(force=True)
        page.wait_for_url(re.compile(r"district=bupyeong-gu"))
        filtered = page.locator("ol.hits > li").count()
        context.close()

        assert filtered >= 1

    def test_on_a_phone_labels_show_on_touch(self, page: Page, gateway: str) -> None:
        page.goto(f"{gateway}/map")
        page.locator("#job-map[data-ready=true]").wait_for()

        assert page.locator("#job-map path[data-district]").count() == 11
        page.locator("#job-map path[data-district=yeonsu-gu]").hover(force=True)
        assert page.locator(".map-label").first.inner_text().startswith("연수구")
        screenshot(page, "job-map-phone")


PAGES = [
    "/",
    "/?q=용접",
    "/?q=welder&lang=en",
    "/items/work24:K100001",
    "/map",
    "/signin",
    "/signup",
    "/?size=abc",
    "/?kind=training",
]


class TestAccessibility:
    @pytest.mark.parametrize("path", PAGES)
    def test_no_serious_or_critical_violations(
        self, chromium: Browser, gateway: str, path: str
    ) -> None:
        # axe is injected as an inline script, which the page's own CSP refuses.
        context = chromium.new_context(viewport=PHONE, bypass_csp=True)
        page = context.new_page()
        page.goto(f"{gateway}{path}")
        if path == "/map":
            page.locator("#job-map[data-ready=true]").wait_for()
        serious = _serious_violations(page)
        context.close()

        assert serious == []

    def test_skip_link_is_the_first_stop(self, page: Page, gateway: str) -> None:
        page.goto(f"{gateway}/")
        page.keyboard.press("Tab")

        focused = page.evaluate("document.activeElement.className")
        assert focused == "skip"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"


def _serious_violations(page: Page) -> list[tuple[str, str, list[Any]]]:
    """axe-core's serious and critical findings on the page as it is now."""
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


class TestPageWeight:
    def test_results_page_under_100_kb(self, gateway: str) -> None:
        """HTML, CSS and scripts of a first visit, as sent (gzip) over the wire."""
        with httpx.Client(base_url=gateway, timeout=30) as client:
            html = client.get("/?q=용접", headers={"Accept-Encoding": "gzip"})
            assets = re.findall(r'(?:src|href)="(/(?:static|vendor)/[^"]+)"', html.text)
            sizes = {"/?q=용접": _wire_size(html)}
            for asset in assets:
                sizes[asset] = _wire_size(
                    client.get(asset, headers={"Accept-Encoding": "gzip"})
                )

        assert any("htmx" in name for name in sizes)
        assert sum(sizes.values()) < 100 * 1024, sizes


def _wire_size(response: httpx.Response) -> int:
    assert response.status_code == 200
    if response.headers.get("Content-Encoding") == "gzip":
        return int(
            response.headers.get("Content-Length")
            or len(gzip.compress(response.content))
        )
    return len(response.content)


class TestKindTabs:
    def test_a_tab_shows_one_kind(self, page: Page, gateway: str) -> None:
        page.goto(f"{gateway}/")
        page.locator("nav.tabs a", has_text="직업훈련").click()
        page.wait_for_url(re.compile(r"kind=training"))

        kinds = page.locator("ol.hits .kind").all_inner_texts()
        assert kinds
        assert set(kinds) == {"직업훈련"}
        assert page.locator("nav.tabs a[aria-current=page]").inner_text() == "직업훈련"


class TestEmployerPages:
    def test_sign_up_publish_and_close(self, page: Page, employer_gateway: str) -> None:
        page.goto(f"{employer_gateway}/signup")
        page.get_by_label("기업 (채용 담당자)").check()
        page.get_by_label("이름 또는 회사명").fill("인천물류(주)")
        page.get_by_label("이메일").fill(f"hr-{uuid.uuid4().hex[:8]}@example.kr")
        page.get_by_label("비밀번호").fill("a long enough password")
        page.get_by_role("button", name="가입하기").click()
        page.wait_for_url(re.compile(r"/employer$"))

        page.get_by_label("공고 제목").fill("물류센터 야간 분류 직원")
        page.get_by_label("지역").select_option("seohae-gu")
        page.get_by_label("월급 (원, 선택)").fill("2800000")
        page.get_by_role("button", name="게시하기").click()
        page.wait_for_url(re.compile(r"/employer$"))
        posting = page.locator("ul.hits li", has_text="물류센터 야간 분류 직원")
        assert "게시 중" in posting.inner_text()
        screenshot(page, "employer-postings")

        posting.get_by_role("button", name=re.compile("마감하기")).click()
        page.wait_for_url(re.compile(r"/employer$"))
        posting = page.locator("ul.hits li", has_text="물류센터 야간 분류 직원")
        assert "마감" in posting.inner_text()
        assert posting.get_by_role("button").count() == 0

    def test_employer_page_is_accessible(
        self, chromium: Browser, employer_gateway: str
    ) -> None:
        context = chromium.new_context(viewport=PHONE, bypass_csp=True)
        page = context.new_page()
        page.goto(f"{employer_gateway}/signup")
        page.get_by_label("기업 (채용 담당자)").check()
        page.get_by_label("이름 또는 회사명").fill("송도바이오(주)")
        page.get_by_label("이메일").fill(f"hr-{uuid.uuid4().hex[:8]}@example.kr")
        page.get_by_label("비밀번호").fill("a long enough password")
        page.get_by_role("button", name="가입하기").click()
        page.wait_for_url(re.compile(r"/employer$"))
        serious = _serious_violations(page)
        context.close()

        assert serious == []

    def test_anonymous_visitor_is_sent_to_sign_in(
        self, page: Page, gateway: str
    ) -> None:
        page.goto(f"{gateway}/employer")

        assert page.url.endswith("/signin")
