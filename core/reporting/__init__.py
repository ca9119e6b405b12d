"""Provincial ingestion (省级汇聚): hall data reported by county Tingwus, deduplicated and applied in order."""
