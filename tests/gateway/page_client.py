"""Clients of the page in tests: a browser without scripts for the forms (it keeps
cookies and sends each form with the CSRF token the page put in it, never with the
API's header), and a real chromium for what needs scripts and axe."""

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import httpx
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.gateway.conftest import PASSWORD, new_email

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')

Fields = Iterable[tuple[str, str]]


class PageClient:
    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=60)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> "PageClient":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def get(self, path: str, **params: str) -> httpx.Response:
        return self.http.get(path, params=params)

    def submit(self, page: str, action: str, fields: Fields) -> httpx.Response:
        """Open ``page``, then post ``fields`` to ``action`` as its form would."""
        shown = self.http.get(page)
        found = TOKEN.search(shown.text)
        assert found, f"no form with a CSRF token on {page}"
        data: dict[str, list[str]] = {"csrf_token": [found.group(1)]}
        for name, value in fields:
            data.setdefault(name, []).append(value)
        return self.http.post(action, data=data)

    def sign_up(self, *, role: str = "citizen") -> str:
        email = new_email()
        fields = {"email": email, "password": PASSWORD, "name": "김인천", "role": role}
        answer = self.submit("/signup", "/signup", fields.items())
        assert answer.status_code == 303, answer.text
        return email

    def sign_in(self, email: str) -> None:
        fields = {"email": email, "password": PASSWORD}
        answer = self.submit("/signin", "/signin", fields.items())
        assert answer.status_code == 303, answer.text


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's chromium through Playwright, as the page's browser tests run it."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def fits_a_phone(page: Page) -> bool:
    """Nothing wider than the 390 px screen: no scrolling sideways."""
    width: int = page.evaluate("document.documentElement.scrollWidth")
    return width <= PHONE["width"]
