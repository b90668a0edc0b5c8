"""``GET /v1/search``: filters, facets, sorts, pages, caps and hostile input."""

import base64
import json
import socket
import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from ilteo_stack.stack import Stack
from tests.conftest import free_port, running_service
from tests.search.api.conftest import DEPTH_MAX, found_keys, get, needs_model

SEOUL = ZoneInfo("Asia/Seoul")
JUNG_GU = {"jemulpo-gu", "yeongjong-gu"}  # 중구 before 2026-07-01
SEO_GU = {"seohae-gu", "geomdan-gu"}  # 서구 before 2026-07-01


def _search(url: str, **params: Any) -> dict[str, Any]:
    answer = get(url, "search", **params)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def _all_pages(url: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    page = _search(url, **params)
    items += page["items"]
    while page["next_cursor"]:
        page = _search(url, **params, cursor=page["next_cursor"])
        items += page["items"]
    return items


def _facet(body: dict[str, Any], name: str) -> dict[str, int]:
    return {bucket["value"]: bucket["count"] for bucket in body["facets"][name]}


class TestFilters:
    def test_a_former_district_covers_its_successors(self, search_url: str) -> None:
        body = _search(search_url, district="중구", size=50)

        assert {item["district"]["id"] for item in body["items"]} == JUNG_GU
        assert body["interpretation"]["former_districts"] == ["중구 → 제물포구, 영종구"]

    @pytest.mark.parametrize("value", ["28260", "서구", "Seo-gu"])
    def test_the_old_seo_gu_in_any_spelling(self, search_url: str, value: str) -> None:
        body = _search(search_url, district=value, size=50)

        assert {item["district"]["id"] for item in body["items"]} == SEO_GU

    @pytest.mark.parametrize("value", ["부평구", "bupyeong-gu", "Bupyeong", "28237"])
    def test_a_current_district_by_name_id_or_code(
        self, search_url: str, value: str
    ) -> None:
        body = _search(search_url, district=value, size=50)

        assert body["total"] > 0
        assert {item["district"]["id"] for item in body["items"]} == {"bupyeong-gu"}

    def test_several_districts_add_up(self, search_url: str) -> None:
        one = _search(search_url, district="부평구")["total"]
        other = _search(search_url, district="계양구")["total"]

        both = _search(search_url, district=["부평구", "계양구"])["total"]

        assert both == one + other

    def test_occupation_by_code_or_name(self, search_url: str) -> None:
        by_code = _search(search_url, occupation="721200", size=50)
        by_name = _search(search_url, occupation="용접원", size=50)

        keys = [item["key"] for item in by_code["items"]]
        assert keys == [item["key"] for item in by_name["items"]]
        assert {item["occupation"] for item in by_code["items"]} == {"용접원"}

    @pytest.mark.parametrize(
        ("param", "value", "field"),
        [
            ("kind", "training", "kind"),
            ("employment_type", "part_time", "employment_type"),
            ("career", "none", "career"),
            ("education", "college", "education"),
            ("source", "alba", "source"),
        ],
    )
    def test_a_keyword_filter_keeps_only_its_value(
        self, search_url: str, param: str, value: str, field: str
    ) -> None:
        body = _search(search_url, **{param: value}, size=50)

        assert body["items"]
        assert {item[field] for item in body["items"]} == {value}

    def test_remote_work(self, search_url: str) -> None:
        body = _search(search_url, remote="true")

        assert [item["key"] for item in body["items"]] == ["work24:K100013"]

    def test_audience(self, search_url: str) -> None:
        body = _search(search_url, audience="founder")

        assert [item["key"] for item in body["items"]] == ["kstartup:P3002"]

    def test_minimum_monthly_pay(self, search_url: str) -> None:
        body = _search(search_url, min_pay_month=4_000_000, size=50)

        assert body["items"]
        assert all(item["pay"]["month_max"] >= 4_000_000 for item in body["items"])

    def test_closing_within_days(self, search_url: str) -> None:
        body = _search(search_url, closing_within_days=5, size=50)

        # Deadlines are days in Incheon.
        last_day = datetime.now(SEOUL).date() + timedelta(days=5)
        closing = [date.fromisoformat(item["closes_on"]) for item in body["items"]]
        assert closing
        assert all(day <= last_day for day in closing)


class TestClosedItems:
    def test_closed_items_are_left_out(self, search_url: str) -> None:
        items = _all_pages(search_url, q="용접", size=50)

        assert "work24:K100024" not in {item["key"] for item in items}

    def test_closed_items_on_request(self, search_url: str) -> None:
        body = _search(search_url, q="용접", include_closed="true", size=50)

        closed = [item for item in body["items"] if item["key"] == "work24:K100024"]
        assert [item["status"] for item in closed] == ["closed"]


class TestDuplicates:
    def test_one_job_on_two_sources_is_one_result(self, search_url: str) -> None:
        body = _search(search_url, q="용접공 모집", size=50)

        both = {"work24:K100001", "saramin:S55001"}
        matches = [item for item in body["items"] if found_keys(item) & both]
        assert len(matches) == 1
        assert found_keys(matches[0]) == both

    def test_counts_count_the_job_once(self, search_url: str) -> None:
        body = _search(search_url, district="부평구", occupation="용접원")

        assert body["total"] == len(body["items"]) == 1


class TestFacets:
    def test_each_count_is_what_its_filter_gives(self, search_url: str) -> None:
        facets = _search(search_url)["facets"]

        for name in ("district", "kind", "employment_type", "source"):
            for bucket in facets[name]:
                narrowed = _search(search_url, **{name: bucket["value"]})
                assert narrowed["total"] == bucket["count"], (name, bucket)

    def test_a_facet_ignores_its_own_filter(self, search_url: str) -> None:
        everything = _facet(_search(search_url), "district")

        narrowed = _search(search_url, district="부평구")

        assert _facet(narrowed, "district") == everything
        assert sum(_facet(narrowed, "kind").values()) == narrowed["total"]

    def test_pay_and_deadline_steps(self, search_url: str) -> None:
        body = _search(search_url, kind="job")

        pay = _facet(body, "min_pay_month")
        total = _search(search_url, kind="job", min_pay_month=3_000_000)["total"]
        assert pay["3000000"] == total
        assert pay["2000000"] >= pay["3000000"] >= pay.get("5000000", 0)
        closing = _facet(body, "closing_within_days")
        assert closing["30"] >= closing["7"]


class TestSorts:
    def test_newest_first(self, search_url: str) -> None:
        items = _search(search_url, sort="newest", size=50)["items"]

        posted = [item["posted_at"] for item in items]
        assert posted == sorted(posted, reverse=True)

    def test_nearest_deadline_first(self, search_url: str) -> None:
        items = _search(search_url, sort="deadline", size=50)["items"]

        dated = [item["closes_on"] for item in items if item["closes_on"]]
        assert dated == sorted(dated)
        undated = [i for i, item in enumerate(items) if not item["closes_on"]]
        assert all(i >= len(dated) for i in undated)

    def test_best_pay_first(self, search_url: str) -> None:
        items = _search(search_url, sort="pay", kind="job", size=50)["items"]

        pays = [item["pay"]["month_max"] for item in items if item["pay"]]
        pays = [pay for pay in pays if pay is not None]
        assert pays == sorted(pays, reverse=True)


class TestCursor:
    @pytest.mark.parametrize("params", [{}, {"q": "모집"}, {"sort": "deadline"}])
    def test_pages_have_no_repeats_and_no_gaps(
        self, search_url: str, params: dict[str, Any]
    ) -> None:
        whole = _search(search_url, **params, size=DEPTH_MAX)
        paged = _all_pages(search_url, **params, size=7)

        keys = [item["key"] for item in paged]
        assert len(keys) == len(set(keys))
        assert keys == [item["key"] for item in whole["items"]]

    def test_paging_stops_at_the_depth_cap(self, search_url: str) -> None:
        assert _search(search_url)["total"] > DEPTH_MAX

        items = _all_pages(search_url, size=10)

        assert len(items) == DEPTH_MAX

    def test_a_cursor_past_the_cap_is_refused(self, search_url: str) -> None:
        token = _search(search_url, size=5)["next_cursor"]
        payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        payload[1] = DEPTH_MAX + 10
        forged = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()

        answer = get(search_url, "search", size=5, cursor=forged.rstrip("="))

        assert answer.status_code == 400
        assert "first" in answer.json()["detail"]

    def test_a_cursor_of_another_search_is_refused(self, search_url: str) -> None:
        token = _search(search_url, q="용접", size=1)["next_cursor"]

        answer = get(search_url, "search", q="조리", size=1, cursor=token)

        assert answer.status_code == 400
        assert answer.json()["field"] == "cursor"

    @pytest.mark.parametrize("token", ["abc", "!!!", "W10", "x" * 600, "bnVsbA"])
    def test_a_broken_cursor_is_refused(self, search_url: str, token: str) -> None:
        answer = get(search_url, "search", cursor=token)

        assert answer.status_code == 400
        assert answer.json()["field"] == "cursor"

    @needs_model
    def test_hybrid_pages_have_no_repeats(self, hybrid_url: str) -> None:
        whole = _search(hybrid_url, q="일자리", size=DEPTH_MAX)
        paged = _all_pages(hybrid_url, q="일자리", size=6)

        keys = [item["key"] for item in paged]
        assert whole["mode"] == "hybrid"
        assert keys == [item["key"] for item in whole["items"]]


class TestCaps:
    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"size": 51}, "size"),
            ({"size": 0}, "size"),
            ({"q": "가" * 201}, "q"),
            ({"q": "a" * 10_000}, "q"),
            ({"q": "가" * 1_500}, "q"),
            ({"q": " ".join(["용접"] * 25)}, "q"),
            ({"q": " ".join(f"w{i}" for i in range(1000))}, "q"),
            ({"district": ["부평구"] * 21}, "district"),
            ({"min_pay_month": -1}, "min_pay_month"),
            ({"closing_within_days": 1000}, "closing_within_days"),
            ({"employment_type": "fulltime"}, "employment_type"),
            ({"remote": "maybe"}, "remote"),
            ({"sort": "random"}, "sort"),
        ],
    )
    def test_a_request_over_a_limit_is_a_clear_400(
        self, search_url: str, params: dict[str, Any], field: str
    ) -> None:
        answer = get(search_url, "search", **params)

        assert answer.status_code == 400, answer.text
        problem = answer.json()
        assert problem["field"] == field
        assert " / " in problem["detail"]  # Korean, then English

    def test_a_query_too_long_for_a_url_is_refused_by_the_server(
        self, search_url: str
    ) -> None:
        host, port = search_url.removeprefix("http://").split(":")
        line = b"GET /v1/search?q=" + b"%EA%B0%80" * 10_000 + b" HTTP/1.1\r\n"
        with socket.create_connection((host, int(port)), timeout=30) as conn:
            conn.sendall(line + b"Host: search\r\n\r\n")
            status_line = conn.recv(64).split(b"\r\n")[0]

        assert status_line.startswith(b"HTTP/1.1 400")

    def test_the_longest_accepted_query(self, search_url: str) -> None:
        answer = get(search_url, "search", q="가" * 200)

        assert answer.status_code == 200


