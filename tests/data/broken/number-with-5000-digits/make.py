"""Builds this case's file: a number of 5,000 digits, more than Python turns into text."""

from pathlib import Path


def make(root: Path) -> None:
    path = root / "stakeholders" / "it" / "a.yml"
    path.parent.mkdir(parents=True)
    path.write_text(f"name: Anna\ndiscipline: it\nnotes: {'1' * 5000}\n")
