"""Errors answered in plain language (Korean, then English) with per-field details."""

from collections.abc import Sequence
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError
from opensearchpy.exceptions import ConnectionTimeout, TransportError
from pydantic import BaseModel
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from ilteo_recommend.metrics import DEPENDENCY_UNAVAILABLE

RETRY_AFTER_S = 5

log = structlog.get_logger(__name__)


def say(korean: str, english: str) -> str:
    return f"{korean} / {english}"


class FieldError(BaseModel):
    field: str
    detail: str
    # Close matches for a value that was not recognised (district names).
    suggestions: list[str] = []


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


class Unauthorized(ApiError):
    status_code = 401
    code = "unauthorized"


class NotFound(ApiError):
    status_code = 404
    code = "not_found"


class Conflict(ApiError):
    status_code = 409
    code = "conflict"


class InvalidLink(ApiError):
    """A confirmation or unsubscribe link that was not signed by this service."""

    status_code = 400
    code = "invalid_link"


class ExpiredLink(ApiError):
    status_code = 410
    code = "expired_link"


class Invalid(ApiError):
    status_code = 422
    code = "invalid"


class Unavailable(ApiError):
    """A dependency (the items index, the model) cannot answer right now."""

    status_code = 503
    code = "unavailable"


def invalid_field(
    field: str, detail: str, *, suggestions: Sequence[str] = ()
) -> Invalid:
    return Invalid(
        say("입력값을 확인해 주세요", "Please check the input"),
        errors=[FieldError(field=field, detail=detail, suggestions=[*suggestions])],
    )


# Where a request part or a tagged union's branch shows in an error's location.
_NOT_FIELDS = frozenset({"body", "query", "path", "header"})
_UNION_TAGS = frozenset({"individual", "company", "founder"})


def _field_name(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc if p not in _NOT_FIELDS | _UNION_TAGS]
    return ".".join(parts) or "request"


def _field_of(error: dict[str, Any]) -> str:
    if str(error["type"]).startswith("union_tag"):
        # A missing or unknown tag of a tagged union: the tag is the field.
        tag = str((error.get("ctx") or {}).get("discriminator", "")).strip("'")
        return _field_name([*error.get("loc", ()), tag])
    return _field_name(error.get("loc", ()))


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
    if kind == "uuid_parsing":
        return say(f"{field} 값은 UUID여야 합니다", f"{field} must be a UUID")
    if kind == "value_error":
        # Raised by the schemas' own validators, already in plain language.
        return str(ctx.get("error", error.get("msg", "")))
    if kind == "json_invalid":
        return say("요청 본문이 올바른 JSON이 아닙니다", "The body is not valid JSON")
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        allowed = ctx.get("expected_tags", "individual, company, founder")
        return say(
            f"{field} 값은 다음 중 하나여야 합니다: {allowed}",
            f"{field} must be one of {allowed}",
        )
    return say(f"{field} 값이 올바르지 않습니다", f"{field} is not valid")


async def _on_validation_error(
    _request: Request, exc: RequestValidationError
) -> JSONResponse:
    errors = []
    for error in exc.errors():
        field = _field_of(error)
        errors.append(FieldError(field=field, detail=_explain(error, field=field)))
    problem = Problem(
        detail=say("입력값을 확인해 주세요", "Please check the input"),
        code="invalid",
        errors=errors,
    )
    return JSONResponse(problem.model_dump(), status_code=422)


async def _on_api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    headers: dict[str, str] = {}
    if isinstance(exc, Unauthorized):
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(exc, Unavailable):
        headers["Retry-After"] = str(RETRY_AFTER_S)
    return JSONResponse(
        exc.problem.model_dump(), status_code=exc.status_code, headers=headers
    )


async def _on_dependency_down(request: Request, exc: Exception) -> JSONResponse:
    # Nothing was half-done: each write to the store is one transaction.
    dependency = "redis" if "redis" in type(exc).__module__ else "opensearch"
    DEPENDENCY_UNAVAILABLE.labels(dependency=dependency).inc()
    log.warning(
        "dependency.unavailable",
        path=request.url.path,
        dependency=dependency,
        error=type(exc).__name__,
    )
    problem = Problem(
        detail=say(
            "추천 시스템이 잠시 응답할 수 없습니다. 잠시 후 다시 시도해 주세요",
            "Recommendations cannot answer right now; please try again shortly",
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
    for down in (
        RedisConnectionError,
        RedisTimeoutError,
        OpenSearchConnectionError,
        ConnectionTimeout,
        TransportError,
    ):
        app.add_exception_handler(down, _on_dependency_down)


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "no valid service token, or no subject"},
    404: {"model": Problem, "description": "no such profile for this subject"},
    409: {"model": Problem, "description": "conflicts with the current state"},
    422: {"model": Problem, "description": "bad input, explained per field"},
    503: {"model": Problem, "description": "a dependency cannot answer now"},
}


def from_validation_error(exc: Any) -> Invalid:
    """A pydantic ``ValidationError`` raised outside a request body, as a 422."""
    errors = []
    for error in exc.errors():
        field = _field_of(error)
        errors.append(FieldError(field=field, detail=_explain(error, field=field)))
    return Invalid(
        say("입력값을 확인해 주세요", "Please check the input"), errors=errors
    )
