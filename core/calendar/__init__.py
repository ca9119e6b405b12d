"""Working calendar (工作日历): admin overrides over the national calendar, per jurisdiction."""
