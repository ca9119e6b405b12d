"""Small helpers shared by resolvers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from strawberry.types import Info

if TYPE_CHECKING:
    from core.graphql.context import Context


def context(info: Info) -> "Context":
    return info.context


def loader(info: Info, loader_class):
    return info.context.loaders[loader_class]
