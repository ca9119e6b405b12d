"""One entry point for every import, used by the CLI and the GraphQL upload alike."""

from __future__ import annotations

import enum

from sqlalchemy.ext.asyncio import AsyncSession

from core.halls.models import Hall
from core.imports import catalogue, staff, windows
from core.imports.common import ImportReport, Progress
from core.imports.reading import read_table


class ImportKind(enum.StrEnum):
    CATALOGUE = "catalogue"
    STAFF = "staff"
    WINDOWS = "windows"


REQUIRED = {ImportKind.CATALOGUE: catalogue.REQUIRED, ImportKind.STAFF: staff.REQUIRED, ImportKind.WINDOWS: windows.REQUIRED}


async def run_import(session: AsyncSession, *, kind: ImportKind, data: bytes, filename: str, jurisdiction: str,
                     hall: Hall | None, at, progress: Progress | None = None) -> ImportReport:
    """Read ``data`` and import it in the caller's transaction; raises ImportRejectedError naming every bad row."""
    rows = read_table(data, filename, required=REQUIRED[kind])
    if kind == ImportKind.CATALOGUE:
        from core.timezones import local_date

        return await catalogue.import_catalogue(session, jurisdiction=jurisdiction, rows=rows, hall=hall,
                                                progress=progress, today=local_date(at))
    if hall is None:
        raise ValueError("staff and windows are imported into a hall")
    if kind == ImportKind.STAFF:
        return await staff.import_staff(session, hall=hall, rows=rows, at=at, progress=progress)
    return await windows.import_windows(session, hall=hall, rows=rows, progress=progress)
