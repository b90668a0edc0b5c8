"""고용24 채용정보: list by page, detail only for new or changed wantedAuthNo."""

from typing import ClassVar

from ilteo_ingest.crawl.spiders.base import ApiSpider, Record
from ilteo_ingest.sources import WORK24, Source


class Work24Spider(ApiSpider):
    name = "work24"
    source: ClassVar[Source] = WORK24

    def detail_params(self, record: Record) -> dict[str, str]:
        return {"wantedAuthNo": str(record["wantedAuthNo"])}
