"""The MkDocs plugin: a thin adapter from MkDocs events to the pilotbook core.

- `on_config` describes the handbook and starts reading, screening and rendering the
  stakeholder files (in a process of its own where that is safe, see
  `pilotbook.build.worker`, while MkDocs prepares its theme and files);
- `on_files` takes the result, stops the build with `path:line:col` messages when a
  file is wrong, and adds the generated pages as virtual files: nothing is written
  into the source tree, and the per-stakeholder pages stay out of the navigation;
- `mkdocs build` writes into a staging folder that `on_post_build` swaps in whole, and
  a failed, aborted or interrupted build leaves the last good site as it was (see
  `pilotbook.build.swap`).
"""

from __future__ import annotations

import functools
import html
import logging
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.utils import CountHandler
from mkdocs.utils.templates import TemplateContext

from pilotbook.audience.view import AUDIENCES
from pilotbook.build.addresses import address, collision
from pilotbook.build.cache import CACHE_DIR_VARIABLE, BuildCache, cache_folder
from pilotbook.build.export import OFFLINE_VARIABLE, PACKAGED_THEME, WORKER_SHIM, offline_asked
from pilotbook.build.site import Site, look_up, make_site, templates_in, with_board
from pilotbook.build.swap import Staging, stage
from pilotbook.build.withheld import Withheld, Withholding, inside, yaml_left_out
from pilotbook.build.worker import Ahead
from pilotbook.config.handbook import (
    Handbook,
    edit_base,
)
from pilotbook.config.options import (
    DEFAULTS,
    check_config_file,
    check_options,
    language_for,
    plugin_entry,
)
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import (
    HandbookError,
    Position,
    Problem,
    Severity,
    format_problem,
)
from pilotbook.records.revisions import last_change, last_commit_time
from pilotbook.site.searchfold import with_folded_words
from pilotbook.yaml.source import KeyPath, YamlDocument, YamlSyntaxError, decode, parse

log = logging.getLogger("mkdocs.plugins.pilotbook")
AUDIENCE_VARIABLE = "PILOTBOOK_AUDIENCE"


class _AsWritten(c.BaseConfigOption[Any]):
    """An option MkDocs hands on as written, for the core to check with its line in
    mkdocs.yml (`pilotbook.config.options.check_options`, which the commands use too)."""

    def __init__(self, default: Any = None) -> None:
        super().__init__()
        self.default = default


class PilotbookConfig(base.Config):
    """The plugin's options; what each means and takes: `config.options.PluginOptions`."""

    stakeholders_dir = _AsWritten(DEFAULTS.stakeholders_dir)
    pages_dir = _AsWritten(DEFAULTS.pages_dir)
    language = _AsWritten(DEFAULTS.language)
    pilot = _AsWritten(DEFAULTS.pilot)
    review_after_days = _AsWritten(DEFAULTS.review_after_days)
    audience = _AsWritten(DEFAULTS.audience)
    home_board = _AsWritten(DEFAULTS.home_board)
    summary_after = _AsWritten(DEFAULTS.summary_after)
    disciplines = _AsWritten()
    questions = _AsWritten()
    phases = _AsWritten()
    grid = _AsWritten()

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        """MkDocs' checks, less its warning about an unknown option: `check_options`
        reports that one as an error, with its line and the option meant.

        First mkdocs.yml itself is held to a stakeholder file's limits (see
        `check_config_file`): MkDocs goes on to log every setting written out, which
        for an alias bomb is gigabytes, so a configuration error would come too late."""
        if self.config_file_path:
            config_file = Path(self.config_file_path)
            try:
                check_config_file(config_file, config_file.name)
            except HandbookError as error:
                raise Abort(str(error)) from None
        failed, warnings = super().validate()
        known = {name for name, _ in self._schema}
        return failed, [(key, warning) for key, warning in warnings if key in known]


