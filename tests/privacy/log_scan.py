"""Scans every log record the test suite produces for ID numbers and phone numbers (plugged in by tests/conftest.py).

Logs and error messages must never carry personal data: the records are kept in memory while the
suite runs and checked when it ends; a hit fails the run and is reported masked.
"""

from __future__ import annotations

import logging
import re

#: 18-character resident ID numbers (the 15-digit old form too) and mainland mobile numbers
PATTERNS = {
    "id_number": re.compile(r"(?<![0-9A-Za-z])(?:[1-9][0-9]{16}[0-9Xx]|[1-9][0-9]{14})(?![0-9A-Za-z])"),
    "phone": re.compile(r"(?<![0-9A-Za-z])(?:\+?86[\s-]?)?1[3-9][0-9](?:[\s-]?[0-9]{4}){2}(?![0-9A-Za-z])"),
}


def find_personal_data(text: str) -> list[tuple[str, str]]:
    """(kind, masked match) for every ID number or phone in ``text``."""
    hits = []
    for kind, pattern in PATTERNS.items():
        for match in pattern.finditer(text):
            value = match.group(0)
            hits.append((kind, value[:3] + "*" * (len(value) - 7) + value[-4:]))
    return hits


#: the scanner of this test session (tests/conftest.py), also fed the logs of server processes the tests start
ACTIVE: "PersonalDataLogScanner | None" = None


def scan_server_output(source: str, text: str) -> None:
    """Scan what a server process started by a test logged (its stdout/stderr), like the suite's own records."""
    if ACTIVE is not None:
        ACTIVE.records += 1
        ACTIVE.hits.extend((source, kind, masked) for kind, masked in find_personal_data(text))


class PersonalDataLogScanner(logging.Handler):
    """Keeps every record's formatted text (message and traceback) that contains personal data."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.hits: list[tuple[str, str, str]] = []  # (logger, kind, masked value)
        self.records = 0

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
        except Exception:  # noqa: BLE001 - a record that cannot be formatted carries nothing to scan
            return
        self.records += 1
        for kind, masked in find_personal_data(text):
            self.hits.append((record.name, kind, masked))
