"""Complaints (投诉): intake, acceptance, handling and feedback to the complainant."""
