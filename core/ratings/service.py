"""Rating services (好差评). Every change to a rating goes through exactly one function here:

``submit`` (a citizen rates a case on a channel), ``apply_defaults`` (基本满意 for cases nobody
rated in time), ``appeal`` (the rated staff member contests a bad rating) and ``review_appeal``
(the hall decides). ``queue_reminders`` queues the reminders to rate. Local rules come from the
jurisdiction's policy facade; each row keeps the ids of the rules that decided it.

What the provincial 好差评 platform must know is reported upward (上报, ``core.outbox``) in the same
transaction: a new rating, each default rating, and a review that takes a rating out of assessment.
An appeal that is pending or upheld changes nothing the province counts.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from core.cases.models import Case, CaseStatus
from core.errors import DomainError, NotFoundError, ConflictError
from core.halls.models import Hall
from core.outbox import service as outbox_service
from core.outbox.events import EventType
from core.policy.service import JurisdictionPolicy
from core.policy.ratings import ONE_PER_CASE_RULE
from core.ratings import devices
from core.ratings.devices import ChannelProof
from core.rollups import service as rollups
from core.ratings.models import (
    AppealOutcomeCode,
    AppealStatus,
    Rating,
    RatingAppeal,
    RatingChannel,
    RatingLevel,
    RatingReminder,
)
from core.staff.models import Staff
from core.timezones import SHANGHAI, local_today, to_local
from core.validation import text


#: R1 一次一评: one rating per case across all channels; the channel is proven.
ONE_RATING_PER_CASE = (ONE_PER_CASE_RULE.ref,)


def rule_ids(*rule_groups, keep: Sequence[str] = ()) -> list[str]:
    """The ids already recorded (``keep``) and those of the rules in ``rule_groups``, each once, in order."""
    return list(dict.fromkeys([*keep, *(rule.id for rules in rule_groups for rule in rules)]))


def local_moment(now: datetime) -> datetime:
    """``now`` as a naive China Standard Time wall-clock time, as the policy facade compares times."""
    return now.astimezone(SHANGHAI).replace(tzinfo=None)


def _insert(session: AsyncSession, table: sa.Table):
    """INSERT … ON CONFLICT DO NOTHING for the session's backend (both speak it)."""
    dialect = session.bind.dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


# --- submit -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    rating: Rating
    created: bool  # False: the case was already rated (on any channel), that rating is returned unchanged


async def find_case(session: AsyncSession, *, plugins, serial_number: str) -> tuple[Case, Hall]:
    """The case with this 办件流水号 in an enabled jurisdiction; NOT_FOUND otherwise."""
    row = (await session.execute(
        sa.select(Case, Hall).join(Hall, Hall.id == Case.hall_id).where(Case.serial_number == serial_number)
    )).first()
    if row is None or not plugins.is_enabled(row.Hall.jurisdiction_code):
        raise NotFoundError(f"办件 {serial_number}", f"Case {serial_number}")
    return row.Case, row.Hall


async def rating_of(session: AsyncSession, *, case_id: uuid.UUID) -> Rating | None:
    """The case's one rating (一次一评), on whatever channel."""
    return (await session.execute(sa.select(Rating).where(Rating.case_id == case_id))).scalar_one_or_none()


async def submit(
    session: AsyncSession,
    *,
    policy: JurisdictionPolicy,
    case: Case,
    staff_number: str,
    level: RatingLevel,
    channel: RatingChannel,
    comment: str | None,
    now: datetime,
    proof: ChannelProof,
    secret: str,
) -> Submission:
    """Rate a case on a proven channel (R1); a case already rated, on any channel, returns that rating, writing nothing."""
    if channel is RatingChannel.DEFAULT:
        raise DomainError("RATING_CHANNEL_RESERVED", field_name="channel")
    proven = await devices.prove(session, channel=channel, proof=proof, case=case, secret=secret)
    handler = await session.get(Staff, case.staff_id) if case.staff_id else None
    if handler is None or handler.staff_number != staff_number.strip():
        raise DomainError("STAFF_NUMBER_MISMATCH", {"staff_number": staff_number, "serial_number": case.serial_number},
                          field_name="staffNumber")
    existing = await rating_of(session, case_id=case.id)
    if existing is not None:
        return Submission(existing, created=False)
    if case.completed_at is not None:
        # After the jurisdiction's rating period the default rating stands (panyu Art 35).
        served_on = to_local(case.completed_at).date()
        default = policy.default_rating(served_on, local_moment(now))
        if default.applies:
            raise ConflictError("RATING_PERIOD_CLOSED", {"serial_number": case.serial_number,
                                                              "last_day": default.last_day_to_rate.isoformat()})
    scale = policy.rating_scale()
    values = {
        "id": uuid.uuid4(), "case_id": case.id, "staff_id": case.staff_id, "hall_id": case.hall_id,
        "level": level.value, "score": float(scale.level(level.value).score), "channel": channel.value,
        "comment": text(comment, field="comment", label="评价意见", max_length=1000), "defaulted": False, "counts_in_assessment": True,
        "rule_ids": rule_ids(scale.rules, ONE_RATING_PER_CASE), "rated_at": now,
        "device_id": proven.device_id, "submitted_by_user_id": proven.user_id,
    }
    # A concurrent rating on any channel inserts nothing (the unique constraint on the case) and reads the winner.
    stmt = _insert(session, Rating.__table__).values(values).on_conflict_do_nothing(
        index_elements=["case_id"]).returning(Rating.__table__.c.id)
    inserted = (await session.execute(stmt)).scalar_one_or_none()
    if inserted is None:
        return Submission(await rating_of(session, case_id=case.id), created=False)
    rating = await session.get(Rating, inserted)
    rollups.record(session, rating)
    await outbox_service.record_rating(session, rating=rating, event_type=EventType.RATING_SUBMITTED)
    return Submission(rating, created=True)


