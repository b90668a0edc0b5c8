"""Bulk writes with external versions, answered item by item.

Every item of a bulk answer is read: written and version conflicts are done, 429 and
5xx are sent again on their own (never the whole chunk), anything else is a document
OpenSearch will never take and goes back to the caller as rejected.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import structlog
from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConnectionError as TransportConnectionError
from opensearchpy.exceptions import TransportError
from tenacity import (
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from ilteo_search.indexer import metrics

log = structlog.get_logger(__name__)

DONE_STATUSES = frozenset({200, 201})
CONFLICT_STATUS = 409


@dataclass(frozen=True, slots=True)
class Write:
    key: str
    version: int  # ``modified_at`` in epoch milliseconds
    document: dict[str, Any]
    correlation_id: str
    origin: Any = None  # what the caller needs to dead-letter it


@dataclass(frozen=True, slots=True)
class Rejected:
    write: Write
    reason: str


@dataclass
class Outcome:
    indexed: int = 0
    conflicts: int = 0
    rejected: list[Rejected] = field(default_factory=list)


class StillFailing(Exception):
    """OpenSearch kept answering 429, 5xx or nothing for these writes."""

    def __init__(self, pending: list[Write]) -> None:
        super().__init__(f"{len(pending)} writes still failing")
        self.pending = pending


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int
    initial_backoff_s: float
    max_backoff_s: float


def is_retryable(status: int) -> bool:
    return status == 429 or status >= 500


class BulkWriter:
    def __init__(
        self,
        client: OpenSearch,
        *,
        index: str,
        retry: RetryPolicy,
        version_type: str = "external",
    ) -> None:
        self._client = client
        self._index = index
        self._retry = retry
        self._version_type = version_type

    def write(self, writes: Sequence[Write], outcome: Outcome) -> None:
        """Write all; raises ``StillFailing`` with what is left after the retries."""
        pending = list(writes)
        retrying = Retrying(
            stop=stop_after_attempt(self._retry.attempts),
            wait=wait_exponential_jitter(
                multiplier=self._retry.initial_backoff_s,
                max=self._retry.max_backoff_s,
                jitter=self._retry.initial_backoff_s,
            ),
            retry=retry_if_exception_type(StillFailing),
            reraise=True,
        )
        for attempt in retrying:
            with attempt:
                pending = self._send(pending, outcome)
                if pending:
                    metrics.RETRIES.inc(len(pending))
                    raise StillFailing(pending)

    def _send(self, writes: list[Write], outcome: Outcome) -> list[Write]:
        if not writes:
            return []
        try:
            answer = self._client.bulk(body=self._body(writes))
        except TransportConnectionError as error:
            log.warning("bulk.unreachable", writes=len(writes), error=str(error))
            return writes
        except TransportError as error:
            if isinstance(error.status_code, int) and is_retryable(error.status_code):
                log.warning(
                    "bulk.refused", status=error.status_code, writes=len(writes)
                )
                return writes
            raise
        return self._read(writes, answer["items"], outcome)

    def _body(self, writes: list[Write]) -> list[dict[str, Any]]:
        body: list[dict[str, Any]] = []
        for write in writes:
            action = {
                "_index": self._index,
                "_id": write.key,
                "version": write.version,
                "version_type": self._version_type,
            }
            body += [{"index": action}, write.document]
        return body

    def _read(
        self, writes: list[Write], items: list[dict[str, Any]], outcome: Outcome
    ) -> list[Write]:
        again: list[Write] = []
        for write, item in zip(writes, items, strict=True):
            answer = item["index"]
            status = int(answer["status"])
            if status in DONE_STATUSES:
                outcome.indexed += 1
            elif status == CONFLICT_STATUS:
                outcome.conflicts += 1
            elif is_retryable(status):
                again.append(write)
            else:
                outcome.rejected.append(Rejected(write, _reason(answer)))
        return again


def _reason(answer: dict[str, Any]) -> str:
    error = answer.get("error") or {}
    if not isinstance(error, dict):
        return f"opensearch refused the document ({answer['status']}): {error}"
    reason = f"{error.get('type', 'error')}: {error.get('reason', '')}"
    cause = error.get("caused_by")
    if isinstance(cause, dict):
        reason += f" (caused by {cause.get('type')}: {cause.get('reason')})"
    return f"opensearch refused the document ({answer['status']}): {reason}"
