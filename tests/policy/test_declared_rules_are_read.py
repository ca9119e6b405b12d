"""Meta-test (RULEBOOK §16; STYLE "a rule a plugin declares is read by something, or it is not declared"):
every field of every answer a policy hook gives is read by the platform — ``core/`` outside the answer types
themselves (services, GraphQL types, the policy API) — or it is removed.

A field that only echoes one of the hook's own arguments back (``AppealWindow.rated_on`` for ``rated_on``) is
the question, not a rule. There are no exceptions: the eight older fields once allowed here are read now
(who files and reviews an appeal, when a case's clock starts, what a complaint extension needs, who proposes an
item change, which registration form onboarding files, who the first asker is) or removed (``PeriodScore.metrics_used``,
which repeated the metrics its terms name).
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from pathlib import Path

from core.plugins import hookspecs
from core.policy import types as policy_types

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "core"

DATACLASSES = {name: obj for name, obj in vars(policy_types).items() if dataclasses.is_dataclass(obj)}


def _answer_types() -> dict[type, set[str]]:
    """Each dataclass a hook answers with (directly or nested) → the argument names of the hooks giving it."""
    found: dict[type, set[str]] = {}
    for name, hook in vars(hookspecs).items():
        if not (name.startswith("tingwu_") and callable(hook)):
            continue
        params = set(inspect.signature(hook).parameters)
        returned = str(hook.__annotations__.get("return", ""))
        for cls_name, cls in DATACLASSES.items():
            if re.search(rf"\b{cls_name}\b", returned):
                found.setdefault(cls, set()).update(params)
    changed = True
    while changed:
        changed = False
        for cls in list(found):
            for field in dataclasses.fields(cls):
                for cls_name, nested in DATACLASSES.items():
                    if nested not in found and re.search(rf"\b{cls_name}\b", str(field.type)):
                        found[nested] = set()
                        changed = True
    return found


def _platform_source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in CORE.rglob("*.py")
                     if p.resolve() != Path(policy_types.__file__).resolve())


def unread_fields() -> set[tuple[str, str]]:
    source = _platform_source()
    unread = set()
    for cls, echoed in _answer_types().items():
        for field in dataclasses.fields(cls):
            if field.name in echoed:
                continue
            if not re.search(rf"\.{field.name}\b", source):
                unread.add((cls.__name__, field.name))
    return unread


def test_the_meta_test_sees_the_hooks_answers():
    names = {cls.__name__ for cls in _answer_types()}
    assert {"CheckInPlan", "AssessmentScheme", "Ranking", "LeaveRequirements", "AnomalyReport", "DutyPlan"} <= names


def test_every_declared_rule_field_is_read_by_the_platform():
    unread = sorted(unread_fields())
    assert not unread, f"declared by the plugins, read by nothing in core/: {unread} (read them, or remove them)"


def test_the_meta_test_fails_on_an_unread_field(monkeypatch):
    """It can fail: a field no code in core/ reads is reported."""
    import dataclasses as dc

    unread_type = dc.make_dataclass("CheckInPlan", [("never_read_anywhere_xyz", int)])
    monkeypatch.setattr(policy_types, "CheckInPlan", unread_type)
    monkeypatch.setitem(DATACLASSES, "CheckInPlan", unread_type)
    assert ("CheckInPlan", "never_read_anywhere_xyz") in unread_fields()


def test_the_fields_v1_declared_and_nobody_read_are_read_now():
    """The issue's examples: Jiedong's monthly check-ins, Nanbu's random roll calls, Dongying's scheme."""
    unread = unread_fields()
    for field in (("CheckInPlan", "role_minimums"), ("CheckInPlan", "random_roll_calls"), ("CheckInPlan", "method"),
                  ("AssessmentScheme", "grade_proposed_by"), ("AssessmentScheme", "grade_decided_by"),
                  ("Ranking", "bottom_n"), ("CheckInVerdict", "expected")):
        assert field not in unread, field
