"""Shared fixtures: the real local engines, and services run as processes."""

import os
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from ilteo_stack.components import Group
from ilteo_stack.stack import Stack

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def stack() -> Stack:
    """The local engines (OpenSearch, Kafka, Redis, PostgreSQL), started once."""
    stack = Stack()
    stack.up([Group.ENGINES])
    return stack


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until(
    condition: Callable[[], bool], *, timeout_s: float, message: str
) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout_s:.0f} s: {message}")


@contextmanager
def running_service(script: str, *, prefix: str, env: dict[str, str]) -> Iterator[str]:
    """A service started as its own uvicorn process on a free port; yields its URL."""
    port = free_port()
    environment = os.environ | {f"{prefix}{k}": v for k, v in env.items()}
    environment |= {f"{prefix}PORT": str(port), f"{prefix}ENVIRONMENT": "test"}
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / f"{script}-{port}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / script)],
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"

    def alive() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"{script} exited; see {log_path}")
        try:
            return httpx.get(f"{url}/healthz", timeout=1).status_code == 200
        except httpx.TransportError:
            return False

    try:
        wait_until(alive, timeout_s=30, message=f"{script} to answer /healthz")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
