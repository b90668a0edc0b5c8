"""Sign-up, sign-in with argon2id, sessions in Redis, login limits, operators."""

import os
import subprocess
import uuid

import httpx
from redis import Redis

from tests.conftest import ROOT
from tests.gateway.conftest import (
    PASSWORD,
    Browser,
    GatewayFactory,
    new_email,
    sign_up,
)


class TestSignUpAndSignIn:
    def test_sign_in_sets_a_safe_session_cookie(
        self, browser_client: httpx.Client
    ) -> None:
        email = sign_up(browser_client)
        answer = browser_client.post(
            "/api/v1/session", json={"email": email, "password": PASSWORD}
        )

        cookie = answer.headers["Set-Cookie"]
        assert answer.status_code == 200
        assert "ilteo_session=" in cookie
        assert "HttpOnly" in cookie
        assert "SameSite=lax" in cookie
        assert browser_client.get("/api/v1/session").json()["email"] == email

    def test_password_is_stored_as_argon2id(
        self, browser_client: httpx.Client, redis_url: str
    ) -> None:
        email = sign_up(browser_client)

        with Redis.from_url(redis_url) as redis:
            account_id = redis.get(f"gw:account-email:{email}")
            assert account_id is not None
            stored = redis.hget(f"gw:account:{account_id.decode()}", "password_hash")
        assert stored is not None
        assert stored.startswith(b"$argon2id$")
        assert PASSWORD.encode() not in stored

    def test_wrong_password(self, browser_client: httpx.Client) -> None:
        email = sign_up(browser_client)
        answer = browser_client.post(
            "/api/v1/session", json={"email": email, "password": "wrong password!"}
        )

        assert answer.status_code == 401
        assert "wrong" in answer.json()["detail"]

    def test_same_e_mail_twice(self, browser_client: httpx.Client) -> None:
        email = sign_up(browser_client)
        again = browser_client.post(
            "/api/v1/accounts",
            json={"email": email.upper(), "password": PASSWORD, "name": "김"},
        )

        assert again.status_code == 409

    def test_operator_cannot_sign_up(self, browser_client: httpx.Client) -> None:
        answer = browser_client.post(
            "/api/v1/accounts",
            json={
                "email": new_email(),
                "password": PASSWORD,
                "name": "x",
                "role": "operator",
            },
        )

        assert answer.status_code == 403

    def test_short_password_is_a_clear_400(self, browser_client: httpx.Client) -> None:
        answer = browser_client.post(
            "/api/v1/accounts",
            json={"email": new_email(), "password": "short", "name": "x"},
        )

        assert answer.status_code == 400
        assert answer.json()["field"] == "password"

    def test_sign_out_ends_the_session(self, browser_client: httpx.Client) -> None:
        email = sign_up(browser_client)
        browser_client.post(
            "/api/v1/session", json={"email": email, "password": PASSWORD}
        )
        stolen = browser_client.cookies["ilteo_session"]

        assert browser_client.delete("/api/v1/session").status_code == 204
        replay = httpx.get(
            str(browser_client.base_url.join("/api/v1/session")),
            cookies={"ilteo_session": stolen},
            timeout=30,
        )
        assert replay.status_code == 401

    def test_tampered_session_cookie_is_signed_out(self, gateway: str) -> None:
        answer = httpx.get(
            f"{gateway}/api/v1/session",
            cookies={"ilteo_session": "abc.def"},
            timeout=30,
        )

        assert answer.status_code == 401


