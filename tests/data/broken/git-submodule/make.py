"""Builds this case's files: they are too large, too odd or too risky to commit."""

from pathlib import Path


def make(root: Path) -> None:
    # A submodule as git checks it out: its files, and a `.git` file naming its gitdir.
    people = root / "stakeholders" / "legal" / "people"
    people.mkdir(parents=True)
    (people / ".git").write_text("gitdir: ../../../.git/modules/people\n")
    (people / "anna.yml").write_text("name: Anna de Boer\ndiscipline: legal\n")
