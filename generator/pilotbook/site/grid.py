"""The influence/interest grid: four quadrants drawn as SVG at build time, and the box
of those it does not place.

Influence runs from low (bottom) to high (top), interest from low (left) to high
(right), after Mendelow. Each quadrant names its engagement strategy and lists its
people as links to their pages, each name whole (a long one wraps); a quadrant too full
to list links its "+ n" to where the rest is read: its section of the table under the
grid, which lists everyone, or past `summary_after` people (where each section lists its
first rows) the register filtered to the group (see site.register). Under the
quadrants, a box holds the unplaced: colleagues excluded or still pending (who get no
approach, see screening.engagement) and anyone whose influence or interest is unknown,
each group under its status. No script, no CDN: the table on the same page says
everything in words, group by group (`grid_groups`).

The grid's page is `grid.md`, whose URL (`grid/`) is not its source file's folder: a
name links with SVG's `xlink:href`, which the browser reads against the page's URL under
every engine (Zensical rewrites an `href` against the source file; see pilotbook.urls).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pilotbook.audience.view import Person, View
from pilotbook.method.wording import Labels, Trusted
from pilotbook.screening.engagement import Quadrant
from pilotbook.screening.shortlist import Status
from pilotbook.site.map.bands import wrap as lines_of
from pilotbook.site.register import UNPLACED as NO_APPROACH
from pilotbook.text.escaping import html_text

SIZE = 640
MARGIN = 48
CELL = (SIZE - MARGIN) / 2
# One line of names: a link's height, at least 24 px where the grid is drawn at full size.
LINE = 24
# The room of a quadrant for names, in lines, below its title.
QUADRANT_LINES = 10
# The room of a column of the unplaced box for names, in lines.
BOX_LINES = 8
XLINK = "http://www.w3.org/1999/xlink"
# Where each quadrant sits: (column, row), row 0 at the top (high influence).
PLACES = {
    Quadrant.KEEP_SATISFIED: (0, 0),
    Quadrant.MANAGE_CLOSELY: (1, 0),
    Quadrant.MONITOR: (0, 1),
    Quadrant.KEEP_INFORMED: (1, 1),
}
# The groups of the unplaced, by why: the screening's status first.
UNPLACED = ("excluded", "pending", "unknown")
# The groups of the colleagues the screening gives no approach.
SCREENED_OUT = ("excluded", "pending")
# Marks of a status that do not rely on colour (as the badges' marks).
MARKS = {"excluded": "■", "pending": "◌", "unknown": "?"}


@dataclass(frozen=True)
class GridGroup:
    """One quadrant, or one group of the unplaced, with its people by name."""

    key: str
    title: str
    people: tuple[Person, ...]

    @property
    def anchor(self) -> str:
        """The id of the group's section in the table under the grid."""
        return f"pb-grid-{self.key}"

    @property
    def register(self) -> str:
        """The anchor of the register's view that holds the group: its approach, or its
        status, or (for those whose influence or interest is unknown) everyone without
        an approach."""
        if self.placed:
            return f"pb-r-q-{self.key}"
        return f"pb-r-s-{self.key}" if self.screened_out else f"pb-r-q-{NO_APPROACH}"

    @property
    def placed(self) -> bool:
        return self.key not in UNPLACED

    @property
    def screened_out(self) -> bool:
        """Colleagues the screening gives no approach: excluded or pending."""
        return self.key in SCREENED_OUT


def grid_groups(view: View, t: Labels) -> tuple[GridGroup, ...]:
    """Everyone the view names, each in one group: the four quadrants in the order the
    page explains them, then the unplaced by why (only the groups anyone is in)."""
    members: dict[str, list[Person]] = {key: [] for key in (*Quadrant, *UNPLACED)}
    for person in sorted(view.stakeholders, key=lambda p: (p.name.casefold(), p.id)):
        members[_group(view, person)].append(person)
    groups = [GridGroup(str(q), t[q], tuple(members[q])) for q in Quadrant]
    groups += [
        GridGroup(key, Trusted(f"{t.grid_not_placed}: {_status_words(key, t).lower()}"), people)
        for key in UNPLACED
        if (people := tuple(members[key]))
    ]
    return tuple(groups)


