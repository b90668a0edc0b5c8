"""The stack says plainly what stops it from starting."""

import os
import socket
from pathlib import Path

import pytest

from ilteo_stack import preflight
from ilteo_stack.components import all_components
from ilteo_stack.java import find_java
from ilteo_stack.settings import StackSettings
from tests.conftest import free_port


@pytest.fixture
def settings(tmp_path: Path) -> StackSettings:
    return StackSettings(local_dir=tmp_path / "local", redis_port=free_port())


class TestPreflight:
    def test_a_taken_port_is_named_with_its_owner(
        self, settings: StackSettings
    ) -> None:
        components = [c for c in all_components(settings, None) if c.name == "redis"]
        with socket.socket() as squatter:
            squatter.bind(("127.0.0.1", settings.redis_port))
            squatter.listen()

            problems = preflight.check(settings, components, java=None, running=set())

        assert [p.part for p in problems] == ["redis"]
        assert f"port {settings.redis_port} is taken by" in problems[0].message
        assert f"(pid {os.getpid()})" in problems[0].message

    def test_a_running_part_may_hold_its_port(self, settings: StackSettings) -> None:
        components = [c for c in all_components(settings, None) if c.name == "redis"]
        with socket.socket() as squatter:
            squatter.bind(("127.0.0.1", settings.redis_port))
            squatter.listen()

            problems = preflight.check(
                settings, components, java=None, running={"redis"}
            )

        assert problems == []

    def test_missing_jars_point_to_setup(self, settings: StackSettings) -> None:
        java = find_java()
        components = [c for c in all_components(settings, java) if c.name == "kafka"]

        problems = preflight.check(settings, components, java=java, running=set())

        assert any("make setup" in p.message and p.part == "kafka" for p in problems)

    def test_no_java_is_said_plainly(self, settings: StackSettings) -> None:
        components = [c for c in all_components(settings, None) if c.needs_java]

        problems = preflight.check(settings, components, java=None, running=set())

        assert any(p.part == "java" and "Java 21" in p.message for p in problems)
