"""Assessment (考核): periods per the jurisdiction's scheme, scores by its formula from the period's records (RULEBOOK §11)."""
