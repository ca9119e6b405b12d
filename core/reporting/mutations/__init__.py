"""Provincial ingestion mutations, one per module."""
