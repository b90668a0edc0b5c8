"""The profile, recommendation and digest pages through their forms (no scripts),
against a real recommend service over the search tests' corpus and a real SMTP
server; and the eligibility hints they bring to the search page."""

import re
import secrets
import uuid
from collections.abc import Iterator
from html import unescape
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import Browser, Page

from ilteo_stack.stack import Stack
from tests.browser.conftest import PHONE, screenshot, serious_violations, watched
from tests.conftest import free_port, wait_until
from tests.gateway.conftest import (
    PASSWORD,
    GatewayFactory,
    new_email,
    recommend_gateway,
)
from tests.gateway.page_client import PageClient, chromium, fits_a_phone
from tests.recommend.corpus import MODEL_PRESENT
from tests.recommend.digests.conftest import Inbox

pytestmark = pytest.mark.skipif(
    not MODEL_PRESENT, reason="the embedding model is not prepared"
)

BORN = 1985
WELDER_FORM = [
    ("audience", "individual"),
    ("desired_occupations", "용접원, 배관공"),
    ("skills", "CO2 용접, 특수용접"),
    ("career_years", "7"),
    ("education", "high_school"),
    ("preferred_districts", "bupyeong-gu"),
    ("preferred_districts", "seohae-gu"),
    ("residence_district", "bupyeong-gu"),
    ("employment_types", "permanent"),
    ("employment_status", "unemployed"),
    ("min_monthly_pay_krw", "2,800,000"),
    ("birth_year", str(BORN)),
    ("about", "조선소에서 7년 일했습니다."),
    ("use_behaviour_for_ranking", "on"),
]


@pytest.fixture(scope="module")
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture(scope="module")
def site(
    stack: Stack,
    corpus_alias: str,
    gateway_factory: GatewayFactory,
    smtp: tuple[Inbox, int],
) -> Iterator[str]:
    with recommend_gateway(
        stack,
        corpus_alias,
        gateway_factory,
        PUBLIC_BASE_URL="https://ilteo.example.kr",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(smtp[1]),
    ) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def citizen(site: str) -> Iterator[PageClient]:
    with PageClient(site) as client:
        client.sign_up()
        yield client


def own_profiles(client: PageClient) -> list[dict[str, Any]]:
    answer = client.get("/api/v1/profiles")
    assert answer.status_code == 200, answer.text
    profiles: list[dict[str, Any]] = answer.json()
    return profiles


def with_profile(client: PageClient, fields: list[tuple[str, str]]) -> str:
    answer = client.submit("/profile/new", "/profile/new", fields)
    assert answer.status_code == 303, answer.text
    return str(own_profiles(client)[0]["id"])


def text_of(html: str) -> str:
    """The page's text with tags dropped and spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


FEEDBACK_FORM = re.compile(
    r'<form method="post" action="(/recommendations/[^"]+/feedback)"[^>]*>(.*?)</form>',
    re.S,
)
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def feedback_form(html: str, key: str) -> tuple[str, list[tuple[str, str]]]:
    """The 관심 저장 / 추천 제외 form of the recommended item ``key``: where it posts
    and its hidden fields but the CSRF token, which the client adds."""
    for action, inner in FEEDBACK_FORM.findall(html):
        fields = [(n, unescape(v)) for n, v in HIDDEN.findall(inner)]
        if ("item_key", key) in fields:
            return unescape(action), [f for f in fields if f[0] != "csrf_token"]
    raise AssertionError(f"no feedback form for {key}")


def press(client: PageClient, page: str, key: str, action: str) -> httpx.Response:
    """Press the button ``action`` of the item ``key``'s form on ``page``."""
    form_action, fields = feedback_form(client.http.get(page).text, key)
    return client.submit(page, form_action, [*fields, ("action", action)])


def recommended(client: PageClient, profile_id: str, kind: str = "job") -> list[Any]:
    answer = client.get(
        f"/api/v1/profiles/{profile_id}/recommendations", kind=kind, size="20"
    )
    assert answer.status_code == 200, answer.text
    items: list[Any] = answer.json()["items"]
    assert items, f"the corpus has {kind} items for this profile"
    return items


def feedback_of(client: PageClient, profile_id: str) -> list[tuple[str, str]]:
    answer = client.get(f"/api/v1/profiles/{profile_id}/feedback")
    assert answer.status_code == 200, answer.text
    return [(f["item_key"], f["action"]) for f in answer.json()]


