"""Pages from templates: what every generated page shares, whatever it shows.

A `Renderer` renders a template into a page for one audience: the labels in the
handbook's language, the helpers every template has (`link`, `url_link`, `badge`,
`fill`, `level`, `answer`), a template error as a located problem, and the foot that
says whom the page is for. `pages.py` writes a pilot's pages with it, `pilots.py`
the pages a handbook of several pilots shares.

Page templates are Jinja files that ship in `templates/` beside this module; a
handbook overrides any of them with a file of the same name in its theme's `pages/`
folder. Every value a template prints is escaped for Markdown unless the code marked
it `Safe` (links and markup that pilotbook built itself from escaped parts). Values
from YAML are passed to templates as data and never become template source.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from pilotbook.audience.view import Audience
from pilotbook.config.handbook import Handbook
from pilotbook.method.model import LEVELS, Method
from pilotbook.method.wording import Labels, Trusted
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Position, Problem, Severity
from pilotbook.records.files import identities
from pilotbook.records.kinds import KINDS
from pilotbook.site.page import Page
from pilotbook.site.templating import PageTemplates, finalize
from pilotbook.text.escaping import html_text, markdown_text
from pilotbook.urls import relative_path

MARKS = {
    "shortlisted": "●",
    "pending": "◌",
    "excluded": "■",
    "uncovered": "⚠",
    "covered": "●",
    "interview": "⇄",
    "decided": "★",
    "meets": "✓",
    "fails": "✗",
    "open": "…",
    "selected": "★",
    "rejected": "\u2013",
}

# A link a template prints: its text, the page it leads to, an anchor there.
Link = Callable[..., "Safe"]


class Safe(Trusted):
    """Markdown this module built from escaped parts; printed as it is."""


def page_templates(handbook: Handbook) -> PageTemplates:
    """The handbook's page templates: its own, one file at a time, else pilotbook's;
    none of them a record file under another name (a hard link)."""
    own = handbook.templates_dir
    folders = [handbook.folder(kind) for kind in KINDS] if own is not None else []
    return PageTemplates(own, identities(folders))


def linker(path: str) -> Link:
    """`link(text, target, anchor)` for the page at `path`: a Markdown link to the
    page at `target`, which every engine resolves."""

    def link(text: str, target: str, anchor: str = "") -> Safe:
        return Safe(f"[{markdown_text(text)}]({relative_path(path, target)}{anchor})")

    return link


class Renderer:
    """Renders pages from templates for one `audience`, with `method`'s labels."""

    def __init__(
        self,
        handbook: Handbook,
        method: Method,
        audience: str,
        pilot: str,
        templates: PageTemplates | None = None,
    ) -> None:
        self.handbook = handbook
        self.language = handbook.language
        self.t = Labels(handbook.language, method)
        self.audience = Audience(audience)
        self.public = self.audience is Audience.INTRANET
        # The name a template knows the pilot by.
        self.pilot = pilot
        self.templates = templates or page_templates(handbook)

    def helpers(self, path: str, link: Link) -> dict[str, Any]:
        """The helpers a template on the page at `path` has besides `link`, `url_link`
        and the formatting ones."""
        return {}

    def values(self) -> dict[str, Any]:
        """The values every template of this renderer is given."""
        return {}

    def in_nav(self, path: str) -> bool:
        return True

    def render(self, template: str, path: str, **context: Any) -> Page:
        link = linker(path)

        def url_link(text: str, url: str) -> Safe:
            # An address from the handbook's own configuration, kept inside its <...>.
            target = url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
            return Safe(f"[{markdown_text(text)}](<{target}>)")

        try:
            compiled = self.templates.get(template)
        except jinja2.TemplateSyntaxError as error:
            raise self._template_problem(
                template, error.lineno, error.message, error.filename
            ) from None
        except (OSError, UnicodeDecodeError) as error:
            raise self._unreadable_template(template, error) from None
        try:
            helpers = {"link": link, "url_link": url_link, **self.helpers(path, link)}
            content = self._render(compiled, helpers, context)
        except jinja2.TemplateError as error:
            line = _template_line(error, compiled)
            raise self._template_problem(template, line, error.message, compiled.filename) from None
        except (OSError, UnicodeDecodeError) as error:  # a template it includes
            raise self._unreadable_template(template, error) from None
        content = content.rstrip("\n") + "\n\n" + self.foot() + "\n"
        return Page(path, content, in_nav=self.in_nav(path))

    def _unreadable_template(
        self, template: str, error: OSError | UnicodeDecodeError
    ) -> HandbookError:
        if isinstance(error, OSError):
            why = (error.strerror or "unreadable").lower()
            filename = os.fsdecode(error.filename) if error.filename else None
        else:
            why, filename = "not UTF-8", None
            override = self.handbook.templates_dir
            if override is not None and (override / template).is_file():
                filename = str(override / template)
        shown = self.handbook.display(Path(filename)) if filename else template
        return HandbookError(
            [
                Problem(
                    shown,
                    Position(1, 1),
                    Severity.ERROR,
                    f"the page template cannot be read ({why}): make it a readable UTF-8 "
                    "file, or delete it to use pilotbook's own",
                    Code.TEMPLATE_ERROR,
                )
            ]
        )

    def _template_problem(
        self, template: str, line: int, message: str | None, filename: str | None = None
    ) -> HandbookError:
        shown = self.handbook.display(Path(filename)) if filename else template
        return HandbookError(
            [
                Problem(
                    shown,
                    Position(line or 1, 1),
                    Severity.ERROR,
                    f"the page template cannot be used: {message or 'unknown error'}: fix the "
                    "template, or delete it to use pilotbook's own",
                    Code.TEMPLATE_ERROR,
                )
            ]
        )

    def _render(
        self, compiled: jinja2.Template, helpers: dict[str, Any], context: dict[str, Any]
    ) -> str:
        return compiled.render(
            t=self.t,
            language=self.language,
            pilot=self.pilot,
            public=self.public,
            **helpers,
            badge=self.badge,
            fill=self.fill,
            level=self.level,
            answer=self.answer,
            **self.values(),
            **context,
        )

    @staticmethod
    def fill(words: str, **values: Any) -> Safe:
        """Words with their `{placeholders}` filled in: the words as they are (pilotbook's
        labels), each value escaped as any value a template prints, numbers as they are."""
        shown = {
            key: value if isinstance(value, int | float) else finalize(value)
            for key, value in values.items()
        }
        return Safe(words.format(**shown))

    def badge(self, status: str, text: str | None = None) -> Safe:
        words = text if text is not None else getattr(self.t, status)
        return Safe(
            f'<span class="pb-badge pb-{status}">'
            f'<span aria-hidden="true">{MARKS.get(status, "")}</span> {html_text(words)}</span>'
        )

    def foot(self) -> str:
        """Which audience the page is for, and how current its data is."""
        parts = [self.t[f"audience_{self.audience}"]]
        if self.handbook.as_of is not None:
            parts.insert(0, self.t.as_of.format(date=self.handbook.as_of.isoformat()))
        return f'<p class="pb-foot">{" · ".join(html_text(p) for p in parts)}</p>'

    def level(self, value: str | None) -> Safe:
        """A level of involvement in words with a mark that does not rely on colour."""
        if value is None:
            return Safe("")
        filled = LEVELS.index(value)
        mark = "●" * filled + "○" * (len(LEVELS) - 1 - filled)
        return Safe(
            f'<span class="pb-level pb-level-{value}"><span aria-hidden="true">{mark}</span> '
            f"{html_text(self.t['level_' + value])}</span>"
        )

    def answer(self, value: bool | None) -> str:
        if value is None:
            return self.t.unanswered
        return self.t.yes if value else self.t.no


def _template_line(error: Exception, template: jinja2.Template) -> int:
    """The template line a rendering error comes from, read off the traceback.

    Jinja rewrites the traceback so that its frames for a template carry the
    template's own file name and line numbers."""
    traceback = error.__traceback__
    line = 1
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == template.filename:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line
