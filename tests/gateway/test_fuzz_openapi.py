"""The public API under property-based fuzzing, against real processes.

schemathesis reads the gateway's own OpenAPI document (3.1), generates valid and
invalid requests for every operation of ``/api/v1`` and runs all of its checks on
each answer: no server error, status codes, content types, headers and bodies as
documented, invalid input refused, valid input accepted. It does so once without
an account and once signed in as each role, with the CSRF token the page would
send, so that requests get past the edge into the services. There is no stateful
run over links between operations: the document declares no links yet.

Behind the gateway run the search service on the fixed corpus, the ingest service
(on Kafka topics of this module, so fuzzed postings stay out of the platform's own)
and the applications service on PostgreSQL. Profiles and subscriptions need the
recommend service and its embedding model, so they are left to
``test_profiles.py``. Examples are bounded and derandomised, so a run takes about
a minute and repeats itself.
"""

import os
import re
import secrets
import subprocess
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import jsonschema_rs
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from kafka import KafkaAdminClient
from schemathesis import CheckContext, GenerationMode, Response
from schemathesis.schemas import APIOperation, BaseSchema
from schemathesis.specs.openapi.checks import positive_data_acceptance

from ilteo_stack.components import applications_database_url, local_secret
from ilteo_stack.stack import Stack
from tests.applications.conftest import program_body, wait_ready
from tests.conftest import ROOT, running_service
from tests.gateway.conftest import PASSWORD, GatewayFactory, new_email

MAX_EXAMPLES = 8
ROLES = ("anonymous", "citizen", "employer", "operator")
NEEDS_RECOMMEND = r"^/api/v1/(profiles|subscriptions|unsubscribe)"
BEYOND_THE_SCHEMA = {
    "district",
    "occupation",
    "source",
    "pay",
    "closes_on",
    # grid cells need bbox and zoom together: a rule between two parameters
    "bbox",
    "zoom",
}
RELAYED_BODIES = r"^/api/v1/(programs|applications)"

FUZZ_SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def fuzz_site(stack: Stack, gateway_factory: GatewayFactory) -> Iterator[str]:
    tag = uuid.uuid4().hex[:8]
    topics = [f"test.fuzz.items.{tag}", f"test.fuzz.dead-letters.{tag}"]
    ingest_token = secrets.token_urlsafe(24)
    applications_token = secrets.token_urlsafe(24)
    ingest_env = {
        "KAFKA_BOOTSTRAP_SERVERS": stack.settings.kafka_bootstrap,
        "ITEMS_TOPIC": topics[0],
        "DEAD_LETTER_TOPIC": topics[1],
        "REDIS_URL": stack.settings.redis_url(12),
        "SERVICE_TOKEN": ingest_token,
    }
    applications_env = {
        "DATABASE_URL": applications_database_url(stack.settings),
        "DATABASE_PASSWORD": local_secret(
            stack.settings, "applications-database-password"
        ),
        "SERVICE_TOKEN": applications_token,
    }
    try:
        with (
            running_service(
                "ilteo-ingest-api", prefix="ILTEO_INGEST_", env=ingest_env
            ) as ingest,
            running_service(
                "ilteo-applications-api",
                prefix="ILTEO_APPLICATIONS_",
                env=applications_env,
            ) as applications,
        ):
            wait_ready(applications)
            with gateway_factory(
                ingest_url=ingest,
                ingest_service_token=ingest_token,
                applications_url=applications,
                applications_service_token=applications_token,
                rate_limit_requests="1000000",
            ) as url:
                yield url
    finally:
        admin = KafkaAdminClient(bootstrap_servers=stack.settings.kafka_bootstrap)
        existing = set(admin.list_topics())
        admin.delete_topics([topic for topic in topics if topic in existing])
        admin.close()


def make_operator(*, redis_url: str, secret_key: str) -> str:
    """An operator account, made the only way there is: by the admin command."""
    email = new_email()
    env = os.environ | {
        "ILTEO_GATEWAY_SECRET_KEY": secret_key,
        "ILTEO_GATEWAY_REDIS_URL": redis_url,
        "ILTEO_GATEWAY_ADMIN_PASSWORD": PASSWORD,
    }
    command = [str(ROOT / ".venv/bin/ilteo-gateway-admin"), "create-operator"]
    subprocess.run(
        [*command, "--email", email, "--name", "운영자"],
        env=env,
        check=True,
        capture_output=True,
    )
    return email


