"""The spiders' common ground, and the spider every API source shares: paged
list, optional detail, key checks."""

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar
from urllib.parse import urlencode

import scrapy
import structlog
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider
from scrapy.http import Response
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from ilteo_ingest.crawl.items import Rejected, SourceRecord
from ilteo_ingest.crawl.payloads import (
    PayloadError,
    dig,
    element_to_dict,
    json_records,
    parse_json,
    parse_xml,
    repair_xml,
    xml_records,
    xml_value,
)
from ilteo_ingest.crawl.settings import MODE_KEY, SETTINGS_KEY
from ilteo_ingest.normalize import source_id_of
from ilteo_ingest.normalize.common import strip_bom
from ilteo_ingest.publisher import FingerprintStore
from ilteo_ingest.settings import Settings
from ilteo_ingest.sources import Format, Source

log = structlog.get_logger(__name__)

KEY_REFUSED = "key_refused"
_REFUSAL_WORDS = ("인증키", "SERVICE_KEY", "SERVICEKEY", "AUTHKEY", "API KEY", "APIKEY")


class MissingApiKey(RuntimeError):
    """A source that needs a key has none, and is not pointed at the demo site."""


Record = dict[str, Any]


class SourceSpider(scrapy.Spider):
    """What every spider of the catalog shares: its source's politeness, the
    crawl mode, stats under ``ilteo/<source>/`` and the markers of published
    records."""

    source: ClassVar[Source]

    ingest: Settings
    mode: str
    base_url: str
    known: dict[str, str | None]

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        ingest: Settings = settings[SETTINGS_KEY]
        delay_s = 1.0 / ingest.max_requests_per_s(cls.source)
        settings.set("DOWNLOAD_DELAY", delay_s, priority="spider")
        settings.set("AUTOTHROTTLE_START_DELAY", delay_s, priority="spider")
        settings.set("ROBOTSTXT_OBEY", cls.source.obey_robots_txt, priority="spider")

    @classmethod
    def from_crawler(
        cls, crawler: Crawler, *args: Any, **kwargs: Any
    ) -> "SourceSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.configure(crawler)
        return spider

    def configure(self, crawler: Crawler) -> None:
        self.ingest = crawler.settings[SETTINGS_KEY]
        self.mode = crawler.settings.get(MODE_KEY, "full")
        self.base_url = self.ingest.base_url(self.source)
        self.known = {}

    def stat(self, name: str, count: int = 1) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"ilteo/{self.source.id}/{name}", count)

    def load_markers(self) -> dict[str, str | None]:
        """The change marker of every record published before, by source id."""
        store = FingerprintStore.from_settings(self.ingest)
        try:
            return {
                sid: marker for sid, (_, marker) in store.load(self.source.id).items()
            }
        finally:
            store.close()

    def failed(self, failure: Failure) -> None:
        request = failure.request if hasattr(failure, "request") else None
        kind = "detail" if request is not None and "record" in request.meta else "list"
        self.stat(f"{kind}_failed")
        log.error(
            "crawl.request_failed",
            source=self.source.id,
            request_kind=kind,
            error=failure.getErrorMessage(),
        )


