"""Import mutations."""

from __future__ import annotations

import strawberry

from core.imports.mutations.import_file import ImportFileResult, import_file


@strawberry.type
class ImportMutation:
    import_file: ImportFileResult = strawberry.mutation(
        resolver=import_file,
        description="导入 a catalogue, staff or windows file (multipart upload, the same code as `tingwu import`): "
                    "all rows or none; a rejection names every bad row")
