"""Redis stopped: public search keeps working (no cache, per-process rate limits),
sign-in and sessions answer 503, nothing answers 5xx otherwise; and all of it
recovers by itself when Redis returns."""

import httpx

from ilteo_stack.stack import Stack
from tests.conftest import wait_until
from tests.gateway.conftest import PASSWORD, Browser, GatewayFactory, sign_up


class TestRedisOutage:
    def test_documented_behaviour_and_recovery(
        self, stack: Stack, gateway_factory: GatewayFactory
    ) -> None:
        with (
            gateway_factory(rate_limit_requests="5", rate_limit_window_s="60") as url,
            Browser(url, local_address="127.0.0.5") as client,
        ):
            email = sign_up(client.http)
            signed_in = client.http.post(
                "/api/v1/session", json={"email": email, "password": PASSWORD}
            )
            assert signed_in.status_code == 200

            stack.stop("redis")
            try:
                search = client.http.get("/api/v1/search", params={"q": "용접"})
                page = client.http.get("/", params={"q": "용접"})
                session = client.http.get("/api/v1/session")
                login = client.http.post(
                    "/api/v1/session", json={"email": email, "password": PASSWORD}
                )
                feedback = client.http.post("/api/v1/feedback", json={"message": "x"})
                # The per-process log starts empty and has counted the search,
                # the page and the feedback: two more, then the limit of 5.
                limited = [
                    client.http.get("/api/v1/suggest", params={"q": "용"}).status_code
                    for _ in range(3)
                ]
            finally:
                stack.start("redis")

            def session_back() -> bool:
                return client.http.get("/api/v1/session").status_code == 200

            wait_until(session_back, timeout_s=30, message="sessions to return")
            cached_again = [
                client.http.get("/api/v1/stats/districts").headers["X-Cache"]
                for _ in range(2)
            ]

        assert search.status_code == 200
        assert search.json()["total"] > 0
        assert search.headers["X-Cache"] == "miss"
        assert page.status_code == 200
        for answer in (session, login, feedback):
            assert answer.status_code == 503, answer.text
            assert int(answer.headers["Retry-After"]) > 0
            assert "Search keeps working" in answer.json()["detail"]
        assert limited == [200, 200, 429]
        assert cached_again[-1] == "hit"

    def test_readiness_does_not_follow_redis(
        self, stack: Stack, gateway_factory: GatewayFactory
    ) -> None:
        with gateway_factory() as url:
            stack.stop("redis")
            try:
                ready = httpx.get(f"{url}/readyz", timeout=30)
            finally:
                stack.start("redis")

        assert ready.status_code == 200
