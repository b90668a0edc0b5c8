"""The demo site, run as its own process: formats, paging, keys, robots, revisions."""

import json
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from ilteo_ingest.sources import SOURCES, Source
from tests.conftest import running_service

KEY = "demo-key-for-tests"
JOBS = 600
JSON_SOURCES = ("hrd", "youth", "bizinfo", "kstartup", "jobalio")
WITH_TOTAL = [s for s in JSON_SOURCES if SOURCES[s].paging.total_path]
# Parameters some lists need to list everything.
LIST_EVERYTHING = {"hrd": {"srchTraStDt": "20260101", "srchTraEndDt": "20281231"}}


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    env = {"SEED": "7", "JOBS": str(JOBS), "NOW": "2026-12-03T09:00", "API_KEY": KEY}
    with running_service("ilteo-demo-source", prefix="ILTEO_DEMO_", env=env) as url:
        yield url


def get(site: str, source: Source, path: str, **params: str) -> httpx.Response:
    if source.key_param:
        params = {source.key_param: KEY} | params
    return httpx.get(f"{site}/{source.id}{path}", params=params, timeout=30)


def list_page(site: str, source: Source, page: int) -> httpx.Response:
    params = dict(source.list.fixed_params) | LIST_EVERYTHING.get(source.id, {})
    params[source.paging.page_param] = str(page)
    if source.paging.size_param:
        params[source.paging.size_param] = str(source.paging.page_size)
    return get(site, source, source.list.path, **params)


def pages(site: str, source: Source) -> Iterator[httpx.Response]:
    """Every list page, until one comes back without records."""
    page = source.paging.first_page
    while True:
        response = list_page(site, source, page)
        if not ids_on(source, response.text):
            return
        yield response
        page += 1


def ids_on(source: Source, text: str) -> list[str]:
    if source.list.format == "json":
        records = dig(json.loads(text), source.paging.records_path)
        return ["-".join(str(r[f]) for f in source.id_fields) for r in records]
    field = source.id_fields[0]
    if source.list.format == "xml":
        return re.findall(rf"<{field}>([^<]+)</{field}>", text)
    return re.findall(rf"\?{field}=(\d+)", text)


def dig(document: Any, dotted: str) -> Any:
    for key in dotted.split("."):
        document = document[key]
    return document


def truth(site: str, source_id: str) -> list[dict[str, Any]]:
    response = httpx.get(f"{site}/_demo/truth/{source_id}", timeout=30)
    records: list[dict[str, Any]] = response.json()
    return records


def well_formed(text: str) -> bool:
    try:
        ElementTree.fromstring(text.removeprefix("\ufeff"))
    except ElementTree.ParseError:
        return False
    return True


class TestWork24:
    source = SOURCES["work24"]

    def test_list_starts_with_a_byte_order_mark(self, site: str) -> None:
        response = list_page(site, self.source, 1)

        assert response.content.startswith(b"\xef\xbb\xbf<?xml")
        assert response.headers["content-type"].startswith("text/xml")

    def test_paging_covers_every_posting_once(self, site: str) -> None:
        seen = [
            i for r in pages(site, self.source) for i in ids_on(self.source, r.text)
        ]

        assert len(seen) == JOBS
        assert sorted(seen) == sorted(record["id"] for record in truth(site, "work24"))

    def test_only_the_page_with_the_broken_entity_is_not_well_formed(
        self, site: str
    ) -> None:
        broken = [r for r in truth(site, "work24") if r["flaw"] == "broken_entity"]
        failing = [r.text for r in pages(site, self.source) if not well_formed(r.text)]

        assert len(failing) == 1
        assert broken[0]["id"] in failing[0]

    def test_registration_window_lists_the_newest_postings(self, site: str) -> None:
        response = list_page_with(site, regDate="D-3", display="100")
        root = ElementTree.fromstring(response.text.removeprefix("\ufeff"))

        assert 0 < int(root.findtext("total") or 0) < JOBS

    def test_detail_by_auth_number(self, site: str) -> None:
        posting = next(r for r in truth(site, "work24") if r["flaw"] is None)
        detail = self.source.detail
        assert detail is not None

        response = get(
            site,
            self.source,
            detail.path,
            **detail.fixed_params,
            wantedAuthNo=posting["id"],
        )
        root = ElementTree.fromstring(response.text.removeprefix("\ufeff"))

        assert root.tag == "wantedDtl"
        assert root.findtext("wantedInfo/wantedTitle") == posting["title"]
        assert root.findtext("corpInfo/totPsncnt", "").endswith("명")

    def test_wrong_key_is_refused(self, site: str) -> None:
        response = list_page_with(site, authKey="wrong")

        assert "<error>" in response.text
        assert "<wanted>" not in response.text


def list_page_with(site: str, **params: str) -> httpx.Response:
    source = SOURCES["work24"]
    return get(site, source, source.list.path, **source.list.fixed_params | params)


