"""잡알리오's normaliser: the list record, and what its detail adds."""

from ilteo_common.items import JobPosting
from ilteo_ingest.normalize import SourceRecord, to_event

RECORD = {
    "recrutPblntSn": "290012",
    "instNm": "인천항만공사",
    "recrutPbancTtl": "인천항만공사 2026년 정규직 채용",
    "hireTypeNmLst": "정규직",
    "workRgnNmLst": "인천",
    "pbancBgngYmd": "20261201",
    "pbancEndYmd": "20261215",
    "aplyQlfcCn": "공고일 기준 결격사유가 없는 자",
}


def posting(detail: dict[str, object] | None) -> JobPosting:
    event = to_event(SourceRecord("jobalio", RECORD, "raw", detail), correlation_id="t")
    assert isinstance(event.item, JobPosting)
    return event.item


class TestAttachments:
    def test_detail_files_are_named_in_the_description(self) -> None:
        files = [{"atchFileNm": "채용공고문.hwp"}, {"atchFileNm": "응시원서.hwp"}]

        found = posting({**RECORD, "files": files})

        assert found.description == (
            "공고일 기준 결격사유가 없는 자\n첨부파일: 채용공고문.hwp, 응시원서.hwp"
        )

    def test_one_file_may_come_alone(self) -> None:
        found = posting({"files": {"atchFileNm": "채용공고문.hwp"}})

        assert found.description is not None
        assert found.description.endswith("첨부파일: 채용공고문.hwp")

    def test_without_a_detail_the_list_is_enough(self) -> None:
        assert posting(None).description == "공고일 기준 결격사유가 없는 자"
