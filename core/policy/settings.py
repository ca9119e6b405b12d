"""Configurable defaults a jurisdiction admin may set (RULEBOOK: "where the seed is silent, the default is stated
as a default and is configurable"). Each setting names the rule (source ``default``) it configures.

Pure declarations; the values are stored per jurisdiction (``core.jurisdictions.settings``) and handed to the
policy hooks that use them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class RuleSetting:
    key: str
    title: str
    rule_id: str  # the default rule the value configures
    default: float
    minimum: float
    maximum: float
    integer: bool = True
    jurisdictions: tuple[str, ...] | None = None  # None: every jurisdiction
    step: float | None = None  # a value is a whole multiple of it (e.g. 0.25 h: quarter hours)
    less_than: str | None = None  # the setting whose value in force this one must stay below
    greater_than: str | None = None  # … or above


SETTINGS: dict[str, RuleSetting] = {s.key: s for s in (
    # R10 (panyu Art 21): "many applicants on the same item" against the item's own normal volume.
    RuleSetting("case.anomaly.volume_multiple", "异常监控：当日申请人数超过近30天日均办件量的倍数",
                "panyu.case.anomaly_volume", 3.0, 1.0, 100.0, integer=False, jurisdictions=("panyu",)),
    RuleSetting("case.anomaly.volume_floor", "异常监控：当日申请人数的最低门槛", "panyu.case.anomaly_volume",
                10, 1, 10000, jurisdictions=("panyu",)),
    RuleSetting("case.anomaly.threshold", "异常监控：同一申请人/终止办理次数阈值", "panyu.case.anomaly_threshold",
                3, 1, 1000, jurisdictions=("panyu",)),
    RuleSetting("case.anomaly.window_days", "异常监控：统计天数", "panyu.case.anomaly_threshold", 30, 1, 366,
                jurisdictions=("panyu",)),
    # R6 (nanbu 考勤 二(三)): paperwork after an emergency leave asked by phone.
    # R9 (dongying Art 7(四)3): whether those tied for first place are kept out of the bottom places (1) or not (0).
    RuleSetting("assessment.ranking.first_place_tie_exempt", "考核排名：并列第一不计入后N名（1 是，0 否）",
                "default.assessment.first_place_tie", 1, 0, 1, jurisdictions=("dongying",)),
    # R3 (panyu Art 66(二); nanbu 安全保卫制度 七): the hours of holiday duty, in hours of the day (8.5 = 08:30).
    RuleSetting("duty.holiday_hours.start", "节假日值班开始时间（时，如 8.5 = 08:30）", "default.duty.holiday_hours",
                9, 0, 23.75, integer=False, jurisdictions=("panyu", "nanbu"), step=0.25,
                less_than="duty.holiday_hours.end"),
    RuleSetting("duty.holiday_hours.end", "节假日值班结束时间（时，如 17.5 = 17:30）", "default.duty.holiday_hours",
                17, 0.25, 23.75, integer=False, jurisdictions=("panyu", "nanbu"), step=0.25,
                greater_than="duty.holiday_hours.start"),
    # R6: the size of a document attached to a leave request (a scanned certificate, a phone photo).
    RuleSetting("leave.attachment_max_mb", "请假附件大小上限（MB）", "default.leave.attachment_size", 5, 1, 20),
    RuleSetting("leave.phone_paperwork_working_days", "电话请假：补办手续期限（工作日）", "nanbu.leave.phone_paperwork",
                1, 0, 30, jurisdictions=("nanbu",)),
)}


def applies(setting: RuleSetting, jurisdiction: str) -> bool:
    return setting.jurisdictions is None or jurisdiction in setting.jurisdictions


def value(settings: Mapping[str, float], key: str) -> float:
    """The stored value, else the setting's default."""
    spec = SETTINGS[key]
    found = settings.get(key)
    return spec.default if found is None else found
