"""DataLoader base classes: one SQL statement per batch, results in key order (Saleor's convention).

Each batch opens its own short-lived session, so loaders that run
concurrently never share an AsyncSession. Loaders return plain rows (SQLAlchemy
Core ``Row`` objects with the table's columns as attributes), not ORM
instances: building thousands of ORM/pydantic objects per answer is most of
the cost of a large read, and GraphQL types only read attributes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from typing import Any, ClassVar, TypeVar

import sqlalchemy as sa
from strawberry.dataloader import DataLoader

from core.db import Database

L = TypeVar("L", bound="SqlLoader")


class SqlLoader(DataLoader):
    """A loader bound to the request's database; subclasses define ``batch_load(keys)``."""

    def __init__(self, db: Database):
        self.db = db
        super().__init__(load_fn=self.batch_load)

    async def rows(self, stmt: sa.Select) -> Sequence[Any]:
        async with self.db.session() as session:
            return (await session.execute(stmt)).all()


class ByKeyLoader(SqlLoader):
    """One object (or None) per key, looked up by a unique column."""

    model: ClassVar[type]
    key: ClassVar[str] = "id"

    async def batch_load(self, keys):
        column = getattr(self.model, self.key)
        found = {getattr(row, self.key): row for row in await self.rows(sa.select(self.model.__table__).where(column.in_(keys)))}
        return [found.get(key) for key in keys]


class GroupedLoader(SqlLoader):
    """A list of objects per key, grouped by a (non-unique) column, in a stable order."""

    model: ClassVar[type]
    key: ClassVar[str]
    order_by: ClassVar[tuple[str, ...]] = ("id",)

    def statement(self, keys) -> sa.Select:
        column = getattr(self.model, self.key)
        order = [getattr(self.model, name) for name in self.order_by]
        return sa.select(self.model.__table__).where(column.in_(keys)).order_by(*order)

    async def batch_load(self, keys):
        groups: dict[Hashable, list] = defaultdict(list)
        for row in await self.rows(self.statement(keys)):
            groups[getattr(row, self.key)].append(row)
        return [groups.get(key, []) for key in keys]


class Loaders:
    """The request's loaders, created on first use so that each request has its own cache."""

    def __init__(self, db: Database):
        self.db = db
        self._instances: dict[type, SqlLoader] = {}

    def __getitem__(self, loader_class: type[L]) -> L:
        loader = self._instances.get(loader_class)
        if loader is None:
            loader = self._instances[loader_class] = loader_class(self.db)
        return loader