class PilotbookPlugin(BasePlugin[PilotbookConfig]):
    def __init__(self) -> None:
        self.site = Site((), (), None)
        self.generated: set[str] = set()
        self.edit_urls: dict[str, str] = {}
        # The pages of earlier builds: in memory for the rebuilds of `mkdocs serve`, and
        # on disk where the cache is on (see pilotbook.build.cache).
        self.cache: BuildCache | None = None
        # `mkdocs serve` builds into a temporary folder of its own: nothing to stage.
        self.staged = False
        self.dirty = False
        self.staging: Staging | None = None
        # A site being made while MkDocs prepares, with what `_use` needs to take it.
        self.pending: tuple[Ahead[Site], Handbook, Path | None] | None = None
        self.handbook: Handbook | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Also defined so that MkDocs keeps this plugin between the rebuilds of `mkdocs serve`."""
        self.staged = command != "serve"
        self.dirty = dirty

    # Runs after the other plugins' on_config, so that the offline plugin has set the
    # URL style wherever it is listed.
    @event_priority(-50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        _reproducible(Path(config.config_file_path or ".").parent)
        _with_packaged_theme(config)
        _nothing_from_a_cdn(config)
        # The settings are checked here, the stakeholder files when MkDocs asks for the
        # files (on_files): either stops the build before anything reaches the site.
        try:
            _offline_as_asked(config)
            handbook = handbook_for(config, self.config)
            self.handbook = handbook
            config.watch.append(str(handbook.stakeholders_dir))
            if handbook.templates_dir is not None and handbook.templates_dir.is_dir():
                config.watch.append(str(handbook.templates_dir))
            folder = cache_folder(os.environ, handbook.base_dir)
            _nothing_private_published(config, handbook, folder)
            if self.cache is None and (folder is not None or not self.staged):
                self.cache = BuildCache(folder)
            looked_up = look_up(handbook, self.cache)
            site = looked_up.site if looked_up else None
            if site is None and self.staged:
                # Made in a worker beside MkDocs' own preparation where the machine allows
                # (see pilotbook.build.worker), and taken with its problems when MkDocs asks for
                # the files: at the same point of the build with a worker or without.
                work = functools.partial(make_site, handbook, self.cache, looked_up)
                ahead = Ahead(work, carry=(HandbookError,))
                if ahead.forked:
                    log.debug("pilotbook: making the pages in a worker process meanwhile")
                self.pending = (ahead, handbook, folder)
            elif site is None:
                site = make_site(handbook, self.cache, looked_up)
        except HandbookError as error:
            raise PluginError(str(error)) from None
        if site is not None:
            self._use(site, handbook, folder)
        _as_text(config)
        if self.staged:
            site_dir = Path(config.site_dir)
            try:
                self.staging = stage(
                    site_dir,
                    audience=handbook.audience,
                    dirty=self.dirty,
                    pages_dir=self.config.pages_dir,
                )
            except OSError as error:
                in_the_way = isinstance(error, FileExistsError | NotADirectoryError)
                why = "a file is in the way" if in_the_way else (error.strerror or "").lower()
                raise PluginError(
                    f"{handbook.display(site_dir)}:1:1: error: the site cannot be written "
                    f"there ({why}): point 'site_dir' in mkdocs.yml, or 'mkdocs build -d', "
                    "at a folder this user can create and write"
                ) from None
            config.site_dir = str(self.staging.folder)
        return config

    def on_page_markdown(
        self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files
    ) -> str:
        if page.is_homepage and self.site.board is not None:
            return with_board(markdown, self.site.board)
        return markdown

    # After Material's search has indexed the page (at priority 0).
    @event_priority(-10)
    def on_page_context(
        self, context: TemplateContext, *, page: MkPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """A generated page's edit button leads to the YAML file it is made from, or is
        left out: MkDocs would point it at a Markdown file that does not exist. The
        search index gets the page's words without accents (see searchfold)."""
        if page.file.src_uri in self.generated:
            page.edit_url = self.edit_urls.get(page.file.src_uri)
        _fold_into_search(config, page)
        return context

    def _use(self, site: Site, handbook: Handbook, folder: Path | None) -> None:
        """Take the pages, board and warnings of a site made or taken from the cache."""
        if site.cached:
            log.info(
                "pilotbook: the stakeholder files, settings and templates are as in an "
                "earlier build; its %d pages come from the cache%s",
                len(site.pages),
                f" in {folder}" if folder else "",
            )
        for warning in site.warnings:
            log.warning(format_problem(warning))
        self.site = site

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.pending is not None:
            ahead, handbook, folder = self.pending
            self.pending = None
            try:
                site = ahead.result()
            except HandbookError as error:
                raise PluginError(str(error)) from None
            self._use(site, handbook, folder)
        self.generated = {page.path for page in self.site.pages}
        self.edit_urls = {p.path: p.edit_url for p in self.site.pages if p.edit_url}
        generated = [
            File.generated(
                config,
                page.path,
                content=page.content,
                inclusion=InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV,
            )
            for page in self.site.pages
        ]
        if self.handbook is not None:
            _withhold(files, self.handbook)
            try:
                _one_file_per_address(files, generated, self.handbook)
            except HandbookError as error:
                raise PluginError(str(error)) from None
        for file in generated:
            files.append(file)
        return files

    # After the other plugins' on_post_build, which still write into the site (Material's
    # offline plugin runs at -100).
    @event_priority(-200)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.staging is None:
            return
        config.site_dir = str(self.staging.site)
        # MkDocs counts strict mode's warnings but aborts only after this event.
        if config.strict and _warned(logging.getLogger("mkdocs")):
            self._discard()
        else:
            self.staging.publish()
            self.staging = None

    def on_build_error(self, *, error: Exception) -> None:
        self._discard()

    def on_shutdown(self) -> None:
        # Ctrl-C is no Exception, so on_build_error does not see it.
        self._discard()

    def _discard(self) -> None:
        if self.pending is not None:
            self.pending[0].cancel()
            self.pending = None
        if self.staging is not None:
            self.staging.discard()
            log.info("pilotbook: the build did not finish; %s is as it was", self.staging.site)
            self.staging = None


