"""Builds this case's files: they are too large, too odd or too risky to commit."""

from pathlib import Path


def make(root: Path) -> None:
    outside = root / "elsewhere"
    outside.mkdir()
    (outside / "anna.yml").write_text("name: Anna\ndiscipline: it\n")
    (root / "stakeholders").mkdir()
    (root / "stakeholders" / "linked").symlink_to(outside, target_is_directory=True)
