"""Dispatched staff (窗口工作人员): managed by their department and by the hall (双重管理)."""
