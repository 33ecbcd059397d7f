"""Reviewing a change: the screening report and the diff between two revisions."""
