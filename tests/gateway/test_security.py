"""Security headers, CORS for configured origins only, and CSRF refusals."""

import httpx

from tests.gateway.conftest import GatewayFactory


class TestSecurityHeaders:
    def test_on_the_page_and_the_api(self, gateway: str) -> None:
        for path in ("/", "/api/v1/suggest?q=용", "/api/v1/search?size=0"):
            headers = httpx.get(f"{gateway}{path}", timeout=30).headers

            policy = headers["Content-Security-Policy"]
            assert "script-src 'self'" in policy
            assert "'unsafe-inline'" not in policy
            assert "frame-ancestors 'none'" in policy
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"

    def test_hsts_only_behind_tls(self, gateway: str) -> None:
        plain = httpx.get(f"{gateway}/healthz", timeout=30)
        # The test runs on loopback, which uvicorn trusts as a proxy.
        behind_tls = httpx.get(
            f"{gateway}/healthz", headers={"X-Forwarded-Proto": "https"}, timeout=30
        )

        assert "Strict-Transport-Security" not in plain.headers
        assert behind_tls.headers["Strict-Transport-Security"].startswith("max-age=")

    def test_page_has_no_inline_script(self, gateway: str) -> None:
        page = httpx.get(f"{gateway}/", timeout=30).text

        assert "<script>" not in page
        assert " on" + "click=" not in page


class TestCors:
    def test_only_configured_origins(self, gateway_factory: GatewayFactory) -> None:
        with gateway_factory(cors_origins='["https://partner.incheon.go.kr"]') as url:
            allowed = httpx.get(
                f"{url}/api/v1/suggest",
                params={"q": "용"},
                headers={"Origin": "https://partner.incheon.go.kr"},
                timeout=30,
            )
            other = httpx.get(
                f"{url}/api/v1/suggest",
                params={"q": "용"},
                headers={"Origin": "https://evil.example"},
                timeout=30,
            )

        assert (
            allowed.headers["Access-Control-Allow-Origin"]
            == "https://partner.incheon.go.kr"
        )
        assert "Access-Control-Allow-Origin" not in other.headers

    def test_none_by_default(self, gateway: str) -> None:
        answer = httpx.get(
            f"{gateway}/api/v1/suggest",
            params={"q": "용"},
            headers={"Origin": "https://partner.incheon.go.kr"},
            timeout=30,
        )

        assert "Access-Control-Allow-Origin" not in answer.headers


class TestCsrf:
    def test_post_without_a_token_is_refused(self, gateway: str) -> None:
        answer = httpx.post(
            f"{gateway}/api/v1/feedback", json={"message": "좋아요"}, timeout=30
        )

        assert answer.status_code == 403
        assert "security token" in answer.json()["detail"]

    def test_token_in_header_without_the_cookie_is_refused(self, gateway: str) -> None:
        token = httpx.get(f"{gateway}/api/v1/csrf", timeout=30).json()["csrf_token"]
        answer = httpx.post(
            f"{gateway}/api/v1/feedback",
            json={"message": "좋아요"},
            headers={"X-CSRF-Token": token},
            timeout=30,
        )

        assert answer.status_code == 403

    def test_forged_cookie_and_header_pair_is_refused(self, gateway: str) -> None:
        forged = "made-up-token"
        answer = httpx.post(
            f"{gateway}/api/v1/feedback",
            json={"message": "좋아요"},
            headers={"X-CSRF-Token": forged, "Cookie": f"ilteo_csrf={forged}"},
            timeout=30,
        )

        assert answer.status_code == 403

    def test_form_without_the_field_is_refused(
        self, browser_client: httpx.Client
    ) -> None:
        # The header the client normally sends is dropped: a plain cross-site form.
        del browser_client.headers["X-CSRF-Token"]
        answer = browser_client.post(
            "/signin", data={"email": "a@b.kr", "password": "whatever123"}
        )

        assert answer.status_code == 403

    def test_matching_pair_is_accepted(self, browser_client: httpx.Client) -> None:
        answer = browser_client.post(
            "/api/v1/feedback", json={"message": "지도 좋아요", "page": "/map"}
        )

        assert answer.status_code == 201
        assert answer.json()["message"] == "지도 좋아요"


class TestFeedbackForm:
    def test_without_scripts_returns_to_the_page(
        self, browser_client: httpx.Client
    ) -> None:
        token = browser_client.headers.pop("X-CSRF-Token")
        answer = browser_client.post(
            "/api/v1/feedback",
            data={"message": "지도가 좋아요", "page": "/map", "csrf_token": token},
        )

        assert answer.status_code == 303
        assert answer.headers["Location"] == "/map"

    def test_never_sends_the_visitor_to_another_site(
        self, browser_client: httpx.Client
    ) -> None:
        token = browser_client.headers.pop("X-CSRF-Token")
        answers = [
            browser_client.post(
                "/api/v1/feedback",
                data={"message": "x", "page": page, "csrf_token": token},
            )
            for page in ("//evil.example", "/\\evil.example", "https://evil.example")
        ]

        assert [a.status_code for a in answers] == [400, 400, 400]
        assert all(a.json()["field"] == "page" for a in answers)
