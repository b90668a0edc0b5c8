"""The status sweep over a real index."""

from datetime import UTC, date, datetime, timedelta

from opensearchpy import OpenSearch

from ilteo_common.events import ItemEvent, encode
from ilteo_search.embedding import FakeEmbedder
from ilteo_search.indexer.bulk import Outcome, RetryPolicy
from ilteo_search.indexer.dead_letters import Origin
from ilteo_search.indexer.enrich import Clock, Status
from ilteo_search.indexer.pipeline import Pipeline
from ilteo_search.indexer.retire import sweep
from ilteo_search.indexer.service import bulk_writer, ensure_items_index
from ilteo_search.indexer.settings import IndexerSettings
from ilteo_stack.stack import Stack
from tests.search.indexer.conftest import Names
from tests.search.indexer.factories import event, later, posting

RETRY = RetryPolicy(attempts=3, initial_backoff_s=0.1, max_backoff_s=1)


def index_events(
    client: OpenSearch, settings: IndexerSettings, events: list[ItemEvent], clock: Clock
) -> None:
    steps = Pipeline(embedder=FakeEmbedder(), clock=lambda: clock)
    origins = [Origin("t", 0, n, None, encode(e)) for n, e in enumerate(events)]
    outcome = Outcome()
    bulk_writer(client, settings, index=settings.write_alias).write(
        steps.prepare(origins).writes, outcome
    )
    client.indices.refresh(index=settings.write_alias)


class TestSweep:
    def test_closes_overdue_and_retires_stale_until_filled_postings(
        self, stack: Stack, names: Names, opensearch: OpenSearch
    ) -> None:
        settings = IndexerSettings(
            opensearch_url=stack.settings.opensearch_url,
            index_alias=names.alias,
            embedder="fake",
            environment="test",
        )
        ensure_items_index(opensearch, settings)
        indexed_on = datetime(2026, 9, 1, tzinfo=UTC)
        overdue = event(1, item=posting(1, closes_on=date(2026, 9, 30)))
        stale = event(
            2,
            modified_at=indexed_on - timedelta(days=1),
            item=posting(2, closes_on=None, open_until_filled=True),
        )
        current = event(3, item=posting(3, closes_on=date(2027, 1, 31)))
        index_events(
            opensearch, settings, [overdue, stale, current], Clock(indexed_on, 60)
        )

        changed = sweep(
            opensearch,
            alias=settings.write_alias,
            clock=Clock(datetime(2026, 12, 1, tzinfo=UTC), 60),
            retry=RETRY,
        )

        assert changed == {Status.CLOSED: 1, Status.RETIRED: 1}
        statuses = {
            e.key: opensearch.get(index=names.alias, id=e.key)
            for e in (overdue, stale, current)
        }
        assert statuses[overdue.key]["_source"]["status"] == "closed"
        assert statuses[stale.key]["_source"]["status"] == "retired"
        assert statuses[current.key]["_source"]["status"] == "open"
        # The sweep keeps the version: a newer event of the item still wins.
        version = int(stale.modified_at.timestamp() * 1000)
        assert statuses[stale.key]["_version"] == version
        renewed = later(stale, minutes=1, title="재공고")
        index_events(
            opensearch,
            settings,
            [renewed],
            Clock(renewed.modified_at + timedelta(days=1), 60),
        )
        document = opensearch.get(index=names.alias, id=stale.key)["_source"]
        assert document["status"] == "open"
