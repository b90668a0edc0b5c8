"""The applications API end to end: a real service process on the local PostgreSQL."""

import re
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import httpx
import pytest

from tests.applications.conftest import (
    KST,
    Caller,
    application_body,
    program_body,
    publish,
)

RECEIPT = re.compile(r"ILT-(\d{4})-(\d{6})")


class TestPublishApplyDecide:
    def test_a_whole_application_from_publishing_to_acceptance(
        self, operator: Caller, citizen: Caller
    ) -> None:
        program_id = publish(operator)

        public = citizen.get(f"/programs/{program_id}")
        applied = citizen.apply(program_id, application_body())
        application = applied.json()
        mine = citizen.get("/applications/mine").json()
        listed = operator.get(f"/programs/{program_id}/applications").json()
        reviewed = operator.patch(
            f"/applications/{application['id']}", json={"status": "under_review"}
        )
        accepted = operator.patch(
            f"/applications/{application['id']}",
            json={"status": "accepted", "note": "서류 심사 통과"},
        )

        assert public.status_code == 200
        assert public.json()["accepting_now"] is True
        assert applied.status_code == 201, applied.text
        receipt = RECEIPT.fullmatch(application["receipt_number"])
        assert receipt is not None
        assert int(receipt.group(1)) == datetime.now(KST).year
        assert application["status"] == "received"
        assert [item["id"] for item in mine["items"]] == [application["id"]]
        assert [item["receipt_number"] for item in listed["items"]] == [
            application["receipt_number"]
        ]
        assert reviewed.status_code == 200, reviewed.text
        assert accepted.status_code == 200, accepted.text
        history = accepted.json()["history"]
        assert [(h["from_status"], h["to_status"]) for h in history] == [
            (None, "received"),
            ("received", "under_review"),
            ("under_review", "accepted"),
        ]
        assert history[-1]["actor_subject"] == "operator-1"
        assert history[-1]["actor_role"] == "operator"
        assert history[-1]["note"] == "서류 심사 통과"

    def test_receipt_numbers_differ_and_increase(
        self, operator: Caller, citizen: Caller, other_citizen: Caller
    ) -> None:
        program_id = publish(operator)

        first = citizen.apply(program_id, application_body()).json()["receipt_number"]
        second = other_citizen.apply(program_id, application_body()).json()[
            "receipt_number"
        ]

        assert first != second
        assert first < second  # zero-padded, so text order is number order

    def test_operator_filters_applications_by_status(
        self, operator: Caller, citizen: Caller, other_citizen: Caller
    ) -> None:
        program_id = publish(operator)
        first = citizen.apply(program_id, application_body()).json()
        other_citizen.apply(program_id, application_body())
        operator.patch(f"/applications/{first['id']}", json={"status": "under_review"})

        page = operator.get(
            f"/programs/{program_id}/applications",
            params={"status": "under_review", "limit": 10},
        ).json()

        assert page["total"] == 1
        assert [item["id"] for item in page["items"]] == [first["id"]]

    def test_program_list_is_paged(self, operator: Caller, citizen: Caller) -> None:
        publish(operator)
        publish(operator)

        page = citizen.get("/programs", params={"limit": 1, "offset": 1}).json()

        assert len(page["items"]) == 1
        assert page["total"] >= 2
        assert page["limit"] == 1


