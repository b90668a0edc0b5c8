"""Answers to each source's list and detail calls, in the provider's own shapes."""

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ilteo_ingest.demo import render
from ilteo_ingest.demo.data import DemoData
from ilteo_ingest.demo.jobs import registered_within
from ilteo_ingest.demo.model import Record
from ilteo_ingest.sources import Source

XML = "text/xml; charset=UTF-8"
JSON = "application/json; charset=UTF-8"
HTML = "text/html; charset=UTF-8"

# Work24 caps a page at 100 rows.
WORK24_MAX_DISPLAY = 100
# regDate: registered within this many days (D-0 is today).
REGISTRATION_WINDOWS = {"D-0": 0, "D-3": 3, "W-1": 7, "W-2": 14, "M-1": 30}


@dataclass(frozen=True)
class Query:
    source: Source
    params: dict[str, str]

    def integer(self, name: str, default: int) -> int:
        """A positive integer parameter; a missing or broken one gets ``default``."""
        value = self.params.get(name, "")
        return int(value) if value.isdigit() and int(value) > 0 else default

    def paging(self) -> tuple[int, int]:
        paging = self.source.paging
        page = self.integer(paging.page_param, paging.first_page)
        size = paging.page_size
        if paging.size_param is not None:
            size = self.integer(paging.size_param, size)
        return page, size


@dataclass(frozen=True)
class Answer:
    body: bytes
    media_type: str
    status: int = 200


Handler = Callable[[DemoData, Query], Answer]


def key_refused(source_id: str) -> Answer:
    """A refused key, the way each provider says it."""
    if source_id == "work24":
        return Answer(render.work24_error("006", "등록되지 않은 인증키입니다."), XML)
    if source_id == "hrd":
        refusal = {"returnCode": "006", "returnMessage": "등록되지 않은 인증키입니다."}
        return Answer(render.as_json(refusal), JSON)
    if source_id == "youth":
        youth: dict[str, Any] = {"resultCode": 401, "result": None}
        youth["resultMessage"] = "유효하지 않은 인증키입니다."
        return Answer(render.as_json(youth), JSON)
    if source_id == "bizinfo":
        return Answer(render.as_json({"reqErr": "인증키가 유효하지 않습니다."}), JSON)
    if source_id == "kstartup":
        odcloud = {"code": -4, "msg": "등록되지 않은 인증키 입니다."}
        return Answer(render.as_json(odcloud), JSON, 401)
    # 나라일터 and 잡알리오 sit behind 공공데이터포털, which refuses in XML.
    return Answer(render.data_go_kr_key_refused(), XML)


def _window(query: Query, records: list[Record]) -> list[Record]:
    page, size = query.paging()
    start = (page - 1) * size
    return records[start : start + size]


def work24_list(data: DemoData, query: Query) -> Answer:
    page, size = query.paging()
    size = min(size, WORK24_MAX_DISPLAY)
    total = data.size("work24")
    window = REGISTRATION_WINDOWS.get(query.params.get("regDate", ""))
    if window is not None:
        total = registered_within(total, window)
    start = (page - 1) * size
    records = data.page("work24", start, min(size, max(total - start, 0)))
    return Answer(render.work24_list(records, total=total, page=page, size=size), XML)


def work24_detail(data: DemoData, query: Query) -> Answer:
    record = data.find("work24", query.params.get("wantedAuthNo", ""))
    if record is None:
        body = render.work24_error("010", "해당 구인인증번호의 채용정보가 없습니다.")
        return Answer(body, XML)
    return Answer(render.work24_detail(record), XML)


def hrd_list(data: DemoData, query: Query) -> Answer:
    first = _yyyymmdd(query.params.get("srchTraStDt", ""))
    last = _yyyymmdd(query.params.get("srchTraEndDt", ""))
    if first is None or last is None:
        refusal = {
            "returnCode": "001",
            "returnMessage": "훈련시작일 조회기간은 필수입니다.",
        }
        return Answer(render.as_json(refusal), JSON)
    matching = [
        record
        for record in data.records("hrd")
        if first <= date.fromisoformat(record.extra["starts"]) <= last
    ]
    page, size = query.paging()
    document = {
        "scn_cnt": len(matching),
        "pageNum": page,
        "pageSize": size,
        "srchList": [record.payload for record in _window(query, matching)],
    }
    return Answer(render.as_json(document), JSON)


def hrd_detail(data: DemoData, query: Query) -> Answer:
    params = query.params
    natural_id = "-".join(
        params.get(name, "") for name in ("srchTorgId", "srchTrprId", "srchTrprDegr")
    )
    record = data.find("hrd", natural_id)
    if record is None:
        missing = {"returnCode": "010", "returnMessage": "조회된 훈련과정이 없습니다."}
        return Answer(render.as_json(missing), JSON)
    return Answer(render.as_json(record.detail), JSON)


