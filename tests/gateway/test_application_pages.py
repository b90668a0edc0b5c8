"""The online application pages as a browser without scripts uses them: forms read
from each page (with their CSRF token and idempotency key) and posted back, to a
gateway in front of a real applications service on PostgreSQL."""

import os
import re
import secrets
import subprocess
import uuid
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import httpx
import pytest
from parsel import Selector
from redis import Redis

from ilteo_stack.components import applications_database_url, local_secret
from ilteo_stack.stack import Stack
from tests.applications.conftest import wait_ready
from tests.conftest import ROOT, running_service
from tests.gateway.conftest import PASSWORD, GatewayFactory, new_email

TOKEN = secrets.token_urlsafe(24)
REDIS_DB = 10  # the shared gateway database (11) is flushed by each test session
KST = ZoneInfo("Asia/Seoul")
RECEIPT = re.compile(r"ILT-\d{4}-\d{6}")
Fields = Mapping[str, str | list[str]]


class Visitor:
    """A browser without scripts: keeps cookies, reads a page's form and sends it
    with every field the page filled in, changed where the test types."""

    def __init__(self, base_url: str) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=30)

    def close(self) -> None:
        self.http.close()

    def get(self, path: str) -> httpx.Response:
        return self.http.get(path)

    def fields(self, page: httpx.Response, action: str) -> list[tuple[str, str]]:
        forms = Selector(text=page.text).css(f'form[action="{action}"]')
        assert forms, f"no form posting to {action} on {page.url}"
        pairs = []
        for control in forms[0].css("input, select, textarea"):
            name = control.attrib.get("name")
            kind = control.attrib.get("type", "text")
            if not name or kind in ("submit", "button"):
                continue
            if control.root.tag == "select":
                chosen = control.css("option[selected]") or control.css("option")[:1]
                pairs += [(name, chosen[0].attrib.get("value", ""))] if chosen else []
            elif control.root.tag == "textarea":
                pairs.append((name, "".join(control.css("::text").getall())))
            elif kind in ("checkbox", "radio"):
                if "checked" in control.attrib:
                    pairs.append((name, control.attrib.get("value", "on")))
            else:
                pairs.append((name, control.attrib.get("value", "")))
        return pairs

    def submit(
        self, page: httpx.Response, action: str, typed: Fields | None = None
    ) -> httpx.Response:
        return self.http.post(action, data=filled(self.fields(page, action), typed))

    def sign_in(self, email: str, *, next_path: str | None = None) -> httpx.Response:
        page = self.get("/signin" + (f"?next={next_path}" if next_path else ""))
        return self.submit(page, "/signin", {"email": email, "password": PASSWORD})


def filled(pairs: list[tuple[str, str]], typed: Fields | None) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    for name, typed_value in (typed or {}).items():
        data[name] = typed_value if isinstance(typed_value, list) else [typed_value]
    return data


def location(response: httpx.Response) -> str:
    assert response.status_code == 303, (response.status_code, response.text[:2000])
    return response.headers["Location"]


def page_of(response: httpx.Response) -> Selector:
    return Selector(text=response.text)


def summary_links(response: httpx.Response) -> dict[str, str]:
    """The error summary: the field each message points to -> the message."""
    links = page_of(response).css("#error-summary a")
    return {a.attrib["href"]: "".join(a.css("::text").getall()) for a in links}


# Fixtures: the service, a gateway, an operator, citizens -------------------------


@pytest.fixture(scope="module")
def pages_redis_url(stack: Stack) -> str:
    """Sessions of this module's gateway in a Redis database of their own."""
    url = stack.settings.redis_url(REDIS_DB)
    with Redis.from_url(url) as client:
        client.flushdb()
    return url


@pytest.fixture(scope="module")
def site(
    stack: Stack, gateway_factory: GatewayFactory, pages_redis_url: str
) -> Iterator[str]:
    env = {
        "DATABASE_URL": applications_database_url(stack.settings),
        "DATABASE_PASSWORD": local_secret(
            stack.settings, "applications-database-password"
        ),
        "SERVICE_TOKEN": TOKEN,
    }
    with running_service(
        "ilteo-applications-api", prefix="ILTEO_APPLICATIONS_", env=env
    ) as applications:
        wait_ready(applications)
        with gateway_factory(
            applications_url=applications,
            applications_service_token=TOKEN,
            rate_limit_requests="100000",
            redis_url=pages_redis_url,
        ) as url:
            yield url