def _apart(groups: Sequence[GridGroup], t: Labels) -> str:
    """Where the colleagues without an approach are, said only where there are any (as
    the page's intro says it: grid.md)."""
    return f" {html_text(t.grid_screened_apart)}" if any(g.screened_out for g in groups) else ""


def _group(view: View, person: Person) -> str:
    engagement = view.engagement.get(person.id)
    if engagement is not None and engagement.quadrant is not None:
        return str(engagement.quadrant)
    outcome = view.assessments.get(person.id)
    if outcome is not None and outcome.status is not Status.SHORTLISTED:
        return str(outcome.status)
    return "unknown"


def _status_words(key: str, t: Labels) -> str:
    return t.grid_unknown if key == "unknown" else t[key]


def draw_grid(
    groups: Sequence[GridGroup],
    title: str,
    t: Labels,
    href: Callable[[Person], str],
    register: str | None = None,
) -> str:
    """The grid as one SVG element without blank lines, safe in a Markdown page. A
    group's "+ n" leads to the register (`register` its address from the grid's page)
    where given, else to the group's section of the table under the grid."""
    by_key = {g.key: g for g in groups}
    unplaced = [g for g in groups if not g.placed]
    box_top = SIZE + 8
    rest = functools.partial(_rest, register=register, t=t)
    box = _box(unplaced, box_top, t, href, rest)
    height = box_top + box[0] + 4
    parts = [
        f'<svg class="pb-grid" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="{XLINK}" '
        f'viewBox="0 0 {SIZE} {height:.0f}" role="group" '
        'aria-labelledby="pb-grid-title pb-grid-desc">',
        f'<title id="pb-grid-title">{html_text(title)}</title>',
        f'<desc id="pb-grid-desc">{html_text(t.grid_description)} '
        f"{html_text(t.grid_screened)}{_apart(groups, t)}</desc>",
    ]
    for quadrant, (column, row) in PLACES.items():
        group = by_key[str(quadrant)]
        x, y = MARGIN + column * CELL, row * CELL
        parts += [
            f'<g class="pb-quadrant pb-{quadrant}">',
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{CELL:.0f}" height="{CELL:.0f}"/>',
            f'<text class="pb-quadrant-title" x="{x + 12:.0f}" y="{y + 26:.0f}">'
            f"{html_text(group.title)} ({len(group.people)})</text>",
            *_names(group, x + 12, y + 26 + LINE, CELL - 24, QUADRANT_LINES, href, rest),
            "</g>",
        ]
    middle = MARGIN + CELL
    parts += [
        f'<text class="pb-grid-axis" x="{middle:.0f}" y="{SIZE - 18}" text-anchor="middle">'
        f"{html_text(t.interest)} →</text>",
        f'<text class="pb-grid-axis" x="18" y="{middle:.0f}" text-anchor="middle" '
        f'transform="rotate(-90 18 {middle:.0f})">{html_text(t.influence)} →</text>',
        *box[1],
        "</svg>",
    ]
    return "\n".join(parts)


def _box(
    groups: Sequence[GridGroup],
    top: float,
    t: Labels,
    href: Callable[[Person], str],
    rest: Callable[[GridGroup], tuple[str, str]],
) -> tuple[float, list[str]]:
    """The box of the unplaced under the quadrants, a column per group under its status
    in words: its height and its parts."""
    width = SIZE - MARGIN
    column = width / max(1, len(groups))
    titles = [
        wrap(f"{MARKS[g.key]} {_status_words(g.key, t)} ({len(g.people)})", column - 24)
        for g in groups
    ]
    used = [
        len(w) + _lines_used(g, column - 24, BOX_LINES) for g, w in zip(groups, titles, strict=True)
    ]
    height = 40 + (LINE * max(used) + 8 if groups else 0)
    parts = [
        '<g class="pb-unplaced">',
        f'<rect x="{MARGIN}" y="{top:.0f}" width="{width:.0f}" height="{height:.0f}"/>',
        f'<text class="pb-quadrant-title" x="{MARGIN + 12}" y="{top + 26:.0f}">'
        f"{html_text(t.grid_not_placed)} ({sum(len(g.people) for g in groups)})</text>",
    ]
    for index, (group, title) in enumerate(zip(groups, titles, strict=True)):
        x, y = MARGIN + index * column + 12, top + 26 + LINE
        parts.append(
            f'<text class="pb-grid-status pb-grid-{group.key}">{_spans(title, x, y)}</text>'
        )
        parts += _names(group, x, y + LINE * len(title), column - 24, BOX_LINES, href, rest)
    parts.append("</g>")
    return height, parts


