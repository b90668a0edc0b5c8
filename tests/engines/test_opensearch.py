"""OpenSearch as the local stack runs it: Korean analysis through the index analyzer."""

import uuid
from collections.abc import Iterator

import httpx
import pytest

from ilteo_search.index.analysis import KOREAN_ANALYZER, analysis_settings
from ilteo_stack.components import OPENSEARCH_PLUGINS
from ilteo_stack.stack import Stack


@pytest.fixture
def opensearch(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.settings.opensearch_url, timeout=30) as client:
        yield client


@pytest.fixture
def korean_index(opensearch: httpx.Client) -> Iterator[str]:
    name = f"test-analysis-{uuid.uuid4().hex[:8]}"
    response = opensearch.put(
        f"/{name}", json={"settings": {"analysis": analysis_settings()}}
    )
    assert response.status_code == 200, response.text
    yield name
    opensearch.delete(f"/{name}")


def tokens(client: httpx.Client, index: str, text: str) -> list[str]:
    response = client.post(
        f"/{index}/_analyze", json={"analyzer": KOREAN_ANALYZER, "text": text}
    )
    assert response.status_code == 200, response.text
    return [token["token"] for token in response.json()["tokens"]]


class TestPlugins:
    def test_nori_and_knn_are_loaded(self, opensearch: httpx.Client) -> None:
        plugins = opensearch.get("/_cat/plugins", params={"format": "json"}).json()

        # Plugins put on the classpath are listed by their class names.
        assert set(OPENSEARCH_PLUGINS) <= {plugin["component"] for plugin in plugins}


class TestKnn:
    def test_lucene_hnsw_answers_a_filtered_knn_query(
        self, opensearch: httpx.Client
    ) -> None:
        index = f"test-knn-{uuid.uuid4().hex[:8]}"
        mapping = {
            "settings": {"index.knn": True, "number_of_replicas": 0},
            "mappings": {
                "properties": {
                    "district": {"type": "keyword"},
                    "embedding": {
                        "type": "knn_vector",
                        "dimension": 3,
                        # The Maven Central plugin carries no native faiss library.
                        "method": {
                            "name": "hnsw",
                            "engine": "lucene",
                            "space_type": "cosinesimil",
                        },
                    },
                }
            },
        }
        docs = {
            "weld": ([1.0, 0.1, 0.0], "부평구"),
            "cook": ([0.0, 1.0, 0.1], "부평구"),
            "weld-far": ([0.9, 0.2, 0.0], "옹진군"),
        }
        try:
            assert opensearch.put(f"/{index}", json=mapping).status_code == 200
            for doc_id, (vector, district) in docs.items():
                opensearch.put(
                    f"/{index}/_doc/{doc_id}",
                    params={"refresh": "true"},
                    json={"embedding": vector, "district": district},
                ).raise_for_status()

            query = {
                "size": 2,
                "query": {
                    "knn": {
                        "embedding": {
                            "vector": [1.0, 0.0, 0.0],
                            "k": 2,
                            "filter": {"term": {"district": "부평구"}},
                        }
                    }
                },
            }
            hits = opensearch.post(f"/{index}/_search", json=query).json()["hits"]
        finally:
            opensearch.delete(f"/{index}")

        assert [hit["_id"] for hit in hits["hits"]] == ["weld", "cook"]


class TestKoreanAnalyzer:
    def test_a_job_title_yields_its_morphemes(
        self, opensearch: httpx.Client, korean_index: str
    ) -> None:
        result = tokens(opensearch, korean_index, "인천광역시 부평구 용접공 채용")

        # mixed decompounding keeps each compound and its parts
        assert {"인천", "광역", "부평구", "부평", "용접공", "용접", "채용"} <= set(
            result
        )

    def test_particles_and_endings_are_dropped(
        self, opensearch: httpx.Client, korean_index: str
    ) -> None:
        result = tokens(opensearch, korean_index, "요양보호사를 모집합니다")

        assert "를" not in result
        assert "요양" in result

    def test_list_separators_split_words(
        self, opensearch: httpx.Client, korean_index: str
    ) -> None:
        result = tokens(opensearch, korean_index, "경리ㆍ회계사무원")

        assert {"경리", "회계"} <= set(result)

    def test_latin_text_is_lowercased(
        self, opensearch: httpx.Client, korean_index: str
    ) -> None:
        assert "python" in tokens(opensearch, korean_index, "Python 개발자")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("조선 블록 용접사 채용", {"용접사", "용접"}),
            ("배관용접사", {"배관", "용접사", "용접"}),
            ("용접사모집", {"용접사", "용접", "모집"}),
            ("물류센터 알바", {"물류", "센터", "알바"}),
            ("주말알바", {"주말", "알바"}),
            ("알바생 구함", {"알바생", "알바"}),
        ],
    )
    def test_job_words_missing_from_the_dictionary_stay_whole(
        self, opensearch: httpx.Client, korean_index: str, text: str, expected: set[str]
    ) -> None:
        result = tokens(opensearch, korean_index, text)

        assert expected <= set(result)
        assert not {"접사", "알", "사모"} & set(result)
