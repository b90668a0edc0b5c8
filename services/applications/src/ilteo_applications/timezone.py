"""Asia/Seoul: application periods and receipt years are reckoned in Korean time."""

from datetime import datetime
from zoneinfo import ZoneInfo

KST = ZoneInfo("Asia/Seoul")


def in_kst(value: datetime) -> datetime:
    """A time without an offset is taken as Korean time; others are converted."""
    if value.tzinfo is None:
        return value.replace(tzinfo=KST)
    return value.astimezone(KST)


def now_kst() -> datetime:
    return datetime.now(KST)
