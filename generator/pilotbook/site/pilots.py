"""The site of a handbook of several pilots over one set of people.

Each pilot has its pages at `<pages_dir>/<pilot-id>/`, written by `pages.PageWriter`
from its audience's view and titled with its name. The pilots share:

- one page per person (`<pages_dir>/people/<id>.md`), with their part in each pilot
  whose view names them, as that pilot's audience may read it; someone no pilot's view
  names has no page;
- the portfolio (`<pages_dir>/portfolio.md`): every pilot against every discipline,
  and the people shortlisted or selected in more than one pilot;
- on the home page, each pilot with its decision board.

What these pages say of a person is what `audience.view.PilotsView` says: only what
each pilot's view holds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pilotbook.audience.view import Audience, Outcome, Person, PilotsView, publish_pilots
from pilotbook.config.handbook import Handbook
from pilotbook.method.pilots import Pilot
from pilotbook.method.wording import Labels
from pilotbook.screening.engagement import Engagement
from pilotbook.screening.shortlist import Screening
from pilotbook.site.page import Page
from pilotbook.site.pages import PageWriter
from pilotbook.site.rendering import Renderer, Safe, linker, page_templates
from pilotbook.site.templating import PageTemplates
from pilotbook.text.escaping import markdown_text
from pilotbook.urls import relative_path

PERSON_TEMPLATE = "person.md"
PORTFOLIO_TEMPLATE = "portfolio.md"


@dataclass(frozen=True)
class Part:
    """One pilot's part in a person's page, as that pilot's view has it, with links from
    the person's page to the pilot's own pages: `page(kind, text)` to one of them
    (`map`, `shortlist`, `questions`, `grid`, ...), `place(text)` to where the pilot
    lists the person (their discipline's place, or their kind of external)."""

    pilot: str
    stakeholder: Person
    assessment: Outcome | None
    engagement: Engagement
    # Each question with the answer and verdict, where the pilot's audience reads them.
    checks: list[tuple[Any, bool | None, str]]
    reason: str
    public: bool
    phases: tuple[Any, ...]
    page: Callable[..., Safe] = dataclasses.field(repr=False)
    place: Callable[[str], Safe] = dataclasses.field(repr=False)


def part_of(writer: PageWriter, stakeholder: Person, path: str) -> Part:
    """The part of the pilot `writer` writes in the page at `path` of `stakeholder`."""
    view = writer.screening
    outcome = view.assessments.get(stakeholder.id)
    link = linker(path)

    def page(kind: str, text: str | None = None) -> Safe:
        return link(text or writer.t[f"{kind}_title"], writer.paths[kind])

    def place(text: str) -> Safe:
        if stakeholder.discipline:
            return link(text, *writer.discipline_place(stakeholder.discipline))
        return link(text, writer.paths["external"], f"#pb-{stakeholder.external}")

    return Part(
        writer.pilot,
        stakeholder,
        outcome,
        view.engagement[stakeholder.id],
        writer.checks(stakeholder),
        writer.reason(outcome) if outcome is not None else "",
        view.public,
        view.method.phases,
        page,
        place,
    )


class SharedPages(Renderer):
    """The pages the pilots share, for one audience."""

    def in_nav(self, path: str) -> bool:
        return not path.startswith(people_dir(self.handbook) + "/")


def people_dir(handbook: Handbook) -> str:
    return f"{handbook.pages_dir.strip('/')}/people"


class PilotsSite:
    """Every page of a handbook of several pilots, and its home page's boards."""

    def __init__(self, screened: Sequence[tuple[Pilot, Screening]], handbook: Handbook) -> None:
        self.handbook = handbook
        self.views: PilotsView = publish_pilots(screened)
        self.templates: PageTemplates = page_templates(handbook)
        self.writers = [
            PageWriter(screening, handbook, pilot, part.view, self.templates)
            for (pilot, screening), part in zip(screened, self.views.pilots, strict=True)
        ]
        self.by_id = {pilot.id: w for (pilot, _), w in zip(screened, self.writers, strict=True)}
        self.method = handbook.shared_method
        self.t = Labels(handbook.language, self.method)
        self.portfolio_path = f"{handbook.pages_dir.strip('/')}/portfolio.md"
        self._shared: dict[Audience, SharedPages] = {}

    def shared(self, audience: Audience) -> SharedPages:
        if audience not in self._shared:
            name = self.handbook.pilot
            self._shared[audience] = SharedPages(
                self.handbook, self.method, audience, name, self.templates
            )
        return self._shared[audience]

    def pages(self) -> list[Page]:
        pages = [page for writer in self.writers for page in writer.pilot_pages()]
        pages.append(self.portfolio())
        pages += [self.person_page(ident) for ident in sorted(self.views.people)]
        return pages

    def place(self, person: Person) -> str:
        """Where a person belongs: their discipline, or their kind of external."""
        if person.external:
            return self.t[person.external]
        return self.method.discipline(person.discipline or "").label(self.handbook.language)

    def person_page(self, ident: str) -> Page:
        person, audience = self.views.identity(ident)
        path = f"{people_dir(self.handbook)}/{ident}.md"
        parts = [
            part_of(writer, self.views.named[writer.listed.id][ident], path)
            for writer in self.writers
            if writer.listed is not None and ident in writer.screening.ids
        ]
        edit = self.handbook.edit_base + person.path if self.handbook.edit_base else None
        page = self.shared(audience).render(
            PERSON_TEMPLATE,
            path,
            stakeholder=person,
            place=self.place(person),
            parts=parts,
            edit_url=edit,
        )
        return dataclasses.replace(page, edit_url=edit)

    def portfolio(self) -> Page:
        path = self.portfolio_path
        link = linker(path)
        shared = self.shared(self.views.audience)
        pilots = [link(w.pilot, w.paths["map"]) for w in self.writers]
        rows = []
        for discipline in self.method.disciplines:
            cells: list[Safe | None] = []
            for writer in self.writers:
                view = writer.screening
                if discipline.id not in view.method.discipline_ids:
                    cells.append(None)
                    continue
                status = view.outcome(discipline.id).status
                target, anchor = writer.discipline_place(discipline.id)
                cells.append(
                    Safe(f"[{shared.badge(status)}]({relative_path(path, target)}{anchor})")
                )
            rows.append((discipline.label(self.handbook.language), cells))
        people = [
            (
                link(person.name, f"{people_dir(self.handbook)}/{person.id}.md"),
                self.place(person),
                len(parts),
                Safe(
                    ", ".join(
                        link(p.pilot.name, self.by_id[p.pilot.id].paths["map"]) for p in parts
                    )
                ),
            )
            for person, parts in self.views.on_several_shortlists
        ]
        return shared.render(
            PORTFOLIO_TEMPLATE,
            path,
            pilots=pilots,
            pilot_names=[w.pilot for w in self.writers],
            rows=rows,
            people=people,
            most=self.handbook.max_pilots_per_person,
        )

    def board(self, home: str) -> str:
        """Each pilot with its decision board, for the home page at `home`, after a
        line that leads to the portfolio."""
        link = linker(home)
        portfolio = link(self.t.pilots_portfolio, self.portfolio_path)
        count = self.t.pilots_intro.format(count=len(self.writers))
        blocks = [f"{count} {portfolio}."]
        for writer in self.writers:
            title = markdown_text(writer.pilot)
            pages = " · ".join(
                link(writer.t[f"{kind}_title"], writer.paths[kind])
                for kind in ("map", "shortlist", "register")
            )
            blocks.append(f"## {title}\n\n{pages}\n\n{writer.board(home)}")
        return "\n\n".join(blocks)


def render_pilots(
    screened: Sequence[tuple[Pilot, Screening]], handbook: Handbook, home: str
) -> tuple[list[Page], str | None]:
    """Every page of a handbook of several pilots, and what the home page at `home`
    shows of them (None when the handbook turned the board off)."""
    site = PilotsSite(screened, handbook)
    return site.pages(), site.board(home) if handbook.home_board else None
