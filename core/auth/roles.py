"""Roles, their side (hall / department) and the domains they are granted in.

Domains (casbin RBAC with domains): ``hall:<uuid>``, ``dept:<uuid>``,
``jurisdiction:<code>``, ``province:<code>`` and ``platform``. A role is
granted to a user in one domain; what a role may do is the seed policy
(``seed_policy.csv``), written per domain *type*, so ids are compared
exactly and never by prefix.
"""

from __future__ import annotations

import enum
import uuid


class Side(enum.StrEnum):
    HALL = "hall"
    DEPARTMENT = "department"
    PROVINCE = "province"
    PLATFORM = "platform"


class DomainType(enum.StrEnum):
    HALL = "hall"
    DEPARTMENT = "dept"
    JURISDICTION = "jurisdiction"
    PROVINCE = "province"
    PLATFORM = "platform"


class Role(enum.StrEnum):
    """Every role, with its Chinese title, side and the domain type it is granted in."""

    def __new__(cls, value: str, title: str, side: Side, domain_type: DomainType):
        member = str.__new__(cls, value)
        member._value_ = value
        member.title = title
        member.side = side
        member.domain_type = domain_type
        return member

    # Hall side (大厅管理方: 区政数局 / 政务和数据局 / 中心管理办公室)
    HALL_ADMIN = ("hall_admin", "大厅管理员", Side.HALL, DomainType.HALL)
    SUPERVISOR = ("supervisor", "督查人员", Side.HALL, DomainType.HALL)
    CONSULTATION_DESK = ("consultation_desk", "咨询导办台", Side.HALL, DomainType.HALL)
    DUTY_LEADER = ("duty_leader", "值班领导", Side.HALL, DomainType.HALL)
    HALL_OFFICE_LEADER = ("hall_office_leader", "中心管理办公室负责人", Side.HALL, DomainType.HALL)
    # 考核小组 (dongying Art 8(三)1(4)): decides annual grades where the jurisdiction's scheme says so (R5).
    ASSESSMENT_GROUP = ("assessment_group", "考核小组", Side.HALL, DomainType.HALL)
    JURISDICTION_ADMIN = ("jurisdiction_admin", "政务服务管理局管理员", Side.HALL, DomainType.JURISDICTION)
    # 本级政府: approves service-item changes where the jurisdiction says so (dongying Art 4).
    GOVERNMENT_APPROVER = ("government_approver", "本级政府审批人", Side.HALL, DomainType.JURISDICTION)
    # Department side (派出单位)
    CHIEF_REPRESENTATIVE = ("chief_representative", "首席代表", Side.DEPARTMENT, DomainType.DEPARTMENT)
    DEPARTMENT_LEADER = ("department_leader", "部门分管领导", Side.DEPARTMENT, DomainType.DEPARTMENT)
    DEPUTY_HEAD = ("deputy_head", "单位副职领导", Side.DEPARTMENT, DomainType.DEPARTMENT)
    PRINCIPAL = ("principal", "单位主要负责人", Side.DEPARTMENT, DomainType.DEPARTMENT)
    # Window staff act in their hall; what they decide for their department goes through the chief representative.
    WINDOW_STAFF = ("window_staff", "窗口工作人员", Side.HALL, DomainType.HALL)
    # An authenticated 好差评 integration (online portal, SMS gateway, 12345) of one jurisdiction (R1).
    RATING_INTEGRATION = ("rating_integration", "好差评对接系统", Side.HALL, DomainType.JURISDICTION)
    PROVINCIAL_INTEGRATOR = ("provincial_integrator", "省级数据对接方", Side.PROVINCE, DomainType.PROVINCE)
    # The account a county Tingwu reports upward with (上报), at the provincial Tingwu: its own county only.
    COUNTY_REPORTER = ("county_reporter", "区县上报账号", Side.PROVINCE, DomainType.JURISDICTION)
    PLATFORM_ADMIN = ("platform_admin", "平台管理员", Side.PLATFORM, DomainType.PLATFORM)

    @property
    def subject(self) -> str:
        return f"role:{self.value}"


def hall_domain(hall_id: uuid.UUID) -> str:
    return f"hall:{hall_id}"


def department_domain(department_id: uuid.UUID) -> str:
    return f"dept:{department_id}"


def jurisdiction_domain(code: str) -> str:
    return f"jurisdiction:{code}"


def province_domain(code: str) -> str:
    return f"province:{code}"


PLATFORM_DOMAIN = "platform"


def domain_type(domain: str) -> str:
    """The part before the colon: the casbin matcher compares it exactly with the policy's domain type."""
    return domain.split(":", 1)[0]


def user_subject(user_id: uuid.UUID) -> str:
    return f"user:{user_id}"