class TestIdempotency:
    def test_the_same_submission_twice_is_one_application(
        self, operator: Caller, citizen: Caller
    ) -> None:
        program_id = publish(operator)

        first = citizen.apply(program_id, application_body(), key="form-1")
        again = citizen.apply(program_id, application_body(), key="form-1")
        mine = citizen.get("/applications/mine").json()

        assert first.status_code == 201
        assert again.status_code == 200
        assert again.headers["Idempotent-Replayed"] == "true"
        assert again.json()["id"] == first.json()["id"]
        assert again.json()["receipt_number"] == first.json()["receipt_number"]
        assert mine["total"] == 1

    def test_ten_concurrent_submissions_store_one(
        self, operator: Caller, citizen: Caller
    ) -> None:
        program_id = publish(operator)

        def submit(_n: int) -> httpx.Response:
            return citizen.apply(program_id, application_body(), key="double-click")

        with ThreadPoolExecutor(max_workers=10) as pool:
            responses = list(pool.map(submit, range(10)))
        mine = citizen.get("/applications/mine").json()

        codes = sorted(response.status_code for response in responses)
        assert codes == [200] * 9 + [201], [r.text for r in responses]
        assert len({response.json()["id"] for response in responses}) == 1
        assert mine["total"] == 1

    def test_the_same_key_with_another_body_is_refused(
        self, operator: Caller, citizen: Caller
    ) -> None:
        program_id = publish(operator)
        citizen.apply(program_id, application_body(), key="form-2")

        changed = application_body()
        changed["answers"]["track"] = "데이터"
        response = citizen.apply(program_id, changed, key="form-2")

        assert response.status_code == 409
        assert "Idempotency-Key" in response.json()["detail"]

    def test_a_missing_key_is_a_plain_400(
        self, operator: Caller, citizen: Caller
    ) -> None:
        program_id = publish(operator)

        response = citizen.post(
            f"/programs/{program_id}/applications", json=application_body()
        )

        assert response.status_code == 400
        assert "Idempotency-Key" in response.json()["detail"]

    def test_the_same_key_of_two_citizens_is_two_applications(
        self, operator: Caller, citizen: Caller, other_citizen: Caller
    ) -> None:
        program_id = publish(operator)

        first = citizen.apply(program_id, application_body(), key="shared")
        second = other_citizen.apply(program_id, application_body(), key="shared")

        assert first.status_code == second.status_code == 201
        assert first.json()["id"] != second.json()["id"]


class TestAnswers:
    def test_each_wrong_answer_is_named(
        self, operator: Caller, citizen: Caller
    ) -> None:
        program_id = publish(operator)
        body = application_body()
        body["answers"] = {
            "track": "디자인",
            "veteran": "네",
            "household": 2.5,
            "hobby": "등산",
        }

        response = citizen.apply(program_id, body)

        assert response.status_code == 422
        fields = {error["field"] for error in response.json()["errors"]}
        assert fields == {
            "answers.motivation",
            "answers.track",
            "answers.veteran",
            "answers.household",
            "answers.hobby",
        }

    def test_an_optional_question_may_stay_unanswered(
        self, operator: Caller, citizen: Caller
    ) -> None:
        program_id = publish(operator)

        response = citizen.apply(program_id, application_body())

        assert response.status_code == 201, response.text

    def test_a_malformed_body_is_explained(
        self, operator: Caller, citizen: Caller
    ) -> None:
        program_id = publish(operator)

        response = citizen.apply(
            program_id, {"applicant": {"birth_year": "언제", "residence": "seoul"}}
        )

        assert response.status_code == 422
        fields = {error["field"] for error in response.json()["errors"]}
        assert "applicant.birth_year" in fields
        assert "applicant.employment_status" in fields


class TestPeriodAndCapacity:
    @pytest.mark.parametrize(
        ("starts_in_days", "ends_in_days"),
        [(-20, -10), (10, 20)],
        ids=["past", "future"],
    )
    def test_outside_the_period_is_refused(
        self,
        operator: Caller,
        citizen: Caller,
        starts_in_days: int,
        ends_in_days: int,
    ) -> None:
        now = datetime.now(KST)
        program_id = publish(
            operator,
            starts_at=(now + timedelta(days=starts_in_days)).isoformat(),
            ends_at=(now + timedelta(days=ends_in_days)).isoformat(),
        )

        response = citizen.apply(program_id, application_body())

        assert response.status_code == 409
        assert "접수 기간이 아닙니다" in response.json()["detail"]

    def test_a_full_program_waitlists(
        self, operator: Caller, citizens: Callable[[], Caller]
    ) -> None:
        program_id = publish(operator, capacity=1)
        first, second = (citizens() for _ in range(2))

        taken = first.apply(program_id, application_body()).json()
        waiting = second.apply(program_id, application_body()).json()

        assert taken["status"] == "received"
        assert waiting["status"] == "waitlisted"

    def test_seats_left_count_held_seats_only(
        self, operator: Caller, citizens: Callable[[], Caller]
    ) -> None:
        program_id = publish(operator, capacity=2)
        first, second, third = (citizens() for _ in range(3))
        fresh = first.get(f"/programs/{program_id}").json()

        held = first.apply(program_id, application_body()).json()
        second.apply(program_id, application_body())
        third.apply(program_id, application_body())  # waitlisted: holds no seat
        full = first.get(f"/programs/{program_id}").json()
        first.post(f"/applications/{held['id']}/cancel", json={})
        freed = first.get(f"/programs/{program_id}").json()
        listed = first.get("/programs", params={"limit": 100}).json()["items"]

        assert (fresh["seats_taken"], fresh["seats_left"]) == (0, 2)
        assert (full["seats_taken"], full["seats_left"]) == (2, 0)
        assert (freed["seats_taken"], freed["seats_left"]) == (1, 1)
        assert [p["seats_left"] for p in listed if p["id"] == program_id] == [1]

    def test_a_full_program_may_refuse(
        self, operator: Caller, citizens: Callable[[], Caller]
    ) -> None:
        program_id = publish(operator, capacity=1, when_full="refuse")
        first, second = (citizens() for _ in range(2))
        first.apply(program_id, application_body())

        response = second.apply(program_id, application_body())

        assert response.status_code == 409
        assert "정원" in response.json()["detail"]

    def test_one_live_application_per_program(
        self, operator: Caller, citizen: Caller
    ) -> None:
        program_id = publish(operator)
        first = citizen.apply(program_id, application_body()).json()

        again = citizen.apply(program_id, application_body())
        citizen.post(f"/applications/{first['id']}/cancel")
        after_cancelling = citizen.apply(program_id, application_body())

        assert again.status_code == 409
        assert first["receipt_number"] in again.json()["detail"]
        assert after_cancelling.status_code == 201


