"""Synchronous health probes the stack waits on; each raises with a reason."""

import gc
import socket
import subprocess
import warnings
from pathlib import Path

import httpx
import redis as redis_client
from kafka import KafkaAdminClient

PROBE_TIMEOUT_S = 2.0


def http_ok(url: str) -> None:
    response = httpx.get(url, timeout=PROBE_TIMEOUT_S)
    if response.status_code != 200:
        raise RuntimeError(
            f"{url} answered {response.status_code}: {response.text[:200]}"
        )


def opensearch(url: str) -> None:
    response = httpx.get(f"{url}/_cluster/health", timeout=PROBE_TIMEOUT_S)
    response.raise_for_status()
    status = response.json()["status"]
    if status == "red":
        raise RuntimeError("cluster health is red")


def kafka(bootstrap_servers: str) -> None:
    # A plain connect first: while the broker boots, kafka-python's client
    # leaves the sockets of failed connects to the garbage collector.
    host, _, port = bootstrap_servers.split(",")[0].rpartition(":")
    with socket.create_connection((host, int(port)), timeout=PROBE_TIMEOUT_S):
        pass
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            _describe_cluster(bootstrap_servers)
        finally:
            gc.collect()


def _describe_cluster(bootstrap_servers: str) -> None:
    admin = KafkaAdminClient(
        bootstrap_servers=bootstrap_servers,
        client_id="ilteo-stack-probe",
        request_timeout_ms=int(PROBE_TIMEOUT_S * 1000),
    )
    try:
        admin.describe_cluster()
    finally:
        admin.close()


def redis(url: str) -> None:
    client = redis_client.Redis.from_url(url, socket_timeout=PROBE_TIMEOUT_S)
    try:
        client.ping()
    finally:
        client.close()


def postgres(pg_isready: Path, *, host: str, port: int) -> None:
    """The server accepts connections (``pg_isready`` exits 0 only then)."""
    result = subprocess.run(
        [str(pg_isready), f"--host={host}", f"--port={port}", "--timeout=2"],
        capture_output=True,
        text=True,
        check=False,
        timeout=PROBE_TIMEOUT_S + 3,
    )
    if result.returncode != 0:
        raise RuntimeError(
            result.stdout.strip() or f"pg_isready exited {result.returncode}"
        )
