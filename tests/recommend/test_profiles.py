"""``/v1/profiles``: create, read, change and erase; only the owner sees a profile."""

import httpx
import redis

from tests.recommend.conftest import Api, new_subject

WELDER = {
    "audience": "individual",
    "desired_occupations": ["용접원"],
    "skills": ["CO2 용접"],
    "birth_year": 1985,
    "preferred_districts": ["부평구"],
}


def _keys_of(api: Api, profile_id: str, redis_url: str) -> list[bytes]:
    client = redis.Redis.from_url(redis_url)
    try:
        return list(client.scan_iter(match=f"recommend:profile:{profile_id}*"))
    finally:
        client.close()


class TestServiceToken:
    def test_no_token_is_401(self, api: Api) -> None:
        response = httpx.get(
            f"{api.url}/v1/profiles", headers={"X-Ilteo-Subject": "someone"}
        )
        assert response.status_code == 401
        assert response.json()["code"] == "unauthorized"

    def test_wrong_token_is_401(self, api: Api) -> None:
        response = httpx.get(
            f"{api.url}/v1/profiles",
            headers={"Authorization": "Bearer not-it", "X-Ilteo-Subject": "someone"},
        )
        assert response.status_code == 401

    def test_no_subject_is_401(self, api: Api) -> None:
        response = api.call("GET", "profiles", subject=None)
        assert response.status_code == 401


class TestCreate:
    def test_individual_with_former_district_name(self, api: Api) -> None:
        subject = new_subject()
        profile = api.create(subject, WELDER | {"preferred_districts": ["서구"]})

        assert profile["audience"] == "individual"
        # 서구 was split on 2026-07-01; a preference for it covers both successors.
        assert profile["preferred_districts"] == ["seohae-gu", "geomdan-gu"]
        assert profile["use_behaviour_for_ranking"] is False

    def test_company_and_founder(self, api: Api) -> None:
        subject = new_subject()
        company = api.create(
            subject,
            {
                "audience": "company",
                "industry": "금속 가공",
                "size": "small",
                "founding_year": 2012,
                "district": "남동구",
            },
        )
        founder = api.create(
            subject,
            {
                "audience": "founder",
                "stage": "early",
                "sector": "푸드테크",
                "district": "yeonsu-gu",
            },
        )
        assert company["district"] == "namdong-gu"
        assert founder["district"] == "yeonsu-gu"

        listed = api.call("GET", "profiles", subject=subject).json()
        assert {p["id"] for p in listed} == {company["id"], founder["id"]}

    def test_personal_data_fields_are_refused(self, api: Api) -> None:
        response = api.call(
            "POST",
            "profiles",
            subject=new_subject(),
            json=WELDER | {"name": "홍길동", "birth_date": "1985-03-02"},
        )
        assert response.status_code == 422
        fields = {error["field"] for error in response.json()["errors"]}
        assert fields == {"name", "birth_date"}

    def test_invalid_fields_are_explained(self, api: Api) -> None:
        response = api.call(
            "POST",
            "profiles",
            subject=new_subject(),
            json=WELDER | {"birth_year": 2024, "min_monthly_pay_krw": -5},
        )
        assert response.status_code == 422
        errors = {e["field"]: e["detail"] for e in response.json()["errors"]}
        assert set(errors) == {"birth_year", "min_monthly_pay_krw"}
        assert "출생연도" in errors["birth_year"]

    def test_unknown_audience(self, api: Api) -> None:
        response = api.call(
            "POST", "profiles", subject=new_subject(), json={"audience": "robot"}
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "audience"

    def test_unknown_district_gets_suggestions(self, api: Api) -> None:
        response = api.call(
            "POST",
            "profiles",
            subject=new_subject(),
            json=WELDER | {"preferred_districts": ["연수구", "부펑구"]},
        )
        assert response.status_code == 422
        [error] = response.json()["errors"]
        assert error["field"] == "preferred_districts.1"
        assert "부평구" in error["suggestions"]

    def test_split_district_as_residence_asks_to_choose(self, api: Api) -> None:
        response = api.call(
            "POST",
            "profiles",
            subject=new_subject(),
            json=WELDER | {"residence_district": "서구"},
        )
        assert response.status_code == 422
        [error] = response.json()["errors"]
        assert error["field"] == "residence_district"
        assert set(error["suggestions"]) == {"서해구", "검단구"}

    def test_malformed_json(self, api: Api) -> None:
        response = httpx.post(
            f"{api.url}/v1/profiles",
            content=b"{not json",
            headers=api.headers(new_subject()) | {"Content-Type": "application/json"},
        )
        assert response.status_code == 422
        assert response.json()["code"] == "invalid"


class TestOwnership:
    def test_another_subjects_profile_is_404(self, api: Api) -> None:
        owner, stranger = new_subject(), new_subject()
        profile_id = api.create(owner, WELDER)["id"]

        for method, path in [
            ("GET", f"profiles/{profile_id}"),
            ("DELETE", f"profiles/{profile_id}"),
            ("GET", f"profiles/{profile_id}/recommendations?kind=job"),
            ("GET", f"profiles/{profile_id}/feedback"),
        ]:
            response = api.call(method, path, subject=stranger)
            assert response.status_code == 404, (method, path)
        response = api.call(
            "PATCH", f"profiles/{profile_id}", subject=stranger, json={"skills": []}
        )
        assert response.status_code == 404
        assert api.call("GET", f"profiles/{profile_id}", subject=owner).is_success

    def test_malformed_id_is_422(self, api: Api) -> None:
        response = api.call("GET", "profiles/not-a-uuid", subject=new_subject())
        assert response.status_code == 422


class TestUpdate:
    def test_changes_only_the_given_fields(self, api: Api) -> None:
        subject = new_subject()
        profile_id = api.create(subject, WELDER)["id"]

        response = api.call(
            "PATCH",
            f"profiles/{profile_id}",
            subject=subject,
            json={"skills": ["알곤 용접"], "use_behaviour_for_ranking": True},
        )
        assert response.status_code == 200, response.text
        changed = response.json()
        assert changed["skills"] == ["알곤 용접"]
        assert changed["desired_occupations"] == ["용접원"]
        assert changed["use_behaviour_for_ranking"] is True
        assert changed["updated_at"] > changed["created_at"]

    def test_field_of_another_audience_is_422(self, api: Api) -> None:
        subject = new_subject()
        profile_id = api.create(subject, WELDER)["id"]
        response = api.call(
            "PATCH", f"profiles/{profile_id}", subject=subject, json={"size": "small"}
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "size"


class TestErase:
    def test_profile_vector_and_feedback_are_gone(
        self, api: Api, redis_url: str
    ) -> None:
        subject = new_subject()
        profile_id = api.create(subject, WELDER)["id"]
        response = api.call(
            "POST",
            f"profiles/{profile_id}/feedback",
            subject=subject,
            json={"item_key": "work24:R1001", "action": "save"},
        )
        assert response.status_code == 201, response.text
        client = redis.Redis.from_url(redis_url)
        stored = client.hgetall(f"recommend:profile:{profile_id}")
        client.close()
        assert b"vector" in stored
        assert len(_keys_of(api, profile_id, redis_url)) == 2

        response = api.call("DELETE", f"profiles/{profile_id}", subject=subject)

        assert response.status_code == 204
        assert _keys_of(api, profile_id, redis_url) == []
        gone = api.call("GET", f"profiles/{profile_id}", subject=subject)
        assert gone.status_code == 404
        listed = api.call("GET", "profiles", subject=subject).json()
        assert listed == []