@pytest.fixture(scope="module")
def operator(site: str, pages_redis_url: str, secret_key: str) -> Iterator[Visitor]:
    email = new_email()
    env = os.environ | {
        "ILTEO_GATEWAY_SECRET_KEY": secret_key,
        "ILTEO_GATEWAY_REDIS_URL": pages_redis_url,
        "ILTEO_GATEWAY_ADMIN_PASSWORD": PASSWORD,
    }
    command = [str(ROOT / ".venv/bin/ilteo-gateway-admin"), "create-operator"]
    subprocess.run(
        [*command, "--email", email, "--name", "운영자"],
        env=env,
        check=True,
        capture_output=True,
    )
    visitor = Visitor(site)
    assert location(visitor.sign_in(email)) == "/"
    yield visitor
    visitor.close()


def sign_up(site: str, *, role: str = "citizen") -> tuple[Visitor, str]:
    """A new account made on the sign-up page, signed in."""
    visitor = Visitor(site)
    email = new_email()
    typed = {"email": email, "password": PASSWORD, "name": "김인천", "role": role}
    location(visitor.submit(visitor.get("/signup"), "/signup", typed))
    return visitor, email


@pytest.fixture
def citizen(site: str) -> Iterator[Visitor]:
    visitor, _email = sign_up(site)
    yield visitor
    visitor.close()


@pytest.fixture
def other_citizen(site: str) -> Iterator[Visitor]:
    visitor, _email = sign_up(site)
    yield visitor
    visitor.close()


def local(moment: datetime) -> str:
    return moment.astimezone(KST).strftime("%Y-%m-%dT%H:%M")


def program_form(**typed: str | list[str]) -> dict[str, str | list[str]]:
    """A youth program open now, with a text, a choice and a yes/no question."""
    now = datetime.now(KST)
    fields: dict[str, str | list[str]] = {
        "title": f"청년 IT 취업 아카데미 {uuid.uuid4().hex[:6]}",
        "description": "웹 개발 실무 과정입니다.\n수료 후 취업을 연계합니다.",
        # Older than the other gateway tests' programs, which look for theirs on
        # the list's first page (newest period first).
        "starts_at": local(now - timedelta(days=2)),
        "ends_at": local(now + timedelta(days=30)),
        "capacity": "2",
        "when_full": "waitlist",
        "age_min": "19",
        "age_max": "39",
        "residence": ["incheon"],
        "employment": ["unemployed", "student"],
        "q1_label": "지원 동기",
        "q1_type": "text",
        "q2_label": "희망 과정",
        "q2_type": "choice",
        "q2_options": "웹\n데이터",
        "q3_label": "인천에 1년 이상 살았습니까?",
        "q3_type": "yes_no",
    }
    return fields | typed


@dataclass
class Program:
    id: str
    title: str


def publish(operator: Visitor, **typed: str | list[str]) -> Program:
    fields = program_form(**typed)
    form = operator.get("/operator/programs/new")
    to = location(operator.submit(form, "/operator/programs", fields))
    match = re.fullmatch(
        r"/operator/programs/([0-9a-f-]{36})/applications\?published=1", to
    )
    assert match, to
    return Program(id=match.group(1), title=str(fields["title"]))


def answers(**typed: str) -> dict[str, str | list[str]]:
    this_year = datetime.now(KST).year
    fields: dict[str, str | list[str]] = {
        "birth_year": str(this_year - 25),
        "residence": "bupyeong-gu",
        "employment_status": "unemployed",
        "answer-q1": "웹 개발자로 일하고 싶습니다.",
        "answer-q2": "웹",
        "answer-q3": "yes",
    }
    return fields | typed