def hit_text(html: str, title: str) -> str:
    """The text of the search hit (or recommendation) with this title."""
    for block in html.split('<li class="hit">')[1:]:
        if title in block:
            return text_of(block.split("</ol>")[0])
    raise AssertionError(f"no hit titled {title}")


class TestProfileForms:
    def test_create_edit_and_delete_through_the_forms(
        self, citizen: PageClient
    ) -> None:
        empty = citizen.get("/profile")
        form = citizen.get("/profile/new", audience="individual")
        created = citizen.submit("/profile/new", "/profile/new", WELDER_FORM)
        listed = citizen.get("/profile", done="created")
        (stored,) = own_profiles(citizen)
        profile_id = stored["id"]

        edit_page = citizen.get(f"/profile/{profile_id}/edit")
        changed_form = [
            (k, "1990" if k == "birth_year" else v)
            for k, v in WELDER_FORM
            if k != "use_behaviour_for_ranking"
        ]
        updated = citizen.submit(
            f"/profile/{profile_id}/edit", f"/profile/{profile_id}/edit", changed_form
        )
        (after_edit,) = own_profiles(citizen)

        confirm = citizen.get(f"/profile/{profile_id}/delete")
        deleted = citizen.submit(
            f"/profile/{profile_id}/delete", f"/profile/{profile_id}/delete", []
        )
        gone = own_profiles(citizen)

        assert "아직 프로필이 없습니다" in empty.text
        assert form.status_code == 200
        assert '<label for="birth_year">출생연도' in form.text
        assert created.status_code == 303
        assert created.headers["location"] == "/profile?done=created"
        assert "프로필을 저장했습니다" in listed.text
        assert "개인 구직자: 용접원, 배관공, CO2 용접" in listed.text
        assert stored["desired_occupations"] == ["용접원", "배관공"]
        assert stored["preferred_districts"] == ["bupyeong-gu", "seohae-gu"]
        assert stored["min_monthly_pay_krw"] == 2_800_000
        assert stored["birth_year"] == BORN
        assert stored["use_behaviour_for_ranking"] is True

        assert 'value="용접원, 배관공"' in edit_page.text
        assert 'value="bupyeong-gu" checked' in edit_page.text
        assert updated.headers["location"] == "/profile?done=updated"
        assert after_edit["birth_year"] == 1990
        assert after_edit["use_behaviour_for_ranking"] is False
        assert after_edit["skills"] == ["CO2 용접", "특수용접"]

        assert "프로필을 삭제할까요?" in confirm.text
        assert deleted.headers["location"] == "/profile?done=deleted"
        assert gone == []

    def test_problems_are_listed_and_linked_to_their_fields(
        self, citizen: PageClient
    ) -> None:
        answer = citizen.submit(
            "/profile/new",
            "/profile/new",
            [("audience", "individual"), ("birth_year", "1800"), ("about", "")],
        )

        assert answer.status_code == 400
        assert answer.text.count('<div class="error-summary" role="alert"') == 1
        assert "<title>오류:" in answer.text
        assert 'href="#desired_occupations"' in answer.text
        assert 'href="#birth_year"' in answer.text
        assert 'id="birth_year-error"' in answer.text
        assert re.search(
            r'<input id="birth_year" name="birth_year" type="text" value="1800"'
            r' aria-describedby="birth_year-hint birth_year-error" aria-invalid="true"',
            answer.text,
        )
        assert own_profiles(citizen) == []

    def test_a_company_profile(self, citizen: PageClient) -> None:
        fields = [
            ("audience", "company"),
            ("industry", "제조업"),
            ("size", "small"),
            ("founding_year", "2022"),
            ("district", "namdong-gu"),
        ]

        answer = citizen.submit("/profile/new?audience=company", "/profile/new", fields)
        (stored,) = own_profiles(citizen)

        assert answer.status_code == 303
        assert stored["audience"] == "company"
        assert stored["district"] == "namdong-gu"

    def test_a_form_without_its_token_is_refused(self, citizen: PageClient) -> None:
        answer = citizen.http.post("/profile/new", data=dict(WELDER_FORM))

        assert answer.status_code == 403
        assert own_profiles(citizen) == []

    def test_signed_out_visitors_are_sent_to_sign_in(self, site: str) -> None:
        with PageClient(site) as visitor:
            for path in ("/profile", "/profile/new", "/recommendations", "/digests"):
                answer = visitor.get(path)

                assert answer.status_code == 303, path
                assert answer.headers["location"] == "/signin"

    def test_another_accounts_profile_is_not_found(self, site: str) -> None:
        with PageClient(site) as owner, PageClient(site) as other:
            owner.sign_up()
            other.sign_up()
            profile_id = with_profile(owner, WELDER_FORM)

            seen = other.get(f"/profile/{profile_id}/edit")
            erased = other.submit("/profile", f"/profile/{profile_id}/delete", [])
            still = own_profiles(owner)

        assert seen.status_code == 404
        assert erased.status_code == 404
        assert [p["id"] for p in still] == [profile_id]


