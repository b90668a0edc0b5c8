"""Builds the indexer's parts from its settings: clients, pipeline, loop, sweeper."""

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial

from kafka import KafkaConsumer, KafkaProducer
from opensearchpy import OpenSearch

from ilteo_search.embedding import Embedder, create_embedder
from ilteo_search.index.aliases import IndexNames, ensure_index
from ilteo_search.index.mapping import index_body
from ilteo_search.indexer.bulk import BulkWriter, RetryPolicy
from ilteo_search.indexer.consumer import IndexerLoop
from ilteo_search.indexer.dead_letters import DeadLetterPublisher
from ilteo_search.indexer.enrich import Clock
from ilteo_search.indexer.pipeline import Pipeline
from ilteo_search.indexer.settings import IndexerSettings
from ilteo_search.indexer.vectors import VectorFiller

OPENSEARCH_CONNECTIONS = 4


def opensearch_client(settings: IndexerSettings) -> OpenSearch:
    # Retries are the bulk writer's, item by item; the client must not resend.
    # The consumer, the vector filler and the sweeper share it from their threads.
    return OpenSearch(
        hosts=[settings.opensearch_url],
        timeout=settings.opensearch_timeout_s,
        max_retries=0,
        retry_on_timeout=False,
        pool_maxsize=OPENSEARCH_CONNECTIONS,
    )


def index_names(settings: IndexerSettings) -> IndexNames:
    return IndexNames(settings.index_alias)


def ensure_items_index(client: OpenSearch, settings: IndexerSettings) -> str:
    body = index_body(
        shards=settings.index_shards,
        replicas=settings.index_replicas,
        refresh_interval_s=settings.index_refresh_interval_s,
    )
    return ensure_index(client, names=index_names(settings), body=body)


def current_clock(settings: IndexerSettings) -> Clock:
    return Clock(
        now=datetime.now(UTC),
        retire_after_days=settings.retire_until_filled_after_days,
    )


def pipeline(settings: IndexerSettings, embedder: Embedder | None = None) -> Pipeline:
    """Without an embedder, documents are written first and get their vectors later."""
    return Pipeline(clock=partial(current_clock, settings), embedder=embedder)


def bulk_writer(
    client: OpenSearch, settings: IndexerSettings, *, index: str, keep: bool = False
) -> BulkWriter:
    """``keep``: rewrite documents at the version they have (``external_gte``)."""
    retry = RetryPolicy(
        attempts=settings.retry_attempts,
        initial_backoff_s=settings.retry_initial_backoff_ms / 1000,
        max_backoff_s=settings.retry_max_backoff_ms / 1000,
    )
    version_type = "external_gte" if keep else "external"
    return BulkWriter(client, index=index, retry=retry, version_type=version_type)


def dead_letter_publisher(settings: IndexerSettings) -> DeadLetterPublisher:
    producer = KafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id="ilteo-indexer-dead-letters",
        acks="all",
        linger_ms=5,
    )
    return DeadLetterPublisher(
        producer,
        topic=settings.dead_letter_topic,
        timeout_s=settings.dead_letter_send_timeout_s,
    )


def items_consumer(settings: IndexerSettings) -> KafkaConsumer:
    consumer = KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id=settings.consumer_group,
        client_id="ilteo-indexer",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_poll_records=settings.batch_max_records,
        max_poll_interval_ms=settings.max_poll_interval_ms,
    )
    consumer.subscribe([settings.items_topic])
    return consumer


def indexer_loop(
    settings: IndexerSettings, *, client: OpenSearch, stop: threading.Event
) -> IndexerLoop:
    return IndexerLoop(
        consumer=items_consumer(settings),
        client=client,
        pipeline=pipeline(settings),
        writer=bulk_writer(client, settings, index=settings.write_alias),
        publisher=dead_letter_publisher(settings),
        batch_max_records=settings.batch_max_records,
        poll_timeout_ms=settings.poll_timeout_ms,
        outage_probe_interval_s=settings.outage_probe_interval_s,
        stop=stop,
    )


def vector_filler(
    settings: IndexerSettings,
    *,
    client: OpenSearch,
    embedder: Embedder,
    partitions: Callable[[], frozenset[int]],
    stop: threading.Event,
) -> VectorFiller:
    return VectorFiller(
        client=client,
        alias=settings.write_alias,
        embedder=embedder,
        writer=bulk_writer(client, settings, index=settings.write_alias, keep=True),
        partitions=partitions,
        batch_size=settings.vector_batch_size,
        idle_s=settings.vector_idle_s,
        stop=stop,
    )


__all__ = ["create_embedder", "ensure_items_index", "indexer_loop", "vector_filler"]
