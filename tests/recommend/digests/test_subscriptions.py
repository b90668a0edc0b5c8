"""``/v1/subscriptions``, the confirmation mail and the links in it."""

import httpx
import redis

from tests.recommend.conftest import Api
from tests.recommend.digests.conftest import (
    WELDER,
    Inbox,
    link_in,
    new_address,
    on_service,
    subscribe,
    text_and_html,
)


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

        first = httpx.get(on_service(mail_api, link), timeout=30)
        again = httpx.get(on_service(mail_api, link), timeout=30)

        assert first.status_code == again.status_code == 200
        assert first.json()["status"] == "confirmed"
        shown = mail_api.call(
            "GET",
            f"subscriptions/{pending.subscription['id']}",
            subject=pending.subject,
        ).json()
        assert shown["status"] == "confirmed"
        assert shown["confirmed_at"] is not None

    def test_a_browser_gets_a_korean_page(self, mail_api: Api, inbox: Inbox) -> None:
        pending = subscribe(
            mail_api, inbox, profile=WELDER, kinds=["job"], confirm=False
        )
        (mail,) = inbox.to(pending.address)
        link = link_in(text_and_html(mail.message)[0], "/api/v1/subscriptions/confirm")

        page = httpx.get(
            on_service(mail_api, link), headers={"Accept": "text/html"}, timeout=30
        )

        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert "수신 동의가 완료되었습니다" in page.text

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
        forged = f"{mail_api.url}/v1/subscriptions/confirm?token=eyJhIjoxfQ.forged"

        assert httpx.get(forged, timeout=30).status_code == 400
        assert (
            httpx.post(
                f"{mail_api.url}/v1/unsubscribe?token=x.y", timeout=30
            ).status_code
            == 400
        )
        assert (
            httpx.get(
                f"{mail_api.url}/v1/subscriptions/confirm", timeout=30
            ).status_code
            == 422
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