class TestRecommendationsPage:
    def test_items_with_their_reasons_and_links(self, citizen: PageClient) -> None:
        profile_id = with_profile(citizen, WELDER_FORM)
        expected = citizen.get(
            f"/api/v1/profiles/{profile_id}/recommendations", kind="job", size="20"
        ).json()["items"]

        answer = citizen.get("/recommendations", kind="job")

        assert answer.status_code == 200
        assert expected, "the corpus has welding jobs for this profile"
        first = expected[0]
        assert f'href="/items/{first["key"].replace(":", "%3A")}"' in answer.text
        shown = hit_text(answer.text, first["title"])
        assert f"추천 이유: {first['reason']}" in shown
        assert answer.text.count('<li class="hit">') == len(expected)
        assert 'aria-current="page">채용' in answer.text

    def test_each_kind_has_its_tab(self, citizen: PageClient) -> None:
        with_profile(citizen, WELDER_FORM)

        training = citizen.get("/recommendations", kind="training")
        policy = citizen.get("/recommendations", kind="policy")

        assert training.status_code == 200
        assert 'aria-current="page">직업훈련' in training.text
        assert policy.status_code == 200
        assert 'aria-current="page">정책' in policy.text

    def test_without_a_profile_it_asks_for_one(self, citizen: PageClient) -> None:
        answer = citizen.get("/recommendations")

        assert "먼저 프로필을 만들어 주세요" in answer.text


WITHOUT_CONSENT = [(k, v) for k, v in WELDER_FORM if k != "use_behaviour_for_ranking"]