class ApiSpider(SourceSpider):
    # Whether to fetch the detail endpoint for each record.
    fetch_details: ClassVar[bool] = True
    # The dotted path to the record inside a detail response.
    detail_root: ClassVar[str] = ""
    # 401/403 reach the callbacks, where they end the crawl as a refused key.
    handle_httpstatus_list: ClassVar[list[int]] = [401, 403]

    key: str | None

    def configure(self, crawler: Crawler) -> None:
        super().configure(crawler)
        secret = self.ingest.api_key(self.source)
        if self.source.needs_key and secret is None and not self.ingest.demo:
            raise MissingApiKey(
                f"source {self.source.id} needs an API key: set "
                f"ILTEO_INGEST_{(self.source.key_setting or '').upper()}"
            )
        self.key = secret.get_secret_value() if secret else None

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.known = self._known_markers()
        yield self.list_request(self.source.paging.first_page)

    def _known_markers(self) -> dict[str, str | None]:
        if not (self.fetch_details and self.source.detail):
            return {}
        return self.load_markers()

    # Requests ---------------------------------------------------------------

    def list_params(self) -> dict[str, str]:
        """Extra list parameters a source needs (dates, regions)."""
        return {}

    def detail_params(self, record: Record) -> dict[str, str]:
        raise NotImplementedError(f"{self.name} has no detail endpoint")

    def _url(self, path: str, params: dict[str, str]) -> str:
        if self.key and self.source.key_param:
            params = {**params, self.source.key_param: self.key}
        return f"{self.base_url}{path}?{urlencode(params)}"

    def list_request(self, page: int) -> scrapy.Request:
        paging = self.source.paging
        params = {**self.source.list.fixed_params, **self.list_params()}
        if self.mode == "changed":
            params.update(self.source.changed_params)
        params[paging.page_param] = str(page)
        if paging.size_param:
            params[paging.size_param] = str(paging.page_size)
        return scrapy.Request(
            self._url(self.source.list.path, params),
            callback=self.parse_list,
            errback=self.failed,
            meta={"page": page},
        )

    def detail_request(
        self, record: Record, raw: str, marker: str | None
    ) -> scrapy.Request:
        assert self.source.detail is not None
        params = {**self.source.detail.fixed_params, **self.detail_params(record)}
        return scrapy.Request(
            self._url(self.source.detail.path, params),
            callback=self.parse_detail,
            errback=self.failed,
            meta={"record": record, "raw": raw, "marker": marker},
        )

    # Responses --------------------------------------------------------------

    def parse_list(self, response: Response) -> Iterator[Any]:
        self._refuse_on_status(response)
        try:
            records, total = self.read_list(response.text)
        except PayloadError as exc:
            self.stat("bad_pages")
            yield Rejected(
                self.source.id,
                f"list page {response.meta['page']}: {exc}",
                response.text,
            )
            return
        yield from self._more_pages(response.meta["page"], total, len(records))
        for record, raw in records:
            yield from self.follow(record, raw)

    def read_list(self, body: str) -> tuple[list[tuple[Record, str]], int | None]:
        paging = self.source.paging
        if self.source.list.format is Format.XML:
            root = self._xml(body)
            self._refuse_on_text(root.tag, body)
            total = xml_value(root, paging.total_path) if paging.total_path else None
            return xml_records(root, paging.records_path), _int(total)
        data = self._json(body)
        total = dig(data, paging.total_path) if paging.total_path else None
        return json_records(data, paging.records_path), _int(total)

    def _json(self, body: str) -> Any:
        # 공공데이터포털's gateway refuses a key in XML even for JSON services.
        if strip_bom(body).startswith("<"):
            root = self._xml(body)
            self._refuse_on_text(root.tag, body)
            raise PayloadError(f"XML answer where JSON was expected: <{root.tag}>")
        data = parse_json(body)
        self._refuse_on_json(data)
        return data

    def _xml(self, body: str) -> Any:
        try:
            return parse_xml(body)
        except PayloadError:
            repaired = repair_xml(body)
            if repaired == body:
                raise
        # Parsed again with bare ampersands escaped; if that fails too, the
        # page goes to the dead letters with the parser's reason.
        root = parse_xml(repaired)
        self.stat("repaired_pages")
        log.warning("crawl.xml_repaired", source=self.source.id)
        return root

    def _more_pages(
        self, page: int, total: int | None, count: int
    ) -> Iterator[scrapy.Request]:
        paging = self.source.paging
        if total is None:
            if count >= paging.page_size:
                yield self.list_request(page + 1)
            return
        if page != paging.first_page:
            return
        assert self.crawler.stats is not None
        self.crawler.stats.set_value(f"ilteo/{self.source.id}/expected", total)
        pages = -(-total // paging.page_size)
        for following in range(paging.first_page + 1, paging.first_page + pages):
            yield self.list_request(following)

    def follow(self, record: Record, raw: str) -> Iterator[Any]:
        source_id = source_id_of(self.source.id, record)
        if not self.fetch_details or self.source.detail is None or source_id is None:
            yield SourceRecord(self.source.id, record, raw)
            return
        marker = self.marker_of(record)
        if marker is not None and self.known.get(source_id) == marker:
            # Unchanged since the last published version: no detail call.
            self.stat("scraped")
            self.stat("unchanged")
            return
        yield self.detail_request(record, raw, marker)

    def marker_of(self, record: Record) -> str | None:
        """What changes when the record changes: its modification time, when the
        source has one; None fetches the detail on every run."""
        field = self.source.modified_field
        return str(record.get(field)) if field and record.get(field) else None

    def parse_detail(self, response: Response) -> Iterator[Any]:
        self._refuse_on_status(response)
        record, raw = response.meta["record"], response.meta["raw"]
        try:
            detail, detail_raw = self.read_detail(response.text)
        except PayloadError as exc:
            self.stat("bad_pages")
            yield Rejected(self.source.id, f"detail: {exc}", response.text)
            return
        both = json.dumps({"list": raw, "detail": detail_raw}, ensure_ascii=False)
        yield SourceRecord(
            self.source.id, record, both, detail, response.meta["marker"]
        )

    def read_detail(self, body: str) -> tuple[Record, str]:
        assert self.source.detail is not None
        if self.source.detail.format is Format.XML:
            root = self._xml(body)
            self._refuse_on_text(root.tag, body)
            found = xml_records(root, self.detail_root) if self.detail_root else []
            if self.detail_root:
                return found[0] if found else ({}, body)
            value = element_to_dict(root)
            return (value if isinstance(value, dict) else {}), body.strip()
        data = self._json(body)
        value = dig(data, self.detail_root) if self.detail_root else data
        return (value if isinstance(value, dict) else {}), body.strip()

    # Refused keys -----------------------------------------------------------

    def _refuse_on_status(self, response: Response) -> None:
        if response.status in (401, 403):
            self._refused(f"HTTP {response.status}")

    def _refuse_on_text(self, root_tag: str, body: str) -> None:
        # data.go.kr answers a bad key with HTTP 200 and this envelope.
        if root_tag == "OpenAPI_ServiceResponse" or (
            root_tag.lower() in {"error", "errors", "result"}
            and any(word in body.upper() for word in _REFUSAL_WORDS)
        ):
            self._refused(body[:200])

    def _refuse_on_json(self, data: Any) -> None:
        if not isinstance(data, dict):
            return
        messages = " ".join(
            str(value)
            for name, value in data.items()
            if "msg" in name.lower()
            or "err" in name.lower()
            or "message" in name.lower()
        )
        if any(word in messages.upper() for word in _REFUSAL_WORDS):
            self._refused(messages[:200])

    def _refused(self, detail: str) -> None:
        log.error("crawl.key_refused", source=self.source.id, detail=detail)
        raise CloseSpider(KEY_REFUSED)


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip()) if value not in (None, "") else None
    except ValueError:
        return None
