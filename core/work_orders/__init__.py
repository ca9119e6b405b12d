"""12345 工单 (RULEBOOK §16 S8): received from the hotline, signed for, replied, extended, sent back, followed up, closed."""