def session_as(
    url: str, role: str, *, redis_url: str, secret_key: str
) -> requests.Session:
    """A client with the CSRF cookie and header, signed in as ``role``."""
    session = requests.Session()
    token = session.get(f"{url}/api/v1/csrf", timeout=30).json()["csrf_token"]
    session.headers["X-CSRF-Token"] = token
    if role == "anonymous":
        return session
    if role == "operator":
        email = make_operator(redis_url=redis_url, secret_key=secret_key)
    else:
        email = new_email()
        created = session.post(
            f"{url}/api/v1/accounts",
            json={"email": email, "password": PASSWORD, "name": "홍길동", "role": role},
            timeout=30,
        )
        assert created.status_code == 201, created.text
    signed_in = session.post(
        f"{url}/api/v1/session",
        json={"email": email, "password": PASSWORD},
        timeout=30,
    )
    assert signed_in.status_code == 200, signed_in.text
    return session


def api_schema(url: str, *, role: str) -> BaseSchema:
    schema = schemathesis.openapi.from_url(f"{url}/api/v1/openapi.json")
    schema = schema.include(path_regex=r"^/api/v1/").exclude(path_regex=NEEDS_RECOMMEND)
    if role != "anonymous":
        # Signing out would leave the rest of the run anonymous.
        schema = schema.exclude(method="DELETE", path="/api/v1/session")
    return schema


def accepted_unless_beyond_the_schema(
    ctx: CheckContext, response: Response, case: schemathesis.Case
) -> bool | None:
    """Valid data is accepted, except where a rule is one no schema can state.

    Those are refused with a 400 that names the field and says why: words checked
    against the search service's live vocabulary, a pay whose minimum is above its
    maximum, a deadline already past, grid cells asked without both bbox and zoom,
    and the bodies of the applications service, which the gateway relays without
    restating their schema.
    """
    if response.status_code == 400 and (
        response.json().get("field") in BEYOND_THE_SCHEMA
        or re.match(RELAYED_BODIES, case.operation.path)
    ):
        return None
    return positive_data_acceptance(ctx, response, case)


def fuzz(
    operation: APIOperation, mode: GenerationMode, caller: requests.Session
) -> None:
    """Bounded examples of ``mode`` for one operation, each answer checked."""

    @FUZZ_SETTINGS
    @given(case=operation.as_strategy(generation_mode=mode))
    def each(case: schemathesis.Case) -> None:
        case.call_and_validate(
            session=caller,
            timeout=30,
            excluded_checks=[positive_data_acceptance],
            additional_checks=[accepted_unless_beyond_the_schema],
        )

    each()


def negatable(operation: APIOperation) -> bool:
    """Whether there is anything to make invalid: a parameter or a body."""
    return bool(list(operation.iter_parameters())) or bool(operation.body)


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_answers_as_documented(
    fuzz_site: str,
    role: str,
    redis_url: str,
    secret_key: str,
    subtests: pytest.Subtests,
) -> None:
    schema = api_schema(fuzz_site, role=role)
    caller = session_as(fuzz_site, role, redis_url=redis_url, secret_key=secret_key)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20

    with caller:
        for operation in operations:
            for mode in GenerationMode:
                if mode is GenerationMode.NEGATIVE and not negatable(operation):
                    continue
                with subtests.test(msg=f"{operation.label} ({mode.value})"):
                    fuzz(operation, mode, caller)


def document(url: str) -> dict[str, Any]:
    answer = requests.get(f"{url}/api/v1/openapi.json", timeout=30)
    return dict(answer.json())


