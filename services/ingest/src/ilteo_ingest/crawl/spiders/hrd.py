"""HRD 훈련과정: courses starting within a year, then each course's detail."""

from datetime import date, timedelta
from typing import ClassVar

from ilteo_ingest.crawl.spiders.base import ApiSpider, Record
from ilteo_ingest.sources import HRD, Source

HORIZON = timedelta(days=365)


class HrdSpider(ApiSpider):
    name = "hrd"
    source: ClassVar[Source] = HRD

    def list_params(self) -> dict[str, str]:
        today = date.today()
        return {
            "srchTraStDt": today.strftime("%Y%m%d"),
            "srchTraEndDt": (today + HORIZON).strftime("%Y%m%d"),
        }

    def detail_params(self, record: Record) -> dict[str, str]:
        return {
            "srchTrprId": str(record["trprId"]),
            "srchTrprDegr": str(record["trprDegr"]),
            "srchTorgId": str(record["trainstCstId"]),
        }
