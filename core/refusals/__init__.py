"""无否决权 (RULEBOOK §16 S11): a refusal proposed by a window and reviewed by a second person before the case returns."""
