"""Profiles and recommendations through the gateway and a real recommend service:
the gateway's account id is the profile's owner, so nobody sees another's."""

import html
import re
import secrets
from collections.abc import Iterator

import httpx
import pytest
from aiosmtpd.controller import Controller

from ilteo_stack.stack import Stack
from tests.conftest import free_port, wait_until
from tests.gateway.conftest import GatewayFactory, recommend_gateway, signed_in
from tests.recommend.corpus import MODEL_PRESENT
from tests.recommend.digests.conftest import Inbox

WELDER = {
    "audience": "individual",
    "desired_occupations": ["용접원"],
    "skills": ["CO2 용접"],
    "birth_year": 1985,
    "preferred_districts": ["부평구"],
}

PUBLIC_BASE = "https://ilteo.example.kr"

pytestmark = pytest.mark.skipif(
    not MODEL_PRESENT, reason="the embedding model is not prepared"
)


@pytest.fixture(scope="module")
def smtp() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server (aiosmtpd) on a free port, keeping what it accepts."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def inbox(smtp: tuple[Inbox, int]) -> Inbox:
    return smtp[0]


@pytest.fixture(scope="module")
def gateway_url(
    stack: Stack,
    corpus_alias: str,
    gateway_factory: GatewayFactory,
    smtp: tuple[Inbox, int],
) -> Iterator[str]:
    with recommend_gateway(
        stack,
        corpus_alias,
        gateway_factory,
        PUBLIC_BASE_URL=PUBLIC_BASE,
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(smtp[1]),
    ) as url:
        yield url


def confirmation_link(inbox: Inbox, address: str) -> str:
    """The path and query of the confirmation link in the mail to ``address``."""

    def arrived() -> bool:
        return bool(inbox.to(address))

    wait_until(arrived, timeout_s=30, message=f"the confirmation mail to {address}")
    message = inbox.to(address)[0].message
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    found = re.search(
        re.escape(PUBLIC_BASE) + r"(/api/v1/subscriptions/confirm\?token=[^\s\"<>]+)",
        body.get_content(),
    )
    assert found, body.get_content()
    return found.group(1)


def form_action(page: str) -> str:
    """Where the button of a confirmation link's page posts to."""
    found = re.search(r'action="(/api/v1/subscriptions/confirm\?[^"]+)"', page)
    assert found, page
    return html.unescape(found.group(1))


class TestOwnProfiles:
    def test_create_list_recommend_delete(self, gateway_url: str) -> None:
        citizen = signed_in(gateway_url)
        created = citizen.http.post("/api/v1/profiles", json=WELDER)
        profile_id = created.json()["id"]

        listed = citizen.http.get("/api/v1/profiles").json()
        ranked = citizen.http.get(
            f"/api/v1/profiles/{profile_id}/recommendations",
            params={"kind": "job", "size": 5},
        )
        deleted = citizen.http.delete(f"/api/v1/profiles/{profile_id}")
        gone = citizen.http.get(f"/api/v1/profiles/{profile_id}")
        citizen.close()

        assert created.status_code == 201, created.text
        assert [p["id"] for p in listed] == [profile_id]
        assert ranked.status_code == 200, ranked.text
        assert deleted.status_code == 204
        assert gone.status_code == 404

    def test_another_account_cannot_reach_it(self, gateway_url: str) -> None:
        owner = signed_in(gateway_url)
        other = signed_in(gateway_url)
        profile_id = owner.http.post("/api/v1/profiles", json=WELDER).json()["id"]

        seen = other.http.get(f"/api/v1/profiles/{profile_id}")
        changed = other.http.patch(
            f"/api/v1/profiles/{profile_id}", json={"skills": ["가로채기"]}
        )
        listed = other.http.get("/api/v1/profiles").json()
        owner.close()
        other.close()

        assert seen.status_code == 404
        assert changed.status_code == 404
        assert listed == []


class TestFeedback:
    def test_a_save_is_taken_back_by_its_owner_only(self, gateway_url: str) -> None:
        owner = signed_in(gateway_url)
        other = signed_in(gateway_url)
        profile_id = owner.http.post("/api/v1/profiles", json=WELDER).json()["id"]
        key = owner.http.get(
            f"/api/v1/profiles/{profile_id}/recommendations", params={"kind": "job"}
        ).json()["items"][0]["key"]
        path = f"/api/v1/profiles/{profile_id}/feedback"
        saved = owner.http.post(path, json={"item_key": key, "action": "save"})

        theirs = other.http.delete(f"{path}/{key}")
        kept = owner.http.get(path).json()
        taken_back = owner.http.delete(f"{path}/{key}")
        left = owner.http.get(path).json()
        malformed = owner.http.delete(f"{path}/no%20key")
        owner.close()
        other.close()

        assert saved.status_code == 201, saved.text
        assert theirs.status_code == 404
        assert [(f["item_key"], f["action"]) for f in kept] == [(key, "save")]
        assert taken_back.status_code == 204, taken_back.text
        assert left == []
        assert malformed.status_code == 400


