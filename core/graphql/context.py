"""The per-request context: database, plugins, authorizer, the caller, loaders, language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.auth.tokens import Actor
    from core.graphql.loaders import Loaders
    from core.runtime import Runtime


@dataclass
class Context:
    runtime: "Runtime"
    loaders: "Loaders"
    lang: str = "zh"
    actor: "Actor | None" = None
    token_problem: str | None = None  # why a presented token was not accepted
    request: Any = None
    response: Any = None
    permission_memo: dict = field(default_factory=dict)
    policies: dict = field(default_factory=dict)  # jurisdiction code → JurisdictionPolicy, for this request
    connection_params: dict | None = None  # a websocket's connection_init payload (graphql-transport-ws)
    compiled_reads: bool = False  # answer compilable root fields with one SQL statement (core/graphql/compiler)

    @property
    def db(self):
        return self.runtime.db

    @property
    def plugins(self):
        return self.runtime.plugins

    @property
    def authorizer(self):
        return self.runtime.authorizer