class TestRecommendationFeedback:
    def test_a_dismissed_item_leaves_the_list(self, citizen: PageClient) -> None:
        profile_id = with_profile(citizen, WELDER_FORM)
        first = recommended(citizen, profile_id)[0]
        shown = citizen.get("/recommendations", kind="job")
        action, fields = feedback_form(shown.text, first["key"])

        answer = citizen.submit(
            "/recommendations?kind=job", action, [*fields, ("action", "dismiss")]
        )
        after = citizen.http.get(answer.headers["location"])
        keys_after = [r["key"] for r in recommended(citizen, profile_id)]

        link = f'href="/items/{first["key"].replace(":", "%3A")}"'
        assert link in shown.text
        # The buttons' names carry the title (visually hidden after a colon).
        assert f"추천 제외 : {first['title']}" in hit_text(shown.text, first["title"])
        assert answer.status_code == 303
        assert answer.headers["location"].startswith(
            f"/recommendations?profile={profile_id}&kind=job&done=dismissed&item="
        )
        assert after.status_code == 200
        assert link not in after.text
        assert first["key"] not in keys_after
        notice = text_of(after.text.split('<div class="notice" role="status">')[1])
        assert notice.startswith(f"'{first['title']}'을(를) 추천에서 제외했습니다.")
        assert feedback_of(citizen, profile_id) == [(first["key"], "dismiss")]

    def test_a_dismissal_is_undone_from_its_notice(self, citizen: PageClient) -> None:
        profile_id = with_profile(citizen, WELDER_FORM)
        first = recommended(citizen, profile_id)[0]
        dismissed = press(citizen, "/recommendations?kind=job", first["key"], "dismiss")
        notice = citizen.http.get(dismissed.headers["location"])

        answer = press(
            citizen, dismissed.headers["location"], first["key"], "undismiss"
        )
        after = citizen.http.get(answer.headers["location"])

        assert "되돌리기" in text_of(notice.text.split('role="status">')[1])
        assert answer.status_code == 303
        assert "done=restored" in answer.headers["location"]
        assert f"'{first['title']}'의 추천 제외를 취소했습니다." in text_of(after.text)
        assert first["key"] in [r["key"] for r in recommended(citizen, profile_id)]
        assert feedback_of(citizen, profile_id) == []

    def test_a_save_is_taken_back(self, citizen: PageClient) -> None:
        profile_id = with_profile(citizen, WELDER_FORM)
        first = recommended(citizen, profile_id)[0]
        saved = press(citizen, "/recommendations?kind=job", first["key"], "save")
        marked = citizen.http.get(saved.headers["location"])

        answer = press(citizen, saved.headers["location"], first["key"], "unsave")
        after = citizen.http.get(answer.headers["location"])

        assert "저장 취소 : " + first["title"] in hit_text(marked.text, first["title"])
        assert answer.status_code == 303
        assert "done=unsaved" in answer.headers["location"]
        assert f"'{first['title']}'을(를) 관심 목록에서 뺐습니다." in text_of(
            after.text
        )
        assert "관심 저장됨" not in hit_text(after.text, first["title"])
        assert feedback_of(citizen, profile_id) == []

    @pytest.mark.parametrize("consented", [True, False])
    def test_a_save_is_recorded_and_marked(
        self, citizen: PageClient, consented: bool
    ) -> None:
        form = WELDER_FORM if consented else WITHOUT_CONSENT
        profile_id = with_profile(citizen, form)
        first = recommended(citizen, profile_id, "training")[0]
        shown = citizen.get("/recommendations", kind="training")
        action, fields = feedback_form(shown.text, first["key"])

        answer = citizen.submit(
            "/recommendations?kind=training", action, [*fields, ("action", "save")]
        )
        after = citizen.http.get(answer.headers["location"])

        assert ("kind", "training") in fields
        assert answer.status_code == 303
        assert "kind=training&done=saved" in answer.headers["location"]
        assert feedback_of(citizen, profile_id) == [(first["key"], "save")]
        assert f"'{first['title']}'을(를) 관심 목록에 저장했습니다." in text_of(
            after.text
        )
        assert "관심 저장됨" in hit_text(after.text, first["title"])
        consent = f'href="/profile/{profile_id}/edit#use_behaviour_for_ranking"'
        assert (consent in after.text) is not consented
        assert ("동의해야 추천 순서에 반영됩니다" in after.text) is not consented

    def test_a_suggested_course_has_the_buttons_too(self, citizen: PageClient) -> None:
        newcomer = [
            ("audience", "individual"),
            ("desired_occupations", "지게차 운전원"),
            ("career_years", "0"),
        ]
        with_profile(citizen, newcomer)
        shown = citizen.get("/recommendations", kind="job")
        gaps = shown.text.split("더 배우면 좋은 분야")[1]
        action, fields = feedback_form(gaps, "hrd:C2005-1")

        answer = citizen.submit(
            "/recommendations?kind=job", action, [*fields, ("action", "dismiss")]
        )
        after = citizen.http.get(answer.headers["location"])

        assert ("kind", "job") in fields
        assert answer.status_code == 303
        below_notice = after.text.split('role="status">')[1].split("</div>", 1)[1]
        assert 'value="hrd:C2005-1"' not in below_notice
        assert 'href="/items/hrd%3AC2005-1"' not in below_notice
        assert "추천에서 제외했습니다" in text_of(after.text)

    def test_the_english_page_has_the_buttons_too(self, citizen: PageClient) -> None:
        profile_id = with_profile(citizen, WELDER_FORM)
        first = recommended(citizen, profile_id)[0]

        answer = citizen.get("/recommendations", kind="job", lang="en")

        shown = hit_text(answer.text, first["title"])
        assert f"Save : {first['title']}" in shown
        assert f"Not for me : {first['title']}" in shown

    def test_a_form_without_its_token_is_refused(self, citizen: PageClient) -> None:
        profile_id = with_profile(citizen, WELDER_FORM)
        first = recommended(citizen, profile_id)[0]
        fields = {"item_key": first["key"], "action": "dismiss", "kind": "job"}

        missing = citizen.http.post(
            f"/recommendations/{profile_id}/feedback", data=fields
        )
        wrong = citizen.http.post(
            f"/recommendations/{profile_id}/feedback",
            data=fields | {"csrf_token": "not-the-token"},
        )

        assert missing.status_code == 403
        assert wrong.status_code == 403
        assert feedback_of(citizen, profile_id) == []

    @pytest.mark.parametrize("action", ["applied", "like", ""])
    def test_only_save_and_dismiss_are_taken(
        self, citizen: PageClient, action: str
    ) -> None:
        profile_id = with_profile(citizen, WELDER_FORM)
        first = recommended(citizen, profile_id)[0]

        answer = citizen.submit(
            "/recommendations",
            f"/recommendations/{profile_id}/feedback",
            [("item_key", first["key"]), ("action", action)],
        )

        assert answer.status_code == 400
        assert "관심 저장이나 추천 제외, 또는 그 취소만 할 수 있습니다" in answer.text
        assert feedback_of(citizen, profile_id) == []

    def test_a_bad_item_key_is_refused_in_korean(self, citizen: PageClient) -> None:
        profile_id = with_profile(citizen, WELDER_FORM)
        action = f"/recommendations/{profile_id}/feedback"

        malformed = citizen.submit(
            "/recommendations", action, [("item_key", "no key"), ("action", "save")]
        )
        unknown = citizen.submit(
            "/recommendations",
            action,
            [("item_key", "work24:NOPE0000"), ("action", "dismiss")],
        )

        assert malformed.status_code == 400
        assert "추천 항목을 찾을 수 없습니다" in malformed.text
        assert unknown.status_code == 400
        assert "그런 항목이 없습니다: work24:NOPE0000" in unknown.text
        assert "<h1>문제가 생겼습니다</h1>" in unknown.text
        assert feedback_of(citizen, profile_id) == []

    def test_an_unknown_or_anothers_profile_is_not_found(self, site: str) -> None:
        with PageClient(site) as owner, PageClient(site) as other:
            owner.sign_up()
            other.sign_up()
            profile_id = with_profile(owner, WELDER_FORM)
            key = recommended(owner, profile_id)[0]["key"]
            fields = [("item_key", key), ("action", "dismiss")]

            theirs = other.submit(
                "/recommendations", f"/recommendations/{profile_id}/feedback", fields
            )
            nobodys = other.submit(
                "/recommendations", f"/recommendations/{uuid.uuid4()}/feedback", fields
            )
            not_an_id = other.submit(
                "/recommendations", "/recommendations/abc/feedback", fields
            )
            untouched = feedback_of(owner, profile_id)

        for answer in (theirs, nobodys, not_an_id):
            assert answer.status_code == 404
            assert "프로필을 찾을 수 없습니다" in answer.text
        assert untouched == []


