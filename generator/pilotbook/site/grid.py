"""The influence/interest grid: four quadrants drawn as SVG at build time.

Influence runs from low (bottom) to high (top), interest from low (left) to high
(right), after Mendelow. Each quadrant names its engagement strategy and lists its
people as links to their pages; a quadrant too full to list shows how many it holds.
No script, no CDN: the table on the same page says everything in words.

The grid's page is `grid.md`, whose URL (`grid/`) is not its source file's folder: a
name links with SVG's `xlink:href`, which the browser reads against the page's URL under
every engine (Zensical rewrites an `href` against the source file; see pilotbook.urls).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pilotbook.audience.view import Person, View
from pilotbook.method.wording import Labels
from pilotbook.screening.engagement import Quadrant
from pilotbook.screening.shortlist import Status
from pilotbook.text.escaping import html_text

SIZE = 640
MARGIN = 48
CELL = (SIZE - MARGIN) / 2
LINE = 22
# Names listed in one quadrant before it shows a count instead.
MAX_NAMES = 10
XLINK = "http://www.w3.org/1999/xlink"
# Where each quadrant sits: (column, row), row 0 at the top (high influence).
PLACES = {
    Quadrant.KEEP_SATISFIED: (0, 0),
    Quadrant.MANAGE_CLOSELY: (1, 0),
    Quadrant.MONITOR: (0, 1),
    Quadrant.KEEP_INFORMED: (1, 1),
}


def draw_grid(view: View, title: str, t: Labels, href: Callable[[Person], str]) -> str:
    """The grid as one SVG element without blank lines, safe in a Markdown page."""
    placed: dict[Quadrant, list[Person]] = {q: [] for q in Quadrant}
    for person in sorted(view.stakeholders, key=lambda p: _order(view, p)):
        engagement = view.engagement.get(person.id)
        if engagement is not None and engagement.quadrant is not None:
            placed[engagement.quadrant].append(person)
    parts = [
        f'<svg class="pb-grid" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="{XLINK}" '
        f'viewBox="0 0 {SIZE} {SIZE}" role="group" aria-labelledby="pb-grid-title pb-grid-desc">',
        f'<title id="pb-grid-title">{html_text(title)}</title>',
        f'<desc id="pb-grid-desc">{html_text(t.grid_description)}</desc>',
    ]
    for quadrant, (column, row) in PLACES.items():
        parts += _quadrant(quadrant, placed[quadrant], column, row, t, href)
    middle = MARGIN + CELL
    parts += [
        f'<text class="pb-grid-axis" x="{middle:.0f}" y="{SIZE - 14}" text-anchor="middle">'
        f"{html_text(t.interest)} →</text>",
        f'<text class="pb-grid-axis" x="18" y="{middle:.0f}" text-anchor="middle" '
        f'transform="rotate(-90 18 {middle:.0f})">{html_text(t.influence)} →</text>',
        "</svg>",
    ]
    return "\n".join(parts)


def _quadrant(
    quadrant: Quadrant,
    people: Sequence[Person],
    column: int,
    row: int,
    t: Labels,
    href: Callable[[Person], str],
) -> list[str]:
    x, y = MARGIN + column * CELL, row * CELL
    parts = [
        f'<g class="pb-quadrant pb-{quadrant}">',
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{CELL:.0f}" height="{CELL:.0f}"/>',
        f'<text class="pb-quadrant-title" x="{x + 12:.0f}" y="{y + 26:.0f}">'
        f"{html_text(t[quadrant])} ({len(people)})</text>",
    ]
    shown = people if len(people) <= MAX_NAMES else people[: MAX_NAMES - 1]
    for index, person in enumerate(shown):
        line_y = y + 26 + LINE * (index + 1.4)
        name = _fit(person.name, CELL - 28)
        parts.append(
            f'<a xlink:href="{html_text(href(person))}" aria-label="{html_text(person.name)}">'
            f'<text class="pb-grid-name" x="{x + 16:.0f}" y="{line_y:.0f}">'
            f"{html_text(name)}</text></a>"
        )
    if len(shown) < len(people):
        line_y = y + 26 + LINE * (len(shown) + 1.4)
        more = len(people) - len(shown)
        parts.append(
            f'<text class="pb-grid-more" x="{x + 16:.0f}" y="{line_y:.0f}">'
            f"+ {more} ({html_text(t.grid_table)})</text>"
        )
    parts.append("</g>")
    return parts


def _order(view: View, person: Person) -> tuple[int, str]:
    """Who a quadrant lists first: externals and the shortlisted, then the pending,
    then the excluded, each by name."""
    outcome = view.assessments.get(person.id)
    rank = {None: 0, Status.SHORTLISTED: 0, Status.PENDING: 1, Status.EXCLUDED: 2}
    return rank[outcome.status if outcome else None], person.name.casefold()


def _fit(text: str, width: float) -> str:
    """Cut a name short to fit its quadrant, at about 7 units a character."""
    room = max(4, int(width / 7))
    return text if len(text) <= room else text[: room - 1] + "…"
