"""``ilteo-ingest crawl``: run one or all spiders in one process, with progress.

Exit status: 0 when every crawl finished, 1 when one failed (a refused key, a
broker that stayed away past the delivery timeout), 2 on a usage error such
as a missing API key.
"""

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from twisted.internet import task

from ilteo_common.logging import configure_logging
from ilteo_ingest.crawl.middlewares import KeyMaskingFilter
from ilteo_ingest.crawl.settings import scrapy_settings
from ilteo_ingest.crawl.spiders import SPIDERS
from ilteo_ingest.settings import Settings
from ilteo_ingest.sources import SOURCES

PROGRESS_INTERVAL_S = 0.5
COUNTS = ("expected", "scraped", "published", "unchanged", "dead_lettered")


def main(argv: Sequence[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    sys.exit(args.handler(args))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ilteo-ingest", description=__doc__)
    commands = parser.add_subparsers(required=True)
    crawl = commands.add_parser("crawl", help="crawl sources and publish to Kafka")
    crawl.add_argument(
        "sources", nargs="*", default=["all"], help=f"all, or: {' '.join(SPIDERS)}"
    )
    crawl.add_argument("--mode", choices=("full", "changed"), default="full")
    crawl.add_argument("--no-progress", action="store_true")
    crawl.add_argument("--verbose", action="store_true", help="Scrapy's INFO logs too")
    crawl.set_defaults(handler=crawl_command)
    return parser


def crawl_command(args: argparse.Namespace) -> int:
    console = Console(stderr=True)
    settings = Settings()
    sources = _chosen(args.sources, console)
    if sources is None or not _keys_present(sources, settings, console):
        return 2
    level = settings.log_level if args.verbose or args.no_progress else "WARNING"
    configure_logging(service="ingest", level=level, json=settings.logs_as_json)
    _mask_keys_in_logs(settings)
    outcomes = _run(
        sources,
        settings,
        mode=args.mode,
        console=console,
        progress=not args.no_progress,
    )
    console.print(_summary(outcomes))
    failed = [
        source for source, (reason, _) in outcomes.items() if reason != "finished"
    ]
    if failed:
        console.print(f"[red]crawl failed for: {', '.join(failed)}[/red]")
        return 1
    return 0


def _chosen(names: list[str], console: Console) -> list[str] | None:
    if not names or names == ["all"]:
        return list(SPIDERS)
    unknown = [name for name in names if name not in SPIDERS]
    if unknown:
        console.print(
            f"unknown source(s): {', '.join(unknown)}; known: {', '.join(SPIDERS)}"
        )
        return None
    return list(dict.fromkeys(names))


def _keys_present(sources: list[str], settings: Settings, console: Console) -> bool:
    if settings.demo:
        return True
    missing = [
        f"ILTEO_INGEST_{(SOURCES[s].key_setting or '').upper()}"
        for s in sources
        if SOURCES[s].needs_key and settings.api_key(SOURCES[s]) is None
    ]
    for variable in missing:
        console.print(
            f"[red]missing API key: set {variable}[/red] (or ILTEO_INGEST_DEMO=true)"
        )
    return not missing


def _mask_keys_in_logs(settings: Settings) -> None:
    secrets = tuple(
        key.get_secret_value()
        for source in SOURCES.values()
        if (key := settings.api_key(source)) is not None
    )
    for handler in logging.getLogger().handlers:
        handler.addFilter(KeyMaskingFilter(secrets))


Outcome = tuple[str, dict[str, Any]]


def _run(
    sources: list[str],
    settings: Settings,
    *,
    mode: str,
    console: Console,
    progress: bool,
) -> dict[str, Outcome]:
    # Logging is ours (structlog on the root logger), not Scrapy's handler.
    process = CrawlerProcess(scrapy_settings(settings, mode=mode))
    reasons: dict[str, str] = {}
    crawlers: dict[str, Crawler] = {}
    # Signal receivers are held weakly: keep the recorders alive here.
    recorders = [_recorder(reasons, source) for source in sources]
    for source, recorder in zip(sources, recorders, strict=True):
        crawler = process.create_crawler(SPIDERS[source])
        crawler.signals.connect(recorder, signal=signals.spider_closed)
        crawlers[source] = crawler
        process.crawl(crawler)
    bar = Progress(
        TextColumn("{task.description:>10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[detail]}"),
        console=console,
        disable=not progress,
    )
    tasks = {s: bar.add_task(s, total=None, detail="") for s in sources}
    ticker = task.LoopingCall(_refresh, bar, tasks, crawlers)
    with bar:
        ticker.start(PROGRESS_INTERVAL_S)
        process.start()
        _refresh(bar, tasks, crawlers)
    return {
        s: (reasons.get(s, "not started"), _counts(crawlers[s], s)) for s in sources
    }


def _recorder(reasons: dict[str, str], source: str) -> Any:
    def record(reason: str) -> None:
        reasons[source] = reason

    return record


def _counts(crawler: Crawler, source: str) -> dict[str, Any]:
    stats = crawler.stats.get_stats() if crawler.stats else {}
    counts = {name: stats.get(f"ilteo/{source}/{name}", 0) for name in COUNTS}
    counts["requests"] = stats.get("downloader/request_count", 0)
    counts["retries"] = stats.get("retry/count", 0)
    return counts


def _refresh(
    bar: Progress, tasks: dict[str, Any], crawlers: dict[str, Crawler]
) -> None:
    for source, task_id in tasks.items():
        counts = _counts(crawlers[source], source)
        done = counts["scraped"]
        total = counts["expected"] or None
        detail = f"published {counts['published']}  dead {counts['dead_lettered']}"
        bar.update(task_id, completed=done, total=total, detail=detail)


def _summary(outcomes: dict[str, Outcome]) -> Table:
    table = Table(title="ilteo-ingest crawl")
    table.add_column("source")
    table.add_column("outcome")
    for name in (*COUNTS, "requests", "retries"):
        table.add_column(name.replace("_", " "), justify="right")
    for source, (reason, counts) in outcomes.items():
        style = "green" if reason == "finished" else "red"
        values = [str(counts[name]) for name in (*COUNTS, "requests", "retries")]
        table.add_row(source, f"[{style}]{reason}[/{style}]", *values)
    return table
