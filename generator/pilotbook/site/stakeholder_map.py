"""The stakeholder map: an onion drawn as SVG at build time.

From the centre outwards: the pilot; a ring of internal disciplines, one sector
each, with their people placed by screening outcome (shortlisted closest to the
pilot, then pending, then excluded); the direct external stakeholders (the
customer); and, on the outside, the indirect environment. Every person is a link to
their page. No script, no web font, no request: the SVG is text in the page.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pilotbook.audience import Outcome, Person, View
from pilotbook.escaping import html_text
from pilotbook.labels import Labels
from pilotbook.screening import Coverage, Status

WIDTH = 800
CENTRE = 400
R_PILOT = 78
R_INTERNAL = 252
R_DIRECT = 318
R_INDIRECT = 392
LEGEND_TOP = 818
HEIGHT = 850
NODE = 12
# Distance from the centre of each screening outcome's band inside a sector.
BAND = {Status.SHORTLISTED: 114, Status.PENDING: 154, Status.EXCLUDED: 194}
BAND_DEPTH = 12
STATUS_ORDER = (Status.SHORTLISTED, Status.PENDING, Status.EXCLUDED)
# Average width of a character at the map's label size, to fit text on an arc.
CHAR_WIDTH = 6.6

# Past this many names on an external ring, the ring shows a count instead.
EXTERNAL_NAMES = 12


@dataclass(frozen=True)
class MapLinks:
    """Where the map's shapes link to, as URLs relative to the map's page."""

    person: Callable[[Person], str]
    # A discipline's people with one screening outcome, where they are counted (or
    # None: counted without a link).
    discipline: Callable[[str, Status], str | None]
    # The list of external stakeholders of one kind.
    external: Callable[[str], str]


@dataclass(frozen=True)
class _Point:
    x: float
    y: float

    def __str__(self) -> str:
        return f"{self.x:.1f},{self.y:.1f}"


def _polar(radius: float, degrees: float) -> _Point:
    angle = math.radians(degrees)
    return _Point(CENTRE + radius * math.cos(angle), CENTRE + radius * math.sin(angle))


def initials(name: str) -> str:
    words = [w for w in name.split() if w[:1].isalpha()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def draw_map(
    screening: View,
    pilot: str,
    language: str,
    links: MapLinks,
    counted: Sequence[Status] = (),
) -> str:
    """The map as one SVG element without blank lines, safe to place in a Markdown page.

    For the outcomes in `counted`, each discipline shows how many people have that
    outcome instead of a shape per person: so the map stays readable with thousands,
    and names no one the audience may not see.
    """
    t = Labels(language)
    parts = [
        f'<svg class="pb-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'role="group" aria-labelledby="pb-map-title pb-map-desc">',
        f'<title id="pb-map-title">{html_text(t.map_title)}: {html_text(pilot)}</title>',
        f'<desc id="pb-map-desc">{html_text(t.map_description)}</desc>',
        f'<circle class="pb-ring-indirect" cx="{CENTRE}" cy="{CENTRE}" r="{R_INDIRECT}"/>',
        f'<circle class="pb-ring-direct" cx="{CENTRE}" cy="{CENTRE}" r="{R_DIRECT}"/>',
        f'<circle class="pb-ring-internal" cx="{CENTRE}" cy="{CENTRE}" r="{R_INTERNAL}"/>',
    ]
    parts += _sectors(screening, t, links, counted)
    parts += _externals(screening.external_direct, (R_INTERNAL + R_DIRECT) / 2, "direct", t, links)
    parts += _externals(
        screening.external_indirect, (R_DIRECT + R_INDIRECT) / 2, "indirect", t, links
    )
    parts += _pilot(pilot)
    parts += _legend(t)
    parts.append("</svg>")
    return "\n".join(parts)


def _sectors(screening: View, t: Labels, links: MapLinks, counted: Sequence[Status]) -> list[str]:
    outcomes = screening.disciplines
    if not outcomes:
        return []
    span = 360 / len(outcomes)
    parts = []
    for index, outcome in enumerate(outcomes):
        start = -90 + index * span
        middle = start + span / 2
        uncovered = outcome.status is Coverage.UNCOVERED
        if uncovered:
            parts.append(
                f'<path class="pb-sector-uncovered" d="{_sector_path(start, start + span)}"/>'
            )
        inner, outer = _polar(R_PILOT, start), _polar(R_INTERNAL, start)
        parts.append(
            f'<line class="pb-sector-edge" x1="{inner.x:.1f}" y1="{inner.y:.1f}" '
            f'x2="{outer.x:.1f}" y2="{outer.y:.1f}"/>'
        )
        status = ("⚠ " if uncovered else "") + t[outcome.status]
        label = outcome.discipline.label(t.language)
        parts.append(_arc_text(label, R_INTERNAL - 14, middle, span, "pb-discipline", f"d{index}"))
        parts.append(
            _arc_text(status, R_INTERNAL - 29, middle, span, "pb-discipline-status", f"s{index}")
        )
        for kind in STATUS_ORDER:
            members = [a for a in outcome.longlist if a.status is kind]
            if kind in counted:
                parts += _count(
                    outcome.discipline.id, label, kind, outcome.count(kind), middle, t, links
                )
            else:
                parts += _band(members, BAND[kind], start, span, t, links.person)
    return parts


def _count(
    discipline_id: str,
    label: str,
    status: Status,
    count: int,
    angle: float,
    t: Labels,
    links: MapLinks,
) -> list[str]:
    """One shape per outcome with the number of people in it, linking to their list."""
    if not count:
        return []
    at = _polar(BAND[status], angle)
    size = NODE + min(6, len(str(count)) * 2)
    text = html_text(f"{label}: {count} {t[status].lower()}")
    shape = _shape(status, at, False, size)
    number = (
        f'<text class="pb-initials pb-initials-{status}" x="{at.x:.1f}" y="{at.y + 4:.1f}" '
        f'text-anchor="middle">{count}</text>'
    )
    href = links.discipline(discipline_id, status)
    if href is None:
        return [f'<g role="img" aria-label="{text}"><title>{text}</title>{shape}{number}</g>']
    return [
        f'<a href="{html_text(href)}" aria-label="{text}"><title>{text}</title>{shape}{number}</a>'
    ]


def _sector_path(start: float, end: float) -> str:
    a, b = _polar(R_PILOT, start), _polar(R_INTERNAL, start)
    c, d = _polar(R_INTERNAL, end), _polar(R_PILOT, end)
    large = 1 if end - start > 180 else 0
    return (
        f"M{a} L{b} A{R_INTERNAL},{R_INTERNAL} 0 {large} 1 {c} "
        f"L{d} A{R_PILOT},{R_PILOT} 0 {large} 0 {a} Z"
    )


def _band(
    members: Sequence[Outcome],
    radius: float,
    start: float,
    span: float,
    t: Labels,
    href: Callable[[Person], str],
) -> list[str]:
    if not members:
        return []
    padding = min(6.0, span / 6)
    usable = span - 2 * padding
    capacity = max(1, int(math.radians(usable) * radius // (NODE * 2.3)))
    # Past one row, alternate between two radii so neighbours do not overlap.
    zigzag = len(members) > capacity
    step = usable / len(members)
    parts = []
    for index, assessment in enumerate(members):
        offset = (BAND_DEPTH if index % 2 else -BAND_DEPTH) if zigzag else 0
        at = _polar(radius + offset, start + padding + (index + 0.5) * step)
        parts.append(_node(assessment, at, t, href))
    return parts


def _shape(status: Status, at: _Point, selected: bool, size: int = NODE) -> str:
    """Outcome shown by shape as well as colour: circle, dashed circle, square."""
    if status is Status.EXCLUDED:
        side = 2 * size - 2
        shape = (
            f'<rect class="pb-node pb-excluded" x="{at.x - size + 1:.1f}" '
            f'y="{at.y - size + 1:.1f}" width="{side}" height="{side}" rx="3"/>'
        )
    else:
        shape = f'<circle class="pb-node pb-{status}" cx="{at.x:.1f}" cy="{at.y:.1f}" r="{size}"/>'
    if selected:
        shape += (
            f'<circle class="pb-selected-ring" cx="{at.x:.1f}" cy="{at.y:.1f}" r="{NODE + 4}"/>'
        )
    return shape


def _node(assessment: Outcome, at: _Point, t: Labels, href: Callable[[Person], str]) -> str:
    person = assessment.stakeholder
    status = assessment.status
    state = t[status] + (f", {t.selected.lower()}" if assessment.selected else "")
    label = html_text(f"{person.name}: {state}")
    return (
        f'<a href="{html_text(href(person))}" aria-label="{label}"><title>{label}</title>'
        f"{_shape(status, at, assessment.selected)}"
        f'<text class="pb-initials pb-initials-{status}" x="{at.x:.1f}" y="{at.y + 4:.1f}" '
        f'text-anchor="middle">{html_text(initials(person.name))}</text></a>'
    )


def _externals(
    people: Sequence[Person], radius: float, kind: str, t: Labels, links: MapLinks
) -> list[str]:
    """Names written along their ring; the top of the ring keeps the ring's own label.

    A ring with more names than fit shows how many there are, linking to the list."""
    parts = [_arc_text(t[kind], radius, -90, 60, "pb-ring-label", f"{kind}-label")]
    if len(people) > EXTERNAL_NAMES:
        text = f"{t[kind]}: {len(people)}"
        arc = _arc_text(text, radius, 90, 120, "pb-external-name", f"{kind}-count")
        parts.append(
            f'<a class="pb-external pb-external-{kind}" href="{html_text(links.external(kind))}" '
            f'aria-label="{html_text(text)}"><title>{html_text(text)}</title>{arc}</a>'
        )
        return parts
    href = links.person
    step = 360 / (len(people) + 1)
    for index, person in enumerate(people):
        label = html_text(f"{person.name}: {t[kind]}")
        text = _arc_text(
            person.name,
            radius,
            -90 + (index + 1) * step,
            step,
            "pb-external-name",
            f"{kind}-{index}",
        )
        parts.append(
            f'<a class="pb-external pb-external-{kind}" href="{html_text(href(person))}" '
            f'aria-label="{label}"><title>{label}</title>{text}</a>'
        )
    return parts


def _arc_text(text: str, radius: float, centre: float, span: float, cls: str, ident: str) -> str:
    """Text that follows a circle, upright on both halves, cut short to fit its arc."""
    half = min(span * 0.45, 170)
    fits = max(3, int(math.radians(2 * half) * radius / CHAR_WIDTH))
    if len(text) > fits:
        text = text[: fits - 1].rstrip() + "…"
    lower = 0 < (centre % 360) < 180
    start, end = _polar(radius, centre - half), _polar(radius, centre + half)
    if lower:  # run right to left along the bottom, so the letters stand upright
        start, end = end, start
    sweep = 0 if lower else 1
    large = 1 if 2 * half > 180 else 0
    return (
        f'<path id="pb-arc-{ident}" class="pb-arc" fill="none" '
        f'd="M{start} A{radius:.1f},{radius:.1f} 0 {large} {sweep} {end}"/>'
        f'<text class="{cls}" dominant-baseline="central"><textPath href="#pb-arc-{ident}" '
        f'startOffset="50%" text-anchor="middle">{html_text(text)}</textPath></text>'
    )


def _pilot(pilot: str) -> list[str]:
    lines = _wrap(pilot, 14)[:4]
    top = CENTRE - (len(lines) - 1) * 8 + 4
    spans = "".join(
        f'<tspan x="{CENTRE}" y="{top + 16 * i:.1f}">{html_text(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return [
        f'<circle class="pb-pilot" cx="{CENTRE}" cy="{CENTRE}" r="{R_PILOT}"/>',
        f'<text class="pb-pilot-name" text-anchor="middle">{spans}</text>',
    ]


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _legend(t: Labels) -> list[str]:
    y = LEGEND_TOP
    items = (
        (Status.SHORTLISTED, False, t.shortlisted),
        (Status.PENDING, False, t.pending),
        (Status.EXCLUDED, False, t.excluded),
        (Status.SHORTLISTED, True, t.selected),
    )
    parts = [f'<g class="pb-legend"><text x="20" y="{y + 5}">{html_text(t.legend)}:</text>']
    x = 110
    for status, selected, text in items:
        parts.append(_shape(status, _Point(x, y), selected))
        parts.append(f'<text x="{x + 20}" y="{y + 5}">{html_text(text)}</text>')
        x += 40 + int(7 * len(text))
    parts.append("</g>")
    return parts
