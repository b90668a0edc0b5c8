"""Settings of the indexer processes, read from ``ILTEO_SEARCH_*`` variables.

The indexer belongs to the search domain and shares its prefix; its own HTTP port is
``ILTEO_SEARCH_INDEXER_PORT`` so that it can run beside the search API.
"""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from ilteo_common.topics import DEAD_LETTERS, ITEMS
from ilteo_search.embedding import EmbeddingSettings


class IndexerSettings(EmbeddingSettings):
    model_config = SettingsConfigDict(env_prefix="ILTEO_SEARCH_")

    indexer_host: str = "127.0.0.1"
    indexer_port: int = 8011
    opensearch_url: str = "http://127.0.0.1:9200"
    opensearch_timeout_s: float = 30.0
    kafka_bootstrap_servers: str = "127.0.0.1:9092"

    # The read alias; versioned indexes are named ``<alias>-<UTC yyyymmddhhmmss>``.
    index_alias: str = "ilteo-items"
    index_shards: int = Field(default=1, ge=1)
    index_replicas: int = Field(default=0, ge=0)
    index_refresh_interval_s: float = Field(default=1.0, gt=0)

    items_topic: str = ITEMS.name
    dead_letter_topic: str = DEAD_LETTERS.name
    consumer_group: str = "ilteo-indexer"
    batch_max_records: int = Field(default=256, ge=1)
    poll_timeout_ms: int = Field(default=1000, ge=1)
    # Between two polls at most this long passes, also while OpenSearch is down.
    max_poll_interval_ms: int = Field(default=300_000, ge=10_000)
    dead_letter_send_timeout_s: float = Field(default=30.0, gt=0)

    # Retries of one document that OpenSearch answered with 429, 5xx or not at all.
    retry_attempts: int = Field(default=6, ge=1)
    retry_initial_backoff_ms: int = Field(default=200, ge=1)
    retry_max_backoff_ms: int = Field(default=10_000, ge=1)
    # After the retries, the indexer pauses and probes OpenSearch this often.
    outage_probe_interval_s: float = Field(default=2.0, gt=0)

    # Vectors are computed after the first write, by the process that owns the
    # document's partition; off, this process only writes documents.
    fill_vectors: bool = True
    vector_batch_size: int = Field(default=64, ge=1)
    # When no document waits for its vector, look again after this long.
    vector_idle_s: float = Field(default=0.5, gt=0)

    # 채용시까지 postings not modified for this many days are retired.
    retire_until_filled_after_days: int = Field(default=60, ge=1)
    retire_sweep_interval_s: float = Field(default=3600.0, gt=0)

    # A reindex moves the aliases only when the new index holds at least this
    # fraction of the documents of the old one.
    reindex_min_count_ratio: float = Field(default=0.95, ge=0, le=1)

    @property
    def write_alias(self) -> str:
        return f"{self.index_alias}-write"
