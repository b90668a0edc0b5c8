"""기업마당 지원사업: pages until one comes back short (no total is given)."""

from typing import ClassVar

from ilteo_ingest.crawl.spiders.base import ApiSpider
from ilteo_ingest.sources import BIZINFO, Source


class BizinfoSpider(ApiSpider):
    name = "bizinfo"
    source: ClassVar[Source] = BIZINFO
