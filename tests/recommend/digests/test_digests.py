"""The digest run (``ilteo-recommend-digest``) against a real SMTP server."""

import email.policy
import re
import signal
from collections import Counter
from email.parser import BytesHeaderParser

import httpx

from tests.conftest import wait_until
from tests.recommend.conftest import Api
from tests.recommend.digests.conftest import (
    PUBLIC_BASE,
    WELDER,
    YOUTH,
    Inbox,
    link_in,
    on_service,
    run_digest,
    start_digest,
    subscribe,
    text_and_html,
)

DAY_1 = "2031-03-04T07:00:00+09:00"
DAY_2 = "2031-03-05T07:00:00+09:00"


def keys_in(text: str) -> set[str]:
    return set(re.findall(re.escape(f"{PUBLIC_BASE}/items/") + r"([\w:\-]+)", text))


class TestDigestMail:
    def test_headers_parts_and_links(
        self, mail_api: Api, inbox: Inbox, digest_env: dict[str, str]
    ) -> None:
        subscriber = subscribe(
            mail_api, inbox, profile=WELDER, kinds=["job", "training"]
        )

        run_digest(digest_env, "--period", "daily", "--now", DAY_1)

        (mail,) = inbox.to(subscriber.address, digests_only=True)
        raw_headers = BytesHeaderParser(policy=email.policy.compat32).parsebytes(
            mail.raw
        )
        assert raw_headers["Subject"].startswith("=?utf-8?")  # RFC 2047
        mail.raw.decode("ascii")  # nothing but ASCII on the wire
        message = mail.message
        assert re.fullmatch(r"\[일터\] 오늘의 맞춤 추천 \d+건", message["Subject"])
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        unsubscribe = message["List-Unsubscribe"]
        assert unsubscribe.startswith(f"<{PUBLIC_BASE}/api/v1/unsubscribe?token=")
        assert unsubscribe.endswith(">")
        assert message.get_content_type() == "multipart/alternative"
        assert message["Message-ID"]

        plain, html = text_and_html(message)
        assert "work24:R1001" in keys_in(plain)  # the welder's best match
        assert keys_in(plain) == keys_in(html)
        assert "추천 이유" in plain
        assert "추천 이유" in html
        assert link_in(plain, "/api/v1/unsubscribe") == unsubscribe.strip("<>")
        assert "직업훈련" in plain or "일자리" in plain

    def test_unconfirmed_subscription_gets_nothing(
        self, mail_api: Api, inbox: Inbox, digest_env: dict[str, str]
    ) -> None:
        pending = subscribe(
            mail_api, inbox, profile=WELDER, kinds=["job"], confirm=False
        )

        run_digest(digest_env, "--period", "daily", "--now", DAY_1)

        assert inbox.to(pending.address, digests_only=True) == []

    def test_second_run_in_the_same_period_sends_nothing(
        self, mail_api: Api, inbox: Inbox, digest_env: dict[str, str]
    ) -> None:
        subscriber = subscribe(mail_api, inbox, profile=WELDER, kinds=["job"])

        run_digest(digest_env, "--period", "daily", "--now", DAY_1)
        second = run_digest(digest_env, "--period", "daily", "--now", DAY_1)

        assert len(inbox.to(subscriber.address, digests_only=True)) == 1
        assert "already_done" in second.stderr

    def test_next_period_brings_only_new_items_and_then_nothing(
        self, mail_api: Api, inbox: Inbox, digest_env: dict[str, str]
    ) -> None:
        subscriber = subscribe(mail_api, inbox, profile=YOUTH, kinds=["policy"])
        many = {"DIGEST_ITEMS_PER_KIND": "20"}

        run_digest(digest_env, "--period", "daily", "--now", DAY_1, extra=many)
        run_digest(digest_env, "--period", "daily", "--now", DAY_2, extra=many)

        (mail,) = inbox.to(subscriber.address, digests_only=True)
        assert "youth:Y5001" in keys_in(text_and_html(mail.message)[0])

    def test_a_person_gets_no_item_twice(
        self, mail_api: Api, inbox: Inbox, digest_env: dict[str, str]
    ) -> None:
        subscriber = subscribe(mail_api, inbox, profile=WELDER, kinds=["job"])
        few = {"DIGEST_ITEMS_PER_KIND": "2"}

        run_digest(digest_env, "--period", "daily", "--now", DAY_1, extra=few)
        run_digest(digest_env, "--period", "daily", "--now", DAY_2, extra=few)

        first, second = inbox.to(subscriber.address, digests_only=True)
        one = keys_in(text_and_html(first.message)[0])
        two = keys_in(text_and_html(second.message)[0])
        assert len(one) == len(two) == 2
        assert one.isdisjoint(two)


