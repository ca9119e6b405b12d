"""Who decides each step of an approval chain: the one table mapping a plugin's step roles to Tingwu roles.

A chain step from the policy facade names a stable ``role`` code and a
``side``. A department-side step is decided by a user holding one of the
mapped roles in ``dept:<the staff member's department>``; a hall-side step by
a user holding one of them in ``hall:<the staff member's hall>``. The same
table answers for the signer of an attendance correction slip (考勤补签单).

Two tiers on the hall side: the **leadership** of the hall (``hall_office_leader``,
granted to whoever leads it — 中心负责人, or the bureau leader in charge,
区政务和数据局分管领导) and the **section that runs it day to day**
(``hall_admin``, granted to 政务服务股 / 政务服务科). On the department side
the unit's leadership (``department_leader``, ``deputy_head``, ``principal``)
and its chief representative (``chief_representative``). No chain step needs a
role beyond these, so none was added.

A plugin that introduces a step role missing here makes the request fail
loudly (``LEAVE_CHAIN_UNMAPPED``) instead of leaving a step nobody can decide.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.auth.roles import Role, Side


@dataclass(frozen=True)
class Deciders:
    side: Side
    roles: frozenset[Role]
    why: str


def _deciders(side: Side, roles: tuple[Role, ...], why: str) -> Deciders:
    return Deciders(side, frozenset(roles), why)


HALL_LEADERSHIP = (Role.HALL_OFFICE_LEADER,)
HALL_SECTION = (Role.HALL_ADMIN,)
UNIT_LEADERSHIP = (Role.DEPARTMENT_LEADER, Role.DEPUTY_HEAD, Role.PRINCIPAL)

#: (step role code, side) → who decides it.
STEP_DECIDERS: dict[tuple[str, str], Deciders] = {
    # Department side
    ("chief_representative", "department"): _deciders(
        Side.DEPARTMENT, (Role.CHIEF_REPRESENTATIVE,), "首席代表 (baseline; jiedong Art 28)"),
    ("window_unit", "department"): _deciders(
        Side.DEPARTMENT, UNIT_LEADERSHIP, "窗口单位同意: the unit's leadership agrees (jiedong Art 28)"),
    ("unit_deputy_head", "department"): _deciders(
        Side.DEPARTMENT, (Role.DEPUTY_HEAD,), "单位分管负责人 (nanbu 考勤制度 三)"),
    ("unit_principal", "department"): _deciders(
        Side.DEPARTMENT, (Role.PRINCIPAL,), "单位主要负责人 (nanbu 考勤制度 三)"),
    ("department_head", "department"): _deciders(
        Side.DEPARTMENT, (*UNIT_LEADERSHIP, Role.CHIEF_REPRESENTATIVE),
        "部门负责人或其委托的责任人: the unit's leadership, or the chief representative as their standing "
        "delegate (correction slips, panyu Art 64)"),
    # Hall side
    ("hall_office", "hall"): _deciders(
        Side.HALL, (*HALL_LEADERSHIP, *HALL_SECTION), "中心管理办公室 (baseline): its leader or its staff"),
    ("service_section", "hall"): _deciders(
        Side.HALL, HALL_SECTION, "政务服务股/科: the section that runs the hall registers, files and takes reports "
        "(jiedong Art 27-29; nanbu 考勤制度 三)"),
    ("service_section_head", "hall"): _deciders(
        Side.HALL, HALL_LEADERSHIP, "政务服务科负责人 (nanbu 考勤制度 三): the hall's leadership"),
    ("centre_head", "hall"): _deciders(
        Side.HALL, HALL_LEADERSHIP, "政务中心负责人 (nanbu 考勤制度 三)"),
    ("bureau_leader_in_charge", "hall"): _deciders(
        Side.HALL, HALL_LEADERSHIP, "区政务和数据局分管领导 (jiedong Art 28): the leader in charge of the hall"),
}


def deciders_for(role: str, side: str) -> Deciders | None:
    """Who decides a step of ``role`` on ``side``; None when the table does not know it."""
    return STEP_DECIDERS.get((role, side))


def step_roles_held(roles: set[str], side: str) -> set[str]:
    """The step role codes on ``side`` that a user holding ``roles`` (in one domain) may decide."""
    return {
        step_role
        for (step_role, step_side), deciders in STEP_DECIDERS.items()
        if step_side == side and roles & {r.value for r in deciders.roles}
    }
