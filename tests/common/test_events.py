"""Encoding and decoding of item events on the wire."""

from datetime import UTC, datetime

import pytest

from ilteo_common.events import (
    ItemEvent,
    ItemKind,
    UndecodableEvent,
    decode_item,
    encode,
)
from ilteo_common.items import JobPosting, SupportProgram


def an_event(**overrides: object) -> ItemEvent:
    fields: dict[str, object] = {
        "kind": ItemKind.JOB,
        "source": "work24",
        "source_id": "K151612604010001",
        "modified_at": datetime(2026, 11, 30, 9, 15, tzinfo=UTC),
        "item": {
            "kind": "job",
            "title": "CO2 용접공 모집",
            "pay": {"period": "month", "min_krw": 2_800_000, "text": "월 280만원"},
        },
        "raw": "<wanted>...</wanted>",
    }
    return ItemEvent.model_validate(fields | overrides)


class TestItemEvent:
    def test_round_trip(self) -> None:
        event = an_event()

        assert decode_item(encode(event)) == event

    def test_key_is_source_and_id(self) -> None:
        assert an_event().key == "work24:K151612604010001"

    def test_unknown_schema_version_is_refused_with_a_reason(self) -> None:
        wire = encode(an_event()).replace(b'"schema_version":1', b'"schema_version":9')

        with pytest.raises(UndecodableEvent, match="schema_version"):
            decode_item(wire)

    def test_garbage_is_refused_with_a_reason(self) -> None:
        with pytest.raises(UndecodableEvent, match="invalid item event"):
            decode_item(b"\xef\xbb\xbfnot json")

    def test_tombstone_is_refused(self) -> None:
        with pytest.raises(UndecodableEvent, match="tombstone"):
            decode_item(None)

    @pytest.mark.parametrize("source", ["Work24", "", "a b", "x" * 41])
    def test_bad_source_names_are_refused(self, source: str) -> None:
        with pytest.raises(ValueError, match="source"):
            an_event(source=source)


class TestItems:
    def test_kind_of_event_and_item_must_agree(self) -> None:
        with pytest.raises(ValueError, match="item kind"):
            an_event(kind=ItemKind.TRAINING)

    def test_pay_amount_needs_a_period(self) -> None:
        with pytest.raises(ValueError, match="period"):
            an_event(item={"kind": "job", "title": "x", "pay": {"min_krw": 1}})

    def test_pay_not_stated_differs_from_zero(self) -> None:
        unstated = an_event(item={"kind": "job", "title": "x"})
        zero = an_event(
            item={"kind": "job", "title": "x", "pay": {"period": "hour", "min_krw": 0}}
        )

        assert isinstance(unstated.item, JobPosting)
        assert isinstance(zero.item, JobPosting)
        assert unstated.item.pay is None
        assert zero.item.pay is not None
        assert zero.item.pay.min_krw == 0

    def test_policy_is_a_support_program(self) -> None:
        event = an_event(
            kind=ItemKind.POLICY,
            item={
                "kind": "policy",
                "title": "청년 월세 지원",
                "eligibility": {"age_min": 19, "age_max": 34, "residence": ["incheon"]},
            },
        )

        assert isinstance(event.item, SupportProgram)
        assert event.item.eligibility.age_max == 34