class TestUnsubscribe:
    def test_one_click_stops_the_next_digest(
        self, mail_api: Api, inbox: Inbox, digest_env: dict[str, str]
    ) -> None:
        subscriber = subscribe(mail_api, inbox, profile=WELDER, kinds=["job"])
        run_digest(digest_env, "--period", "daily", "--now", DAY_1)
        (mail,) = inbox.to(subscriber.address, digests_only=True)
        url = on_service(mail_api, mail.message["List-Unsubscribe"].strip("<>"))

        looked = httpx.get(url, timeout=30)  # a mail scanner opening the link
        clicks = [
            httpx.post(url, data={"List-Unsubscribe": "One-Click"}, timeout=30)
            for _ in range(2)
        ]
        run_digest(digest_env, "--period", "daily", "--now", DAY_2)

        assert looked.status_code == 200
        assert [click.status_code for click in clicks] == [200, 200]
        assert len(inbox.to(subscriber.address, digests_only=True)) == 1
        shown = mail_api.call(
            "GET",
            f"subscriptions/{subscriber.subscription['id']}",
            subject=subscriber.subject,
        ).json()
        assert shown["status"] == "unsubscribed"
        assert shown["unsubscribed_at"] is not None
        assert shown["email"] is None  # no longer needed, so erased


class TestFailures:
    def test_permanent_refusal_is_recorded_and_not_retried(
        self, mail_api: Api, inbox: Inbox, digest_env: dict[str, str]
    ) -> None:
        subscriber = subscribe(mail_api, inbox, profile=WELDER, kinds=["job"])
        inbox.refuse[subscriber.address] = "550 5.1.1 no such mailbox"
        before = inbox.recipient_attempts[subscriber.address]  # the confirmation

        run_digest(digest_env, "--period", "daily", "--now", DAY_1)
        run_digest(digest_env, "--period", "daily", "--now", DAY_1)

        assert inbox.recipient_attempts[subscriber.address] == before + 1
        assert inbox.to(subscriber.address, digests_only=True) == []
        delivery = mail_api.call(
            "GET",
            f"subscriptions/{subscriber.subscription['id']}",
            subject=subscriber.subject,
        ).json()["delivery"]
        assert delivery["status"] == "failing"
        assert delivery["permanent_failures"] == 1
        assert "550" in delivery["last_error"]

    def test_temporary_refusals_are_retried(
        self, mail_api: Api, inbox: Inbox, digest_env: dict[str, str]
    ) -> None:
        subscriber = subscribe(mail_api, inbox, profile=WELDER, kinds=["job"])
        inbox.temporary[subscriber.address] = 2
        before = inbox.recipient_attempts[subscriber.address]

        run_digest(digest_env, "--period", "daily", "--now", DAY_1)

        assert inbox.recipient_attempts[subscriber.address] == before + 3
        assert len(inbox.to(subscriber.address, digests_only=True)) == 1


class TestKilledRun:
    def test_rerun_after_kill_sends_each_digest_once(
        self, mail_api: Api, inbox: Inbox, digest_env: dict[str, str]
    ) -> None:
        subscribers = [
            subscribe(mail_api, inbox, profile=WELDER, kinds=["job"]) for _ in range(6)
        ]
        addresses = {s.address for s in subscribers}
        inbox.hold_after = 3
        env = digest_env | {"DIGEST_CONCURRENCY": "1"}

        run = start_digest(env, "--period", "daily", "--now", DAY_1)
        try:
            wait_until(
                inbox.holding.is_set, timeout_s=300, message="3 digests accepted"
            )
        finally:
            run.send_signal(signal.SIGKILL)
            run.wait()
        inbox.hold_after = None
        inbox.released.set()
        assert len(inbox.digests()) == 3

        rerun = run_digest(env, "--period", "daily", "--now", DAY_1)

        # The held digest was being sent when the run died: sent again unchanged.
        assert re.search(r"resent\W+1\b", rerun.stderr), rerun.stderr
        delivered = Counter(
            address
            for mail in inbox.digests()
            for address in mail.recipients
            if address in addresses
        )
        assert delivered == Counter(dict.fromkeys(addresses, 1))
        ids = [mail.message["Message-ID"] for mail in inbox.digests()]
        assert len(set(ids)) == len(ids) == 6
