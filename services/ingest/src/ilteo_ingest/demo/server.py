"""The demo site: every source under ``/<source>/<the provider's own path>``.

Besides the providers' paths it serves ``/robots.txt`` (for the city site) and
``/_demo/`` for tests and benchmarks: request counts, the generator's ground
truth, and revisions that make a "changed since" crawl find something.
"""

import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from ilteo_common.health import health_router
from ilteo_ingest.demo import handlers
from ilteo_ingest.demo.data import DemoData
from ilteo_ingest.demo.handlers import Answer, Query
from ilteo_ingest.demo.model import SOURCE_IDS
from ilteo_ingest.demo.render import CITY_DISALLOWED, robots_txt
from ilteo_ingest.sources import SOURCES, Endpoint, Source

log = structlog.get_logger(__name__)


class Revision(BaseModel):
    source: str
    count: int = Field(ge=1, le=100_000)


class RequestLog:
    """Requests per source, kept for rate-limit checks in benchmarks."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.counts: Counter[str] = Counter()
        self.refused: Counter[str] = Counter()
        self.disallowed = 0
        self.robots_txt = 0
        self.first_s: dict[str, float] = {}
        self.last_s: dict[str, float] = {}
        self.started_s = time.monotonic()

    def count(self, path: str) -> None:
        if path.endswith("/robots.txt"):
            self.robots_txt += 1
            return
        source = path.strip("/").split("/", 1)[0]
        if source not in SOURCES:
            return
        endpoint = f"{source}:{'detail' if _is_detail(source, path) else 'list'}"
        now = time.monotonic() - self.started_s
        self.counts[source] += 1
        self.counts[endpoint] += 1
        self.first_s.setdefault(source, now)
        self.last_s[source] = now
        if path.startswith(CITY_DISALLOWED):
            self.disallowed += 1

    def as_json(self) -> dict[str, Any]:
        return {
            "requests": {source: self.counts[source] for source in SOURCE_IDS},
            "by_endpoint": {k: v for k, v in self.counts.items() if ":" in k},
            "refused": dict(self.refused),
            "disallowed": self.disallowed,
            "robots_txt": self.robots_txt,
            # Seconds since the log started: first and last request of each source.
            "first_s": self.first_s,
            "last_s": self.last_s,
        }


def create_app(data: DemoData, *, api_key: str | None = None) -> FastAPI:
    """The demo site over a data set; ``api_key`` None accepts any key."""
    app = FastAPI(title="Ilteo demo source", docs_url=None, redoc_url=None)
    app.include_router(health_router({}))
    requests = RequestLog()

    @app.middleware("http")
    async def count_requests(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        requests.count(request.url.path)
        return await call_next(request)

    for source in SOURCES.values():
        _add_source(app, data, source, api_key=api_key, requests=requests)
    _add_control(app, data, requests)
    return app


def _add_source(
    app: FastAPI,
    data: DemoData,
    source: Source,
    *,
    api_key: str | None,
    requests: RequestLog,
) -> None:
    endpoints: list[tuple[Endpoint, str]] = [(source.list, "list")]
    if source.detail is not None:
        endpoints.append((source.detail, "detail"))
    for endpoint, role in endpoints:
        handler = handlers.HANDLERS[source.id][role]
        route = _route(data, source, handler, api_key=api_key, requests=requests)
        app.add_api_route(f"/{source.id}{endpoint.path}", route, methods=["GET"])


def _route(
    data: DemoData,
    source: Source,
    handler: Callable[[DemoData, Query], Answer],
    *,
    api_key: str | None,
    requests: RequestLog,
) -> Callable[[Request], Awaitable[Response]]:
    async def serve(request: Request) -> Response:
        query = Query(source, dict(request.query_params))
        if source.key_param and not _key_accepted(query, source.key_param, api_key):
            requests.refused[source.id] += 1
            log.info("demo.key_refused", source=source.id)
            answer = handlers.key_refused(source.id)
        else:
            answer = handler(data, query)
        return Response(answer.body, answer.status, media_type=answer.media_type)

    return serve


def _key_accepted(query: Query, key_param: str, api_key: str | None) -> bool:
    return api_key is None or query.params.get(key_param) == api_key


def _add_control(app: FastAPI, data: DemoData, requests: RequestLog) -> None:
    @app.get("/robots.txt")
    @app.get("/city/robots.txt")
    async def robots() -> Response:
        return Response(robots_txt(), media_type="text/plain; charset=utf-8")

    @app.get("/_demo/stats")
    async def stats() -> dict[str, Any]:
        return requests.as_json()

    @app.delete("/_demo/stats", status_code=204)
    async def reset_stats() -> None:
        requests.reset()

    @app.get("/_demo/truth")
    async def truth() -> dict[str, Any]:
        return data.summary()

    @app.get("/_demo/truth/{source}")
    async def source_truth(source: str) -> Response:
        if source not in SOURCE_IDS:
            return _unknown_source(source)
        return JSONResponse([record.truth() for record in data.records(source)])

    @app.post("/_demo/revise")
    async def revise(revision: Revision) -> Response:
        if revision.source not in SOURCE_IDS:
            return _unknown_source(revision.source)
        changed = data.revise(revision.source, revision.count)
        log.info("demo.revised", source=revision.source, count=len(changed))
        body = {
            "source": revision.source,
            "changed": [
                {"id": r.id, "version": r.version, "modified": _iso(r.modified)}
                for r in changed
            ],
        }
        return JSONResponse(body)


def _unknown_source(source: str) -> JSONResponse:
    known = ", ".join(SOURCE_IDS)
    return JSONResponse({"detail": f"unknown source {source!r}; known: {known}"}, 404)


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment else None


def _is_detail(source_id: str, path: str) -> bool:
    detail = SOURCES[source_id].detail
    return detail is not None and path == f"/{source_id}{detail.path}"
