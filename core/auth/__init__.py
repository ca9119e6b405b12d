"""Sign-in, roles and authorization (双重管理: the hall side and the department side)."""
