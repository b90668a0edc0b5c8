"""Recommendation latency at city scale, side by side with exact scoring in numpy.

1. Retrieval: a filtered k-NN top-20 on OpenSearch (Lucene HNSW) over N postings,
   against numpy scoring every vector that passes the same filter (exact), on the
   same vectors and queries; recall@10 of HNSW against the exact answer.
2. The service: ``GET /v1/profiles/{id}/recommendations`` (k-NN + BM25, fused, with
   reasons) over the same index, p50 / p95.
3. Profile embedding: the model's time per profile text, and profiles created per
   second through the service (each is embedded) against a bare ``encode`` of the
   same texts.
4. The service's p95 again while another process keeps one core busy.

The postings' vectors are random unit vectors (384 dimensions): latency does not
depend on what the vectors mean, and random vectors are HNSW's hardest case for
recall, so the recall figure is a floor. ``--real N`` adds a recall measurement
over N generated posting texts embedded with the model. Prints the ratios and
writes JSON to ``bench/results/``.

    .venv/bin/python bench/recommend.py --postings 100000 --queries 200
"""

import argparse
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import redis

from ilteo_ingest.demo.vocab import (
    COMPANY_KINDS,
    COMPANY_STEMS,
    LEGAL_FORMS,
    TITLE_PATTERNS,
)
from ilteo_ingest.demo.vocab import (
    OCCUPATIONS as DEMO_OCCUPATIONS,
)
from ilteo_places import DISTRICTS
from ilteo_search.index.mapping import index_body

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
MODEL_PATH = ROOT / ".local" / "models" / "multilingual-e5-small"
CACHE = ROOT / ".local" / "cache" / "bench"
DIMENSION = 384
TOP = 20
PROFILE_CLIENTS = 4
REDIS_DB = 10

OCCUPATIONS = [
    "용접원",
    "지게차운전원",
    "요양보호사",
    "조리사",
    "회계사무원",
    "웹개발자",
    "버스운전원",
    "간호조무사",
    "물류관리사무원",
    "CNC 가공원",
    "전기기사",
    "판매원",
    "고객상담원",
    "청소원",
    "경비원",
    "제과제빵사",
    "건축 목공",
    "배관공",
]
KINDS = ["job"] * 7 + ["training", "program", "policy"]
PROFILE_TEXTS = [
    "희망 직종: {occ}. 기술: {occ} 실무. 경력 {years}년. {district}",
    "희망 직종: {occ}, 관련 직종. 자격증: {occ} 자격. 신입. {district}",
    "{occ} 일을 찾고 있습니다. 경력 {years}년, 정규직 희망. {district}",
]


