"""Each source's normaliser over the demo generator's records and their truth."""

from datetime import datetime

import pytest

from ilteo_ingest.demo.data import DemoData
from ilteo_ingest.demo.model import Flaw, Record
from ilteo_ingest.normalize import InvalidRecord, SourceRecord, to_event

API_SOURCES = ["work24", "hrd", "youth", "bizinfo", "kstartup", "narailter", "jobalio"]
REFUSED_FLAWS = {Flaw.MISSING_TITLE, Flaw.BAD_DATE, Flaw.PAY_INVERTED}


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return DemoData(seed=11, jobs=120, now=datetime(2026, 9, 1, 10, 0))


def _as_served(record: Record) -> SourceRecord:
    # XML and JSON carry text: the payload's numbers arrive as strings.
    payload = {
        name: value if value is None or isinstance(value, dict | list) else str(value)
        for name, value in record.payload.items()
    }
    return SourceRecord(record.source, payload, "raw", record.detail)


class TestNormalizers:
    @pytest.mark.parametrize("source", API_SOURCES)
    def test_clean_records_match_the_truth(self, demo: DemoData, source: str) -> None:
        for record in demo.records(source):
            if record.flaw is not None:
                continue
            event = to_event(_as_served(record), correlation_id="test")

            assert event.source_id == record.id
            assert event.item.title == record.title
            if record.district is not None and event.item.place.district_id:
                assert event.item.place.district_id == record.district.id

    @pytest.mark.parametrize("source", API_SOURCES)
    def test_flawed_records_are_refused_with_a_reason(
        self, demo: DemoData, source: str
    ) -> None:
        flawed = [r for r in demo.records(source) if r.flaw in REFUSED_FLAWS]
        assert flawed

        for record in flawed:
            with pytest.raises(InvalidRecord) as refused:
                to_event(_as_served(record), correlation_id="test")
            assert refused.value.reason

    def test_work24_districts_come_from_old_addresses(self, demo: DemoData) -> None:
        clean = [r for r in demo.records("work24") if r.flaw is None]

        placed = [
            to_event(_as_served(r), correlation_id="t").item.place.district_id
            for r in clean
        ]

        assert placed == [r.district.id if r.district else None for r in clean]

    def test_work24_pay_matches_the_truth(self, demo: DemoData) -> None:
        for record in demo.records("work24"):
            if record.flaw is not None or record.pay is None:
                continue
            item = to_event(_as_served(record), correlation_id="t").item
            pay = getattr(item, "pay", None)

            assert pay is not None
            assert (pay.min_krw, pay.max_krw) == (
                record.pay.min_krw,
                record.pay.max_krw,
            )
            assert pay.negotiable is record.pay.negotiable
