"""Import mutations."""
