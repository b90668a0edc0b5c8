"""Reindexing into a new versioned index and moving the aliases."""

import pytest
from opensearchpy import OpenSearch
from rich.progress import Progress

from ilteo_search.index.aliases import IndexNames, indexes_of
from ilteo_search.indexer.reindex import CountTooLow, Origin, reindex
from ilteo_search.indexer.settings import IndexerSettings
from ilteo_stack.stack import Stack
from tests.search.indexer.conftest import EMBEDDER, Names, count, publish
from tests.search.indexer.factories import event, message


def settings_for(stack: Stack, names: Names, *, topic: str) -> IndexerSettings:
    return IndexerSettings(
        opensearch_url=stack.settings.opensearch_url,
        kafka_bootstrap_servers=stack.settings.kafka_bootstrap,
        items_topic=topic,
        index_alias=names.alias,
        embedder=EMBEDDER,
        environment="test",
    )


def run(settings: IndexerSettings, origin: Origin, client: OpenSearch) -> str:
    with Progress(disable=True) as progress:
        return reindex(settings, origin=origin, client=client, progress=progress).index


class TestReindex:
    def test_replay_from_kafka_then_copy_moves_both_aliases(
        self, stack: Stack, names: Names, opensearch: OpenSearch, bootstrap: str
    ) -> None:
        publish(bootstrap, names.items_topic, (message(event(n)) for n in range(30)))
        settings = settings_for(stack, names, topic=names.items_topic)
        aliases = IndexNames(names.alias)

        first = run(settings, Origin.KAFKA, opensearch)
        assert indexes_of(opensearch, alias=aliases.read_alias) == [first]
        assert indexes_of(opensearch, alias=aliases.write_alias) == [first]
        assert count(opensearch, names.alias) == 30

        second = run(settings, Origin.INDEX, opensearch)
        assert second != first
        assert indexes_of(opensearch, alias=aliases.read_alias) == [second]
        assert indexes_of(opensearch, alias=aliases.write_alias) == [second]
        assert count(opensearch, names.alias) == 30
        copied = opensearch.get(index=names.alias, id=event(7).key)
        assert copied["_version"] == int(event(7).modified_at.timestamp() * 1000)

    def test_refuses_to_move_the_aliases_when_the_new_index_is_too_small(
        self, stack: Stack, names: Names, opensearch: OpenSearch, bootstrap: str
    ) -> None:
        publish(bootstrap, names.items_topic, (message(event(n)) for n in range(30)))
        current = run(
            settings_for(stack, names, topic=names.items_topic),
            Origin.KAFKA,
            opensearch,
        )
        # Replaying the (empty) dead-letter topic stands for a topic cut short.
        short = settings_for(stack, names, topic=names.dead_letter_topic)

        with pytest.raises(CountTooLow, match="0 documents"):
            run(short, Origin.KAFKA, opensearch)

        aliases = IndexNames(names.alias)
        assert indexes_of(opensearch, alias=aliases.read_alias) == [current]
        assert indexes_of(opensearch, alias=aliases.write_alias) == [current]
        assert count(opensearch, names.alias) == 30
