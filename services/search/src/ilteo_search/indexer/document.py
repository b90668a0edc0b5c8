"""One item event as the flat search document of ``ilteo_search.index.mapping``."""

from datetime import datetime
from typing import Any

from ilteo_common.events import ItemEvent
from ilteo_common.items import (
    Item,
    JobPosting,
    Period,
    SupportProgram,
    TrainingCourse,
)
from ilteo_places import District
from ilteo_search.indexer.enrich import (
    Clock,
    cluster_id,
    pay_fields,
    status,
)


def external_version(modified_at: datetime) -> int:
    """The document version: ``modified_at`` in epoch milliseconds."""
    return int(modified_at.timestamp() * 1000)


def to_document(
    event: ItemEvent,
    *,
    district: District | None,
    clock: Clock,
    passage: str,
    partition: int,
    embedding: list[float] | None = None,
) -> dict[str, Any]:
    """The document; without ``embedding``, it waits for its vector."""
    item = event.item
    district_id = district.id if district else None
    document = {
        **_identity(event, district_id=district_id),
        **_texts(item),
        **_place(item, district=district),
        **_times(event, clock=clock),
        **_kind_fields(item),
        "embedding": embedding,
        "embedded": embedding is not None,
        "passage": passage,
        "partition": partition,
        "item": item.model_dump(mode="json", exclude_none=True),
    }
    return {name: value for name, value in document.items() if value is not None}


def _identity(event: ItemEvent, *, district_id: str | None) -> dict[str, Any]:
    item = event.item
    return {
        "key": event.key,
        "cluster_id": cluster_id(item, district_id=district_id),
        "kind": event.kind.value,
        "source": event.source,
        "source_id": event.source_id,
        "url": str(item.url) if item.url else None,
        "correlation_id": event.correlation_id,
    }


def _texts(item: Item) -> dict[str, Any]:
    return {
        "title": item.title,
        "title_suggest": item.title,
        "description": item.description,
        "organization": item.organization,
        "keywords": item.keywords,
        "address": item.place.address,
        "audience": [audience.value for audience in item.audience],
    }


def _place(item: Item, *, district: District | None) -> dict[str, Any]:
    point = item.place.point
    return {
        "district_id": district.id if district else None,
        "location": {"lat": point.lat, "lon": point.lon} if point else None,
        "region_text": item.place.region_text,
    }


def _times(event: ItemEvent, *, clock: Clock) -> dict[str, Any]:
    item = event.item
    return {
        "posted_at": item.posted_at.isoformat() if item.posted_at else None,
        "modified_at": event.modified_at.isoformat(),
        "indexed_at": clock.now.isoformat(),
        "closes_on": item.closes_on.isoformat() if item.closes_on else None,
        "open_until_filled": item.open_until_filled,
        "status": status(item, modified_at=event.modified_at, clock=clock).value,
    }


def _kind_fields(item: Item) -> dict[str, Any]:
    if isinstance(item, JobPosting):
        return _job(item)
    if isinstance(item, TrainingCourse):
        return _course(item)
    return _program(item)


def _job(job: JobPosting) -> dict[str, Any]:
    return {
        "occupation": job.occupation,
        "occupation_code": job.occupation_code,
        "industry": job.industry,
        "employment_type": job.employment_type,
        "career": job.career,
        "career_min_years": job.career_min_years,
        "education": job.education,
        "remote": job.remote,
        "headcount": job.headcount,
        **pay_fields(job.pay),
    }


def _course(course: TrainingCourse) -> dict[str, Any]:
    return {
        **_period("period", course.period),
        "capacity": course.capacity,
        "fee_krw": course.fee_krw,
        "ncs_code": course.ncs_code,
        "employment_rate_6m": course.employment_rate_6m,
    }


def _program(program: SupportProgram) -> dict[str, Any]:
    rules = program.eligibility
    return {
        "categories": program.categories,
        "eligibility_age_min": rules.age_min,
        "eligibility_age_max": rules.age_max,
        "eligibility_residence": rules.residence,
        "eligibility_employment_status": rules.employment_status,
        "eligibility_company_max_age_years": rules.company_max_age_years,
        "eligibility_company_sizes": rules.company_sizes,
        **_period("application", program.application_period),
        "takes_applications": program.takes_applications,
        "capacity": program.capacity,
    }


def _period(prefix: str, period: Period) -> dict[str, Any]:
    starts, ends = period.starts_on, period.ends_on
    return {
        f"{prefix}_starts_on": starts.isoformat() if starts else None,
        f"{prefix}_ends_on": ends.isoformat() if ends else None,
    }