def apply(citizen: Visitor, program: Program, **typed: str) -> httpx.Response:
    form = citizen.get(f"/programs/{program.id}/apply")
    assert form.status_code == 200, form.text[:2000]
    return citizen.submit(form, f"/programs/{program.id}/apply", answers(**typed))


def applied(citizen: Visitor, program: Program, **typed: str) -> str:
    """Applies and returns the application's id from the receipt's address."""
    to = location(apply(citizen, program, **typed))
    match = re.fullmatch(r"/applications/([0-9a-f-]{36})\?received=1", to)
    assert match, to
    return match.group(1)


def listed_card(visitor: Visitor, title: str) -> str:
    """The card of a program on the public list, found by following its pages."""
    page = visitor.get("/programs")
    for _ in range(50):
        for card in page_of(page).css("#program-list > li"):
            if card.css("h2 a::text").get() == title:
                return "".join(card.css("::text").getall())
        following = page_of(page).css('nav.pager a[rel="next"]::attr(href)').get()
        assert following, f"{title} is not on the list"
        page = visitor.get(following)
    raise AssertionError(f"{title} is not on the first 50 pages")


def decide(
    operator: Visitor, program: Program, application_id: str, **typed: str
) -> httpx.Response:
    listing = operator.get(f"/operator/programs/{program.id}/applications")
    action = f"/operator/applications/{application_id}/status"
    return operator.submit(listing, action, typed)


# The whole way ---------------------------------------------------------------------


class TestPublishApplyDecide:
    def test_from_publishing_to_a_decision_the_citizen_sees(
        self, site: str, operator: Visitor
    ) -> None:
        program = publish(operator)
        published = operator.get(
            f"/operator/programs/{program.id}/applications?published=1"
        )
        anyone = Visitor(site)
        card = listed_card(anyone, program.title)
        anyone.close()

        visitor, email = sign_up(site)
        visitor.http.post(
            "/signout", data={"csrf_token": visitor.http.cookies["ilteo_csrf"]}
        )
        sent_away = visitor.get(f"/programs/{program.id}/apply")
        back = visitor.sign_in(email, next_path=f"/programs/{program.id}/apply")
        application_id = applied(visitor, program)
        receipt = visitor.get(f"/applications/{application_id}?received=1")
        receipt_number = page_of(receipt).css("#receipt-number::text").get()
        mine = visitor.get("/applications")
        seats = visitor.get(f"/programs/{program.id}")

        reviewing = decide(operator, program, application_id, status="under_review")
        after_review = operator.get(location(reviewing))
        accepting = decide(
            operator, program, application_id, status="accepted", note="서류 심사 통과"
        )
        location(accepting)
        decided = visitor.get(f"/applications/{application_id}")
        visitor.close()

        assert "프로그램을 게시했습니다" in published.text
        assert "2명 (남은 자리 2명)" in card
        assert "나이 19~39세" in card
        assert location(sent_away) == (
            f"/signin?next=%2Fprograms%2F{program.id}%2Fapply"
        )
        assert location(back) == f"/programs/{program.id}/apply"
        assert receipt.status_code == 200
        assert "신청이 접수되었습니다" in receipt.text
        assert receipt_number
        assert RECEIPT.fullmatch(receipt_number)
        assert receipt_number in mine.text
        assert program.title in mine.text
        assert "남은 자리 1명" in seats.text
        notice = "".join(page_of(after_review).css("#status-message ::text").getall())
        assert (
            f"접수번호 {receipt_number}의 상태를 '검토 중'(으)로 바꿨습니다" in notice
        )
        status = page_of(decided).css("#application-status ::text").getall()
        assert "".join(status).strip() == "선정"
        assert "서류 심사 통과" in decided.text
        history = page_of(decided).css("#application-history .status::text").getall()
        assert history == ["접수", "검토 중", "선정"]

    def test_a_citizen_withdraws_and_may_apply_again(
        self, operator: Visitor, citizen: Visitor
    ) -> None:
        program = publish(operator)
        first = applied(citizen, program)

        confirm = citizen.get(f"/applications/{first}/cancel")
        withdrawn = citizen.submit(
            confirm, f"/applications/{first}/cancel", {"note": "일정이 맞지 않음"}
        )
        after = citizen.get(location(withdrawn))
        again = applied(citizen, program)

        assert location(withdrawn) == f"/applications/{first}?cancelled=1"
        assert "신청 취소" in page_of(after).css("#application-status ::text").get("")
        assert page_of(after).css("#cancel-link") == []
        assert again != first

    def test_a_double_submit_makes_one_application(
        self, operator: Visitor, citizen: Visitor
    ) -> None:
        program = publish(operator)
        form = citizen.get(f"/programs/{program.id}/apply")
        data = filled(citizen.fields(form, f"/programs/{program.id}/apply"), answers())
        action = f"/programs/{program.id}/apply"

        first = citizen.http.post(action, data=data)
        second = citizen.http.post(action, data=data)
        with ThreadPoolExecutor(max_workers=2) as pool:
            raced = list(pool.map(lambda _: citizen.http.post(action, data=data), "ab"))
        listing = operator.get(f"/operator/programs/{program.id}/applications")

        assert len({location(r) for r in (first, second, *raced)}) == 1
        assert len(page_of(listing).css("#application-list > li")) == 1
        assert "신청 1건" in listing.text

    def test_a_full_program_puts_the_next_citizen_on_the_waiting_list(
        self, site: str, operator: Visitor
    ) -> None:
        program = publish(operator, capacity="1")
        holders = [sign_up(site)[0] for _ in range(2)]
        first, second = (applied(visitor, program) for visitor in holders)
        waiting = holders[1].get(f"/applications/{second}")
        public = holders[1].get(f"/programs/{program.id}")

        decide(operator, program, first, status="under_review")
        refused = decide(operator, program, second, status="accepted")
        for visitor in holders:
            visitor.close()

        assert "대기" in page_of(waiting).css("#application-status ::text").get("")
        assert "정원 마감, 대기 신청 가능" in public.text
        assert refused.status_code == 409
        assert "정원(1명)이 모두 찼습니다" in "".join(
            page_of(refused).css("#error-summary ::text").getall()
        )
        assert f"#status-{second}" in summary_links(refused)


