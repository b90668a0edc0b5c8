"""``ilteo-recommend-bounces``: read the bounces that arrived since the last run.

    ilteo-recommend-bounces --maildir /var/mail/bounces
    ilteo-recommend-bounces                 # ILTEO_RECOMMEND_BOUNCE_MAILDIR

Reads the delivery status notifications waiting in the Maildir's new/ and counts
permanent failures against the subscriptions they are about (see ``bounces``).
Safe to repeat and to run side by side: a bounce is counted once. Exit status:
0 when the Maildir was read, whatever the messages said (messages Redis could
not record stay in new/ for the next run); 66 (EX_NOINPUT) when the Maildir
cannot be read.
"""

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

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
from ilteo_recommend.digests.bounces import (
    BounceContext,
    BounceMaildir,
    BounceSummary,
    MaildirUnreadable,
    Outcome,
    read_bounces,
)
from ilteo_recommend.digests.repository import DigestLedger, SubscriptionRepository
from ilteo_recommend.digests.verp import BounceTokens
from ilteo_recommend.settings import Settings
from ilteo_recommend.store import create_redis

EXIT_NOINPUT = 66  # sysexits.h

log = structlog.get_logger(__name__)


def _parse(argv: Sequence[str] | None, settings: Settings) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="ilteo-recommend-bounces",
        description="Count the bounces that arrived later against the digests' "
        "subscriptions.",
    )
    parser.add_argument(
        "--maildir",
        type=Path,
        default=settings.bounce_maildir,
        help="the bounce address's Maildir (default: ILTEO_RECOMMEND_BOUNCE_MAILDIR)",
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="no progress bar, summary only"
    )
    arguments = parser.parse_args(argv)
    if arguments.maildir is None:
        parser.error("give --maildir or set ILTEO_RECOMMEND_BOUNCE_MAILDIR")
    return arguments


async def _run(
    settings: Settings, *, maildir: BounceMaildir, console: Console, bar: bool
) -> BounceSummary:
    progress = Progress(
        TextColumn("[bold]bounces"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[tally]}"),
        TimeElapsedColumn(),
        console=console,
        disable=not bar,
    )
    task = progress.add_task("bounces", total=None, tally="")
    tally: dict[str, int] = {}

    def started(total: int) -> None:
        progress.update(task, total=total)

    def done(outcome: Outcome) -> None:
        tally[outcome.value] = tally.get(outcome.value, 0) + 1
        text = " ".join(f"{name} {count}" for name, count in tally.items())
        progress.update(task, advance=1, tally=text)

    redis = create_redis(settings.redis_url, timeout_s=settings.redis_timeout_s)
    context = BounceContext(
        subscriptions=SubscriptionRepository(redis),
        ledger=DigestLedger(redis),
        tokens=BounceTokens(settings.link_secret.get_secret_value()),
        bounce_limit=settings.digest_bounce_limit,
    )
    try:
        with progress:
            return await read_bounces(
                maildir=maildir,
                context=context,
                keep_days=settings.bounce_keep_days,
                on_start=started,
                on_done=done,
            )
    finally:
        await redis.aclose()


def _table(summary: BounceSummary, *, keep_days: int) -> Table:
    table = Table(
        title=f"bounces in {summary.maildir} ({summary.seconds:.1f} s)",
        caption=(f"{summary.pruned} read messages older than {keep_days} days deleted"),
    )
    table.add_column("outcome")
    table.add_column("messages", justify="right")
    for outcome in Outcome:
        table.add_row(outcome.value, str(summary.outcomes[outcome]))
    table.add_row("[bold]total", f"[bold]{summary.messages}")
    return table


def main(argv: Sequence[str] | None = None) -> None:
    settings = Settings()
    arguments = _parse(argv, settings)
    configure_logging(
        service="recommend-bounces",
        level=settings.log_level,
        json=settings.logs_as_json,
    )
    console = Console(stderr=True)

    try:
        maildir = BounceMaildir(arguments.maildir)
        summary = asyncio.run(
            _run(
                settings,
                maildir=maildir,
                console=console,
                bar=not arguments.no_progress,
            )
        )
    except MaildirUnreadable as error:
        log.error("bounce.maildir_unreadable", error=str(error))
        sys.exit(EXIT_NOINPUT)
    finally:
        if settings.bounce_metrics_path is not None:
            write_to_textfile(str(settings.bounce_metrics_path), REGISTRY)

    console.print(_table(summary, keep_days=settings.bounce_keep_days))


if __name__ == "__main__":
    main()
