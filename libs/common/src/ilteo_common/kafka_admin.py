"""Creating the platform's topics: used by the local stack and by the deploy job."""

import argparse

import structlog
from kafka import KafkaAdminClient
from kafka.errors import TopicAlreadyExistsError

from ilteo_common.logging import configure_logging
from ilteo_common.topics import ALL_TOPICS, TopicSpec

log = structlog.get_logger(__name__)


def ensure_topics(
    bootstrap_servers: str,
    *,
    replication_factor: int = 1,
    specs: tuple[TopicSpec, ...] = ALL_TOPICS,
) -> list[str]:
    """Create the topics that do not exist yet; returns the names it created."""
    admin = KafkaAdminClient(
        bootstrap_servers=bootstrap_servers, client_id="ilteo-topics"
    )
    created = []
    try:
        existing = set(admin.list_topics())
        for spec in specs:
            if spec.name in existing:
                continue
            options = {
                "num_partitions": spec.partitions,
                "replication_factor": replication_factor,
                "configs": spec.config,
            }
            try:
                admin.create_topics({spec.name: options}, wait_for_metadata=True)
            except TopicAlreadyExistsError:
                continue
            log.info("topic.created", topic=spec.name, partitions=spec.partitions)
            created.append(spec.name)
    finally:
        admin.close()
    return created


def main() -> None:
    """``ilteo-ensure-topics --bootstrap-servers kafka:9092 --replication-factor 3``"""
    parser = argparse.ArgumentParser(description="Create Ilteo's Kafka topics.")
    parser.add_argument("--bootstrap-servers", required=True)
    parser.add_argument("--replication-factor", type=int, default=1)
    args = parser.parse_args()
    configure_logging(service="topics", json=True)
    ensure_topics(args.bootstrap_servers, replication_factor=args.replication_factor)
