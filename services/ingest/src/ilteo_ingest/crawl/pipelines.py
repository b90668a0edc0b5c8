"""The publishing pipeline: normalise, skip what is unchanged, send to Kafka.

Fingerprints move to Redis only after the broker acknowledged the message, so
an item the broker never took is published again by the next run. A failed
delivery ends the crawl as ``publish_failed``: nothing is dropped silently.
"""

import asyncio
import hashlib
import uuid
from datetime import UTC, datetime
from typing import Any

import structlog
from kafka.producer.future import FutureRecordMetadata
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from ilteo_ingest.crawl.items import Rejected, SourceRecord
from ilteo_ingest.crawl.settings import MODE_KEY, SETTINGS_KEY
from ilteo_ingest.normalize import InvalidRecord, fingerprint, source_id_of, to_event
from ilteo_ingest.publisher import (
    FingerprintStore,
    Published,
    create_producer,
    ensure_topics_of,
    send_dead_letter,
    send_event,
)
from ilteo_ingest.settings import Settings

log = structlog.get_logger(__name__)

PUBLISH_FAILED = "publish_failed"
# Dead letters of a run kept with its summary, for the operators' status page; all
# of them are in the dead-letter topic.
DEAD_LETTERS_KEPT = 20
# Acknowledged fingerprints are written to Redis in batches of this size.
REMEMBER_BATCH = 500


