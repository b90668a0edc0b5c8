"""The pages of online application (신청·접수) for citizens.

Citizens find programs, apply with a form built from the program's questions, get
a receipt number (접수번호) and follow or withdraw their applications (내 신청
내역). The operators' pages (``intake_pages``) are mounted on the same router. The
forms work without scripts; the applications service keeps everything.
"""

import asyncio
import re
import uuid
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import ImmutableMultiDict

from ilteo_gateway.accounts.schemas import Account, Role
from ilteo_gateway.deps import ApplicationsDep, RateLimited
from ilteo_gateway.security.csrf import CsrfProtected
from ilteo_gateway.upstream import Upstream
from ilteo_gateway.web import application_forms as forms
from ilteo_gateway.web import application_kit as kit
from ilteo_gateway.web import application_view as apview
from ilteo_gateway.web import intake_pages
from ilteo_gateway.web.application_forms import Form, Problem
from ilteo_gateway.web.application_kit import guarded
from ilteo_gateway.web.rendering import signed_in

router = APIRouter(include_in_schema=False)
router.include_router(intake_pages.router)

MINE_MAX = 100  # the service's page limit
IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


async def _titles(
    upstream: Upstream, request: Request, program_ids: set[str]
) -> dict[str, str]:
    """Program id -> title, for lists of applications."""

    async def title(program_id: str) -> tuple[str, str]:
        answer = await kit.ask(upstream, request, "GET", f"/v1/programs/{program_id}")
        return program_id, answer.body["title"] if answer.status == 200 else ""

    pairs = await asyncio.gather(*(title(pid) for pid in sorted(program_ids)))
    return dict(pairs)


async def _live_application(
    upstream: Upstream, request: Request, account: Account, program_id: UUID
) -> dict[str, Any] | None:
    """The citizen's application to this program that is not withdrawn, if any."""
    answer = await kit.ask(
        upstream,
        request,
        "GET",
        "/v1/applications/mine",
        account=account,
        params=[("limit", str(MINE_MAX))],
    )
    for item in kit.expect_ok(answer)["items"]:
        if item["program_id"] == str(program_id) and item["status"] != "cancelled":
            found: dict[str, Any] = item
            return found
    return None


@router.get("/programs", response_class=HTMLResponse)
@guarded
async def programs_page(
    request: Request, _limited: RateLimited, upstream: ApplicationsDep
) -> Response:
    account = await signed_in(request)
    offset = kit.offset_of(request)
    params = [("limit", str(kit.PER_PAGE)), ("offset", str(offset))]
    listed = kit.expect_ok(
        await kit.ask(upstream, request, "GET", "/v1/programs", params=params)
    )
    context = {"listed": listed, "offset": offset, "per_page": kit.PER_PAGE}
    return kit.render(request, "applications/programs.html", context, account=account)


@router.get("/programs/{program_id}", response_class=HTMLResponse)
@guarded
async def program_page(
    program_id: str,
    request: Request,
    _limited: RateLimited,
    upstream: ApplicationsDep,
) -> Response:
    account = await signed_in(request)
    program = await kit.get_program(
        upstream, request, kit.parse_uuid(program_id, what="프로그램")
    )
    context = {"program": program}
    return kit.render(request, "applications/program.html", context, account=account)


@router.get("/programs/{program_id}/apply", response_class=HTMLResponse)
@guarded
async def apply_page(
    program_id: str, request: Request, upstream: ApplicationsDep
) -> Response:
    account = await kit.person(request, Role.CITIZEN, back=request.url.path)
    program = await kit.get_program(
        upstream, request, kit.parse_uuid(program_id, what="프로그램")
    )
    return await _apply_page(
        request, upstream, account=account, program=program, form=ImmutableMultiDict()
    )


async def _apply_page(
    request: Request,
    upstream: Upstream,
    *,
    account: Account,
    program: dict[str, Any],
    form: Form,
    key: str | None = None,
    problems: list[Problem] | None = None,
    status_code: int = 200,
) -> Response:
    live = await _live_application(upstream, request, account, UUID(program["id"]))
    context = {
        "program": program,
        "form": form,
        # One key per form shown; a form shown again after a mistake keeps its
        # key, so that sending it twice still makes one application.
        "idempotency_key": key or uuid.uuid4().hex,
        "problems": problems or [],
        "live": live,
    }
    return kit.render(
        request,
        "applications/apply.html",
        context,
        account=account,
        status_code=status_code,
    )