# --- default ratings (the job) -------------------------------------------------------------


async def apply_defaults(session: AsyncSession, *, policy: JurisdictionPolicy, now: datetime) -> list[Rating]:
    """默认评价: completed cases of the jurisdiction that nobody rated in time get the default rating.

    Safe to run twice or at the same time: the unique constraint on the case lets only
    one default rating per case in; the others insert nothing. Returns the ratings created.
    """
    moment = local_moment(now)
    today = moment.date()
    probe = policy.default_rating(today, today)
    if probe.last_day_to_rate is None:
        return []  # the jurisdiction gives no default rating
    delay = probe.last_day_to_rate - today
    candidates = (await session.execute(
        sa.select(Case.id, Case.hall_id, Case.staff_id, Case.completed_at)
        .join(Hall, Hall.id == Case.hall_id)
        .where(
            Hall.jurisdiction_code == policy.jurisdiction,
            Case.status == CaseStatus.COMPLETED,
            Case.completed_at.is_not(None),
            Case.completed_at < now - delay,
            ~sa.exists().where(Rating.case_id == Case.id),
        )
    )).all()
    rows = []
    for case in candidates:
        outcome = policy.default_rating(to_local(case.completed_at).date(), moment)
        if not outcome.applies:
            continue
        rows.append({
            "id": uuid.uuid4(), "case_id": case.id, "staff_id": case.staff_id, "hall_id": case.hall_id,
            "level": outcome.level, "score": float(outcome.score), "channel": RatingChannel.DEFAULT.value,
            "comment": None, "defaulted": True, "counts_in_assessment": True,
            "rule_ids": rule_ids(outcome.rules), "rated_at": now,
        })
    if not rows:
        return []
    stmt = _insert(session, Rating.__table__).values(rows).on_conflict_do_nothing(
        index_elements=["case_id"]).returning(Rating.__table__.c.id)
    created = list((await session.execute(stmt)).scalars())
    if not created:
        return []
    ratings = list((await session.execute(sa.select(Rating).where(Rating.id.in_(created)))).scalars())
    rollups.record(session, *ratings)
    await outbox_service.record_ratings(session, ratings=ratings, event_type=EventType.RATING_DEFAULTED)
    return ratings


# --- reminders (the job) ----------------------------------------------------------------------


#: A case handled without a window was handled online (网上办件): the channel the reminder rule names.
ONLINE_CASE = Case.window_id.is_(None)


