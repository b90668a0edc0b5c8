"""``/v1/subscriptions``, the confirmation mail and the links in it."""

import time
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import redis
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from ilteo_recommend.digests.links import CONFIRM_SALT, Links, LinkSubject
from tests.recommend.conftest import Api
from tests.recommend.digests.conftest import (
    PUBLIC_BASE,
    WELDER,
    Inbox,
    Subscriber,
    link_in,
    new_address,
    on_service,
    run_digest,
    subscribe,
    text_and_html,
)

DAY_1 = "2031-03-04T07:00:00+09:00"


class TestSubscribe:
    def test_confirmation_mail_confirms_once_and_records_the_time(
        self, mail_api: Api, inbox: Inbox
    ) -> None:
        pending = subscribe(
            mail_api, inbox, profile=WELDER, kinds=["job"], confirm=False
        )
        assert pending.subscription["status"] == "pending"
        assert pending.subscription["confirmed_at"] is None

        (mail,) = inbox.to(pending.address)
        message = mail.message
        assert message["Subject"] == "[일터] 추천 메일 수신 동의를 확인해 주세요"
        plain, html = text_and_html(message)
        link = link_in(plain, "/api/v1/subscriptions/confirm")
        assert link in html

        first = httpx.post(on_service(mail_api, link), timeout=30)
        shown = shown_subscription(mail_api, pending)
        again = httpx.post(on_service(mail_api, link), timeout=30)

        assert first.status_code == again.status_code == 200
        assert first.json() == again.json()
        assert first.json()["status"] == "confirmed"
        assert shown["status"] == "confirmed"
        assert shown["confirmed_at"] is not None
        assert (
            shown_subscription(mail_api, pending)["confirmed_at"]
            == (shown["confirmed_at"])
        )

    def test_a_browser_gets_a_korean_page_with_a_button_then_the_answer(
        self, mail_api: Api, inbox: Inbox
    ) -> None:
        pending = subscribe(
            mail_api, inbox, profile=WELDER, kinds=["job"], confirm=False
        )
        (mail,) = inbox.to(pending.address)
        link = link_in(text_and_html(mail.message)[0], "/api/v1/subscriptions/confirm")
        url = on_service(mail_api, link)
        browser = {"Accept": "text/html"}

        opened = httpx.get(url, headers=browser, timeout=30)
        pressed = httpx.post(url, headers=browser, timeout=30)

        assert opened.status_code == 200
        assert opened.headers["content-type"].startswith("text/html")
        assert "추천 메일 수신 동의" in opened.text
        assert '<form method="post">' in opened.text  # to the link's own URL
        assert "수신 동의</button>" in opened.text
        assert pressed.status_code == 200
        assert pressed.headers["content-type"].startswith("text/html")
        assert "수신 동의가 완료되었습니다" in pressed.text
        assert "<form" not in pressed.text

    def test_confirmed_profile_cannot_subscribe_twice(
        self, mail_api: Api, inbox: Inbox
    ) -> None:
        subscriber = subscribe(mail_api, inbox, profile=WELDER, kinds=["job"])
        body = {"profile_id": subscriber.profile_id, "email": new_address()}

        response = mail_api.call(
            "POST", "subscriptions", subject=subscriber.subject, json=body
        )

        assert response.status_code == 409
        assert response.json()["code"] == "conflict"


class TestOpeningTheLink:
    """A mail scanner opens every link of a message: that must not be consent."""

    def test_opening_it_changes_nothing_and_no_digest_is_sent(
        self, mail_api: Api, inbox: Inbox, digest_env: dict[str, str]
    ) -> None:
        pending = subscribe(
            mail_api, inbox, profile=WELDER, kinds=["job"], confirm=False
        )
        url = on_service(mail_api, confirmation_link(inbox, pending.address))

        opened = [httpx.get(url, timeout=30) for _ in range(2)]
        run_digest(digest_env, "--period", "daily", "--now", DAY_1)

        assert [answer.status_code for answer in opened] == [200, 200]
        assert opened[0].headers["content-type"].startswith("application/json")
        assert opened[0].json()["status"] == "pending"
        assert "POST" in opened[0].json()["detail"]
        shown = shown_subscription(mail_api, pending)
        assert shown["status"] == "pending"
        assert shown["confirmed_at"] is None
        assert inbox.to(pending.address, digests_only=True) == []

    def test_after_confirming_the_link_says_so(
        self, mail_api: Api, inbox: Inbox
    ) -> None:
        pending = subscribe(
            mail_api, inbox, profile=WELDER, kinds=["job"], confirm=False
        )
        url = on_service(mail_api, confirmation_link(inbox, pending.address))

        httpx.post(url, timeout=30)
        opened = httpx.get(url, timeout=30)

        assert opened.status_code == 200
        assert opened.json()["status"] == "confirmed"


