"""Complaint mutations, one per module."""
