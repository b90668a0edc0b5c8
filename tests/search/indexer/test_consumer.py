"""The indexer process against real Kafka and OpenSearch."""

import json
import signal

from opensearchpy import OpenSearch

from ilteo_stack.stack import Stack
from tests.conftest import wait_until
from tests.search.indexer.conftest import (
    IndexerProcess,
    Names,
    all_committed,
    count,
    count_with_vectors,
    indexer_env,
    publish,
    read_dead_letters,
    running_indexer,
)
from tests.search.indexer.factories import event, later, message, posting


class TestIndexerLoop:
    def test_postings_become_documents_with_their_version(
        self, stack: Stack, names: Names, opensearch: OpenSearch, bootstrap: str
    ) -> None:
        events = [event(n) for n in range(50)]
        publish(bootstrap, names.items_topic, map(message, events))

        with running_indexer(indexer_env(stack, names)) as indexer:
            wait_until(
                lambda: count_with_vectors(opensearch, names.alias) == 50,
                timeout_s=180,
                message="50 documents with their vectors",
            )
            metrics = indexer.metrics()

        assert count(opensearch, names.alias) == 50
        first = opensearch.get(index=names.alias, id=events[0].key)
        # The vector's write keeps the version of the event.
        assert first["_version"] == int(events[0].modified_at.timestamp() * 1000)
        assert first["_source"]["district_id"]
        assert first["_source"]["pay_month_min"] == 2_500_000
        assert len(first["_source"]["embedding"]) == 384
        assert first["_source"]["embedded"] is True
        assert "ilteo_indexer_documents_indexed_total 50.0" in metrics
        assert "ilteo_indexer_vectors_written_total 50.0" in metrics
        assert "ilteo_indexer_consumer_lag{" in metrics

    def test_sigterm_finishes_and_exits_cleanly(
        self, stack: Stack, names: Names, opensearch: OpenSearch, bootstrap: str
    ) -> None:
        publish(bootstrap, names.items_topic, (message(event(n)) for n in range(20)))
        indexer = IndexerProcess(indexer_env(stack, names))
        indexer.start()
        try:
            wait_until(
                lambda: all_committed(bootstrap, names),
                timeout_s=120,
                message="every message committed",
            )
        finally:
            exit_code = indexer.stop()

        # Uvicorn re-raises the signal once its shutdown is complete.
        assert exit_code in (0, -signal.SIGTERM)
        log = indexer.log_path.read_text()
        assert "indexer.stopped" in log
        assert "Application shutdown complete" in log

    def test_an_older_update_arriving_later_does_not_win(
        self, stack: Stack, names: Names, opensearch: OpenSearch, bootstrap: str
    ) -> None:
        original = event(1)
        newer = later(original, minutes=30, title="용접공 모집 (마감 연장)")
        older = later(original, minutes=10, title="용접공 모집 (옛 제목)")
        publish(bootstrap, names.items_topic, map(message, [newer, older]))
        sentinel = event(2)
        publish(bootstrap, names.items_topic, [message(sentinel)])

        with running_indexer(indexer_env(stack, names)):
            wait_until(
                lambda: count(opensearch, names.alias) == 2,
                timeout_s=120,
                message="both items",
            )
            wait_until(
                lambda: all_committed(bootstrap, names),
                timeout_s=60,
                message="every message handled",
            )

        document = opensearch.get(index=names.alias, id=original.key)
        assert document["_source"]["title"] == "용접공 모집 (마감 연장)"
        assert document["_version"] == int(newer.modified_at.timestamp() * 1000)

    def test_poison_messages_go_to_dead_letters_and_the_rest_is_indexed(
        self, stack: Stack, names: Names, opensearch: OpenSearch, bootstrap: str
    ) -> None:
        good = event(1)
        unknown_version = json.loads(good.model_dump_json()) | {"schema_version": 2}
        invalid = json.loads(event(2).model_dump_json())
        invalid["item"]["pay"] = {"period": "month", "min_krw": 9, "max_krw": 1}
        # An int field that OpenSearch cannot hold: refused by the index only.
        refused = event(3, item=posting(3, headcount=3_000_000_000))
        messages = [
            (b"garbage", b"\xff\xfe not json at all"),
            (b"work24:v2", json.dumps(unknown_version).encode()),
            (b"work24:K0000002", json.dumps(invalid).encode()),
            message(refused),
            message(good),
        ]
        publish(bootstrap, names.items_topic, messages)

        with running_indexer(indexer_env(stack, names)):
            letters = read_dead_letters(bootstrap, names.dead_letter_topic, 4)
            wait_until(
                lambda: count(opensearch, names.alias) == 1,
                timeout_s=60,
                message="the good posting",
            )

        reasons = {letter.key: letter.reason for letter in letters}
        assert set(reasons) == {"garbage", "work24:v2", "work24:K0000002", refused.key}
        assert "invalid item event" in reasons["garbage"]
        assert "schema_version" in reasons["work24:v2"]
        assert "pay" in reasons["work24:K0000002"]
        assert "opensearch refused" in reasons[refused.key]
        assert all(letter.origin_topic == names.items_topic for letter in letters)
        assert all(letter.origin_offset is not None for letter in letters)
        assert opensearch.exists(index=names.alias, id=good.key)
