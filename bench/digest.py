"""Digest run throughput, side by side with the bare recommendation calls it makes.

N confirmed daily subscribers (one profile each, kind ``job``) over the fixed
corpus of the recommend tests, one local SMTP server (aiosmtpd, its own process:
``bench/smtp_sink.py``) that accepts everything. Measured in one process, in this
order:

1. bare: ``recommend()`` once per subscriber, the same kind and size a digest asks
   for, with the same number of concurrent workers as the run;
2. digest: ``run_digests()``: claim, recommend, render (Jinja2, MIME), record,
   send over SMTP, mark sent, for every subscriber.

Target: the digest run takes at most 1.5x the bare calls. Prints the ratio and
writes JSON to ``bench/results/``.

    .venv/bin/python bench/digest.py --subscribers 10000
"""

import argparse
import asyncio
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ilteo_common.items import ItemKind  # noqa: E402
from ilteo_recommend.digests.command import digest_context  # noqa: E402
from ilteo_recommend.digests.run import DigestContext, run_digests  # noqa: E402
from ilteo_recommend.digests.schemas import Period, Status  # noqa: E402
from ilteo_recommend.embedding import Embedder, SentenceTransformerEmbedder  # noqa: E402
from ilteo_recommend.profiles import service as profiles  # noqa: E402
from ilteo_recommend.profiles.schemas import IndividualFields  # noqa: E402
from ilteo_recommend.recommendations.service import recommend  # noqa: E402
from ilteo_recommend.settings import DEFAULT_MODEL_PATH, Settings  # noqa: E402
from ilteo_recommend.store import create_redis  # noqa: E402
from ilteo_stack.stack import Stack  # noqa: E402
from tests.conftest import free_port  # noqa: E402
from tests.recommend.corpus import create_index, documents  # noqa: E402

RESULTS = ROOT / "bench" / "results"
REDIS_DB = 7  # no other test or benchmark uses it
OCCUPATIONS = [
    "용접원",
    "지게차운전원",
    "요양보호사",
    "조리사",
    "웹개발자",
    "간호조무사",
]
DISTRICTS = ["부평구", "남동구", "연수구", "미추홀구", "계양구", "제물포구"]


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


class SmtpSink:
    """``bench/smtp_sink.py`` in its own process; ``count`` once it stopped."""

    def __init__(self, port: int, count_file: Path) -> None:
        self.port = port
        self._count_file = count_file
        self.count = 0

    @classmethod
    @contextmanager
    def running(cls) -> Iterator["SmtpSink"]:
        with tempfile.TemporaryDirectory() as folder:
            count_file = Path(folder) / "count"
            sink = cls(free_port(), count_file)
            process = subprocess.Popen(
                [
                    sys.executable,
                    str(ROOT / "bench" / "smtp_sink.py"),
                    "--port",
                    str(sink.port),
                    "--count-file",
                    str(count_file),
                ]
            )
            try:
                deadline = time.monotonic() + 30
                while not count_file.is_file():
                    if process.poll() is not None or time.monotonic() > deadline:
                        sys.exit("the SMTP sink did not start")
                    time.sleep(0.1)
                yield sink
            finally:
                process.terminate()
                process.wait(timeout=30)
                text = count_file.read_text().strip()
                sink.count = int(text) if text.isdigit() else 0


class CachingEmbedder:
    """Embeds each distinct profile text once; the profiles repeat a few texts."""

    def __init__(self, inner: SentenceTransformerEmbedder) -> None:
        self.dimension = inner.dimension
        self._inner = inner
        self._cache: dict[str, np.ndarray] = {}

    def embed_query(self, text: str) -> np.ndarray:
        if text not in self._cache:
            self._cache[text] = self._inner.embed_query(text)
        return self._cache[text]

    async def embed(self, text: str) -> np.ndarray:
        if text not in self._cache:
            self._cache[text] = await self._inner.embed(text)
        return self._cache[text]


def profile_fields(rng: random.Random) -> IndividualFields:
    return IndividualFields(
        audience="individual",
        desired_occupations=[rng.choice(OCCUPATIONS)],
        career_years=rng.choice([0, 3, 8]),
        preferred_districts=[rng.choice(DISTRICTS)],
        birth_year=rng.choice([1970, 1985, 1999]),
    )


