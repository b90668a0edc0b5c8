"""잡알리오 공공기관 채용정보: the list, then the detail of new or changed postings.

The list has no modification time: a hash of the list record stands in for one,
so that a posting's detail (its attachments) is fetched once per version.
"""

import hashlib
import json
from typing import ClassVar

from ilteo_ingest.crawl.spiders.base import ApiSpider, Record
from ilteo_ingest.sources import JOBALIO, Source


class JobalioSpider(ApiSpider):
    name = "jobalio"
    source: ClassVar[Source] = JOBALIO
    detail_root = "result"

    def detail_params(self, record: Record) -> dict[str, str]:
        return {"sn": str(record["recrutPblntSn"])}

    def marker_of(self, record: Record) -> str | None:
        listed = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(listed.encode()).hexdigest()[:16]
