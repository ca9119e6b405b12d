"""Rating, appeal and reminder tables and their vocabulary."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
from core.enums import LabelledEnum


class RatingLevel(LabelledEnum):
    """The five levels (panyu Art 35; nanbu 好差评制度)."""

    VERY_SATISFIED = ("very_satisfied", "非常满意", "Very satisfied")
    SATISFIED = ("satisfied", "满意", "Satisfied")
    BASICALLY_SATISFIED = ("basically_satisfied", "基本满意", "Basically satisfied")
    DISSATISFIED = ("dissatisfied", "不满意", "Dissatisfied")
    VERY_DISSATISFIED = ("very_dissatisfied", "非常不满意", "Very dissatisfied")


class RatingChannel(LabelledEnum):
    """Where a rating comes from (panyu Art 36-42)."""

    DEVICE = ("device", "评价器", "Rating device at the window")
    QR_CODE = ("qr_code", "回执二维码", "QR code on the receipt")
    TERMINAL = ("terminal", "自助终端", "Self-service terminal")
    ONLINE = ("online", "网上办事平台", "Online portal")
    SMS = ("sms", "短信", "SMS")
    HOTLINE = ("hotline", "12345热线", "12345 hotline")
    DEFAULT = ("default", "默认好评", "Defaulted (no rating in time)")


#: Channels a citizen rates through; ``DEFAULT`` is the platform's own (the default-rating job).
CITIZEN_CHANNELS = tuple(channel for channel in RatingChannel if channel is not RatingChannel.DEFAULT)


class AppealStatus(LabelledEnum):
    PENDING = ("pending", "待复核", "Awaiting review")
    REVIEWED = ("reviewed", "已复核", "Reviewed")


class AppealOutcomeCode(LabelledEnum):
    """Outcomes of the review of an appeal (panyu Art 43); the jurisdiction's facade says which it offers."""

    UPHELD = ("upheld", "差评属实，采纳并整改", "Upheld: the rating stands, rectify")
    OVERTURNED_MISTAKEN = ("overturned_mistaken", "误评，不予采纳", "Overturned: mistaken rating")
    OVERTURNED_MALICIOUS = ("overturned_malicious", "恶意评价，不予采纳", "Overturned: malicious rating")


# --- Rating -------------------------------------------------------------------


class Rating(SQLModel, table=True):
    """好差评: the one rating of a case (一次一评, R1: nanbu 好差评 二; dongguan 5.2.10), on the channel that proved it.

    ``device_id`` names the registered 评价器/自助终端 that collected it (DEVICE, TERMINAL);
    ``submitted_by_user_id`` the authenticated integration (ONLINE, SMS, HOTLINE).

    ``counts_in_assessment`` is False once an appeal overturned the rating as mistaken or
    malicious (panyu Art 43): assessment deductions and the satisfaction rate leave it out.
    """

    __tablename__ = "rating"
    __table_args__ = (
        sa.UniqueConstraint("case_id"),  # 一次一评: one rating per case, whatever the channel (R1)
        sa.Index("ix_rating_hall_id_rated_at", "hall_id", "rated_at"),
    )

    id: uuid.UUID = uuid_pk()
    case_id: uuid.UUID = Field(foreign_key="case.id", index=True)
    staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id", index=True)
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    level: str = Field(max_length=30)
    score: float  # on the jurisdiction's scale at the time of rating
    channel: str = Field(max_length=20)
    comment: str | None = Field(default=None, max_length=1000)
    defaulted: bool = False  # given by the platform after the plugin's delay (panyu Art 35)
    counts_in_assessment: bool = True  # False: overturned on appeal (mistaken or malicious)
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)  # the rules that gave level and score
    rated_at: datetime = created_at_field()
    # How the channel was proven (R1); not reported upward: the province's fields are unchanged.
    device_id: uuid.UUID | None = Field(default=None, foreign_key="rating_device.id")
    submitted_by_user_id: uuid.UUID | None = Field(default=None)  # the integration account (audit-style: no FK)


# --- Rating device (评价器 / 自助终端) ----------------------------------------------


class RatingDeviceKind(LabelledEnum):
    """A registered device that collects ratings (R1; panyu Art 36-37)."""

    DEVICE = ("device", "评价器", "Rating device at a window")
    TERMINAL = ("terminal", "自助终端", "Self-service terminal")


class RatingDevice(SQLModel, table=True):
    """评价器: a rating device registered by the hall and bound to one window (a 自助终端: to the hall).

    It rates with its device credential (``X-Device-Token``), shown once at registration; only
    its SHA-256 is kept. A revoked device rates nothing.
    """

    __tablename__ = "rating_device"

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    window_id: uuid.UUID | None = Field(default=None, foreign_key="window.id", index=True)
    kind: str = Field(default=RatingDeviceKind.DEVICE, max_length=20)
    name: str = Field(max_length=100)
    credential_hash: str = Field(max_length=64, unique=True)
    registered_by_user_id: uuid.UUID | None = Field(default=None)
    registered_at: datetime = created_at_field()
    revoked_at: datetime | None = timestamp_field()


# --- Appeal (申诉) -------------------------------------------------------------


class RatingAppeal(SQLModel, table=True):
    """申诉: the rated staff member contests a 不满意/非常不满意 rating; the hall reviews (复核)."""

    __tablename__ = "rating_appeal"

    id: uuid.UUID = uuid_pk()
    rating_id: uuid.UUID = Field(foreign_key="rating.id", unique=True)  # one appeal per rating
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    staff_id: uuid.UUID = Field(foreign_key="staff.id", index=True)  # the appellant: the rated staff member
    # User ids as the audit log keeps them: no foreign key, the record outlives the account.
    filed_by_user_id: uuid.UUID | None = Field(default=None)
    reason: str = Field(max_length=2000)  # 申诉的主要事实和理由
    filed_at: datetime = created_at_field()
    review_due_on: date = Field(index=True)
    status: str = Field(default=AppealStatus.PENDING, max_length=20)
    outcome: str | None = Field(default=None, max_length=30)
    rectification_required: bool | None = None
    review_note: str | None = Field(default=None, max_length=2000)
    reviewed_by_user_id: uuid.UUID | None = Field(default=None)
    reviewed_at: datetime | None = timestamp_field()
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)  # appeal window, review deadline, outcome


# --- Reminder (评价提醒) ---------------------------------------------------------


class RatingReminder(SQLModel, table=True):
    """A reminder to rate an unrated case (panyu Art 40: SMS 24 hours after an online case is completed).

    The platform queues the reminder; the 好差评 system's SMS sender (outside the platform) sends it.
    """

    __tablename__ = "rating_reminder"
    __table_args__ = (sa.UniqueConstraint("case_id", "channel"),)

    id: uuid.UUID = uuid_pk()
    case_id: uuid.UUID = Field(foreign_key="case.id", index=True)
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    channel: str = Field(max_length=20)  # how the reminder goes out, e.g. sms
    due_at: datetime = timestamp_field(nullable=False)
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    created_at: datetime = created_at_field()
