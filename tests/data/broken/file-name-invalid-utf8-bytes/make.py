"""Builds this case's files: they are too large, too odd or too risky to commit."""

import os
from pathlib import Path


def make(root: Path) -> None:
    folder = root / "stakeholders" / "it"
    folder.mkdir(parents=True)
    # Latin-1 'ö' and a stray byte: not UTF-8, so Python names the file with surrogates.
    name = os.path.join(os.fsencode(folder), b"j\xf6ran\xff.yml")
    with open(name, "wb") as file:
        file.write(b"name: Joran\ndiscipline: it\n")
