"""``/v1/profiles/{id}/recommendations`` and feedback over the fixed corpus."""

from typing import Any

import numpy as np
import pytest

from ilteo_common.items import ItemKind
from ilteo_recommend.embedding import SentenceTransformerEmbedder
from ilteo_recommend.profiles import service as profiles
from ilteo_recommend.profiles.repository import ProfileRepository
from ilteo_recommend.profiles.schemas import IndividualFields
from ilteo_recommend.recommendations.repository import (
    FeedbackRepository,
    ItemsRepository,
)
from ilteo_recommend.recommendations.service import Tuning, recommend
from ilteo_recommend.settings import DEFAULT_MODEL_PATH
from ilteo_recommend.store import create_redis
from ilteo_stack.stack import Stack
from tests.recommend.conftest import Api, new_subject

WELDER = {
    "audience": "individual",
    "desired_occupations": ["용접원"],
    "skills": ["CO2 용접", "알곤 용접"],
    "career_years": 8,
    "birth_year": 1985,
    "residence_district": "부평구",
    "preferred_districts": ["부평구"],
    "min_monthly_pay_krw": 2_800_000,
}
YOUTH = {
    "audience": "individual",
    "about": "청년 구직 활동 지원금과 일자리 정책",
    "birth_year": 2000,
    "residence_district": "미추홀구",
    "employment_status": "unemployed",
}


def keys(answer: dict[str, Any]) -> list[str]:
    return [item["key"] for item in answer["items"]]


class TestEligibility:
    def test_policy_of_another_age_band_never_appears(self, api: Api) -> None:
        subject = new_subject()
        profile_id = api.create(subject, YOUTH)["id"]

        answer = api.recommend(subject, profile_id, kind="policy", size=100)

        found = keys(answer)
        assert "youth:Y5001" in found  # 19–34, unemployed, Incheon
        assert "youth:Y5004" not in found  # 50–64
        assert "youth:Y5005" not in found  # 65 and over
        assert "incheon:P4201" not in found  # a program, not a policy

    def test_residence_of_another_district_never_appears(self, api: Api) -> None:
        subject = new_subject()
        profile = YOUTH | {"residence_district": "연수구"}
        profile_id = api.create(subject, profile)["id"]

        found = keys(api.recommend(subject, profile_id, kind="policy", size=100))

        assert "youth:Y5007" not in found  # 미추홀구 residents only
        assert "youth:Y5002" in found  # anyone in Incheon

    def test_company_too_old_or_too_large_is_left_out(self, api: Api) -> None:
        subject = new_subject()
        company = {
            "audience": "company",
            "industry": "자동차 부품 제조업",
            "size": "small",
            "founding_year": 2015,
            "district": "남동구",
        }
        profile_id = api.create(subject, company)["id"]

        found = keys(api.recommend(subject, profile_id, kind="program", size=100))

        assert "bizinfo:P4002" in found
        assert "bizinfo:P4003" not in found  # 업력 3년 이내
        assert "bizinfo:P4004" not in found  # midsize and large only
        assert "kstartup:P4101" not in found  # founders only


class TestOpenItemsOnly:
    def test_closed_items_never_appear(self, api: Api) -> None:
        subject = new_subject()
        profile_id = api.create(subject, WELDER)["id"]

        found = keys(api.recommend(subject, profile_id, kind="job", size=100))

        assert "work24:R1001" in found
        assert "work24:R1005" not in found  # its deadline has passed

    def test_closed_course_never_appears(self, api: Api) -> None:
        subject = new_subject()
        baker = {"audience": "individual", "desired_occupations": ["제빵사"]}
        profile_id = api.create(subject, baker)["id"]

        found = keys(api.recommend(subject, profile_id, kind="training", size=100))

        assert "hrdnet:T3009" not in found


