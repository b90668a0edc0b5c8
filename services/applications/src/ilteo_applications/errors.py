"""Errors the API answers in plain language, Korean first, then English."""

from collections.abc import Sequence
from typing import Any

import psycopg
import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ilteo_applications.database import SchemaNotReady
from ilteo_applications.metrics import DATABASE_UNAVAILABLE

RETRY_AFTER_S = 5

log = structlog.get_logger(__name__)


def say(korean: str, english: str) -> str:
    return f"{korean} / {english}"


class FieldError(BaseModel):
    field: str
    detail: str


class Problem(BaseModel):
    """The body of every error answer."""

    detail: str
    code: str
    errors: list[FieldError] = []


class ApiError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, detail: str, *, errors: Sequence[FieldError] = ()) -> None:
        super().__init__(detail)
        self.problem = Problem(detail=detail, code=self.code, errors=[*errors])


class BadRequest(ApiError):
    status_code = 400
    code = "bad_request"


class Unauthorized(ApiError):
    status_code = 401
    code = "unauthorized"


class Forbidden(ApiError):
    status_code = 403
    code = "forbidden"


class NotFound(ApiError):
    status_code = 404
    code = "not_found"


class Conflict(ApiError):
    status_code = 409
    code = "conflict"


class Invalid(ApiError):
    """The request is well formed but breaks a rule (answers, eligibility)."""

    status_code = 422
    code = "invalid"


def _field_name(loc: Sequence[Any]) -> str:
    parts = [
        str(part) for part in loc if part not in ("body", "query", "path", "header")
    ]
    return ".".join(parts) or "request"


def _explain(error: dict[str, Any], *, field: str) -> str:
    kind = str(error["type"])
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return say(f"{field} 값이 필요합니다", f"{field} is required")
    if kind == "extra_forbidden":
        return say(f"알 수 없는 항목입니다: {field}", f"Unknown field: {field}")
    if kind in ("enum", "literal_error"):
        allowed = ctx.get("expected", "")
        return say(
            f"{field} 값은 다음 중 하나여야 합니다: {allowed}",
            f"{field} must be one of {allowed}",
        )
    if kind.startswith(("int_", "float_")):
        return say(f"{field} 값은 숫자여야 합니다", f"{field} must be a number")
    if kind in ("greater_than_equal", "greater_than"):
        low = ctx.get("ge", ctx.get("gt"))
        return say(f"{field} 값은 {low} 이상이어야 합니다", f"{field} must be ≥ {low}")
    if kind in ("less_than_equal", "less_than"):
        high = ctx.get("le", ctx.get("lt"))
        return say(f"{field} 값은 {high} 이하여야 합니다", f"{field} must be ≤ {high}")
    if kind in ("string_too_short", "too_short"):
        return say(f"{field} 값이 비어 있습니다", f"{field} is empty or too short")
    if kind in ("string_too_long", "too_long"):
        return say(f"{field} 값이 너무 깁니다", f"{field} is too long")
    if kind.startswith(("datetime_", "date_")):
        return say(
            f"{field} 값은 날짜와 시각이어야 합니다 (예: 2026-03-02T09:00:00+09:00)",
            f"{field} must be a date and time, e.g. 2026-03-02T09:00:00+09:00",
        )
    if kind == "uuid_parsing":
        return say(f"{field} 값은 UUID여야 합니다", f"{field} must be a UUID")
    if kind == "value_error":
        # Raised by our own validators, already in plain language.
        return str(ctx.get("error", error.get("msg", "")))
    if kind == "json_invalid":
        return say("요청 본문이 올바른 JSON이 아닙니다", "The body is not valid JSON")
    return say(f"{field} 값이 올바르지 않습니다", f"{field} is not valid")


async def _on_validation_error(
    _request: Request, exc: RequestValidationError
) -> JSONResponse:
    errors = []
    for error in exc.errors():
        field = _field_name(error.get("loc", ()))
        errors.append(FieldError(field=field, detail=_explain(error, field=field)))
    problem = Problem(
        detail=say("입력값을 확인해 주세요", "Please check the input"),
        code="invalid",
        errors=errors,
    )
    return JSONResponse(problem.model_dump(), status_code=422)


async def _on_api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, Unauthorized) else None
    return JSONResponse(
        exc.problem.model_dump(), status_code=exc.status_code, headers=headers
    )


async def _on_database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    # Connection lost, server shut down, no free connection in time, or the
    # schema not migrated yet: the request can be retried; nothing was half-done,
    # because every write is one transaction.
    DATABASE_UNAVAILABLE.inc()
    log.warning(
        "database.unavailable",
        path=request.url.path,
        error=type(exc).__name__,
        reason=str(exc)[:300],
    )
    problem = Problem(
        detail=say(
            "신청 시스템이 잠시 응답할 수 없습니다. 잠시 후 다시 시도해 주세요",
            "The application system cannot answer right now; please try again shortly",
        ),
        code="unavailable",
    )
    return JSONResponse(
        problem.model_dump(),
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_S)},
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(ApiError, _on_api_error)
    for unavailable in (
        psycopg.OperationalError,
        psycopg.InterfaceError,
        SchemaNotReady,
    ):
        app.add_exception_handler(unavailable, _on_database_unavailable)


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "no valid service token"},
    422: {"model": Problem, "description": "bad input, explained per field"},
    503: {"model": Problem, "description": "the database cannot answer now"},
}
