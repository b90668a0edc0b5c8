"""Search through the gateway, side by side with the search service and raw OpenSearch.

Indexes generated postings (20,000 by default, with ``bench/search.py``'s
generator) into a fresh index, starts the search service and a gateway in front
of it, and sends the same searches three ways at the same concurrency: to the
gateway's ``GET /api/v1/search`` (its cache off, so every request goes through),
to the search service's ``GET /v1/search``, and as the service's main query body
straight to OpenSearch. Rounds alternate, so that other load on the machine falls
on all alike. Then it measures throughput at saturation (the gateway and the
service, clients doubling until throughput stops growing), the gateway with its
cache on, and the weight of the results page. Prints the figures with their
ratios and writes them as JSON to ``bench/results/``.

Everything runs on 127.0.0.1 and every load is bounded by a request count.

    .venv/bin/python bench/gateway.py --docs 20000 --clients 8 --requests 600
"""

import argparse
import asyncio
import importlib.util
import json
import os
import re
import secrets
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from opensearchpy import OpenSearch

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
# The processes' logs: git-ignored, beside the tests' logs.
LOGS = ROOT / "test-artifacts"
REDIS_DB = 14

# The generated corpus, its queries and the raw bodies are those of the search
# benchmark, so that both measure the same work.
_spec = importlib.util.spec_from_file_location("search_bench", ROOT / "bench/search.py")
assert _spec is not None
assert _spec.loader is not None
search_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(search_bench)

Send = Callable[[dict[str, Any]], Awaitable[None]]


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


@contextmanager
def process(script: str, env: dict[str, str], *, url: str, log: Path) -> Iterator[str]:
    with log.open("wb") as output:
        child = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / script)],
            env=os.environ | env,
            stdout=output,
            stderr=output,
        )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if child.poll() is not None:
                raise SystemExit(f"{script} exited; see {log}")
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
        yield url
    finally:
        child.terminate()
        child.wait(timeout=30)


async def run(send: Send, *, requests: int, clients: int) -> tuple[list[float], float]:
    """Latencies in ms of ``requests`` sent by ``clients`` loops, and the wall time."""
    latencies: list[float] = []
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    for index in range(requests):
        queue.put_nowait(search_bench.QUERIES[index % len(search_bench.QUERIES)])

    async def client() -> None:
        while not queue.empty():
            params = queue.get_nowait()
            started = time.perf_counter()
            await send(params)
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, time.perf_counter() - started


def senders(
    http: httpx.AsyncClient,
    *,
    gateway: str,
    cached: str,
    service: str,
    raw: str,
    alias: str,
) -> dict[str, Send]:
    bodies = {
        json.dumps(p, sort_keys=True): search_bench.raw_bodies(p)
        for p in search_bench.QUERIES
    }

    def get(url: str) -> Send:
        async def send(params: dict[str, Any]) -> None:
            answer = await http.get(url, params={**params, "size": 20})
            answer.raise_for_status()

        return send

    async def opensearch(params: dict[str, Any]) -> None:
        body = bodies[json.dumps(params, sort_keys=True)]
        answer = await http.post(f"{raw}/{alias}/_search", json=body)
        answer.raise_for_status()

    return {
        "gateway": get(f"{gateway}/api/v1/search"),
        "service": get(f"{service}/v1/search"),
        "raw": opensearch,
        "gateway_cached": get(f"{cached}/api/v1/search"),
    }


