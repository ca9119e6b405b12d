"""Audit log (审计日志): one row for every mutation and every denial; never edited."""
