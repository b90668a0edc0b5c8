"""Versioned items indexes behind a read alias and a write alias.

Readers search ``<alias>``; the indexer writes to ``<alias>-write``. Both point at
one index named ``<alias>-<UTC yyyymmddhhmmss>``; a reindex fills a new one and moves
both aliases in a single atomic request.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from opensearchpy import OpenSearch
from opensearchpy.exceptions import NotFoundError, RequestError, TransportError

log = structlog.get_logger(__name__)

VERSION_FORMAT = "%Y%m%d%H%M%S"


@dataclass(frozen=True, slots=True)
class IndexNames:
    alias: str

    @property
    def read_alias(self) -> str:
        return self.alias

    @property
    def write_alias(self) -> str:
        return f"{self.alias}-write"

    @property
    def pattern(self) -> str:
        return f"{self.alias}-[0-9]*"

    def versioned(self, at: datetime) -> str:
        return f"{self.alias}-{at.astimezone(UTC).strftime(VERSION_FORMAT)}"


def indexes_of(client: OpenSearch, *, alias: str) -> list[str]:
    try:
        return sorted(client.indices.get_alias(name=alias))
    except NotFoundError:
        return []


def create_versioned_index(
    client: OpenSearch, *, names: IndexNames, body: dict[str, Any]
) -> str:
    """A new empty index with the next free versioned name."""
    at = datetime.now(UTC)
    while True:
        name = names.versioned(at)
        try:
            client.indices.create(index=name, body=body)
            return name
        except RequestError as error:
            if error.error != "resource_already_exists_exception":
                raise
        at += timedelta(seconds=1)


def ensure_index(client: OpenSearch, *, names: IndexNames, body: dict[str, Any]) -> str:
    """The index behind the write alias; on a first start, create it and the aliases.

    Several indexers may start at once: each creates an index, but only one can add
    the write alias, and the others drop what they made.
    """
    current = indexes_of(client, alias=names.write_alias)
    if current:
        add_missing_fields(client, index=current[0], body=body)
        return current[0]
    created = create_versioned_index(client, names=names, body=body)
    try:
        # One atomic request: it fails whole if another index holds the write alias.
        client.indices.update_aliases(body={"actions": _point_at(created, names)})
    except TransportError:
        client.indices.delete(index=created)
        return indexes_of(client, alias=names.write_alias)[0]
    log.info("index.created", index=created, alias=names.read_alias)
    return created


def add_missing_fields(client: OpenSearch, *, index: str, body: dict[str, Any]) -> None:
    """Declare the fields a newer mapping adds; existing fields are left as they are.

    Adding a field needs no reindex; changing one does (``ilteo-search-reindex``).
    """
    wanted = body["mappings"]["properties"]
    mapping = client.indices.get_mapping(index=index)[index]["mappings"]
    missing = {
        name: field
        for name, field in wanted.items()
        if name not in mapping.get("properties", {})
    }
    if missing:
        client.indices.put_mapping(index=index, body={"properties": missing})
        log.info("index.fields_added", index=index, fields=sorted(missing))


def move_aliases(client: OpenSearch, *, names: IndexNames, to_index: str) -> list[str]:
    """Point both aliases at ``to_index`` in one atomic request; returns the old."""
    old = sorted(
        set(indexes_of(client, alias=names.read_alias))
        | set(indexes_of(client, alias=names.write_alias))
    )
    actions = [
        {"remove": {"index": index, "alias": alias}}
        for index in old
        for alias in (names.read_alias, names.write_alias)
        if index in indexes_of(client, alias=alias)
    ]
    actions += _point_at(to_index, names)
    client.indices.update_aliases(body={"actions": actions})
    log.info("index.aliases_moved", index=to_index, previous=old)
    return [index for index in old if index != to_index]


def _point_at(index: str, names: IndexNames) -> list[dict[str, Any]]:
    return [
        {"add": {"index": index, "alias": names.read_alias}},
        {"add": {"index": index, "alias": names.write_alias, "is_write_index": True}},
    ]
