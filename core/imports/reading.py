"""Reading an import file (CSV or XLSX) into rows keyed by the header's Chinese column names.

Refused outright: files over ``MAX_FILE_BYTES``; per row: a cell longer than
``MAX_CELL_CHARS`` and a formula cell (an import takes values, never formulas:
a formula's cached value may be stale, and a formula may be an injection).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import DomainError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_CELL_CHARS = 4000
MAX_ROWS = 100_000


@dataclass(frozen=True)
class Problem:
    """One bad row: its line in the file (the header is line 1), the column, and why (zh, en)."""

    line: int
    column: str | None
    zh: str
    en: str

    def message(self, lang: str = "zh") -> str:
        where = f"第{self.line}行" + (f"“{self.column}”" if self.column else "")
        where_en = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where_en}: {self.en}" if lang == "en" else f"{where}：{self.zh}"


class ImportRejectedError(DomainError):
    """The file has bad rows; nothing was imported."""

    def __init__(self, problems: list[Problem]):
        problems = sorted(problems, key=lambda p: (p.line, p.column or ""))
        super().__init__("IMPORT_REJECTED", {"count": len({p.line for p in problems})})
        self.problems = problems


@dataclass
class Row:
    line: int
    values: dict[str, str]
    problems: list[Problem] = field(default_factory=list)

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    def bad(self, column: str | None, zh: str, en: str) -> None:
        """Mark a problem; the first one of a column is its reason (an unreadable cell is not also 'empty')."""
        if column is not None and any(p.column == column for p in self.problems):
            return
        self.problems.append(Problem(self.line, column, zh, en))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_table(data: bytes, filename: str, *, required: tuple[str, ...]) -> list[Row]:
    """The data rows of the first sheet (XLSX) or of the CSV, with their problems marked.

    :raises ImportRejectedError: for a file that cannot be read at all (line 1: the header).
    """
    if len(data) > MAX_FILE_BYTES:
        raise ImportRejectedError([Problem(1, None, f"文件超过{MAX_FILE_BYTES // 1024 // 1024}MB",
                                           f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB")])
    suffix = Path(filename).suffix.lower()
    if suffix == ".xlsx":
        raw = _xlsx_rows(data)
    elif suffix in (".csv", ".txt"):
        raw = _csv_rows(data)
    else:
        raise ImportRejectedError([Problem(1, None, "只接受 .csv 或 .xlsx 文件", "only .csv and .xlsx files are read")])
    try:
        header_cells = next(raw)
    except StopIteration:
        raise ImportRejectedError([Problem(1, None, "文件是空的", "the file is empty")]) from None
    header = [_text(value) for value, _ in header_cells]
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportRejectedError([Problem(1, name, "缺少此列", "this column is missing") for name in missing])
    rows: list[Row] = []
    for line, cells in enumerate(raw, start=2):
        if len(rows) >= MAX_ROWS:
            raise ImportRejectedError([Problem(line, None, f"超过{MAX_ROWS}行", f"more than {MAX_ROWS} rows")])
        if all(_text(value) == "" for value, _ in cells):
            continue
        row = Row(line, {})
        for column, (value, is_formula) in zip(header, cells):
            if not column:
                continue
            text = _text(value)
            if is_formula:
                row.bad(column, "不接受公式，请填写数值", "formulas are not accepted; give the value")
                text = ""
            elif len(text) > MAX_CELL_CHARS:
                row.bad(column, f"内容过长（{len(text)}字，最多{MAX_CELL_CHARS}字）",
                        f"too long ({len(text)} characters, at most {MAX_CELL_CHARS})")
                text = ""
            row.values[column] = text
        rows.append(row)
    return rows


def _xlsx_rows(data: bytes):
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportRejectedError([Problem(1, None, "不是有效的 XLSX 文件", f"not a valid XLSX file ({type(exc).__name__})")]) from None
    sheet = book.worksheets[0]

    def rows():
        try:
            for cells in sheet.iter_rows():
                yield [(cell.value, getattr(cell, "data_type", None) == "f") for cell in cells]
        finally:
            book.close()

    return rows()


def _csv_rows(data: bytes):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportRejectedError([Problem(1, None, "无法识别文件编码（应为 UTF-8 或 GB18030）",
                                           "unknown encoding (use UTF-8 or GB18030)")])
    csv.field_size_limit(MAX_FILE_BYTES)
    reader = csv.reader(io.StringIO(text))
    # A cell starting with '=' in a CSV is a formula to a spreadsheet: refused like an XLSX formula.
    return ([(value, value.startswith("=")) for value in cells] for cells in reader)


def split_list(text: str) -> list[str]:
    """A list in one cell: separated by newlines, ；, ; or 、."""
    for sep in ("\r\n", "\n", "；", ";", "、"):
        text = text.replace(sep, "\n")
    return [part.strip() for part in text.split("\n") if part.strip()]
