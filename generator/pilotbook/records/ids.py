"""Ids and file names: a record's id is its file's path below the kind's folder.

    # stakeholders/legal/marieke-smits.yml  ->  id "legal/marieke-smits"

Each part of an id becomes part of a page address and a file name on every system,
so the parts are plain names; `slugify` makes one from a person's name.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import PurePosixPath

from anyascii import anyascii

from pilotbook.problems.codes import Code
from pilotbook.records.files import EXTENSIONS
from pilotbook.records.record_kind import Kind

# Each part of an id becomes part of a URL and a file name on every system.
_ID_PART = re.compile(r"^[a-z0-9][a-z0-9_-]*\Z")
# The longest file name `slugify` makes from a name.
MAX_SLUG = 80
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{p}{n}" for p in ("com", "lpt") for n in range(10)
}


def record_id(relative: PurePosixPath) -> str:
    return posixpath.splitext(relative.as_posix())[0]


def page_address(ident: str) -> str:
    """What a record's page address is made from: an `index` page takes its folder's."""
    folder, _, last = ident.rpartition("/")
    return folder if last == "index" else ident


def check_id(relative: PurePosixPath, kind: Kind) -> tuple[str, Code] | None:
    """Why a file at `relative` below the folder of `kind` is refused, or None."""
    # The folders and the file's stem, split as text: once per file, no Path objects.
    parts = record_id(relative).split("/")
    for part in parts:
        if not _ID_PART.match(part) or part in _WINDOWS_RESERVED:
            suggestion = slugify(part) or "name"
            return (
                f"'{part}' cannot be part of a {kind.name} id: file and folder names below "
                f"the {kind.plural} folder use lower-case letters a-z, digits, '-' and '_' "
                f"(rename it to '{suggestion}', for example)",
                Code.INVALID_FILE_NAME,
            )
    if relative.suffix not in EXTENSIONS:
        return (
            f"the extension must be written '.yml' or '.yaml' (not '{relative.suffix}')",
            Code.INVALID_EXTENSION,
        )
    return None


def slugify(text: str) -> str:
    """An id part for a name: transliterated to ASCII, lower case, words joined by '-'.

    "Søren Ørsted" gives "soren-orsted", "Straße" "strasse", "Дмитрий" "dmitriy".
    """
    folded = anyascii(text)
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        # File systems allow 255 bytes a name; a readable id needs far fewer.
        cut = slug[: MAX_SLUG + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut[1:] else slug[:MAX_SLUG]
    if slug in _WINDOWS_RESERVED:
        slug += "-1"
    return slug