def _nothing_private_published(
    config: MkDocsConfig, handbook: Handbook, cache: Path | None
) -> None:
    """Raises `HandbookError` for a layout that would publish what no site may have.

    The stakeholders folder may lie in the docs (its files stay out of the site, see
    `_withhold`), but may not hold the docs or theme folder, all of whose files would
    then be stakeholder data. The build cache, which holds the pages of every audience
    it was built for, may lie in none of the folders MkDocs publishes from or into."""
    config_file = Path(config.config_file_path or "mkdocs.yml")
    stakeholders = os.path.realpath(handbook.stakeholders_dir)
    # Each folder, and whether MkDocs publishes the files in it (else it writes there).
    published = (
        ("docs folder (docs_dir)", config.docs_dir, True),
        ("theme folder (custom_dir)", config.theme.custom_dir, True),
        ("site folder (site_dir)", config.site_dir, False),
    )
    problems = []
    for what, folder, source in published:
        if not folder:
            continue
        shown, real = handbook.display(folder), os.path.realpath(folder)
        if source and inside(real, stakeholders):
            problems.append(
                Problem(
                    handbook.display(config_file),
                    _Locator(config_file).position(("stakeholders_dir",)),
                    Severity.ERROR,
                    f"the stakeholders folder holds the {what}, {shown}, whose files MkDocs "
                    "publishes: keep the stakeholder files in a folder of their own, such as "
                    "'stakeholders' beside mkdocs.yml or a folder 'people' in the docs",
                    Code.INVALID_OPTION,
                )
            )
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


def _withhold(files: Files, handbook: Handbook) -> None:
    """Take every stakeholder file out of what MkDocs publishes (see pilotbook.build.withheld):
    the files of the stakeholders folder and the build cache without a word (the
    folder may lie in the docs; either may be linked there), and with a warning any
    other YAML file of the docs or the theme folder."""
    withholding = Withholding(handbook)
    yaml = []
    for file in list(files):
        why = withholding(file.abs_src_path) if file.abs_src_path else None
        if why is None:
            continue
        files.remove(file)
        if why is Withheld.YAML and not file.inclusion.is_excluded():
            yaml.append(file.abs_src_path)
    if yaml:
        log.warning(format_problem(yaml_left_out(yaml, handbook)))


def _one_file_per_address(
    files: Iterable[File], generated: Sequence[File], handbook: Handbook
) -> None:
    """Raises `HandbookError` naming both files where two of `files` and the pages
    pilotbook `generated` would be published at one address (see site.addresses)."""
    ours = {id(file) for file in generated}
    at: dict[str, list[File]] = {}
    for file in [*generated, *files]:
        if not file.inclusion.is_excluded():
            at.setdefault(address(file.dest_uri), []).append(file)
    problems = [
        # Each of the handbook's files named with the page pilotbook generates there,
        # or else with the first of its own files there.
        collision(
            _shown(file, handbook),
            _shown(first, handbook),
            first.dest_uri,
            generated=id(first) in ours and id(file) not in ours,
        )
        for first, *others in at.values()
        for file in others
    ]
    if problems:
        raise HandbookError(problems)


def _shown(file: File, handbook: Handbook) -> str:
    """A file of the site as messages name it; a generated page by its path in the site."""
    return handbook.display(file.abs_src_path) if file.abs_src_path else file.src_uri


