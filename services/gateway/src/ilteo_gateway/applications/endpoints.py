"""``/api/v1/programs`` and ``/api/v1/applications``: apply online, follow, decide."""

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body, Depends, Header, Query, Request
from fastapi.responses import Response

from ilteo_gateway.accounts.schemas import Account, Role
from ilteo_gateway.accounts.sessions import CurrentOperator, CurrentUser
from ilteo_gateway.deps import ApplicationsDep, RateLimited
from ilteo_gateway.errors import PROBLEM_RESPONSES, BadRequest, Forbidden, say
from ilteo_gateway.security.csrf import CsrfProtected
from ilteo_gateway.upstream import relay

router = APIRouter(prefix="/api/v1", tags=["applications"], responses=PROBLEM_RESPONSES)

MAX_BODY_BYTES = 64 * 1024

Limit = Annotated[int, Query(ge=1, le=100, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="items to skip")]
JsonObject = Annotated[dict[str, Any], Body(description="see the applications API")]
IdempotencyKey = Annotated[
    str,
    Header(
        min_length=1,
        max_length=200,
        description="one unique value per submission; a retry sends the same one",
    ),
]


# The applications service knows citizens and operators; employers do not apply.
ROLES = {Role.CITIZEN: "citizen", Role.OPERATOR: "operator"}


def caller(account: Account) -> dict[str, str]:
    role = ROLES.get(account.role)
    if role is None:
        raise Forbidden(
            say(
                "기업 계정으로는 신청할 수 없습니다. 개인 계정으로 로그인해 주세요.",
                "Employer accounts cannot apply; sign in with a personal account.",
            )
        )
    return relay.subject_headers(account, role=role)


def _configured(request: Request) -> bool:
    return request.app.state.settings.applications_service_token is not None


def _small_body(request: Request) -> None:
    length = request.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
        raise BadRequest(
            say(
                "요청 본문이 너무 큽니다 (64KB 이내).", "The body is too large (64 KB)."
            )
        )


Configured = Annotated[bool, Depends(_configured)]
SmallBody = Annotated[None, Depends(_small_body)]


@router.get("/programs", summary="Programs that take applications online")
async def list_programs(
    upstream: ApplicationsDep,
    configured: Configured,
    _limited: RateLimited,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    params = [("limit", str(limit)), ("offset", str(offset))]
    return await relay.get(
        upstream, "/v1/programs", configured=configured, params=params
    )


@router.get("/programs/{program_id}", summary="One program with its questions")
async def get_program(
    program_id: UUID,
    upstream: ApplicationsDep,
    configured: Configured,
    _limited: RateLimited,
) -> Response:
    return await relay.get(
        upstream, f"/v1/programs/{program_id}", configured=configured
    )


@router.post("/programs", summary="Publish a program (operators)", status_code=201)
async def create_program(
    body: JsonObject,
    operator: CurrentOperator,
    _csrf: CsrfProtected,
    _small: SmallBody,
    upstream: ApplicationsDep,
    configured: Configured,
) -> Response:
    return await relay.send(
        upstream,
        "POST",
        "/v1/programs",
        configured=configured,
        caller=caller(operator),
        body=body,
    )


@router.patch("/programs/{program_id}", summary="Change a program (operators)")
async def update_program(
    program_id: UUID,
    body: JsonObject,
    operator: CurrentOperator,
    _csrf: CsrfProtected,
    _small: SmallBody,
    upstream: ApplicationsDep,
    configured: Configured,
) -> Response:
    return await relay.send(
        upstream,
        "PATCH",
        f"/v1/programs/{program_id}",
        configured=configured,
        caller=caller(operator),
        body=body,
    )


@router.post(
    "/programs/{program_id}/applications",
    summary="Apply (201 with a receipt number; 200 for the same submission again)",
    status_code=201,
)
async def apply(
    program_id: UUID,
    body: JsonObject,
    idempotency_key: IdempotencyKey,
    account: CurrentUser,
    _csrf: CsrfProtected,
    _small: SmallBody,
    _limited: RateLimited,
    upstream: ApplicationsDep,
    configured: Configured,
) -> Response:
    return await relay.send(
        upstream,
        "POST",
        f"/v1/programs/{program_id}/applications",
        configured=configured,
        caller=caller(account),
        body=body,
        headers={"Idempotency-Key": idempotency_key},
    )


@router.get(
    "/programs/{program_id}/applications",
    summary="A program's applications (operators)",
)
async def program_applications(
    program_id: UUID,
    operator: CurrentOperator,
    upstream: ApplicationsDep,
    configured: Configured,
    status: Annotated[str | None, Query(max_length=40)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    params = [("limit", str(limit)), ("offset", str(offset))]
    if status:
        params.append(("status", status))
    return await relay.get(
        upstream,
        f"/v1/programs/{program_id}/applications",
        configured=configured,
        caller=caller(operator),
        params=params,
    )


@router.get("/applications", summary="The signed-in citizen's applications")
async def my_applications(
    account: CurrentUser,
    upstream: ApplicationsDep,
    configured: Configured,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    params = [("limit", str(limit)), ("offset", str(offset))]
    return await relay.get(
        upstream,
        "/v1/applications/mine",
        configured=configured,
        caller=caller(account),
        params=params,
    )


@router.get("/applications/{application_id}", summary="One application and history")
async def get_application(
    application_id: UUID,
    account: CurrentUser,
    upstream: ApplicationsDep,
    configured: Configured,
) -> Response:
    return await relay.get(
        upstream,
        f"/v1/applications/{application_id}",
        configured=configured,
        caller=caller(account),
    )


@router.post("/applications/{application_id}/cancel", summary="Withdraw (citizens)")
async def cancel_application(
    application_id: UUID,
    account: CurrentUser,
    _csrf: CsrfProtected,
    upstream: ApplicationsDep,
    configured: Configured,
    body: Annotated[dict[str, Any] | None, Body()] = None,
) -> Response:
    return await relay.send(
        upstream,
        "POST",
        f"/v1/applications/{application_id}/cancel",
        configured=configured,
        caller=caller(account),
        body=body,
    )


@router.patch("/applications/{application_id}", summary="Decide (operators)")
async def decide_application(
    application_id: UUID,
    body: JsonObject,
    operator: CurrentOperator,
    _csrf: CsrfProtected,
    _small: SmallBody,
    upstream: ApplicationsDep,
    configured: Configured,
) -> Response:
    return await relay.send(
        upstream,
        "PATCH",
        f"/v1/applications/{application_id}",
        configured=configured,
        caller=caller(operator),
        body=body,
    )
