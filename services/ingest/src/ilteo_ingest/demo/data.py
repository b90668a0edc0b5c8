"""A demo data set: every source's records, generated on demand, and their truth.

Records are built from (seed, source, index) when first asked for and kept in a
bounded cache, so 200,000 postings cost nothing until they are served.
``revise`` makes a newer version of some records, as a provider's edit would.
"""

import functools
import random
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, Protocol

from ilteo_ingest.demo import geography
from ilteo_ingest.demo.city import city_record
from ilteo_ingest.demo.common import Context
from ilteo_ingest.demo.jobs import work24_record
from ilteo_ingest.demo.model import SOURCE_IDS, Record
from ilteo_ingest.demo.plan import Plan, make_plan
from ilteo_ingest.demo.programs import (
    bizinfo_record,
    hrd_record,
    kstartup_record,
    youth_record,
)
from ilteo_ingest.demo.public import jobalio_record, narailter_record

DEFAULT_SEED = 7
DEFAULT_JOBS = 3_000
# Big enough to hold every record of the largest non-job source at once.
_CACHE_SIZE = 40_000


class _Builder(Protocol):
    def __call__(self, ctx: Context, index: int, *, version: int = 0) -> Record: ...


_BUILDERS: dict[str, _Builder] = {
    "work24": work24_record,
    "hrd": hrd_record,
    "youth": youth_record,
    "bizinfo": bizinfo_record,
    "kstartup": kstartup_record,
    "narailter": narailter_record,
    "jobalio": jobalio_record,
    "city": city_record,
}

# How the index of a record is read back from its natural id.
_INDEX_OF_ID: dict[str, Callable[[str, int], int]] = {
    "work24": lambda id_, _size: int(id_[-6:]),
    "hrd": lambda id_, _size: int(id_.split("-")[1][-5:]),
    "youth": lambda id_, _size: int(id_[-8:]),
    "bizinfo": lambda id_, _size: int(id_.removeprefix("PBLN_")) - 100_000,
    "kstartup": lambda id_, size: 176_000 + size - int(id_),
    "narailter": lambda id_, size: 400_000 + size - int(id_),
    "jobalio": lambda id_, size: 290_000 + size - int(id_),
    "city": lambda id_, size: 1_500_000 + size - int(id_),
}


class DemoData:
    """The generated records of every source, with their ground truth.

    The same ``seed``, ``jobs`` and ``now`` give the same records, byte for byte.
    """

    def __init__(
        self,
        *,
        seed: int = DEFAULT_SEED,
        jobs: int = DEFAULT_JOBS,
        now: datetime | None = None,
    ) -> None:
        moment = (now or datetime.now()).replace(second=0, microsecond=0)
        self.plan: Plan = make_plan(seed=seed, jobs=jobs)
        self.context = Context(self.plan, moment)
        self._versions: dict[tuple[str, int], int] = {}
        self._rounds: Counter[str] = Counter()
        self._build = functools.lru_cache(maxsize=_CACHE_SIZE)(self._generate)

    @property
    def seed(self) -> int:
        return self.plan.seed

    @property
    def now(self) -> datetime:
        return self.context.now

    def size(self, source: str) -> int:
        return self.plan.sizes[source]

    def record(self, source: str, index: int) -> Record:
        """Record ``index`` of a source, in its latest version."""
        if not 0 <= index < self.size(source):
            raise IndexError(f"{source} has no record {index}")
        return self._build(source, index, self._versions.get((source, index), 0))

    def records(self, source: str) -> Iterator[Record]:
        """Every record of a source, in the order its list pages serve them."""
        for index in range(self.size(source)):
            yield self.record(source, index)

    def page(self, source: str, start: int, count: int) -> list[Record]:
        stop = min(self.size(source), start + count)
        return [self.record(source, index) for index in range(max(start, 0), stop)]

    def find(self, source: str, record_id: str) -> Record | None:
        """The record with a natural id, or None if the source has no such id."""
        try:
            index = _INDEX_OF_ID[source](record_id, self.size(source))
            record = self.record(source, index)
        except (ValueError, IndexError):
            return None
        return record if record.id == record_id else None

    def revise(self, source: str, count: int) -> list[Record]:
        """Publish a newer version of ``count`` records, chosen by seed and round.

        A revision moves the record's modification time after ``now`` and
        changes its title and closing date, as an extended deadline would.
        """
        self._rounds[source] += 1
        rng = random.Random(f"{self.seed}:{source}:revise:{self._rounds[source]}")
        clean = [
            i for i in range(self.size(source)) if i not in self.plan.flaws[source]
        ]
        chosen = sorted(rng.sample(clean, min(count, len(clean))))
        for index in chosen:
            self._versions[(source, index)] = self._versions.get((source, index), 0) + 1
        return [self.record(source, index) for index in chosen]

    def summary(self) -> dict[str, Any]:
        """The ground truth that needs no record generated: sizes, flaws, copies."""
        return {
            "seed": self.seed,
            "now": self.now.isoformat(),
            "sizes": dict(self.plan.sizes),
            "flaws": {
                source: {
                    self.record(source, index).id: flaw.value
                    for index, flaw in sorted(self.plan.flaws[source].items())
                }
                for source in SOURCE_IDS
            },
            "duplicates": self._duplicates(),
            "revised": {
                f"{source}:{self.record(source, index).id}": version
                for (source, index), version in sorted(self._versions.items())
            },
        }

    def _duplicates(self) -> list[dict[str, str]]:
        pairs = []
        for original, (source, index) in sorted(self.plan.copies.items()):
            copy = self.record(source, index)
            work24 = self.record("work24", original)
            pairs.append({"original": work24.key, "copy": copy.key})
        return pairs

    def _generate(self, source: str, index: int, version: int) -> Record:
        return _BUILDERS[source](self.context, index, version=version)


def warm_up() -> None:
    """Load the 법정동 polygons now, not on the first request."""
    geography.warm_up()
