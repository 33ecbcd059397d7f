"""Where the stakeholders folder may lie: one verdict for `check` and the build.

The stakeholders folder may lie in the docs (the build keeps its files out of the
site, see `pilotbook.build.withheld`), but may not be or hold the docs folder or the
theme folder, all of whose files MkDocs publishes: `stakeholders_dir: .` or
`stakeholders_dir: docs` would make every page and asset stakeholder data, and
`mkdocs.yml` a stakeholder file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from pilotbook.config.handbook import Handbook
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Position, Problem, Severity


def inside(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or lies below it (both real, absolute paths)."""
    return path == folder or path.startswith(os.path.join(folder, ""))


def check_layout(
    handbook: Handbook,
    docs_dir: str | None,
    custom_dir: str | None,
    config_file: Path,
    locate: Callable[[], Position],
) -> None:
    """Raises `HandbookError` where the stakeholders folder is or holds the docs folder
    or the theme folder; the problem stands at `stakeholders_dir` (`locate`) in
    `config_file`."""
    stakeholders = os.path.realpath(handbook.stakeholders_dir)
    problems = [
        Problem(
            handbook.display(config_file),
            locate(),
            Severity.ERROR,
            f"the stakeholders folder holds the {what}, {handbook.display(folder)}, whose "
            "files MkDocs publishes: keep the stakeholder files in a folder of their own, "
            "such as 'stakeholders' beside mkdocs.yml or a folder 'people' in the docs",
            Code.INVALID_OPTION,
        )
        for what, folder in (
            ("docs folder (docs_dir)", docs_dir),
            ("theme folder (custom_dir)", custom_dir),
        )
        if folder and inside(os.path.realpath(folder), stakeholders)
    ]
    if problems:
        raise HandbookError(problems)
