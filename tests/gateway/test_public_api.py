"""The public read API through a real gateway, a real search service and OpenSearch."""

import httpx
import pytest


def get(gateway: str, path: str, **params: object) -> httpx.Response:
    return httpx.get(f"{gateway}{path}", params=params, timeout=30)  # type: ignore[arg-type]


class TestSearch:
    def test_same_answer_as_the_search_service(
        self, gateway: str, search_url: str
    ) -> None:
        params = {"q": "용접", "size": 3, "sort": "newest"}
        through = get(gateway, "/api/v1/search", **params)
        direct = get(search_url, "/v1/search", **params)

        assert through.status_code == 200
        assert through.json()["total"] == direct.json()["total"] > 0
        keys = [hit["key"] for hit in through.json()["items"]]
        assert keys == [hit["key"] for hit in direct.json()["items"]]

    def test_second_identical_query_comes_from_the_cache(self, gateway: str) -> None:
        word = "요양보호사"
        first = get(gateway, "/api/v1/search", q=word, size=2, sort="deadline")
        # The same query written differently: spaces, parameter order.
        second = get(gateway, "/api/v1/search", sort="deadline", size=2, q=f"  {word} ")

        assert first.headers["X-Cache"] in ("miss", "hit")
        assert second.headers["X-Cache"] == "hit"
        assert second.json() == first.json()

    def test_filters_and_facets_pass_through(self, gateway: str) -> None:
        answer = get(gateway, "/api/v1/search", kind="job", district="bupyeong-gu")

        body = answer.json()
        assert answer.status_code == 200
        assert body["total"] > 0
        assert {hit["district"]["id"] for hit in body["items"]} == {"bupyeong-gu"}
        assert body["facets"]["district"]

    def test_paging_with_the_cursor(self, gateway: str) -> None:
        first = get(gateway, "/api/v1/search", kind="job", size=2).json()
        second = get(
            gateway, "/api/v1/search", kind="job", size=2, cursor=first["next_cursor"]
        ).json()

        assert first["next_cursor"]
        first_keys = {hit["key"] for hit in first["items"]}
        assert first_keys.isdisjoint(hit["key"] for hit in second["items"])


class TestOtherReads:
    def test_suggest(self, gateway: str) -> None:
        answer = get(gateway, "/api/v1/suggest", q="용")

        assert answer.status_code == 200
        assert answer.json()["suggestions"]

    def test_item_with_its_sources(self, gateway: str) -> None:
        answer = get(gateway, "/api/v1/items/work24:K100001")

        assert answer.status_code == 200
        assert answer.json()["key"] == "work24:K100001"
        assert answer.json()["sources"]

    def test_unknown_item_is_a_404_in_plain_words(self, gateway: str) -> None:
        answer = get(gateway, "/api/v1/items/work24:NOPE0000")

        assert answer.status_code == 404
        assert answer.json()["detail"]

    def test_map_counts_all_current_districts(self, gateway: str) -> None:
        answer = get(gateway, "/api/v1/map", kind="job")

        assert answer.status_code == 200
        assert len(answer.json()["districts"]) == 11

    def test_district_statistics(self, gateway: str) -> None:
        answer = get(gateway, "/api/v1/stats/districts")

        assert answer.status_code == 200
        assert len(answer.json()["districts"]) == 11

    def test_one_openapi_document(self, gateway: str) -> None:
        document = get(gateway, "/api/v1/openapi.json").json()

        paths = document["paths"]
        for path in ("/search", "/suggest", "/items/{key}", "/map", "/feedback"):
            assert f"/api/v1{path}" in paths
        parameters = {p["name"] for p in paths["/api/v1/search"]["get"]["parameters"]}
        assert {"q", "kind", "district", "sort", "size", "cursor"} <= parameters


class TestValidationAtTheEdge:
    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"size": 51}, "size"),
            ({"size": 0}, "size"),
            ({"size": "many"}, "size"),
            ({"q": "가" * 201}, "q"),
            ({"q": " ".join(["일"] * 25)}, "q"),
            ({"kind": "spaceship"}, "kind"),
            ({"sort": "random"}, "sort"),
            ({"district": ["x"] * 21}, "district"),
            ({"min_pay_month": -1}, "min_pay_month"),
            ({"remote": "perhaps"}, "remote"),
            ({"colour": "blue"}, "colour"),
        ],
    )
    def test_refused_with_a_clear_400(
        self, gateway: str, params: dict[str, object], field: str
    ) -> None:
        answer = get(gateway, "/api/v1/search", **params)

        assert answer.status_code == 400
        assert answer.json()["field"] == field
        assert " / " in answer.json()["detail"]  # Korean, then English

    @pytest.mark.parametrize(
        "params",
        [
            {"q": '*:* OR title:"x" AND _exists_:key'},
            {"q": "용접) (((( [[ {{ \\"},
            {"q": "<script>alert(1)</script>"},
            {"q": "'; DROP TABLE items; --"},
            {"q": "🧑‍🔧🔥" * 20},
            {"q": "\u202eevil\u200b\ufeff"},
            {"q": "a" * 200},
            {"q": "/.*/"},
            {"q": "\x00"},
            {"q": "%00%ff"},
            {"cursor": "A" * 600},
            {"cursor": "eyJ4IjoxfQ"},
            {"district": "../../etc/passwd"},
            {"occupation": "\\u0000"},
            {"source": "*"},
            {"closing_within_days": "9" * 40},
            {"min_pay_month": "1e309"},
        ],
    )
    def test_hostile_input_is_never_a_5xx(
        self, gateway: str, params: dict[str, object]
    ) -> None:
        answer = get(gateway, "/api/v1/search", **params)

        assert answer.status_code < 500, answer.text
        assert "detail" in answer.json() or "items" in answer.json()

    @pytest.mark.parametrize(
        "path",
        [
            "/api/v1/items/%2e%2e%2fadmin",
            "/api/v1/items/" + "x" * 400,
            "/api/v1/items/work24:%00",
            "/api/v1/suggest",
            "/api/v1/map?bbox=1,2,3",
            "/api/v1/map?zoom=99",
            "/api/v1/stats/districts?kind=x",
        ],
    )
    def test_hostile_paths_are_never_a_5xx(self, gateway: str, path: str) -> None:
        answer = httpx.get(f"{gateway}{path}", timeout=30)

        assert 400 <= answer.status_code < 500, answer.text
        assert answer.json()["detail"]
