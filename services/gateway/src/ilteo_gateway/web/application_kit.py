"""What the online application pages share: who may see them, a page for what
stopped a request, and calls to the applications service for the visitor."""

import functools
from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple
from urllib.parse import urlencode
from uuid import UUID

import orjson
from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from ilteo_gateway.accounts.schemas import Account, Role
from ilteo_gateway.applications.endpoints import caller
from ilteo_gateway.errors import Forbidden, GatewayError, NotFound, say
from ilteo_gateway.upstream import Upstream, relay
from ilteo_gateway.web import application_forms as forms
from ilteo_gateway.web import application_view as apview
from ilteo_gateway.web.application_forms import Form, Problem
from ilteo_gateway.web.i18n import Translator, language_of
from ilteo_gateway.web.rendering import page, signed_in

PER_PAGE = 20  # programs, or a citizen's applications, on one page
MAX_FORM_BYTES = 512 * 1024  # Korean text is sent percent-encoded: 9 bytes a letter

Endpoint = Callable[..., Awaitable[Response]]


class Answer(NamedTuple):
    status: int
    body: Any


class SignInFirst(Exception):
    """The visitor has to sign in, then come back to ``back``."""

    def __init__(self, back: str) -> None:
        super().__init__(back)
        self.back = back


def guarded(endpoint: Endpoint) -> Endpoint:
    """Turns what stops a page into a page: sign in first, a refusal, a service
    that cannot answer. Each shows its status code and never a 500."""

    @functools.wraps(endpoint)
    async def run(*args: Any, **kwargs: Any) -> Response:
        request: Request = kwargs["request"]
        try:
            return await endpoint(*args, **kwargs)
        except SignInFirst as exc:
            to = "/signin?" + urlencode({"next": exc.back})
            return RedirectResponse(to, status_code=303)
        except GatewayError as exc:
            return await problem_page(request, exc)

    return run


async def problem_page(request: Request, exc: GatewayError) -> Response:
    account = await signed_in(request)
    message = forms.in_language(exc.problem.detail, language_of(request))
    response = render(
        request,
        "applications/problem.html",
        {"message": message, "status": exc.status_code},
        account=account,
        status_code=exc.status_code,
    )
    if exc.retry_after_s:
        response.headers["Retry-After"] = str(exc.retry_after_s)
    return response


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    account: Account | None,
    status_code: int = 200,
) -> Response:
    context = {"apview": apview, "forms": forms, **context}
    return page(request, template, context, status_code=status_code, account=account)


def translator(request: Request) -> Translator:
    return Translator(language_of(request))


# Who is asking -------------------------------------------------------------------


async def person(request: Request, role: Role, *, back: str) -> Account:
    """The signed-in account of ``role``; others are sent to sign in or refused."""
    account = await signed_in(request, fail_closed=True)
    if account is None:
        raise SignInFirst(back)
    if account.role is not role:
        raise Forbidden(refusal(role))
    return account


def refusal(role: Role) -> str:
    if role is Role.OPERATOR:
        return say(
            "시 운영자만 쓸 수 있는 페이지입니다.",
            "Only the city's operators may use this page.",
        )
    return say(
        "신청은 개인(구직자) 계정으로 할 수 있습니다. 개인 계정으로 로그인해 주세요.",
        "Applications are made with a personal account; sign in with one.",
    )


def parse_uuid(value: str, *, what: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise NotFound(
            say(f"찾는 {what}이(가) 없습니다.", "There is nothing at this address.")
        ) from None


def offset_of(request: Request) -> int:
    raw = request.query_params.get("offset", "")
    return int(raw) if raw.isdigit() and int(raw) <= 100_000 else 0


# The applications service --------------------------------------------------------


async def ask(
    upstream: Upstream,
    request: Request,
    method: str,
    path: str,
    *,
    account: Account | None = None,
    params: list[tuple[str, str]] | None = None,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> Answer:
    configured = request.app.state.settings.applications_service_token is not None
    who = caller(account) if account else None
    if method == "GET":
        response = await relay.get(
            upstream, path, configured=configured, caller=who, params=params
        )
    else:
        response = await relay.send(
            upstream,
            method,
            path,
            configured=configured,
            caller=who or {},
            body=body,
            headers=headers,
        )
    return Answer(response.status_code, orjson.loads(response.body or b"null"))


def expect_ok(answer: Answer) -> Any:
    """The body of a 200; any other answer becomes the page's problem."""
    if answer.status == 200:
        return answer.body
    detail = answer.body.get("detail") if isinstance(answer.body, dict) else None
    raise GatewayError(
        detail or say("요청을 처리하지 못했습니다.", "The request failed."),
        status_code=answer.status,
    )


async def get_program(
    upstream: Upstream, request: Request, program_id: UUID
) -> dict[str, Any]:
    answer = await ask(upstream, request, "GET", f"/v1/programs/{program_id}")
    if answer.status == 404:
        raise NotFound(say("찾는 프로그램이 없습니다.", "There is no such program."))
    program: dict[str, Any] = expect_ok(answer)
    return program


def upstream_problems(
    answer: Answer, language: str, control: Callable[[str], str | None]
) -> list[Problem]:
    """The service's refusal as problems: one per field it names, else its words."""
    body = answer.body if isinstance(answer.body, dict) else {}
    problems = [
        Problem(
            control(str(error.get("field", ""))),
            forms.in_language(str(error.get("detail", "")), language),
        )
        for error in body.get("errors") or []
    ]
    detail = str(body.get("detail") or "") or say(
        "요청을 처리하지 못했습니다.", "The request failed."
    )
    return problems or [Problem(None, forms.in_language(detail, language))]


async def read_form(request: Request) -> Form:
    length = request.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > MAX_FORM_BYTES:
        raise GatewayError(
            say("보낸 내용이 너무 깁니다.", "What was sent is too long."),
            status_code=413,
        )
    form: Form = await request.form()
    return form


async def get_application(
    upstream: Upstream, request: Request, account: Account, application_id: str
) -> dict[str, Any]:
    aid = parse_uuid(application_id, what="신청")
    answer = await ask(
        upstream, request, "GET", f"/v1/applications/{aid}", account=account
    )
    if answer.status == 404:
        # Someone else's application reads exactly like a missing one.
        raise NotFound(say("찾는 신청이 없습니다.", "There is no such application."))
    application: dict[str, Any] = expect_ok(answer)
    return application


async def viewer(request: Request) -> Account:
    """Citizens see their own applications; operators see any."""
    account = await signed_in(request, fail_closed=True)
    if account is None:
        raise SignInFirst(request.url.path)
    if account.role not in (Role.CITIZEN, Role.OPERATOR):
        raise Forbidden(refusal(Role.CITIZEN))
    return account
