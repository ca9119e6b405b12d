"""Database access: engine, sessions, shared column types and metadata."""

from core.db.engine import Database
from core.db.base import metadata

__all__ = ["Database", "metadata"]
