"""Rating mutations, one per module."""
