"""Builds this case's files: they are too large, too odd or too risky to commit."""

from pathlib import Path


def make(root: Path) -> None:
    folder = root / "stakeholders" / "it"
    folder.mkdir(parents=True)
    (folder / "a\x1b[2J\n::error::x.yml").write_text("name: Anna\ndiscipline: it\n")
