"""The city operators' pages of online application: publish a program that takes
applications, see a program's applications and decide them (상태 변경)."""

from datetime import timedelta
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import ImmutableMultiDict

from ilteo_gateway.accounts.schemas import Account, Role
from ilteo_gateway.deps import ApplicationsDep
from ilteo_gateway.security.csrf import CsrfProtected
from ilteo_gateway.upstream import Upstream
from ilteo_gateway.web import application_forms as forms
from ilteo_gateway.web import application_kit as kit
from ilteo_gateway.web import application_view as apview
from ilteo_gateway.web.application_forms import Form, Problem
from ilteo_gateway.web.application_kit import guarded

router = APIRouter(include_in_schema=False)

APPLICATIONS_PER_PAGE = 50
NEW_PROGRAM_PERIOD = timedelta(days=14)  # what a new program's form proposes


@router.get("/operator/programs", response_class=HTMLResponse)
@guarded
async def operator_programs_page(
    request: Request, upstream: ApplicationsDep
) -> Response:
    account = await kit.person(request, Role.OPERATOR, back=request.url.path)
    offset = kit.offset_of(request)
    params = [("limit", str(kit.PER_PAGE)), ("offset", str(offset))]
    listed = kit.expect_ok(
        await kit.ask(upstream, request, "GET", "/v1/programs", params=params)
    )
    context = {"listed": listed, "offset": offset, "per_page": kit.PER_PAGE}
    return kit.render(
        request, "applications/operator_programs.html", context, account=account
    )


def _new_program_defaults() -> Form:
    starts = apview.now().replace(minute=0, second=0, microsecond=0)
    ends = (starts + NEW_PROGRAM_PERIOD).replace(hour=18)
    values = [
        ("starts_at", apview.local_input(starts)),
        ("ends_at", apview.local_input(ends)),
        ("when_full", "waitlist"),
        ("question_count", str(forms.QUESTION_ROWS)),
    ]
    values += [(f"q{row}_required", "on") for row in range(1, forms.QUESTION_ROWS + 1)]
    return ImmutableMultiDict(values)


def _program_form_page(
    request: Request,
    account: Account,
    *,
    form: Form,
    rows: int,
    problems: list[Problem] | None = None,
    focus: str | None = None,
    status_code: int = 200,
) -> Response:
    context = {
        "form": form,
        "rows": rows,
        "problems": problems or [],
        "focus": focus,
        "district_ids": forms.DISTRICT_IDS,
    }
    return kit.render(
        request,
        "applications/program_new.html",
        context,
        account=account,
        status_code=status_code,
    )


@router.get("/operator/programs/new", response_class=HTMLResponse)
@guarded
async def new_program_page(request: Request) -> Response:
    account = await kit.person(request, Role.OPERATOR, back=request.url.path)
    return _program_form_page(
        request, account, form=_new_program_defaults(), rows=forms.QUESTION_ROWS
    )


@router.post("/operator/programs", response_class=HTMLResponse)
@guarded
async def new_program_form(
    request: Request, _csrf: CsrfProtected, upstream: ApplicationsDep
) -> Response:
    account = await kit.person(request, Role.OPERATOR, back="/operator/programs/new")
    form = await kit.read_form(request)
    t = kit.translator(request)
    rows = forms.question_rows(form)

    if form.get("add_question") is not None:
        # Without scripts, one more blank question is one more round trip.
        rows = min(rows + 1, forms.QUESTION_ROWS_MAX)
        form = ImmutableMultiDict([*form.multi_items(), (f"q{rows}_required", "on")])
        focus = f"q{rows}_label"
        return _program_form_page(request, account, form=form, rows=rows, focus=focus)

    read = forms.program_body(form, t, now=apview.now())
    if read.problems:
        return _program_form_page(
            request,
            account,
            form=form,
            rows=rows,
            problems=read.problems,
            status_code=400,
        )
    answer = await kit.ask(
        upstream, request, "POST", "/v1/programs", account=account, body=read.body
    )
    if answer.status == 201:
        to = f"/operator/programs/{answer.body['id']}/applications?published=1"
        return RedirectResponse(to, status_code=303)
    problems = kit.upstream_problems(
        answer, t.language, lambda field: forms.program_control(field, read)
    )
    return _program_form_page(
        request,
        account,
        form=form,
        rows=rows,
        problems=problems,
        status_code=400 if answer.status == 422 else answer.status,
    )


