"""Hall mutations, one per module."""
