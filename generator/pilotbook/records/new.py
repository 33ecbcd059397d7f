"""A new record file, ready to fill in, and writing files whole or not at all.

`pilotbook new "Marieke Smits" --discipline legal` writes a stakeholder file that
carries the screening questions as comments in the handbook's language (the
configured questions' own text), a line that tells YAML-aware editors where the
schema is, and empty answers, which mean "not answered yet": it passes `pilotbook
check` as it is. Which fields it offers, and how, comes from the kind's table.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pilotbook.method.model import Method
from pilotbook.method.pilots import Pilot
from pilotbook.method.wording import label
from pilotbook.records.fields import Field
from pilotbook.records.record_kind import Kind
from pilotbook.text.escaping import one_line

# What no text that `new` or `init` writes may hold: the characters YAML allows in no
# file (control characters but tab and line breaks, DEL, C1 controls, lone surrogates,
# U+FFFE, U+FFFF) and the other noncharacters. Each is a mistake in a name, typically
# pasted in or mis-decoded, which no reader of the page could see.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
)
_UNWRITABLE = re.compile(
    f"[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[{_NONCHARACTERS}]"
)
# Characters a YAML reader takes for a line break, or for a byte-order mark, even
# inside quotes: written as escapes, so the value reads back as it was given.
_ESCAPED = re.compile("[\u2028\u2029\ufeff]")


def unwritable(text: str) -> str | None:
    """The first character of `text` that `new` and `init` refuse to write, if any."""
    found = _UNWRITABLE.search(text)
    return found[0] if found else None


def yaml_scalar(text: str) -> str:
    """A YAML double-quoted scalar that reads back as `text` in every YAML reader
    (JSON's escapes are YAML's); `text` holds nothing `unwritable` finds."""
    return _ESCAPED.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(text, ensure_ascii=False))


def new_record_text(
    kind: Kind,
    method: Method,
    given: Mapping[str, str | None],
    *,
    schema: str | None = None,
    language: str = "nl",
    several: bool = False,
    pilot: Pilot | None = None,
) -> str:
    """A new file of `kind`. `given` holds the YAML text of the fields written with a
    value (None: left out); a field written with a value that `given` lacks is empty.

    In a handbook with `several` pilots, the identity stands at the top (read by
    `method`) and `pilot`'s judgement under `pilots: <id>:` (by the pilot's method);
    without a `pilot`, the person takes part in none yet."""
    lines = [f"# yaml-language-server: $schema={schema}"] if schema else []
    for field in kind.fields:
        if not (several and field.pilot):
            lines += _field_lines(field, method, given, language)
    if several and pilot is not None:
        judged = [f for f in kind.fields if f.pilot]
        lines += ["pilots:", f"  {pilot.id}:"]
        for field in judged:
            lines += [f"    {line}" for line in _field_lines(field, pilot.method, given, language)]
    return "\n".join(lines) + "\n"


def _field_lines(
    field: Field, method: Method, given: Mapping[str, str | None], language: str
) -> list[str]:
    """The lines `new` writes for one field: with a value, as a commented example, or
    none (and the field's prompt above it, as a comment)."""

    def say(key: str) -> str:
        return label(key, language)

    if field.new is None or not field.applies(given):
        return []
    lines = []
    if field.prompt:
        text = say(field.prompt)
        lines += textwrap.wrap(text, 86, initial_indent="# ", subsequent_indent="# ")
    if field.type == "answers":
        lines.append(f"{field.key}:")
        for number, question in enumerate(method.questions, start=1):
            needed = say("yes" if question.needed else "no")
            # A comment is one line: a line break in the text would end it.
            text = one_line(question.text(language))
            lines.append(f"  # {number}. {text} ({say('new_needed')}: {needed})")
            lines.append(f"  {question.id}:")
    elif field.new == "value":
        value = given.get(field.key, "")
        if value is not None:
            lines.append(f"{field.key}: {value}".rstrip())
    elif field.type == "involvement":
        if method.phases:
            lines.append(f"# {field.key}:")
            lines += [f"#   {phase.id}: {field.example[0]}" for phase in method.phases]
    else:
        lines.append(f"# {field.key}: {field.example[0] if field.example else ''}".rstrip())
    return lines


@dataclass(frozen=True)
class Obstacle:
    """What stands in the way: `kind` is "file" (a file to be written exists), "folder"
    (a folder where a file goes), "not-a-folder" (a file where a folder goes) or
    "link" (a symbolic link where a folder goes, which pilotbook does not follow)."""

    path: Path
    kind: Literal["file", "folder", "not-a-folder", "link"]


class Occupied(Exception):
    """Files or folders stand where `write_files` would write; nothing was written."""

    def __init__(self, obstacles: tuple[Obstacle, ...]) -> None:
        super().__init__(", ".join(str(o.path) for o in obstacles))
        self.obstacles = obstacles


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> None:
    """Write each file (by its path below `folder`) whole, or none at all.

    Everything is looked at before anything is written: whatever stands in the way
    raises `Occupied` naming each obstacle. Files and folders get the modes `open()`
    and `mkdir()` give, the umask applied. Should writing fail all the same (a full
    disk, a permission), what was written is removed again and the error raised.
    """
    obstacles: dict[Path, Obstacle] = {}
    needed: dict[Path, None] = {}  # folders to make, parents first
    # The folder and those above it may be links (the user's choice); those below may not.
    for path in (*reversed(folder.parents), folder):
        if not path.is_dir():
            _look_at(path, obstacles, needed, links=False)
    for relative in files:
        path = folder / relative
        for parent in reversed(path.relative_to(folder).parents[:-1]):
            _look_at(folder / parent, obstacles, needed)
        if os.path.lexists(path):
            kind = "folder" if path.is_dir() and not path.is_symlink() else "file"
            obstacles[path] = Obstacle(path, kind)
    if obstacles:
        raise Occupied(tuple(obstacles.values()))
    made_folders: list[Path] = []
    made_files: list[Path] = []
    try:
        for path in needed:
            try:
                path.mkdir()
            except OSError as error:
                raise in_folder(error, path.parent) from None
            made_folders.append(path)
        for relative, text in files.items():
            _write_one(folder / relative, text)
            made_files.append(folder / relative)
    except BaseException:
        for path in made_files:
            path.unlink(missing_ok=True)
        for path in reversed(made_folders):
            with contextlib.suppress(OSError):  # something else is in it now: leave it
                path.rmdir()
        raise


def _look_at(
    path: Path, obstacles: dict[Path, Obstacle], needed: dict[Path, None], *, links: bool = True
) -> None:
    """Note whether the folder `path` is there, is to be made, or is in the way."""
    if path in obstacles or path in needed:
        return
    if links and path.is_symlink():
        obstacles[path] = Obstacle(path, "link")
    elif path.is_dir():
        return
    elif os.path.lexists(path):
        obstacles[path] = Obstacle(path, "not-a-folder")
    else:
        needed[path] = None


def _write_one(path: Path, text: str | bytes) -> None:
    """Write `path` whole or not at all; raises FileExistsError rather than overwrite."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    try:
        # Created as open() creates a file: 0o666 less the umask.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as error:
        raise in_folder(error, path.parent) from None
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(text if isinstance(text, bytes) else text.encode())
        # A hard link appears atomically and fails if the name is taken.
        os.link(temporary, path)
    finally:
        os.unlink(temporary)


def folder_beside(path: Path) -> Path:
    """A new, empty folder next to `path` to write in before swapping it in, made as
    `mkdir` makes one (0o777 less the umask; `tempfile.mkdtemp` would give 0o700)."""
    while True:
        made = path.with_name(f".{path.name}-{secrets.token_hex(8)}")
        try:
            made.mkdir()
        except FileExistsError:
            continue
        except OSError as error:
            raise in_folder(error, path.parent) from None
        return made


def in_folder(error: OSError, folder: Path) -> OSError:
    """`error` in making a file or folder, told of the folder it was to be made in: the
    one to look at (a name pilotbook chose at random would say nothing)."""
    return OSError(error.errno, error.strerror, os.fspath(folder))