@router.get("/operator/programs/{program_id}/applications", response_class=HTMLResponse)
@guarded
async def program_applications_page(
    program_id: str, request: Request, upstream: ApplicationsDep
) -> Response:
    account = await kit.person(request, Role.OPERATOR, back=request.url.path)
    return await _program_applications_page(
        request, upstream, account=account, program_id=program_id
    )


async def _program_applications_page(
    request: Request,
    upstream: Upstream,
    *,
    account: Account,
    program_id: str,
    problems: list[Problem] | None = None,
    status_code: int = 200,
) -> Response:
    pid = kit.parse_uuid(program_id, what="프로그램")
    program = await kit.get_program(upstream, request, pid)
    wanted = request.query_params.get("status", "")
    wanted = wanted if wanted in forms.STATUSES else ""
    offset = kit.offset_of(request)
    params = [("limit", str(APPLICATIONS_PER_PAGE)), ("offset", str(offset))]
    if wanted:
        params.append(("status", wanted))
    listed = kit.expect_ok(
        await kit.ask(
            upstream,
            request,
            "GET",
            f"/v1/programs/{pid}/applications",
            account=account,
            params=params,
        )
    )
    updated = request.query_params.get("updated", "")
    context = {
        "program": program,
        "listed": listed,
        "wanted": wanted,
        "offset": offset,
        "per_page": APPLICATIONS_PER_PAGE,
        "problems": problems or [],
        "published": request.query_params.get("published") == "1",
        "updated": next(
            (item for item in listed["items"] if item["id"] == updated), None
        ),
    }
    return kit.render(
        request,
        "applications/program_applications.html",
        context,
        account=account,
        status_code=status_code,
    )


@router.post(
    "/operator/applications/{application_id}/status", response_class=HTMLResponse
)
@guarded
async def status_form(
    application_id: str,
    request: Request,
    _csrf: CsrfProtected,
    upstream: ApplicationsDep,
) -> Response:
    account = await kit.person(request, Role.OPERATOR, back="/operator/programs")
    application = await kit.get_application(upstream, request, account, application_id)
    form = await kit.read_form(request)
    t = kit.translator(request)
    program_id = application["program_id"]
    suffix = application["id"]

    body, problems = forms.status_change(form, application["status"], t)
    if not problems:
        answer = await kit.ask(
            upstream,
            request,
            "PATCH",
            f"/v1/applications/{application['id']}",
            account=account,
            body=body,
        )
        if answer.status == 200:
            filters = [*_list_filters(form), ("updated", application["id"])]
            to = f"/operator/programs/{program_id}/applications?{urlencode(filters)}"
            return RedirectResponse(to, status_code=303)
        # Whatever the service refuses here is about the status asked for.
        refused = kit.upstream_problems(answer, t.language, lambda _field: None)
        problems = [Problem("status", problem.message) for problem in refused]
        status_code = 400 if answer.status == 422 else answer.status
    else:
        status_code = 400
    problems = [
        Problem(f"{p.field}-{suffix}" if p.field else None, p.message) for p in problems
    ]
    return await _program_applications_page(
        request,
        upstream,
        account=account,
        program_id=program_id,
        problems=problems,
        status_code=status_code,
    )


def _list_filters(form: Form) -> list[tuple[str, str]]:
    """The list's status filter and page, kept across a decision."""
    filters = []
    wanted = forms.text(form, "filter")
    if wanted in forms.STATUSES:
        filters.append(("status", wanted))
    offset = forms.text(form, "offset")
    if offset.isdigit() and int(offset) <= 100_000:
        filters.append(("offset", offset))
    return filters
