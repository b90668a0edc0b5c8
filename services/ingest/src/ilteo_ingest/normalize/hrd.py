"""HRD 훈련과정: a ``srchList`` record plus the detail's ``inst_base_info``."""

from collections.abc import Mapping
from typing import Any

from ilteo_common.items import TrainingCourse
from ilteo_ingest.normalize.common import (
    as_dict,
    clean_html,
    parse_amount_krw,
    parse_count,
    parse_float,
    parse_period,
    text_or_none,
    url_or_none,
)
from ilteo_ingest.normalize.places import place_from


def normalize(
    record: Mapping[str, Any], detail: Mapping[str, Any] | None
) -> TrainingCourse:
    base = as_dict(as_dict(detail).get("inst_base_info"))
    address = " ".join(
        filter(None, (text_or_none(base.get("addr1")), text_or_none(base.get("addr2"))))
    )
    period = parse_period(record.get("traStartDate"), record.get("traEndDate"))
    return TrainingCourse(
        # The list's title names the run (회차); the detail's trprNm does not.
        title=record["title"],
        organization=text_or_none(record.get("subTitle") or base.get("inoNm")),
        description=clean_html(base.get("trprTarget") or record.get("contents")),
        url=url_or_none(record.get("titleLink")),
        place=place_from(address=address or record.get("address")),
        course_id=str(record["trprId"]),
        run=text_or_none(record.get("trprDegr")),
        period=period,
        # Registration for a run closes when it starts.
        closes_on=period.starts_on,
        fee_krw=parse_amount_krw(record.get("realMan") or record.get("courseMan")),
        ncs_code=text_or_none(record.get("ncsCd") or base.get("ncsCd")),
        capacity=parse_count(record.get("yardMan") or record.get("regCourseMan")),
        employment_rate_3m=_rate(record.get("eiEmplRate3")),
        employment_rate_6m=_rate(record.get("eiEmplRate6")),
    )


def _rate(value: Any) -> float | None:
    # "-" or "0" for courses without enough graduates yet; both mean unknown.
    rate = parse_float(value)
    return rate if rate is not None and 0 < rate <= 100 else None
