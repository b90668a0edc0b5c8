"""An employer signs up, signs in and posts a job with the form; ingest publishes
it to Kafka, the indexer indexes it, and citizens find it with the search box."""

import re

import httpx
from playwright.sync_api import Page

from tests.browser.conftest import (
    INDEXING_TIMEOUT_S,
    PASSWORD,
    screenshot,
    sign_up_with_the_form,
)
from tests.conftest import wait_until

TITLE = "물류센터 야간 분류 직원"


def titles_found(search_url: str, words: str) -> list[str]:
    """Titles of the open items that the search service finds for ``words``."""
    answer = httpx.get(f"{search_url}/v1/search", params={"q": words}, timeout=30)
    assert answer.status_code == 200, answer.text
    return [hit["title"] for hit in answer.json()["items"]]


class TestEmployerPosting:
    def test_sign_up_sign_in_post_and_find_it(
        self, desktop: Page, site: str, search_url: str
    ) -> None:
        page = desktop
        email = sign_up_with_the_form(page, site, name="인천물류(주)", role="employer")
        page.get_by_role("button", name=re.compile("로그아웃")).click()
        page.wait_for_url(re.compile(r"/$"))

        page.get_by_role("link", name="로그인").click()
        page.get_by_label("이메일").fill(email)
        page.get_by_label("비밀번호").fill(PASSWORD)
        page.get_by_role("button", name="로그인").click()
        page.wait_for_url(re.compile(r"/$"))
        page.get_by_role("link", name="기업 공고 관리").click()
        page.wait_for_url(re.compile(r"/employer$"))

        page.get_by_label("공고 제목").fill(TITLE)
        page.get_by_label("지역").select_option("seohae-gu")
        page.get_by_label("월급 (원, 선택)").fill("2800000")
        page.get_by_label("상세 내용").fill("야간 물류 분류 작업, 주 5일, 4대보험.")
        page.get_by_role("button", name="게시하기").click()
        page.wait_for_url(re.compile(r"/employer$"))
        posting = page.locator("ul.hits li", has_text=TITLE)
        assert "게시 중" in posting.inner_text()
        screenshot(page, "employer-postings")

        wait_until(
            lambda: TITLE in titles_found(search_url, TITLE),
            timeout_s=INDEXING_TIMEOUT_S,
            message="the employer's posting to become searchable",
        )
        page.goto(f"{site}/")
        page.get_by_role("searchbox").fill(TITLE)
        page.get_by_role("button", name="검색", exact=True).click()
        page.wait_for_url(re.compile(r"[?&]q="))
        hit = page.locator("ol.hits > li", has_text=TITLE)
        assert "서해구" in hit.locator(".meta").inner_text()
        assert "인천물류(주)" in hit.locator(".meta").inner_text()
        screenshot(page, "employer-posting-found")

        hit.get_by_role("link", name=TITLE).click()
        page.wait_for_url(re.compile(r"/items/platform"))
        assert page.locator("h1").inner_text() == TITLE
        assert "서해구" in page.locator("dl.facts").inner_text()
        assert "2,800,000원" in page.locator("dl.facts").inner_text()

    def test_a_closed_posting_leaves_the_results(
        self, desktop: Page, site: str, search_url: str
    ) -> None:
        page = desktop
        title = "송도 바이오 공장 품질관리 사원"
        sign_up_with_the_form(page, site, name="송도바이오(주)", role="employer")
        page.get_by_label("공고 제목").fill(title)
        page.get_by_label("지역").select_option("yeonsu-gu")
        page.get_by_role("button", name="게시하기").click()
        page.wait_for_url(re.compile(r"/employer$"))
        wait_until(
            lambda: title in titles_found(search_url, title),
            timeout_s=INDEXING_TIMEOUT_S,
            message="the posting to become searchable",
        )

        posting = page.locator("ul.hits li", has_text=title)
        posting.get_by_role("button", name=re.compile("마감하기")).click()
        page.wait_for_url(re.compile(r"/employer$"))
        posting = page.locator("ul.hits li", has_text=title)
        assert "마감" in posting.inner_text()
        assert posting.get_by_role("button").count() == 0

        wait_until(
            lambda: title not in titles_found(search_url, title),
            timeout_s=INDEXING_TIMEOUT_S,
            message="the closed posting to leave the results",
        )
        # A query the gateway has not cached before.
        page.goto(f"{site}/?q={title}&sort=newest")
        assert page.locator("ol.hits > li", has_text=title).count() == 0

    def test_anonymous_visitor_is_sent_to_sign_in(
        self, desktop: Page, site: str
    ) -> None:
        desktop.goto(f"{site}/employer")

        assert desktop.url.endswith("/signin")