async def queue_reminders(session: AsyncSession, *, policy: JurisdictionPolicy, now: datetime) -> list[RatingReminder]:
    """评价提醒: queue a reminder for each completed online case still unrated when the rule says (panyu Art 40).

    Idempotent like ``apply_defaults``: one reminder per case and reminder channel.
    """
    rule = policy.rating_reminder_rule()
    if rule.after_hours is None or "online" not in rule.applies_to_channels:
        return []
    moment = local_moment(now)
    candidates = (await session.execute(
        sa.select(Case.id, Case.hall_id, Case.completed_at)
        .join(Hall, Hall.id == Case.hall_id)
        .where(
            Hall.jurisdiction_code == policy.jurisdiction,
            Case.status == CaseStatus.COMPLETED,
            ONLINE_CASE,
            Case.completed_at <= now - timedelta(hours=rule.after_hours),
            ~sa.exists().where(Rating.case_id == Case.id),
            ~sa.exists().where(RatingReminder.case_id == Case.id, RatingReminder.channel == rule.channel),
        )
    )).all()
    rows = []
    for case in candidates:
        if policy.default_rating(to_local(case.completed_at).date(), moment).applies:
            continue  # too late to remind: the default rating applies
        rows.append({
            "id": uuid.uuid4(), "case_id": case.id, "hall_id": case.hall_id, "channel": rule.channel,
            "due_at": policy.rating_reminder_due(case.completed_at, "online"), "rule_ids": rule_ids(rule.rules),
            "created_at": now,
        })
    if not rows:
        return []
    stmt = _insert(session, RatingReminder.__table__).values(rows).on_conflict_do_nothing(
        index_elements=["case_id", "channel"]).returning(RatingReminder.__table__.c.id)
    created = list((await session.execute(stmt)).scalars())
    if not created:
        return []
    return list((await session.execute(sa.select(RatingReminder).where(RatingReminder.id.in_(created)))).scalars())


# --- appeal and review -------------------------------------------------------------------------


async def appeal_of(session: AsyncSession, *, rating_id: uuid.UUID) -> RatingAppeal | None:
    return (await session.execute(sa.select(RatingAppeal).where(RatingAppeal.rating_id == rating_id))).scalar_one_or_none()


async def appeal(
    session: AsyncSession,
    *,
    policy: JurisdictionPolicy,
    rating: Rating,
    user_id: uuid.UUID | None,
    reason: str,
    now: datetime,
) -> RatingAppeal:
    """申诉: the rated staff member contests a bad rating within the jurisdiction's appeal window."""
    level = RatingLevel(rating.level)
    window = policy.appeal_window(level.value, to_local(rating.rated_at).date())
    if not window.appealable:
        raise ConflictError("RATING_NOT_APPEALABLE", {"level_label": level.label, "level_en": level.label_en})
    today = local_today(now)
    if today > window.last_day:
        raise ConflictError("APPEAL_WINDOW_CLOSED", {"last_day": window.last_day.isoformat()})
    if await appeal_of(session, rating_id=rating.id) is not None:
        raise ConflictError("APPEAL_ALREADY_FILED")
    reason = text(reason, field="reason", label="申诉理由", max_length=2000, required=True)
    review = policy.appeal_review(today)
    filed = RatingAppeal(
        rating_id=rating.id, hall_id=rating.hall_id, staff_id=rating.staff_id, filed_by_user_id=user_id,
        reason=reason, filed_at=now, review_due_on=review.due_on, rule_ids=rule_ids(window.rules, review.rules),
    )
    session.add(filed)
    await session.flush()
    return filed


async def review_appeal(
    session: AsyncSession,
    *,
    policy: JurisdictionPolicy,
    appeal: RatingAppeal,
    rating: Rating,
    outcome: AppealOutcomeCode,
    note: str | None,
    user_id: uuid.UUID | None,
    now: datetime,
) -> RatingAppeal:
    """复核: the hall upholds the rating (rectify) or overturns it as mistaken or malicious.

    An overturned rating stops counting: ``rating.counts_in_assessment`` becomes False, which
    assessment deductions and the satisfaction rate filter on.
    """
    if appeal.status != AppealStatus.PENDING:
        current = AppealOutcomeCode(appeal.outcome)
        raise ConflictError("APPEAL_ALREADY_REVIEWED", {"outcome_label": current.label, "outcome": current.value})
    review = policy.appeal_review(to_local(appeal.filed_at).date())
    offered = {o.code: o for o in review.outcomes}
    if outcome.value not in offered:
        raise DomainError("APPEAL_OUTCOME_NOT_OFFERED", {"outcome_label": outcome.label, "outcome": outcome.value},
                          field_name="outcome")
    decided = offered[outcome.value]
    note = text(note, field="note", label="复核意见", max_length=2000)
    appeal.status = AppealStatus.REVIEWED
    appeal.outcome = outcome.value
    appeal.rectification_required = decided.rectification_required
    appeal.review_note = note
    appeal.reviewed_by_user_id = user_id
    appeal.reviewed_at = now
    appeal.rule_ids = rule_ids(review.rules, keep=appeal.rule_ids)
    counted_before = rating.counts_in_assessment
    rating.counts_in_assessment = decided.counts_in_assessment
    await session.flush()
    if rating.counts_in_assessment != counted_before:
        await outbox_service.record_rating(session, rating=rating, event_type=EventType.RATING_OVERTURNED,
                                           details={"appeal_outcome": outcome.value})
    return appeal


