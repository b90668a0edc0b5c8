"""K-Startup 사업공고: every record is complete in the list."""

from typing import ClassVar

from ilteo_ingest.crawl.spiders.base import ApiSpider
from ilteo_ingest.sources import KSTARTUP, Source


class KstartupSpider(ApiSpider):
    name = "kstartup"
    source: ClassVar[Source] = KSTARTUP
