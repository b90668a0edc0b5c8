"""Calls to a service on behalf of the signed-in account (applications, recommend).

The gateway authenticates; those services trust ``X-Ilteo-Subject`` and
``X-Ilteo-Role`` because they come with the service token only the gateway holds.
Their answers, problems included, are passed on; their own failures become a 502.
"""

from typing import Any

import structlog
from fastapi.responses import Response

from ilteo_gateway.accounts.schemas import Account
from ilteo_gateway.errors import Unavailable, say
from ilteo_gateway.upstream import Upstream, UpstreamResponse

log = structlog.get_logger(__name__)


def subject_headers(account: Account, *, role: str | None = None) -> dict[str, str]:
    headers = {"X-Ilteo-Subject": account.id}
    if role is not None:
        headers["X-Ilteo-Role"] = role
    return headers


def _configured(upstream: Upstream, configured: bool) -> None:
    if not configured:
        raise Unavailable(
            say(
                f"이 게이트웨이에는 {upstream.name} 서비스가 설정되지 않았습니다.",
                f"The {upstream.name} service is not configured on this gateway.",
            )
        )


async def get(
    upstream: Upstream,
    path: str,
    *,
    configured: bool,
    caller: dict[str, str] | None = None,
    params: list[tuple[str, str]] | None = None,
) -> Response:
    _configured(upstream, configured)
    response = await upstream.get(path, params=params or [], headers=caller or {})
    return passed_on(upstream, response)


async def send(
    upstream: Upstream,
    method: str,
    path: str,
    *,
    configured: bool,
    caller: dict[str, str],
    body: Any,
    headers: dict[str, str] | None = None,
) -> Response:
    _configured(upstream, configured)
    outgoing = caller | (headers or {})
    response = await upstream.send(method, path, json=body, headers=outgoing)
    return passed_on(upstream, response)


def passed_on(upstream: Upstream, response: UpstreamResponse) -> Response:
    json_answer = response.content_type.startswith("application/json")
    if response.status >= 500 and not (response.status == 503 and json_answer):
        log.warning(
            "upstream.bad_answer", upstream=upstream.name, status=response.status
        )
        raise upstream.bad_answer()
    if response.status == 401:
        # The service refused the gateway's own token: a deployment mistake.
        log.error("upstream.token_refused", upstream=upstream.name)
        raise upstream.bad_answer()
    if not json_answer and response.status != 204:
        raise upstream.bad_answer()
    # The services refuse well-formed but invalid input with a 422; the public API
    # says 400 for every refusal of input, as its OpenAPI document promises.
    status = 400 if response.status == 422 else response.status
    return Response(
        response.body,
        status_code=status,
        media_type="application/json",
        headers=response.headers,
    )
