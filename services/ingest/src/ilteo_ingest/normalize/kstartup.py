"""K-Startup 사업공고: one ``data`` record."""

import re
from collections.abc import Mapping
from typing import Any

from ilteo_common.items import Audience, Eligibility, ItemKind, Place, SupportProgram
from ilteo_ingest.normalize.common import (
    clean_html,
    parse_period,
    split_list,
    text_or_none,
    url_or_none,
    yes,
)
from ilteo_ingest.normalize.eligibility import parse_age_range, parse_eligibility


def normalize(
    record: Mapping[str, Any], detail: Mapping[str, Any] | None
) -> SupportProgram:
    target_text = record.get("aply_trgt_ctnt")
    parsed = parse_eligibility(target_text)
    age_min, age_max = age_bands(record.get("biz_trgt_age"))
    period = parse_period(
        record.get("pbanc_rcpt_bgng_dt"), record.get("pbanc_rcpt_end_dt")
    )
    eligibility = parsed.model_copy(
        update={
            "age_min": age_min if age_min is not None else parsed.age_min,
            "age_max": age_max if age_max is not None else parsed.age_max,
            "company_max_age_years": max_company_age(record.get("biz_enyy"))
            or parsed.company_max_age_years,
        }
    )
    return SupportProgram(
        kind=ItemKind.PROGRAM,
        title=record["biz_pbanc_nm"],
        description=clean_html(record.get("pbanc_ctnt")),
        organization=text_or_none(
            record.get("pbanc_ntrp_nm") or record.get("sprv_inst")
        ),
        url=url_or_none(record.get("detl_pg_url")),
        place=Place(region_text=text_or_none(record.get("supt_regin"))),
        audience=_audience(record, eligibility),
        categories=split_list(record.get("supt_biz_clsfc"), ","),
        support=clean_html(record.get("pbanc_ctnt")),
        application_period=period,
        eligibility=eligibility,
        keywords=split_list(record.get("aply_trgt"), ","),
        closes_on=period.ends_on,
        deadline_text=None if yes(record.get("rcrt_prgs_yn")) else "모집 마감",
    )


def age_bands(value: Any) -> tuple[int | None, int | None]:
    """Union of bands such as ``만 20세 미만,만 20세 이상 ~ 만 39세 이하``."""
    bands = [parse_age_range(band) for band in split_list(value, ",")]
    if not bands:
        return None, None
    lows = [low for low, _ in bands]
    highs = [high for _, high in bands]
    low = None if None in lows else min(low for low in lows if low is not None)
    high = None if None in highs else max(high for high in highs if high is not None)
    return low, high


def max_company_age(value: Any) -> int | None:
    """``예비창업자,1년미만,3년미만`` → 3; any ``이상`` band means no ceiling."""
    bands = split_list(value, ",")
    if not bands or any("이상" in band for band in bands):
        return None
    years = [int(m[1]) for band in bands if (m := re.search(r"(\d+)\s*년", band))]
    return max(years) if years else None


def _audience(record: Mapping[str, Any], eligibility: Eligibility) -> list[Audience]:
    audience = [Audience.FOUNDER]
    target = str(record.get("aply_trgt") or "")
    if eligibility.company_max_age_years or "기업" in target:
        audience.append(Audience.COMPANY)
    if "대학생" in target or "일반인" in target:
        audience.append(Audience.INDIVIDUAL)
    return audience
