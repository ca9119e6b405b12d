"""Masking of personal data (citizens' and complainants' phone and ID numbers, names)."""

from __future__ import annotations


def mask_phone(value: str | None) -> str | None:
    """13812345678 → 138****5678."""
    if not value:
        return value
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_id_number(value: str | None) -> str | None:
    """440113199001011234 → 4401**********1234."""
    if not value:
        return value
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_name(value: str | None) -> str | None:
    """张三丰 → 张**."""
    if not value:
        return value
    return value[0] + "*" * (len(value) - 1)


# --- look-ups of sealed personal data (core.pii) -------------------------------------------------


def blind_index(kind: str, value: str | None) -> str | None:
    """The blind index (HMAC-SM3) of ``value``: compare it with a ``…_bidx`` column to find a row.

    ``kind`` is ``id_number``, ``phone``, ``contact`` or ``last4``; values are normalised first
    (a phone written with +86, spaces or dashes finds the same row).
    """
    from core.pii.crypto import blind_index as _blind_index

    return _blind_index(kind, value)


def matches_last4(last4: str | None, *index_columns):
    """A SQL condition: the last four digits given match one of these ``…_last4_bidx`` columns.

    The progress look-up (serial number + last 4 digits of the ID number or phone) is
    ``sa.and_(Case.serial_number == serial, matches_last4(given, Case.applicant_id_last4_bidx,
    Case.applicant_phone_last4_bidx))``. An empty or malformed tail matches nothing.
    """
    import re

    import sqlalchemy as sa

    from core.pii.crypto import blind_index as _blind_index

    tail = re.sub(r"\s", "", last4 or "").upper()
    if not re.fullmatch(r"[0-9]{3}[0-9X]", tail) or not index_columns:
        return sa.false()
    index = _blind_index("last4", tail)
    return sa.or_(*(column == index for column in index_columns))
