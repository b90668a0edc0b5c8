"""The city's notices as items: kinds, periods, places, audience, eligibility."""

from datetime import UTC, date, datetime
from typing import Any

import pytest
from scrapy.http import HtmlResponse

from ilteo_common.items import (
    Audience,
    CompanySize,
    EmploymentStatus,
    ItemKind,
    JobPosting,
    SupportProgram,
)
from ilteo_ingest.crawl.notices import read_notice
from ilteo_ingest.demo import render
from ilteo_ingest.demo.data import DemoData
from ilteo_ingest.demo.model import Record
from ilteo_ingest.normalize import InvalidRecord, SourceRecord, to_event
from ilteo_ingest.normalize.city import kind_of, notice_period

ROW = {"repSeq": "1500123", "dept": "일자리경제과", "regDate": "2026-11-20"}
TITLE = "2026년 청년 취업 캠프 참가자 모집"


def notice(*lines: str, title: str = TITLE) -> dict[str, Any]:
    """A notice as ``read_notice`` gives it, from its content lines."""
    facts = dict(line.split(": ", 1) for line in lines if ": " in line)
    return {
        "title": title,
        "info": {"담당부서": "일자리경제과", "등록일": "2026-11-20"},
        "facts": facts,
        "lines": list(lines),
        "attachments": [{"name": "신청서.hwp", "url": "http://city.test/comm/1"}],
    }


def item(*lines: str, title: str = TITLE) -> Any:
    record = SourceRecord("city", ROW, "raw", notice(*lines, title=title))
    return to_event(record, correlation_id="test").item


def program(*lines: str, title: str = TITLE) -> SupportProgram:
    found = item(*lines, title=title)
    assert isinstance(found, SupportProgram)
    return found


class TestKind:
    @pytest.mark.parametrize(
        ("title", "facts", "expected"),
        [
            ("2026 남동구 일자리 박람회 개최 안내", {}, "fair"),
            ("2026 청년 채용 한마당 참여 기업 및 구직자 모집", {}, "fair"),
            ("인천교통공사 기간제근로자 채용 공고 (기간연장)", {}, "job"),
            ("(주)한빛물류 물류 사무원 공고", {"담당업무": "입출고 관리"}, "job"),
            ("2026년 중소기업 R&D 인력 채용 지원사업 참여기업 모집", {}, "program"),
            ("2026년 중장년 재취업 지원 프로그램 참여자 모집", {}, "program"),
        ],
    )
    def test_titles_and_facts(
        self, title: str, facts: dict[str, str], expected: str
    ) -> None:
        assert kind_of(title, facts) == expected

    def test_job_notice_is_a_job_posting(self) -> None:
        found = item(
            "신청기간: 2026. 12. 1.(화) ~ 채용 시까지",
            "모집인원: 2명",
            "보수: 월 230만원",
            "응시자격: 공고일 현재 인천광역시에 주민등록이 되어 있는 사람",
            title="인천관광공사 기간제 행정보조원 채용 공고",
        )

        assert isinstance(found, JobPosting)
        assert found.headcount == 2
        assert found.pay is not None
        assert (found.pay.min_krw, found.pay.period) == (2_300_000, "month")
        assert found.open_until_filled
        assert found.closes_on is None
        assert found.deadline_text == "2026. 12. 1.(화) ~ 채용 시까지"

    def test_fair_is_a_program_for_people_and_companies(self) -> None:
        found = program(
            "대상: 구직을 희망하는 인천시민 누구나, 채용을 희망하는 인천 소재 기업",
            title="2026 부평구 일자리 박람회 개최",
        )

        assert found.kind is ItemKind.PROGRAM
        assert found.categories == ["일자리 박람회"]
        assert set(found.audience) == {Audience.INDIVIDUAL, Audience.COMPANY}