class TestDigestForms:
    def test_subscribe_then_check_the_mailbox_then_change(
        self, citizen: PageClient, smtp: tuple[Inbox, int]
    ) -> None:
        inbox = smtp[0]
        profile_id = with_profile(citizen, WELDER_FORM)
        address = f"reader-{secrets.token_hex(4)}@example.kr"

        subscribed = citizen.submit(
            "/digests",
            "/digests",
            [
                ("profile_id", profile_id),
                ("email", address),
                ("period", "weekly"),
                ("kinds", "job"),
                ("kinds", "training"),
            ],
        )
        shown = citizen.get("/digests", done="sent")
        wait_until(
            lambda: bool(inbox.to(address)), timeout_s=30, message="the mail arrives"
        )
        (subscription,) = citizen.get("/api/v1/subscriptions").json()
        changed = citizen.submit(
            "/digests",
            f"/digests/{subscription['id']}",
            [("period", "daily"), ("kinds", "policy")],
        )
        (after,) = citizen.get("/api/v1/subscriptions").json()

        assert subscribed.status_code == 303
        assert subscribed.headers["location"] == "/digests?done=sent"
        assert "메일함을 확인해 주세요" in shown.text
        assert 'role="status"' in shown.text
        assert "확인 대기" in shown.text
        assert address in shown.text
        assert subscription["kinds"] == ["job", "training"]
        assert subscription["status"] == "pending"
        assert changed.headers["location"] == "/digests?done=changed"
        assert (after["period"], after["kinds"]) == ("daily", ["policy"])

    def test_a_wrong_address_is_explained(self, citizen: PageClient) -> None:
        profile_id = with_profile(citizen, WELDER_FORM)

        answer = citizen.submit(
            "/digests",
            "/digests",
            [("profile_id", profile_id), ("email", "not-an-address"), ("period", "x")],
        )

        assert answer.status_code == 400
        assert 'href="#email"' in answer.text
        assert 'href="#period"' in answer.text
        assert 'href="#kinds"' in answer.text
        assert "이메일 주소 형식이 맞지 않습니다" in answer.text
        assert citizen.get("/api/v1/subscriptions").json() == []


