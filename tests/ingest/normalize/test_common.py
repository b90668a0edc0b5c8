from datetime import UTC, date, datetime

import pytest

from ilteo_common.items import Career, Education, EmploymentType, PayPeriod
from ilteo_ingest.normalize.common import (
    InvalidDate,
    career_from_text,
    clean_html,
    education_from_code,
    employment_type_from_code,
    parse_amount_krw,
    parse_count,
    parse_deadline,
    parse_pay,
    parse_period,
    parse_timestamp,
    split_list,
    strip_bom,
)


class TestStripBom:
    def test_bom_before_xml_declaration_is_removed(self) -> None:
        assert strip_bom('\ufeff<?xml version="1.0"?><a/>').startswith("<?xml")


class TestParseTimestamp:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("202603301015", datetime(2026, 3, 30, 1, 15, tzinfo=UTC)),
            ("20260330101502", datetime(2026, 3, 30, 1, 15, 2, tzinfo=UTC)),
            ("2026-03-30 10:15:02", datetime(2026, 3, 30, 1, 15, 2, tzinfo=UTC)),
            ("20260330", datetime(2026, 3, 29, 15, 0, tzinfo=UTC)),
            ("", None),
            ("soon", None),
            ("202613301015", None),
        ],
    )
    def test_korean_times_become_utc(
        self, text: str, expected: datetime | None
    ) -> None:
        assert parse_timestamp(text) == expected


class TestParseDeadline:
    @pytest.mark.parametrize(
        ("text", "closes_on", "open_until_filled"),
        [
            ("26-04-17", date(2026, 4, 17), False),
            ("채용시까지 26-04-17", date(2026, 4, 17), True),
            ("채용시까지", None, True),
            ("상시채용", None, True),
            ("2026.04.17", date(2026, 4, 17), False),
            ("20260417", date(2026, 4, 17), False),
            ("추후 공지", None, False),
            (None, None, False),
        ],
    )
    def test_closing_wordings(
        self, text: str | None, closes_on: date | None, open_until_filled: bool
    ) -> None:
        deadline = parse_deadline(text)

        assert deadline.closes_on == closes_on
        assert deadline.open_until_filled is open_until_filled
        assert deadline.text == text

    @pytest.mark.parametrize("text", ["26-02-30", "채용시까지 26-13-01", "20261341"])
    def test_impossible_date_is_refused(self, text: str) -> None:
        with pytest.raises(InvalidDate):
            parse_deadline(text)


class TestParsePeriod:
    def test_range_in_one_field(self) -> None:
        period = parse_period("20260301 ~ 20260331")

        assert (period.starts_on, period.ends_on) == (
            date(2026, 3, 1),
            date(2026, 3, 31),
        )
        assert period.text is None

    def test_two_fields(self) -> None:
        period = parse_period("2026-03-01", "2026-03-31")

        assert (period.starts_on, period.ends_on) == (
            date(2026, 3, 1),
            date(2026, 3, 31),
        )

    def test_free_text_is_kept(self) -> None:
        period = parse_period("추후 공지")

        assert (period.starts_on, period.ends_on, period.text) == (
            None,
            None,
            "추후 공지",
        )

    def test_open_end_keeps_its_wording(self) -> None:
        period = parse_period("2026-03-01 ~ 예산 소진시까지")

        assert period.starts_on == date(2026, 3, 1)
        assert period.ends_on is None
        assert period.text == "2026-03-01 ~ 예산 소진시까지"


class TestParsePay:
    def test_monthly_range_from_structured_fields(self) -> None:
        pay = parse_pay(
            "월급 250만원 ~ 300만원",
            period="월급",
            min_krw="2500000",
            max_krw="3000000",
        )

        assert pay is not None
        assert (pay.period, pay.min_krw, pay.max_krw) == (
            PayPeriod.MONTH,
            2_500_000,
            3_000_000,
        )
        assert pay.text == "월급 250만원 ~ 300만원"

    def test_hourly_floor_from_wording(self) -> None:
        pay = parse_pay("시급 10,320원 이상")

        assert pay is not None
        assert (pay.period, pay.min_krw, pay.max_krw) == (PayPeriod.HOUR, 10_320, None)

    def test_decided_after_interview_is_negotiable_without_amount(self) -> None:
        pay = parse_pay("면접 후 결정", period="월급", min_krw="0", max_krw="0")

        assert pay is not None
        assert pay.negotiable
        assert (pay.min_krw, pay.max_krw) == (None, None)
        assert pay.text == "면접 후 결정"

    def test_nothing_stated(self) -> None:
        assert parse_pay(None) is None

    def test_inverted_range_is_refused_by_the_schema(self) -> None:
        with pytest.raises(ValueError, match="above its maximum"):
            parse_pay("월급", period="M", min_krw="3000000", max_krw="2500000")


class TestAmountsAndCounts:
    @pytest.mark.parametrize(
        ("text", "krw"),
        [
            ("1,200백만원", 1_200_000_000),
            ("250만원", 2_500_000),
            ("3억원", 300_000_000),
            ("10,320원", 10_320),
            ("없음", None),
        ],
    )
    def test_amounts_with_units(self, text: str, krw: int | None) -> None:
        assert parse_amount_krw(text) == krw

    @pytest.mark.parametrize(
        ("text", "count"), [("35명", 35), ("1,234명", 1234), ("00명", None), ("", None)]
    )
    def test_head_counts(self, text: str, count: int | None) -> None:
        assert parse_count(text) == count


class TestCodeTables:
    @pytest.mark.parametrize(
        ("code", "kind"),
        [
            ("4", EmploymentType.DISPATCH),
            ("10", EmploymentType.PERMANENT),
            ("11", EmploymentType.PERMANENT),
            ("20", EmploymentType.FIXED_TERM),
            ("21", EmploymentType.FIXED_TERM),
            ("99", None),
        ],
    )
    def test_employment_type_codes(
        self, code: str, kind: EmploymentType | None
    ) -> None:
        assert employment_type_from_code(code)[0] == kind

    @pytest.mark.parametrize(
        ("code", "level"),
        [
            ("00", Education.ANY),
            ("03", Education.HIGH_SCHOOL),
            ("05", Education.UNIVERSITY),
        ],
    )
    def test_education_codes(self, code: str, level: Education) -> None:
        assert education_from_code(code) == level

    @pytest.mark.parametrize(
        ("text", "career", "years"),
        [
            ("신입", Career.NONE, None),
            ("경력(2년 이상)", Career.EXPERIENCED, 2.0),
            ("관계없음", Career.ANY, None),
            ("신입 또는 경력", Career.ANY, None),
            ("Z", Career.ANY, None),
        ],
    )
    def test_career_wordings(
        self, text: str, career: Career, years: float | None
    ) -> None:
        assert career_from_text(text) == (career, years)


class TestTextCleanup:
    def test_html_entities_and_tags(self) -> None:
        text = "&lt;p&gt;중소기업 &amp; 소상공인&lt;/p&gt;&lt;br&gt;지원 &amp;amp; 융자"

        assert clean_html(text) == "중소기업 & 소상공인\n지원 & 융자"

    def test_at_separated_lists(self) -> None:
        assert split_list("기술@금융@@ 수출 ") == ["기술", "금융", "수출"]