# --- queries -------------------------------------------------------------------------------------


def list_statement(
    *,
    hall_id: uuid.UUID,
    start: datetime | None = None,
    end: datetime | None = None,
    level: str | None = None,
    channel: str | None = None,
    staff_id: uuid.UUID | None = None,
    defaulted: bool | None = None,
    appealed: bool | None = None,
    counts_in_assessment: bool | None = None,
) -> sa.Select:
    """A hall's ratings, optionally within [start, end) and filtered."""
    stmt = sa.select(Rating.__table__).where(Rating.hall_id == hall_id)
    if start is not None:
        stmt = stmt.where(Rating.rated_at >= start)
    if end is not None:
        stmt = stmt.where(Rating.rated_at < end)
    if level:
        stmt = stmt.where(Rating.level == level)
    if channel:
        stmt = stmt.where(Rating.channel == channel)
    if staff_id:
        stmt = stmt.where(Rating.staff_id == staff_id)
    if defaulted is not None:
        stmt = stmt.where(Rating.defaulted == defaulted)
    if counts_in_assessment is not None:
        stmt = stmt.where(Rating.counts_in_assessment == counts_in_assessment)
    if appealed is not None:
        has_appeal = sa.exists().where(RatingAppeal.rating_id == Rating.id)
        stmt = stmt.where(has_appeal if appealed else ~has_appeal)
    return stmt


def appeals_statement(*, hall_id: uuid.UUID, status: str | None = None, overdue_as_of: date | None = None,
                      staff_id: uuid.UUID | None = None) -> sa.Select:
    """A hall's appeals; ``overdue_as_of``: only those still pending after their review deadline."""
    stmt = sa.select(RatingAppeal.__table__).where(RatingAppeal.hall_id == hall_id)
    if status:
        stmt = stmt.where(RatingAppeal.status == status)
    if staff_id:
        stmt = stmt.where(RatingAppeal.staff_id == staff_id)
    if overdue_as_of is not None:
        stmt = stmt.where(RatingAppeal.status == AppealStatus.PENDING, RatingAppeal.review_due_on < overdue_as_of)
    return stmt


def reminders_statement(*, hall_id: uuid.UUID) -> sa.Select:
    return sa.select(RatingReminder.__table__).where(RatingReminder.hall_id == hall_id)


@dataclass(frozen=True)
class RatingCounts:
    """What the rating statistics of a hall and period are computed from (all counted in SQL)."""

    handled_cases: int  # cases accepted in the period and completed (办结)
    rated_cases: int  # of those, cases with a citizen's rating (default ratings do not count)
    by_level: dict[str, int]  # ratings given in the period that count (not overturned), by level
    by_channel: dict[str, int]  # every rating given in the period, by channel
    defaulted: int
    overturned: int


async def counts(session: AsyncSession, *, hall_id: uuid.UUID, start: datetime, end: datetime) -> RatingCounts:
    """The counts behind a hall's rating rate and satisfaction rate for [start, end): three statements."""
    citizen_rated = sa.exists().where(Rating.case_id == Case.id, Rating.defaulted.is_(False))
    cases = (await session.execute(
        sa.select(
            sa.func.count().label("handled"),
            sa.func.coalesce(sa.func.sum(sa.case((citizen_rated, 1), else_=0)), 0).label("rated"),
        ).where(Case.hall_id == hall_id, Case.accepted_at >= start, Case.accepted_at < end,
                Case.status == CaseStatus.COMPLETED)
    )).one()
    in_period = (Rating.hall_id == hall_id, Rating.rated_at >= start, Rating.rated_at < end)
    levels = (await session.execute(
        sa.select(Rating.level, Rating.counts_in_assessment, sa.func.count())
        .where(*in_period).group_by(Rating.level, Rating.counts_in_assessment)
    )).all()
    channels = (await session.execute(
        sa.select(Rating.channel, Rating.defaulted, sa.func.count()).where(*in_period)
        .group_by(Rating.channel, Rating.defaulted)
    )).all()
    by_level = {level.value: 0 for level in RatingLevel}
    overturned = 0
    for level, counts_in_assessment, count in levels:
        if counts_in_assessment:
            by_level[level] += count
        else:
            overturned += count
    by_channel = {channel.value: 0 for channel in RatingChannel}
    defaulted = 0
    for channel, is_default, count in channels:
        by_channel[channel] += count
        defaulted += count if is_default else 0
    return RatingCounts(cases.handled, cases.rated, by_level, by_channel, defaulted, overturned)
