"""办件文书 (RULEBOOK §16 S7): receipts and notices rendered as PDF, archived with the case, fetched by authorized URL."""
