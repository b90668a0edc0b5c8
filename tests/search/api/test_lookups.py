"""``GET /v1/suggest``, ``GET /v1/items/{id}`` and the OpenAPI document."""

import httpx
import pytest

from tests.search.api.conftest import get


class TestSuggest:
    @pytest.mark.parametrize(
        ("typed", "expected"),
        [
            ("요양보", "요양보호사 채용 (주간보호센터)"),
            ("조리", "한식당 주방 조리사 구인"),
            ("지게", "지게차 운전원 모집"),
            ("바리", "카페 바리스타 아르바이트"),
        ],
    )
    def test_a_korean_prefix_completes_titles(
        self, search_url: str, typed: str, expected: str
    ) -> None:
        answer = get(search_url, "suggest", q=typed)

        assert answer.status_code == 200
        assert expected in [s["text"] for s in answer.json()["suggestions"]]

    def test_only_open_items_of_one_kind(self, search_url: str) -> None:
        answer = get(search_url, "suggest", q="요양", kind="training").json()

        assert [s["key"] for s in answer["suggestions"]] == ["hrd:C2004-2"]

    def test_each_title_once(self, search_url: str) -> None:
        # The same posting on two sources has the same title.
        answer = get(search_url, "suggest", q="용접공").json()

        titles = [s["text"] for s in answer["suggestions"]]
        assert len(titles) == len(set(titles))
        assert "마감된 용접공 모집" not in titles

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({}, "q"),
            ({"q": ""}, "q"),
            ({"q": "가" * 201}, "q"),
            ({"q": "a", "size": 99}, "size"),
        ],
    )
    def test_bad_input_is_a_400(
        self, search_url: str, params: dict[str, str], field: str
    ) -> None:
        answer = get(search_url, "suggest", **params)

        assert answer.status_code == 400
        assert answer.json()["field"] == field


class TestItem:
    def test_an_item_in_full_with_all_its_sources(self, search_url: str) -> None:
        answer = get(search_url, "items/work24:K100001")

        assert answer.status_code == 200
        detail = answer.json()
        assert detail["item"]["title"] == "용접공 모집 (CO2·알곤 용접)"
        assert detail["item"]["pay"]["min_krw"] == 3_200_000
        assert {s["key"] for s in detail["sources"]} == {
            "work24:K100001",
            "saramin:S55001",
        }
        assert detail["district"]["name_ko"] == "부평구"

    def test_a_closed_item_is_still_shown(self, search_url: str) -> None:
        detail = get(search_url, "items/work24:K100024").json()

        assert detail["status"] == "closed"

    def test_an_unknown_item_is_a_plain_404(self, search_url: str) -> None:
        answer = get(search_url, "items/work24:NOPE")

        assert answer.status_code == 404
        assert "work24:NOPE" in answer.json()["detail"]


class TestOpenApi:
    def test_one_document_with_typed_responses(self, search_url: str) -> None:
        document = httpx.get(f"{search_url}/openapi.json", timeout=30).json()

        paths = document["paths"]
        expected = {
            "/v1/search": "SearchResult",
            "/v1/suggest": "SuggestResult",
            "/v1/items/{item_id}": "ItemDetail",
            "/v1/map": "MapResult",
            "/v1/stats/districts": "DistrictStatsResult",
        }
        for path, model in expected.items():
            ok = paths[path]["get"]["responses"]["200"]["content"]["application/json"]
            assert ok["schema"]["$ref"].endswith(f"/{model}")
            assert "400" in paths[path]["get"]["responses"]
