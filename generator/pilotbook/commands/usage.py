"""What every command says to the person at the terminal: a usage error, a path as they
would type it, what stood in the way of a file being written, and the version."""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from pilotbook.records.new import Occupied, unwritable
from pilotbook.text.escaping import log_text


class UsageError(Exception):
    """A problem with how the command was called or set up; exit status 1. Each
    argument is a line of its own."""


def shown(path: Path) -> str:
    """A path as the user would type it: relative where it lies below or above the
    current folder (`../../mkdocs.yml`), absolute where it lies elsewhere."""
    absolute, here = path.absolute(), Path.cwd()
    if absolute.is_relative_to(here) or here.is_relative_to(absolute.parent):
        return Path(os.path.relpath(absolute, here)).as_posix()
    return str(absolute)


def refuse_unwritable(what: str, text: str) -> None:
    """Refuse text that a YAML file cannot hold as it is (see `new.unwritable`)."""
    found = unwritable(text)
    if found is not None:
        raise UsageError(
            f"{what} holds U+{ord(found):04X}, which is no character "
            "a file should hold (a control character or a noncharacter, often pasted in "
            "by accident): give it without that character"
        )


def obstacles(
    error: Occupied, command: str, fix: str, named: Callable[[Path], str] = shown
) -> list[str]:
    """What stood in the way of `command`, a line for each."""
    says = {
        "file": f"already exists, and {command} overwrites nothing: {fix}",
        "folder": f"a folder stands where {command} writes a file: move it away",
        "not-a-folder": f"this file stands where {command} needs a folder: rename or move it",
        "link": "this is a symbolic link, which pilotbook does not follow: put a real "
        "folder in its place",
    }
    return [f"{log_text(named(o.path))}: {says[o.kind]}" for o in error.obstacles]


def pilotbook_version() -> str:
    try:
        return version("pilotbook")
    except PackageNotFoundError:
        return "(not installed)"