# Mistakes are named beside their fields ----------------------------------------


class TestApplicationFormMistakes:
    def test_each_missing_answer_is_listed_and_linked(
        self, operator: Visitor, citizen: Visitor
    ) -> None:
        program = publish(operator)
        empty = {name: "" for name in answers()}

        shown = apply(citizen, program, **empty)
        page = page_of(shown)

        assert shown.status_code == 400
        assert shown.text.count('role="alert"') == 1
        assert page.css("title::text").get("").startswith("오류:")
        assert set(summary_links(shown)) == {
            "#birth_year",
            "#residence",
            "#employment_status-unemployed",
            "#answer-q1",
            "#answer-q2-1",
            "#answer-q3-1",
        }
        assert summary_links(shown)["#answer-q1"] == "'지원 동기'에 답해 주세요."
        birth_year = page.css("#birth_year")[0].attrib
        assert birth_year["aria-invalid"] == "true"
        assert "birth_year-error" in birth_year["aria-describedby"].split()
        assert page.css("#birth_year-error::text").get() == "출생연도를 적어 주세요."

    def test_a_form_shown_again_keeps_the_answers_and_its_key(
        self, operator: Visitor, citizen: Visitor
    ) -> None:
        program = publish(operator)
        form = citizen.get(f"/programs/{program.id}/apply")
        action = f"/programs/{program.id}/apply"
        key = dict(citizen.fields(form, action))["idempotency_key"]

        shown = citizen.submit(form, action, answers(birth_year="98"))
        again = dict(citizen.fields(shown, action))
        born = str(datetime.now(KST).year - 28)
        fixed = citizen.submit(shown, action, {"birth_year": born})

        assert shown.status_code == 400
        assert "1998처럼 네 자리 숫자로" in shown.text
        assert again["idempotency_key"] == key
        assert again["answer-q1"] == "웹 개발자로 일하고 싶습니다."
        assert again["answer-q2"] == "웹"
        assert again["residence"] == "bupyeong-gu"
        assert location(fixed).startswith("/applications/")

    def test_the_services_eligibility_reason_is_shown_at_the_field(
        self, operator: Visitor, citizen: Visitor
    ) -> None:
        program = publish(operator)
        too_old = str(datetime.now(KST).year - 60)

        shown = apply(citizen, program, birth_year=too_old, residence="outside")

        assert shown.status_code == 400
        links = summary_links(shown)
        assert "나이 조건(19~39세)에 맞지 않습니다" in links["#birth_year"]
        assert "거주지 조건(인천광역시)에 맞지 않습니다" in links["#residence"]
        assert "/" not in links["#birth_year"]  # Korean only, not "한국어 / English"

    def test_english_pages_explain_in_english(
        self, operator: Visitor, citizen: Visitor
    ) -> None:
        program = publish(operator)
        citizen.get("/programs?lang=en")

        shown = apply(citizen, program, **{"answer-q2": "", "birth_year": "1800"})

        assert shown.status_code == 400
        assert 'lang="en"' in shown.text
        links = summary_links(shown)
        assert links["#answer-q2-1"] == "Choose one answer for '희망 과정'."
        assert "between 1900 and" in links["#birth_year"]

    def test_an_employer_is_refused_the_form(
        self, site: str, operator: Visitor
    ) -> None:
        program = publish(operator)
        employer, _email = sign_up(site, role="employer")

        shown = employer.get(f"/programs/{program.id}/apply")
        employer.close()

        assert shown.status_code == 403
        assert "개인(구직자) 계정" in shown.text

    def test_without_the_csrf_token_nothing_is_stored(
        self, operator: Visitor, citizen: Visitor
    ) -> None:
        program = publish(operator)
        form = citizen.get(f"/programs/{program.id}/apply")
        action = f"/programs/{program.id}/apply"
        data = filled(citizen.fields(form, action), answers())
        del data["csrf_token"]

        refused = citizen.http.post(action, data=data)
        mine = citizen.get("/applications")

        assert refused.status_code == 403
        assert page_of(mine).css("#my-applications > li") == []


