"""Errors the gateway answers in plain language: Korean first, then English."""

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException


class Problem(BaseModel):
    """Every error body: what is wrong, in Korean and English."""

    detail: str
    field: str | None = None
    suggestions: list[str] = []


def say(korean: str, english: str) -> str:
    return f"{korean} / {english}"


class GatewayError(Exception):
    status_code = 400

    def __init__(
        self,
        detail: str,
        *,
        field: str | None = None,
        retry_after_s: int | None = None,
        status_code: int | None = None,
    ) -> None:
        super().__init__(detail)
        self.problem = Problem(detail=detail, field=field)
        self.retry_after_s = retry_after_s
        if status_code is not None:
            self.status_code = status_code


class BadRequest(GatewayError):
    status_code = 400


class Unauthorized(GatewayError):
    status_code = 401


class Forbidden(GatewayError):
    status_code = 403


class NotFound(GatewayError):
    status_code = 404


class Conflict(GatewayError):
    status_code = 409


class TooManyRequests(GatewayError):
    status_code = 429


class Unavailable(GatewayError):
    """A dependency cannot answer now; the client may try again shortly."""

    status_code = 503


def _field_name(loc: Sequence[Any]) -> str:
    parts = [
        str(part) for part in loc if part not in ("query", "path", "body", "header")
    ]
    return parts[0] if parts else "request"


def explain(error: dict[str, Any], *, field: str) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return say(f"알 수 없는 매개변수입니다: {field}", f"Unknown parameter: {field}")
    if kind == "missing":
        return say(f"{field} 값이 필요합니다", f"{field} is required")
    if kind == "string_too_short":
        low = ctx.get("min_length", 1)
        return say(
            f"{field} 값은 {low}자 이상이어야 합니다",
            f"{field} needs at least {low} characters",
        )
    if kind == "string_too_long":
        high = ctx.get("max_length")
        return say(
            f"{field} 값은 {high}자 이하여야 합니다",
            f"{field} may have at most {high} characters",
        )
    if kind in ("too_long", "list_too_long"):
        return say(f"{field} 값이 너무 많습니다", f"{field} has too many values")
    if kind == "enum":
        allowed = ctx.get("expected", "")
        return say(
            f"{field} 값은 다음 중 하나여야 합니다: {allowed}",
            f"{field} must be one of {allowed}",
        )
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return say(f"{field} 값은 정수여야 합니다", f"{field} must be a whole number")
    if kind in ("bool_parsing", "bool_type"):
        return say(
            f"{field} 값은 true 또는 false입니다", f"{field} must be true or false"
        )
    if kind in ("greater_than_equal", "greater_than"):
        low = ctx.get("ge", ctx.get("gt"))
        return say(f"{field} 값은 {low} 이상이어야 합니다", f"{field} must be ≥ {low}")
    if kind in ("less_than_equal", "less_than"):
        high = ctx.get("le", ctx.get("lt"))
        return say(f"{field} 값은 {high} 이하여야 합니다", f"{field} must be ≤ {high}")
    if kind == "value_error":
        message = str(ctx.get("error", "")) or "not valid"
        return say(f"{field} 값이 올바르지 않습니다", f"{field}: {message}")
    if kind == "json_invalid":
        return say("요청 본문이 올바른 JSON이 아닙니다", "The body is not valid JSON")
    return say(f"{field} 값이 올바르지 않습니다", f"{field} is not valid")


def problem_response(
    problem: Problem, *, status_code: int, retry_after_s: int | None = None
) -> JSONResponse:
    headers = {"Retry-After": str(retry_after_s)} if retry_after_s else None
    return JSONResponse(problem.model_dump(), status_code=status_code, headers=headers)


async def _on_validation_error(
    _request: Request, exc: RequestValidationError
) -> JSONResponse:
    error = exc.errors()[0]
    field = _field_name(error.get("loc", ()))
    problem = Problem(detail=explain(error, field=field), field=field)
    return problem_response(problem, status_code=400)


async def _on_gateway_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, GatewayError)
    return problem_response(
        exc.problem, status_code=exc.status_code, retry_after_s=exc.retry_after_s
    )


_HTTP_MESSAGES = {
    404: say("찾는 주소가 없습니다", "There is nothing at this address"),
    405: say("이 주소는 이 방식의 요청을 받지 않습니다", "Method not allowed here"),
}


async def _on_http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = _HTTP_MESSAGES.get(exc.status_code, str(exc.detail))
    return JSONResponse(
        Problem(detail=detail).model_dump(),
        status_code=exc.status_code,
        headers=exc.headers,
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(GatewayError, _on_gateway_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)


PUBLIC_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "bad input, explained"},
    429: {"model": Problem, "description": "too many requests; see Retry-After"},
    502: {"model": Problem, "description": "an upstream service answered wrongly"},
    503: {"model": Problem, "description": "a dependency cannot answer now"},
    504: {"model": Problem, "description": "an upstream service answered too late"},
}
"""The problems any public read may answer."""

PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = PUBLIC_RESPONSES | {
    401: {"model": Problem, "description": "not signed in"},
    403: {
        "model": Problem,
        "description": "a role that may not do this, or a missing CSRF token",
    },
    404: {"model": Problem, "description": "no such object, or someone else's"},
    409: {"model": Problem, "description": "conflicts with what already exists"},
}
"""The problems of the routes for accounts and what they own (and of any write)."""
