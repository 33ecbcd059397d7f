"""What a build publishes: the handbook's own files and pilotbook's pages, and nothing
private.

- `nothing_private_published` refuses, before anything is read, a layout in which
  MkDocs would publish the build cache (the stakeholders folder's place is checked
  with the options, by `config.layout.check_layout`);
- `with_pages` takes every stakeholder file out of the files MkDocs lists (see
  `pilotbook.build.withheld`), refuses two files at one address (see
  `pilotbook.build.addresses`), and adds the generated pages as virtual files: nothing
  is written into the source tree, the per-stakeholder pages stay out of the
  navigation, and the discipline pages of a large handbook follow the shortlist in a
  `nav:` the handbook wrote (see `pilotbook.site.navigation`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from pilotbook.build.addresses import address_problems
from pilotbook.build.cache import CACHE_DIR_VARIABLE
from pilotbook.build.maker import log_problem
from pilotbook.build.withheld import Withheld, Withholding, left_out
from pilotbook.config.handbook import Handbook
from pilotbook.config.layout import inside
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Position, Problem, Severity
from pilotbook.site.navigation import with_disciplines
from pilotbook.site.page import Page

log = logging.getLogger("mkdocs.plugins.pilotbook")


def nothing_private_published(config: MkDocsConfig, handbook: Handbook, cache: Path | None) -> None:
    """Raises `HandbookError` for a layout that would publish what no site may have.

    The stakeholders folder's place is checked with the options (see
    `config.layout.check_layout`). The build cache, which holds the pages of every
    audience it was built for, may lie in none of the folders MkDocs publishes from or
    into."""
    published = (
        ("docs folder (docs_dir)", config.docs_dir),
        ("theme folder (custom_dir)", config.theme.custom_dir),
        ("site folder (site_dir)", config.site_dir),
    )
    problems = []
    for what, folder in published:
        if not folder:
            continue
        shown, real = handbook.display(folder), os.path.realpath(folder)
        if cache is not None and inside(os.path.realpath(cache), real):
            problems.append(
                Problem(
                    f"${CACHE_DIR_VARIABLE}",
                    Position(1, 1),
                    Severity.ERROR,
                    f"the cache folder {handbook.display(cache)} lies in the {what}, {shown}, "
                    f"and would be published with the site: point {CACHE_DIR_VARIABLE} at a "
                    "folder outside the docs, theme and site folders (such as .cache beside "
                    "mkdocs.yml), or unset it to use ~/.cache/pilotbook",
                    Code.CACHE_IN_SITE,
                )
            )
    if problems:
        raise HandbookError(problems)


def with_pages(
    files: Files, pages: Sequence[Page], handbook: Handbook | None, config: MkDocsConfig
) -> Files:
    """`files` without stakeholder files, and with the generated `pages` (the discipline
    pages in the handbook's `nav:`); raises `HandbookError` where two files would be
    published at one address."""
    generated = [
        File.generated(
            config,
            page.path,
            content=page.content,
            inclusion=InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV,
        )
        for page in pages
    ]
    if handbook is not None:
        _withhold(files, handbook, config.docs_dir)
        _one_file_per_address(files, generated, handbook)
        config.nav = with_disciplines(config.nav, pages, handbook)
    for file in generated:
        files.append(file)
    return files


def _withhold(files: Files, handbook: Handbook, docs_dir: str) -> None:
    """Take every stakeholder file out of what MkDocs publishes: the files of the
    stakeholders folder and the build cache without a word (the folder may lie in the
    docs; either may be linked there), and with a warning any other YAML file of the
    docs or the theme folder, and any file of the docs that a link leads outside them."""
    withholding = Withholding(handbook, docs_dir=docs_dir)
    found: dict[Withheld, list[str]] = {}
    for file in list(files):
        why = withholding(file.abs_src_path) if file.abs_src_path else None
        if why is None:
            continue
        files.remove(file)
        if why is not Withheld.INPUT and not file.inclusion.is_excluded():
            found.setdefault(why, []).append(file.abs_src_path)
    for problem in left_out(found, handbook):
        log_problem(problem)


def _one_file_per_address(
    files: Iterable[File], generated: Sequence[File], handbook: Handbook
) -> None:
    """Raises `HandbookError` naming both files where two of `files` and the pages
    pilotbook `generated` would be published at one address."""
    ours = {id(file) for file in generated}
    problems = address_problems(
        (_shown(f, handbook), f.dest_uri, id(f) in ours)
        for f in [*generated, *files]
        if not f.inclusion.is_excluded()
    )
    if problems:
        raise HandbookError(problems)


def _shown(file: File, handbook: Handbook) -> str:
    """A file of the site as messages name it; a generated page by its path in the site."""
    return handbook.display(file.abs_src_path) if file.abs_src_path else file.src_uri
