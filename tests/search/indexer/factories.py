"""Item events for the indexer's tests: small, seeded, Korean."""

import random
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ilteo_common.events import ItemEvent, encode
from ilteo_common.items import (
    EmploymentType,
    GeoPoint,
    JobPosting,
    Pay,
    PayPeriod,
    Place,
)

TITLES = ("용접공 모집", "요양보호사 구인", "주방 보조 아르바이트", "경리 사무원 채용")
COMPANIES = ("(주)인천정밀", "한빛요양원", "바다식당", "주식회사 송도물류")
ADDRESSES = (
    "인천광역시 남동구 논현동 123",
    "인천 부평구 부평동 45-1",
    "인천광역시 연수구 송도동 7",
    "인천 서구 마전동 88",
)

MODIFIED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def posting(number: int, **changes: Any) -> JobPosting:
    rng = random.Random(number)
    fields: dict[str, Any] = {
        "title": f"{rng.choice(TITLES)} {number}",
        "organization": rng.choice(COMPANIES),
        "description": "성실하신 분을 찾습니다. 4대보험, 중식 제공.",
        "occupation": "생산직",
        "employment_type": EmploymentType.PERMANENT,
        "pay": Pay(period=PayPeriod.MONTH, min_krw=2_500_000, max_krw=3_000_000),
        "place": Place(address=rng.choice(ADDRESSES)),
        "closes_on": date(2099, 12, 31),
    }
    return JobPosting(**(fields | changes))


def event(
    number: int,
    *,
    source: str = "work24",
    modified_at: datetime = MODIFIED,
    item: JobPosting | None = None,
) -> ItemEvent:
    return ItemEvent(
        kind="job",
        source=source,
        source_id=f"K{number:07d}",
        modified_at=modified_at,
        item=item or posting(number),
        raw="{}",
    )


def message(item_event: ItemEvent) -> tuple[bytes, bytes]:
    return item_event.key.encode(), encode(item_event)


def later(item_event: ItemEvent, *, minutes: int, title: str) -> ItemEvent:
    return item_event.model_copy(
        update={
            "event_id": uuid.uuid4(),
            "modified_at": item_event.modified_at + timedelta(minutes=minutes),
            "item": item_event.item.model_copy(update={"title": title}),
        }
    )


INCHEON_HALL = GeoPoint(lat=37.4563, lon=126.7052)
