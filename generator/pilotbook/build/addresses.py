"""Two files at one address of a site: one would replace the other.

MkDocs writes each file of the site to its destination (`privacy.md` and
`privacy/index.md` both to `privacy/index.html`) and the last one written wins, while
the search index keeps the words of both. The adapters stop instead, naming both.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position, Problem, Severity


def address(destination: str) -> str:
    """A file's destination in the site as a server or file system that ignores case
    and the form of accented letters sees it (Windows, macOS, IIS)."""
    return unicodedata.normalize("NFC", destination).casefold()


def collision(shown: str, other: str, destination: str, *, generated: bool) -> Problem:
    """The problem of the file `shown` published at `destination`, where `other` is
    published too (`generated`: a page pilotbook generates, named by its path)."""
    if generated:
        why = (
            f"this file is in the way of a page pilotbook generates: both it and {other} "
            f"would be published as {destination}, and one would replace the other; rename "
            "or move it, or set the plugin's 'pages_dir' option to a folder the handbook's "
            "own files do not use"
        )
    else:
        why = (
            f"this file and {other} would both be published as {destination}, and one "
            "would replace the other: rename or move one of them"
        )
    return Problem(shown, Position(1, 1), Severity.ERROR, why, Code.SITE_ADDRESS_COLLISION)


def in_the_way(files: Iterable[tuple[str, str, bool]]) -> list[Problem]:
    """The problems of files that stand where the site needs a folder for another
    file: `files` are (shown, destination, generated) as in `collision`. MkDocs would
    stop with a traceback writing the one below (`stakeholders/people` as a file, and
    the generated `stakeholders/people/anna/index.html`). One problem per file in the
    way, named with the first file it blocks."""
    files = list(files)
    at = {address(destination): (shown, generated) for shown, destination, generated in files}
    blocked: dict[str, Problem] = {}
    for shown, destination, generated in files:
        parts = address(destination).split("/")
        for end in range(1, len(parts)):
            folder = "/".join(parts[:end])
            if folder in at and folder not in blocked:
                blocking, ours = at[folder]
                why = (
                    f"this file stands where the site needs a folder, {folder}/, for "
                    f"{shown}: rename or move it"
                )
                if generated and not ours:
                    why += (
                        ", or set the plugin's 'pages_dir' option to a folder the "
                        "handbook's own files do not use"
                    )
                blocked[folder] = Problem(
                    blocking, Position(1, 1), Severity.ERROR, why, Code.SITE_ADDRESS_COLLISION
                )
    return list(blocked.values())


def address_problems(files: Iterable[tuple[str, str, bool]]) -> list[Problem]:
    """Every collision and every file in the way among `files`, (shown, destination,
    generated) as in `collision`, pilotbook's pages first: each file named with the
    first file at its address."""
    files = list(files)
    at: dict[str, list[tuple[str, str, bool]]] = {}
    for file in files:
        at.setdefault(address(file[1]), []).append(file)
    problems = [
        collision(shown, first, destination, generated=ours and not generated)
        for (first, destination, ours), *others in at.values()
        for shown, _, generated in others
    ]
    return problems + in_the_way(files)
