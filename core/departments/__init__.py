"""Departments (进驻部门/派出单位) that dispatch staff to halls, and their presence in a hall (进驻)."""
