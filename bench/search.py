"""Search latency through the search service, side by side with raw OpenSearch.

Indexes generated postings (100,000 by default) into a fresh index, starts the
search service on it, and sends the same searches both ways at the same
concurrency: through ``GET /v1/search``, and as the service's own query body
straight to OpenSearch. Rounds alternate between the two, so that other load on
the machine falls on both alike. Prints p50/p95 and their ratios and writes them
as JSON to ``bench/results/``.

The documents carry no embeddings (embedding 100,000 texts on a CPU takes hours),
so this measures BM25, browsing, filters, facets and collapsing; the service runs
with ``USE_EMBEDDINGS=false``. Besides the main query, the service reads the other
sources of the items on the page (one small ``terms`` query); the "same work"
figure sends both requests to OpenSearch too.

    .venv/bin/python bench/search.py --docs 100000 --clients 8 --requests 800
"""

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from opensearchpy import OpenSearch, helpers

from ilteo_places import DISTRICTS, random_point_in
from ilteo_search.api.queries import Filters, Page, TextQuery, members_body, search_body
from ilteo_search.api.reading import resolve_districts
from ilteo_search.api.schemas import SortOrder
from ilteo_search.index.mapping import index_body

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SERVICE_LOG = ROOT / "test-artifacts" / "bench-search-service.log"

# occupation, code, title words, pay per month (low, high) in 10,000 KRW
OCCUPATIONS = [
    ("용접원", "721200", ["용접공", "CO2 용접", "특수용접", "용접사"], (280, 420)),
    ("한식 조리사", "411100", ["한식 조리사", "주방 조리원", "조리 실장"], (230, 350)),
    ("요양보호사", "421100", ["요양보호사", "방문요양", "주간보호"], (215, 260)),
    ("회계 사무원", "026100", ["회계사무원", "경리", "총무 회계"], (230, 330)),
    ("사무 보조원", "029100", ["사무보조", "문서 입력", "행정 보조"], (215, 250)),
    ("지게차 운전원", "873100", ["지게차", "지게차 운전", "물류 지게차"], (270, 360)),
    ("택배원", "923100", ["택배 배송", "배송기사", "쿠팡 배송"], (300, 500)),
    ("하역 단순 종사원", "920100", ["상하차", "물류센터 분류", "피킹"], (215, 280)),
    ("매장 판매원", "531200", ["매장 판매", "편의점", "마트 진열"], (215, 260)),
    ("경비원", "942100", ["아파트 경비", "경비원", "보안요원"], (215, 250)),
    ("청소원", "941100", ["미화원", "건물 청소", "객실 청소"], (200, 240)),
    (
        "응용 소프트웨어 개발자",
        "134100",
        ["백엔드 개발자", "웹 개발", "앱 개발"],
        (350, 600),
    ),
    ("간호조무사", "304100", ["간호조무사", "병원 접수", "외래 보조"], (230, 280)),
    ("전자부품 조립원", "851100", ["생산직", "전자부품 조립", "검사원"], (230, 300)),
    ("자동차 정비원", "752100", ["자동차 정비", "정비사", "타이어 교체"], (260, 380)),
    ("버스 운전원", "871100", ["버스 기사", "시내버스", "통근버스"], (380, 460)),
]
COMPANIES = ["(주)", "주식회사 ", "", ""]
COMPANY_WORDS = [
    "한빛",
    "서해",
    "부평",
    "남동",
    "송도",
    "청라",
    "인천",
    "미래",
    "태양",
    "바다",
]
COMPANY_KINDS = [
    "산업",
    "물류",
    "정밀",
    "테크",
    "상사",
    "건설",
    "식품",
    "의료",
    "서비스",
]
EMPLOYMENT = ["permanent", "fixed_term", "part_time", "daily", "dispatch"]
CAREERS = ["none", "experienced", "any"]
EDUCATION = ["any", "high_school", "college", "university"]
SOURCES = ["work24", "saramin", "alba", "incheon"]
DETAILS = [
    "4대보험 가입, 중식 제공, 주5일 근무.",
    "초보 가능, 교육 후 근무합니다. 통근버스 운행.",
    "경력자 우대, 관련 자격증 소지자 우대.",
    "교대 근무, 기숙사 제공, 외국인 지원 가능.",
    "시간제 근무 가능, 주말 근무 있음.",
]

QUERIES: list[dict[str, Any]] = [
    {"q": "용접"},
    {"q": "요양보호사", "district": "부평구"},
    {"q": "알바", "employment_type": "part_time"},
    {"q": "경리"},
    {"q": "지게차 운전", "min_pay_month": 3_000_000},
    {"q": "조리사 주방", "district": "중구"},
    {"q": "물류 상하차", "sort": "newest"},
    {"q": "개발자", "career": "experienced"},
    {},
    {"district": "서구", "sort": "deadline"},
    {"kind": "job", "sort": "pay", "min_pay_month": 2_500_000},
    {"occupation": "용접원", "district": "남동구"},
]


