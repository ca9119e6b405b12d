"""Leave (请假/销假): requests walk the jurisdiction's approval chain, each step decided by its side (RULEBOOK §6)."""