class TestUnknownValues:
    def test_an_unknown_district_is_answered_with_suggestions(
        self, search_url: str
    ) -> None:
        answer = get(search_url, "search", district="부평구청")

        assert answer.status_code == 400
        assert answer.json()["suggestions"] == ["부평구"]

    def test_an_unknown_occupation_is_answered_with_suggestions(
        self, search_url: str
    ) -> None:
        answer = get(search_url, "search", occupation="용접")

        assert answer.status_code == 400
        assert "용접원" in answer.json()["suggestions"]

    def test_an_unknown_source(self, search_url: str) -> None:
        answer = get(search_url, "search", source="work25")

        assert answer.status_code == 400
        assert answer.json()["suggestions"][0] == "work24"

    def test_a_misspelt_parameter(self, search_url: str) -> None:
        answer = get(search_url, "search", distrct="부평구")

        assert answer.status_code == 400
        assert answer.json()["field"] == "distrct"
        assert answer.json()["suggestions"] == ["district"]


HOSTILE = [
    "*:*",
    "/.*/",
    "a AND",
    "title:(용접",
    "용접 OR 1=1 --",
    '"',
    "\\",
    "((((((((((",
    "용접^1000",
    "🔥" * 100,
    "👩‍🔧 용접",
    "\x00\x01 용접",
    "\u200b",
    "<script>alert(1)</script>",
    "${jndi:ldap://x}",
    "%%%%",
    "용접~2",
    "null",
    "NaN",
    " ",
]


