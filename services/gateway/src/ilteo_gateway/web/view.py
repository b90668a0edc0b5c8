"""How items read on the page: deadlines as countdowns, pay in won, labels."""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from ilteo_gateway.web.i18n import Translator
from ilteo_places import DISTRICTS

SEOUL = ZoneInfo("Asia/Seoul")


def today() -> date:
    return datetime.now(SEOUL).date()


def deadline(item: dict[str, Any], t: Translator, *, on: date | None = None) -> str:
    """D-3, 오늘 마감, 마감 or 채용시까지."""
    closes_on = item.get("closes_on")
    if not closes_on:
        return t("deadline.until_filled") if item.get("open_until_filled") else ""
    days = (date.fromisoformat(str(closes_on)[:10]) - (on or today())).days
    if days < 0:
        return t("deadline.closed")
    if days == 0:
        return t("deadline.today")
    return t("deadline.days", days=days)


def won(amount: int | float) -> str:
    return f"{int(amount):,}"


def pay(pay: dict[str, Any] | None, t: Translator) -> str:
    """Pay normalised per month (as the indexer converts it), else as stated."""
    if not pay:
        return ""
    low, high = pay.get("month_min"), pay.get("month_max")
    if low or high:
        amounts = "–".join(won(a) for a in (low, high) if a)
        if low and high and low == high:
            amounts = won(low)
        text = t("pay.month", amount=amounts)
        if pay.get("period") not in (None, "month") and pay.get("text"):
            text += f" ({pay['text']})"
        return text
    if pay.get("negotiable"):
        return t("pay.negotiable")
    return str(pay.get("text") or "")


def item_pay(item: dict[str, Any], t: Translator) -> str:
    """Pay of a full item: the stated amount, with its monthly equivalent."""
    stated = item.get("pay") or {}
    period = stated.get("period")
    low, high = stated.get("min_krw"), stated.get("max_krw")
    if not (low or high):
        return t("pay.negotiable") if stated.get("negotiable") else ""
    amounts = "–".join(won(a) for a in (low, high) if a)
    if period == "hour":
        text = t("pay.hour", amount=amounts)
    elif period == "month":
        text = t("pay.month", amount=amounts)
    else:
        text = f"{amounts} ({period})"
    return text


def district_name(district: dict[str, Any] | None, language: str) -> str:
    if not district:
        return ""
    return str(district["name_en" if language == "en" else "name_ko"])


def facet_label(name: str, bucket: dict[str, Any], t: Translator) -> str:
    """A facet value in the page's language where the catalog knows it."""
    key = f"{name}.{bucket['value']}"
    if t.has(key):
        return t(key)
    if name == "district" and t.language == "en":
        return district_name(_district(bucket["value"]), "en") or bucket["label"]
    return str(bucket["label"])


def _district(district_id: str) -> dict[str, Any] | None:
    for district in DISTRICTS:
        if district.id == district_id:
            return {"name_ko": district.name_ko, "name_en": district.name_en}
    return None


def district_label(district_id: str, language: str) -> str:
    return district_name(_district(district_id), language) or district_id