class TestEligibility:
    @pytest.mark.parametrize(
        ("applicant", "field"),
        [
            ({"birth_year": 1950}, "applicant.birth_year"),
            ({"residence": None}, "applicant.residence"),
            ({"employment_status": "employed"}, "applicant.employment_status"),
        ],
        ids=["too-old", "not-a-resident", "employed"],
    )
    def test_an_ineligible_applicant_is_told_why(
        self,
        operator: Caller,
        citizen: Caller,
        applicant: dict[str, object],
        field: str,
    ) -> None:
        program_id = publish(operator)

        response = citizen.apply(program_id, application_body(**applicant))

        assert response.status_code == 422
        assert [error["field"] for error in response.json()["errors"]] == [field]

    def test_district_residence(self, operator: Caller, citizen: Caller) -> None:
        eligibility = program_body()["eligibility"] | {"residence": ["ganghwa-gun"]}
        program_id = publish(operator, eligibility=eligibility)

        elsewhere = citizen.apply(program_id, application_body())
        there = citizen.apply(program_id, application_body(residence="ganghwa-gun"))

        assert elsewhere.status_code == 422
        assert "강화군" in elsewhere.json()["errors"][0]["detail"]
        assert there.status_code == 201


class TestOwnership:
    def test_another_citizens_application_is_not_found(
        self, operator: Caller, citizen: Caller, other_citizen: Caller
    ) -> None:
        program_id = publish(operator)
        application = citizen.apply(program_id, application_body()).json()

        seen = other_citizen.get(f"/applications/{application['id']}")
        cancelled = other_citizen.post(f"/applications/{application['id']}/cancel")
        theirs = other_citizen.get("/applications/mine").json()
        still = citizen.get(f"/applications/{application['id']}").json()

        assert seen.status_code == 404
        assert cancelled.status_code == 404
        assert theirs["total"] == 0
        assert still["status"] == "received"

    def test_a_citizen_cancels_their_own(
        self, operator: Caller, citizen: Caller
    ) -> None:
        program_id = publish(operator)
        application = citizen.apply(program_id, application_body()).json()

        cancelled = citizen.post(
            f"/applications/{application['id']}/cancel", json={"note": "일정 변경"}
        )
        twice = citizen.post(f"/applications/{application['id']}/cancel")

        assert cancelled.status_code == 200
        assert cancelled.json()["status"] == "cancelled"
        assert cancelled.json()["history"][-1]["actor_role"] == "citizen"
        assert twice.status_code == 409

    def test_citizens_cannot_use_operator_endpoints(
        self, operator: Caller, citizen: Caller
    ) -> None:
        program_id = publish(operator)

        published = citizen.post("/programs", json=program_body())
        listed = citizen.get(f"/programs/{program_id}/applications")

        assert published.status_code == 403
        assert listed.status_code == 403


