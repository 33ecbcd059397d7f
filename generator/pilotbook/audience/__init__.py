"""The published view of the screening per audience: what the team and the intranet may read."""
