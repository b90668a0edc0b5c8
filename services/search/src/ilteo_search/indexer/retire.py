"""The status sweep: close postings past their deadline, retire stale 채용시까지 ones.

A document's status is set when it is indexed, but time passes without new events.
The sweep rewrites the documents whose status has gone out of date, keeping their
version: with ``external_gte`` the rewrite only lands if no newer version of the
item arrived meanwhile. ``ilteo-search-retire`` runs it once; the indexer runs it on
a timer.
"""

import threading
from datetime import timedelta
from typing import Any

import structlog
from opensearchpy import OpenSearch, helpers

from ilteo_common.logging import configure_logging
from ilteo_search.indexer import metrics
from ilteo_search.indexer.bulk import BulkWriter, Outcome, RetryPolicy, Write
from ilteo_search.indexer.enrich import Clock, Status
from ilteo_search.indexer.service import current_clock, opensearch_client
from ilteo_search.indexer.settings import IndexerSettings

log = structlog.get_logger(__name__)

SWEEP_PAGE = 500


def overdue_query(clock: Clock) -> dict[str, Any]:
    return {
        "bool": {
            "filter": [
                {"term": {"status": Status.OPEN.value}},
                {"range": {"closes_on": {"lt": clock.today.isoformat()}}},
            ]
        }
    }


def stale_query(clock: Clock) -> dict[str, Any]:
    cutoff = clock.now - timedelta(days=clock.retire_after_days)
    return {
        "bool": {
            "filter": [
                {"term": {"status": Status.OPEN.value}},
                {"term": {"open_until_filled": True}},
                {"range": {"modified_at": {"lt": cutoff.isoformat()}}},
            ],
            "must_not": [{"exists": {"field": "closes_on"}}],
        }
    }


def sweep(
    client: OpenSearch, *, alias: str, clock: Clock, retry: RetryPolicy
) -> dict[Status, int]:
    """Set the status of out-of-date documents; returns how many changed to what."""
    changed = {}
    for new_status, query in (
        (Status.CLOSED, overdue_query(clock)),
        (Status.RETIRED, stale_query(clock)),
    ):
        changed[new_status] = _rewrite(
            client, alias=alias, query=query, status=new_status, retry=retry
        )
        metrics.RETIRED.labels(status=new_status.value).inc(changed[new_status])
    log.info("sweep.done", **{status.value: n for status, n in changed.items()})
    return changed


def _rewrite(
    client: OpenSearch,
    *,
    alias: str,
    query: dict[str, Any],
    status: Status,
    retry: RetryPolicy,
) -> int:
    writer = BulkWriter(client, index=alias, retry=retry, version_type="external_gte")
    outcome = Outcome()
    page: list[Write] = []
    hits = helpers.scan(
        client, index=alias, query={"query": query, "version": True}, size=SWEEP_PAGE
    )
    for hit in hits:
        page.append(_rewritten(hit, status))
        if len(page) == SWEEP_PAGE:
            writer.write(page, outcome)
            page = []
    writer.write(page, outcome)
    return outcome.indexed


def _rewritten(hit: dict[str, Any], status: Status) -> Write:
    document = hit["_source"] | {"status": status.value}
    return Write(
        key=hit["_id"],
        version=hit["_version"],
        document=document,
        correlation_id=document.get("correlation_id", ""),
    )


def sweep_with(settings: IndexerSettings, client: OpenSearch, clock: Clock) -> None:
    retry = RetryPolicy(
        attempts=settings.retry_attempts,
        initial_backoff_s=settings.retry_initial_backoff_ms / 1000,
        max_backoff_s=settings.retry_max_backoff_ms / 1000,
    )
    sweep(client, alias=settings.write_alias, clock=clock, retry=retry)


class Sweeper(threading.Thread):
    """Runs the sweep every ``retire_sweep_interval_s`` until ``stop`` is set."""

    def __init__(
        self,
        settings: IndexerSettings,
        *,
        client: OpenSearch,
        stop: threading.Event,
    ) -> None:
        super().__init__(name="ilteo-indexer-sweeper", daemon=True)
        self._settings = settings
        self._client = client
        # Not ``_stop``: threading.Thread has a method of that name.
        self._stopping = stop

    def run(self) -> None:
        while not self._stopping.wait(self._settings.retire_sweep_interval_s):
            try:
                sweep_with(self._settings, self._client, current_clock(self._settings))
            except Exception as error:  # the next round tries again
                log.warning("sweep.failed", error=repr(error))


def main() -> None:
    """``ilteo-search-retire``: run the status sweep once over the items index."""
    settings = IndexerSettings()
    configure_logging(
        service="search-retire", level=settings.log_level, json=settings.logs_as_json
    )
    client = opensearch_client(settings)
    sweep_with(settings, client, current_clock(settings))
