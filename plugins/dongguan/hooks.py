"""Hook implementations for dongguan: thin wrappers around the pure rules in ``rules.py``."""

from __future__ import annotations

from datetime import date

from core.plugins import hookimpl
from core.plugins.info import JurisdictionInfo, SourceDocument
from core.policy.calendar import WorkingCalendar
from core.policy.types import (
    AssessmentScheme,
    ComplaintAcceptance,
    ComplaintChannel,
    ComplaintFacts,
    DeficiencyOutcome,
    HallName,
    NameValidation,
    OnboardingRule,
    PolicyRule,
    ReplacementRule,
    ReturnDecision,
    StaffRecord,
    WindowPlan,
)
from plugins.dongguan import PLUGIN_VERSION, rules
from plugins.guangdong import hooks as guangdong

CODE = "dongguan"

# 好差评: the Guangdong provincial rules, answered once for all Guangdong counties.
guangdong.join(CODE)


@hookimpl
def tingwu_jurisdiction_info() -> JurisdictionInfo:
    return JurisdictionInfo(
        code=CODE,
        name='东莞市',
        name_en='Dongguan Municipality',
        province='广东',
        province_code='44',
        region_code='441900',
        managing_body='东莞市政务服务和数据管理局',
        plugin_version=PLUGIN_VERSION,
        case_serial_prefix='DG',
        source_documents=(
            SourceDocument(title='东莞市政务服务大厅建设与管理规范', issued_by='东莞市政务服务和数据管理局', year=None, reference=None),
        ),
    )


# The policy hooks below answer only for this jurisdiction; for any other they
# return None and the next plugin (finally the national baseline) answers.


@hookimpl
def tingwu_policy_rules(jurisdiction: str) -> list[PolicyRule] | None:
    if jurisdiction != CODE:
        return None
    return list(rules.RULES.all())


# -- Naming ---------------------------------------------------------------------


@hookimpl
def tingwu_standard_hall_name(
    jurisdiction: str,
    place: str,
    level: str,
    parent: str | None,
    pinyin: str | None,
    parent_pinyin: str | None,
) -> HallName | None:
    if jurisdiction != CODE:
        return None
    return rules.standard_name(place, level, parent, pinyin, parent_pinyin)


@hookimpl
def tingwu_validate_hall_name(
    jurisdiction: str, name: str, level: str | None, name_en: str | None
) -> NameValidation | None:
    return rules.validate_name(name, level, name_en) if jurisdiction == CODE else None


# -- Staff changes -----------------------------------------------------------------


@hookimpl
def tingwu_onboarding_rule(jurisdiction: str) -> OnboardingRule | None:
    return rules.onboarding() if jurisdiction == CODE else None


@hookimpl
def tingwu_replacement_rule(jurisdiction: str) -> ReplacementRule | None:
    return rules.replacement() if jurisdiction == CODE else None


@hookimpl
def tingwu_return_to_unit(jurisdiction: str, record: StaffRecord) -> ReturnDecision | None:
    return rules.return_to_unit(record) if jurisdiction == CODE else None


# -- Complaints ------------------------------------------------------------------------


@hookimpl
def tingwu_complaint_channels(jurisdiction: str) -> tuple[ComplaintChannel, ...] | None:
    return rules.CHANNELS if jurisdiction == CODE else None


@hookimpl
def tingwu_complaint_acceptance(jurisdiction: str, complaint: ComplaintFacts) -> ComplaintAcceptance | None:
    return rules.complaint_acceptance(complaint) if jurisdiction == CODE else None


# -- Cases ---------------------------------------------------------------------------------


@hookimpl
def tingwu_deficiency_acceptance(
    jurisdiction: str,
    item_in_catalog: bool,
    main_materials_complete: bool,
    supplement_due_on: date,
    supplied_on: date | None,
    as_of: date,
) -> DeficiencyOutcome | None:
    if jurisdiction != CODE:
        return None
    return rules.deficiency_acceptance(item_in_catalog, main_materials_complete, supplement_due_on, supplied_on, as_of)


# -- Assessment, windows -----------------------------------------------------------------------


@hookimpl
def tingwu_assessment_scheme(jurisdiction: str) -> AssessmentScheme | None:
    return rules.scheme() if jurisdiction == CODE else None


@hookimpl
def tingwu_window_plan(jurisdiction: str, daily_case_volume: int) -> WindowPlan | None:
    return rules.window_plan(daily_case_volume) if jurisdiction == CODE else None
