"""Applying online: a citizen fills in a program's form, gets a receipt number
(접수번호), finds the application under 내 신청 내역, and the operator sees it in
the program's list. Behind the gateway runs the applications service on
PostgreSQL."""

import os
import secrets
import subprocess
from collections.abc import Iterator
from datetime import datetime

import pytest
from playwright.sync_api import Browser, Page

from ilteo_stack.components import applications_database_url, local_secret
from ilteo_stack.stack import Stack
from tests.applications.conftest import KST, program_body, wait_ready
from tests.browser.conftest import (
    DESKTOP,
    new_context,
    screenshot,
    serious_violations,
    sign_up_with_the_form,
)
from tests.conftest import ROOT, running_service
from tests.gateway.conftest import PASSWORD, GatewayFactory, new_email
from tests.gateway.conftest import Browser as ApiClient


@pytest.fixture(scope="module")
def applications_site(stack: Stack, gateway_factory: GatewayFactory) -> Iterator[str]:
    token = secrets.token_urlsafe(24)
    env = {
        "DATABASE_URL": applications_database_url(stack.settings),
        "DATABASE_PASSWORD": local_secret(
            stack.settings, "applications-database-password"
        ),
        "SERVICE_TOKEN": token,
    }
    with running_service(
        "ilteo-applications-api", prefix="ILTEO_APPLICATIONS_", env=env
    ) as applications:
        wait_ready(applications)
        with gateway_factory(
            applications_url=applications,
            applications_service_token=token,
            rate_limit_requests="100000",
        ) as url:
            yield url


@pytest.fixture(scope="module")
def operator_email(redis_url: str, secret_key: str) -> str:
    """An operator, made the only way there is: by the admin command."""
    email = new_email()
    env = os.environ | {
        "ILTEO_GATEWAY_SECRET_KEY": secret_key,
        "ILTEO_GATEWAY_REDIS_URL": redis_url,
        "ILTEO_GATEWAY_ADMIN_PASSWORD": PASSWORD,
    }
    command = [str(ROOT / ".venv/bin/ilteo-gateway-admin"), "create-operator"]
    subprocess.run(
        [*command, "--email", email, "--name", "운영자"],
        env=env,
        check=True,
        capture_output=True,
    )
    return email


@pytest.fixture(scope="module")
def program_id(applications_site: str, operator_email: str) -> str:
    with ApiClient(applications_site) as operator:
        signed_in = operator.http.post(
            "/api/v1/session", json={"email": operator_email, "password": PASSWORD}
        )
        assert signed_in.status_code == 200, signed_in.text
        created = operator.http.post("/api/v1/programs", json=program_body())
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def fill_the_application(page: Page) -> None:
    page.locator("#birth_year").fill(str(datetime.now(KST).year - 25))
    page.locator("#residence").select_option("bupyeong-gu")
    page.locator("input[name=employment_status][value=unemployed]").check()
    page.locator("#answer-motivation").fill("웹 개발자로 일하고 싶습니다.")
    page.get_by_role("radio", name="웹", exact=True).check()
    page.locator("#answer-household").fill("3")


class TestApplyOnline:
    def test_apply_receipt_mine_and_the_operators_list(
        self,
        chromium: Browser,
        desktop: Page,
        applications_site: str,
        program_id: str,
        operator_email: str,
    ) -> None:
        page = desktop
        sign_up_with_the_form(page, applications_site, name="김민지", role="citizen")
        page.goto(f"{applications_site}/programs/{program_id}/apply")
        fill_the_application(page)
        screenshot(page, "apply-form")
        page.get_by_role("button", name="신청서 제출").click()
        page.locator("#confirmation").wait_for()
        receipt = page.locator("#confirmation .big-number").inner_text().strip()
        assert receipt
        screenshot(page, "apply-receipt")

        page.goto(f"{applications_site}/applications")
        mine = page.locator("#my-applications li", has_text=receipt)
        assert mine.count() == 1
        assert "청년 IT 취업 아카데미" in mine.inner_text()
        screenshot(page, "my-applications")

        operator = new_context(chromium, viewport=DESKTOP)
        staff = operator.new_page()
        staff.goto(f"{applications_site}/signin")
        staff.get_by_label("이메일").fill(operator_email)
        staff.get_by_label("비밀번호").fill(PASSWORD)
        staff.get_by_role("button", name="로그인").click()
        staff.wait_for_url(lambda url: "/signin" not in url)
        staff.goto(f"{applications_site}/operator/programs/{program_id}/applications")
        listed = staff.locator("#application-list .receipt-number").all_inner_texts()
        screenshot(staff, "operator-applications")
        operator.close()

        assert receipt in [number.strip() for number in listed]

    def test_the_form_is_accessible(
        self, chromium: Browser, applications_site: str, program_id: str
    ) -> None:
        context = new_context(chromium, viewport=DESKTOP, bypass_csp=True)
        page = context.new_page()
        sign_up_with_the_form(page, applications_site, name="이서준", role="citizen")
        page.goto(f"{applications_site}/programs/{program_id}/apply")
        empty = serious_violations(page)
        # Sent empty: the errors are listed and each field says what is missing.
        page.get_by_role("button", name="신청서 제출").click()
        page.locator("#error-summary").wait_for()
        assert page.locator("#error-summary li").count() >= 3
        refused = serious_violations(page)
        context.close()

        assert empty == []
        assert refused == []
