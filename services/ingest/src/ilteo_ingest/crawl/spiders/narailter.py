"""나라일터 공공채용: getList, then getItem for contents and the work address."""

from typing import ClassVar

from ilteo_ingest.crawl.spiders.base import ApiSpider, Record
from ilteo_ingest.sources import NARAILTER, Source


class NarailterSpider(ApiSpider):
    name = "narailter"
    source: ClassVar[Source] = NARAILTER
    detail_root = "response.body.item"

    def detail_params(self, record: Record) -> dict[str, str]:
        return {"idx": str(record["idx"])}