def youth_list(data: DemoData, query: Query) -> Answer:
    page, size = query.paging()
    records = data.page("youth", (page - 1) * size, size)
    result = {
        "pagging": {"totCount": data.size("youth"), "pageNum": page, "pageSize": size},
        "youthPolicyList": [record.payload for record in records],
    }
    document = {
        "resultCode": 200,
        "resultMessage": "정상 처리되었습니다.",
        "result": result,
    }
    return Answer(render.as_json(document), JSON)


def bizinfo_list(data: DemoData, query: Query) -> Answer:
    page, size = query.paging()
    total = data.size("bizinfo")
    # Every row repeats the total; the document itself has none.
    rows = [
        record.payload | {"totCnt": total}
        for record in data.page("bizinfo", (page - 1) * size, size)
    ]
    return Answer(render.as_json({"jsonArray": rows}), JSON)


def kstartup_list(data: DemoData, query: Query) -> Answer:
    conditions = _odcloud_conditions(query.params)
    matching = [
        record
        for record in data.records("kstartup")
        if all(str(record.payload.get(k)) == v for k, v in conditions.items())
    ]
    page, size = query.paging()
    rows = [record.payload for record in _window(query, matching)]
    document = {
        "currentCount": len(rows),
        "data": rows,
        "matchCount": len(matching),
        "page": page,
        "perPage": size,
        "totalCount": data.size("kstartup"),
    }
    return Answer(render.as_json(document), JSON)


def narailter_list(data: DemoData, query: Query) -> Answer:
    page, size = query.paging()
    records = data.page("narailter", (page - 1) * size, size)
    body = render.data_go_kr_items(
        [record.payload for record in records],
        total=data.size("narailter"),
        page=page,
        size=size,
    )
    return Answer(body, XML)


def narailter_detail(data: DemoData, query: Query) -> Answer:
    record = data.find("narailter", query.params.get("idx", ""))
    items = [record.payload | (record.detail or {})] if record else []
    return Answer(render.data_go_kr_items(items, total=len(items), page=1, size=1), XML)


def jobalio_list(data: DemoData, query: Query) -> Answer:
    ongoing = query.params.get("ongoingYn")
    matching = [
        record
        for record in data.records("jobalio")
        if ongoing is None or record.payload["ongoingYn"] == ongoing
    ]
    rows = [record.payload for record in _window(query, matching)]
    return Answer(render.as_json(_jobalio(rows, total=len(matching))), JSON)


def jobalio_detail(data: DemoData, query: Query) -> Answer:
    record = data.find("jobalio", query.params.get("sn", ""))
    if record is None:
        document = {
            "resultCode": 404,
            "resultMsg": "데이터가 없습니다.",
            "result": None,
        }
        return Answer(render.as_json(document), JSON)
    result = record.payload | (record.detail or {})
    return Answer(render.as_json(_jobalio(result, total=1)), JSON)


def city_list(data: DemoData, query: Query) -> Answer:
    page, size = query.paging()
    total = data.size("city")
    pages = max(1, math.ceil(total / size))
    records = data.page("city", (page - 1) * size, size)
    body = render.city_list(records, total=total, page=page, pages=pages)
    return Answer(body, HTML)


def city_detail(data: DemoData, query: Query) -> Answer:
    record = data.find("city", query.params.get("repSeq", ""))
    if record is None:
        return Answer(render.city_not_found(), HTML, 404)
    return Answer(render.city_detail(record), HTML)


def _jobalio(result: Any, *, total: int) -> dict[str, Any]:
    return {
        "resultCode": 200,
        "resultMsg": "성공했습니다.",
        "totalCount": total,
        "result": result,
    }


def _odcloud_conditions(params: dict[str, str]) -> dict[str, str]:
    """``cond[field::EQ]=value`` filters of 공공데이터포털's odcloud APIs."""
    found = {}
    for name, value in params.items():
        if name.startswith("cond[") and name.endswith("::EQ]"):
            found[name[len("cond[") : -len("::EQ]")]] = value
    return found


def _yyyymmdd(text: str) -> date | None:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


HANDLERS: dict[str, dict[str, Handler]] = {
    "work24": {"list": work24_list, "detail": work24_detail},
    "hrd": {"list": hrd_list, "detail": hrd_detail},
    "youth": {"list": youth_list},
    "bizinfo": {"list": bizinfo_list},
    "kstartup": {"list": kstartup_list},
    "narailter": {"list": narailter_list, "detail": narailter_detail},
    "jobalio": {"list": jobalio_list, "detail": jobalio_detail},
    "city": {"list": city_list, "detail": city_detail},
}
