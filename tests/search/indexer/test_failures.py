"""Nothing is lost or written twice when the indexer dies or OpenSearch goes away."""

from opensearchpy import OpenSearch

from ilteo_stack.stack import Stack
from tests.conftest import wait_until
from tests.search.indexer.conftest import (
    IndexerProcess,
    Names,
    all_committed,
    all_ids,
    count,
    indexer_env,
    publish,
    running_indexer,
)
from tests.search.indexer.factories import event, message

KILL_TEST_MESSAGES = 10_000
OUTAGE_TEST_MESSAGES = 1_500


def successful_writes(client: OpenSearch, alias: str) -> int:
    """Index operations that succeeded: one shard numbers them 0, 1, 2, ..."""
    answer = client.search(
        index=alias,
        body={"size": 1, "sort": [{"_seq_no": "desc"}], "seq_no_primary_term": True},
    )
    return int(answer["hits"]["hits"][0]["_seq_no"]) + 1


class TestIndexerFailures:
    def test_killed_mid_stream_every_message_is_indexed_exactly_once(
        self, stack: Stack, names: Names, opensearch: OpenSearch, bootstrap: str
    ) -> None:
        events = [event(n) for n in range(KILL_TEST_MESSAGES)]
        publish(bootstrap, names.items_topic, map(message, events))
        # The consumer's writes alone: the vectors' rewrites are counted apart.
        env = indexer_env(stack, names, BATCH_MAX_RECORDS="200", FILL_VECTORS="false")

        first = IndexerProcess(env)
        first.start()
        try:
            wait_until(
                lambda: count(opensearch, names.alias) >= 1_000,
                timeout_s=300,
                message="a first part indexed",
            )
        finally:
            first.kill()
        assert count(opensearch, names.alias) < KILL_TEST_MESSAGES

        with running_indexer(env):
            wait_until(
                lambda: all_committed(bootstrap, names),
                timeout_s=600,
                message="every message committed",
            )

        ids = all_ids(opensearch, names.alias)
        assert len(ids) == KILL_TEST_MESSAGES
        assert set(ids) == {e.key for e in events}
        # Replayed messages answered 409 and wrote nothing.
        assert successful_writes(opensearch, names.alias) == KILL_TEST_MESSAGES

    def test_waits_out_an_opensearch_outage_and_indexes_everything(
        self, stack: Stack, names: Names, opensearch: OpenSearch, bootstrap: str
    ) -> None:
        before, during = range(500), range(500, OUTAGE_TEST_MESSAGES)
        publish(bootstrap, names.items_topic, (message(event(n)) for n in before))

        env = indexer_env(stack, names, FILL_VECTORS="false")
        with running_indexer(env) as indexer:
            wait_until(
                lambda: count(opensearch, names.alias) == len(before),
                timeout_s=300,
                message="the first messages",
            )
            stack.stop("opensearch")
            try:
                publish(
                    bootstrap, names.items_topic, (message(event(n)) for n in during)
                )
                wait_until(
                    lambda: (
                        "ilteo_indexer_waiting_for_opensearch 1.0" in indexer.metrics()
                    ),
                    timeout_s=120,
                    message="the indexer to pause",
                )
                assert not all_committed(bootstrap, names)
            finally:
                stack.start("opensearch")
            wait_until(
                lambda: all_committed(bootstrap, names),
                timeout_s=600,
                message="every message committed",
            )
            metrics = indexer.metrics()

        assert count(opensearch, names.alias) == OUTAGE_TEST_MESSAGES
        assert "ilteo_indexer_waiting_for_opensearch 0.0" in metrics
        assert "ilteo_indexer_document_retries_total 0.0" not in metrics
