"""What ingest exposes on ``/metrics``.

Spiders run as short jobs (a CronJob per source), which Prometheus cannot scrape.
Each run leaves its summary in Redis (``FingerprintStore.save_run``); the status
service turns the latest summary of every source into gauges at each scrape, so
the counts of the last crawl, and its age, are watched like any other metric.
"""

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import structlog
from prometheus_client import Counter
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from redis.exceptions import RedisError

log = structlog.get_logger(__name__)

POSTINGS_ACCEPTED = Counter(
    "ilteo_ingest_postings_accepted_total",
    "Postings made on the platform (employers' jobs, operators' programs) published.",
    ["kind"],
)

FINISHED = "finished"


class LastRunCollector(Collector):
    """Gauges from the latest run summary of each source, read at scrape time."""

    def __init__(self, runs: Callable[[], dict[str, dict[str, Any]]]) -> None:
        self._runs = runs

    def collect(self) -> Iterator[Metric]:
        available = GaugeMetricFamily(
            "ilteo_ingest_run_summaries_available",
            "1 when the crawl runs' summaries could be read from Redis.",
        )
        try:
            runs = self._runs()
        except (RedisError, OSError, ValueError) as error:
            log.warning("metrics.runs_unreadable", error=repr(error))
            available.add_metric([], 0)
            yield available
            return
        available.add_metric([], 1)
        yield available

        items = GaugeMetricFamily(
            "ilteo_ingest_last_run_items",
            "Items of a source's latest crawl, by what became of them "
            "(scraped, published, unchanged, dead_lettered, ...).",
            labels=["source", "count"],
        )
        finished = GaugeMetricFamily(
            "ilteo_ingest_last_run_finished_timestamp_seconds",
            "When a source's latest crawl ended (Unix time).",
            labels=["source"],
        )
        succeeded = GaugeMetricFamily(
            "ilteo_ingest_last_run_succeeded",
            "1 when a source's latest crawl ran to its end and published everything.",
            labels=["source"],
        )
        for source, run in sorted(runs.items()):
            for name, value in sorted((run.get("counts") or {}).items()):
                if isinstance(value, int | float):
                    items.add_metric([source, name], value)
            ended = run.get("finished_at")
            if ended:
                finished.add_metric([source], datetime.fromisoformat(ended).timestamp())
            succeeded.add_metric([source], 1 if run.get("outcome") == FINISHED else 0)
        yield items
        yield finished
        yield succeeded
