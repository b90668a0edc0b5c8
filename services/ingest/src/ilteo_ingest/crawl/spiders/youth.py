"""온통청년 청년정책: every record is complete in the list."""

from typing import ClassVar

from ilteo_ingest.crawl.spiders.base import ApiSpider
from ilteo_ingest.sources import YOUTH, Source


class YouthSpider(ApiSpider):
    name = "youth"
    source: ClassVar[Source] = YOUTH