def say(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary_ms(seconds: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(percentile(seconds, 50) * 1000, 2),
        "p95_ms": round(percentile(seconds, 95) * 1000, 2),
        "n": len(seconds),
    }


def unit(rows: int, rng: np.random.Generator) -> np.ndarray:
    vectors = rng.standard_normal((rows, DIMENSION)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


# ── real embeddings ───────────────────────────────────────────────────────────

PERKS = (
    "4대보험",
    "퇴직금",
    "중식 제공",
    "통근버스",
    "주5일",
    "교대근무",
    "야간수당",
    "경력자 우대",
    "초보 가능",
    "자격증 소지자 우대",
    "기숙사 제공",
    "주차 가능",
)


def posting_texts(count: int, seed: int = 11) -> list[str]:
    """Posting texts as the indexer embeds them (title, occupation, duties,
    organisation, district), composed from the demo source's vocabulary."""
    rng = random.Random(seed)
    texts = []
    for number in range(count):
        occupation = rng.choice(DEMO_OCCUPATIONS)
        district = rng.choice(DISTRICTS)
        kinds = COMPANY_KINDS.get(occupation.sector, ("산업",))
        company = (
            f"{rng.choice(LEGAL_FORMS)}{rng.choice(COMPANY_STEMS)}{rng.choice(kinds)}"
        )
        name = occupation.name.replace("ㆍ", "·")
        title = rng.choice(TITLE_PATTERNS).format(
            occupation=name, district=district.name_ko, company=company, dong="본사"
        )
        perks = ", ".join(rng.sample(PERKS, rng.randint(1, 4)))
        pay = rng.randrange(210, 450, 5)
        years = rng.choice(["경력 무관", "신입", "경력 1년 이상", "경력 3년 이상"])
        texts.append(
            f"{title} {name} {occupation.duties}. {occupation.industry}. {years}, "
            f"월 {pay}만원, {perks}. 공고 {number}. {company} {district.name_ko}"
        )
    return texts


def embed_cached(texts: list[str], *, prompt: str, tag: str) -> np.ndarray:
    """Embeddings of the texts (two torch threads), cached under .local/ in
    chunks of 1,024, so that an interrupted run goes on where it stopped."""
    import hashlib

    chunks = [texts[low : low + 1024] for low in range(0, len(texts), 1024)]
    paths = []
    for chunk in chunks:
        digest = hashlib.sha256("\n".join(chunk).encode()).hexdigest()[:20]
        paths.append(CACHE / f"{tag}-{prompt}-{digest}.npy")
    model = None
    started = time.perf_counter()
    made = 0
    for number, (chunk, path) in enumerate(zip(chunks, paths, strict=True)):
        if path.is_file():
            continue
        if model is None:
            import torch
            from sentence_transformers import SentenceTransformer

            torch.set_num_threads(2)
            model = SentenceTransformer(str(MODEL_PATH), device="cpu")
        vectors = model.encode(
            chunk,
            prompt_name=prompt,
            normalize_embeddings=True,
            batch_size=32,
            show_progress_bar=False,
        )
        CACHE.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors.astype(np.float32))
        made += len(chunk)
        rate = made / (time.perf_counter() - started)
        say(f"\rembedded chunk {number + 1}/{len(chunks)} ({rate:.0f} texts/s)")
    if made:
        say("\n")
    return np.concatenate([np.load(path) for path in paths])


def query_texts(count: int, seed: int = 13) -> list[str]:
    """What job seekers write in a profile, as the service embeds it."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        occupation = rng.choice(DEMO_OCCUPATIONS)
        district = rng.choice(DISTRICTS)
        name = occupation.name.replace("ㆍ", "·")
        years = rng.randint(0, 20)
        texts.append(
            f"희망 직종: {name}. 기술: {occupation.duties}. 경력 {years}년. "
            f"희망 지역: {district.name_ko}"
        )
    return texts


# ── the postings ──────────────────────────────────────────────────────────────


class Postings:
    """N postings as documents of the items index, and as numpy columns."""

    def __init__(
        self, count: int, rng: np.random.Generator, vectors: np.ndarray | None = None
    ) -> None:
        self.count = count
        self.vectors = unit(count, rng) if vectors is None else vectors
        self.kind = np.array([random.choice(KINDS) for _ in range(count)])
        self.open = rng.random(count) < 0.9
        self.age_min = np.where(self.kind == "policy", rng.integers(15, 40, count), -1)
        self.age_max = np.where(self.kind == "policy", self.age_min + 20, -1)
        self.district = np.array([random.choice(DISTRICTS).id for _ in range(count)])
        self.occupation = [random.choice(OCCUPATIONS) for _ in range(count)]

    def document(self, i: int, now: datetime) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "key": f"bench:{i}",
            "cluster_id": f"c{i}",
            "kind": str(self.kind[i]),
            "source": "bench",
            "source_id": str(i),
            "title": f"{self.occupation[i]} 모집 {i}",
            "occupation": self.occupation[i],
            "description": f"{self.occupation[i]} 업무, 인천 근무",
            "district_id": str(self.district[i]),
            "status": "open" if self.open[i] else "closed",
            "audience": ["individual"],
            "posted_at": (now - timedelta(days=i % 30)).isoformat(),
            "pay_stated": True,
            "pay_month_min": 2_300_000 + (i % 20) * 100_000,
            "embedding": [round(float(x), 6) for x in self.vectors[i]],
        }
        if self.age_min[i] >= 0:
            doc["eligibility_age_min"] = int(self.age_min[i])
            doc["eligibility_age_max"] = int(self.age_max[i])
        return doc

    def mask(self, *, kind: str, age: int) -> np.ndarray:
        """The service's filter for an individual of this age, in numpy."""
        age_ok = (self.age_min < 0) | ((self.age_min <= age) & (self.age_max >= age))
        return (self.kind == kind) & self.open & age_ok


def create_index(client: httpx.Client, postings: Postings, *, name: str) -> str:
    body = index_body(refresh_interval_s=30)
    client.put(f"/{name}", json=body).raise_for_status()
    now = datetime.now(UTC)
    started = time.perf_counter()
    batch = 2000
    for low in range(0, postings.count, batch):
        lines = []
        for i in range(low, min(low + batch, postings.count)):
            lines.append(json.dumps({"index": {"_index": name, "_id": f"bench:{i}"}}))
            lines.append(json.dumps(postings.document(i, now), ensure_ascii=False))
        response = client.post(
            "/_bulk",
            content=("\n".join(lines) + "\n").encode(),
            headers={"Content-Type": "application/x-ndjson"},
            timeout=300,
        )
        response.raise_for_status()
        assert not response.json()["errors"], response.text[:500]
        done = min(low + batch, postings.count)
        say(f"\rindexed {done}/{postings.count}")
    say(f" in {time.perf_counter() - started:.0f} s\n")
    client.post(f"/{name}/_refresh", timeout=300).raise_for_status()
    # One segment, as a long-lived index ends up after merges.
    client.post(
        f"/{name}/_forcemerge", params={"max_num_segments": 1}, timeout=1800
    ).raise_for_status()
    alias = f"{name}-read"
    actions = {"actions": [{"add": {"index": name, "alias": alias}}]}
    client.post("/_aliases", json=actions).raise_for_status()
    return alias


# ── 1. retrieval: k-NN against exact numpy ───────────────────────────────────


def knn_body(vector: np.ndarray, *, kind: str, age: int, ef: int) -> dict[str, Any]:
    unset = lambda name: {"bool": {"must_not": {"exists": {"field": name}}}}  # noqa: E731
    filter_ = {
        "bool": {
            "filter": [
                {"term": {"status": "open"}},
                {"term": {"kind": kind}},
                {"term": {"audience": "individual"}},
                {
                    "bool": {
                        "should": [
                            unset("eligibility_age_min"),
                            {"range": {"eligibility_age_min": {"lte": age}}},
                        ]
                    }
                },
                {
                    "bool": {
                        "should": [
                            unset("eligibility_age_max"),
                            {"range": {"eligibility_age_max": {"gte": age}}},
                        ]
                    }
                },
            ]
        }
    }
    return {
        "size": TOP,
        "_source": False,
        "query": {
            "knn": {
                "embedding": {
                    "vector": [float(x) for x in vector],
                    "k": TOP,
                    "filter": filter_,
                    "method_parameters": {"ef_search": ef},
                }
            }
        },
    }


def exact_top(postings: Postings, vector: np.ndarray, mask: np.ndarray) -> list[int]:
    scores = postings.vectors @ vector
    scores = np.where(mask, scores, -np.inf)
    top = np.argpartition(-scores, TOP)[:TOP]
    ordered = top[np.argsort(-scores[top])]
    # A filter may admit fewer than TOP postings (or none).
    return [int(i) for i in ordered if np.isfinite(scores[i])]


def recall_at_10(
    found: list[int], truth: list[int], scores: np.ndarray | None = None
) -> float:
    """The share of the exact top 10 that the search found. With ``scores`` (every
    posting's exact cosine), a found posting that ties the exact 10th counts too:
    generated texts can share a vector, and either of two equals is right."""
    expected = set(truth[:10])
    if not expected:
        return 1.0 if not found else 0.0
    hits = set(found[:10]) & expected
    if scores is not None:
        tenth = float(scores[truth[: len(expected)][-1]])
        hits |= {i for i in found[: len(expected)] if scores[i] >= tenth - 1e-6}
    return min(1.0, len(hits) / len(expected))


def measure_retrieval(
    client: httpx.Client,
    alias: str,
    postings: Postings,
    queries: np.ndarray,
    *,
    ef_values: list[int],
    ties: bool = False,
) -> dict[str, Any]:
    plan = [
        (random.choice(["job", "job", "policy", "training"]), random.randint(18, 70))
        for _ in range(len(queries))
    ]

    exact_s, exact_ids = [], []
    for vector, (kind, age) in zip(queries, plan, strict=True):
        started = time.perf_counter()
        ids = exact_top(postings, vector, postings.mask(kind=kind, age=age))
        exact_s.append(time.perf_counter() - started)
        exact_ids.append(ids)
    all_scores = [postings.vectors @ vector if ties else None for vector in queries]

    result: dict[str, Any] = {"numpy_exact": summary_ms(exact_s), "knn": {}}
    for ef in ef_values:
        knn_s, recalls = [], []
        for vector, (kind, age), truth, scores in zip(
            queries, plan, exact_ids, all_scores, strict=True
        ):
            body = knn_body(vector, kind=kind, age=age, ef=ef)
            started = time.perf_counter()
            response = client.post(f"/{alias}/_search", json=body)
            knn_s.append(time.perf_counter() - started)
            found = [
                int(h["_id"].split(":")[1]) for h in response.json()["hits"]["hits"]
            ]
            recalls.append(recall_at_10(found, truth, scores))
        result["knn"][str(ef)] = summary_ms(knn_s) | {
            "recall_at_10": round(statistics.mean(recalls), 4),
            "recall_at_10_min": min(recalls),
        }
    return result


# ── 2–4. the service ──────────────────────────────────────────────────────────


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_service(
    alias: str, token: str, log_path: Path
) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = os.environ | {
        "ILTEO_RECOMMEND_PORT": str(port),
        "ILTEO_RECOMMEND_ENVIRONMENT": "test",
        "ILTEO_RECOMMEND_ITEMS_INDEX": alias,
        "ILTEO_RECOMMEND_REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "ILTEO_RECOMMEND_SERVICE_TOKEN": token,
        "ILTEO_RECOMMEND_LINK_SECRET": secrets.token_urlsafe(32),
        "ILTEO_RECOMMEND_LOG_LEVEL": "WARNING",
    }
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "ilteo-recommend-api")],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the service exited; see {log_path}")
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return process, url
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    process.terminate()
    sys.exit("the service did not become ready")