class PublishPipeline:
    def __init__(self, crawler: Crawler, settings: Settings) -> None:
        self.crawler = crawler
        self.settings = settings
        self.mode = crawler.settings.get(MODE_KEY, "full")
        self.producer = create_producer(settings, client_id="ilteo-ingest-crawl")
        self.store = FingerprintStore.from_settings(settings)
        self.source = ""
        self.fingerprints: dict[str, str] = {}
        self.markers: dict[str, str | None] = {}
        self.acknowledged: list[Published] = []
        self.failure: str | None = None
        self.dead_letters: list[dict[str, str | None]] = []
        self.started_at = datetime.now(UTC)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "PublishPipeline":
        settings: Settings = crawler.settings[SETTINGS_KEY]
        if not settings.publish_enabled:
            raise NotConfigured("publishing is switched off")
        return cls(crawler, settings)

    def open_spider(self) -> None:
        spider = self._spider()
        self.source = spider.name
        ensure_topics_of(self.settings)
        stored = self.store.load(self.source)
        self.fingerprints = {sid: fp for sid, (fp, _) in stored.items()}
        self.markers = {sid: marker for sid, (_, marker) in stored.items()}
        self.started_at = datetime.now(UTC)

    async def process_item(self, item: Any) -> Any:
        if isinstance(item, Rejected):
            await self._dead_letter(item.reason, item.raw, key=None)
            return item
        if not isinstance(item, SourceRecord):
            return item
        self._stat("scraped")
        correlation_id = uuid.uuid4().hex
        try:
            event = to_event(item, correlation_id=correlation_id)
        except InvalidRecord as exc:
            await self._refused(item, exc.reason, correlation_id)
            return item
        item_fingerprint = fingerprint(event.item)
        if self.fingerprints.get(event.source_id) == item_fingerprint:
            self._stat("unchanged")
            self._new_marker(event.source_id, item_fingerprint, item.marker)
            return item
        sent = await self._delivered(send_event(self.producer, self._topic, event))
        if sent:
            self._acknowledged(
                Published(self.source, event.source_id, item_fingerprint, item.marker)
            )
        return item

    async def _refused(self, item: SourceRecord, reason: str, cid: str) -> None:
        """Dead-letters a record once per version: a rerun does not repeat it."""
        source_id = source_id_of(item.source, item.record)
        raw_print = "raw:" + hashlib.sha256(item.raw.encode()).hexdigest()[:27]
        if source_id is not None and self.fingerprints.get(source_id) == raw_print:
            self._stat("unchanged")
            return
        key = f"{item.source}:{source_id}" if source_id else None
        if await self._dead_letter(reason, item.raw, key=key, cid=cid) and source_id:
            self.fingerprints[source_id] = raw_print
            # The marker too: an unchanged record is not fetched again to be
            # refused again.
            self.acknowledged.append(
                Published(self.source, source_id, raw_print, item.marker)
            )

    @property
    def _topic(self) -> str:
        return self.settings.items_topic

    async def _dead_letter(
        self, reason: str, raw: str, *, key: str | None, cid: str | None = None
    ) -> bool:
        correlation_id = cid or uuid.uuid4().hex
        log.warning(
            "crawl.dead_lettered",
            source=self.source,
            reason=reason[:300],
            correlation_id=correlation_id,
        )
        future = send_dead_letter(
            self.producer,
            self.settings.dead_letter_topic,
            reason=reason,
            raw=raw,
            key=key,
            correlation_id=correlation_id,
        )
        if not await self._delivered(future):
            return False
        self._stat("dead_lettered")
        self.dead_letters = [
            {
                "key": key,
                "reason": reason[:300],
                "correlation_id": correlation_id,
                "failed_at": datetime.now(UTC).isoformat(),
            },
            *self.dead_letters[: DEAD_LETTERS_KEPT - 1],
        ]
        return True

    async def _delivered(self, future: FutureRecordMetadata) -> bool:
        """Waits for the broker's acknowledgement without blocking the crawl."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Exception | None] = loop.create_future()

        def settle(outcome: Exception | None) -> None:
            if not done.done():
                done.set_result(outcome)

        future.add_callback(lambda _meta: loop.call_soon_threadsafe(settle, None))
        future.add_errback(lambda exc: loop.call_soon_threadsafe(settle, exc))
        error = await done
        if error is None:
            return True
        await self._failed(error)
        return False

    async def _failed(self, error: Exception) -> None:
        self._stat("publish_failed")
        log.error("crawl.publish_failed", source=self.source, error=repr(error))
        if self.failure is None:
            self.failure = repr(error)
            assert self.crawler.engine is not None
            asyncio.get_running_loop().create_task(
                self.crawler.engine.close_spider_async(reason=PUBLISH_FAILED)
            )

    def _new_marker(self, source_id: str, fingerprint: str, marker: str | None) -> None:
        """The item is as published, but the source's marker moved (a field the
        item does not use changed): the new marker spares the next run a detail
        call."""
        if marker is not None and self.markers.get(source_id) != marker:
            self.markers[source_id] = marker
            self.acknowledged.append(
                Published(self.source, source_id, fingerprint, marker)
            )

    def _acknowledged(self, entry: Published) -> None:
        self._stat("published")
        self.fingerprints[entry.source_id] = entry.fingerprint
        self.markers[entry.source_id] = entry.marker
        self.acknowledged.append(entry)
        if len(self.acknowledged) >= REMEMBER_BATCH:
            self._remember()

    def _remember(self) -> None:
        if self.acknowledged:
            self.store.remember(self.acknowledged)
            self.acknowledged = []

    def close_spider(self) -> None:
        self.producer.flush(timeout=self.settings.delivery_timeout_s)
        self._remember()

    def spider_closed(self, spider: Spider, reason: str) -> None:
        try:
            self.store.save_run(self.source, self._summary(reason))
        finally:
            self.producer.close(timeout=5)
            self.store.close()

    def _summary(self, reason: str) -> dict[str, Any]:
        assert self.crawler.stats is not None
        prefix = f"ilteo/{self.source}/"
        counts = {
            name.removeprefix(prefix): value
            for name, value in self.crawler.stats.get_stats().items()
            if name.startswith(prefix)
        }
        return {
            "source": self.source,
            "mode": self.mode,
            "started_at": self.started_at.isoformat(),
            "finished_at": datetime.now(UTC).isoformat(),
            "outcome": PUBLISH_FAILED if self.failure else reason,
            "error": self.failure,
            "counts": counts,
            "dead_letters": self.dead_letters,
        }

    def _stat(self, name: str) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"ilteo/{self.source}/{name}")

    def _spider(self) -> Spider:
        assert self.crawler.spider is not None
        return self.crawler.spider