class TestAtTheEdge:
    def test_unknown_kind_is_a_clear_400(self, gateway_url: str) -> None:
        citizen = signed_in(gateway_url)
        answer = citizen.http.get(
            "/api/v1/profiles/8d1b7f6e-8a43-4f7d-9a3e-0c8f2b7a1d11/recommendations",
            params={"kind": "spaceship"},
        )
        citizen.close()

        assert answer.status_code == 400
        assert answer.json()["field"] == "kind"

    def test_anonymous_is_401(self, gateway_url: str) -> None:
        answer = httpx.get(f"{gateway_url}/api/v1/profiles", timeout=30)

        assert answer.status_code == 401


class TestSubscriptions:
    def test_subscribe_and_confirm_by_the_e_mail_link(
        self, gateway_url: str, inbox: Inbox
    ) -> None:
        address = f"reader-{secrets.token_hex(4)}@example.kr"
        browser = {"Accept": "text/html"}
        with signed_in(gateway_url) as citizen:
            profile_id = citizen.http.post("/api/v1/profiles", json=WELDER).json()["id"]
            created = citizen.http.post(
                "/api/v1/subscriptions",
                json={"profile_id": profile_id, "email": address},
            )
            link = confirmation_link(inbox, address)
            # The e-mail's link points at the gateway's public address; opening
            # it shows the button and gives no consent yet.
            opened = httpx.get(gateway_url + link, headers=browser, timeout=30)
            before = citizen.http.get("/api/v1/subscriptions").json()
            # The button's form, sent as a browser would, without a CSRF token.
            pressed = httpx.post(
                gateway_url + form_action(opened.text), headers=browser, timeout=30
            )
            listed = citizen.http.get("/api/v1/subscriptions").json()
        with signed_in(gateway_url) as other:
            theirs = other.http.get("/api/v1/subscriptions").json()

        assert created.status_code == 201, created.text
        assert created.json()["status"] == "pending"
        assert opened.status_code == 200
        assert "추천 메일 수신 동의" in opened.text
        assert "수신 동의가 완료되었습니다" not in opened.text
        assert [s["status"] for s in before] == ["pending"]
        assert pressed.status_code == 200, pressed.text
        assert "수신 동의가 완료되었습니다" in pressed.text
        assert [(s["id"], s["status"]) for s in listed] == [
            (created.json()["id"], "confirmed")
        ]
        assert theirs == []

    def test_an_api_client_is_told_to_post_and_then_confirms(
        self, gateway_url: str, inbox: Inbox
    ) -> None:
        address = f"reader-{secrets.token_hex(4)}@example.kr"
        with signed_in(gateway_url) as citizen:
            profile_id = citizen.http.post("/api/v1/profiles", json=WELDER).json()["id"]
            citizen.http.post(
                "/api/v1/subscriptions",
                json={"profile_id": profile_id, "email": address},
            )
            url = gateway_url + confirmation_link(inbox, address)
            opened = httpx.get(url, timeout=30)
            before = citizen.http.get("/api/v1/subscriptions").json()
            pressed = [httpx.post(url, timeout=30) for _ in range(2)]
            listed = citizen.http.get("/api/v1/subscriptions").json()

        assert opened.status_code == 200
        assert opened.json()["status"] == "pending"
        assert "POST" in opened.json()["detail"]
        assert [s["status"] for s in before] == ["pending"]
        assert [answer.status_code for answer in pressed] == [200, 200]
        assert [answer.json()["status"] for answer in pressed] == ["confirmed"] * 2
        assert [s["status"] for s in listed] == ["confirmed"]

    @pytest.mark.parametrize("method", ["GET", "POST"])
    def test_a_forged_confirmation_link(self, gateway_url: str, method: str) -> None:
        url = f"{gateway_url}/api/v1/subscriptions/confirm"
        forged = {"token": "forged.token"}
        as_json = httpx.request(method, url, params=forged, timeout=30)
        in_browser = httpx.request(
            method, url, params=forged, headers={"Accept": "text/html"}, timeout=30
        )

        assert as_json.status_code == 400
        assert as_json.json()["detail"]
        assert in_browser.status_code == 400
        assert "링크를 처리할 수 없습니다" in in_browser.text
        assert "Content-Security-Policy" in in_browser.headers

    def test_both_ways_of_the_link_are_documented(self, gateway_url: str) -> None:
        document = httpx.get(f"{gateway_url}/api/v1/openapi.json", timeout=30).json()
        link = document["paths"]["/api/v1/subscriptions/confirm"]

        assert set(link) == {"get", "post"}
        for operation in link.values():
            assert operation["summary"]
            assert {"200", "400", "404", "409", "410", "429"} <= set(
                operation["responses"]
            )
            assert [p["name"] for p in operation["parameters"]] == ["token"]

    def test_one_click_unsubscribe_needs_no_csrf_token(self, gateway_url: str) -> None:
        # A mail client's one-click POST carries no cookie and no CSRF token: the
        # signed token decides, here a forged one (400, not the CSRF refusal 403).
        answer = httpx.post(
            f"{gateway_url}/api/v1/unsubscribe",
            params={"token": "forged.token"},
            timeout=30,
        )

        assert answer.status_code == 400