class TestUnusableConfirmationLinks:
    """Opening and pressing refuse a link alike, and neither changes anything."""

    def test_a_forged_link_is_400(self, mail_api: Api) -> None:
        forged = f"{mail_api.url}/v1/subscriptions/confirm?token=eyJhIjoxfQ.forged"

        assert both_answers(forged) == [400, 400]
        in_browser = httpx.post(forged, headers={"Accept": "text/html"}, timeout=30)
        assert in_browser.status_code == 400
        assert "링크를 처리할 수 없습니다" in in_browser.text

    def test_a_link_of_a_replaced_address_is_404(
        self, mail_api: Api, inbox: Inbox
    ) -> None:
        pending = subscribe(
            mail_api, inbox, profile=WELDER, kinds=["job"], confirm=False
        )
        old = on_service(mail_api, confirmation_link(inbox, pending.address))
        moved = mail_api.call(
            "PATCH",
            f"subscriptions/{pending.subscription['id']}",
            subject=pending.subject,
            json={"email": new_address()},
        )
        assert moved.status_code == 200, moved.text

        assert both_answers(old) == [404, 404]
        assert shown_subscription(mail_api, pending)["status"] == "pending"

    def test_a_link_of_a_cancelled_subscription_is_409(
        self, mail_api: Api, inbox: Inbox, digest_env: dict[str, str]
    ) -> None:
        pending = subscribe(
            mail_api, inbox, profile=WELDER, kinds=["job"], confirm=False
        )
        link = confirmation_link(inbox, pending.address)
        signer = service_links(digest_env)
        subject = signer.read_confirm(token_of(link))
        unsubscribe = on_service(mail_api, signer.unsubscribe_url(subject))
        assert httpx.post(unsubscribe, timeout=30).status_code == 200

        assert both_answers(on_service(mail_api, link)) == [409, 409]
        assert shown_subscription(mail_api, pending)["status"] == "unsubscribed"

    def test_an_expired_link_is_410(
        self, mail_api: Api, inbox: Inbox, digest_env: dict[str, str]
    ) -> None:
        pending = subscribe(
            mail_api, inbox, profile=WELDER, kinds=["job"], confirm=False
        )
        link = confirmation_link(inbox, pending.address)
        subject = service_links(digest_env).read_confirm(token_of(link))
        expired = signed_long_ago(digest_env["LINK_SECRET"], subject)
        url = f"{mail_api.url}/v1/subscriptions/confirm?{urlencode({'token': expired})}"

        assert both_answers(url) == [410, 410]
        assert shown_subscription(mail_api, pending)["status"] == "pending"

    def test_a_missing_token_is_422(self, mail_api: Api) -> None:
        assert both_answers(f"{mail_api.url}/v1/subscriptions/confirm") == [422, 422]


class TestBadInput:
    def test_bad_fields_are_explained(self, mail_api: Api) -> None:
        subject = "citizen-bad-input"
        profile_id = mail_api.create(subject, WELDER)["id"]
        cases = [
            ({"profile_id": profile_id, "email": "not-an-address"}, "email"),
            ({"profile_id": profile_id, "email": "a@b.kr", "kinds": []}, "kinds"),
            ({"profile_id": profile_id, "email": "a@b.kr", "kinds": ["x"]}, "kinds.0"),
            (
                {"profile_id": profile_id, "email": "a@b.kr", "period": "hourly"},
                "period",
            ),
            ({"profile_id": "nope", "email": "a@b.kr"}, "profile_id"),
        ]
        for body, field in cases:
            response = mail_api.call(
                "POST", "subscriptions", subject=subject, json=body
            )
            assert response.status_code == 422, (body, response.text)
            assert field in [e["field"] for e in response.json()["errors"]], body

    def test_another_subjects_profile_is_not_found(self, mail_api: Api) -> None:
        profile_id = mail_api.create("citizen-owner", WELDER)["id"]
        body = {"profile_id": profile_id, "email": new_address()}

        response = mail_api.call(
            "POST", "subscriptions", subject="citizen-stranger", json=body
        )

        assert response.status_code == 404

    def test_forged_or_missing_tokens_are_refused(self, mail_api: Api) -> None:
        assert (
            httpx.post(
                f"{mail_api.url}/v1/unsubscribe?token=x.y", timeout=30
            ).status_code
            == 400
        )
        assert httpx.get(f"{mail_api.url}/v1/unsubscribe", timeout=30).status_code == (
            422
        )

    def test_without_service_token_nothing_is_created(self, mail_api: Api) -> None:
        response = httpx.post(
            f"{mail_api.url}/v1/subscriptions",
            json={"profile_id": "x", "email": "a@b.kr"},
            timeout=30,
        )

        assert response.status_code == 401


