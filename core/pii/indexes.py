"""The blind indexes the platform looks personal data up by (one function per look-up)."""

from __future__ import annotations

from core.pii.crypto import blind_index, last4_index


def id_number_index(value: str | None) -> str | None:
    return blind_index("id_number", value)


def name_index(value: str | None) -> str | None:
    return blind_index("name", value)


def phone_index(value: str | None) -> str | None:
    return blind_index("phone", value)


def contact_index(value: str | None) -> str | None:
    """A complaint contact: a phone written any way (+86, dashes, spaces) or an e-mail in any case."""
    return blind_index("contact", value) if value and value.strip() else None


def id_last4_index(value: str | None) -> str | None:
    return last4_index(value, "id_number")


def phone_last4_index(value: str | None) -> str | None:
    return last4_index(value, "phone")


def applicant_index(key: str | None) -> str | None:
    """The anomaly watch's applicant key (ID number, else name/phone) as a blind index."""
    return blind_index("applicant", key)
