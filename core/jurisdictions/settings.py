"""Stored values of the configurable defaults (``core.policy.settings``): read in one statement, set by the
jurisdiction admin (``policy manage``)."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import DomainError
from core.jurisdictions.models import JurisdictionRuleSetting
from core.policy.settings import SETTINGS, applies


async def load(session: AsyncSession, *, jurisdiction: str) -> dict[str, float]:
    """The jurisdiction's stored values (keys without a row are absent: their default applies)."""
    rows = await session.execute(sa.select(JurisdictionRuleSetting.key, JurisdictionRuleSetting.value)
                                 .where(JurisdictionRuleSetting.jurisdiction_code == jurisdiction))
    return {key: value for key, value in rows}


async def set_value(session: AsyncSession, *, jurisdiction: str, key: str, value: float | None,
                    user_id: uuid.UUID | None, now: datetime) -> float:
    """Set (or, with ``None``, reset to the default) one setting; returns the value now in force."""
    spec = SETTINGS.get(key)
    if spec is None or not applies(spec, jurisdiction):
        raise DomainError("RULE_SETTING_UNKNOWN", {"key": key, "code": jurisdiction}, field_name="key")
    existing = (await session.execute(sa.select(JurisdictionRuleSetting).where(
        JurisdictionRuleSetting.jurisdiction_code == jurisdiction, JurisdictionRuleSetting.key == key))).scalar_one_or_none()
    out_of_range = value is not None and (not spec.minimum <= value <= spec.maximum
                                          or (spec.integer and value != int(value)))
    if out_of_range:
        kind = "整数" if spec.integer else "数值"
        raise DomainError("VALIDATION_FAILED", {
            "field": "value", "field_label": spec.title,
            "reason": f"须为 {spec.minimum:g} 至 {spec.maximum:g} 之间的{kind}",
            "reason_en": f"must be {'an integer' if spec.integer else 'a number'} from {spec.minimum:g} to {spec.maximum:g}",
        }, field_name="value")
    if value is not None and spec.step is not None and abs(value / spec.step - round(value / spec.step)) > 1e-9:
        raise DomainError("VALIDATION_FAILED", {
            "field": "value", "field_label": spec.title, "reason": f"须为 {spec.step:g} 的整数倍",
            "reason_en": f"must be a whole multiple of {spec.step:g}"}, field_name="value")
    for other_key, below in ((spec.less_than, True), (spec.greater_than, False)):
        if other_key is None:
            continue
        stored = (await session.execute(sa.select(JurisdictionRuleSetting.value).where(
            JurisdictionRuleSetting.jurisdiction_code == jurisdiction,
            JurisdictionRuleSetting.key == other_key))).scalar_one_or_none()
        other = SETTINGS[other_key]
        bound = other.default if stored is None else stored
        effective = spec.default if value is None else value  # a reset brings back the default: it must fit too
        if (effective >= bound) if below else (effective <= bound):
            word, word_en = ("小于", "below") if below else ("大于", "above")
            raise DomainError("VALIDATION_FAILED", {
                "field": "value", "field_label": spec.title, "reason": f"须{word}“{other.title}”（{bound:g}）",
                "reason_en": f"must be {word_en} {other_key} ({bound:g})"}, field_name="value")
    if value is None:
        if existing is not None:
            await session.delete(existing)
            await session.flush()
        return spec.default
    if existing is None:
        existing = JurisdictionRuleSetting(jurisdiction_code=jurisdiction, key=key, value=value)
    existing.value, existing.set_by_user_id, existing.set_at = float(value), user_id, now
    session.add(existing)
    await session.flush()
    return float(value)
