"""The MkDocs plugin: routes MkDocs' events to the collaborators that do the work.

- `on_config` describes the handbook (`build.mkdocs_config`, checked by
  `config.options`), wires pilotbook into MkDocs' settings (`build.wiring`), refuses a
  layout that would publish private files (`build.published`), starts making the site
  (`build.maker`: from the cache, or in a worker while MkDocs prepares) and has MkDocs
  write into a staging folder (`build.swap`);
- `on_files` takes the site, stops the build with `path:line:col` messages when a file
  is wrong, and adds the generated pages to what MkDocs publishes (`build.published`);
- the page events put the decision board on the home page, point the edit button of a
  generated page at its YAML file and fold accents into the search index;
- `on_post_build` swaps the finished site in whole; a failed, aborted or interrupted
  build leaves the last good site as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from pilotbook.build import wiring
from pilotbook.build.cache import cache_folder
from pilotbook.build.maker import SiteMaker
from pilotbook.build.mkdocs_config import PilotbookConfig, describe
from pilotbook.build.published import nothing_private_published, with_pages
from pilotbook.build.site import with_board
from pilotbook.build.swap import SiteSwap, Unwritable
from pilotbook.build.theme import confine_theme
from pilotbook.config.handbook import Handbook
from pilotbook.problems.problem import HandbookError


class PilotbookPlugin(BasePlugin[PilotbookConfig]):
    def __init__(self) -> None:
        # Kept between the rebuilds of `mkdocs serve`, with the pages of earlier builds.
        self.maker = SiteMaker()
        self.swap = SiteSwap()
        self.handbook: Handbook | None = None
        # Each generated page's path, and where to edit what it is made from (or None).
        self.edit_urls: dict[str, str | None] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Also defined so that MkDocs keeps this plugin between the rebuilds of `mkdocs serve`."""
        self.swap.start(serve=command == "serve", dirty=dirty)

    # Runs after the other plugins' on_config, so that the offline plugin has set the
    # URL style wherever it is listed.
    @event_priority(-50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        wiring.prepare(config)
        # The settings are checked here, the stakeholder files when MkDocs asks for the
        # files (on_files): either stops the build before anything reaches the site.
        try:
            wiring.offline_as_asked(config)
            self.handbook = handbook = describe(config, self.config)
            confine_theme(config, handbook)
            wiring.watch(config, handbook)
            folder = cache_folder(os.environ, handbook.base_dir)
            nothing_private_published(config, handbook, folder)
            self.maker.start(handbook, folder, ahead=self.swap.staged)
            wiring.as_text(config)
            staging = self.swap.begin(Path(config.site_dir), handbook)
            if staging is not None:
                config.site_dir = str(staging)
        except (HandbookError, Unwritable) as error:
            raise PluginError(str(error)) from None
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        try:
            pages = self.maker.take().pages
            self.edit_urls = {page.path: page.edit_url for page in pages}
            return with_pages(files, pages, self.handbook, config)
        except HandbookError as error:
            raise PluginError(str(error)) from None

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        board = self.maker.site.board
        return with_board(markdown, board) if page.is_homepage and board is not None else markdown

    # After Material's search has indexed the page (at priority 0).
    @event_priority(-10)
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """A generated page's edit button leads to the YAML file it is made from, or is
        left out: MkDocs would point it at a Markdown file that does not exist."""
        if page.file.src_uri in self.edit_urls:
            page.edit_url = self.edit_urls[page.file.src_uri]
        wiring.fold_into_search(config, page)
        return context

    # After the other plugins' on_post_build, which still write into the site (Material's
    # offline plugin runs at -100).
    @event_priority(-200)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # MkDocs counts strict mode's warnings but aborts only after this event.
        site = self.swap.finish(failed=bool(config.strict) and wiring.warned())
        if site is not None:
            config.site_dir = str(site)

    def on_build_error(self, *, error: Exception) -> None:
        self._discard()

    def on_shutdown(self) -> None:
        # Ctrl-C is no Exception, so on_build_error does not see it.
        self._discard()

    def _discard(self) -> None:
        self.maker.cancel()
        self.swap.discard()
