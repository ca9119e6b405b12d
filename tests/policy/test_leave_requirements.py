"""R6: tingwu_leave_requirements, nanbu 考勤制度 二(二)-(三), and the baseline (no document, no leave by phone)."""

from __future__ import annotations


def test_the_hook_answers_the_requirements(host):
    nanbu = host.hook.tingwu_leave_requirements(jurisdiction="nanbu", kind="sick", paperwork_working_days=None)
    assert (nanbu.attachment, nanbu.phone_leave_allowed, nanbu.paperwork_working_days) == ("hospital_certificate", True, 1)
    assert [r.id for r in nanbu.rules] == ["nanbu.leave.sick_certificate", "nanbu.leave.phone", "nanbu.leave.phone_paperwork"]
    personal = host.hook.tingwu_leave_requirements(jurisdiction="nanbu", kind="personal", paperwork_working_days=2)
    assert (personal.attachment, personal.paperwork_working_days) == (None, 2)
    elsewhere = host.hook.tingwu_leave_requirements(jurisdiction="panyu", kind="sick", paperwork_working_days=None)
    assert (elsewhere.attachment, elsewhere.phone_leave_allowed) == (None, False)
