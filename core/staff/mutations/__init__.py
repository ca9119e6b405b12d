"""Staff mutations, one per module."""