def profile_texts(count: int) -> list[dict[str, Any]]:
    profiles = []
    for i in range(count):
        occupation = OCCUPATIONS[i % len(OCCUPATIONS)]
        profiles.append(
            {
                "audience": "individual",
                "desired_occupations": [occupation],
                "skills": [f"{occupation} 실무"],
                "career_years": i % 15,
                "birth_year": 1960 + i % 45,
                "preferred_districts": [DISTRICTS[i % len(DISTRICTS)].id],
            }
        )
    return profiles


def measure_service(
    url: str, headers: dict[str, str], profile_ids: list[str], rounds: int
) -> dict[str, float]:
    seconds = []
    with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
        for i in range(rounds):
            profile_id = profile_ids[i % len(profile_ids)]
            kind = "policy" if i % 4 == 3 else "job"
            started = time.perf_counter()
            response = client.get(
                f"/v1/profiles/{profile_id}/recommendations",
                params={"kind": kind, "size": TOP},
            )
            seconds.append(time.perf_counter() - started)
            response.raise_for_status()
    return summary_ms(seconds)


def measure_embedding(
    url: str, headers: dict[str, str], profiles: list[dict[str, Any]]
) -> tuple[dict[str, Any], list[str]]:
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)
    model = SentenceTransformer(str(MODEL_PATH), device="cpu")
    from ilteo_recommend.profiles.schemas import IndividualFields
    from ilteo_recommend.profiles.text import embedding_text

    texts = [embedding_text(IndividualFields(**p)) for p in profiles]
    model.encode(texts[:4], prompt_name="query", normalize_embeddings=True)
    per_text = []
    started = time.perf_counter()
    for text in texts:
        one = time.perf_counter()
        model.encode(
            [text],
            prompt_name="query",
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        per_text.append(time.perf_counter() - one)
    bare_rate = len(texts) / (time.perf_counter() - started)
    # What the model does at best with as many texts at once as there are
    # clients: the service's batches cannot be larger than that.
    started = time.perf_counter()
    for low in range(0, len(texts), PROFILE_CLIENTS):
        model.encode(
            texts[low : low + PROFILE_CLIENTS],
            prompt_name="query",
            normalize_embeddings=True,
            show_progress_bar=False,
        )
    batched_rate = len(texts) / (time.perf_counter() - started)

    half = len(profiles) // 2
    serial_ids, serial_rate = create_profiles(url, headers, profiles[:half], clients=1)
    ids, service_rate = create_profiles(
        url, headers, profiles[half:], clients=PROFILE_CLIENTS
    )
    return {
        "encode_one_text": summary_ms(per_text),
        "bare_encode_per_s": round(bare_rate, 1),
        f"bare_encode_batches_of_{PROFILE_CLIENTS}_per_s": round(batched_rate, 1),
        # One request at a time: the HTTP, validation and Redis work of each
        # request adds to its encode.
        "service_profiles_created_per_s_one_client": round(serial_rate, 1),
        "service_vs_bare_one_client": round(serial_rate / bare_rate, 3),
        # Several clients: the service embeds the texts that wait together, on
        # one torch thread, while the other work of the requests overlaps.
        "profile_clients": PROFILE_CLIENTS,
        "service_profiles_created_per_s": round(service_rate, 1),
        "service_vs_bare": round(service_rate / bare_rate, 3),
        "service_vs_bare_batches": round(service_rate / batched_rate, 3),
    }, serial_ids + ids


def create_profiles(
    url: str, headers: dict[str, str], profiles: list[dict[str, Any]], *, clients: int
) -> tuple[list[str], float]:
    """Create the profiles through the service; returns their ids and the rate."""

    def create(chunk: list[dict[str, Any]]) -> list[str]:
        made = []
        with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
            for profile in chunk:
                response = client.post("/v1/profiles", json=profile)
                response.raise_for_status()
                made.append(response.json()["id"])
        return made

    chunks = [profiles[n::clients] for n in range(clients)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        made = [i for chunk in pool.map(create, chunks) for i in chunk]
    return made, len(profiles) / (time.perf_counter() - started)


def measure_real(
    client: httpx.Client, count: int, queries: int, *, ef_values: list[int]
) -> dict[str, Any]:
    """Recall and latency over real embeddings of generated posting texts."""
    vectors = embed_cached(posting_texts(count), prompt="document", tag="postings")
    asked = embed_cached(query_texts(queries), prompt="query", tag="profiles")
    postings = Postings(count, np.random.default_rng(17), vectors=vectors)
    name = f"bench-recommend-real-{uuid.uuid4().hex[:8]}"
    try:
        alias = create_index(client, postings, name=name)
        figures = measure_retrieval(
            client, alias, postings, asked, ef_values=ef_values, ties=True
        )
    finally:
        client.delete(f"/{name}")
    return {"postings": count, "vectors": "multilingual-e5-small"} | figures


def busy_core() -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", "while True: pass"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--profiles", type=int, default=60)
    parser.add_argument("--service-rounds", type=int, default=200)
    parser.add_argument("--ef", type=int, nargs="+", default=[100, 200, 400])
    parser.add_argument("--opensearch-url", default="http://127.0.0.1:9200")
    parser.add_argument("--keep-index", action="store_true")
    parser.add_argument(
        "--real",
        type=int,
        default=0,
        metavar="N",
        help="also measure recall over N generated postings embedded with the "
        "model (cached in .local/cache/bench/; about 40 texts/s to make)",
    )
    args = parser.parse_args()

    random.seed(7)
    rng = np.random.default_rng(7)
    postings = Postings(args.postings, rng)
    queries = unit(args.queries, rng)
    token = secrets.token_urlsafe(24)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    results: dict[str, Any] = {
        "postings": args.postings,
        "top": TOP,
        "vectors": "random unit, 384 dims",
        "cores": os.cpu_count(),
        "started": stamp,
    }

    client = httpx.Client(base_url=args.opensearch_url, timeout=120)
    if args.real:
        results["retrieval_real"] = measure_real(
            client, args.real, args.queries, ef_values=args.ef
        )
    name = f"bench-recommend-{uuid.uuid4().hex[:8]}"
    process = None
    try:
        alias = create_index(client, postings, name=name)
        results["retrieval"] = measure_retrieval(
            client, alias, postings, queries, ef_values=args.ef
        )
        process, url = start_service(alias, token, RESULTS / "recommend-service.log")
        headers = {"Authorization": f"Bearer {token}", "X-Ilteo-Subject": "bench"}
        embedding, ids = measure_embedding(url, headers, profile_texts(args.profiles))
        results["embedding"] = embedding
        measure_service(url, headers, ids, 10)  # warm up
        results["service"] = measure_service(url, headers, ids, args.service_rounds)
        hog = busy_core()
        try:
            results["service_one_core_busy"] = measure_service(
                url, headers, ids, args.service_rounds
            )
        finally:
            hog.terminate()
            hog.wait()
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        store = redis.Redis.from_url(f"redis://127.0.0.1:6379/{REDIS_DB}")
        for key in store.scan_iter(match="recommend:*"):
            store.delete(key)
        if not args.keep_index:
            client.delete(f"/{name}")

    retrieval = results["retrieval"]
    exact = retrieval["numpy_exact"]
    ratios: dict[str, float] = {}
    for ef, figures in retrieval["knn"].items():
        ratios[f"knn_ef{ef}_p50_vs_numpy"] = round(
            figures["p50_ms"] / exact["p50_ms"], 2
        )
        ratios[f"knn_ef{ef}_p95_vs_numpy"] = round(
            figures["p95_ms"] / exact["p95_ms"], 2
        )
    ratios["service_p95_vs_numpy_p95"] = round(
        results["service"]["p95_ms"] / exact["p95_ms"], 2
    )
    ratios["service_p95_busy_vs_idle"] = round(
        results["service_one_core_busy"]["p95_ms"] / results["service"]["p95_ms"], 2
    )
    results["ratios"] = ratios

    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"recommend-{stamp}.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    say(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    say(f"written to {out}\n")


if __name__ == "__main__":
    main()
