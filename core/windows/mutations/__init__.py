"""Window mutations, one per module."""
