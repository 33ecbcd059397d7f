"""Builds this case's files: they are too large, too odd or too risky to commit."""

import os
from pathlib import Path


def make(root: Path) -> None:
    folder = root / "stakeholders" / "it"
    folder.mkdir(parents=True)
    # One folder at a time: os.makedirs itself recurses once per level.
    path = os.fspath(folder)
    for _ in range(1100):
        path = os.path.join(path, "a")
        os.mkdir(path)
    with open(os.path.join(path, "anna.yml"), "w") as file:
        file.write("name: Anna\ndiscipline: it\n")
