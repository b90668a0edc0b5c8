"""일자리 맵: Incheon's eleven current districts drawn from their real boundaries,
and a click on one of them opening the results filtered to it."""

import re

from playwright.sync_api import Page

from tests.browser.conftest import screenshot

# Incheon after the reorganisation of 2026-07-01: 중구 and 동구 became 제물포구 and
# 영종구, 서구 became 서해구 and 검단구.
CURRENT_DISTRICTS = {
    "jemulpo-gu": "제물포구",
    "yeongjong-gu": "영종구",
    "michuhol-gu": "미추홀구",
    "yeonsu-gu": "연수구",
    "namdong-gu": "남동구",
    "bupyeong-gu": "부평구",
    "gyeyang-gu": "계양구",
    "seohae-gu": "서해구",
    "geomdan-gu": "검단구",
    "ganghwa-gun": "강화군",
    "ongjin-gun": "옹진군",
}

# A point of the page where the district's own shape, and nothing above it, is hit.
POINT_INSIDE = """(id) => {
    const path = document.querySelector(`#job-map path[data-district="${id}"]`);
    const box = path.getBoundingClientRect();
    for (let i = 1; i < 24; i++) {
        for (let j = 1; j < 24; j++) {
            const x = box.left + (box.width * i) / 24;
            const y = box.top + (box.height * j) / 24;
            if (document.elementFromPoint(x, y) === path) return [x, y];
        }
    }
    return null;
}"""


def open_map(page: Page, site: str) -> None:
    page.goto(f"{site}/map")
    page.locator("#job-map[data-ready=true]").wait_for()


def listed_count(page: Page, name: str) -> int:
    """The count that the list under the map gives for the district ``name``."""
    line = page.locator(".district-list li", has_text=name).inner_text()
    found = re.search(r"([\d,]+)건", line)
    assert found, line
    return int(found.group(1).replace(",", ""))


class TestJobMap:
    def test_shows_the_eleven_current_districts(self, desktop: Page, site: str) -> None:
        page = desktop
        open_map(page, site)

        drawn = page.locator("#job-map path[data-district]")
        ids = {path.get_attribute("data-district") for path in drawn.all()}
        assert ids == set(CURRENT_DISTRICTS)
        labels = page.locator(".map-label").all_inner_texts()
        assert len(labels) == len(CURRENT_DISTRICTS)
        assert {label.split()[0] for label in labels} == set(CURRENT_DISTRICTS.values())
        listed = page.locator(".district-list li a").all_inner_texts()
        assert sorted(listed) == sorted(CURRENT_DISTRICTS.values())
        screenshot(page, "job-map")

    def test_a_click_on_a_district_filters_the_results(
        self, desktop: Page, site: str
    ) -> None:
        page = desktop
        open_map(page, site)
        expected = listed_count(page, "남동구")
        assert expected > 0

        page.locator("#job-map").scroll_into_view_if_needed()
        point = page.evaluate(POINT_INSIDE, "namdong-gu")
        assert point is not None, "no visible point of 남동구 on the map"
        page.mouse.click(point[0], point[1])
        page.wait_for_url(re.compile(r"district=namdong-gu"))

        places = page.locator("ol.hits .meta").all_inner_texts()
        assert places
        assert all("남동구" in text for text in places)
        assert page.locator("a.facet.on", has_text="남동구").count() == 1
        total = page.locator("#results-heading .total").inner_text()
        assert int(re.sub(r"\D", "", total)) == expected
        screenshot(page, "job-map-clicked")

    def test_on_a_phone_a_touch_shows_the_name(self, phone: Page, site: str) -> None:
        page = phone
        open_map(page, site)

        assert page.locator("#job-map path[data-district]").count() == 11
        page.locator("#job-map").scroll_into_view_if_needed()
        point = page.evaluate(POINT_INSIDE, "yeonsu-gu")
        assert point is not None
        page.mouse.move(point[0], point[1])
        label = page.locator(".map-label").first
        label.wait_for(state="visible")
        assert label.inner_text().startswith("연수구")
        screenshot(page, "job-map-phone")
