"""Outbound notifications (RULEBOOK §16 S2): a queue in the database, a pluggable sender, retries, dead letters."""