class TestPeriod:
    @pytest.mark.parametrize(
        ("text", "starts", "ends", "kept"),
        [
            (
                "2026. 12. 1.(화) ~ 2026. 12. 15.(화)",
                date(2026, 12, 1),
                date(2026, 12, 15),
                None,
            ),
            ("추후 공지", None, None, "추후 공지"),
            ("2026. 12. 1.(화) ~ 채용 시까지", date(2026, 12, 1), None, "…"),
            ("~ 2026. 12. 15.(화) 18:00", None, date(2026, 12, 15), "…"),
            ("2026. 12. 15.(화)까지", None, date(2026, 12, 15), "…"),
            ("2026. 12. 10.(목) 14:00", date(2026, 12, 10), date(2026, 12, 10), "…"),
        ],
    )
    def test_wordings(
        self, text: str, starts: date | None, ends: date | None, kept: str | None
    ) -> None:
        period = notice_period(text)

        assert (period.starts_on, period.ends_on) == (starts, ends)
        assert period.text == (text if kept == "…" else kept)

    def test_to_be_announced_keeps_the_words_and_no_deadline(self) -> None:
        found = program("신청기간: 추후 공지")

        assert found.application_period.text == "추후 공지"
        assert found.closes_on is None
        assert found.deadline_text == "추후 공지"
        assert not found.open_until_filled

    def test_a_date_no_calendar_has_is_refused(self) -> None:
        with pytest.raises(InvalidRecord) as refused:
            item("신청기간: 2026. 02. 30.(월)")

        assert "2026. 02. 30" in refused.value.reason

    def test_posted_at_is_the_registration_day_in_korea(self) -> None:
        assert program().posted_at == datetime(2026, 11, 19, 15, 0, tzinfo=UTC)


class TestPlace:
    @pytest.mark.parametrize(
        ("where", "district"),
        [
            ("인천광역시 중구 운서동 2850-1", "yeongjong-gu"),
            ("인천광역시 중구 제물량로 240 (신포동)", "jemulpo-gu"),
            ("인천광역시 동구 금곡로 12 (창영동)", "jemulpo-gu"),
            ("인천광역시 서구 마전동 123", "geomdan-gu"),
            ("인천광역시 서구 서곶로 37 (신현동)", "seohae-gu"),
            ("인천광역시 영종구 운서동 2850-1", "yeongjong-gu"),
            ("인천광역시 남동구 구월동 1138", "namdong-gu"),
        ],
    )
    def test_old_and_new_names_give_the_current_district(
        self, where: str, district: str
    ) -> None:
        found = program(f"장소: {where}")

        assert found.place.district_id == district
        assert found.place.address == where

    def test_split_district_without_its_dong_stays_unknown(self) -> None:
        assert program("장소: 인천광역시 서구 청사로 1").place.district_id is None

    def test_title_names_the_district_when_the_place_does_not(self) -> None:
        found = program("장소: 추후 공지", title="2026 연수구 일자리 박람회 개최")

        assert found.place.district_id == "yeonsu-gu"


