"""Dongguan's rules: 《东莞市政务服务大厅建设与管理规范》 (seed 001).

Articles are the standard's clause numbers (4.4.1, 6.3.4b …). Ratings are the
shared Guangdong rules (:mod:`plugins.guangdong.rules`). Pure functions; each
answer names its rule.

Naming (4.4.1) follows the rule, not the source's typos: its example 2 pairs
a community station's Chinese name with a sub-district centre's English name
and writes "Sub—District" with a dash. :func:`validate_name` flags both.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from core.policy import assessment, cases, complaints, staff, windows
from core.policy.naming import (
    CENTER_SUFFIX,
    CENTER_SUFFIX_EN,
    STATION_SUFFIX,
    STATION_SUFFIX_EN,
    check_level,
    dash_violations,
    han_only_violation,
    place_pinyin,
    split_level_word,
)
from core.policy.rules import RuleSet
from core.policy.types import (
    SOURCE_DEFAULT,
    ApprovalStep,
    AssessmentScheme,
    ComplaintAcceptance,
    ComplaintChannel,
    ComplaintFacts,
    DeficiencyOutcome,
    HallName,
    NameValidation,
    OnboardingRule,
    PolicyError,
    ReplacementRule,
    ReturnDecision,
    ReturnTrigger,
    StaffRecord,
    Violation,
    WindowPlan,
)
from plugins.dongguan import PLUGIN_VERSION

CODE = "dongguan"
DOCUMENT = "东莞市政务服务大厅建设与管理规范"

RULES = RuleSet(source=CODE, source_document=DOCUMENT, plugin_version=PLUGIN_VERSION)

# ---------------------------------------------------------------------------
# Naming (4.4.1)
# ---------------------------------------------------------------------------

HALL_NAME = RULES.define(
    "dongguan.naming.hall",
    topic="naming",
    title="镇（街道）政务服务中心名称",
    summary="东莞市{place}{镇|街道}政务服务中心; English full '{Place} {Township|Sub-District} Government "
    "Service Center of Dongguan Municipality', short 'Dongguan {Place} {Township|Sub-District} Government "
    "Service Center'; place names in pinyin, syllables joined, first letter capital.",
    article="4.4.1",
)
STATION_NAME = RULES.define(
    "dongguan.naming.station",
    topic="naming",
    title="村（社区）便民服务站名称",
    summary="{town}{镇|街道}{village}{村|社区}便民服务站; English full '{Village} {Village|Community} Government "
    "Service Station of {Town} {Township|Sub-District}', short '{Town} {Township|Sub-District} {Village} "
    "{Village|Community} Government Service Station'.",
    article="4.4.1 (示例3、示例4)",
)
OTHER_LEVEL_NAME = RULES.define(
    "dongguan.naming.other_levels",
    topic="naming",
    title="市级、园区政务服务中心名称",
    summary="The municipal centre is 东莞市政务服务中心 and a park's is 东莞市{park}政务服务中心; their English "
    "names follow the township pattern without a level word (the source gives no example).",
    article="4.4.1",
    source=SOURCE_DEFAULT,
)

MUNICIPALITY = "东莞市"
MUNICIPALITY_EN = "Dongguan Municipality"
TOWN_LEVELS = {"镇": "Township", "街道": "Sub-District"}
VILLAGE_LEVELS = {"村": "Village", "社区": "Community"}

_STATION = re.compile(
    r"^(?P<town>.+?)(?P<town_level>镇|街道)(?P<village>.+)(?P<village_level>村|社区)" + STATION_SUFFIX + "$"
)
_TOWN_CENTER = re.compile(r"^" + MUNICIPALITY + r"(?P<town>.+)(?P<town_level>镇|街道)" + CENTER_SUFFIX + "$")
_WORD = r"[A-Z][a-z']*"
_STATION_EN = re.compile(
    rf"^(?P<village>{_WORD}) (?P<village_level>Village|Community) {STATION_SUFFIX_EN} of "
    rf"(?P<town>{_WORD}) (?P<town_level>Township|Sub-District)$"
)
_CENTER_EN = re.compile(
    rf"^(?:(?P<town>{_WORD}) (?P<town_level>Township|Sub-District) )?{CENTER_SUFFIX_EN} of {MUNICIPALITY_EN}$"
)


def _without_municipality(place: str) -> str:
    return place[len(MUNICIPALITY):] if place.startswith(MUNICIPALITY) and len(place) > len(MUNICIPALITY) else place


def standard_name(
    place: str, level: str, parent: str | None, pinyin: str | None, parent_pinyin: str | None
) -> HallName:
    check_level(level)
    place = _without_municipality(place)
    if level in TOWN_LEVELS:
        town, _ = split_level_word(place, level)
        town_en = f"{place_pinyin(town, pinyin)} {TOWN_LEVELS[level]}"
        return HallName(
            name_zh=f"{MUNICIPALITY}{town}{level}{CENTER_SUFFIX}",
            name_en_full=f"{town_en} {CENTER_SUFFIX_EN} of {MUNICIPALITY_EN}",
            name_en_short=f"Dongguan {town_en} {CENTER_SUFFIX_EN}",
            kind="center",
            rules=(HALL_NAME.ref,),
        )
    if level in VILLAGE_LEVELS:
        if not parent:
            raise PolicyError("a village or community station needs its town or sub-district as parent, e.g. 茶山镇")
        town, town_level = split_level_word(_without_municipality(parent))
        if town_level not in TOWN_LEVELS:
            raise PolicyError(f"the parent {parent!r} must end with 镇 or 街道")
        village, _ = split_level_word(place, level)
        village_en = f"{place_pinyin(village, pinyin)} {VILLAGE_LEVELS[level]}"
        town_en = f"{place_pinyin(town, parent_pinyin)} {TOWN_LEVELS[town_level]}"
        return HallName(
            name_zh=f"{town}{town_level}{village}{level}{STATION_SUFFIX}",
            name_en_full=f"{village_en} {STATION_SUFFIX_EN} of {town_en}",
            name_en_short=f"{town_en} {village_en} {STATION_SUFFIX_EN}",
            kind="station",
            rules=(STATION_NAME.ref,),
        )
    if level == "市":
        return HallName(
            name_zh=f"{MUNICIPALITY}{CENTER_SUFFIX}",
            name_en_full=f"{CENTER_SUFFIX_EN} of {MUNICIPALITY_EN}",
            name_en_short=f"Dongguan {CENTER_SUFFIX_EN}",
            kind="center",
            rules=(HALL_NAME.ref, OTHER_LEVEL_NAME.ref),
        )
    if level == "园区":
        park_en = place_pinyin(place, pinyin)
        return HallName(
            name_zh=f"{MUNICIPALITY}{place}{CENTER_SUFFIX}",
            name_en_full=f"{park_en} {CENTER_SUFFIX_EN} of {MUNICIPALITY_EN}",
            name_en_short=f"Dongguan {park_en} {CENTER_SUFFIX_EN}",
            kind="center",
            rules=(HALL_NAME.ref, OTHER_LEVEL_NAME.ref),
        )
    raise PolicyError("Dongguan has no county-level districts: its halls are 市, 园区, 镇 or 街道 level")


def validate_name(name: str, level: str | None, name_en: str | None) -> NameValidation:
    """Check a proposed Chinese (and English) name against 4.4.1."""
    station = name.endswith(STATION_SUFFIX) or level in VILLAGE_LEVELS
    rule = STATION_NAME if station else HALL_NAME
    violations: list[Violation] = []

    def flag(zh: str, en: str, field: str = "name") -> None:
        violations.append(Violation(rule.id, zh, en, field))

    han = han_only_violation(name, rule.id)
    if han:
        violations.append(han)
    if station:
        match = _STATION.match(name)
        if match is None:
            flag("便民服务站名称应为“镇（街道）+村（社区）+便民服务站”，如“茶山镇南社村便民服务站”",
                 "a station is named town + 镇|街道 + village + 村|社区 + 便民服务站, e.g. 茶山镇南社村便民服务站")
        elif level in VILLAGE_LEVELS and match["village_level"] != level:
            said = match["village_level"]
            flag(f"层级为“{level}”，名称却是“{said}”", f"level is {level} but the name says {said}")
    else:
        match = _TOWN_CENTER.match(name)
        if name == MUNICIPALITY + CENTER_SUFFIX and level in (None, "市"):
            pass
        elif level == "园区" and name.startswith(MUNICIPALITY) and name.endswith(CENTER_SUFFIX):
            pass
        elif match is None:
            flag("镇（街道）政务服务中心名称应为“东莞市+镇（街道）+政务服务中心”，如“东莞市厚街镇政务服务中心”",
                 "a centre is named 东莞市 + town + 镇|街道 + 政务服务中心, e.g. 东莞市厚街镇政务服务中心")
        elif level in TOWN_LEVELS and match["town_level"] != level:
            said = match["town_level"]
            flag(f"层级为“{level}”，名称却是“{said}”", f"level is {level} but the name says {said}")
    if name_en is not None:
        violations.extend(_english_violations(name, name_en, station, rule.id))
    return NameValidation(name, name_en, tuple(violations), (rule.ref,))


def _english_violations(name: str, name_en: str, station: bool, rule_id: str) -> list[Violation]:
    violations = dash_violations(name_en, rule_id)
    normalized = name_en.replace("—", "-").replace("–", "-")
    if station and CENTER_SUFFIX_EN.replace(" ", "") in normalized.replace(" ", ""):
        violations.append(Violation(
            rule_id,
            "便民服务站的英文名称应为“Government Service Station”，不能用政务服务中心的英文名称",
            "a station's English name says Government Service Station, not a centre's Government Service Center",
            "name_en",
        ))
        return violations
    pattern = _STATION_EN if station else _CENTER_EN
    match = pattern.match(normalized)
    if match is None:
        example = ("Nanshe Village Government Service Station of Chashan Township" if station
                   else "Houjie Township Government Service Center of Dongguan Municipality")
        violations.append(Violation(
            rule_id,
            f"英文全称格式不符，应如“{example}”（单词之间有空格）",
            f"the English full name must read like {example!r}, words separated by spaces",
            "name_en",
        ))
        return violations
    chinese = _STATION.match(name) if station else _TOWN_CENTER.match(name)
    if chinese:
        pairs = [("town_level", TOWN_LEVELS)] + ([("village_level", VILLAGE_LEVELS)] if station else [])
        for group, words in pairs:
            if match[group] and words.get(chinese[group]) != match[group]:
                violations.append(Violation(
                    rule_id,
                    f"“{chinese[group]}”的英文应为“{words[chinese[group]]}”",
                    f"{chinese[group]} is {words[chinese[group]]!r} in English, not {match[group]!r}",
                    "name_en",
                ))
    return violations


# ---------------------------------------------------------------------------
# Windows (4.6)
# ---------------------------------------------------------------------------

WINDOW_PLAN = RULES.define(
    "dongguan.windows.plan",
    topic="window_plan",
    title="综合窗口按日均30件设置，人员配比不低于1:1.1",
    summary="Comprehensive windows = ceil(daily cases ÷ 30); staff on them at least windows × 1.1, rounded up.",
    article="4.6",
)


def window_plan(daily_case_volume: int) -> WindowPlan:
    return windows.window_plan(daily_case_volume, (WINDOW_PLAN.ref,))


# ---------------------------------------------------------------------------
# Staff (6.3.3, 6.3.4)
# ---------------------------------------------------------------------------

ONBOARDING = RULES.define(
    "dongguan.staff.onboarding",
    topic="onboarding",
    title="人员进驻程序",
    summary="The hall registers the staff a department proposes (附录G form) and, with the department, trains "
    "them before duty; they go on duty once they meet the post's requirements.",
    article="6.3.3",
)
REPLACEMENT = RULES.define(
    "dongguan.staff.replacement",
    topic="replacement",
    title="先进后出",
    summary="Window staff stay stable; a change comes from the pre-selected substitutes, is reported to the hall "
    "in writing and agreed with it, and the new member is on duty before the old one leaves.",
    article="6.3.4b-c",
)
RETURN = RULES.define(
    "dongguan.staff.return",
    topic="return_to_unit",
    title="退回原单位",
    summary="The hall may return staff who cannot do the job or disobey or breach the hall's daily management "
    "or service evaluation, and ask for a replacement.",
    article="6.3.4d",
)


def onboarding() -> OnboardingRule:
    return OnboardingRule(
        steps=(
            ApprovalStep("department", "department", "进驻部门", "propose"),
            ApprovalStep("hall_office", "hall", "政务服务大厅", "register"),
            ApprovalStep("hall_office", "hall", "政务服务大厅", "approve"),
        ),
        training_required=True,
        registration_form="东莞市政务服务大厅窗口人员登记备案表（附录G）",
        rules=(ONBOARDING.ref,),
    )


def replacement() -> ReplacementRule:
    return ReplacementRule(
        decided_by="department",
        hall_agreement_required=True,
        written_report_required=True,
        from_preselected_substitutes=True,
        new_before_old=True,
        advance_filing_required=False,
        rules=(REPLACEMENT.ref,),
    )


def return_to_unit(record: StaffRecord) -> ReturnDecision:
    triggers = []
    if record.cannot_do_job:
        triggers.append(ReturnTrigger("cannot_do_job", RETURN.id, "不能胜任窗口工作", "cannot do the window job"))
    if record.disobeys_management or record.repeated_disobedience:
        triggers.append(ReturnTrigger("disobeys_management", RETURN.id, "不服从或违反大厅日常管理、服务评价工作",
                                      "disobeys or breaches the hall's daily management or service evaluation"))
    return staff.return_decision(triggers, mandatory=False, rules=(RETURN.ref,))


# ---------------------------------------------------------------------------
# Complaints (5.2.8)
# ---------------------------------------------------------------------------

COMPLAINT_CHANNELS = RULES.define(
    "dongguan.complaint.channels",
    topic="complaint_channels",
    title="投诉渠道",
    summary="广东政务服务网, on site, letter, 12345, e-mail, and the i莞家 app, mini-program and official account.",
    article="5.2.8.2d",
)
COMPLAINT_REFERRAL = RULES.define(
    "dongguan.complaint.referral",
    topic="complaint_referral",
    title="涉及违法违纪的投诉转办，应要求保密",
    summary="Complaints involving violations of law or discipline are referred (the complainant is guided to "
    "the competent body); a complainant who asks for confidentiality is investigated in confidence.",
    article="5.2.8.2c",
)

CHANNELS = (
    ComplaintChannel("gdzwfw", "广东政务服务网"),
    ComplaintChannel("on_site", "现场"),
    ComplaintChannel("letter", "信函"),
    ComplaintChannel("12345", "12345热线"),
    ComplaintChannel("email", "电子邮件"),
    ComplaintChannel("i_guan_jia_app", "“i莞家”APP"),
    ComplaintChannel("i_guan_jia_mini_program", "“i莞家”小程序"),
    ComplaintChannel("i_guan_jia_official_account", "“i莞家”公众号"),
)


def complaint_acceptance(facts: ComplaintFacts) -> ComplaintAcceptance:
    referral = "competent_discipline_or_law_body" if facts.involves_law_or_discipline_violation else None
    return complaints.acceptance(
        facts,
        (complaints.DEFAULT_ACCEPTANCE_RULE.ref, COMPLAINT_REFERRAL.ref),
        referral=referral,
        confidential=facts.confidentiality_requested,
    )


# ---------------------------------------------------------------------------
# 容缺受理 (5.2.7)
# ---------------------------------------------------------------------------

DEFICIENCY = RULES.define(
    "dongguan.case.deficiency_acceptance",
    topic="deficiency_acceptance",
    title="容缺受理与失信处理",
    summary="Items in the published 容缺 catalog may be accepted with secondary materials missing when the basic "
    "conditions and main materials are met; an applicant who does not supply them in time gets a 失信 record.",
    article="5.2.7",
)


def deficiency_acceptance(
    item_in_catalog: bool, main_materials_complete: bool, supplement_due_on: date, supplied_on: date | None, as_of: date
) -> DeficiencyOutcome:
    return cases.deficiency_outcome(
        item_in_catalog=item_in_catalog,
        main_materials_complete=main_materials_complete,
        supplement_due_on=supplement_due_on,
        supplied_on=supplied_on,
        as_of=as_of,
        credit_record_when_late=True,
        rules=(DEFICIENCY.ref,),
    )


# ---------------------------------------------------------------------------
# Assessment (6.3.4a)
# ---------------------------------------------------------------------------

ASSESSMENT_GRADE = RULES.define(
    "dongguan.assessment.grade",
    topic="assessment_grade",
    title="大厅提出年度考核等次建议",
    summary="Daily management and assessment are the hall's; the hall proposes the annual grade, the department "
    "records it and reserves a share of its awards for dispatched staff.",
    article="6.3.4a",
)


def scheme() -> AssessmentScheme:
    base = assessment.default_scheme()
    return replace(base, grade_proposed_by="hall", grade_recorded_by="department",
                   rules=(*base.rules, ASSESSMENT_GRADE.ref))