class TestEligibilityHints:
    def test_policies_show_which_conditions_the_profile_meets(
        self, citizen: PageClient
    ) -> None:
        with_profile(citizen, WELDER_FORM)

        answer = citizen.get("/", kind="policy")

        rent = hit_text(answer.text, "인천 청년 월세 지원")
        assert "나이 만 19~39세: 미충족" in rent
        assert "거주지 인천: 충족" in rent
        allowance = hit_text(answer.text, "청년 구직활동 지원금")
        assert "대상 미취업: 충족" in allowance
        assert "'개인 구직자: 용접원, 배관공, CO2 용접' 프로필로 확인했습니다" in (
            text_of(answer.text)
        )

    def test_programs_too(self, citizen: PageClient) -> None:
        with_profile(citizen, WELDER_FORM)

        answer = citizen.get("/", kind="program")

        middle_aged = hit_text(answer.text, "중장년 재취업 지원 프로그램")
        assert "나이 만 40세 이상: 충족" in middle_aged
        for_companies = hit_text(answer.text, "청년 일자리 도약 장려금")
        assert "대상 기업: 미충족" in for_companies

    def test_a_missing_birth_year_is_to_check(self, citizen: PageClient) -> None:
        fields = [(k, v) for k, v in WELDER_FORM if k != "birth_year"]
        with_profile(citizen, fields)

        answer = citizen.get("/", kind="policy")

        rent = hit_text(answer.text, "인천 청년 월세 지원")
        assert "나이 만 19~39세: 확인 필요" in rent
        assert "프로필에 출생연도를 넣으면 확인됩니다" in rent

    def test_training_says_why_there_are_no_hints(self, citizen: PageClient) -> None:
        with_profile(citizen, WELDER_FORM)

        answer = citizen.get("/", kind="training")

        assert "자동으로 확인할 수 없습니다" in answer.text
        assert '<ul class="elig"' not in answer.text

    def test_anonymous_visitors_are_offered_hints(self, site: str) -> None:
        answer = httpx.get(f"{site}/", params={"kind": "policy"}, timeout=30)

        assert answer.status_code == 200
        assert "로그인하고 프로필을 만들면" in answer.text
        assert '<ul class="elig"' not in answer.text


def sign_up_in(page: Page, site: str) -> None:
    page.goto(f"{site}/signup")
    page.fill("#email", new_email())
    page.fill("#password", PASSWORD)
    page.fill("#name", "김인천")
    page.click("form.stack button[type=submit]")
    page.wait_for_url(f"{site}/")


class TestInABrowser:
    def test_the_pages_are_accessible_on_a_phone(
        self, browser: Browser, site: str
    ) -> None:
        # axe is injected as an inline script, which the page's own CSP refuses.
        context = browser.new_context(viewport=PHONE, bypass_csp=True)
        page = context.new_page()
        sign_up_in(page, site)
        findings = {}
        page.goto(f"{site}/profile/new")
        page.click("form.form button[type=submit]")
        findings["/profile/new (problems)"] = (
            serious_violations(page),
            fits_a_phone(page),
        )
        screenshot(page, "citizen-profile-problems")
        page.fill("#desired_occupations", "용접원")
        page.fill("#birth_year", "1985")
        page.check("#preferred_districts")
        page.select_option("#residence_district", "bupyeong-gu")
        page.click("form.form button[type=submit]")
        page.wait_for_url(f"{site}/profile?done=created")
        for path in (
            "/profile?done=created",
            "/recommendations?kind=job",
            "/recommendations?kind=policy&lang=en",
            "/digests",
            "/?kind=policy",
            "/?kind=program&lang=en",
        ):
            page.goto(site + path)
            findings[path] = (serious_violations(page), fits_a_phone(page))
            screenshot(page, "citizen" + re.sub(r"\W+", "-", path))
        context.close()

        assert findings == {path: ([], True) for path in findings}

    def test_a_form_with_problems_by_keyboard(
        self, browser: Browser, site: str
    ) -> None:
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        problems = watched(page)
        sign_up_in(page, site)
        page.goto(f"{site}/profile/new")
        page.focus("#birth_year")
        page.keyboard.type("1800")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        focused = page.evaluate("document.activeElement.className")
        page.keyboard.press("Tab")
        first_link = page.evaluate("document.activeElement.getAttribute('href')")
        page.keyboard.press("Tab")
        second_link = page.evaluate("document.activeElement.getAttribute('href')")
        context.close()

        assert focused == "error-summary"
        assert (first_link, second_link) == ("#desired_occupations", "#birth_year")
        # The page with the problems is answered 400, which chromium logs.
        assert [p for p in problems if "status of 400" not in p] == []
