"""Files that no site of the handbook publishes: its stakeholder files, wherever they lie.

MkDocs publishes every file of `docs_dir` and of the theme folders that is not a page
or a template as it is, so a stakeholders folder kept in the docs (`docs/people/`),
linked or copied into them or into the theme folder would put every answer, note and
private value on the site. The adapters take out of what they publish:

- every file whose real path lies in the stakeholders folder, or the folder of any
  other record kind (a folder of the docs, or reached through a link): the folder is
  the handbook's input, never its output; so is the build cache, which holds the
  pages of the team's view too;
- every other YAML file: stakeholder files are YAML, and a copy of one is as private
  as the file itself. pilotbook publishes no YAML file, and says which it left out.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from pilotbook.build.cache import cache_folder
from pilotbook.config.handbook import Handbook
from pilotbook.config.layout import inside
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position, Problem, Severity
from pilotbook.records.files import EXTENSIONS
from pilotbook.records.kinds import KINDS


class Withheld(enum.Enum):
    # A file of the stakeholders folder or the build cache, reached by a link or
    # lying in the docs.
    INPUT = "input"
    # A YAML file elsewhere: perhaps a copy of a stakeholder file.
    YAML = "yaml"


class Withholding:
    """Tells, for the files a site would publish, which it must leave out and why."""

    def __init__(self, handbook: Handbook, environ: Mapping[str, str] = os.environ) -> None:
        cache = cache_folder(environ, handbook.base_dir)
        folders = [handbook.folder(kind) for kind in KINDS]
        folders += [cache] if cache is not None else []
        self.inputs = [os.path.realpath(folder) for folder in folders]

    def __call__(self, path: str | Path) -> Withheld | None:
        """Why the file at `path` is left out of the site, or None: it is published."""
        real = os.path.realpath(path)
        if any(inside(real, folder) for folder in self.inputs):
            return Withheld.INPUT
        if any(str(p).lower().endswith(EXTENSIONS) for p in (path, real)):
            return Withheld.YAML
        return None


def yaml_left_out(paths: Sequence[str | Path], handbook: Handbook) -> Problem:
    """The warning that the YAML files at `paths` (at least one) were left out."""
    more = f" (and {len(paths) - 1} more)" if len(paths) > 1 else ""
    return Problem(
        handbook.display(paths[0]),
        Position(1, 1),
        Severity.WARNING,
        f"this YAML file{more} is left out of the site: stakeholder files are YAML, and "
        "pilotbook publishes none, so that no copy of one shows anyone's answers or notes; "
        "keep stakeholder files only in the stakeholders folder "
        f"({handbook.display(handbook.stakeholders_dir)}), and delete the copies from the "
        "docs and theme folders",
        Code.YAML_IN_SITE,
    )
