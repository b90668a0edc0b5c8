"""Errors the API answers in plain language: Korean first, then English."""

import difflib
from collections.abc import Iterable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ilteo_search.api.schemas import (
    MapQuery,
    Problem,
    SearchQuery,
    StatsQuery,
    SuggestQuery,
)

QUERY_MODELS: dict[str, type[BaseModel]] = {
    "/v1/search": SearchQuery,
    "/v1/suggest": SuggestQuery,
    "/v1/map": MapQuery,
    "/v1/stats/districts": StatsQuery,
}


def say(korean: str, english: str) -> str:
    return f"{korean} / {english}"


class ApiError(Exception):
    status_code = 400

    def __init__(
        self, detail: str, *, field: str | None = None, suggestions: Sequence[str] = ()
    ) -> None:
        super().__init__(detail)
        self.problem = Problem(detail=detail, field=field, suggestions=[*suggestions])


class BadRequest(ApiError):
    status_code = 400


class NotFound(ApiError):
    status_code = 404


class Unavailable(ApiError):
    """The search engine or its index cannot answer right now."""

    status_code = 503


def close_matches(
    word: str, choices: Iterable[str], *, limit: int = 3, cutoff: float = 0.5
) -> list[str]:
    by_key = {choice.casefold(): choice for choice in choices}
    found = difflib.get_close_matches(word.casefold(), by_key, n=limit, cutoff=cutoff)
    return [by_key[key] for key in found]


def _field_name(loc: Sequence[Any]) -> str:
    parts = [str(part) for part in loc if part not in ("query", "path", "body")]
    return parts[0] if parts else "request"


def _explain(error: dict[str, Any], *, field: str) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return say(f"알 수 없는 매개변수입니다: {field}", f"Unknown parameter: {field}")
    if kind in ("missing", "string_too_short"):
        return say(f"{field} 값이 필요합니다", f"{field} is required")
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
    return say(f"{field} 값이 올바르지 않습니다", f"{field} is not valid")


def _suggest_for(
    error: dict[str, Any], *, field: str, known: Sequence[str]
) -> list[str]:
    if error["type"] == "extra_forbidden":
        # Parameter names are short: only a near miss is worth suggesting.
        return close_matches(field, known, cutoff=0.75)
    return []


async def _on_validation_error(
    request: Request, exc: RequestValidationError
) -> JSONResponse:
    error = exc.errors()[0]
    field = _field_name(error.get("loc", ()))
    known = _known_parameters(request)
    problem = Problem(
        detail=_explain(error, field=field),
        field=field,
        suggestions=_suggest_for(error, field=field, known=known),
    )
    return JSONResponse(problem.model_dump(), status_code=400)


def _known_parameters(request: Request) -> list[str]:
    for path, model in QUERY_MODELS.items():
        if request.url.path.endswith(path):
            return list(model.model_fields)
    return []


async def _on_api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    headers = {"Retry-After": "5"} if isinstance(exc, Unavailable) else None
    return JSONResponse(
        exc.problem.model_dump(), status_code=exc.status_code, headers=headers
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(ApiError, _on_api_error)


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "bad input, explained"},
    503: {"model": Problem, "description": "the search engine cannot answer now"},
}
