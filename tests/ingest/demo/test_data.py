"""The demo generator: determinism, sizes, places, flaws, duplicates, revisions."""

import hashlib
import json
import os
import re
import subprocess
from collections import Counter
from datetime import date, datetime

import pytest

from ilteo_ingest.demo import SOURCE_IDS, DemoData, Flaw
from ilteo_ingest.demo.jobs import MINIMUM_MONTHLY_KRW
from ilteo_places import DISTRICTS, district_from_address, districts_at
from tests.conftest import ROOT

NOW = datetime(2026, 12, 3, 9, 0)
SOURCES_WITH_POINTS = ("work24", "hrd", "narailter", "city")


@pytest.fixture(scope="module")
def data() -> DemoData:
    return DemoData(seed=7, jobs=3_000, now=NOW)


def digest(data: DemoData) -> str:
    payloads = [
        [record.payload, record.detail]
        for source in SOURCE_IDS
        for record in data.records(source)
    ]
    text = json.dumps(payloads, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


class TestDeterminism:
    def test_same_seed_gives_the_same_records(self) -> None:
        first = DemoData(seed=11, jobs=300, now=NOW)
        second = DemoData(seed=11, jobs=300, now=NOW)

        assert digest(first) == digest(second)

    def test_another_seed_gives_other_records(self) -> None:
        first = DemoData(seed=11, jobs=300, now=NOW)
        second = DemoData(seed=12, jobs=300, now=NOW)

        assert digest(first) != digest(second)

    def test_records_do_not_depend_on_the_hash_seed_of_the_process(self) -> None:
        script = (
            "from datetime import datetime\n"
            "from ilteo_ingest.demo import DemoData\n"
            "from tests.ingest.demo.test_data import digest\n"
            "print(digest(DemoData(seed=3, jobs=100, now=datetime(2026, 12, 3, 9))))"
        )
        digests = {
            subprocess.run(
                [str(ROOT / ".venv/bin/python"), "-c", script],
                env=os.environ | {"PYTHONHASHSEED": hash_seed},
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            for hash_seed in ("1", "2")
        }

        assert digests == {digest(DemoData(seed=3, jobs=100, now=NOW))}

    def test_a_record_is_the_same_alone_or_after_others(self) -> None:
        alone = DemoData(seed=5, jobs=500, now=NOW).record("work24", 321)
        walked = list(DemoData(seed=5, jobs=500, now=NOW).records("work24"))[321]

        assert alone.payload == walked.payload


class TestSizes:
    def test_default_sizes(self, data: DemoData) -> None:
        sizes = data.plan.sizes

        assert sizes["work24"] == 3_000
        assert all(100 <= sizes[source] <= 400 for source in SOURCE_IDS[1:])

    def test_benchmark_size_is_planned_without_generating(self) -> None:
        big = DemoData(seed=7, jobs=200_000, now=NOW)

        assert big.size("work24") == 200_000
        assert big.record("work24", 199_999).id.endswith("199999")
        assert max(big.size(source) for source in SOURCE_IDS[1:]) == 10_000

    def test_too_few_jobs_are_refused(self) -> None:
        with pytest.raises(ValueError, match="at least"):
            DemoData(jobs=10)


class TestPlaces:
    def test_every_district_has_postings(self, data: DemoData) -> None:
        counts = Counter(r.district.id for r in data.records("work24") if r.district)

        assert set(counts) == {district.id for district in DISTRICTS}

    def test_bigger_districts_have_more_postings(self, data: DemoData) -> None:
        counts = Counter(r.district.id for r in data.records("work24") if r.district)

        assert counts["namdong-gu"] > counts["ganghwa-gun"] > counts["ongjin-gun"]
        assert counts["bupyeong-gu"] > counts["geomdan-gu"]

    @pytest.mark.parametrize("source", SOURCES_WITH_POINTS)
    def test_every_point_lies_in_its_district(
        self, data: DemoData, source: str
    ) -> None:
        records = [record for record in data.records(source) if record.point]
        found = districts_at(
            [record.point[0] for record in records if record.point],
            [record.point[1] for record in records if record.point],
        )

        assert records
        assert [d.id if d else None for d in found] == [
            record.district.id if record.district else None for record in records
        ]

    def test_work24_addresses_name_the_district_of_the_point(
        self, data: DemoData
    ) -> None:
        for record in data.records("work24"):
            district = district_from_address(record.payload["basicAddr"])

            assert district == record.district, record.payload["basicAddr"]

    def test_work24_prints_old_and_new_district_names(self, data: DemoData) -> None:
        regions = Counter(r.payload["region"] for r in data.records("work24"))

        old_and_new = {"중구", "영종구", "제물포구", "서구", "검단구", "서해구"}
        assert {f"인천광역시 {name}" for name in old_and_new} <= set(regions)

    def test_old_names_of_split_districts_carry_the_dong(self, data: DemoData) -> None:
        yeongjong = [
            r.payload["basicAddr"]
            for r in data.records("work24")
            if r.district and r.district.id == "yeongjong-gu"
        ]

        assert any(address.startswith("인천광역시 중구 ") for address in yeongjong)
        assert any(address.startswith("인천광역시 영종구 ") for address in yeongjong)


class TestFlaws:
    @pytest.mark.parametrize("source", SOURCE_IDS)
    def test_flawed_records_are_the_planned_ones(
        self, data: DemoData, source: str
    ) -> None:
        flawed = {r.index: r.flaw for r in data.records(source) if r.flaw}

        assert flawed == data.plan.flaws[source]
        assert len(flawed) >= 4

    @pytest.mark.parametrize("source", ["work24", "narailter"])
    def test_exactly_one_broken_entity_in_each_xml_source(
        self, data: DemoData, source: str
    ) -> None:
        kinds = Counter(r.flaw for r in data.records(source))

        assert kinds[Flaw.BROKEN_ENTITY] == 1

    def test_missing_titles_are_empty_in_the_payload(self, data: DemoData) -> None:
        for record in data.records("work24"):
            if record.flaw is Flaw.MISSING_TITLE:
                assert record.payload["title"] == ""
                assert record.title

    def test_inverted_pay_has_minimum_above_maximum(self, data: DemoData) -> None:
        inverted = [r for r in data.records("work24") if r.flaw is Flaw.PAY_INVERTED]

        assert inverted
        for record in inverted:
            assert int(record.payload["minSal"]) > int(record.payload["maxSal"])

    def test_bad_dates_are_not_calendar_dates(self, data: DemoData) -> None:
        bad = [r for r in data.records("work24") if r.flaw is Flaw.BAD_DATE]

        assert bad
        for record in bad:
            year, month, day = record.payload["closeDt"].split("-")
            with pytest.raises(ValueError, match="day is out of range"):
                date(2000 + int(year), int(month), int(day))


class TestPay:
    def test_every_pay_form_occurs(self, data: DemoData) -> None:
        kinds = Counter(r.payload["salTpNm"] for r in data.records("work24"))

        assert {"시급", "일급", "월급", "연봉", ""} <= set(kinds)

    def test_negotiable_pay_states_no_amount(self, data: DemoData) -> None:
        negotiable = [r for r in data.records("work24") if r.pay and r.pay.negotiable]

        assert negotiable
        assert {r.payload["sal"] for r in negotiable} == {
            "면접 후 결정",
            "회사내규에 따름",
        }

    def test_some_pay_is_below_the_minimum_wage(self, data: DemoData) -> None:
        below = [
            r for r in data.records("work24") if r.pay and r.pay.below_minimum_wage
        ]

        assert below
        for record in below:
            low = int(record.payload["minSal"])
            assert low < (
                10_320 if record.payload["salTpNm"] == "시급" else MINIMUM_MONTHLY_KRW
            )


class TestDeadlines:
    def test_close_dates_come_in_every_form(self, data: DemoData) -> None:
        forms = Counter(
            re.sub(r"\d", "9", r.payload["closeDt"]) for r in data.records("work24")
        )

        assert {"99-99-99", "채용시까지", "채용시까지 99-99-99"} <= set(forms)

    def test_some_postings_are_closed_and_most_are_open(self, data: DemoData) -> None:
        closed = sum(record.closed for record in data.records("work24"))

        assert 0 < closed < 3_000 // 5


class TestDuplicates:
    def test_copies_point_at_a_work24_posting(self, data: DemoData) -> None:
        copies = [
            r for s in ("narailter", "city") for r in data.records(s) if r.duplicate_of
        ]

        assert len(copies) == len(data.plan.copies)
        for copy in copies:
            original_id = (copy.duplicate_of or "").removeprefix("work24:")
            original = data.find("work24", original_id)
            assert original is not None
            assert original.district == copy.district
            assert original.closing == copy.closing
            assert original.title != copy.title

    def test_summary_lists_each_pair_once(self, data: DemoData) -> None:
        pairs = data.summary()["duplicates"]

        assert len({pair["copy"] for pair in pairs}) == len(data.plan.copies)


class TestFind:
    @pytest.mark.parametrize("source", SOURCE_IDS)
    def test_every_id_finds_its_record(self, data: DemoData, source: str) -> None:
        for record in data.records(source):
            assert data.find(source, record.id) is record

    def test_an_unknown_id_finds_nothing(self, data: DemoData) -> None:
        assert data.find("work24", "K000000000000000") is None
        assert data.find("city", "not-a-number") is None


class TestRevise:
    def test_revision_makes_a_newer_version(self) -> None:
        data = DemoData(seed=7, jobs=300, now=NOW)
        before = {r.id: r for r in data.records("work24")}

        changed = data.revise("work24", 5)

        assert len(changed) == 5
        for record in changed:
            old = before[record.id]
            assert record.version == old.version + 1
            assert record.payload["smodifyDtm"] > old.payload["smodifyDtm"]
            assert record.payload["title"] != old.payload["title"]

    def test_revisions_are_the_same_for_the_same_seed(self) -> None:
        first = DemoData(seed=7, jobs=300, now=NOW).revise("youth", 4)
        second = DemoData(seed=7, jobs=300, now=NOW).revise("youth", 4)

        assert [r.id for r in first] == [r.id for r in second]

    def test_a_second_round_revises_other_records_too(self) -> None:
        data = DemoData(seed=7, jobs=300, now=NOW)

        first = {r.id for r in data.revise("city", 5)}
        second = {r.id for r in data.revise("city", 5)}

        assert first != second
        assert len(data.summary()["revised"]) == len(first | second)