def _fold_into_search(config: MkDocsConfig, page: MkPage) -> None:
    """Add the page's folded words to the first section Material's search made of it,
    in a span the results never show. Without Material's search, nothing happens."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    entries = getattr(getattr(search, "search_index", None), "entries", None)
    if not isinstance(entries, list):
        return
    first = None
    for entry in reversed(entries):
        location = entry.get("location", "") if isinstance(entry, dict) else None
        if location is None or location.split("#")[0] != page.url:
            break
        first = entry
    if first is not None:
        first["text"] = with_folded_words(first.get("text", ""), first.get("title", ""))


def _warned(logger: logging.Logger) -> bool:
    return any(isinstance(h, CountHandler) and h.get_counts() for h in logger.handlers)


def handbook_for(config: MkDocsConfig, options: PilotbookConfig) -> Handbook:
    """Describe the handbook from MkDocs' configuration and the plugin's options, which
    the core checks (`check_options`): a wrong one stops with its line in mkdocs.yml."""
    config_file = Path(config.config_file_path or "mkdocs.yml")
    base_dir = config_file.parent.absolute()
    theme_language = config.theme.get("language")
    locate = _Locator(config_file).position
    checked, problems = check_options(dict(options), config_file.name, locate, theme_language)
    if problems:
        raise HandbookError(problems)
    custom_dir = config.theme.custom_dir
    stakeholders_dir = base_dir / checked.stakeholders_dir
    return Handbook(
        stakeholders_dir=stakeholders_dir,
        base_dir=base_dir,
        method=checked.method,
        language=language_for(checked.language, theme_language),
        pilot=checked.pilot or config.site_name,
        templates_dir=templates_in(Path(custom_dir)) if custom_dir else None,
        directory_urls=config.use_directory_urls,
        pages_dir=checked.pages_dir,
        review_days=checked.review_after_days,
        summary_after=checked.summary_after,
        audience=_audience(checked.audience),
        as_of=last_change(stakeholders_dir),
        home_board=checked.home_board,
        edit_base=edit_base(
            config.repo_url,
            config.edit_uri,
            Path(os.path.relpath(config.docs_dir, base_dir)).as_posix(),
        ),
    )


def _with_packaged_theme(config: MkDocsConfig) -> None:
    """Material finds pilotbook's overrides after the handbook's own `custom_dir` and
    before its own files, so a handbook overrides them one file at a time."""
    if config.theme.name != "material":
        return
    dirs = config.theme.dirs
    packaged = str(PACKAGED_THEME)
    if packaged not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, packaged)


def _nothing_from_a_cdn(config: MkDocsConfig) -> None:
    """An intranet site loads nothing from outside: the offline plugin adds the
    iframe-worker shim from unpkg; this serves pilotbook's copy."""
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [
        WORKER_SHIM if "iframe-worker" in str(script) and "://" in str(script) else script
        for script in polyfills
    ]


def _as_text(config: MkDocsConfig) -> None:
    """Material prints the site's name, description and author into its pages as they
    are; a pilot's name such as 'Video <b>1</b>' must show as text, not become markup."""
    for key in ("site_name", "site_description", "site_author"):
        if config.get(key):
            config[key] = html.escape(config[key], quote=True)


def _offline_as_asked(config: MkDocsConfig) -> None:
    """PILOTBOOK_OFFLINE=true builds the copy that works from disk, or says why it can't:
    it switches Material's offline plugin on, which must be listed in mkdocs.yml."""
    if not offline_asked():
        return
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    if offline is None or not offline.config.get("enabled", True):
        raise HandbookError(
            [
                Problem(
                    Path(config.config_file_path or "mkdocs.yml").name,
                    Position(1, 1),
                    Severity.ERROR,
                    f"{OFFLINE_VARIABLE} is set, but the offline plugin does not follow it: "
                    "under 'plugins:' add '- offline:' with 'enabled: !ENV "
                    f"[{OFFLINE_VARIABLE}, false]' (as 'pilotbook init' writes it)",
                    Code.OFFLINE_NOT_CONFIGURED,
                )
            ]
        )


def _reproducible(folder: Path) -> None:
    """Two builds of one commit give the same bytes: MkDocs dates the sitemap and its
    gzip copy by SOURCE_DATE_EPOCH, which defaults here to the last commit's time."""
    if "SOURCE_DATE_EPOCH" not in os.environ:
        stamp = last_commit_time(folder)
        if stamp is not None:
            os.environ["SOURCE_DATE_EPOCH"] = str(stamp)


def _audience(configured: str) -> str:
    chosen = os.environ.get(AUDIENCE_VARIABLE, "").strip() or configured
    if chosen not in AUDIENCES:
        raise HandbookError(
            [
                Problem(
                    f"${AUDIENCE_VARIABLE}",
                    Position(1, 1),
                    Severity.ERROR,
                    f"'{chosen}' is not an audience: set {AUDIENCE_VARIABLE} to "
                    f"{' or '.join(AUDIENCES)}, or leave it unset to use mkdocs.yml",
                    Code.INVALID_OPTION,
                )
            ]
        )
    return chosen


class _Locator:
    """Finds an option's line in mkdocs.yml, reading the file only if it is asked to."""

    def __init__(self, config_file: Path) -> None:
        self.config_file = config_file

    @functools.cached_property
    def options(self) -> tuple[YamlDocument, KeyPath] | None:
        """The parsed file and the key path of the plugin's options in it."""
        try:
            document = parse(decode(self.config_file.read_bytes()))
        except (OSError, YamlSyntaxError):
            return None
        entry = plugin_entry(document.data)
        return (document, entry[0]) if entry is not None else None

    def position(self, path: KeyPath, key: bool = False) -> Position:
        if self.options is None:
            return Position(1, 1)
        document, prefix = self.options
        return document.position((*prefix, *path), key=key)
