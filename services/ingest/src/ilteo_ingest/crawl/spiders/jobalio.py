"""잡알리오 공공기관 채용정보: the list carries every field the item needs."""

from typing import ClassVar

from ilteo_ingest.crawl.spiders.base import ApiSpider
from ilteo_ingest.sources import JOBALIO, Source


class JobalioSpider(ApiSpider):
    name = "jobalio"
    source: ClassVar[Source] = JOBALIO
    # The detail endpoint repeats the list's fields plus attachments and steps.
    fetch_details = False
