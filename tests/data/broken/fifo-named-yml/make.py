"""Builds this case's files: they are too large, too odd or too risky to commit."""

import os
from pathlib import Path


def make(root: Path) -> None:
    folder = root / "stakeholders" / "it"
    folder.mkdir(parents=True)
    # Opened for reading, a pipe with no writer blocks for ever.
    os.mkfifo(folder / "a.yml")
