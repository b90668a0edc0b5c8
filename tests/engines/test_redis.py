"""Redis as the local stack runs it: reachable, and persistent where it must be."""

import uuid

import pytest
import redis

from ilteo_stack.stack import Stack


@pytest.fixture
def client(stack: Stack) -> redis.Redis:
    return redis.Redis.from_url(stack.settings.redis_url(15), decode_responses=True)


class TestRedis:
    def test_round_trip(self, client: redis.Redis) -> None:
        key = f"test:{uuid.uuid4().hex}"

        client.set(key, "일터", ex=60)

        assert client.get(key) == "일터"
        assert 0 < client.ttl(key) <= 60

    def test_append_only_file_is_on(self, client: redis.Redis) -> None:
        assert client.config_get("appendonly") == {"appendonly": "yes"}

    def test_a_written_key_survives_a_restart(
        self, stack: Stack, client: redis.Redis
    ) -> None:
        key = f"test:durable:{uuid.uuid4().hex}"
        client.set(key, "접수번호-0001")

        stack.stop("redis")
        stack.start("redis")

        assert client.get(key) == "접수번호-0001"
        client.delete(key)
