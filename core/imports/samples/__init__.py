"""Sample import files (see docs/imports.md)."""
