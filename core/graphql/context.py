"""The per-request context: database, plugins, loaders, language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any


if TYPE_CHECKING:
    from core.runtime import Runtime
    from core.graphql.loaders import Loaders


@dataclass
class Context:
    runtime: "Runtime"
    loaders: "Loaders"
    lang: str = "zh"
    request: Any = None
    response: Any = None
    user: Any = None
    extras: dict = field(default_factory=dict)

    @property
    def db(self):
        return self.runtime.db

    @property
    def plugins(self):
        return self.runtime.plugins