class TestHostileInput:
    @pytest.mark.parametrize("text", HOSTILE)
    def test_never_a_server_error(self, search_url: str, text: str) -> None:
        for path in ("search", "suggest"):
            answer = get(search_url, path, q=text)

            assert answer.status_code in (200, 400), (path, answer.text)

    @pytest.mark.parametrize("text", HOSTILE[:6])
    def test_map_never_a_server_error(self, search_url: str, text: str) -> None:
        answer = get(search_url, "map", q=text)

        assert answer.status_code in (200, 400), answer.text

    def test_markup_in_matches_is_escaped(self, search_url: str) -> None:
        body = _search(search_url, q="<script>용접</script>")

        fragments = [
            fragment
            for item in body["items"]
            for fragments in item["highlights"].values()
            for fragment in fragments
        ]
        assert fragments
        assert all("<script>" not in fragment for fragment in fragments)


class TestEngineTrouble:
    @pytest.mark.parametrize("engine", ["down", "no index"])
    def test_is_a_503_in_plain_language(self, stack: Stack, engine: str) -> None:
        env = {
            "OPENSEARCH_URL": stack.settings.opensearch_url,
            "INDEX_ALIAS": f"test-search-missing-{uuid.uuid4().hex[:8]}",
            "USE_EMBEDDINGS": "false",
            "OPENSEARCH_TIMEOUT_S": "2",
        }
        if engine == "down":
            env["OPENSEARCH_URL"] = f"http://127.0.0.1:{free_port()}"
        with running_service(
            "ilteo-search-api", prefix="ILTEO_SEARCH_", env=env
        ) as url:
            answer = httpx.get(f"{url}/v1/search", params={"q": "용접"}, timeout=30)

        assert answer.status_code == 503
        assert " / " in answer.json()["detail"]
