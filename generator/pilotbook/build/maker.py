"""Making each build's site: from the build cache where nothing changed, else ahead of
MkDocs' need for it.

`mkdocs build` asks for the files after preparing its theme: the pages are made in a
worker meanwhile where the machine allows (see `pilotbook.build.worker`), and taken,
with their problems, when MkDocs asks for the files, so that a build says the same at
the same point with a worker or without. `mkdocs serve` keeps one `SiteMaker` across its
rebuilds, and with it the pages of earlier builds in memory (see `pilotbook.build.cache`).
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from pilotbook.build.cache import BuildCache
from pilotbook.build.site import Site, look_up, make_site
from pilotbook.build.worker import Ahead
from pilotbook.config.handbook import Handbook
from pilotbook.problems.problem import HandbookError, Problem, Severity, format_problem

log = logging.getLogger("mkdocs.plugins.pilotbook")


class SiteMaker:
    """The site of the current build, made once per build and taken by `take`."""

    def __init__(self) -> None:
        self.site = Site((), (), None)
        # The pages of earlier builds: in memory for the rebuilds of `mkdocs serve`, and
        # on disk where the cache is on.
        self.cache: BuildCache | None = None
        # A site being made in a worker, and the cache folder to name when it is taken.
        self.pending: tuple[Ahead[Site], Path | None] | None = None

    def start(self, handbook: Handbook, folder: Path | None, *, ahead: bool) -> None:
        """Take the site from the cache (`folder` on disk, or memory when not `ahead`),
        or else make it: in a worker when `ahead`, else now. Raises `HandbookError`
        when a file has an error and the site is made now."""
        if self.cache is None and (folder is not None or not ahead):
            self.cache = BuildCache(folder)
        looked_up = look_up(handbook, self.cache)
        site = looked_up.site if looked_up else None
        if site is None and ahead:
            work = functools.partial(make_site, handbook, self.cache, looked_up)
            worker = Ahead(work, carry=(HandbookError,))
            if worker.forked:
                log.debug("pilotbook: making the pages in a worker process meanwhile")
            self.pending = (worker, folder)
        elif site is None:
            site = make_site(handbook, self.cache, looked_up)
        if site is not None:
            self._use(site, folder)

    def take(self) -> Site:
        """The site of this build, waiting for the worker if it is still at work; raises
        `HandbookError` when a file has an error."""
        if self.pending is not None:
            worker, folder = self.pending
            self.pending = None
            self._use(worker.result(), folder)
        return self.site

    def cancel(self) -> None:
        """Stop the worker of a build that ends before it took the site."""
        if self.pending is not None:
            self.pending[0].cancel()
            self.pending = None

    def _use(self, site: Site, folder: Path | None) -> None:
        """Take the pages, board and warnings of a site made or taken from the cache."""
        if site.cached:
            log.info(
                "pilotbook: the stakeholder files, settings and templates are as in an "
                "earlier build; its %d pages come from the cache%s",
                len(site.pages),
                f" in {folder}" if folder else "",
            )
        for warning in site.warnings:
            log_problem(warning)
        self.site = site


def log_problem(problem: Problem) -> None:
    """A warning in MkDocs' log, which fails a strict build; an info problem at INFO,
    which is shown and fails nothing."""
    level = logging.INFO if problem.severity is Severity.INFO else logging.WARNING
    log.log(level, format_problem(problem))
