"""The fixed corpus of ``fixtures/corpus.yaml``, indexed as the indexer would.

Documents go through the search domain's own document builder and embedding text,
so that the recommender is tested against the items index contract as written.
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
from ilteo_recommend.settings import DEFAULT_MODEL_PATH
from ilteo_search.embedding import SentenceTransformerEmbedder
from ilteo_search.index.mapping import index_body
from ilteo_search.indexer.document import to_document
from ilteo_search.indexer.enrich import Clock, current_district, embedding_text

FIXTURES = Path(__file__).with_name("fixtures")
MODEL_PRESENT = (DEFAULT_MODEL_PATH / "model.safetensors").is_file()


def load(name: str) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load((FIXTURES / name).read_text())
    return loaded


def _day(today: date, days: int | None) -> date | None:
    return today + timedelta(days=days) if days is not None else None


def _pay(pay: dict[str, Any] | None) -> dict[str, Any] | None:
    if pay is None:
        return None
    return {
        "period": pay["period"],
        "min_krw": pay.get("min"),
        "max_krw": pay.get("max"),
    }


def item_of(entry: dict[str, Any], *, now: datetime) -> Any:
    today = now.date()
    source, source_id = entry["id"].split(":", 1)
    common = {
        "title": entry["title"],
        "description": entry.get("description"),
        "organization": entry.get("organization"),
        "url": f"https://example.org/{source}/{source_id}",
        "place": {"address": entry.get("address")},
        "posted_at": now - timedelta(days=entry.get("posted_ago", 1)),
        "closes_on": _day(today, entry.get("closes_in")),
        "open_until_filled": entry.get("open_until_filled", False),
        "audience": entry.get("audience", ["individual"]),
    }
    if entry["kind"] == "job":
        return JobPosting(
            **common,
            occupation=entry.get("occupation"),
            employment_type=entry.get("employment_type"),
            career=entry.get("career"),
            career_min_years=entry.get("career_min_years"),
            pay=_pay(entry.get("pay")),
        )
    if entry["kind"] == "training":
        return TrainingCourse(**common, course_id=entry["course_id"])
    return SupportProgram(
        **common,
        kind=entry["kind"],
        categories=entry.get("categories", []),
        eligibility=entry.get("eligibility", {}),
        application_period={"ends_on": _day(today, entry.get("application_ends_in"))},
    )


def documents() -> list[dict[str, Any]]:
    now = datetime.now(UTC)
    clock = Clock(now=now, retire_after_days=60)
    events, districts = [], []
    for entry in load("corpus.yaml"):
        item = item_of(entry, now=now)
        source, source_id = entry["id"].split(":", 1)
        events.append(
            ItemEvent(
                kind=item.kind,
                source=source,
                source_id=source_id,
                modified_at=now - timedelta(days=entry.get("posted_ago", 1)),
                item=item,
                raw=json.dumps(entry, ensure_ascii=False),
            )
        )
        districts.append(current_district(item.place))

    embedder = SentenceTransformerEmbedder(
        path=DEFAULT_MODEL_PATH, batch_size=16, torch_threads=1
    )
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
    """A fresh index holding ``docs``, and a read alias in front of it."""
    name = f"{prefix}-{uuid.uuid4().hex[:8]}"
    alias = f"{name}-read"
    client.put(f"/{name}", json=index_body()).raise_for_status()
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
    actions = {"actions": [{"add": {"index": name, "alias": alias}}]}
    client.post("/_aliases", json=actions).raise_for_status()
    return name, alias