def _rest(group: GridGroup, register: str | None, t: Labels) -> tuple[str, str]:
    """Where the rest of a group is read, and the words of the link there (with `{count}`
    to fill): the register's view of the group, or its section of the table."""
    if register is None:
        return f"#{group.anchor}", t.grid_more
    return f"{register}#{group.register}", t.grid_more_register


def _spans(lines: Sequence[str], x: float, y: float) -> str:
    """Lines of one text from the baseline `y` on, the next ones indented a little; a
    space ends each line but the last, so that the text reads as words when copied or
    read aloud."""
    return " ".join(
        f'<tspan x="{x + (4 if i == 0 else 14):.0f}" y="{y + LINE * i:.0f}">'
        f"{html_text(line)}</tspan>"
        for i, line in enumerate(lines)
    )


def _names(
    group: GridGroup,
    x: float,
    y: float,
    width: float,
    room: int,
    href: Callable[[Person], str],
    rest: Callable[[GridGroup], tuple[str, str]],
) -> list[str]:
    """A group's names from the baseline `y` on, each whole on as many lines as it
    needs, as many as fit in `room` lines; then "+ n" linking to the rest."""
    shown = _shown(group, width, room)
    parts = []
    for person, lines in shown:
        parts.append(
            f'<a xlink:href="{html_text(href(person))}" aria-label="{html_text(person.name)}">'
            f'<rect class="pb-grid-hit" x="{x:.0f}" y="{y - LINE + 6:.0f}" '
            f'width="{width:.0f}" height="{LINE * len(lines)}"/>'
            f'<text class="pb-grid-name">{_spans(lines, x, y)}</text></a>'
        )
        y += LINE * len(lines)
    more = len(group.people) - len(shown)
    if more:
        address, words = rest(group)
        parts.append(
            f'<a class="pb-grid-more" xlink:href="{html_text(address)}">'
            f'<rect class="pb-grid-hit" x="{x:.0f}" y="{y - LINE + 6:.0f}" '
            f'width="{width:.0f}" height="{LINE}"/>'
            f"<text>{_spans([words.format(count=more)], x, y)}</text></a>"
        )
    return parts


def _shown(group: GridGroup, width: float, room: int) -> list[tuple[Person, list[str]]]:
    """The people listed in `room` lines, each with the lines of their name: all of
    them where they fit, else as many as leave a line for the "+ n"."""
    wrapped = [(p, wrap(p.name, width)) for p in group.people]
    if sum(len(lines) for _, lines in wrapped) <= room:
        return wrapped
    shown, used = [], 0
    for person, lines in wrapped:
        if used + len(lines) > room - 1:
            break
        shown.append((person, lines))
        used += len(lines)
    return shown


def _lines_used(group: GridGroup, width: float, room: int) -> int:
    shown = _shown(group, width, room)
    return sum(len(lines) for _, lines in shown) + (len(shown) < len(group.people))


def wrap(text: str, width: float) -> list[str]:
    """A name in lines of at most `width` units, at about 7.5 units a character (a
    14 px font), broken between words; a word too long for a line is split, never
    cut: every letter shows (see `pilotbook.site.map.bands.wrap`)."""
    return lines_of(text, max(8, int(width / 7.5))) if text.split() else [text]
