"""Attendance loaders."""

from core.attendance.models import AttendanceCorrection, AttendanceRecord
from core.graphql.loaders import ByKeyLoader


class AttendanceRecordByIdLoader(ByKeyLoader):
    model = AttendanceRecord


class AttendanceCorrectionByIdLoader(ByKeyLoader):
    model = AttendanceCorrection
