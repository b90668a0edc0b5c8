"""Two indexers in one consumer group share the partitions, and one stopping hands
its partitions (and the vectors still owed on them) to the other without loss."""

import re

from opensearchpy import OpenSearch

from ilteo_stack.stack import Stack
from tests.conftest import wait_until
from tests.search.indexer.conftest import (
    ITEMS_PARTITIONS,
    IndexerProcess,
    Names,
    all_committed,
    all_ids,
    count,
    count_with_vectors,
    indexer_env,
    publish,
)
from tests.search.indexer.factories import event, message

FIRST, BOTH, LAST = range(2_000), range(2_000, 3_000), range(3_000, 4_000)


def metric(indexer: IndexerProcess, name: str) -> int:
    found = re.search(rf"^{name} ([0-9.]+)$", indexer.metrics(), re.M)
    return int(float(found.group(1))) if found else 0


def assigned(indexer: IndexerProcess) -> int:
    return metric(indexer, "ilteo_indexer_assigned_partitions")


class TestTwoIndexers:
    def test_share_the_partitions_and_hand_them_over_without_loss(
        self, stack: Stack, names: Names, opensearch: OpenSearch, bootstrap: str
    ) -> None:
        # The fake embedder: this is about partitions, not about the model.
        env = indexer_env(stack, names, EMBEDDER="fake", BATCH_MAX_RECORDS="100")
        one, two = IndexerProcess(env), IndexerProcess(env)
        one.start()
        try:
            publish(bootstrap, names.items_topic, (message(event(n)) for n in FIRST))
            wait_until(
                lambda: count(opensearch, names.alias) >= 500,
                timeout_s=120,
                message="a first part indexed by the first indexer alone",
            )
            # The first gives up three partitions it has committed on.
            two.start()
            wait_until(
                lambda: (assigned(one), assigned(two)) == (3, 3),
                timeout_s=120,
                message="the six partitions split three and three",
            )
            publish(bootstrap, names.items_topic, (message(event(n)) for n in BOTH))
            wait_until(
                lambda: all_committed(bootstrap, names),
                timeout_s=300,
                message="the messages sent to both committed",
            )
            by_two = metric(two, "ilteo_indexer_documents_indexed_total")
            two.stop()
            wait_until(
                lambda: assigned(one) == ITEMS_PARTITIONS,
                timeout_s=120,
                message="the first indexer to take all six partitions again",
            )
            publish(bootstrap, names.items_topic, (message(event(n)) for n in LAST))
            wait_until(
                lambda: all_committed(bootstrap, names),
                timeout_s=300,
                message="every message committed",
            )
            total = len(FIRST) + len(BOTH) + len(LAST)
            wait_until(
                lambda: count_with_vectors(opensearch, names.alias) == total,
                timeout_s=300,
                message="every document with its vector",
            )
        finally:
            one.stop()
            two.stop()

        ids = all_ids(opensearch, names.alias)
        assert len(ids) == total
        assert set(ids) == {event(n).key for n in [*FIRST, *BOTH, *LAST]}
        # Keys spread over the six partitions: the second took its share.
        assert 0 < by_two < len(BOTH)
