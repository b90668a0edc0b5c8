"""인천광역시 고시·공고: the city's own notice board, crawled as a web site.

List pages come newest first. ``full`` reads every list page (the "마지막" link
says how many) and every notice, so that an edit anywhere is seen; the pipeline
then publishes only what changed. ``changed`` reads from the first page on and
stops after a page on which no row is new or changed, fetching only those
notices. robots.txt is obeyed; attachments are named, never downloaded.
"""

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response, TextResponse

from ilteo_ingest.crawl.items import Rejected, SourceRecord
from ilteo_ingest.crawl.notices import (
    ListPage,
    PageError,
    Row,
    read_list_page,
    read_notice,
)
from ilteo_ingest.crawl.spiders.base import SourceSpider
from ilteo_ingest.sources import CITY, Source


class CitySpider(SourceSpider):
    name = "city"
    source: ClassVar[Source] = CITY

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.known = self.load_markers()
        yield self.list_request(self.source.paging.first_page)

    def list_request(self, page: int) -> scrapy.Request:
        query = urlencode({self.source.paging.page_param: str(page)})
        return scrapy.Request(
            f"{self.base_url}{self.source.list.path}?{query}",
            callback=self.parse_list,
            errback=self.failed,
            meta={"page": page},
        )

    def parse_list(self, response: Response) -> Iterator[Any]:
        page = response.meta["page"]
        try:
            listing = read_list_page(
                _text_response(response), page_param=self.source.paging.page_param
            )
        except PageError as exc:
            self.stat("bad_pages")
            yield Rejected(self.source.id, f"list page {page}: {exc}", _body(response))
            return

        unchanged = [self._unchanged(row) for row in listing.rows]
        yield from self._more_pages(page, listing, anything_changed=not all(unchanged))

        for row, known in zip(listing.rows, unchanged, strict=True):
            if known and self.mode == "changed":
                # As published before: the notice itself is not fetched.
                self.stat("scraped")
                self.stat("unchanged")
                continue
            yield from self.follow(row)

    def _unchanged(self, row: Row) -> bool:
        source_id = row.record.get("repSeq")
        return source_id is not None and self.known.get(source_id) == row.marker

    def _more_pages(
        self, page: int, listing: ListPage, *, anything_changed: bool
    ) -> Iterator[scrapy.Request]:
        if self.mode == "changed":
            # Newest first: once a whole page is known, the older ones are too.
            following = listing.next_page or listing.last_page or page
            if anything_changed and following > page:
                yield self.list_request(page + 1)
            return
        if listing.last_page is None:
            # No "마지막" link: walk the "다음" links one page at a time.
            if listing.next_page is not None and listing.next_page > page:
                yield self.list_request(listing.next_page)
            return
        if page != self.source.paging.first_page:
            return
        if listing.total is not None:
            assert self.crawler.stats is not None
            self.crawler.stats.set_value(
                f"ilteo/{self.source.id}/expected", listing.total
            )
        for following in range(page + 1, listing.last_page + 1):
            yield self.list_request(following)

    def follow(self, row: Row) -> Iterator[Any]:
        if not row.record.get("repSeq"):
            # No id to fetch the notice by: the pipeline dead-letters the row.
            yield SourceRecord(self.source.id, row.record, _raw(row, None, None))
            return
        yield scrapy.Request(
            row.record["url"],
            callback=self.parse_notice,
            errback=self.failed,
            meta={"record": row.record, "row": row},
        )

    def parse_notice(self, response: Response) -> Iterator[Any]:
        row: Row = response.meta["row"]
        try:
            notice, html = read_notice(_text_response(response))
        except PageError as exc:
            self.stat("bad_pages")
            reason = f"notice {row.record['repSeq']}: {exc}"
            yield Rejected(self.source.id, reason, _body(response))
            return
        yield SourceRecord(
            self.source.id,
            row.record,
            _raw(row, response.url, html),
            notice,
            row.marker,
        )


def _raw(row: Row, url: str | None, notice_html: str | None) -> str:
    """The list row and the notice as the site wrote them, for replays."""
    return json.dumps(
        {"url": url, "list": row.html, "detail": notice_html}, ensure_ascii=False
    )


def _body(response: Response) -> str:
    if isinstance(response, TextResponse):
        return response.text
    return response.body.decode("utf-8", errors="replace")


def _text_response(response: Response) -> TextResponse:
    if not isinstance(response, TextResponse):
        raise PageError(f"not a text page: {response.headers.get('Content-Type')!r}")
    return response
