"""Small pieces every source generator uses: context, names, numbers, dates."""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ilteo_ingest.demo.plan import Plan

_SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
_GIVEN = "민서준지현우하윤도영수진예은성호재경미정희태연"
# 사업자등록번호 check digit weights (국세청 scheme).
_BUSINESS_NUMBER_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


@dataclass(frozen=True)
class Context:
    """What every generator needs: the plan and the moment the data describes."""

    plan: Plan
    now: datetime  # the data set's "now"; revisions are stamped after it

    @property
    def seed(self) -> int:
        return self.plan.seed

    @property
    def today(self) -> date:
        return self.now.date()

    def rng(self, source: str, index: int) -> random.Random:
        """The random stream of one record, independent of every other record."""
        return random.Random(f"{self.seed}:{source}:{index}")

    def revised_at(self, version: int) -> datetime:
        """When revision ``version`` of a record was made (after ``now``)."""
        return self.now + timedelta(minutes=version)


def person_name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN)


def business_number(rng: random.Random) -> str:
    """A 10-digit 사업자등록번호 whose check digit is valid."""
    digits = [int(d) for d in str(rng.randrange(100_000_000, 1_000_000_000))]
    total = sum(d * w for d, w in zip(digits, _BUSINESS_NUMBER_WEIGHTS, strict=True))
    total += digits[8] * 5 // 10
    check = (10 - total % 10) % 10
    return "".join(map(str, digits)) + str(check)


def phone(rng: random.Random) -> str:
    return f"032-{rng.randint(400, 899)}-{rng.randint(1000, 9999)}"


def yy_mm_dd(day: date) -> str:
    """Work24's two-digit-year dates: 26-03-30."""
    return day.strftime("%y-%m-%d")


def ymd(day: date) -> str:
    return day.strftime("%Y%m%d")


def manwon(amount_krw: int) -> str:
    """An amount in 만원 with separators, as postings print monthly and yearly pay."""
    return f"{amount_krw // 10_000:,}만원"


def won(amount_krw: int) -> str:
    return f"{amount_krw:,}원"
