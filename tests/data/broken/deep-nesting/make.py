"""Builds this case's files: they are too large, too odd or too risky to commit."""

from pathlib import Path


def make(root: Path) -> None:
    path = root / "stakeholders" / "it" / "a.yml"
    path.parent.mkdir(parents=True)
    # 40,000 levels: parsers that recurse have crashed on this.
    path.write_text("[" * 40_000 + "]" * 40_000 + "\n")
