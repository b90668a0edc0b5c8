"""Pages for city operators (시 운영): pilot feedback, ingestion per source and
regional statistics. Only the ``operator`` role sees them; a signed-out visitor is
sent to sign in, anyone else is refused (403)."""

import asyncio
from collections.abc import Mapping
from typing import Any

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ilteo_common.items import ItemKind
from ilteo_gateway.accounts.schemas import Account, Role
from ilteo_gateway.accounts.service import unavailable
from ilteo_gateway.deps import IngestDep, RateLimited, RedisDep, SearchDep, SettingsDep
from ilteo_gateway.errors import GatewayError
from ilteo_gateway.feedback.repository import FeedbackRepository
from ilteo_gateway.public import schemas
from ilteo_gateway.public.cache import ResponseCache
from ilteo_gateway.public.service import read
from ilteo_gateway.redis_store import RedisDown
from ilteo_gateway.upstream import Upstream
from ilteo_gateway.web.charts import bar_chart
from ilteo_gateway.web.i18n import Translator, language_of
from ilteo_gateway.web.page_kit import KINDS, render, spoken, visitor
from ilteo_gateway.web.view import district_name

router = APIRouter(include_in_schema=False)

FEEDBACK_SHOWN = 200
# Counts of a crawl run as ``ilteo_ingest``'s pipeline names its stats.
RUN_COUNTS = ("scraped", "published", "unchanged", "dead_lettered", "publish_failed")


@router.get("/ops", response_class=HTMLResponse)
async def operations_page(request: Request, _limited: RateLimited) -> Response:
    account = await visitor(request, role=Role.OPERATOR)
    if not isinstance(account, Account):
        return account
    return render(request, "ops_index.html", {}, account=account)


@router.get("/ops/feedback", response_class=HTMLResponse)
async def feedback_list_page(
    request: Request, _limited: RateLimited, redis: RedisDep
) -> Response:
    account = await visitor(request, role=Role.OPERATOR)
    if not isinstance(account, Account):
        return account
    context: dict[str, Any] = {"notes": [], "error": None}
    status_code = 200
    try:
        context["notes"] = await FeedbackRepository(redis).latest(FEEDBACK_SHOWN)
    except RedisDown:
        error = unavailable()
        context["error"] = spoken(request, error.problem.detail)
        status_code = error.status_code
    return render(
        request, "ops_feedback.html", context, status_code=status_code, account=account
    )


def source_rows(status: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per source of ingest's ``GET /v1/status``, never-run sources too."""
    rows = []
    for source_id, source in (status.get("sources") or {}).items():
        run = source.get("last_run") or None
        counts = (run or {}).get("counts") or {}
        rows.append(
            {
                "id": source_id,
                "name": source.get("name") or source_id,
                "kinds": source.get("kinds") or [],
                "run": run,
                "counts": {name: int(counts.get(name, 0)) for name in RUN_COUNTS},
                "dead_letters": (run or {}).get("dead_letters") or [],
            }
        )
    return rows


@router.get("/ops/ingest", response_class=HTMLResponse)
async def ingest_status_page(
    request: Request, _limited: RateLimited, ingest: IngestDep
) -> Response:
    account = await visitor(request, role=Role.OPERATOR)
    if not isinstance(account, Account):
        return account
    context: dict[str, Any] = {"rows": [], "error": None, "counts": RUN_COUNTS}
    status_code = 200
    try:
        answer = await ingest.get("/v1/status")
        if answer.status != 200:
            raise ingest.bad_answer()
        context["rows"] = source_rows(answer.json())
    except (GatewayError, ValueError) as exc:
        problem = exc if isinstance(exc, GatewayError) else ingest.bad_answer()
        context["error"] = spoken(request, problem.problem.detail)
        status_code = problem.status_code
    return render(
        request, "ops_ingest.html", context, status_code=status_code, account=account
    )


async def _district_stats(
    *, kind: str, upstream: Upstream, cache: ResponseCache, ttl_s: int
) -> dict[str, Any]:
    answer = await read(
        upstream=upstream,
        cache=cache,
        path="/v1/stats/districts",
        query=schemas.StatsQuery(kind=ItemKind(kind)),
        ttl_s=ttl_s,
    )
    body: dict[str, Any] = orjson.loads(answer.body)
    if answer.status != 200:
        raise GatewayError(str(body.get("detail", "")), status_code=answer.status)
    return body


@router.get("/ops/stats", response_class=HTMLResponse)
async def statistics_page(
    request: Request,
    _limited: RateLimited,
    search: SearchDep,
    redis: RedisDep,
    settings: SettingsDep,
) -> Response:
    account = await visitor(request, role=Role.OPERATOR)
    if not isinstance(account, Account):
        return account
    kind = request.query_params.get("kind", "job")
    kind = kind if kind in KINDS else "job"
    t = Translator(language_of(request))
    cache = ResponseCache(redis)
    try:
        answers = await asyncio.gather(
            *(
                _district_stats(
                    kind=k, upstream=search, cache=cache, ttl_s=settings.map_cache_ttl_s
                )
                for k in KINDS
            )
        )
    except GatewayError as exc:
        context = {"error": spoken(request, exc.problem.detail), "kind": kind}
        return render(
            request,
            "ops_stats.html",
            context,
            status_code=exc.status_code,
            account=account,
        )
    return render(
        request,
        "ops_stats.html",
        _statistics(dict(zip(KINDS, answers, strict=True)), kind=kind, t=t),
        account=account,
    )


def _statistics(
    stats: dict[str, dict[str, Any]], *, kind: str, t: Translator
) -> dict[str, Any]:
    """Both charts and the table behind them, from the four kinds' statistics."""
    chosen = stats[kind]["districts"]
    rows = [
        {
            "id": district["id"],
            "name": district_name(district, t.language),
            "counts": {k: _open_in(stats[k], district["id"]) for k in KINDS},
            "pay_month_median": district.get("pay_month_median"),
            "top_occupations": district.get("top_occupations") or [],
        }
        for district in stats["job"]["districts"]
    ]
    totals = {k: sum(row["counts"][k] for row in rows) for k in KINDS}
    return {
        "error": None,
        "kind": kind,
        "kinds": KINDS,
        "rows": rows,
        "totals": totals,
        "generated_at": stats[kind].get("generated_at"),
        "district_chart": bar_chart(
            [(district_name(d, t.language), int(d["open_items"])) for d in chosen]
        ),
        "kind_chart": bar_chart([(t(f"kind.{k}"), totals[k]) for k in KINDS]),
    }


def _open_in(stats: dict[str, Any], district_id: str) -> int:
    for district in stats["districts"]:
        if district["id"] == district_id:
            return int(district["open_items"])
    return 0
