"""OpenSearch as the local stack runs it: Korean analysis through the index analyzer."""

import uuid
from collections.abc import Iterator

import httpx
import pytest

from ilteo_search.index.analysis import KOREAN_ANALYZER, analysis_settings
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
    def test_nori_is_loaded(self, opensearch: httpx.Client) -> None:
        plugins = opensearch.get("/_cat/plugins", params={"format": "json"}).json()

        assert "analysis-nori" in {plugin["component"] for plugin in plugins}


class TestKoreanAnalyzer:
    def test_a_job_title_yields_its_morphemes(
        self, opensearch: httpx.Client, korean_index: str
    ) -> None:
        result = tokens(opensearch, korean_index, "인천광역시 부평구 용접공 채용")

        assert {"인천", "광역시", "부평", "용접", "채용"} <= set(result)

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
