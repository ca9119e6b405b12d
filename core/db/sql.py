"""SQL expressions that both backends need spelled differently."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement


class local_date(FunctionElement):
    """The China Standard Time date of a UTC timestamp column, computed by the database.

    Asia/Shanghai has had no daylight saving time since 1991, so SQLite's fixed
    ``+8 hours`` and PostgreSQL's time-zone conversion agree.
    """

    type = sa.Date()
    inherit_cache = True
    name = "local_date"


@compiles(local_date, "postgresql")
def _local_date_postgresql(element, compiler, **kw):
    return f"(({compiler.process(element.clauses, **kw)}) AT TIME ZONE 'Asia/Shanghai')::date"


@compiles(local_date, "sqlite")
def _local_date_sqlite(element, compiler, **kw):
    # SQLite keeps UTC timestamps as text (core.db.base.AwareDateTime); date() shifts and truncates them.
    return f"date({compiler.process(element.clauses, **kw)}, '+8 hours')"
