"""Provincial views: the bulletin, rankings and trends over many halls (from the rollups)."""