def _points(
    rng: random.Random, per_district: int
) -> dict[str, list[tuple[float, float]]]:
    return {
        d.id: [random_point_in(d, rng) for _ in range(per_district)] for d in DISTRICTS
    }


def generate(count: int, *, seed: int = 7) -> Iterator[dict[str, Any]]:
    """Plausible job postings as flat documents, about 5% of them duplicated."""
    rng = random.Random(seed)
    points = _points(rng, per_district=60)
    now = datetime.now(UTC)
    for index in range(count):
        occupation, code, words, (low, high) = rng.choice(OCCUPATIONS)
        district = rng.choice(DISTRICTS)
        lon, lat = rng.choice(points[district.id])
        company = (
            rng.choice(COMPANIES)
            + rng.choice(COMPANY_WORDS)
            + rng.choice(COMPANY_KINDS)
        )
        title = f"{rng.choice(words)} {rng.choice(['모집', '채용', '구인', '급구'])}"
        pay_min = rng.randint(low, high) * 10_000
        posted = now - timedelta(days=rng.randint(0, 40), minutes=rng.randint(0, 1440))
        source = rng.choice(SOURCES)
        # Every twentieth posting repeats the one before on another source.
        cluster = f"c{index - 1 if index % 20 == 1 else index}"
        yield {
            "key": f"{source}:B{index}",
            "cluster_id": cluster,
            "kind": "job",
            "source": source,
            "source_id": f"B{index}",
            "title": title,
            "title_suggest": title,
            "organization": company,
            "occupation": occupation,
            "occupation_code": code,
            "description": f"{district.name_ko} {title}. {rng.choice(DETAILS)}",
            "address": f"인천광역시 {district.name_ko} {rng.randint(1, 999)}",
            "district_id": district.id,
            "location": {"lat": lat + rng.uniform(-0.001, 0.001), "lon": lon},
            "employment_type": rng.choice(EMPLOYMENT),
            "career": rng.choice(CAREERS),
            "education": rng.choice(EDUCATION),
            "remote": rng.random() < 0.03,
            "pay_period": "month",
            "pay_stated": True,
            "pay_month_min": pay_min,
            "pay_month_max": pay_min + rng.choice([0, 200_000, 500_000]),
            "posted_at": posted.isoformat(),
            "modified_at": posted.isoformat(),
            "closes_on": (now + timedelta(days=rng.randint(1, 45))).date().isoformat(),
            "open_until_filled": False,
            "status": "open",
            "audience": ["individual"],
        }


def build_index(client: OpenSearch, *, docs: int) -> tuple[str, str, float]:
    name = f"bench-search-{uuid.uuid4().hex[:8]}"
    body = index_body()
    body["settings"]["index"]["refresh_interval"] = "-1"
    client.indices.create(index=name, body=body)

    started = time.monotonic()
    actions = ({"_index": name, "_id": d["key"], "_source": d} for d in generate(docs))
    done = 0
    for ok, _ in helpers.streaming_bulk(
        client, actions, chunk_size=2000, request_timeout=300
    ):
        done += ok
        if done % 20_000 == 0:
            _say(f"  indexed {done:,} / {docs:,}")
    client.indices.put_settings(index=name, body={"index": {"refresh_interval": "1s"}})
    client.indices.refresh(index=name)
    client.indices.forcemerge(index=name, max_num_segments=1, request_timeout=600)
    alias = f"{name}-read"
    client.indices.put_alias(index=name, name=alias)
    return name, alias, time.monotonic() - started


def raw_bodies(params: dict[str, Any]) -> dict[str, Any]:
    """The main body the service sends for these parameters (filters resolved)."""
    districts, _ = resolve_districts(
        [params["district"]] if "district" in params else []
    )
    filters = Filters(
        kind=params.get("kind"),
        districts=tuple(districts),
        occupation_names=(params["occupation"],) if "occupation" in params else (),
        employment_types=(params["employment_type"],)
        if "employment_type" in params
        else (),
        careers=(params["career"],) if "career" in params else (),
        min_pay_month=params.get("min_pay_month"),
    )
    text = TextQuery(text=params["q"]) if "q" in params else None
    order = SortOrder(params.get("sort", "relevance"))
    return search_body(filters=filters, text=text, order=order, page=Page(0, 21))


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _run(
    send: Callable[[dict[str, Any]], Awaitable[None]],
    *,
    requests: int,
    clients: int,
) -> list[float]:
    latencies: list[float] = []
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    for index in range(requests):
        queue.put_nowait(QUERIES[index % len(QUERIES)])

    async def client() -> None:
        while not queue.empty():
            params = queue.get_nowait()
            started = time.perf_counter()
            await send(params)
            latencies.append((time.perf_counter() - started) * 1000)

    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies


