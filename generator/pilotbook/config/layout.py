"""Where the record folders may lie: one verdict for `check` and the build.

The stakeholders folder may lie in the docs (the build keeps its files out of the
site, see `pilotbook.build.withheld`), but may not be or hold the docs folder or the
theme folder, all of whose files MkDocs publishes: `stakeholders_dir: .` or
`stakeholders_dir: docs` would make every page and asset stakeholder data, and
`mkdocs.yml` a stakeholder file. The same holds for every record kind's folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from pilotbook.config.handbook import Handbook
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Position, Problem, Severity
from pilotbook.records.kinds import KINDS


def inside(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or lies below it (both real, absolute paths)."""
    return path == folder or path.startswith(os.path.join(folder, ""))


def check_layout(
    handbook: Handbook,
    docs_dir: str | None,
    custom_dir: str | None,
    config_file: Path,
    locate: Callable[[str], Position],
) -> None:
    """Raises `HandbookError` where a kind's folder (the stakeholders', the callers') is
    or holds the docs folder or the theme folder; each problem stands at the folder's
    option (`locate(option)`) in `config_file`."""
    problems = [
        Problem(
            handbook.display(config_file),
            locate(kind.folder_option),
            Severity.ERROR,
            f"the {kind.plural} folder holds the {what}, {handbook.display(folder)}, whose "
            f"files MkDocs publishes: keep the {kind.name} files in a folder of their own, "
            f"such as '{kind.plural}' beside mkdocs.yml or a folder '{kind.plural}' in the docs",
            Code.INVALID_OPTION,
        )
        for kind in KINDS
        for what, folder in (
            ("docs folder (docs_dir)", docs_dir),
            ("theme folder (custom_dir)", custom_dir),
        )
        if folder and inside(os.path.realpath(folder), os.path.realpath(handbook.folder(kind)))
    ]
    if problems:
        raise HandbookError(problems)