class TestJsonSources:
    @pytest.mark.parametrize("source_id", JSON_SOURCES)
    def test_paging_covers_every_record_once(self, site: str, source_id: str) -> None:
        source = SOURCES[source_id]

        seen = [i for r in pages(site, source) for i in ids_on(source, r.text)]

        expected = [record["id"] for record in truth(site, source_id)]
        assert sorted(seen) == sorted(expected)

    @pytest.mark.parametrize("source_id", WITH_TOTAL)
    def test_total_is_where_the_catalog_says(self, site: str, source_id: str) -> None:
        source = SOURCES[source_id]

        document = list_page(site, source, 1).json()

        assert dig(document, source.paging.total_path or "") == len(
            truth(site, source_id)
        )

    @pytest.mark.parametrize("source_id", JSON_SOURCES)
    def test_wrong_key_is_refused(self, site: str, source_id: str) -> None:
        source = SOURCES[source_id]
        assert source.key_param is not None

        response = get(site, source, source.list.path, **{source.key_param: "wrong"})

        assert not ids_on_safely(source, response.text)

    def test_odcloud_condition_filters_open_announcements(self, site: str) -> None:
        source = SOURCES["kstartup"]

        response = get(site, source, source.list.path, **source.changed_params)
        document = response.json()

        assert document["matchCount"] < document["totalCount"]
        assert {row["rcrt_prgs_yn"] for row in document["data"]} == {"Y"}


def ids_on_safely(source: Source, text: str) -> list[str]:
    try:
        return ids_on(source, text)
    except (KeyError, TypeError, ValueError):
        return []


class TestNarailter:
    source = SOURCES["narailter"]

    def test_paging_covers_every_record_once(self, site: str) -> None:
        seen = [
            i for r in pages(site, self.source) for i in ids_on(self.source, r.text)
        ]

        assert sorted(seen) == sorted(r["id"] for r in truth(site, "narailter"))

    def test_item_adds_the_text_that_names_the_region(self, site: str) -> None:
        record = next(r for r in truth(site, "narailter") if r["duplicate_of"])
        detail = self.source.detail
        assert detail is not None

        response = get(site, self.source, detail.path, idx=record["id"])
        item = ElementTree.fromstring(response.text).find("body/items/item")

        assert item is not None
        assert "근무장소: 인천광역시" in (item.findtext("contents") or "")

    def test_wrong_key_is_refused_the_data_go_kr_way(self, site: str) -> None:
        response = get(site, self.source, self.source.list.path, ServiceKey="wrong")

        assert "SERVICE_KEY_IS_NOT_REGISTERED_ERROR" in response.text


class TestCity:
    source = SOURCES["city"]

    def test_robots_txt_disallows_downloads(self, site: str) -> None:
        response = httpx.get(f"{site}/robots.txt")

        assert response.status_code == 200
        assert "Disallow: /city/comm/" in response.text

    def test_paging_covers_every_notice_once(self, site: str) -> None:
        seen = [
            i for r in pages(site, self.source) for i in ids_on(self.source, r.text)
        ]

        assert len(seen) == len(truth(site, "city"))

    def test_detail_names_the_attachments(self, site: str) -> None:
        notice = truth(site, "city")[0]
        detail = self.source.detail
        assert detail is not None

        response = get(site, self.source, detail.path, repSeq=notice["id"])

        assert response.headers["content-type"].startswith("text/html")
        for name in notice["attachments"]:
            assert f">{name}</a>" in response.text

    def test_an_unknown_notice_is_not_found(self, site: str) -> None:
        detail = self.source.detail
        assert detail is not None

        response = get(site, self.source, detail.path, repSeq="1")

        assert response.status_code == 404


class TestControl:
    def test_stats_count_requests_per_source(self, site: str) -> None:
        httpx.delete(f"{site}/_demo/stats")
        for page in (1, 2, 3):
            list_page(site, SOURCES["youth"], page)

        stats = httpx.get(f"{site}/_demo/stats").json()

        assert stats["requests"]["youth"] == 3
        assert stats["requests"]["work24"] == 0

    def test_stats_count_refused_keys(self, site: str) -> None:
        httpx.delete(f"{site}/_demo/stats")
        list_page_with(site, authKey="wrong")

        stats = httpx.get(f"{site}/_demo/stats").json()

        assert stats["refused"] == {"work24": 1}

    def test_revision_shows_in_the_next_list(self, site: str) -> None:
        source = SOURCES["work24"]
        before = {r["id"]: r for r in truth(site, "work24")}

        answer = httpx.post(
            f"{site}/_demo/revise", json={"source": "work24", "count": 5}
        ).json()

        changed = {change["id"] for change in answer["changed"]}
        after = {r["id"]: r for r in truth(site, "work24")}
        assert len(changed) == 5
        for posting_id in changed:
            assert after[posting_id]["version"] == before[posting_id]["version"] + 1
        listed = "".join(r.text for r in pages(site, source))
        for posting_id in changed:
            row = listed.split(f"<wantedAuthNo>{posting_id}</wantedAuthNo>")[1]
            assert "(마감연장)" in row.split("</wanted>")[0]

    def test_revising_an_unknown_source_is_a_404(self, site: str) -> None:
        response = httpx.post(f"{site}/_demo/revise", json={"source": "x", "count": 1})

        assert response.status_code == 404

    def test_revising_zero_records_is_refused(self, site: str) -> None:
        response = httpx.post(
            f"{site}/_demo/revise", json={"source": "city", "count": 0}
        )

        assert response.status_code == 422

    def test_truth_summary_counts_flaws_and_duplicates(self, site: str) -> None:
        summary = httpx.get(f"{site}/_demo/truth").json()

        assert summary["sizes"]["work24"] == JOBS
        assert len(summary["flaws"]["work24"]) >= 4
        assert summary["duplicates"]
