"""What the indexer counts, exposed on its ``/metrics``."""

from prometheus_client import Counter, Gauge, Histogram

INDEXED = Counter(
    "ilteo_indexer_documents_indexed_total",
    "Documents the consumer wrote (without their vector, which follows).",
)
CONFLICTS = Counter(
    "ilteo_indexer_version_conflicts_total",
    "Documents skipped because the index already held the same or a newer version.",
)
DEAD_LETTERED = Counter(
    "ilteo_indexer_dead_lettered_total",
    "Messages sent to the dead-letter topic, by what failed.",
    ["failure"],
)
RETRIES = Counter(
    "ilteo_indexer_document_retries_total",
    "Documents sent again after a 429, a 5xx or a lost connection.",
)
BATCH_SECONDS = Histogram(
    "ilteo_indexer_batch_seconds",
    "Time from a batch's poll to its commit.",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
)
EMBEDDED = Counter("ilteo_indexer_texts_embedded_total", "Texts embedded.")
EMBEDDING_SECONDS = Histogram(
    "ilteo_indexer_embedding_seconds",
    "Time to embed the texts of one batch.",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
CONSUMER_LAG = Gauge(
    "ilteo_indexer_consumer_lag",
    "Messages in a partition after the last committed offset.",
    ["topic", "partition"],
)
WAITING_FOR_OPENSEARCH = Gauge(
    "ilteo_indexer_waiting_for_opensearch",
    "1 while consumption is paused until OpenSearch answers again.",
)
RETIRED = Counter(
    "ilteo_indexer_swept_total",
    "Documents whose status a sweep changed, by new status.",
    ["status"],
)
VECTORS_WRITTEN = Counter(
    "ilteo_indexer_vectors_written_total",
    "Documents written again with their vector.",
)
VECTORS_WAITING = Gauge(
    "ilteo_indexer_vectors_waiting",
    "Documents of this process's partitions still without their vector.",
)
VECTOR_DELAY_SECONDS = Histogram(
    "ilteo_indexer_vector_delay_seconds",
    "Time from a document's first write to the write of its vector.",
    buckets=(0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800),
)
ASSIGNED_PARTITIONS = Gauge(
    "ilteo_indexer_assigned_partitions",
    "Partitions of the item topic this process consumes (and embeds for).",
)
