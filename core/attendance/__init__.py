"""Attendance (考勤): check-ins judged by the jurisdiction's rules, correction slips, manual-attendance days (RULEBOOK §5)."""
