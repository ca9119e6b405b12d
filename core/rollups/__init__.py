"""Rollups (日汇总): daily counts behind every service-quality bulletin."""
