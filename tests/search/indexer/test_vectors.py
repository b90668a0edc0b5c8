"""Documents are searchable before their vector; the vector follows without losing
a newer version, and only the process that owns a partition computes its vectors."""

import threading
from datetime import UTC, datetime

from opensearchpy import OpenSearch

from ilteo_common.events import ItemEvent, encode
from ilteo_search.embedding import FakeEmbedder
from ilteo_search.index.aliases import IndexNames, create_versioned_index
from ilteo_search.index.mapping import VECTOR_STATE_FIELDS, index_body
from ilteo_search.indexer.bulk import Outcome
from ilteo_search.indexer.dead_letters import Origin
from ilteo_search.indexer.enrich import Clock
from ilteo_search.indexer.pipeline import Pipeline
from ilteo_search.indexer.service import bulk_writer, ensure_items_index, vector_filler
from ilteo_search.indexer.settings import IndexerSettings
from ilteo_search.indexer.vectors import VectorFiller
from ilteo_stack.stack import Stack
from tests.search.indexer.conftest import Names
from tests.search.indexer.factories import event, later

CLOCK = Clock(datetime(2026, 11, 2, 10, 0, tzinfo=UTC), 60)


def settings_for(stack: Stack, names: Names) -> IndexerSettings:
    return IndexerSettings(
        opensearch_url=stack.settings.opensearch_url,
        index_alias=names.alias,
        embedder="fake",
        environment="test",
    )


def write_without_vectors(
    client: OpenSearch,
    settings: IndexerSettings,
    events: list[ItemEvent],
    *,
    partition: int = 0,
) -> None:
    steps = Pipeline(clock=lambda: CLOCK)
    origins = [Origin("t", partition, n, None, encode(e)) for n, e in enumerate(events)]
    outcome = Outcome()
    bulk_writer(client, settings, index=settings.write_alias).write(
        steps.prepare(origins).writes, outcome
    )
    assert outcome.indexed == len(events)
    client.indices.refresh(index=settings.write_alias)


def filler_for(
    client: OpenSearch, settings: IndexerSettings, owned: set[int]
) -> VectorFiller:
    return vector_filler(
        settings,
        client=client,
        embedder=FakeEmbedder(),
        partitions=lambda: frozenset(owned),
        stop=threading.Event(),
    )


def words(client: OpenSearch, alias: str, text: str) -> list[str]:
    answer = client.search(
        index=alias,
        body={"query": {"match": {"title": text}}, "_source": False},
    )
    return [hit["_id"] for hit in answer["hits"]["hits"]]


class TestVectors:
    def test_searchable_by_its_words_before_the_vector(
        self, stack: Stack, names: Names, opensearch: OpenSearch
    ) -> None:
        settings = settings_for(stack, names)
        ensure_items_index(opensearch, settings)
        posting = event(1)
        write_without_vectors(opensearch, settings, [posting], partition=3)

        document = opensearch.get(index=names.alias, id=posting.key)["_source"]
        assert document["embedded"] is False
        assert "embedding" not in document
        assert document["partition"] == 3
        assert document["passage"].startswith(posting.item.title)
        assert posting.key in words(opensearch, names.alias, posting.item.title)

    def test_the_vector_is_written_at_the_same_version(
        self, stack: Stack, names: Names, opensearch: OpenSearch
    ) -> None:
        settings = settings_for(stack, names)
        ensure_items_index(opensearch, settings)
        events = [event(n) for n in range(5)]
        write_without_vectors(opensearch, settings, events)

        filler = filler_for(opensearch, settings, {0})
        assert filler.fill_once() == 5
        opensearch.indices.refresh(index=names.alias)

        for item in events:
            answer = opensearch.get(index=names.alias, id=item.key)
            assert answer["_version"] == int(item.modified_at.timestamp() * 1000)
            assert answer["_source"]["embedded"] is True
            assert (
                answer["_source"]["embedding"]
                == FakeEmbedder().embed_documents([answer["_source"]["passage"]])[0]
            )
        assert filler.fill_once() == 0

    def test_a_newer_version_written_meanwhile_keeps_waiting_for_its_own(
        self, stack: Stack, names: Names, opensearch: OpenSearch
    ) -> None:
        settings = settings_for(stack, names)
        ensure_items_index(opensearch, settings)
        original = event(1)
        write_without_vectors(opensearch, settings, [original])
        filler = filler_for(opensearch, settings, {0})
        stale_hits = filler.waiting(frozenset({0}))
        assert [hit["_id"] for hit in stale_hits] == [original.key]

        newer = later(original, minutes=5, title="용접공 모집 (조건 변경)")
        write_without_vectors(opensearch, settings, [newer])
        filled = filler.fill(stale_hits)

        assert (filled.written, filled.superseded) == (0, 1)
        document = opensearch.get(index=names.alias, id=original.key)
        assert document["_source"]["title"] == "용접공 모집 (조건 변경)"
        assert document["_source"]["embedded"] is False
        assert filler.fill_once() == 1
        opensearch.indices.refresh(index=names.alias)
        document = opensearch.get(index=names.alias, id=original.key)
        assert document["_source"]["title"] == "용접공 모집 (조건 변경)"
        assert document["_source"]["embedded"] is True

    def test_only_the_owner_of_a_partition_fills_its_documents(
        self, stack: Stack, names: Names, opensearch: OpenSearch
    ) -> None:
        settings = settings_for(stack, names)
        ensure_items_index(opensearch, settings)
        write_without_vectors(opensearch, settings, [event(1)], partition=0)
        write_without_vectors(opensearch, settings, [event(2)], partition=1)

        assert filler_for(opensearch, settings, set()).fill_once() == 0
        assert filler_for(opensearch, settings, {1}).fill_once() == 1
        opensearch.indices.refresh(index=names.alias)
        embedded = {
            key: opensearch.get(index=names.alias, id=key)["_source"]["embedded"]
            for key in (event(1).key, event(2).key)
        }
        assert embedded == {event(1).key: False, event(2).key: True}

    def test_an_index_made_before_these_fields_gets_them_on_start(
        self, stack: Stack, names: Names, opensearch: OpenSearch
    ) -> None:
        settings = settings_for(stack, names)
        body = index_body()
        for name in VECTOR_STATE_FIELDS:
            del body["mappings"]["properties"][name]
        index_names = IndexNames(names.alias)
        old = create_versioned_index(opensearch, names=index_names, body=body)
        opensearch.indices.update_aliases(
            body={
                "actions": [
                    {"add": {"index": old, "alias": names.alias}},
                    {"add": {"index": old, "alias": f"{names.alias}-write"}},
                ]
            }
        )

        assert ensure_items_index(opensearch, settings) == old
        mapping = opensearch.indices.get_mapping(index=old)[old]["mappings"]
        assert set(VECTOR_STATE_FIELDS) <= set(mapping["properties"])
        write_without_vectors(opensearch, settings, [event(1)])