async def measure(
    *,
    service: str,
    opensearch: str,
    alias: str,
    requests: int,
    clients: int,
    rounds: int,
) -> dict[str, list[float]]:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    bodies = {json.dumps(p, sort_keys=True): raw_bodies(p) for p in QUERIES}
    timings: dict[str, list[float]] = {"service": [], "raw": [], "raw_same_work": []}

    async with httpx.AsyncClient(limits=limits, timeout=60) as http:

        async def via_service(params: dict[str, Any]) -> None:
            answer = await http.get(
                f"{service}/v1/search", params={**params, "size": 20}
            )
            answer.raise_for_status()

        async def raw(params: dict[str, Any]) -> None:
            body = bodies[json.dumps(params, sort_keys=True)]
            answer = await http.post(f"{opensearch}/{alias}/_search", json=body)
            answer.raise_for_status()

        async def raw_same_work(params: dict[str, Any]) -> None:
            body = bodies[json.dumps(params, sort_keys=True)]
            answer = await http.post(f"{opensearch}/{alias}/_search", json=body)
            answer.raise_for_status()
            clusters = [
                h["fields"]["cluster_id"][0] for h in answer.json()["hits"]["hits"]
            ]
            if clusters:
                members = members_body(clusters=clusters[:20], include_closed=False)
                more = await http.post(f"{opensearch}/{alias}/_search", json=members)
                more.raise_for_status()

        senders = {"service": via_service, "raw": raw, "raw_same_work": raw_same_work}
        for send in senders.values():  # warm caches and connections alike
            await _run(send, requests=len(QUERIES) * 3, clients=clients)
        for round_ in range(rounds):
            for name, send in senders.items():
                timings[name] += await _run(
                    send, requests=requests // rounds, clients=clients
                )
            _say(f"  round {round_ + 1}/{rounds} done")
    return timings


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=800, help="per target")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--opensearch", default="http://127.0.0.1:9200")
    parser.add_argument("--keep-index", action="store_true")
    args = parser.parse_args()

    client = OpenSearch(hosts=[args.opensearch], timeout=120)
    _say(f"indexing {args.docs:,} generated postings (no embeddings) ...")
    name, alias, index_s = build_index(client, docs=args.docs)
    _say(f"  {index_s:.0f} s")

    port = free_port()
    env = os.environ | {
        "ILTEO_SEARCH_PORT": str(port),
        "ILTEO_SEARCH_OPENSEARCH_URL": args.opensearch,
        "ILTEO_SEARCH_INDEX_ALIAS": alias,
        "ILTEO_SEARCH_USE_EMBEDDINGS": "false",
        "ILTEO_SEARCH_ENVIRONMENT": "test",
        "ILTEO_SEARCH_LOG_JSON": "true",
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    SERVICE_LOG.parent.mkdir(exist_ok=True)
    log = SERVICE_LOG.open("wb")
    service = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "ilteo-search-api")],
        env=env,
        stdout=log,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        _say(
            f"searching: {args.requests} requests per target, {args.clients} clients, "
            f"{args.rounds} alternating rounds"
        )
        timings = asyncio.run(
            measure(
                service=url,
                opensearch=args.opensearch,
                alias=alias,
                requests=args.requests,
                clients=args.clients,
                rounds=args.rounds,
            )
        )
    finally:
        service.terminate()
        service.wait(timeout=30)
        log.close()
        if not args.keep_index:
            client.indices.delete(index=name)

    report(timings, args=args, index_s=index_s)


def report(
    timings: dict[str, list[float]], *, args: argparse.Namespace, index_s: float
) -> None:
    summary = {
        name: {
            "p50_ms": round(percentile(values, 50), 2),
            "p95_ms": round(percentile(values, 95), 2),
            "requests": len(values),
        }
        for name, values in timings.items()
    }
    ratios = {
        f"service_vs_{raw}": {
            "p50": round(summary["service"]["p50_ms"] / summary[raw]["p50_ms"], 3),
            "p95": round(summary["service"]["p95_ms"] / summary[raw]["p95_ms"], 3),
        }
        for raw in ("raw", "raw_same_work")
    }
    result = {
        "benchmark": "search",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "docs": args.docs,
        "clients": args.clients,
        "embeddings": False,
        "index_build_s": round(index_s, 1),
        "cores": os.cpu_count(),
        "latency": summary,
        "ratios": ratios,
        "target": "service p95 <= 1.25 x raw p95",
    }
    for name, figures in summary.items():
        p50, p95 = figures["p50_ms"], figures["p95_ms"]
        _say(f"{name:>14}: p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    for name, ratio in ratios.items():
        _say(f"{name:>24}: p50 x{ratio['p50']:.2f}   p95 x{ratio['p95']:.2f}")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"search-{stamp}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    _say(f"written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
