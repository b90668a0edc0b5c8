"""Settings of the search service, read from ``ILTEO_SEARCH_*`` variables."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from ilteo_search.embedding import EmbeddingSettings


class Settings(EmbeddingSettings):
    model_config = SettingsConfigDict(env_prefix="ILTEO_SEARCH_")

    host: str = "127.0.0.1"
    port: int = 8010
    opensearch_url: str = "http://127.0.0.1:9200"
    opensearch_timeout_s: float = Field(default=10.0, gt=0)
    # Connections kept open to OpenSearch by one service process.
    opensearch_pool_size: int = Field(default=32, ge=1)

    # The read alias in front of the versioned items indexes (the indexer's too).
    index_alias: str = "ilteo-items"

    page_size_max: int = Field(default=50, ge=1, le=200)
    # Deeper pages are refused: nobody reads past them, and each costs more.
    result_depth_max: int = Field(default=1000, ge=1, le=10_000)

    # Hybrid relevance: how many of the best BM25 and k-NN results are fused.
    hybrid_window: int = Field(default=200, ge=10, le=1000)
    rrf_k: int = Field(default=60, ge=1)
    # k-NN neighbours count only when close: a score ((1 + cosine) / 2) of at least
    # ``knn_min_score`` and within ``knn_score_window`` of the best neighbour. e5
    # similarities are compressed (unrelated text still scores about 0.88); the
    # defaults are measured on multilingual-e5-small with the test corpus.
    knn_min_score: float = Field(default=0.91, ge=0, le=1)
    knn_score_window: float = Field(default=0.02, ge=0, le=1)
    # Without the model, or when embedding a query takes longer, BM25 answers alone.
    use_embeddings: bool = True
    embedding_timeout_ms: int = Field(default=2000, ge=1)

    # Known occupations and sources, for checking filters and suggesting names.
    vocabulary_ttl_s: float = Field(default=300.0, ge=0)
