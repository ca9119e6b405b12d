"""Assessment periods, scores (with their inputs and rules) and special adjustments."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
from core.enums import LabelledEnum


class Cadence(LabelledEnum):
    """Assessment cadences (the policy's ``AssessmentCadence.code``)."""

    HALF_MONTHLY = ("half_monthly_publication", "半月公示", "Half-monthly publication")
    MONTHLY = ("monthly_bulletin", "月通报", "Monthly bulletin")
    MONTHLY_ASSESSMENT = ("monthly", "月度考核", "Monthly assessment")  # jiedong Art 26 (R4)
    QUARTERLY = ("quarterly", "季度考核", "Quarterly assessment")
    ANNUAL = ("annual", "年度总评", "Annual assessment")


class PeriodStatus(LabelledEnum):
    OPEN = ("open", "未计分", "Not computed yet")
    COMPUTED = ("computed", "已计分", "Computed")


class AssessmentPeriod(SQLModel, table=True):
    """考核周期 of a hall: a cadence from the jurisdiction's scheme and its dates."""

    __tablename__ = "assessment_period"
    __table_args__ = (sa.UniqueConstraint("hall_id", "cadence", "starts_on"),)

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    cadence: str = Field(max_length=30)
    label: str = Field(max_length=30)  # e.g. 2026Q1, 2026-03, 2026-03H1, 2026
    starts_on: date
    ends_on: date
    status: str = Field(default=PeriodStatus.OPEN, max_length=20)
    computed_at: datetime | None = timestamp_field()
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    created_at: datetime = created_at_field()
    version: int = 1


class AssessmentScore(SQLModel, table=True):
    """A staff member's score in a period, with the inputs and the rules that produced it."""

    __tablename__ = "assessment_score"
    __table_args__ = (
        sa.UniqueConstraint("period_id", "staff_id"),
        sa.Index("ix_assessment_score_period_id_rank", "period_id", "rank"),
    )

    id: uuid.UUID = uuid_pk()
    period_id: uuid.UUID = Field(foreign_key="assessment_period.id")
    staff_id: uuid.UUID = Field(foreign_key="staff.id", index=True)
    hall_id: uuid.UUID = Field(foreign_key="hall.id")
    score: float
    rank: int
    in_bottom: bool = False  # among the bottom places the scheme watches (dongying: 后6名)
    # R9: in the bottom through a tie that straddles the line (并列)
    tied_at_boundary: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    inputs: dict = Field(default_factory=dict, sa_type=sa.JSON)  # metric → count (or the quarterly scores)
    breakdown: list = Field(default_factory=list, sa_type=sa.JSON)  # each term: metric, count, points, rule
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    proposed_grade: str | None = Field(default=None, max_length=20)  # the hall proposes (dongguan 6.3.4a)
    decided_grade: str | None = Field(default=None, max_length=20)  # R5: the 考核小组 decides (dongying)
    recorded_grade: str | None = Field(default=None, max_length=20)  # the department records
    computed_at: datetime = created_at_field()
    version: int = 1


class AssessmentAdjustment(SQLModel, table=True):
    """特殊加减分: a special addition (+) or deduction (−) to a staff member's annual score."""

    __tablename__ = "assessment_adjustment"

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    staff_id: uuid.UUID = Field(foreign_key="staff.id", index=True)
    year: int
    points: float
    reason: str = Field(max_length=500)
    recorded_by: uuid.UUID | None = None
    created_at: datetime = created_at_field()