class TestWhatFuzzingFound:
    """Each answer the fuzzing found undocumented, or documented differently."""

    def test_refusals_are_in_the_document(self, fuzz_site: str) -> None:
        paths = document(fuzz_site)["paths"]

        def answers(method: str, path: str) -> set[str]:
            return set(paths[path][method]["responses"])

        assert "404" in answers("get", "/api/v1/items/{key}")
        assert "401" in answers("get", "/api/v1/session")
        assert "409" in answers("post", "/api/v1/accounts")
        assert {"401", "403", "404"} <= answers(
            "patch", "/api/v1/employer/postings/{posting_id}"
        )
        assert {"401", "403", "404"} <= answers("get", "/api/v1/applications")
        assert "401" not in answers("get", "/api/v1/search")

    @pytest.mark.parametrize(
        "key",
        ["work24:K100001\x85", "work24:K100001\ufeff", "work24:K100001\x1c"],
        ids=["next line", "byte order mark", "file separator"],
    )
    def test_a_client_reads_the_key_pattern_as_the_gateway_does(
        self, fuzz_site: str, key: str
    ) -> None:
        """jsonschema-rs reads patterns as ECMAScript, as API clients do."""
        operation = document(fuzz_site)["paths"]["/api/v1/items/{key}"]["get"]
        schema = operation["parameters"][0]["schema"]
        answer = requests.get(
            f"{fuzz_site}/api/v1/items/{quote(key, safe=':')}", timeout=30
        )

        assert jsonschema_rs.is_valid(schema, "work24:K100001")
        assert not jsonschema_rs.is_valid(schema, key)
        assert answer.status_code == 400
        assert answer.json()["field"] == "key"

    def test_a_name_of_spaces_is_refused_as_documented(self, fuzz_site: str) -> None:
        schemas = document(fuzz_site)["components"]["schemas"]
        name = schemas["AccountCreate"]["properties"]["name"]
        caller = session_as(fuzz_site, "anonymous", redis_url="", secret_key="")
        with caller:
            answer = caller.post(
                f"{fuzz_site}/api/v1/accounts",
                json={"email": new_email(), "password": PASSWORD, "name": "\t "},
                timeout=30,
            )

        assert not jsonschema_rs.is_valid(name, "\t ")
        assert answer.status_code == 400
        assert answer.json()["field"] == "name"

    def test_control_characters_in_words_are_refused_as_documented(
        self, fuzz_site: str
    ) -> None:
        operation = document(fuzz_site)["paths"]["/api/v1/search"]["get"]
        (q,) = [p for p in operation["parameters"] if p["name"] == "q"]
        answer = requests.get(
            f"{fuzz_site}/api/v1/search", params={"q": "용접\x01"}, timeout=30
        )

        assert jsonschema_rs.is_valid(q["schema"], "용접\t공")
        assert not jsonschema_rs.is_valid(q["schema"], "용접\x01")
        assert answer.status_code == 400
        assert answer.json()["field"] == "q"

    def test_a_district_outside_the_documented_list_is_refused(
        self, fuzz_site: str, redis_url: str, secret_key: str
    ) -> None:
        schemas = document(fuzz_site)["components"]["schemas"]
        # As a request body the model is written PostingCreate-Input.
        create = schemas["PostingCreate-Input"]
        district = create["properties"]["district_id"]
        employer = session_as(
            fuzz_site, "employer", redis_url=redis_url, secret_key=secret_key
        )
        with employer:
            answer = employer.post(
                f"{fuzz_site}/api/v1/employer/postings",
                json={"title": "용접공 모집", "district_id": "seo-gu"},
                timeout=30,
            )

        assert jsonschema_rs.is_valid(district, "seohae-gu")
        assert not jsonschema_rs.is_valid(district, "seo-gu")
        assert answer.status_code == 400

    def test_an_application_the_service_refuses_is_a_400(
        self, fuzz_site: str, redis_url: str, secret_key: str
    ) -> None:
        operator = session_as(
            fuzz_site, "operator", redis_url=redis_url, secret_key=secret_key
        )
        citizen = session_as(
            fuzz_site, "citizen", redis_url=redis_url, secret_key=secret_key
        )
        with operator, citizen:
            program = operator.post(
                f"{fuzz_site}/api/v1/programs", json=program_body(), timeout=30
            )
            assert program.status_code == 201, program.text
            answer = citizen.post(
                f"{fuzz_site}/api/v1/programs/{program.json()['id']}/applications",
                json={"answers": {}},
                headers={"Idempotency-Key": uuid.uuid4().hex},
                timeout=30,
            )

        # The applications service says 422; the public API says 400, with its words.
        assert answer.status_code == 400, answer.text
        assert answer.json()["detail"]
