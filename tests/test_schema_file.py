"""The committed schema.graphql is exactly what the code serves: front-end teams build against it."""

from __future__ import annotations

from core.cli import SCHEMA_FILE
from core.graphql.schema import schema_sdl


def test_committed_schema_matches_the_code():
    assert SCHEMA_FILE.exists(), "run `make schema` and commit schema.graphql"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_sdl(), (
        "schema.graphql is out of date: run `make schema` (tingwu schema export) and commit it"
    )
