"""The indexer: items from Kafka, enriched, into the versioned OpenSearch index."""
