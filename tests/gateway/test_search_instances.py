"""The gateway in front of two search processes: requests take turns, and when one
process stops, the other answers everything."""

import re
from contextlib import ExitStack

import httpx

from ilteo_gateway.upstream.client import Instances
from ilteo_stack.stack import Stack
from tests.conftest import running_service
from tests.gateway.conftest import GatewayFactory


def searches_served(url: str) -> int:
    metrics = httpx.get(f"{url}/metrics", timeout=5).text
    pattern = r'^http_requests_total\{[^}]*handler="/v1/search"[^}]*\} ([0-9.]+)$'
    return int(sum(float(n) for n in re.findall(pattern, metrics, re.M)))


class TestInstances:
    def test_take_turns(self) -> None:
        instances = Instances("http://a:1, http://b:2/")

        assert [instances.pick() for _ in range(4)] == [
            "http://a:1",
            "http://b:2",
            "http://a:1",
            "http://b:2",
        ]

    def test_a_resting_instance_is_passed_over_until_its_rest_ends(self) -> None:
        now = [0.0]
        instances = Instances("http://a:1,http://b:2", rest_s=5, clock=lambda: now[0])
        instances.rest("http://a:1")

        assert {instances.pick() for _ in range(4)} == {"http://b:2"}
        now[0] = 5.0
        assert {instances.pick() for _ in range(2)} == {"http://a:1", "http://b:2"}

    def test_when_all_rest_they_are_still_tried(self) -> None:
        instances = Instances("http://a:1,http://b:2", rest_s=60)
        instances.rest("http://a:1")
        instances.rest("http://b:2")

        assert instances.pick() in {"http://a:1", "http://b:2"}

    def test_a_single_instance_never_rests(self) -> None:
        instances = Instances("http://a:1", rest_s=60)
        instances.rest("http://a:1")

        assert instances.pick() == "http://a:1"


class TestTwoSearchProcesses:
    def test_share_the_requests_and_cover_for_each_other(
        self, stack: Stack, corpus_alias: str, gateway_factory: GatewayFactory
    ) -> None:
        env = {
            "OPENSEARCH_URL": stack.settings.opensearch_url,
            "INDEX_ALIAS": corpus_alias,
            "USE_EMBEDDINGS": "false",
        }
        with ExitStack() as processes:
            first = processes.enter_context(
                running_service("ilteo-search-api", prefix="ILTEO_SEARCH_", env=env)
            )
            second_stack = processes.enter_context(ExitStack())
            second = second_stack.enter_context(
                running_service("ilteo-search-api", prefix="ILTEO_SEARCH_", env=env)
            )
            gateway = processes.enter_context(
                gateway_factory(search_url=f"{first},{second}")
            )
            with httpx.Client(base_url=gateway, timeout=30) as client:
                # Distinct words each time: the gateway's cache must not answer.
                for n in range(20):
                    answer = client.get("/api/v1/search", params={"q": f"용접 {n}"})
                    assert answer.status_code == 200, answer.text
                shares = (searches_served(first), searches_served(second))
                assert min(shares) >= 5, shares

                second_stack.close()  # the second process stops
                statuses = [
                    client.get("/api/v1/search", params={"q": f"조리 {n}"}).status_code
                    for n in range(20)
                ]
                ready = client.get("/readyz").status_code

        assert statuses == [200] * 20
        assert ready == 200
