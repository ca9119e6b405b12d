"""Ratings (好差评): citizens' five-level rating of a case, one per case per channel."""
