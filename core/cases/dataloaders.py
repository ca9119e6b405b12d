"""Case loaders."""

from core.cases.models import Case, CorrectionNotice, CreditRecord
from core.graphql.loaders import ByKeyLoader, GroupedLoader


class CaseByIdLoader(ByKeyLoader):
    model = Case


class CaseBySerialNumberLoader(ByKeyLoader):
    model = Case
    key = "serial_number"


class CasesByHallIdLoader(GroupedLoader):
    model = Case
    key = "hall_id"
    order_by = ("accepted_at", "id")


class CorrectionNoticesByCaseIdLoader(GroupedLoader):
    model = CorrectionNotice
    key = "case_id"
    order_by = ("sequence", "id")


class CreditRecordsByCaseIdLoader(GroupedLoader):
    model = CreditRecord
    key = "case_id"
    order_by = ("recorded_on", "id")
