"""The fixed corpus of ``corpus.yaml`` as search documents, indexed behind an alias.

Documents are made the way the indexer makes them (``indexer.document``), with
dates relative to today so that the corpus never goes stale.
"""

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import yaml

from ilteo_common.events import ItemEvent
from ilteo_common.items import JobPosting, SupportProgram, TrainingCourse
from ilteo_search.embedding import (
    DEFAULT_MODEL_PATH,
    Embedder,
    FakeEmbedder,
    SentenceTransformerEmbedder,
)
from ilteo_search.index.mapping import index_body
from ilteo_search.indexer.document import to_document
from ilteo_search.indexer.enrich import Clock, current_district, embedding_text

CORPUS = Path(__file__).with_name("corpus.yaml")
MODEL_PRESENT = (DEFAULT_MODEL_PATH / "model.safetensors").is_file()


def entries() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load(CORPUS.read_text())
    return loaded


def _day(today: date, days: int | None) -> date | None:
    return today + timedelta(days=days) if days is not None else None


def _place(entry: dict[str, Any]) -> dict[str, Any]:
    place: dict[str, Any] = {"address": entry.get("address")}
    if "point" in entry:
        lon, lat = entry["point"]
        place["point"] = {"lat": lat, "lon": lon}
    return place


def _common(entry: dict[str, Any], *, now: datetime) -> dict[str, Any]:
    today = now.date()
    source, source_id = entry["id"].split(":", 1)
    return {
        "title": entry["title"],
        "description": entry.get("description"),
        "organization": entry.get("organization"),
        "url": f"https://example.org/{source}/{source_id}",
        "place": _place(entry),
        "posted_at": now - timedelta(days=entry.get("posted_ago", 1)),
        "closes_on": _day(today, entry.get("closes_in")),
        "open_until_filled": entry.get("open_until_filled", False),
        "keywords": entry.get("keywords", []),
        "audience": entry.get("audience", ["individual"]),
    }


def _pay(pay: dict[str, Any] | None) -> dict[str, Any] | None:
    if pay is None:
        return None
    return {
        "period": pay.get("period"),
        "min_krw": pay.get("min"),
        "max_krw": pay.get("max"),
        "negotiable": pay.get("negotiable", False),
        "text": pay.get("text"),
    }


def item_of(entry: dict[str, Any], *, now: datetime) -> Any:
    common = _common(entry, now=now)
    today = now.date()
    if entry["kind"] == "job":
        return JobPosting(
            **common,
            occupation=entry.get("occupation"),
            occupation_code=entry.get("occupation_code"),
            industry=entry.get("industry"),
            employment_type=entry.get("employment_type"),
            career=entry.get("career"),
            education=entry.get("education"),
            remote=entry.get("remote", False),
            pay=_pay(entry.get("pay")),
        )
    if entry["kind"] == "training":
        period = {
            "starts_on": _day(today, entry.get("period_starts_in")),
            "ends_on": _day(today, entry.get("period_ends_in")),
        }
        return TrainingCourse(
            **common,
            course_id=entry["course_id"],
            run=entry.get("run"),
            period=period,
            fee_krw=entry.get("fee_krw"),
            ncs_code=entry.get("ncs_code"),
            capacity=entry.get("capacity"),
            employment_rate_6m=entry.get("employment_rate_6m"),
        )
    return SupportProgram(
        **common,
        kind=entry["kind"],
        categories=entry.get("categories", []),
        eligibility=entry.get("eligibility", {}),
        takes_applications=entry.get("takes_applications", False),
        capacity=entry.get("capacity"),
        application_period={"ends_on": _day(today, entry.get("application_ends_in"))},
    )


def corpus_embedder() -> Embedder:
    if MODEL_PRESENT:
        return SentenceTransformerEmbedder(
            path=DEFAULT_MODEL_PATH, batch_size=16, torch_threads=1
        )
    return FakeEmbedder()


def documents(embedder: Embedder) -> list[dict[str, Any]]:
    now = datetime.now(UTC)
    clock = Clock(now=now, retire_after_days=60)
    events, districts = [], []
    for entry in entries():
        item = item_of(entry, now=now)
        source, source_id = entry["id"].split(":", 1)
        event = ItemEvent(
            kind=item.kind,
            source=source,
            source_id=source_id,
            modified_at=now - timedelta(days=entry.get("posted_ago", 1)),
            item=item,
            raw=json.dumps(entry, ensure_ascii=False),
        )
        events.append(event)
        districts.append(current_district(item.place))

    texts = [
        embedding_text(e.item, district=d)
        for e, d in zip(events, districts, strict=True)
    ]
    vectors = embedder.embed_documents(texts)
    return [
        to_document(
            event,
            district=district,
            clock=clock,
            passage=text,
            partition=0,
            embedding=vector,
        )
        for event, district, text, vector in zip(
            events, districts, texts, vectors, strict=True
        )
    ]


def create_index(
    client: httpx.Client, docs: list[dict[str, Any]], *, prefix: str
) -> tuple[str, str]:
    """A fresh index holding ``docs`` and a read alias in front of it."""
    name = f"{prefix}-{uuid.uuid4().hex[:8]}"
    alias = f"{name}-read"
    response = client.put(f"/{name}", json=index_body())
    response.raise_for_status()
    lines = []
    for doc in docs:
        lines.append(json.dumps({"index": {"_index": name, "_id": doc["key"]}}))
        lines.append(json.dumps(doc, ensure_ascii=False))
    response = client.post(
        "/_bulk",
        content=("\n".join(lines) + "\n").encode(),
        headers={"Content-Type": "application/x-ndjson"},
        params={"refresh": "true"},
    )
    response.raise_for_status()
    assert not response.json()["errors"], response.text[:2000]
    client.post(
        "/_aliases", json={"actions": [{"add": {"index": name, "alias": alias}}]}
    )
    return name, alias
