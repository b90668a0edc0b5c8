"""``GET /v1/map`` and ``GET /v1/stats/districts``."""

from typing import Any

import pytest

from ilteo_places import DISTRICTS
from tests.search.api.conftest import get

ALL_DISTRICTS = [district.id for district in DISTRICTS]


def _json(url: str, path: str, **params: Any) -> dict[str, Any]:
    answer = get(url, path, **params)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


class TestMap:
    def test_every_current_district_is_listed(self, search_url: str) -> None:
        body = _json(search_url, "map")

        assert [d["id"] for d in body["districts"]] == ALL_DISTRICTS
        placed = sum(d["count"] for d in body["districts"])
        assert placed + body["unplaced"] == body["total"]

    def test_districts_without_items_count_zero(self, search_url: str) -> None:
        body = _json(search_url, "map", kind="training")

        counts = {d["id"]: d["count"] for d in body["districts"]}
        assert list(counts) == ALL_DISTRICTS
        assert counts["ongjin-gun"] == 0
        assert counts["bupyeong-gu"] == 1

    def test_counts_agree_with_search(self, search_url: str) -> None:
        body = _json(search_url, "map", kind="job")

        for district in body["districts"]:
            search = _json(search_url, "search", kind="job", district=district["id"])
            assert search["total"] == district["count"], district

    def test_grid_cells_of_a_bounding_box(self, search_url: str) -> None:
        # 부평구 and 계양구, roughly.
        box = "126.70,37.48,126.75,37.55"
        body = _json(search_url, "map", bbox=box, zoom=14)

        assert body["zoom"] == 14
        assert body["cells"]
        for cell in body["cells"]:
            assert 37.48 <= cell["lat"] <= 37.55
            assert 126.70 <= cell["lon"] <= 126.75
            assert cell["key"].startswith("14/")
        inside = sum(
            d["count"]
            for d in body["districts"]
            if d["id"] in ("bupyeong-gu", "gyeyang-gu")
        )
        assert 0 < sum(cell["count"] for cell in body["cells"]) <= inside

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"bbox": "1,2,3", "zoom": 5}, "bbox"),
            ({"bbox": "126.8,37.4,126.7,37.5", "zoom": 5}, "bbox"),
            ({"bbox": "a,b,c,d", "zoom": 5}, "bbox"),
            ({"bbox": "nan,1,2,3", "zoom": 5}, "bbox"),
            ({"bbox": "126.7,37.4,126.8,37.5"}, "zoom"),
            ({"zoom": 5}, "bbox"),
            ({"bbox": "126.7,37.4,126.8,37.5", "zoom": 30}, "zoom"),
            ({"district": "서울"}, "district"),
        ],
    )
    def test_bad_input_is_a_400(
        self, search_url: str, params: dict[str, Any], field: str
    ) -> None:
        answer = get(search_url, "map", **params)

        assert answer.status_code == 400
        assert answer.json()["field"] == field


class TestDistrictStats:
    def test_every_current_district_is_listed(self, search_url: str) -> None:
        body = _json(search_url, "stats/districts")

        assert body["kind"] == "job"
        assert [d["id"] for d in body["districts"]] == ALL_DISTRICTS

    def test_open_jobs_agree_with_the_map(self, search_url: str) -> None:
        stats = _json(search_url, "stats/districts")
        counts = {
            d["id"]: d["count"]
            for d in _json(search_url, "map", kind="job")["districts"]
        }

        assert {d["id"]: d["open_items"] for d in stats["districts"]} == counts

    def test_top_occupations_count_a_job_once(self, search_url: str) -> None:
        stats = _json(search_url, "stats/districts")

        bupyeong = next(d for d in stats["districts"] if d["id"] == "bupyeong-gu")
        top = {o["value"]: o["count"] for o in bupyeong["top_occupations"]}
        # One welding job on two sources; the closed one is not counted.
        assert top["용접원"] == 1

    def test_median_pay(self, search_url: str) -> None:
        stats = _json(search_url, "stats/districts")

        for district in stats["districts"]:
            if district["items_with_pay"] == 0:
                assert district["pay_month_median"] is None
                continue
            assert district["pay_month_p25"] <= district["pay_month_median"]
            assert district["pay_month_median"] <= district["pay_month_p75"]

    def test_an_unknown_kind_is_a_400(self, search_url: str) -> None:
        answer = get(search_url, "stats/districts", kind="jobs")

        assert answer.status_code == 400
        assert answer.json()["field"] == "kind"
