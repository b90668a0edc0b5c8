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


def an_event(**overrides: object) -> ItemEvent:
    fields: dict[str, object] = {
        "kind": ItemKind.JOB,
        "source": "work24",
        "source_id": "K151612604010001",
        "modified_at": datetime(2026, 11, 30, 9, 15, tzinfo=UTC),
        "item": {"title": "CO2 용접공 모집"},
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
