"""Builds this case's files: they are too large, too odd or too risky to commit."""

from pathlib import Path


def make(root: Path) -> None:
    path = root / "stakeholders" / "it" / "a.yml"
    path.parent.mkdir(parents=True)
    text = "name: Anna\ndiscipline: it\nexpectation: "
    path.write_text(text + "x" * (10 * 1024 * 1024 - len(text) - 1) + "\n")
