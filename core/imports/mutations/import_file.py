"""importFile: a catalogue, staff or windows file uploaded (GraphQL multipart request), imported like the CLI does."""

from __future__ import annotations

import enum
from typing import Annotated, Union

import strawberry
from strawberry.file_uploads import Upload
from strawberry.types import Info

from core.auth.access import hall_scope, jurisdiction_scope, require
from core.errors import DomainError, NotFoundError
from core.graphql.errors import ERROR_TYPES, ImportRejected
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.imports.reading import MAX_FILE_BYTES
from core.imports.service import ImportKind, run_import


@strawberry.enum(description="What an import file holds")
class ImportKindEnum(enum.Enum):
    CATALOGUE = "catalogue"
    STAFF = "staff"
    WINDOWS = "windows"


@strawberry.input(description="导入: the file (CSV or XLSX, columns as in docs/imports.md) and where it goes")
class ImportFileInput:
    kind: ImportKindEnum
    file: Upload
    hall_id: strawberry.ID | None = strawberry.field(
        default=None, description="the hall (required for staff and windows; for a catalogue, offer its items there)")
    jurisdiction: str | None = strawberry.field(default=None, description="for a catalogue without a hall")


@strawberry.type(description="What the import changed; importing the same file again changes nothing")
class ImportFileSuccess:
    kind: ImportKindEnum
    rows: int
    created: int
    updated: int
    unchanged: int
    summary: str


ImportFileResult = Annotated[Union[ImportFileSuccess, ImportRejected, *ERROR_TYPES], strawberry.union("ImportFileResult")]


async def _read(upload) -> tuple[bytes, str]:
    data = await upload.read(MAX_FILE_BYTES + 1)
    return data, getattr(upload, "filename", None) or "upload.csv"


async def import_file(info: Info, input: ImportFileInput) -> ImportFileResult:
    ctx = info.context
    kind = ImportKind(input.kind.value)
    data, filename = await _read(input.file)

    async def body(session, call):
        hall = None
        if input.hall_id:
            hall = await session.get(Hall, from_global_id(input.hall_id, "Hall")[1])
            if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
                raise NotFoundError("大厅", "Hall")
        jurisdiction = hall.jurisdiction_code if hall else input.jurisdiction
        if not jurisdiction or not ctx.plugins.is_enabled(jurisdiction):
            raise DomainError("JURISDICTION_NOT_ENABLED", {"code": jurisdiction or ""}, "jurisdiction")
        if kind == ImportKind.CATALOGUE:
            domain = require(ctx, "catalogue", "import", jurisdiction_scope(ctx, jurisdiction))
            if hall is not None:
                require(ctx, "hall_item", "approve", hall_scope(ctx, hall))
        elif hall is None:
            raise DomainError("VALIDATION_FAILED", {"field": "hallId", "field_label": "大厅", "reason": "导入人员或窗口须指定大厅",
                                                    "reason_en": "staff and windows are imported into a hall"}, "hallId")
        else:
            domain = require(ctx, "staff_import" if kind == ImportKind.STAFF else "window", "write" if kind == ImportKind.STAFF else "manage",
                             hall_scope(ctx, hall))
        call.acted(domain=domain, target_type="Hall" if hall else None, target_id=hall.id if hall else None)
        report = await run_import(session, kind=kind, data=data, filename=filename, jurisdiction=jurisdiction, hall=hall,
                                  at=ctx.runtime.now())
        call.acted(after={"kind": kind.value, "file": filename, "rows": report.rows, "created": report.created,
                          "updated": report.updated, "unchanged": report.unchanged, **report.details})
        return ImportFileSuccess(kind=input.kind, rows=report.rows, created=report.created, updated=report.updated,
                                 unchanged=report.unchanged, summary=report.summary(ctx.lang))

    return await run_mutation(info, "importFile", body)
