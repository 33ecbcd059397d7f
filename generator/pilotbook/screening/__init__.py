"""The method applied to records: the shortlist per discipline, engagement, freshness."""