@router.post("/programs/{program_id}/apply", response_class=HTMLResponse)
@guarded
async def apply_form(
    program_id: str,
    request: Request,
    _csrf: CsrfProtected,
    _limited: RateLimited,
    upstream: ApplicationsDep,
) -> Response:
    back = f"/programs/{program_id}/apply"
    account = await kit.person(request, Role.CITIZEN, back=back)
    pid = kit.parse_uuid(program_id, what="프로그램")
    program = await kit.get_program(upstream, request, pid)
    form = await kit.read_form(request)
    t = kit.translator(request)

    def again(problems: list[Problem], status_code: int, key: str | None) -> Any:
        return _apply_page(
            request,
            upstream,
            account=account,
            program=program,
            form=form,
            key=key,
            problems=problems,
            status_code=status_code,
        )

    key = forms.text(form, "idempotency_key")
    if not IDEMPOTENCY_KEY.fullmatch(key):
        return await again([Problem(None, t("apply.error.form_expired"))], 400, None)
    body, problems = forms.application_body(
        program, form, t, this_year=apview.now().year
    )
    if problems:
        return await again(problems, 400, key)

    answer = await kit.ask(
        upstream,
        request,
        "POST",
        f"/v1/programs/{pid}/applications",
        account=account,
        body=body,
        headers={"Idempotency-Key": key},
    )
    if answer.status in (200, 201):  # 200: the same form sent again
        to = f"/applications/{answer.body['id']}?received=1"
        return RedirectResponse(to, status_code=303)
    problems = kit.upstream_problems(
        answer, t.language, lambda field: forms.application_control(field, program)
    )
    # The service says 422 for answers it refuses; the gateway's pages say 400.
    return await again(problems, 400 if answer.status == 422 else answer.status, key)


@router.get("/applications", response_class=HTMLResponse)
@guarded
async def my_applications_page(request: Request, upstream: ApplicationsDep) -> Response:
    account = await kit.person(request, Role.CITIZEN, back=request.url.path)
    offset = kit.offset_of(request)
    params = [("limit", str(kit.PER_PAGE)), ("offset", str(offset))]
    mine = kit.expect_ok(
        await kit.ask(
            upstream,
            request,
            "GET",
            "/v1/applications/mine",
            account=account,
            params=params,
        )
    )
    titles = await _titles(
        upstream, request, {item["program_id"] for item in mine["items"]}
    )
    context = {
        "mine": mine,
        "titles": titles,
        "offset": offset,
        "per_page": kit.PER_PAGE,
    }
    return kit.render(request, "applications/mine.html", context, account=account)


@router.get("/applications/{application_id}", response_class=HTMLResponse)
@guarded
async def application_page(
    application_id: str, request: Request, upstream: ApplicationsDep
) -> Response:
    account = await kit.viewer(request)
    application = await kit.get_application(upstream, request, account, application_id)
    return await _application_page(
        request, upstream, account=account, application=application
    )


async def _application_page(
    request: Request,
    upstream: Upstream,
    *,
    account: Account,
    application: dict[str, Any],
    template: str = "applications/receipt.html",
    problems: list[Problem] | None = None,
    form: Form | None = None,
    status_code: int = 200,
) -> Response:
    answer = await kit.ask(
        upstream, request, "GET", f"/v1/programs/{application['program_id']}"
    )
    context = {
        "application": application,
        "program": answer.body if answer.status == 200 else None,
        "received": request.query_params.get("received") == "1",
        "cancelled": request.query_params.get("cancelled") == "1",
        "problems": problems or [],
        "form": form or ImmutableMultiDict(),
    }
    return kit.render(
        request, template, context, account=account, status_code=status_code
    )


@router.get("/applications/{application_id}/cancel", response_class=HTMLResponse)
@guarded
async def cancel_page(
    application_id: str, request: Request, upstream: ApplicationsDep
) -> Response:
    account = await kit.person(request, Role.CITIZEN, back=request.url.path)
    application = await kit.get_application(upstream, request, account, application_id)
    if application["status"] not in forms.CANCELLABLE:
        return RedirectResponse(f"/applications/{application['id']}", status_code=303)
    return await _application_page(
        request,
        upstream,
        account=account,
        application=application,
        template="applications/cancel.html",
    )


@router.post("/applications/{application_id}/cancel", response_class=HTMLResponse)
@guarded
async def cancel_form(
    application_id: str,
    request: Request,
    _csrf: CsrfProtected,
    upstream: ApplicationsDep,
) -> Response:
    back = f"/applications/{application_id}/cancel"
    account = await kit.person(request, Role.CITIZEN, back=back)
    application = await kit.get_application(upstream, request, account, application_id)
    form = await kit.read_form(request)
    t = kit.translator(request)

    note = forms.text(form, "note")
    if len(note) > forms.NOTE_MAX:
        problems = [Problem("note", t("appform.too_long", limit=forms.NOTE_MAX))]
        return await _application_page(
            request,
            upstream,
            account=account,
            application=application,
            template="applications/cancel.html",
            problems=problems,
            form=form,
            status_code=400,
        )
    answer = await kit.ask(
        upstream,
        request,
        "POST",
        f"/v1/applications/{application['id']}/cancel",
        account=account,
        body={"note": note or None},
    )
    if answer.status == 200:
        to = f"/applications/{application['id']}?cancelled=1"
        return RedirectResponse(to, status_code=303)
    problems = kit.upstream_problems(answer, t.language, lambda _f: None)
    return await _application_page(
        request,
        upstream,
        account=account,
        application=application,
        problems=problems,
        status_code=400 if answer.status == 422 else answer.status,
    )
