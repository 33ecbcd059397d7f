"""The generated pages of a handbook, as Markdown, from one screening result.

The MkDocs plugin adds these pages to a build; `pilotbook generate` writes them to a
folder. Both get them from `render_site` (through `site.build.make_site`), so the two
can never drift apart.

Page templates are Jinja files that ship in `templates/` beside this module; a
handbook overrides any of them with a file of the same name in its theme's
`pages/` folder. Every value a
template prints is escaped for Markdown unless the code marked it `Safe` (links and
markup that this module built itself from escaped parts). Values from YAML are
passed to templates as data and never become template source.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import jinja2

from pilotbook.audience.reasons import reason
from pilotbook.audience.view import Outcome, Person, by_name, publish
from pilotbook.config.handbook import Handbook
from pilotbook.method.model import LEVELS
from pilotbook.method.wording import Labels, Trusted
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Position, Problem, Severity
from pilotbook.records.files import identities
from pilotbook.records.kinds import KINDS
from pilotbook.screening.engagement import SETUP
from pilotbook.screening.shortlist import Screening, Status
from pilotbook.site.call_team import call_team_cards, call_team_pages, call_team_path
from pilotbook.site.grid import draw_grid, grid_groups
from pilotbook.site.map.drawing import MapLinks, draw_map
from pilotbook.site.next_step import next_step, setup_missing
from pilotbook.site.page import Page
from pilotbook.site.register import draw_register
from pilotbook.site.templating import PageTemplates, finalize
from pilotbook.text.escaping import html_text, markdown_text
from pilotbook.urls import relative_path, relative_url

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


# Most urgent first: nobody yet, a choice to make, then the settled ones.
URGENCY = {"uncovered": 0, "interview": 1, "covered": 2, "decided": 3}


class Safe(Trusted):
    """Markdown this module built from escaped parts; printed as it is."""


class _PageWriter:
    def __init__(self, screening: Screening, handbook: Handbook) -> None:
        # Everything below reads the audience's view, never the screening itself.
        self.screening = by_name(publish(screening, handbook.audience))
        self.handbook = handbook
        self.language = handbook.language
        self.t = Labels(handbook.language, screening.method)
        root = handbook.pages_dir.strip("/")
        self.paths = {
            "map": f"{root}/index.md",
            "shortlist": f"{root}/shortlist.md",
            "external": f"{root}/external.md",
            "questions": f"{root}/questions.md",
            "grid": f"{root}/grid.md",
            "involvement": f"{root}/involvement.md",
            # A folder's index: the register's links are raw HTML (see site.register).
            "register": f"{root}/register/index.md",
        }
        if self.screening.call_team is not None:
            self.paths["call_team"] = call_team_path(root)
        self.people_dir = f"{root}/people"
        self.disciplines_dir = f"{root}/disciplines"
        # With many people, the map and the shortlist show counts, and each discipline's
        # full list gets a page of its own.
        self.summary = len(screening.assessments) > handbook.summary_after
        self.public = self.screening.public
        # The board asks for a part in the setup only where the method has that phase and
        # the handbook plans involvement at all, as the warnings do (screening.engagement).
        self.plans_setup = SETUP in screening.method.phase_ids and any(
            e.planned for e in screening.engagement.values()
        )
        # A handbook's own template of a page wins over pilotbook's, one file at a time.
        # None of them a record file under another name (a hard link).
        own = handbook.templates_dir
        folders = [handbook.folder(kind) for kind in KINDS] if own is not None else []
        self.templates = PageTemplates(own, identities(folders))

    def person_path(self, stakeholder: Person) -> str:
        return f"{self.people_dir}/{stakeholder.id}.md"

    def discipline_place(self, discipline_id: str) -> tuple[str, str]:
        """A discipline's own place (page and anchor): its whole list where it has one,
        else its section of the shortlist."""
        if self.summary:
            return self.discipline_path(discipline_id), ""
        return self.paths["shortlist"], f"#pb-d-{discipline_id}"

    def discipline_path(self, discipline_id: str) -> str:
        return f"{self.disciplines_dir}/{discipline_id}.md"

    def render(self, template: str, path: str, **context: Any) -> Page:
        def link(text: str, target: str, anchor: str = "") -> Safe:
            return Safe(f"[{markdown_text(text)}]({relative_path(path, target)}{anchor})")

        def url_link(text: str, url: str) -> Safe:
            # An address from the handbook's own configuration, kept inside its <...>.
            target = url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
            return Safe(f"[{markdown_text(text)}](<{target}>)")

        def person(stakeholder: Person) -> Safe:
            if stakeholder.id not in self.screening.ids:
                # A template that names a colleague the audience may not see stops the build.
                raise jinja2.TemplateRuntimeError(
                    f"this page would name {stakeholder.id}, who is not published for the "
                    f"'{self.handbook.audience}' audience"
                )
            return link(stakeholder.name, self.person_path(stakeholder))

        def page(kind: str, text: str | None = None) -> Safe:
            return link(text or getattr(self.t, f"{kind}_title"), self.paths[kind])

        def discipline(discipline_id: str, text: str, status: str = "") -> Safe:
            anchor = f"#pb-{status}" if status else ""
            return link(text, self.discipline_path(discipline_id), anchor)

        try:
            compiled = self.templates.get(template)
        except jinja2.TemplateSyntaxError as error:
            raise self._template_problem(
                template, error.lineno, error.message, error.filename
            ) from None
        except (OSError, UnicodeDecodeError) as error:
            raise self._unreadable_template(template, error) from None
        try:

            def section(discipline_id: str, text: str) -> Safe:
                return link(text, *self.discipline_place(discipline_id))

            helpers = {
                "link": link,
                "url_link": url_link,
                "person": person,
                "page": page,
                "discipline": discipline,
                "section": section,
                "board": lambda: Safe(self.board(path)),
            }
            content = self._render(compiled, helpers, context)
        except jinja2.TemplateError as error:
            line = _template_line(error, compiled)
            raise self._template_problem(template, line, error.message, compiled.filename) from None
        except (OSError, UnicodeDecodeError) as error:  # a template it includes
            raise self._unreadable_template(template, error) from None
        content = content.rstrip("\n") + "\n\n" + self.foot() + "\n"
        # A discipline's page is listed after the shortlist (see site.navigation).
        return Page(path, content, in_nav=not path.startswith(self.people_dir + "/"))

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
            pilot=self.handbook.pilot,
            method=self.screening.method,
            screening=self.screening,
            summary=self.summary,
            public=self.public,
            **helpers,
            badge=self.badge,
            fill=self.fill,
            reason=self.reason,
            level=self.level,
            engagement=self.screening.engagement,
            answer=self.answer,
            place=self.place,
            grid_groups=lambda: grid_groups(self.screening, self.t),
            page_paths=self.paths,
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

    def board(self, path: str) -> str:
        """The decision board: a card per discipline, most urgent first, each with the
        next step in words, the people it is about and a link to its section. HTML
        (escaped here), with addresses as the built site has them."""
        cards = []
        for outcome in self.screening.disciplines:
            target, anchor = self.discipline_place(outcome.discipline.id)
            if path == self.paths["shortlist"]:
                # On the shortlist, a card leads to its section below: a same-page anchor,
                # which every engine reads alike (see pilotbook.urls).
                target, anchor = path, f"#pb-d-{outcome.discipline.id}"
            href = relative_url(path, target, self.handbook.directory_urls) + anchor

            def list_href(status: str, ident: str = outcome.discipline.id, at: str = href) -> str:
                # Each list of a discipline with a page of its own; else its section.
                if not self.summary:
                    return at
                target = self.discipline_path(ident)
                return relative_url(path, target, self.handbook.directory_urls) + f"#pb-{status}"

            missing = self.plans_setup and setup_missing(outcome, self.screening.engagement)
            step = next_step(outcome, self.t, self.public, list_href, missing)
            label = outcome.discipline.label(self.language)
            cards.append(
                (
                    URGENCY[outcome.status],
                    f'<li class="pb-card pb-card-{outcome.status}">'
                    f'<a href="{html_text(href)}"><strong>{html_text(label)}</strong></a> '
                    f"{self.badge(outcome.status)}<br>{step}</li>",
                )
            )
        cards += call_team_cards(self, self.screening.call_team, path, self.handbook.directory_urls)
        cards.sort(key=lambda card: card[0])  # most urgent first, stable within a rank
        title = html_text(self.t.board_title)
        return (
            f'<nav class="pb-board" aria-label="{title}">\n'
            f'<p class="pb-board-title"><strong>{title}</strong></p>\n'
            f'<ul class="pb-cards">{"".join(card for _, card in cards)}</ul>\n</nav>'
        )

    def register(self) -> str:
        def href(person: Person) -> str:
            page = self.person_path(person)
            return relative_url(self.paths["register"], page, self.handbook.directory_urls)

        return draw_register(self.screening, self.t, self.language, href, self.badge, self.level)

    def foot(self) -> str:
        """Which audience the page is for, and how current its data is."""
        parts = [self.t[f"audience_{self.screening.audience}"]]
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

    def reason(self, assessment: Outcome) -> str:
        return reason(assessment, self.screening, self.language)

    def answer(self, value: bool | None) -> str:
        if value is None:
            return self.t.unanswered
        return self.t.yes if value else self.t.no

    def place(self, stakeholder: Person) -> str:
        if stakeholder.external:
            return getattr(self.t, stakeholder.external)
        method = self.screening.method
        return method.discipline(stakeholder.discipline or "").label(self.language)

    def pages(self) -> list[Page]:
        screening = self.screening

        def url(target: str, anchor: str = "") -> str:
            from_map = relative_url(self.paths["map"], target, self.handbook.directory_urls)
            return from_map + anchor

        def discipline_url(ident: str, status: Status) -> str | None:
            if self.public:
                # Counted, never named: the discipline's own place says what may be said.
                if status is not Status.SHORTLISTED:
                    return None
                return url(*self.discipline_place(ident))
            if not self.summary:
                return "#pb-map-words"  # the table under the map names everyone
            return url(self.discipline_path(ident), f"#pb-{status}")

        def from_grid(target: str) -> str:
            return relative_url(self.paths["grid"], target, self.handbook.directory_urls)

        links = MapLinks(
            person=lambda stakeholder: url(self.person_path(stakeholder)),
            discipline=discipline_url,
            external=lambda kind: url(self.paths["external"], f"#pb-{kind}"),
        )
        # The intranet names no one pending or excluded; the map itself decides, sector
        # by sector, where there are too many people to draw.
        counted = (Status.PENDING, Status.EXCLUDED) if self.public else ()
        svg = draw_map(screening, self.handbook.pilot, self.language, links, counted)
        # Past `summary_after`, a quadrant's "+ n" leads to the register: its table lists
        # each group's first rows only.
        grid = draw_grid(
            grid_groups(screening, self.t),
            self.t.grid_title,
            self.t,
            lambda person: from_grid(self.person_path(person)),
            from_grid(self.paths["register"]) if self.summary else None,
        )
        pages = [
            self.render(
                "map.md",
                self.paths["map"],
                svg=Safe(svg),
                people_drawn='class="pb-person"' in svg,  # what the intro may speak of
                counts_drawn='class="pb-count"' in svg,
            ),
            self.render("shortlist.md", self.paths["shortlist"]),
            self.render("external.md", self.paths["external"]),
            self.render("questions.md", self.paths["questions"]),
            self.render("grid.md", self.paths["grid"], svg=Safe(grid)),
            self.render("involvement.md", self.paths["involvement"]),
            self.render("register.md", self.paths["register"], table=Safe(self.register())),
            *call_team_pages(self, screening.call_team),
        ]
        if self.summary:
            pages += [
                self.render("discipline.md", self.discipline_path(o.discipline.id), outcome=o)
                for o in screening.disciplines
            ]
        for stakeholder in screening.stakeholders:
            assessment = screening.assessments.get(stakeholder.id)
            checks = []
            if assessment is not None and not self.public:
                for question in screening.method.questions:
                    given = stakeholder.answers.get(question.id)
                    verdict = (
                        "open"
                        if given is None
                        else ("meets" if given == question.needed else "fails")
                    )
                    checks.append((question, given, verdict))
            edit = self.handbook.edit_base + stakeholder.path if self.handbook.edit_base else None
            page = self.render(
                screening.kind.page,
                self.person_path(stakeholder),
                stakeholder=stakeholder,
                assessment=assessment,
                checks=checks,
                edit_url=edit,
            )
            pages.append(dataclasses.replace(page, edit_url=edit))
        return pages


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


def render_site(
    screening: Screening, handbook: Handbook, home: str
) -> tuple[list[Page], str | None]:
    """Every generated page, and the decision board as it stands on the page at `home`
    (None when the handbook turned the board off)."""
    writer = _PageWriter(screening, handbook)
    return writer.pages(), writer.board(home) if handbook.home_board else None


def render_pages(screening: Screening, handbook: Handbook) -> list[Page]:
    """Every generated page: the map, the shortlist, the externals, the questions, and
    one page per stakeholder (kept out of the navigation)."""
    return _PageWriter(screening, handbook).pages()
