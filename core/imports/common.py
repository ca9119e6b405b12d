"""What the importers share: the report, the progress callback, department lookup by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.departments.models import Department

#: Called after each row with (rows done, rows in all).
Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    details: dict = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or any(self.details.values()))

    def summary(self, lang: str = "zh") -> str:
        extra_zh = "".join(f"，{label} {count}" for label, count in self.details.items())
        if lang == "en":
            extra = "".join(f", {label} {count}" for label, count in self.details.items())
            return f"{self.rows} rows: {self.created} created, {self.updated} updated, {self.unchanged} unchanged{extra}"
        return f"共{self.rows}行：新增 {self.created}，更新 {self.updated}，无变化 {self.unchanged}{extra_zh}"


async def departments_by_name(session: AsyncSession, *, jurisdiction: str) -> dict[str, Department]:
    """Every open department of the jurisdiction under its full name and its short name (one statement)."""
    rows = (await session.execute(sa.select(Department).where(
        Department.jurisdiction_code == jurisdiction, Department.closed_on.is_(None)))).scalars().all()
    result: dict[str, Department] = {}
    for department in rows:
        result.setdefault(department.short_name, department)
        result[department.name] = department
    return result


def tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)