class TestTransitions:
    def test_a_decision_skipping_review_is_refused(
        self, operator: Caller, citizen: Caller
    ) -> None:
        program_id = publish(operator)
        application = citizen.apply(program_id, application_body()).json()

        response = operator.patch(
            f"/applications/{application['id']}", json={"status": "accepted"}
        )

        assert response.status_code == 409
        assert "under_review" in response.json()["detail"]

    def test_operators_cannot_cancel_for_the_citizen(
        self, operator: Caller, citizen: Caller
    ) -> None:
        program_id = publish(operator)
        application = citizen.apply(program_id, application_body()).json()

        response = operator.patch(
            f"/applications/{application['id']}", json={"status": "cancelled"}
        )

        assert response.status_code == 409

    def test_accepting_from_the_waitlist_needs_a_free_seat(
        self, operator: Caller, citizens: Callable[[], Caller]
    ) -> None:
        program_id = publish(operator, capacity=1)
        first, second = (citizens() for _ in range(2))
        seated = first.apply(program_id, application_body()).json()
        waiting = second.apply(program_id, application_body()).json()

        refused = operator.patch(
            f"/applications/{waiting['id']}", json={"status": "accepted"}
        )
        first.post(f"/applications/{seated['id']}/cancel")
        accepted = operator.patch(
            f"/applications/{waiting['id']}", json={"status": "accepted"}
        )

        assert refused.status_code == 409
        assert accepted.status_code == 200, accepted.text


class TestPrograms:
    def test_an_operator_changes_a_program(self, operator: Caller) -> None:
        program_id = publish(operator)

        response = operator.patch(
            f"/programs/{program_id}", json={"capacity": 5, "title": "새 제목"}
        )

        assert response.status_code == 200
        assert response.json()["capacity"] == 5
        assert response.json()["title"] == "새 제목"

    def test_questions_are_fixed_once_someone_applied(
        self, operator: Caller, citizen: Caller
    ) -> None:
        program_id = publish(operator)
        citizen.apply(program_id, application_body())

        response = operator.patch(f"/programs/{program_id}", json={"questions": []})

        assert response.status_code == 409

    @pytest.mark.parametrize(
        "change",
        [
            {"capacity": 0},
            {"eligibility": {"residence": ["seoul"]}},
            {"ends_at": "2020-01-01T00:00:00+09:00"},
            {"questions": [{"id": "q", "type": "choice", "label": "?", "options": []}]},
            {},
        ],
        ids=[
            "no-seats",
            "unknown-district",
            "ends-before-start",
            "no-options",
            "empty",
        ],
    )
    def test_bad_program_input_is_a_422(
        self, operator: Caller, change: dict[str, object]
    ) -> None:
        program_id = publish(operator)

        response = operator.patch(f"/programs/{program_id}", json=change)

        assert response.status_code == 422, response.text
        assert response.json()["detail"]

    def test_an_unknown_program_is_not_found(self, citizen: Caller) -> None:
        response = citizen.get(f"/programs/{uuid.uuid4()}")

        assert response.status_code == 404


class TestServiceToken:
    @pytest.mark.parametrize(
        "authorization",
        [None, "Bearer wrong-token", "Basic abc"],
        ids=["none", "wrong", "basic"],
    )
    def test_without_the_token_nothing_answers(
        self, service_url: str, authorization: str | None
    ) -> None:
        headers = {"X-Ilteo-Subject": "someone", "X-Ilteo-Role": "operator"}
        if authorization is not None:
            headers["Authorization"] = authorization

        listed = httpx.get(f"{service_url}/v1/programs", headers=headers)
        published = httpx.post(
            f"{service_url}/v1/programs", headers=headers, json=program_body()
        )

        assert listed.status_code == 401
        assert published.status_code == 401
        assert listed.headers["WWW-Authenticate"] == "Bearer"

    def test_health_needs_no_token(self, service_url: str) -> None:
        assert httpx.get(f"{service_url}/healthz").status_code == 200

    def test_a_citizen_call_needs_a_subject(
        self, service_url: str, service_token: str
    ) -> None:
        response = httpx.get(
            f"{service_url}/v1/applications/mine",
            headers={"Authorization": f"Bearer {service_token}"},
        )

        assert response.status_code == 401


class TestMetrics:
    def test_received_and_status_changes_are_counted(
        self, service_url: str, operator: Caller, citizen: Caller
    ) -> None:
        program_id = publish(operator)
        application = citizen.apply(program_id, application_body()).json()
        operator.patch(
            f"/applications/{application['id']}", json={"status": "under_review"}
        )

        metrics = httpx.get(f"{service_url}/metrics").text

        assert 'ilteo_applications_received_total{status="received"}' in metrics
        assert (
            'ilteo_applications_status_changes_total{from_status="received",'
            'to_status="under_review"}' in metrics
        )
