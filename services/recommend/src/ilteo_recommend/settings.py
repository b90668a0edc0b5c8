"""Settings of the recommend service, read from ``ILTEO_RECOMMEND_*`` variables."""

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from ilteo_common.settings import ServiceSettings

DEFAULT_MODEL_PATH = (
    Path(__file__).resolve().parents[4] / ".local" / "models" / "multilingual-e5-small"
)


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ILTEO_RECOMMEND_")

    host: str = "127.0.0.1"
    port: int = 8020
    opensearch_url: str = "http://127.0.0.1:9200"
    # The read alias of the items index (the search domain's contract).
    items_index: str = "ilteo-items"
    opensearch_timeout_s: float = Field(default=10.0, gt=0)
    # Profiles, their vectors and feedback; the database number is this service's.
    redis_url: str = "redis://127.0.0.1:6379/0"
    redis_timeout_s: float = Field(default=3.0, gt=0)
    # The gateway sends it as `Authorization: Bearer ...`; required, no default.
    service_token: SecretStr

    embedding_model_path: Path = DEFAULT_MODEL_PATH
    # Torch takes every core by default; a shared machine needs it bounded.
    torch_threads: int = Field(default=1, ge=1)

    # Candidates taken from each retriever (k-NN and BM25) before ranking.
    candidates_per_retriever: int = Field(default=100, ge=10, le=1000)
    # HNSW's candidate list per segment; larger is slower and closer to exact.
    knn_ef_search: int = Field(default=200, ge=10, le=10_000)
    # A wished occupation with fewer matching open jobs than this gets courses.
    skill_gap_min_jobs: int = Field(default=3, ge=1)
    skill_gap_courses: int = Field(default=3, ge=1, le=10)
