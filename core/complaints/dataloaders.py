"""Complaint loaders."""

from core.complaints.models import Complaint, ComplaintNote
from core.graphql.loaders import ByKeyLoader, GroupedLoader


class ComplaintByIdLoader(ByKeyLoader):
    model = Complaint


class NotesByComplaintIdLoader(GroupedLoader):
    model = ComplaintNote
    key = "complaint_id"
    order_by = ("created_at", "id")
