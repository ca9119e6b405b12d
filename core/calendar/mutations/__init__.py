"""Calendar mutations, one per module."""
