"""The step-role → deciders table (core/leave/approvers.py), checked against every plugin's chains."""

from __future__ import annotations

import pytest

from core.auth.authorizer import seed_policy
from core.auth.roles import DomainType, Side
from core.leave.approvers import STEP_DECIDERS, deciders_for, step_roles_held
from core.policy.types import LEAVE_KINDS
from core.plugins.manager import build_plugin_manager
from core.policy.calendar import WorkingCalendar
from core.policy.service import JurisdictionPolicy
from tests.policy.conftest import JURISDICTIONS

HOST = build_plugin_manager()


@pytest.fixture
def policy_for():
    return lambda code: JurisdictionPolicy(HOST.hook, code, WorkingCalendar())

DURATIONS = [(0.0, 0.5), (0.0, 2.0), (0.25, None), (0.5, None), (1.0, None), (2.5, None), (3.0, None), (10.0, None)]
APPROVE = {(subject.removeprefix("role:"), domain_type) for subject, domain_type, obj, act in seed_policy()
           if (obj, act) == ("leave", "approve")}


def every_chain(policy):
    for kind in LEAVE_KINDS:
        for days, hours in DURATIONS:
            yield kind, days, hours, policy.leave_chain(days, hours=hours, kind=kind)


@pytest.mark.parametrize("code", JURISDICTIONS)
def test_every_step_of_every_chain_has_deciders_on_its_side(policy_for, code):
    policy = policy_for(code)
    for kind, days, hours, chain in every_chain(policy):
        for step in chain.steps:
            deciders = deciders_for(step.role, step.side)
            assert deciders is not None, f"{code} {kind} {days}/{hours}: nobody decides {step.role} ({step.side})"
            assert deciders.side == Side(step.side)
            domain_type = DomainType.HALL if deciders.side == Side.HALL else DomainType.DEPARTMENT
            for role in deciders.roles:
                assert role.side == deciders.side
                assert (role.value, domain_type.value) in APPROVE, f"{role} lacks leave approve in {domain_type}"


@pytest.mark.parametrize("code,days,expected", [
    ("jiedong", 0.25, [("service_section", {"hall_admin"}), ("chief_representative", {"chief_representative"})]),
    ("jiedong", 0.5, [("window_unit", {"department_leader", "deputy_head", "principal"}),
                      ("chief_representative", {"chief_representative"}),
                      ("bureau_leader_in_charge", {"hall_office_leader"}), ("service_section", {"hall_admin"})]),
    ("nanbu", 0.5, [("service_section_head", {"hall_office_leader"})]),
    ("nanbu", 2.0, [("unit_deputy_head", {"deputy_head"}), ("centre_head", {"hall_office_leader"}),
                    ("service_section", {"hall_admin"})]),
    ("nanbu", 3.0, [("unit_principal", {"principal"}), ("centre_head", {"hall_office_leader"}),
                    ("service_section", {"hall_admin"})]),
    ("panyu", 1.0, [("chief_representative", {"chief_representative"}), ("hall_office", {"hall_admin", "hall_office_leader"})]),
    ("dongguan", 1.0, [("chief_representative", {"chief_representative"}), ("hall_office", {"hall_admin", "hall_office_leader"})]),
    ("dongying", 5.0, [("chief_representative", {"chief_representative"}), ("hall_office", {"hall_admin", "hall_office_leader"})]),
])
def test_who_decides_each_plugins_chain(policy_for, code, days, expected):
    chain = policy_for(code).leave_chain(days)
    assert [(s.role, {r.value for r in deciders_for(s.role, s.side).roles}) for s in chain.steps] == expected


def test_the_correction_slip_signer_is_in_the_table(policy_for):
    for code in JURISDICTIONS:
        for signer in policy_for(code).attendance_correction("forgot").signers:
            assert deciders_for(signer.role, signer.side) is not None


def test_unknown_roles_and_held_roles():
    assert deciders_for("mayor", "hall") is None
    assert deciders_for("chief_representative", "hall") is None  # sides are never crossed
    assert step_roles_held({"hall_office_leader"}, "hall") == {"hall_office", "service_section_head", "centre_head",
                                                               "bureau_leader_in_charge"}
    assert step_roles_held({"principal"}, "department") == {"window_unit", "unit_principal", "department_head"}
    assert all(deciders.why for deciders in STEP_DECIDERS.values())
