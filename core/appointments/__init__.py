"""预约 (appointments): slots from the hall's hours, booking, check-in, no-shows; the on-site quota (RULEBOOK §16 S1)."""
