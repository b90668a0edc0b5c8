"""The layout of a demo data set, fixed before any record is generated.

Sizes, which records carry a deliberate flaw and which jobs appear in two
sources are all chosen here from the seed alone, so a record can be generated
on its own from (seed, source, index) and the ground truth can be listed
without generating 200,000 postings.
"""

import random
from dataclasses import dataclass

from ilteo_ingest.demo.model import SOURCE_IDS, Flaw

# Records of each other source per job posting, and the floor for small runs.
_SHARE_OF_JOBS = {
    "hrd": 1 / 10,
    "youth": 1 / 20,
    "bizinfo": 1 / 12,
    "kstartup": 1 / 15,
    "narailter": 1 / 10,
    "jobalio": 1 / 12,
    "city": 1 / 15,
}
_MINIMUM_SIZE = 40
# Benchmarks scale the jobs; the other sources stop growing here.
_MAXIMUM_OTHER_SIZE = 10_000
# One record in this many carries a flaw (at least _MINIMUM_FLAWS per source).
_FLAW_RATE = 250
_MINIMUM_FLAWS = 4
_XML_SOURCES = ("work24", "narailter")
_FLAWS_OF: dict[str, tuple[Flaw, ...]] = {
    "work24": (Flaw.MISSING_TITLE, Flaw.BAD_DATE, Flaw.PAY_INVERTED),
}
_DEFAULT_FLAWS = (Flaw.MISSING_TITLE, Flaw.BAD_DATE)
# Share of 나라일터 records and of the city's notices that copy a Work24 job.
_DUPLICATE_SHARE = {"narailter": 1 / 8, "city": 1 / 10}


@dataclass(frozen=True)
class Plan:
    seed: int
    sizes: dict[str, int]
    flaws: dict[str, dict[int, Flaw]]  # source -> index -> flaw
    # Work24 index -> (other source, its index), and the reverse.
    copies: dict[int, tuple[str, int]]
    originals: dict[tuple[str, int], int]

    def flaw(self, source: str, index: int) -> Flaw | None:
        return self.flaws[source].get(index)


def make_plan(*, seed: int, jobs: int) -> Plan:
    """Sizes, flaws and duplicates for ``jobs`` Work24 postings."""
    if jobs < _MINIMUM_SIZE:
        raise ValueError(f"jobs must be at least {_MINIMUM_SIZE}")
    sizes = {"work24": jobs} | {
        source: min(_MAXIMUM_OTHER_SIZE, max(_MINIMUM_SIZE, round(jobs * share)))
        for source, share in _SHARE_OF_JOBS.items()
    }
    flaws = {source: _flaws(seed, source, sizes[source]) for source in SOURCE_IDS}
    copies = _copies(seed, sizes, flaws)
    originals = {target: index for index, target in copies.items()}
    return Plan(seed, sizes, flaws, copies, originals)


def _flaws(seed: int, source: str, size: int) -> dict[int, Flaw]:
    rng = random.Random(f"{seed}:{source}:flaws")
    kinds = _FLAWS_OF.get(source, _DEFAULT_FLAWS)
    count = max(_MINIMUM_FLAWS, size // _FLAW_RATE)
    order = [kinds[i % len(kinds)] for i in range(count)]
    if source in _XML_SOURCES:
        # Exactly one, so that exactly one list page fails to parse.
        order.insert(0, Flaw.BROKEN_ENTITY)
    return dict(zip(rng.sample(range(size), len(order)), order, strict=True))


def _copies(
    seed: int, sizes: dict[str, int], flaws: dict[str, dict[int, Flaw]]
) -> dict[int, tuple[str, int]]:
    rng = random.Random(f"{seed}:copies")
    targets: list[tuple[str, int]] = []
    for source, share in _DUPLICATE_SHARE.items():
        clean = [i for i in range(sizes[source]) if i not in flaws[source]]
        count = max(3, round(sizes[source] * share))
        targets += [(source, i) for i in sorted(rng.sample(clean, count))]
    clean_jobs = [i for i in range(sizes["work24"]) if i not in flaws["work24"]]
    originals = rng.sample(clean_jobs, len(targets))
    return dict(zip(originals, targets, strict=True))
