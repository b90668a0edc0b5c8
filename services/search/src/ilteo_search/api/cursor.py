"""Opaque page cursors: where the next page starts, checked on the way back in.

OpenSearch refuses ``search_after`` together with ``collapse`` unless the sort is
the collapse field itself, and duplicates must be collapsed. A cursor therefore
holds the position in the collapsed list and the cluster of the last item shown
(the anchor). The next page is read from a little before that position, and starts
right after the anchor wherever it is now: items indexed or removed between two
pages shift the list, and the anchor keeps the pages free of repeats and gaps.

A cursor also holds a fingerprint of the search it came from, so that a cursor is
never applied to another search. It carries no secret; all it can choose is a
position within the depth cap.
"""

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from ilteo_search.api.errors import BadRequest, say

_VERSION = 1
_MAX_CURSOR_CHARS = 512


@dataclass(frozen=True, slots=True)
class Cursor:
    offset: int  # position of the first item of the page, in the collapsed list
    anchor: str  # cluster of the last item on the page before
    fingerprint: str


def fingerprint(search: dict[str, Any]) -> str:
    canonical = json.dumps(search, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def encode(cursor: Cursor) -> str:
    payload = [_VERSION, cursor.offset, cursor.anchor, cursor.fingerprint]
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(token: str, *, expected_fingerprint: str, max_offset: int) -> Cursor:
    payload = _payload(token)
    if not _well_formed(payload):
        raise _invalid()

    _version, offset, anchor, print_ = payload
    if print_ != expected_fingerprint:
        raise BadRequest(
            say(
                "이 커서는 다른 검색(검색어·필터·정렬)의 것입니다. 첫 페이지부터 "
                "다시 검색하세요.",
                "This cursor belongs to another search (words, filters or sort); "
                "start again from the first page.",
            ),
            field="cursor",
        )
    if offset > max_offset:
        raise BadRequest(
            say(
                f"검색 결과는 앞의 {max_offset:,}건까지만 볼 수 있습니다. 조건을 "
                "좁혀 주세요.",
                f"Only the first {max_offset:,} results can be paged through; "
                "narrow the search.",
            ),
            field="cursor",
        )
    return Cursor(offset=offset, anchor=anchor, fingerprint=print_)


def _payload(token: str) -> Any:
    if len(token) > _MAX_CURSOR_CHARS:
        raise _invalid()
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        return json.loads(raw)
    except (binascii.Error, ValueError):
        raise _invalid() from None


def _well_formed(payload: Any) -> bool:
    return (
        isinstance(payload, list)
        and len(payload) == 4
        and payload[0] == _VERSION
        and type(payload[1]) is int
        and payload[1] >= 0
        and isinstance(payload[2], str)
        and isinstance(payload[3], str)
    )


def _invalid() -> BadRequest:
    return BadRequest(
        say(
            "커서가 올바르지 않습니다. 이전 응답의 next_cursor를 그대로 보내세요.",
            "The cursor is not valid; send next_cursor from the previous page as is.",
        ),
        field="cursor",
    )
