"""``/healthz`` (the process is alive) and ``/readyz`` (its dependencies answer).

Kubernetes restarts a pod whose liveness fails and stops routing to one whose
readiness fails, so liveness never looks at dependencies: a Redis outage must not
restart every gateway pod.
"""

import asyncio
from collections.abc import Awaitable, Callable, Mapping

import structlog
from fastapi import APIRouter
from fastapi.responses import JSONResponse

Check = Callable[[], Awaitable[None]]
"""A readiness probe of one dependency: returns when it answers, raises otherwise."""

DEFAULT_CHECK_TIMEOUT_S = 2.0

log = structlog.get_logger(__name__)


async def _run_check(name: str, check: Check, timeout_s: float) -> tuple[str, str]:
    try:
        await asyncio.wait_for(check(), timeout=timeout_s)
    except TimeoutError:
        return name, f"no answer within {timeout_s:g} s"
    except Exception as exc:  # any failure of a dependency means "not ready"
        return name, f"{type(exc).__name__}: {exc}"[:300]
    return name, "ok"


async def readiness(
    checks: Mapping[str, Check], *, timeout_s: float = DEFAULT_CHECK_TIMEOUT_S
) -> tuple[bool, dict[str, str]]:
    results = dict(
        await asyncio.gather(
            *(_run_check(name, check, timeout_s) for name, check in checks.items())
        )
    )
    return all(state == "ok" for state in results.values()), results


def health_router(
    checks: Mapping[str, Check], *, timeout_s: float = DEFAULT_CHECK_TIMEOUT_S
) -> APIRouter:
    router = APIRouter(tags=["health"])
    was_ready: dict[str, bool] = {}

    @router.get("/healthz", summary="The process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "alive"}

    @router.get("/readyz", summary="Every dependency of the service answers")
    async def readyz() -> JSONResponse:
        ready, results = await readiness(checks, timeout_s=timeout_s)
        if was_ready.get("state") != ready:
            # Log transitions only: probes run every few seconds.
            event = "readiness.ready" if ready else "readiness.lost"
            log.info(event, checks=results)
            was_ready["state"] = ready
        body = {"status": "ready" if ready else "not ready", "checks": results}
        return JSONResponse(body, status_code=200 if ready else 503)

    return router
