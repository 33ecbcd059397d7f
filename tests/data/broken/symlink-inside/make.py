"""Builds this case's files: they are too large, too odd or too risky to commit."""

from pathlib import Path


def make(root: Path) -> None:
    (root / "stakeholders" / "it" / "copy.yml").symlink_to("anna.yml")
