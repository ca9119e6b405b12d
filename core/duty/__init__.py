"""Duty (值班): rostered duty slots from the jurisdiction's plan, swaps and substitutes (RULEBOOK §13)."""
