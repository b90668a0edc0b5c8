"""Searching as a citizen does: words, a facet, a detail page, suggestions, tabs,
sort and paging, English, and the same on a phone's screen."""

import re

from playwright.sync_api import Page

from tests.browser.conftest import PHONE, screenshot


def search_for(page: Page, site: str, words: str) -> None:
    """Types ``words`` into the search box of the front page and sends them."""
    page.goto(f"{site}/")
    page.get_by_role("searchbox").fill(words)
    page.get_by_role("button", name="검색", exact=True).click()
    page.wait_for_url(re.compile(r"[?&]q="))


class TestSearchFlow:
    def test_search_then_filter_by_district_then_detail(
        self, desktop: Page, site: str
    ) -> None:
        page = desktop
        search_for(page, site, "용접")
        hits = page.locator("ol.hits > li")
        everywhere = hits.count()
        assert everywhere > 1
        screenshot(page, "search-results")

        page.locator(
            "section[aria-labelledby=facet-district] a", has_text="부평구"
        ).click()
        page.wait_for_url(re.compile(r"district=bupyeong-gu"))
        places = page.locator("ol.hits .meta").all_inner_texts()
        assert 0 < len(places) < everywhere
        assert all("부평구" in text for text in places)
        assert page.locator("a.facet.on", has_text="부평구").count() == 1
        screenshot(page, "search-filtered")

        first = page.locator("ol.hits h3 a").first
        title = first.inner_text()
        first.click()
        page.wait_for_url(re.compile(r"/items/"))
        assert page.locator("h1").inner_text() == title
        assert page.locator("ul.sources li").count() >= 1
        facts = page.locator("dl.facts").inner_text()
        assert "부평구" in facts
        assert re.search(r"D-\d+|오늘 마감|채용시까지", facts)
        screenshot(page, "item-detail")

    def test_a_second_click_on_a_facet_removes_the_filter(
        self, desktop: Page, site: str
    ) -> None:
        page = desktop
        page.goto(f"{site}/?q=용접&district=bupyeong-gu")
        page.locator("a.facet.on", has_text="부평구").click()

        page.wait_for_url(lambda url: "district=" not in url)
        assert page.locator("a.facet.on").count() == 0

    def test_an_item_on_two_sources_says_also_on(
        self, desktop: Page, site: str
    ) -> None:
        desktop.goto(f"{site}/?q=부평 CO2 용접공")

        assert desktop.locator("ol.hits .also").count() >= 1

    def test_suggestions_while_typing(self, desktop: Page, site: str) -> None:
        page = desktop
        page.goto(f"{site}/")
        page.locator("#q").press_sequentially("용접", delay=50)
        suggestion = page.locator("#suggestions li a").first
        suggestion.wait_for(state="visible")

        page.locator("#q").press("ArrowDown")
        assert page.evaluate("document.activeElement.closest('#suggestions') !== null")
        screenshot(page, "autocomplete")

    def test_a_tab_shows_one_kind(self, desktop: Page, site: str) -> None:
        page = desktop
        page.goto(f"{site}/")
        page.locator("nav.tabs a", has_text="직업훈련").click()
        page.wait_for_url(re.compile(r"kind=training"))

        kinds = page.locator("ol.hits .kind").all_inner_texts()
        assert kinds
        assert set(kinds) == {"직업훈련"}
        assert page.locator("nav.tabs a[aria-current=page]").inner_text() == "직업훈련"

    def test_sort_and_next_page(self, desktop: Page, site: str) -> None:
        page = desktop
        page.goto(f"{site}/?kind=job&sort=deadline&size=3")
        first = page.locator("ol.hits h3 a").all_inner_texts()
        page.locator("a[rel=next]").click()
        page.wait_for_url(re.compile(r"cursor="))
        second = page.locator("ol.hits h3 a").all_inner_texts()

        assert first
        assert second
        assert not set(first) & set(second)

    def test_english(self, desktop: Page, site: str) -> None:
        page = desktop
        page.goto(f"{site}/?q=용접")
        page.get_by_role("link", name="English", exact=True).click()
        page.wait_for_url(re.compile(r"lang=en"))

        assert page.locator("html").get_attribute("lang") == "en"
        assert "Results" in page.locator("#results-heading").inner_text()
        # The choice is kept in a cookie for the next page.
        page.goto(f"{site}/map")
        assert page.locator("h1").inner_text() == "Job map"

    def test_skip_link_is_the_first_stop(self, desktop: Page, site: str) -> None:
        desktop.goto(f"{site}/")
        desktop.keyboard.press("Tab")

        assert desktop.evaluate("document.activeElement.className") == "skip"
        desktop.keyboard.press("Enter")
        assert desktop.evaluate("document.activeElement.id") == "main"


class TestOnAPhone:
    def test_search_fits_the_screen_and_filters_fold(
        self, phone: Page, site: str
    ) -> None:
        page = phone
        page.goto(f"{site}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        screenshot(page, "phone-search")

        search_for(page, site, "요양")
        assert page.locator("ol.hits > li").count() >= 1
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # The filters start folded above the results, and open on a tap.
        assert page.locator("#filters").get_attribute("open") is None
        assert not page.locator("section[aria-labelledby=facet-district]").is_visible()
        page.locator("#filters summary").click()
        assert page.locator("section[aria-labelledby=facet-district]").is_visible()
        screenshot(page, "phone-results")

    def test_filter_on_a_phone(self, phone: Page, site: str) -> None:
        page = phone
        page.goto(f"{site}/?q=용접")
        page.locator("#filters summary").click()
        page.locator(
            "section[aria-labelledby=facet-district] a", has_text="부평구"
        ).click()
        page.wait_for_url(re.compile(r"district=bupyeong-gu"))

        places = page.locator("ol.hits .meta").all_inner_texts()
        assert places
        assert all("부평구" in text for text in places)
