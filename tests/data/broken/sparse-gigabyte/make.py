"""Builds this case's files: they are too large, too odd or too risky to commit."""

import os
from pathlib import Path


def make(root: Path) -> None:
    folder = root / "stakeholders" / "it"
    folder.mkdir(parents=True)
    # A gigabyte that takes no disk space: its size must stop pilotbook before a read.
    with open(folder / "a.yml", "wb") as file:
        file.write(b"name: Anna\ndiscipline: it\n")
        os.truncate(file.fileno(), 1024**3)
