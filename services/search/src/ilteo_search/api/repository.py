"""All OpenSearch I/O of the search API, through one pooled asynchronous client."""

from typing import Any

import structlog
from opensearchpy import AsyncOpenSearch
from opensearchpy.exceptions import (
    ConnectionError,
    ConnectionTimeout,
    NotFoundError,
    RequestError,
    TransportError,
)

from ilteo_search.api.errors import BadRequest, Unavailable, say

log = structlog.get_logger(__name__)

_UNAVAILABLE = say(
    "검색 엔진이 지금 응답하지 않습니다. 잠시 후 다시 시도하세요.",
    "The search engine is not answering right now; try again shortly.",
)
_NO_INDEX = say(
    "검색 색인이 아직 준비되지 않았습니다. 잠시 후 다시 시도하세요.",
    "The search index is not ready yet; try again shortly.",
)
_REFUSED = say(
    "이 검색은 처리할 수 없습니다. 검색어나 조건을 바꿔 보세요.",
    "This search cannot be processed; change the words or the filters.",
)


class SearchRepository:
    def __init__(
        self, *, url: str, index: str, timeout_s: float, pool_size: int
    ) -> None:
        self.index = index
        self._client = AsyncOpenSearch(
            hosts=[url],
            timeout=timeout_s,
            maxsize=pool_size,
            # A search is read-only: retrying a timed-out one is safe and cheap.
            max_retries=1,
            retry_on_timeout=True,
        )

    async def search(self, body: dict[str, Any]) -> dict[str, Any]:
        try:
            response = await self._client.search(index=self.index, body=body)
        except Exception as error:
            raise _translated(error, index=self.index) from error
        return dict(response)

    async def msearch(self, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
        lines: list[dict[str, Any]] = []
        for body in bodies:
            lines += [{}, body]
        try:
            response = await self._client.msearch(index=self.index, body=lines)
        except Exception as error:
            raise _translated(error, index=self.index) from error

        answers = response["responses"]
        for answer in answers:
            if "error" in answer:
                raise _translated(_error_of(answer), index=self.index)
        return [dict(answer) for answer in answers]

    async def close(self) -> None:
        await self._client.close()


def _error_of(answer: dict[str, Any]) -> TransportError:
    status = int(answer.get("status", 500))
    error = answer["error"]
    kind = error.get("type", "") if isinstance(error, dict) else str(error)
    if status == 404:
        return NotFoundError(status, kind, answer)
    if status == 400:
        return RequestError(status, kind, answer)
    return TransportError(status, kind, answer)


def _translated(error: Exception, *, index: str) -> Exception:
    """OpenSearch failures as answers a client understands (never a 500)."""
    if isinstance(error, NotFoundError):
        log.warning("search.index_missing", index=index)
        return Unavailable(_NO_INDEX)
    if isinstance(error, RequestError):
        # The parameters are checked before a body is built, so this is rare: the
        # engine refused what it was asked (e.g. too many clauses).
        log.error("search.request_refused", index=index, reason=str(error.info)[:500])
        return BadRequest(_REFUSED)
    if isinstance(error, ConnectionError | ConnectionTimeout | TransportError):
        log.warning("search.engine_unavailable", index=index, error=str(error)[:200])
        return Unavailable(_UNAVAILABLE)
    return error
