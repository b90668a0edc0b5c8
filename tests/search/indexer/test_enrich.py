"""Enrichment rules as tables: pay, minimum wage, status, districts, clusters."""

from datetime import UTC, date, datetime, timedelta

import pytest

from ilteo_common.items import GeoPoint, Pay, PayPeriod, Place
from ilteo_search.embedding import FakeEmbedder
from ilteo_search.indexer.enrich import (
    Clock,
    Status,
    below_minimum_wage,
    cluster_id,
    current_district,
    pay_fields,
    status,
)
from tests.search.indexer.factories import posting

# 2026-12-01 00:30 in Seoul is still 2026-11-30 in UTC.
NOW = datetime(2026, 11, 30, 15, 30, tzinfo=UTC)
CLOCK = Clock(now=NOW, retire_after_days=60)


class TestPayFields:
    @pytest.mark.parametrize(
        ("period", "amount", "hour", "month"),
        [
            (PayPeriod.HOUR, 10_320, 10_320, 2_156_880),
            (PayPeriod.DAY, 100_000, 12_500, 2_612_500),
            (PayPeriod.MONTH, 2_090_000, 10_000, 2_090_000),
            (PayPeriod.YEAR, 36_000_000, 14_354, 3_000_000),
        ],
    )
    def test_converts_through_hours(
        self, period: PayPeriod, amount: int, hour: int, month: int
    ) -> None:
        fields = pay_fields(Pay(period=period, min_krw=amount, max_krw=amount))

        assert fields["pay_hour_min"] == fields["pay_hour_max"] == hour
        assert fields["pay_month_min"] == fields["pay_month_max"] == month

    def test_no_pay_is_not_stated_and_has_no_amount(self) -> None:
        fields = pay_fields(None)

        assert fields == {"pay_stated": False, "pay_negotiable": False}

    def test_negotiable_pay_is_stated_without_an_amount(self) -> None:
        fields = pay_fields(Pay(negotiable=True, text="면접 후 결정"))

        assert fields["pay_stated"] is True
        assert fields["pay_negotiable"] is True
        assert "pay_month_min" not in fields
        assert "below_minimum_wage" not in fields

    def test_only_a_maximum_fills_only_the_maximum(self) -> None:
        fields = pay_fields(Pay(period=PayPeriod.MONTH, max_krw=3_000_000))

        assert fields["pay_month_max"] == 3_000_000
        assert "pay_month_min" not in fields


class TestBelowMinimumWage:
    @pytest.mark.parametrize(
        ("period", "lowest", "below"),
        [
            (PayPeriod.HOUR, 10_320, False),
            (PayPeriod.HOUR, 10_319, True),
            (PayPeriod.DAY, 82_560, False),
            (PayPeriod.DAY, 80_000, True),
            (PayPeriod.MONTH, 2_156_880, False),
            (PayPeriod.MONTH, 2_156_879, True),
            (PayPeriod.YEAR, 25_882_560, False),
            (PayPeriod.YEAR, 24_000_000, True),
        ],
    )
    def test_compares_the_lowest_amount_exactly(
        self, period: PayPeriod, lowest: int, below: bool
    ) -> None:
        assert below_minimum_wage(Pay(period=period, min_krw=lowest)) is below

    def test_a_range_counts_by_its_minimum(self) -> None:
        pay = Pay(period=PayPeriod.HOUR, min_krw=9_860, max_krw=12_000)

        assert below_minimum_wage(pay) is True

    def test_zero_is_below_and_not_the_same_as_not_stated(self) -> None:
        assert below_minimum_wage(Pay(period=PayPeriod.MONTH, min_krw=0)) is True
        assert below_minimum_wage(Pay(negotiable=True)) is None


class TestStatus:
    @pytest.mark.parametrize(
        ("closes_on", "until_filled", "unchanged_days", "expected"),
        [
            (date(2026, 12, 1), False, 1, Status.OPEN),  # today in Seoul
            (date(2026, 11, 30), False, 1, Status.CLOSED),  # yesterday in Seoul
            (None, True, 59, Status.OPEN),
            (None, True, 61, Status.RETIRED),
            (date(2026, 12, 24), True, 90, Status.OPEN),  # a date wins over 채용시까지
            (None, False, 400, Status.OPEN),
        ],
    )
    def test_follows_the_deadline_in_seoul(
        self,
        closes_on: date | None,
        until_filled: bool,
        unchanged_days: int,
        expected: Status,
    ) -> None:
        item = posting(1, closes_on=closes_on, open_until_filled=until_filled)
        modified_at = NOW - timedelta(days=unchanged_days)

        assert status(item, modified_at=modified_at, clock=CLOCK) is expected


class TestCurrentDistrict:
    @pytest.mark.parametrize(
        ("place", "district_id"),
        [
            (Place(address="인천광역시 서구 마전동 123"), "geomdan-gu"),
            (Place(address="인천 중구 운서동 2850"), "yeongjong-gu"),
            (Place(address="인천광역시 동구 송림동 1"), "jemulpo-gu"),
            (Place(address="인천 남동구 구월동 1138"), "namdong-gu"),
            (Place(point=GeoPoint(lat=37.4563, lon=126.7052)), "namdong-gu"),
            (Place(point=GeoPoint(lat=37.4602, lon=126.4407)), "yeongjong-gu"),
            (Place(district_id="28177"), "michuhol-gu"),
            (Place(region_text="인천 부평구"), "bupyeong-gu"),
        ],
    )
    def test_reads_points_addresses_and_old_names(
        self, place: Place, district_id: str
    ) -> None:
        district = current_district(place)

        assert district is not None
        assert district.id == district_id

    def test_a_point_outside_incheon_falls_back_to_the_address(self) -> None:
        seoul = GeoPoint(lat=37.5665, lon=126.9780)
        place = Place(point=seoul, address="인천 연수구 송도동 7")

        district = current_district(place)

        assert district is not None
        assert district.id == "yeonsu-gu"

    def test_the_old_west_district_alone_is_too_vague(self) -> None:
        assert current_district(Place(region_text="인천 서구")) is None


class TestClusterId:
    def test_the_same_job_from_two_sources_shares_it(self) -> None:
        work24 = posting(
            1, organization="(주)인천정밀", title="[남동구] CNC 용접공 모집"
        )
        saramin = posting(1, organization="인천정밀 주식회사", title="CNC 용접공  모집")

        assert cluster_id(work24, district_id="namdong-gu") == cluster_id(
            saramin, district_id="namdong-gu"
        )

    @pytest.mark.parametrize(
        ("changes", "district_id"),
        [
            ({"organization": "(주)송도정밀"}, "namdong-gu"),
            ({"title": "CNC 선반공 모집"}, "namdong-gu"),
            ({}, "bupyeong-gu"),
        ],
    )
    def test_another_company_title_or_district_does_not(
        self, changes: dict[str, str], district_id: str
    ) -> None:
        base = posting(1, organization="(주)인천정밀", title="CNC 용접공 모집")
        other = posting(1, **({"organization": "(주)인천정밀"} | changes))
        other = other.model_copy(update={"title": changes.get("title", base.title)})

        assert cluster_id(base, district_id="namdong-gu") != cluster_id(
            other, district_id=district_id
        )


class TestFakeEmbedder:
    def test_gives_equal_unit_vectors_for_equal_texts(self) -> None:
        embedder = FakeEmbedder()

        first, again, other = embedder.embed_documents(["용접공 모집"] * 2 + ["경리"])

        assert first == again != other
        assert sum(x * x for x in first) == pytest.approx(1.0)
        assert len(embedder.embed_query("")) == 384
