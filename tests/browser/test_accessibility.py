"""axe-core (from npm, injected into each page) on the main pages, on a phone's
screen and a desktop's, accepts no serious or critical finding (WCAG 2.1 AA and
axe's best practices)."""

import re
import uuid

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    new_context,
    screenshot,
    serious_violations,
    sign_up_with_the_form,
)

PAGES = {
    "search": "/",
    "results": "/?q=용접",
    "results-filtered": "/?q=용접&district=bupyeong-gu",
    "results-english": "/?q=welder&lang=en",
    "results-training": "/?kind=training",
    "results-refused": "/?size=abc",
    "detail": "/items/work24:K100001",
    "detail-missing": "/items/work24:NOPE0000",
    "map": "/map",
    "signin": "/signin",
    "signup": "/signup",
}
SCREENS = {"phone": PHONE, "desktop": DESKTOP}


def wait_for_scripts(page: Page, path: str) -> None:
    if path == "/map":
        page.locator("#job-map[data-ready=true]").wait_for()


class TestMainPages:
    @pytest.mark.parametrize("screen", SCREENS)
    @pytest.mark.parametrize("name", PAGES)
    def test_no_serious_or_critical_violations(
        self, chromium: Browser, site: str, name: str, screen: str
    ) -> None:
        context = new_context(chromium, viewport=SCREENS[screen], bypass_csp=True)
        page = context.new_page()
        page.goto(f"{site}{PAGES[name]}")
        wait_for_scripts(page, PAGES[name])
        found = serious_violations(page)
        context.close()

        assert found == []

    def test_suggestions_open(self, chromium: Browser, site: str) -> None:
        context = new_context(chromium, viewport=DESKTOP, bypass_csp=True)
        page = context.new_page()
        page.goto(f"{site}/")
        page.locator("#q").press_sequentially("요양", delay=50)
        page.locator("#suggestions li a").first.wait_for(state="visible")
        found = serious_violations(page)
        context.close()

        assert found == []


class TestEmployerPage:
    def test_no_serious_or_critical_violations(
        self, chromium: Browser, site: str
    ) -> None:
        context = new_context(chromium, viewport=PHONE, bypass_csp=True)
        page = context.new_page()
        sign_up_with_the_form(page, site, name="청라테크(주)", role="employer")
        empty = serious_violations(page)

        # With a posting listed, and with the form refused and explained.
        page.get_by_label("공고 제목").fill("청라 전자부품 조립원")
        page.get_by_role("button", name="게시하기").click()
        page.wait_for_url(re.compile(r"/employer$"))
        listed = serious_violations(page)
        page.get_by_label("공고 제목").fill("청라 전자부품 검사원")
        page.get_by_label("마감", exact=True).fill("2001-01-01")
        page.get_by_role("button", name="게시하기").click()
        page.locator("main .error").wait_for()
        refused = serious_violations(page)
        screenshot(page, "employer-refused")
        context.close()

        assert empty == []
        assert listed == []
        assert refused == []

    def test_sign_in_refused_is_accessible(self, chromium: Browser, site: str) -> None:
        context = new_context(chromium, viewport=PHONE, bypass_csp=True)
        page = context.new_page()
        page.goto(f"{site}/signin")
        page.get_by_label("이메일").fill(f"nobody-{uuid.uuid4().hex[:8]}@example.kr")
        page.get_by_label("비밀번호").fill("not the password")
        page.get_by_role("button", name="로그인").click()
        page.locator("main .error").wait_for()
        found = serious_violations(page)
        context.close()

        assert found == []
