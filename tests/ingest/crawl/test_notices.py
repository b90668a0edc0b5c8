"""Reading the city's notice board: list pages, pagination, notices, attachments.

The pages come from the demo site over HTTP; a few hand-written pages cover
what the demo never serves (an empty board, a board without a "마지막" link).
"""

from typing import Any

import httpx
import pytest
from scrapy.http import HtmlResponse

from ilteo_ingest.crawl.notices import (
    ListPage,
    PageError,
    canonical_url,
    read_list_page,
    read_notice,
)
from ilteo_ingest.sources import CITY

assert CITY.detail is not None
LIST = f"/city{CITY.list.path}"
VIEW = f"/city{CITY.detail.path}"
INFO = ("공고번호", "담당부서", "등록일", "수정일", "조회수")


def fetch(site: str, path: str, **params: str) -> HtmlResponse:
    answer = httpx.get(f"{site}{path}", params=params, timeout=30)
    answer.raise_for_status()
    return HtmlResponse(str(answer.url), body=answer.content, encoding="utf-8")


def listed(site: str, number: int) -> ListPage:
    return read_list_page(fetch(site, LIST, curPage=str(number)), page_param="curPage")


def page(html: str, url: str = "http://city.test/IC010205?curPage=1") -> HtmlResponse:
    return HtmlResponse(url, body=html.encode(), encoding="utf-8")


def truth(site: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = httpx.get(
        f"{site}/_demo/truth/city", timeout=30
    ).json()
    return records


class TestListPage:
    def test_rows_carry_the_id_title_and_a_link_to_the_notice(
        self, demo_site: str
    ) -> None:
        listing = listed(demo_site, 1)
        expected = {r["id"]: r for r in truth(demo_site) if r["index"] < 10}

        assert [row.record["repSeq"] for row in listing.rows] == list(expected)
        for row in listing.rows:
            record = row.record
            if expected[record["repSeq"]]["flaw"] != "missing_title":
                assert record["title"] == expected[record["repSeq"]]["title"]
            assert record["url"] == f"{demo_site}{VIEW}?repSeq={record['repSeq']}"
            assert record["regDate"] == expected[record["repSeq"]]["posted"]
            assert record["dept"]

    def test_pagination_names_the_last_and_the_next_page(self, demo_site: str) -> None:
        pages = -(-len(truth(demo_site)) // CITY.paging.page_size)

        first = listed(demo_site, 1)
        last = listed(demo_site, pages)

        assert (first.last_page, first.next_page) == (pages, 2)
        assert (last.last_page, last.next_page) == (pages, None)
        assert first.total == len(truth(demo_site))

    def test_every_page_together_lists_every_notice_once(self, demo_site: str) -> None:
        first = listed(demo_site, 1)
        assert first.last_page is not None

        seen = [
            row.record["repSeq"]
            for number in range(1, first.last_page + 1)
            for row in listed(demo_site, number).rows
        ]

        assert sorted(seen) == sorted(r["id"] for r in truth(demo_site))

    def test_marker_ignores_the_view_count(self, demo_site: str) -> None:
        row = listed(demo_site, 1).rows[0]
        viewed = type(row)(record=row.record | {"views": "99999"}, html=row.html)
        renamed = type(row)(record=row.record | {"title": "다른 제목"}, html=row.html)

        assert viewed.marker == row.marker
        assert renamed.marker != row.marker

    def test_a_page_without_the_board_is_refused(self, demo_site: str) -> None:
        with pytest.raises(PageError):
            read_list_page(fetch(demo_site, "/healthz"), page_param="curPage")

    def test_an_empty_board_has_no_rows(self) -> None:
        html = (
            '<table class="board-list"><thead><tr><th>번호</th><th>제목</th></tr>'
            '</thead><tbody><tr><td colspan="2">등록된 게시물이 없습니다.</td></tr>'
            "</tbody></table>"
        )

        listing = read_list_page(page(html), page_param="curPage")

        assert listing.rows == []
        assert (listing.last_page, listing.next_page, listing.total) == (None,) * 3

    def test_columns_are_read_by_their_headers(self) -> None:
        html = (
            '<table class="board-list"><thead><tr><th>제목</th><th>등록일</th>'
            "<th>담당부서</th></tr></thead><tbody><tr><td>"
            '<a href="/IC010205/view?curPage=3&amp;repSeq=77">R&amp;D 인력 모집</a>'
            "</td><td>2026-12-01</td><td>일자리경제과</td></tr></tbody></table>"
            '<div class="pagination"><a class="next" href="?curPage=2">다음</a></div>'
        )

        listing = read_list_page(page(html), page_param="curPage")

        assert listing.rows[0].record == {
            "title": "R&D 인력 모집",
            "regDate": "2026-12-01",
            "dept": "일자리경제과",
            "url": "http://city.test/IC010205/view?repSeq=77",
            "repSeq": "77",
        }
        assert (listing.last_page, listing.next_page) == (None, 2)


class TestNotice:
    def test_notice_fields_facts_and_attachments(self, demo_site: str) -> None:
        notice = next(r for r in truth(demo_site) if r["flaw"] is None)

        found, html = read_notice(fetch(demo_site, VIEW, repSeq=notice["id"]))

        assert found["title"] == notice["title"]
        assert found["info"]["등록일"] == notice["posted"]
        assert set(found["info"]) == set(INFO)
        assert {"신청기간", "장소"} <= set(found["facts"])
        assert [a["name"] for a in found["attachments"]] == notice["attachments"]
        for attachment in found["attachments"]:
            assert attachment["url"].startswith(f"{demo_site}/city/comm/download?")
        assert html.startswith('<div class="board-view">')

    def test_entities_are_decoded_once_by_the_selector(self) -> None:
        html = (
            '<div class="board-view"><h3 class="title">R&amp;D 지원</h3>'
            '<div class="content"><ul><li>지원내용: 교육&amp;middot;상담</li>'
            "</ul></div></div>"
        )

        found, _ = read_notice(page(html))

        assert found["title"] == "R&D 지원"
        # Escaped twice by the site: the second decoding is the normaliser's.
        assert found["facts"] == {"지원내용": "교육&middot;상담"}

    def test_an_unknown_notice_is_not_a_notice(self, demo_site: str) -> None:
        answer = httpx.get(f"{demo_site}{VIEW}", params={"repSeq": "1"}, timeout=30)
        response = HtmlResponse(str(answer.url), body=answer.content, encoding="utf-8")

        with pytest.raises(PageError):
            read_notice(response)


class TestCanonicalUrl:
    def test_the_list_page_of_a_link_is_dropped(self) -> None:
        url = "http://city.test/IC010205/view?repSeq=12&curPage=4"

        assert canonical_url(url) == "http://city.test/IC010205/view?repSeq=12"