class TestProgramFormMistakes:
    def test_mistakes_are_named_and_the_form_keeps_what_was_typed(
        self, operator: Visitor
    ) -> None:
        now = datetime.now(KST)
        typed = program_form(
            title="",
            starts_at=local(now + timedelta(days=2)),
            ends_at=local(now + timedelta(days=1)),
            capacity="0",
            q2_options="웹",
            age_min="40",
            age_max="30",
        )
        form = operator.get("/operator/programs/new")

        shown = operator.submit(form, "/operator/programs", typed)
        kept = dict(operator.fields(shown, "/operator/programs"))

        assert shown.status_code == 400
        assert set(summary_links(shown)) == {
            "#title",
            "#ends_at",
            "#capacity",
            "#age_max",
            "#q2_options",
        }
        assert "접수 마감은 접수 시작보다 뒤여야 합니다." in shown.text
        assert "질문 2의 보기를 두 개 이상" in shown.text
        assert kept["q1_label"] == "지원 동기"
        assert kept["q2_type"] == "choice"
        assert kept["description"] == typed["description"]

    def test_another_question_row_is_one_round_trip(self, operator: Visitor) -> None:
        form = operator.get("/operator/programs/new")
        typed = program_form() | {"add_question": "1"}

        shown = operator.submit(form, "/operator/programs", typed)
        page = page_of(shown)

        assert shown.status_code == 200
        assert page.css("#q4_label").attrib.get("autofocus") is not None
        assert page.css("#q4_required").attrib.get("checked") is not None
        assert page.css("#q1_label").attrib["value"] == "지원 동기"
        assert page.css("#error-summary") == []

    def test_a_decision_the_form_does_not_offer_is_refused(
        self, operator: Visitor, citizen: Visitor
    ) -> None:
        program = publish(operator)
        application_id = applied(citizen, program)

        shown = decide(operator, program, application_id, status="accepted")

        assert shown.status_code == 400
        assert f"#status-{application_id}" in summary_links(shown)
        status = citizen.get(f"/applications/{application_id}")
        assert "접수" in page_of(status).css("#application-status ::text").get("")