async def latency(
    sends: dict[str, Send], *, requests: int, clients: int, rounds: int
) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {name: [] for name in sends}
    for send in sends.values():  # warm connections and caches alike
        await run(send, requests=len(search_bench.QUERIES) * 3, clients=clients)
    for round_ in range(rounds):
        for name, send in sends.items():
            values, _ = await run(send, requests=requests // rounds, clients=clients)
            timings[name] += values
        _say(f"  round {round_ + 1}/{rounds} done")
    return timings


async def saturation(
    send: Send, *, requests: int, max_clients: int
) -> dict[str, float]:
    """Requests per second as clients double, until it stops growing by 5 %."""
    throughput: dict[str, float] = {}
    clients, best = 2, 0.0
    while clients <= max_clients:
        values, wall_s = await run(send, requests=requests, clients=clients)
        rate = len(values) / wall_s
        throughput[str(clients)] = round(rate, 1)
        if rate < best * 1.05:
            break
        best = max(best, rate)
        clients *= 2
    return throughput


def page_weight(gateway: str) -> dict[str, int]:
    """Bytes on the wire (gzip) of the results page and the files it loads."""
    with httpx.Client(base_url=gateway, timeout=30) as client:
        gzip = {"Accept-Encoding": "gzip"}
        html = client.get("/", params={"q": "용접"}, headers=gzip)
        sizes = {"html": int(html.headers["Content-Length"])}
        for asset in re.findall(
            r'(?:src|href)="(/(?:static|vendor)/[^"?]+)', html.text
        ):
            answer = client.get(asset, headers=gzip)
            sizes[asset] = int(answer.headers["Content-Length"])
    sizes["total"] = sum(sizes.values())
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=600, help="per target")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--saturation-requests", type=int, default=400)
    parser.add_argument("--max-clients", type=int, default=64)
    parser.add_argument("--opensearch", default="http://127.0.0.1:9200")
    parser.add_argument("--redis", default=f"redis://127.0.0.1:6379/{REDIS_DB}")
    args = parser.parse_args()

    client = OpenSearch(hosts=[args.opensearch], timeout=120)
    _say(f"indexing {args.docs:,} generated postings (no embeddings) ...")
    name, alias, index_s = search_bench.build_index(client, docs=args.docs)
    _say(f"  {index_s:.0f} s")
    RESULTS.mkdir(parents=True, exist_ok=True)
    LOGS.mkdir(exist_ok=True)
    ports = [search_bench.free_port() for _ in range(3)]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    common = {"ENVIRONMENT": "test", "LOG_JSON": "true", "LOG_LEVEL": "WARNING"}
    search_settings = common | {
        "PORT": str(ports[0]),
        "OPENSEARCH_URL": args.opensearch,
        "INDEX_ALIAS": alias,
        "USE_EMBEDDINGS": "false",
    }
    search_env = {f"ILTEO_SEARCH_{k}": v for k, v in search_settings.items()}

    def gateway_env(port: int, cache_ttl_s: int) -> dict[str, str]:
        gateway_settings = common | {
            "PORT": str(port),
            "SECRET_KEY": secrets.token_urlsafe(32),
            "REDIS_URL": args.redis,
            "SEARCH_URL": urls[0],
            "CACHE_TTL_S": str(cache_ttl_s),
            "RATE_LIMIT_REQUESTS": "100000000",
        }
        return {f"ILTEO_GATEWAY_{k}": v for k, v in gateway_settings.items()}

    try:
        with (
            process(
                "ilteo-search-api",
                search_env,
                url=urls[0],
                log=LOGS / "gateway-bench-search.log",
            ) as service,
            process(
                "ilteo-gateway",
                gateway_env(ports[1], 0),
                url=urls[1],
                log=LOGS / "gateway-bench-gateway.log",
            ) as gateway,
            process(
                "ilteo-gateway",
                gateway_env(ports[2], 60),
                url=urls[2],
                log=LOGS / "gateway-bench-cached.log",
            ) as cached,
        ):
            _say(
                f"searching: {args.requests} requests per target, {args.clients} "
                f"clients, {args.rounds} alternating rounds"
            )
            timings, throughput = asyncio.run(
                measure(
                    args, gateway=gateway, cached=cached, service=service, alias=alias
                )
            )
            weight = page_weight(gateway)
    finally:
        client.indices.delete(index=name)

    report(timings, throughput, weight, args=args)


async def measure(
    args: argparse.Namespace, *, gateway: str, cached: str, service: str, alias: str
) -> tuple[dict[str, list[float]], dict[str, dict[str, float]]]:
    pool = max(args.clients, args.max_clients)
    limits = httpx.Limits(max_connections=pool, max_keepalive_connections=pool)
    async with httpx.AsyncClient(limits=limits, timeout=60) as http:
        sends = senders(
            http,
            gateway=gateway,
            cached=cached,
            service=service,
            raw=args.opensearch,
            alias=alias,
        )
        timings = await latency(
            sends, requests=args.requests, clients=args.clients, rounds=args.rounds
        )
        _say("throughput at saturation ...")
        throughput = {
            target: await saturation(
                sends[target],
                requests=args.saturation_requests,
                max_clients=args.max_clients,
            )
            for target in ("gateway", "service")
        }
    return timings, throughput


def report(
    timings: dict[str, list[float]],
    throughput: dict[str, dict[str, float]],
    weight: dict[str, int],
    *,
    args: argparse.Namespace,
) -> None:
    percentile = search_bench.percentile
    summary = {
        name: {
            "p50_ms": round(percentile(values, 50), 2),
            "p95_ms": round(percentile(values, 95), 2),
            "requests": len(values),
        }
        for name, values in timings.items()
    }
    ratios = {
        f"{a}_vs_{b}": round(summary[a]["p95_ms"] / summary[b]["p95_ms"], 3)
        for a, b in (
            ("gateway", "service"),
            ("gateway", "raw"),
            ("service", "raw"),
            ("gateway_cached", "gateway"),
        )
    }
    peak = {target: max(levels.values()) for target, levels in throughput.items()}
    result = {
        "benchmark": "gateway",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "docs": args.docs,
        "clients": args.clients,
        "cores": os.cpu_count(),
        "latency": summary,
        "p95_ratios": ratios,
        "throughput_rps_by_clients": throughput,
        "peak_rps": peak,
        "peak_ratio_gateway_vs_service": round(peak["gateway"] / peak["service"], 3),
        "results_page_bytes_gzip": weight,
    }
    for name, figures in summary.items():
        p50, p95 = figures["p50_ms"], figures["p95_ms"]
        _say(f"{name:>15}: p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    for name, ratio in ratios.items():
        _say(f"{name:>28}: p95 x{ratio:.2f}")
    for target, levels in throughput.items():
        _say(f"{target:>15}: {levels} req/s by clients")
    _say(f"results page: {weight['total']:,} bytes on the wire")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"gateway-{stamp}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    _say(f"written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
