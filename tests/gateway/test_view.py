"""How the page words deadlines and pay, and how the cache normalises a query."""

import string
from datetime import date

import pytest

import ilteo_gateway.web.view as view
from ilteo_gateway.public.cache import cache_key, normalised_params
from ilteo_gateway.public.schemas import SearchQuery
from ilteo_gateway.web.i18n import CATALOG, Translator

KO = Translator("ko")
EN = Translator("en")
TODAY = date(2026, 12, 3)


class TestDeadline:
    @pytest.mark.parametrize(
        ("closes_on", "korean", "english"),
        [
            ("2026-12-06", "D-3", "3 d left"),
            ("2026-12-04", "D-1", "1 d left"),
            ("2026-12-03", "오늘 마감", "Closes today"),
            ("2026-12-02", "마감", "Closed"),
        ],
    )
    def test_countdown(self, closes_on: str, korean: str, english: str) -> None:
        item = {"closes_on": closes_on}

        assert view.deadline(item, KO, on=TODAY) == korean
        assert view.deadline(item, EN, on=TODAY) == english

    def test_until_filled(self) -> None:
        item = {"closes_on": None, "open_until_filled": True}

        assert view.deadline(item, KO, on=TODAY) == "채용시까지"

    def test_no_deadline_stated(self) -> None:
        assert view.deadline({}, KO, on=TODAY) == ""


class TestPay:
    def test_monthly_range(self) -> None:
        pay = {"period": "month", "month_min": 2_500_000, "month_max": 3_000_000}

        assert view.pay(pay, KO) == "월 2,500,000–3,000,000원"

    def test_hourly_pay_shows_its_monthly_equivalent_and_wording(self) -> None:
        pay = {
            "period": "hour",
            "month_min": 2_156_880,
            "month_max": 2_156_880,
            "text": "시급 10,320원",
        }

        assert view.pay(pay, KO) == "월 2,156,880원 (시급 10,320원)"

    def test_negotiable(self) -> None:
        assert view.pay({"negotiable": True}, EN) == "Negotiable"

    def test_nothing_stated(self) -> None:
        assert view.pay(None, KO) == ""


class TestCatalog:
    def test_every_entry_has_both_languages(self) -> None:
        assert all(ko and en for ko, en in CATALOG.values())

    def test_placeholders_agree(self) -> None:
        for key, (ko, en) in CATALOG.items():
            assert sorted(_fields(ko)) == sorted(_fields(en)), key


def _fields(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


class TestCacheKey:
    def test_same_search_written_differently(self) -> None:
        one = SearchQuery.model_validate(
            {"q": "용접  공", "district": ["namdong-gu", "bupyeong-gu"]}
        )
        other = SearchQuery.model_validate(
            {"district": ["bupyeong-gu", "namdong-gu"], "q": " 용접 공", "size": 20}
        )

        assert cache_key("/v1/search", normalised_params(one)) == cache_key(
            "/v1/search", normalised_params(other)
        )

    def test_different_searches(self) -> None:
        one = SearchQuery.model_validate({"q": "용접", "sort": "newest"})
        other = SearchQuery.model_validate({"q": "용접"})

        assert cache_key("/v1/search", normalised_params(one)) != cache_key(
            "/v1/search", normalised_params(other)
        )