class TestUpdate:
    def test_preferences_change_and_a_new_address_is_confirmed_again(
        self, mail_api: Api, inbox: Inbox
    ) -> None:
        subscriber = subscribe(mail_api, inbox, profile=WELDER, kinds=["job"])
        path = f"subscriptions/{subscriber.subscription['id']}"

        changed = mail_api.call(
            "PATCH",
            path,
            subject=subscriber.subject,
            json={"period": "weekly", "kinds": ["job", "training", "job"]},
        )
        assert changed.status_code == 200, changed.text
        assert changed.json()["period"] == "weekly"
        assert changed.json()["kinds"] == ["job", "training"]
        assert changed.json()["status"] == "confirmed"

        address = new_address()
        moved = mail_api.call(
            "PATCH", path, subject=subscriber.subject, json={"email": address}
        )
        assert moved.json()["status"] == "pending"
        assert len(inbox.to(address)) == 1

    def test_empty_change_is_refused(self, mail_api: Api, inbox: Inbox) -> None:
        subscriber = subscribe(mail_api, inbox, profile=WELDER, kinds=["job"])
        path = f"subscriptions/{subscriber.subscription['id']}"

        response = mail_api.call("PATCH", path, subject=subscriber.subject, json={})

        assert response.status_code == 422


class TestErasure:
    def test_erasing_the_profile_erases_the_subscription(
        self, mail_api: Api, inbox: Inbox, redis_url: str
    ) -> None:
        subscriber = subscribe(mail_api, inbox, profile=WELDER, kinds=["job"])

        erased = mail_api.call(
            "DELETE", f"profiles/{subscriber.profile_id}", subject=subscriber.subject
        )

        assert erased.status_code == 204
        client = redis.Redis.from_url(redis_url)
        left = list(client.scan_iter(match=f"*{subscriber.profile_id}*"))
        left += list(client.scan_iter(match=f"*{subscriber.subscription['id']}*"))
        members = client.smembers("recommend:digest:subscribers:daily")
        client.close()
        assert left == []
        assert subscriber.profile_id.encode() not in members


def shown_subscription(api: Api, subscriber: Subscriber) -> dict[str, Any]:
    answer = api.call(
        "GET",
        f"subscriptions/{subscriber.subscription['id']}",
        subject=subscriber.subject,
    )
    assert answer.status_code == 200, answer.text
    shown: dict[str, Any] = answer.json()
    return shown


def confirmation_link(inbox: Inbox, address: str) -> str:
    (mail,) = inbox.to(address)
    return link_in(text_and_html(mail.message)[0], "/api/v1/subscriptions/confirm")


def both_answers(url: str) -> list[int]:
    """The status of opening a link (GET), then of pressing its button (POST)."""
    return [
        httpx.get(url, timeout=30).status_code,
        httpx.post(url, timeout=30).status_code,
    ]


def token_of(link: str) -> str:
    (token,) = parse_qs(urlsplit(link).query)["token"]
    return token


def service_links(digest_env: dict[str, str]) -> Links:
    """The service's own signer: the tests share its secret."""
    return Links(
        secret=digest_env["LINK_SECRET"],
        public_base=PUBLIC_BASE,
        confirm_max_age_s=3600,
    )


class SignedLongAgo(TimestampSigner):
    def get_timestamp(self) -> int:
        return int(time.time()) - 400 * 3600  # the service allows 72 hours


def signed_long_ago(secret: str, subject: LinkSubject) -> str:
    """A confirmation token for ``subject`` as the service would have made it
    long before its confirmation links stop working."""
    serializer = URLSafeTimedSerializer(secret, salt=CONFIRM_SALT, signer=SignedLongAgo)
    token: str = serializer.dumps([str(subject.subscription_id), subject.nonce])
    return token
