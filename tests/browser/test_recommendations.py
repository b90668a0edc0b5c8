"""Recommendations in a browser: a citizen makes a profile with the form, opens
추천, presses 추천 제외 by keyboard on the first item and sees it leave the list,
then 관심 저장 on the next. Behind the gateway runs the recommend service, with
its model, over the items the real indexer indexed."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from ilteo_stack.stack import Stack
from tests.browser.conftest import (
    PHONE,
    new_context,
    screenshot,
    serious_violations,
    sign_up_with_the_form,
    watched,
)
from tests.gateway.conftest import GatewayFactory, recommend_gateway
from tests.recommend.corpus import MODEL_PRESENT

pytestmark = pytest.mark.skipif(
    not MODEL_PRESENT, reason="the embedding model is not prepared"
)


@pytest.fixture(scope="module")
def recommend_site(
    stack: Stack, corpus_alias: str, gateway_factory: GatewayFactory
) -> Iterator[str]:
    with recommend_gateway(stack, corpus_alias, gateway_factory) as url:
        yield url


def make_a_welders_profile(page: Page, site: str) -> None:
    """With the form; consent to use saved items is left unchecked."""
    page.goto(f"{site}/profile/new")
    page.locator("#desired_occupations").fill("용접원")
    page.locator("#skills").fill("CO2 용접")
    page.locator("#preferred_districts").first.check()
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(f"{site}/profile?done=created")


def shown_links(page: Page) -> list[str]:
    """Where each recommended item's title links to, in the list's order."""
    links = page.locator("ol.hits > li.hit h3 a")
    return [links.nth(i).get_attribute("href") or "" for i in range(links.count())]


def named(button: str, title: str) -> re.Pattern[str]:
    """A button's accessible name: its word, then the item's title (the page
    hides ": <title>" visually; chromium may put a space before the colon)."""
    return re.compile(rf"^{button}\s*:\s*{re.escape(title)}$")


class TestRecommendationButtons:
    def test_dismiss_by_keyboard_then_save(
        self, chromium: Browser, recommend_site: str
    ) -> None:
        site = recommend_site
        # axe is injected as an inline script, which the page's own CSP refuses.
        context = new_context(chromium, viewport=PHONE, bypass_csp=True)
        page = context.new_page()
        problems = watched(page)
        sign_up_with_the_form(page, site, name="김인천", role="citizen")
        make_a_welders_profile(page, site)

        page.goto(f"{site}/recommendations?kind=job")
        before = shown_links(page)
        assert before, "the corpus has welding jobs"
        first = page.locator("ol.hits > li.hit").first
        title = first.locator("h3").inner_text().strip()
        findings = {"list": serious_violations(page)}
        screenshot(page, "recommendations-before-dismiss")

        dismiss = first.get_by_role("button", name=named("추천 제외", title))
        dismiss.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/recommendations\?.*done=dismissed"))
        dismissed_notice = page.locator(".notice[role=status]").inner_text()
        after = shown_links(page)
        findings["dismissed"] = serious_violations(page)
        screenshot(page, "recommendations-dismissed")

        page.reload()
        after_reload = shown_links(page)

        second = page.locator("ol.hits > li.hit").first
        second_title = second.locator("h3").inner_text().strip()
        second.get_by_role("button", name=named("관심 저장", second_title)).click()
        page.wait_for_url(re.compile(r"/recommendations\?.*done=saved"))
        saved_notice = page.locator(".notice[role=status]")
        saved_text = saved_notice.inner_text()
        consent_link = saved_notice.get_by_role("link").get_attribute("href")
        marked = page.locator("ol.hits > li.hit", has_text=second_title).first
        saved_mark = marked.locator(".saved-mark").inner_text()
        findings["saved"] = serious_violations(page)
        screenshot(page, "recommendations-saved")
        context.close()

        assert f"'{title}'을(를) 추천에서 제외했습니다." in dismissed_notice
        assert before[0] not in after
        assert before[0] not in after_reload
        assert f"'{second_title}'을(를) 관심 목록에 저장했습니다." in saved_text
        assert "동의해야 추천 순서에 반영됩니다" in saved_text
        assert consent_link is not None
        assert consent_link.endswith("/edit#use_behaviour_for_ranking")
        assert "관심 저장됨" in saved_mark
        assert findings == {"list": [], "dismissed": [], "saved": []}
        assert problems == []
