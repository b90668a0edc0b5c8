"""Page cursors: opaque on the way out, checked on the way in."""

import pytest

from ilteo_search.api import cursor
from ilteo_search.api.errors import BadRequest


class TestCursor:
    def test_round_trip(self) -> None:
        token = cursor.encode(cursor.Cursor(40, "c1a2b3", "f" * 16))

        decoded = cursor.decode(token, expected_fingerprint="f" * 16, max_offset=999)

        assert decoded == cursor.Cursor(40, "c1a2b3", "f" * 16)

    def test_another_search_is_refused(self) -> None:
        token = cursor.encode(cursor.Cursor(40, "c1", "a" * 16))

        with pytest.raises(BadRequest, match="another search"):
            cursor.decode(token, expected_fingerprint="b" * 16, max_offset=999)

    def test_an_offset_past_the_cap_is_refused(self) -> None:
        token = cursor.encode(cursor.Cursor(1000, "c1", "a" * 16))

        with pytest.raises(BadRequest, match="first 999"):
            cursor.decode(token, expected_fingerprint="a" * 16, max_offset=999)

    @pytest.mark.parametrize(
        "token", ["", "%%%", "bnVsbA", "WzEsLTEsImMiLCJmIl0", "WzIsMSwiYyIsImYiXQ"]
    )
    def test_garbage_is_refused(self, token: str) -> None:
        # null; [1,-1,"c","f"] (negative offset); [2,1,"c","f"] (unknown version)
        with pytest.raises(BadRequest, match="not valid"):
            cursor.decode(token, expected_fingerprint="f", max_offset=999)

    def test_the_fingerprint_ignores_key_order(self) -> None:
        assert cursor.fingerprint({"a": 1, "b": [2]}) == cursor.fingerprint(
            {"b": [2], "a": 1}
        )