class TestReasons:
    def test_each_item_says_why(self, api: Api) -> None:
        subject = new_subject()
        profile_id = api.create(subject, WELDER)["id"]

        answer = api.recommend(subject, profile_id, kind="job", size=5)

        assert answer["strategy"] == "hybrid"
        first = answer["items"][0]
        assert first["key"] == "work24:R1001"
        assert "CO2 용접" in first["reason"]
        assert "부평구 (희망 지역)" in first["reasons"]
        assert "월 300만원~350만원 (희망 이상)" in first["reasons"]
        for item in answer["items"]:
            assert item["reason"]
            breakdown = item["breakdown"]
            signals = ("similarity", "keyword", "pay", "recency", "district")
            assert all(0.0 <= breakdown[name] <= 1.0 for name in signals)

    def test_cold_start_with_two_fields(self, api: Api) -> None:
        subject = new_subject()
        profile = {
            "audience": "individual",
            "desired_occupations": ["요양보호사"],
            "birth_year": 1968,
        }
        profile_id = api.create(subject, profile)["id"]

        answer = api.recommend(subject, profile_id, kind="job", size=3)

        assert {item["key"] for item in answer["items"]} <= {
            "work24:R1201",
            "work24:R1202",
            "saramin:S2201",
            "work24:R1203",
        }

    def test_strict_districts_keep_only_preferred(self, api: Api) -> None:
        subject = new_subject()
        profile_id = api.create(subject, WELDER)["id"]

        answer = api.recommend(
            subject, profile_id, kind="job", size=100, strict_districts="true"
        )

        assert answer["items"]
        assert {item["district_id"] for item in answer["items"]} == {"bupyeong-gu"}

    def test_bad_kind_is_422(self, api: Api) -> None:
        subject = new_subject()
        profile_id = api.create(subject, WELDER)["id"]
        response = api.call(
            "GET",
            f"profiles/{profile_id}/recommendations",
            subject=subject,
            params={"kind": "house", "size": 0},
        )
        assert response.status_code == 422
        fields = {error["field"] for error in response.json()["errors"]}
        assert fields == {"kind", "size"}