class TestLoginLimits:
    def test_per_account(self, gateway_factory: GatewayFactory) -> None:
        with (
            gateway_factory(login_limit_per_account="3") as url,
            Browser(url) as client,
        ):
            email = sign_up(client.http)
            attempts = [
                client.http.post(
                    "/api/v1/session",
                    json={"email": email, "password": "guess-1234"},
                )
                for _ in range(3)
            ]
            # Even the right password waits once the account's limit is reached.
            right = client.http.post(
                "/api/v1/session", json={"email": email, "password": PASSWORD}
            )

        assert [a.status_code for a in attempts] == [401, 401, 401]
        assert right.status_code == 429
        assert int(right.headers["Retry-After"]) > 0

    def test_per_client(self, gateway_factory: GatewayFactory) -> None:
        # Another client address than the other tests use.
        with (
            gateway_factory(login_limit_per_client="2") as url,
            Browser(url, local_address="127.0.0.4") as client,
        ):
            statuses = [
                client.http.post(
                    "/api/v1/session",
                    json={"email": new_email(), "password": "guess-1234"},
                ).status_code
                for _ in range(3)
            ]

        assert statuses == [401, 401, 429]


class TestOperators:
    def test_created_by_command_and_read_feedback(
        self, gateway: str, redis_url: str, secret_key: str
    ) -> None:
        email = new_email()
        env = os.environ | {
            "ILTEO_GATEWAY_SECRET_KEY": secret_key,
            "ILTEO_GATEWAY_REDIS_URL": redis_url,
            "ILTEO_GATEWAY_ADMIN_PASSWORD": PASSWORD,
        }
        created = subprocess.run(
            [
                str(ROOT / ".venv/bin/ilteo-gateway-admin"),
                "create-operator",
                "--email",
                email,
                "--name",
                "시 운영자",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert created.returncode == 0, created.stderr

        with Browser(gateway) as operator, Browser(gateway) as citizen:
            note = f"피드백 {uuid.uuid4().hex[:6]}"
            citizen.http.post("/api/v1/feedback", json={"message": note, "page": "/"})
            operator.http.post(
                "/api/v1/session", json={"email": email, "password": PASSWORD}
            )
            sign_up_email = sign_up(citizen.http)
            citizen.http.post(
                "/api/v1/session", json={"email": sign_up_email, "password": PASSWORD}
            )

            listed = operator.http.get("/api/v1/feedback")
            refused = citizen.http.get("/api/v1/feedback")
            anonymous = httpx.get(f"{gateway}/api/v1/feedback", timeout=30)

        assert listed.status_code == 200
        assert note in [n["message"] for n in listed.json()]
        assert refused.status_code == 403
        assert anonymous.status_code == 401

    def test_command_refuses_a_second_account(
        self, redis_url: str, secret_key: str
    ) -> None:
        email = new_email()
        env = os.environ | {
            "ILTEO_GATEWAY_SECRET_KEY": secret_key,
            "ILTEO_GATEWAY_REDIS_URL": redis_url,
            "ILTEO_GATEWAY_ADMIN_PASSWORD": PASSWORD,
        }
        command = [
            str(ROOT / ".venv/bin/ilteo-gateway-admin"),
            "create-operator",
            "--email",
            email,
            "--name",
            "운영",
        ]
        first = subprocess.run(command, env=env, capture_output=True, check=False)
        second = subprocess.run(
            command, env=env, capture_output=True, text=True, check=False
        )

        assert first.returncode == 0
        assert second.returncode == 1
        assert "exists already" in second.stderr


class TestPasswordReset:
    def test_by_command(self, gateway: str, redis_url: str, secret_key: str) -> None:
        with Browser(gateway) as client:
            email = sign_up(client.http)
            env = os.environ | {
                "ILTEO_GATEWAY_SECRET_KEY": secret_key,
                "ILTEO_GATEWAY_REDIS_URL": redis_url,
                "ILTEO_GATEWAY_ADMIN_PASSWORD": "a brand new passphrase",
            }
            reset = subprocess.run(
                [
                    str(ROOT / ".venv/bin/ilteo-gateway-admin"),
                    "reset-password",
                    "--email",
                    email,
                ],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            old = client.http.post(
                "/api/v1/session", json={"email": email, "password": PASSWORD}
            )
            new = client.http.post(
                "/api/v1/session",
                json={"email": email, "password": "a brand new passphrase"},
            )

        assert reset.returncode == 0, reset.stderr
        assert old.status_code == 401
        assert new.status_code == 200