async def populate(context: DigestContext, embedder: Embedder, count: int) -> list[Any]:
    rng = random.Random(7)
    now = datetime.now(UTC).isoformat()
    profile_ids = []
    for index in range(count):
        profile = await profiles.create(
            repository=context.profile_repository,
            embedder=embedder,
            owner=f"bench-{index}",
            fields=profile_fields(rng),
        )
        subscription = {
            "id": str(uuid.uuid4()),
            "profile_id": str(profile.id),
            "email": f"bench-{index}@example.kr",
            "period": Period.DAILY.value,
            "kinds": ItemKind.JOB.value,
            "status": Status.CONFIRMED.value,
            "nonce": secrets.token_urlsafe(12),
            "created_at": now,
            "updated_at": now,
            "confirmed_at": now,
            "permanent_failures": "0",
        }
        await context.subscriptions.replace(subscription)
        await context.subscriptions.change(
            profile.id,
            subscription_id=uuid.UUID(subscription["id"]),
            changes={},
            subscribed_to=Period.DAILY.value,
        )
        profile_ids.append(profile.id)
        if (index + 1) % 1000 == 0:
            say(f"  {index + 1} subscribers")
    return profile_ids


async def bare_calls(
    context: DigestContext, profile_ids: list[Any], *, concurrency: int
) -> float:
    pending = list(profile_ids)
    size = context.options.items_per_kind

    async def worker() -> None:
        while pending:
            profile_id = pending.pop()
            profile = await context.profile_repository.get(profile_id)
            assert profile is not None
            await recommend(
                profile_repository=context.profile_repository,
                feedback_repository=context.feedback_repository,
                items=context.items,
                embedder=context.embedder,
                owner=profile.owner,
                profile_id=profile_id,
                kind=ItemKind.JOB,
                size=size,
                tuning=context.tuning,
            )

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - started


async def measure(settings: Settings, count: int) -> dict[str, Any]:
    async with digest_context(settings) as context:
        redis = create_redis(settings.redis_url, timeout_s=30)
        await redis.flushdb()
        embedder = CachingEmbedder(
            SentenceTransformerEmbedder(path=DEFAULT_MODEL_PATH, torch_threads=1)
        )
        say(f"creating {count} subscribers ...")
        profile_ids = await populate(context, embedder, count)

        await bare_calls(
            context, profile_ids[:50], concurrency=settings.digest_concurrency
        )
        say("bare recommendation calls ...")
        bare_s = await bare_calls(
            context, profile_ids, concurrency=settings.digest_concurrency
        )
        say("digest run ...")
        summary = await run_digests(
            context=context, period=Period.DAILY, now=datetime.now(UTC)
        )
        await redis.flushdb()
        await redis.aclose()

    return {
        "subscribers": count,
        "concurrency": settings.digest_concurrency,
        "bare_seconds": round(bare_s, 2),
        "bare_per_s": round(count / bare_s, 1),
        "digest_seconds": round(summary.seconds, 2),
        "digests_per_s": round(count / summary.seconds, 1),
        "ratio_digest_to_bare": round(summary.seconds / bare_s, 3),
        "sent": summary.sent,
        "outcomes": {k.value: v for k, v in summary.outcomes.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=4)
    arguments = parser.parse_args()

    stack = Stack()
    say("indexing the fixed corpus ...")
    with (
        httpx.Client(base_url=stack.settings.opensearch_url, timeout=120) as client,
        SmtpSink.running() as smtp,
    ):
        index, alias = create_index(client, documents(), prefix="bench-digest")
        try:
            settings = Settings(
                environment="test",
                service_token=secrets.token_urlsafe(24),
                link_secret=secrets.token_urlsafe(32),
                opensearch_url=stack.settings.opensearch_url,
                items_index=alias,
                redis_url=stack.settings.redis_url(REDIS_DB),
                smtp_port=smtp.port,
                public_base_url="https://ilteo.example.kr",
                digest_rate_per_s=1_000_000,
                digest_concurrency=arguments.concurrency,
            )
            result = asyncio.run(measure(settings, arguments.subscribers))
        finally:
            client.delete(f"/{index}")
    result["accepted_by_smtp"] = smtp.count

    result["machine_cores"] = os.cpu_count()
    say(json.dumps(result, indent=2, ensure_ascii=False))
    verdict = "meets" if result["ratio_digest_to_bare"] <= 1.5 else "misses"
    say(
        f"digest run / bare calls = {result['ratio_digest_to_bare']:.2f} "
        f"({verdict} the 1.5 target)"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"digest-{stamp}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    say(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