class TestFeedback:
    def test_dismissed_item_never_comes_back(self, api: Api) -> None:
        subject = new_subject()
        profile_id = api.create(subject, WELDER)["id"]
        first = keys(api.recommend(subject, profile_id, kind="job", size=5))[0]

        response = api.call(
            "POST",
            f"profiles/{profile_id}/feedback",
            subject=subject,
            json={"item_key": first, "action": "dismiss"},
        )
        assert response.status_code == 201, response.text

        assert first not in keys(
            api.recommend(subject, profile_id, kind="job", size=100)
        )
        assert first not in keys(
            api.recommend(subject, profile_id, kind="job", size=100, strategy="keyword")
        )

    def test_a_dismissal_taken_back_brings_the_item_back(self, api: Api) -> None:
        subject = new_subject()
        profile_id = api.create(subject, WELDER)["id"]
        first = keys(api.recommend(subject, profile_id, kind="job", size=5))[0]
        path = f"profiles/{profile_id}/feedback"
        dismissal = {"item_key": first, "action": "dismiss"}
        assert api.call("POST", path, subject=subject, json=dismissal).is_success
        assert first not in keys(api.recommend(subject, profile_id, kind="job"))

        # Only the owner can take it back.
        stranger = api.call("DELETE", f"{path}/{first}", subject=new_subject())
        assert stranger.status_code == 404
        assert first not in keys(api.recommend(subject, profile_id, kind="job"))

        for _ in range(2):  # a second press is no error
            response = api.call("DELETE", f"{path}/{first}", subject=subject)
            assert response.status_code == 204, response.text
        assert first in keys(api.recommend(subject, profile_id, kind="job", size=5))
        listed = api.call("GET", path, subject=subject).json()
        assert first not in {f["item_key"] for f in listed}

    def test_saves_lift_similar_items_only_with_consent(self, api: Api) -> None:
        subject = new_subject()
        # Vague on purpose: saving a bus job should pull driving jobs up.
        vague = {"audience": "individual", "about": "몸을 쓰는 현장 일자리를 찾습니다"}
        consenting = api.create(subject, vague | {"use_behaviour_for_ranking": True})
        declining = api.create(subject, vague)
        for profile in (consenting, declining):
            response = api.call(
                "POST",
                f"profiles/{profile['id']}/feedback",
                subject=subject,
                json={"item_key": "work24:R1104", "action": "save"},
            )
            assert response.status_code == 201

        lifted = api.recommend(subject, consenting["id"], kind="job", size=100)
        plain = api.recommend(subject, declining["id"], kind="job", size=100)

        def rank(answer: dict[str, Any], key: str) -> int:
            return keys(answer).index(key)

        assert rank(lifted, "work24:R1105") < rank(plain, "work24:R1105")
        by_key = {item["key"]: item for item in lifted["items"]}
        assert by_key["work24:R1105"]["breakdown"]["feedback"] > 0
        assert all(item["breakdown"]["feedback"] == 0 for item in plain["items"])

    def test_unknown_item_is_422(self, api: Api) -> None:
        subject = new_subject()
        profile_id = api.create(subject, WELDER)["id"]
        response = api.call(
            "POST",
            f"profiles/{profile_id}/feedback",
            subject=subject,
            json={"item_key": "work24:NOPE", "action": "save"},
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "item_key"

    def test_unknown_action_is_422(self, api: Api) -> None:
        subject = new_subject()
        profile_id = api.create(subject, WELDER)["id"]
        response = api.call(
            "POST",
            f"profiles/{profile_id}/feedback",
            subject=subject,
            json={"item_key": "work24:R1001", "action": "love"},
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "action"


class TestSkillGap:
    def test_few_jobs_for_a_wished_occupation_suggests_courses(self, api: Api) -> None:
        subject = new_subject()
        newcomer = {
            "audience": "individual",
            "desired_occupations": ["드론 조종사"],
            "skills": ["항공촬영"],
            "career_years": 0,
        }
        profile_id = api.create(subject, newcomer)["id"]

        answer = api.recommend(subject, profile_id, kind="job", size=10)

        [gap] = answer["skill_gaps"]
        assert gap["occupation"] == "드론 조종사"
        assert gap["matching_jobs"] == 0  # the one drone job wants 3 years
        assert gap["reason"]
        assert [c["key"] for c in gap["courses"]] == ["hrdnet:T3002"]
        assert gap["courses"][0]["kind"] == "training"
        assert gap["courses"][0]["reason"].startswith("희망 직종 드론 조종사 관련")

    def test_a_dismissed_course_is_not_suggested_again(self, api: Api) -> None:
        subject = new_subject()
        newcomer = {
            "audience": "individual",
            "desired_occupations": ["드론 조종사"],
            "career_years": 0,
        }
        profile_id = api.create(subject, newcomer)["id"]
        response = api.call(
            "POST",
            f"profiles/{profile_id}/feedback",
            subject=subject,
            json={"item_key": "hrdnet:T3002", "action": "dismiss"},
        )
        assert response.status_code == 201, response.text

        answer = api.recommend(subject, profile_id, kind="job", size=10)

        suggested = [c["key"] for g in answer["skill_gaps"] for c in g["courses"]]
        assert "hrdnet:T3002" not in suggested

    def test_enough_jobs_means_no_gap(self, api: Api) -> None:
        subject = new_subject()
        profile_id = api.create(subject, WELDER)["id"]

        answer = api.recommend(subject, profile_id, kind="job", size=10)

        assert answer["skill_gaps"] == []


CANDIDATES = 3


class TestScores:
    async def test_every_cosine_is_exact_whichever_retriever_found_it(
        self, stack: Stack, corpus_alias: str, redis_url: str
    ) -> None:
        """With few candidates per retriever, some come from BM25 alone: their
        cosine comes from the rescoring, the k-NN hits' from their score."""
        store = create_redis(redis_url, timeout_s=10)
        items = ItemsRepository(
            url=stack.settings.opensearch_url, index=corpus_alias, timeout_s=30
        )
        embedder = SentenceTransformerEmbedder(path=DEFAULT_MODEL_PATH, torch_threads=1)
        repository = ProfileRepository(store)
        owner = new_subject()
        profile = await profiles.create(
            repository=repository,
            embedder=embedder,
            owner=owner,
            # Two trades: meaning and words pick different jobs first.
            fields=IndividualFields(
                audience="individual",
                desired_occupations=["요양보호사"],
                skills=["지게차 운전", "CO2 용접"],
            ),
        )
        try:
            answer = await recommend(
                profile_repository=repository,
                feedback_repository=FeedbackRepository(store),
                items=items,
                embedder=embedder,
                owner=owner,
                profile_id=profile.id,
                kind=ItemKind.JOB,
                size=20,
                tuning=Tuning(candidates_per_retriever=CANDIDATES),
            )
            stored = await repository.get(profile.id)
            assert stored is not None
            assert stored.vector is not None
            shown = {item.key: item.breakdown for item in answer.items}
            vectors = await items.search_all(
                [
                    {
                        "size": len(shown),
                        "query": {"ids": {"values": list(shown)}},
                        "_source": ["embedding"],
                    }
                ]
            )
        finally:
            await profiles.delete(
                repository=repository, owner=owner, profile_id=profile.id
            )
            await items.close()
            await store.aclose()

        # More than one retriever's worth: some were found by one retriever only.
        assert len(shown) > CANDIDATES
        for hit in vectors[0]["hits"]["hits"]:
            vector = np.asarray(hit["_source"]["embedding"], dtype=np.float32)
            exact = float(stored.vector @ vector / np.linalg.norm(vector))
            assert shown[hit["_id"]].cosine == pytest.approx(exact, abs=2e-4)
        assert any(breakdown.keyword > 0 for breakdown in shown.values())
