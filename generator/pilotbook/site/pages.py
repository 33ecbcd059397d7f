"""The generated pages of a pilot, as Markdown, from its screening.

The MkDocs plugin adds these pages to a build; `pilotbook generate` writes them to a
folder. Both get them from `render_site` (through `site.build.make_site`), so the two
can never drift apart. Each page is rendered from its template (see `site.rendering`)
with the audience's view of the screening, never the screening itself.

A handbook of one pilot has its pages at `<pages_dir>/`; one of several pilots has
each pilot's at `<pages_dir>/<pilot-id>/`, titled with the pilot's name, and the pages
the pilots share besides (see `site.pilots`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import jinja2

from pilotbook.audience.reasons import reason
from pilotbook.audience.view import Outcome, Person, View, by_name, publish
from pilotbook.config.handbook import Handbook
from pilotbook.method.pilots import Pilot
from pilotbook.screening.engagement import SETUP
from pilotbook.screening.shortlist import Screening, Status
from pilotbook.site.call_team import call_team_cards, call_team_pages, call_team_path
from pilotbook.site.grid import draw_grid, grid_groups
from pilotbook.site.map.drawing import MapLinks, draw_map
from pilotbook.site.next_step import next_step, setup_missing
from pilotbook.site.page import Page
from pilotbook.site.register import draw_register
from pilotbook.site.rendering import Link, Renderer, Safe
from pilotbook.site.templating import PageTemplates
from pilotbook.text.escaping import html_text, markdown_text
from pilotbook.urls import relative_url

# Most urgent first: nobody yet, a choice to make, then the settled ones.
URGENCY = {"uncovered": 0, "interview": 1, "covered": 2, "decided": 3}


class PageWriter(Renderer):
    """The pages of one pilot: the handbook's one (`pilot` None), or one it lists."""

    def __init__(
        self,
        screening: Screening,
        handbook: Handbook,
        pilot: Pilot | None = None,
        view: View | None = None,
        templates: PageTemplates | None = None,
    ) -> None:
        audience = pilot.audience if pilot is not None else handbook.audience
        name = pilot.name if pilot is not None else handbook.pilot
        super().__init__(handbook, screening.method, audience, name, templates)
        self.listed = pilot
        # Everything below reads the audience's view, never the screening itself.
        self.screening = by_name(view or publish(screening, audience))
        top = handbook.pages_dir.strip("/")
        root = f"{top}/{pilot.id}" if pilot is not None else top
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
        # Every pilot's people share their pages.
        self.people_dir = f"{top}/people"
        self.disciplines_dir = f"{root}/disciplines"
        # With many people, the map and the shortlist show counts, and each discipline's
        # full list gets a page of its own.
        self.summary = len(screening.assessments) > handbook.summary_after
        # The board asks for a part in the setup only where the method has that phase and
        # the handbook plans involvement at all, as the warnings do (screening.engagement).
        self.plans_setup = SETUP in screening.method.phase_ids and any(
            e.planned for e in screening.engagement.values()
        )

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

    def in_nav(self, path: str) -> bool:
        # A discipline's page is listed after the shortlist (see site.navigation).
        return not path.startswith(self.people_dir + "/")

    def helpers(self, path: str, link: Link) -> dict[str, Any]:
        def person(stakeholder: Person) -> Safe:
            if stakeholder.id not in self.screening.ids:
                # A template that names a colleague the audience may not see stops the build.
                raise jinja2.TemplateRuntimeError(
                    f"this page would name {stakeholder.id}, who is not published for the "
                    f"'{self.audience}' audience"
                )
            return link(stakeholder.name, self.person_path(stakeholder))

        def page(kind: str, text: str | None = None) -> Safe:
            return link(text or getattr(self.t, f"{kind}_title"), self.paths[kind])

        def discipline(discipline_id: str, text: str, status: str = "") -> Safe:
            anchor = f"#pb-{status}" if status else ""
            return link(text, self.discipline_path(discipline_id), anchor)

        def section(discipline_id: str, text: str) -> Safe:
            return link(text, *self.discipline_place(discipline_id))

        return {
            "person": person,
            "page": page,
            "discipline": discipline,
            "section": section,
            "board": lambda: Safe(self.board(path)),
        }

    def values(self) -> dict[str, Any]:
        return {
            "method": self.screening.method,
            "screening": self.screening,
            "summary": self.summary,
            "reason": self.reason,
            "engagement": self.screening.engagement,
            "place": self.place,
            "grid_groups": lambda: grid_groups(self.screening, self.t),
            "page_paths": self.paths,
        }

    def render(self, template: str, path: str, **context: Any) -> Page:
        page = super().render(template, path, **context)
        if self.listed is None or not self.in_nav(path):
            return page
        return dataclasses.replace(page, content=self.titled(page.content))

    def titled(self, markdown: str) -> str:
        """A page of a listed pilot with the pilot's name in its title (the first line
        that starts with '# '), whichever template made it."""
        lines = markdown.split("\n")
        # Past the front matter (`---` to `---`), where '#' starts a YAML comment.
        start = lines.index("---", 1) + 1 if lines[0] == "---" and "---" in lines[1:] else 0
        for i, line in enumerate(lines[start:], start):
            if line.startswith("# "):
                words = self.t.pilot_page_title
                title = words.format(title=line[2:].rstrip(), pilot=markdown_text(self.pilot))
                lines[i] = f"# {title}"
                break
        return "\n".join(lines)

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
        if self.listed is not None:  # one board of several on the home page
            title = html_text(self.t.pilot_board.format(pilot=self.pilot))
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

    def reason(self, assessment: Outcome) -> str:
        return reason(assessment, self.screening, self.language)

    def place(self, stakeholder: Person) -> str:
        if stakeholder.external:
            return getattr(self.t, stakeholder.external)
        method = self.screening.method
        return method.discipline(stakeholder.discipline or "").label(self.language)

    def pages(self) -> list[Page]:
        """The pilot's pages, and with a handbook's one pilot each person's page."""
        pages = self.pilot_pages()
        if self.listed is None:
            pages += [self.person_page(s) for s in self.screening.stakeholders]
        return pages

    def pilot_pages(self) -> list[Page]:
        """The map, the shortlist, the externals, the questions, the grid, the
        involvement, the register, the call team and, with many people, each
        discipline's page."""
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
        svg = draw_map(screening, self.pilot, self.language, links, counted)
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
        return pages

    def checks(self, stakeholder: Person) -> list[tuple[Any, bool | None, str]]:
        """Each screening question with the answer given and its verdict, where the
        audience may read answers (none on the intranet, none for an external one)."""
        if stakeholder.id not in self.screening.assessments or self.public:
            return []
        checks = []
        for question in self.screening.method.questions:
            given = stakeholder.answers.get(question.id)
            verdict = (
                "open" if given is None else ("meets" if given == question.needed else "fails")
            )
            checks.append((question, given, verdict))
        return checks

    def person_page(self, stakeholder: Person) -> Page:
        """One person's page, edited at their file where the handbook says where."""
        edit = self.handbook.edit_base + stakeholder.path if self.handbook.edit_base else None
        page = self.render(
            self.screening.kind.page,
            self.person_path(stakeholder),
            stakeholder=stakeholder,
            assessment=self.screening.assessments.get(stakeholder.id),
            checks=self.checks(stakeholder),
            edit_url=edit,
        )
        return dataclasses.replace(page, edit_url=edit)


def render_site(
    screening: Screening, handbook: Handbook, home: str
) -> tuple[list[Page], str | None]:
    """Every generated page, and the decision board as it stands on the page at `home`
    (None when the handbook turned the board off)."""
    writer = PageWriter(screening, handbook)
    return writer.pages(), writer.board(home) if handbook.home_board else None


def render_pages(screening: Screening, handbook: Handbook) -> list[Page]:
    """Every generated page: the map, the shortlist, the externals, the questions, and
    one page per stakeholder (kept out of the navigation)."""
    return PageWriter(screening, handbook).pages()