class TestAudienceAndEligibility:
    def test_youth_program(self) -> None:
        found = program("대상: 인천광역시에 거주하는 만 19세 ~ 39세 미취업 청년")

        assert found.audience == [Audience.INDIVIDUAL]
        assert found.categories == ["취업지원"]
        assert (found.eligibility.age_min, found.eligibility.age_max) == (19, 39)
        assert found.eligibility.residence == ["incheon"]
        assert found.eligibility.employment_status == [EmploymentStatus.UNEMPLOYED]

    def test_older_workers_by_floor_and_ceiling(self) -> None:
        found = program(
            "대상: 공고일 현재 인천광역시에 주민등록을 둔 "
            "만 50세 이상 64세 이하 미취업자"
        )

        assert (found.eligibility.age_min, found.eligibility.age_max) == (50, 64)

    def test_company_program(self) -> None:
        found = program(
            "대상: 부평구 소재 중소기업 (기업부설연구소 보유)",
            title="2026년 중소기업 R&D 인력 채용 지원사업 참여기업 모집",
        )

        assert found.audience == [Audience.COMPANY]
        assert found.categories == ["기업지원"]
        assert found.eligibility.residence == ["bupyeong-gu"]
        assert found.eligibility.company_sizes == [
            CompanySize.MICRO,
            CompanySize.SMALL,
            CompanySize.MEDIUM,
        ]

    def test_founder_program(self) -> None:
        found = program("대상: 인천 소재 창업 7년 이내 기업 및 예비창업자")

        assert found.audience == [Audience.FOUNDER, Audience.COMPANY]
        assert found.categories == ["창업지원"]
        assert found.eligibility.company_max_age_years == 7

    def test_conditions_beside_the_target_count_too(self) -> None:
        found = program("대상: 청년", "신청자격: 서구에 주민등록을 둔 만 34세 이하")

        assert found.eligibility.age_max == 34
        assert found.eligibility.residence == ["seohae-gu", "geomdan-gu"]

    def test_without_a_target_the_title_decides(self) -> None:
        found = program(title="2026년 소상공인 고용 유지 지원금 신청 안내")

        assert found.audience == [Audience.COMPANY]


class TestText:
    def test_entities_escaped_twice_are_decoded(self) -> None:
        found = program(
            "지원내용: 직무 교육&middot;모의 면접 &amp; 상담",
            title="2026년 R&amp;D 인력 양성 교육생 모집",
        )

        assert found.title == "2026년 R&D 인력 양성 교육생 모집"
        assert found.support == "직무 교육·모의 면접 & 상담"
        assert found.description is not None
        assert "&middot;" not in found.description

    def test_description_names_the_attachments(self) -> None:
        found = program("모집인원: 30명")

        assert found.description == "모집인원: 30명\n첨부파일: 신청서.hwp"
        assert found.capacity == 30

    def test_url_is_the_notice_without_the_list_page(self) -> None:
        found = program()

        assert (
            str(found.url) == "https://www.incheon.go.kr/IC010205/view?repSeq=1500123"
        )
        assert found.organization == "인천광역시 일자리경제과"


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return DemoData(seed=11, jobs=900, now=datetime(2026, 9, 1, 10, 0))


def served(record: Record) -> SourceRecord:
    """The notice as the spider reads it from the demo site's own HTML."""
    url = f"http://city.test/IC010205/view?repSeq={record.id}"
    response = HtmlResponse(url, body=render.city_detail(record), encoding="utf-8")
    found, html = read_notice(response)
    row = {
        "repSeq": record.id,
        "title": record.payload["title"],
        "dept": record.payload["dept"],
        "regDate": record.payload["regDate"],
    }
    return SourceRecord("city", row, html, found)


class TestDemoNotices:
    def test_clean_notices_match_the_truth(self, demo: DemoData) -> None:
        clean = [r for r in demo.records("city") if r.flaw is None]
        assert {r.extra["kind"] for r in clean} == {"program", "fair", "job"}

        for record in clean:
            found = to_event(served(record), correlation_id="test").item
            truth = record.truth()

            assert found.title == record.title
            assert found.kind == ("job" if truth["kind"] == "job" else "program")
            assert found.place.district_id == (
                record.district.id if record.district else None
            )
            assert found.closes_on == record.closing
            if isinstance(found, SupportProgram):
                assert {a.value for a in found.audience} == set(truth["audience"])
                ages = [found.eligibility.age_min, found.eligibility.age_max]
                assert ages == truth["ages"]
                assert (found.application_period.text == "추후 공지") is truth[
                    "announced_later"
                ]

    def test_flawed_notices_are_refused_with_a_reason(self, demo: DemoData) -> None:
        flawed = [r for r in demo.records("city") if r.flaw is not None]
        assert {r.flaw for r in flawed} == {"missing_title", "bad_date"}

        for record in flawed:
            with pytest.raises(InvalidRecord) as refused:
                to_event(served(record), correlation_id="test")
            assert refused.value.reason
