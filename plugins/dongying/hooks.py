"""Hook implementations for dongying: thin wrappers around the pure rules in ``rules.py``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from core.plugins import hookimpl
from core.plugins.info import JurisdictionInfo, SourceDocument
from core.policy.types import (
    AnnualScore,
    AssessmentScheme,
    BulletinSpec,
    ItemChangeApproval,
    PeriodScore,
    PolicyRule,
    PublicationCadence,
    Ranking,
    ReturnDecision,
    StaffRecord,
)
from plugins.dongying import PLUGIN_VERSION, rules

CODE = "dongying"


@hookimpl
def tingwu_jurisdiction_info() -> JurisdictionInfo:
    return JurisdictionInfo(
        code=CODE,
        name='东营市东营区',
        name_en='Dongying District, Dongying',
        province='山东',
        province_code='37',
        region_code='370502',
        managing_body='东营区政务服务中心管理办公室',
        plugin_version=PLUGIN_VERSION,
        case_serial_prefix='DY',
        source_documents=(
            SourceDocument(title='东营区政务服务中心管理办法（试行）', issued_by='东营区政务服务中心管理办公室', year=2018, reference='东区政务办发〔2018〕2号'),
        ),
    )


# The policy hooks below answer only for this jurisdiction; for any other they
# return None and the next plugin (finally the national baseline) answers.


@hookimpl
def tingwu_policy_rules(jurisdiction: str) -> list[PolicyRule] | None:
    return rules.RULES.all() if jurisdiction == CODE else None


# -- Service items ---------------------------------------------------------------


@hookimpl
def tingwu_item_change_approval(jurisdiction: str, change: str) -> ItemChangeApproval | None:
    return rules.item_change_approval(change) if jurisdiction == CODE else None


# -- Attendance ------------------------------------------------------------------


@hookimpl
def tingwu_attendance_publication(jurisdiction: str) -> PublicationCadence | None:
    return rules.publication() if jurisdiction == CODE else None


# -- Staff changes -----------------------------------------------------------------


@hookimpl
def tingwu_return_to_unit(jurisdiction: str, record: StaffRecord) -> ReturnDecision | None:
    return rules.return_to_unit(record) if jurisdiction == CODE else None


# -- Assessment ----------------------------------------------------------------------


@hookimpl
def tingwu_assessment_scheme(jurisdiction: str) -> AssessmentScheme | None:
    return rules.scheme() if jurisdiction == CODE else None


@hookimpl
def tingwu_annual_assessment_score(
    jurisdiction: str, quarterly_scores: Sequence[float], adjustments: Sequence[float]
) -> AnnualScore | None:
    return rules.annual_score(quarterly_scores, adjustments) if jurisdiction == CODE else None


@hookimpl
def tingwu_assessment_formula(jurisdiction: str, cadence: str, metrics: Mapping[str, float]) -> PeriodScore | None:
    return rules.period_score(cadence, metrics) if jurisdiction == CODE else None


@hookimpl
def tingwu_rank_assessment(jurisdiction: str, scores: Mapping[str, float],
                           first_place_tie_exempt: bool | None) -> Ranking | None:
    return rules.rank(scores, first_place_tie_exempt) if jurisdiction == CODE else None


# -- Bulletin ----------------------------------------------------------------------------


@hookimpl
def tingwu_bulletin_spec(jurisdiction: str) -> BulletinSpec | None:
    return rules.bulletin() if jurisdiction == CODE else None
