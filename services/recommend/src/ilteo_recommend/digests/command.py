"""``ilteo-recommend-digest``: one digest run, with progress and a summary.

    ilteo-recommend-digest --period daily
    ilteo-recommend-digest --period weekly --now 2026-12-07T07:00:00+09:00

Runs are safe to repeat and to run side by side: a subscriber already served this
period is skipped. Exit status: 0 when done, 75 (EX_TEMPFAIL) when some digests
met only temporary failures (a scheduler may simply run it again), 1 when the
mail server refuses the platform itself (login or sender).
"""

import argparse
import asyncio
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import structlog
from prometheus_client import REGISTRY, write_to_textfile
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from ilteo_common.logging import configure_logging
from ilteo_recommend.app import envelope_from, links_of
from ilteo_recommend.digests.compose import Composer
from ilteo_recommend.digests.mailer import MailerUnavailable, SmtpMailer
from ilteo_recommend.digests.repository import DigestLedger, SubscriptionRepository
from ilteo_recommend.digests.run import (
    DigestContext,
    Outcome,
    RunOptions,
    RunSummary,
    run_digests,
)
from ilteo_recommend.digests.schemas import Period
from ilteo_recommend.digests.verp import BounceTokens
from ilteo_recommend.embedding import SentenceTransformerEmbedder
from ilteo_recommend.profiles.repository import ProfileRepository
from ilteo_recommend.recommendations.repository import (
    FeedbackRepository,
    ItemsRepository,
)
from ilteo_recommend.recommendations.service import Tuning
from ilteo_recommend.settings import Settings
from ilteo_recommend.store import create_redis

EXIT_TEMPFAIL = 75  # sysexits.h

log = structlog.get_logger(__name__)


def options_of(settings: Settings) -> RunOptions:
    return RunOptions(
        items_per_kind=settings.digest_items_per_kind,
        rate_per_s=settings.digest_rate_per_s,
        concurrency=settings.digest_concurrency,
        lease_s=settings.digest_lease_s,
        send_attempts=settings.digest_send_attempts,
        retry_initial_s=settings.digest_retry_initial_s,
        retry_max_s=settings.digest_retry_max_s,
        bounce_limit=settings.digest_bounce_limit,
        envelope_from=envelope_from(settings),
        bounce_tokens=BounceTokens(settings.link_secret.get_secret_value()),
    )


@asynccontextmanager
async def digest_context(settings: Settings) -> AsyncIterator[DigestContext]:
    """The stores, the index, the model (loaded only if a profile needs a new
    vector) and one SMTP connection per worker, closed afterwards."""
    redis = create_redis(settings.redis_url, timeout_s=settings.redis_timeout_s)
    items = ItemsRepository(
        url=settings.opensearch_url,
        index=settings.items_index,
        timeout_s=settings.opensearch_timeout_s,
    )
    mailer = SmtpMailer.from_settings(settings, connections=settings.digest_concurrency)
    try:
        yield DigestContext(
            subscriptions=SubscriptionRepository(redis),
            ledger=DigestLedger(redis),
            profile_repository=ProfileRepository(redis),
            feedback_repository=FeedbackRepository(redis),
            items=items,
            embedder=SentenceTransformerEmbedder(
                path=settings.embedding_model_path,
                torch_threads=settings.torch_threads,
            ),
            tuning=Tuning(
                candidates_per_retriever=settings.candidates_per_retriever,
                ef_search=settings.knn_ef_search,
                skill_gap_min_jobs=settings.skill_gap_min_jobs,
                skill_gap_courses=settings.skill_gap_courses,
            ),
            mailer=mailer,
            composer=Composer(links=links_of(settings), mail_from=settings.mail_from),
            options=options_of(settings),
        )
    finally:
        await mailer.close()
        await items.close()
        await redis.aclose()


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="ilteo-recommend-digest",
        description="Send this period's recommendation digests, each exactly once.",
    )
    parser.add_argument(
        "--period", choices=[p.value for p in Period], default=Period.DAILY.value
    )
    parser.add_argument(
        "--now",
        type=datetime.fromisoformat,
        default=None,
        help="the run's time (ISO 8601); picks the period and the deadlines shown",
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="no progress bar, summary only"
    )
    return parser.parse_args(argv)


async def _run(
    settings: Settings, *, period: Period, now: datetime, console: Console, bar: bool
) -> RunSummary:
    progress = Progress(
        TextColumn(f"[bold]{period.value} digests"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[tally]}"),
        TimeElapsedColumn(),
        console=console,
        disable=not bar,
    )
    task = progress.add_task("digests", total=None, tally="")
    tally = {"sent": 0, "skipped": 0, "failed": 0}

    def started(total: int) -> None:
        progress.update(task, total=total)

    def done(outcome: Outcome) -> None:
        if outcome in (Outcome.SENT, Outcome.RESENT):
            tally["sent"] += 1
        elif outcome in (Outcome.FAILED, Outcome.DEFERRED):
            tally["failed"] += 1
        else:
            tally["skipped"] += 1
        text = " ".join(f"{name} {count}" for name, count in tally.items())
        progress.update(task, advance=1, tally=text)

    with progress:
        async with digest_context(settings) as context:
            return await run_digests(
                context=context,
                period=period,
                now=now,
                on_start=started,
                on_done=done,
            )


def _table(summary: RunSummary) -> Table:
    table = Table(
        title=(
            f"{summary.period.value} digests for the period from "
            f"{summary.period_start.isoformat()} ({summary.seconds:.1f} s)"
        )
    )
    table.add_column("outcome")
    table.add_column("subscribers", justify="right")
    for outcome in Outcome:
        if outcome is not Outcome.BUSY:
            table.add_row(outcome.value, str(summary.outcomes[outcome]))
    table.add_row("[bold]total", f"[bold]{summary.subscribers}")
    return table


def main(argv: Sequence[str] | None = None) -> None:
    arguments = _parse(argv)
    settings = Settings()
    configure_logging(
        service="recommend-digest",
        level=settings.log_level,
        json=settings.logs_as_json,
    )
    period = Period(arguments.period)
    now = arguments.now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    console = Console(stderr=True)

    try:
        summary = asyncio.run(
            _run(
                settings,
                period=period,
                now=now,
                console=console,
                bar=not arguments.no_progress,
            )
        )
    except MailerUnavailable as error:
        log.error("digest.mailer_unavailable", error=str(error))
        sys.exit(1)
    finally:
        if settings.digest_metrics_path is not None:
            write_to_textfile(str(settings.digest_metrics_path), REGISTRY)

    console.print(_table(summary))
    if summary.outcomes[Outcome.DEFERRED]:
        sys.exit(EXIT_TEMPFAIL)