# Who may see what --------------------------------------------------------------


class TestWhoMaySeeWhat:
    @pytest.mark.parametrize(
        "path",
        ["/applications", "/operator/programs", "/operator/programs/new"],
    )
    def test_a_signed_out_visitor_is_sent_to_sign_in(
        self, site: str, path: str
    ) -> None:
        visitor = Visitor(site)
        sent = visitor.get(path)
        visitor.close()

        to = urlsplit(location(sent))
        assert to.path == "/signin"
        assert parse_qs(to.query)["next"] == [path]

    def test_programs_are_public(self, site: str, operator: Visitor) -> None:
        program = publish(operator)
        visitor = Visitor(site)
        listed = visitor.get("/programs")
        one = visitor.get(f"/programs/{program.id}")
        visitor.close()

        assert listed.status_code == 200
        assert one.status_code == 200
        assert page_of(one).css("#apply-link").attrib["href"] == (
            f"/programs/{program.id}/apply"
        )

    def test_another_citizens_application_is_not_found(
        self, operator: Visitor, citizen: Visitor, other_citizen: Visitor
    ) -> None:
        program = publish(operator)
        application_id = applied(citizen, program)

        seen = other_citizen.get(f"/applications/{application_id}")
        confirm = other_citizen.get(f"/applications/{application_id}/cancel")
        token = other_citizen.http.cookies["ilteo_csrf"]
        withdrawn = other_citizen.http.post(
            f"/applications/{application_id}/cancel", data={"csrf_token": token}
        )
        still = citizen.get(f"/applications/{application_id}")

        assert (seen.status_code, confirm.status_code) == (404, 404)
        assert withdrawn.status_code == 404
        assert "찾는 신청이 없습니다" in seen.text
        assert "접수" in page_of(still).css("#application-status ::text").get("")

    def test_a_citizen_cannot_use_operator_pages(
        self, operator: Visitor, citizen: Visitor
    ) -> None:
        program = publish(operator)
        application_id = applied(citizen, program)
        token = citizen.http.cookies["ilteo_csrf"]

        pages = [
            citizen.get("/operator/programs"),
            citizen.get("/operator/programs/new"),
            citizen.get(f"/operator/programs/{program.id}/applications"),
            citizen.http.post(
                "/operator/programs", data=program_form() | {"csrf_token": token}
            ),
            citizen.http.post(
                f"/operator/applications/{application_id}/status",
                data={"csrf_token": token, "status": "under_review"},
            ),
        ]

        assert [page.status_code for page in pages] == [403] * 5
        assert "시 운영자만" in pages[0].text

    def test_links_follow_the_role(self, operator: Visitor, citizen: Visitor) -> None:
        def nav(visitor: Visitor) -> list[str]:
            return page_of(visitor.get("/programs")).css("nav a::attr(href)").getall()

        assert "/applications" in nav(citizen)
        assert "/operator/programs" not in nav(citizen)
        assert "/operator/programs" in nav(operator)
        assert "/applications" not in nav(operator)

    @pytest.mark.parametrize(
        "path",
        ["/programs/not-a-uuid", f"/programs/{uuid.uuid4()}", "/applications/x"],
    )
    def test_a_wrong_address_is_a_404_page(self, citizen: Visitor, path: str) -> None:
        shown = citizen.get(path)

        assert shown.status_code == 404
        assert shown.headers["Content-Type"].startswith("text/html")

    @pytest.mark.parametrize(
        "next_path", ["//evil.example/", "https://evil.example/", "/\t/evil.example"]
    )
    def test_sign_in_never_leaves_the_site(self, site: str, next_path: str) -> None:
        visitor, email = sign_up(site)
        visitor.http.post(
            "/signout", data={"csrf_token": visitor.http.cookies["ilteo_csrf"]}
        )
        page = visitor.http.get("/signin", params={"next": next_path})
        signed = visitor.submit(
            page, "/signin", {"email": email, "password": PASSWORD, "next": next_path}
        )
        visitor.close()

        assert location(signed) == "/"
