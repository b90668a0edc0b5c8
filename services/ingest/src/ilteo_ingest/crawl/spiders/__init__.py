"""One spider per source; ``SPIDERS`` maps source ids to spider classes."""

from ilteo_ingest.crawl.spiders.base import SourceSpider
from ilteo_ingest.crawl.spiders.bizinfo import BizinfoSpider
from ilteo_ingest.crawl.spiders.city import CitySpider
from ilteo_ingest.crawl.spiders.hrd import HrdSpider
from ilteo_ingest.crawl.spiders.jobalio import JobalioSpider
from ilteo_ingest.crawl.spiders.kstartup import KstartupSpider
from ilteo_ingest.crawl.spiders.narailter import NarailterSpider
from ilteo_ingest.crawl.spiders.work24 import Work24Spider
from ilteo_ingest.crawl.spiders.youth import YouthSpider

SPIDERS: dict[str, type[SourceSpider]] = {
    spider.name: spider
    for spider in (
        Work24Spider,
        HrdSpider,
        YouthSpider,
        BizinfoSpider,
        KstartupSpider,
        NarailterSpider,
        JobalioSpider,
        CitySpider,
    )
}
