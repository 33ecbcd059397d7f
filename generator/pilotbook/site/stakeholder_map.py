"""The stakeholder map: an onion drawn as SVG at build time.

From the centre outwards: the pilot; a ring of internal disciplines, one sector
each, tinted by its coverage, with its people placed by screening outcome
(shortlisted closest to the pilot, then pending, then excluded); the direct
external stakeholders (the customer); and, on the outside, the indirect
environment. A ring nobody is in is left out. Every person is a numbered link to
their page; a numbered key under the map names them, for print and touch.

The map is laid out twice from the same rules: wide for screens and print, narrow
for phones (CSS shows one). Each is drawn in units chosen so that its text stays
at least 12 CSS pixels and its links at least 24 pixels wide at the smallest
width it is shown at. A sector, or an external ring, too full to draw one shape
per person shows bubbles with counts instead, whose area grows with the count.
No script, no web font, no request: the SVG is text in the page.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from pilotbook.audience.view import Person, View
from pilotbook.method.wording import LABELS, Labels
from pilotbook.screening.shortlist import Coverage, Status
from pilotbook.text.escaping import html_text

STATUS_ORDER = (Status.SHORTLISTED, Status.PENDING, Status.EXCLUDED)
EXTERNAL_KINDS = ("direct", "indirect")

# Every text on the map is this size in map units; a canvas is only ever shown
# where a unit is at least 0.75 CSS pixels, so text is at least 12 pixels.
FONT = 16
# Average advance of a character at FONT, regular and bold, to fit text in space.
CHAR = 0.56 * FONT
CHAR_BOLD = 0.62 * FONT
LINE = FONT + 6
NODE = 14  # radius of a person's shape
HIT = 18  # radius of a person's link area: 36 units, 27 pixels or more
GAP = 2  # between two link areas
BUBBLE_MAX = 44  # radius of the largest count on a wide map
RING = 2 * HIT + 12  # depth of an external ring
LABELS_DEPTH = 2 * LINE + 4  # a sector's name and status along its outer edge
MARGIN = 8
# Distance between candidate positions when looking for room for a shape.
STEP = 3.0
# How much shorter than exact a placed shape's blocked stretch of a row is taken
# (degrees): the places at its ends get the exact test.
_SHORT = 1e-3
# One row of places for a circle: its distance from the centre, and its angles.
_Row = tuple[float, list[float]]


class Canvas(NamedTuple):
    """One size of the map: its width in units, and whether the pilot's name fits in
    the centre (otherwise it heads the map)."""

    name: str
    width: int
    pilot_inside: bool
    bubble_max: float

    @property
    def ident(self) -> str:
        return "pb-map" if self.name == "wide" else f"pb-map-{self.name}"


# Wide: shown from 720 CSS pixels of screen (at least 600 pixels of map), and in print.
WIDE = Canvas("wide", 800, True, BUBBLE_MAX)
# Narrow: a phone's 358 pixels of map for 460 units.
NARROW = Canvas("narrow", 460, False, 30)
CANVASES = (WIDE, NARROW)


class MapLinks(NamedTuple):
    """Where the map's shapes link to, as URLs relative to the map's page."""

    person: Callable[[Person], str]
    # A discipline's people with one screening outcome, where they are counted (or
    # None: counted without a link).
    discipline: Callable[[str, Status], str | None]
    # The list of external stakeholders of one kind.
    external: Callable[[str], str]


class _Point(NamedTuple):
    x: float
    y: float

    def __str__(self) -> str:
        return f"{self.x:.1f},{self.y:.1f}"


class Region(NamedTuple):
    """Part of a ring: radii from the centre, and the angles (degrees, clockwise
    from three o'clock) it runs between."""

    r_in: float
    r_out: float
    start: float
    end: float

    def holds(self, rho: float, theta: float, radius: float) -> bool:
        """Whether a circle at (rho, theta) of `radius` lies wholly inside."""
        if rho - radius < self.r_in or rho + radius > self.r_out:
            return False
        if not self.start <= theta <= self.end:
            return False
        if self.end - self.start >= 360:
            return True
        for edge in (theta - self.start, self.end - theta):
            away = rho * math.sin(math.radians(edge)) if edge < 90 else rho
            if away < radius + GAP:
                return False
        return True

    def rows(self, radius: float) -> Iterator[_Row]:
        """Places for a circle, row by row from the inside out: each row's distance
        from the centre and its angles. A row leaves out the places too close to the
        region's edges for `holds` (a little fewer, to be safe)."""
        rho = self.r_in + radius
        while rho + radius <= self.r_out:
            step = math.degrees(STEP / rho)
            first, last = self.start, self.end
            if self.end - self.start < 360:
                near = (radius + GAP) / rho
                edge = math.degrees(math.asin(near)) - 1e-6 if near < 1 else 0.0
                first, last = self.start + edge, self.end - edge
            theta = self.start
            while theta < first:
                theta += step
            thetas = []
            while theta <= last:
                thetas.append(theta)
                theta += step
            yield rho, thetas
            rho += STEP


class Node(NamedTuple):
    """One person's shape. `status` is None for an external stakeholder."""

    x: float
    y: float
    person: Person
    status: Status | None
    selected: bool
    number: int


class Bubble(NamedTuple):
    """How many people of one outcome (or one external kind) a shape stands for."""

    x: float
    y: float
    r: float
    count: int
    status: Status | None
    discipline: str | None  # id, or None on an external ring
    kind: str | None  # the external kind, or None in a sector


class Sector(NamedTuple):
    index: int
    view_index: int
    start: float
    span: float
    counted: bool


class Layout(NamedTuple):
    """Where everything goes on one canvas; drawn by `_svg`, checked by the tests."""

    canvas: Canvas
    cx: float
    cy: float
    r_pilot: float
    r_internal: float
    rings: tuple[tuple[str, float, float], ...]  # kind, inner and outer radius
    sectors: tuple[Sector, ...]
    nodes: tuple[Node, ...]
    bubbles: tuple[Bubble, ...]
    caption_y: float
    legend_y: float
    height: float

    def circles(self) -> list[tuple[float, float, float]]:
        """Every shape's link area as (x, y, radius): none may overlap another."""
        return [(n.x, n.y, HIT) for n in self.nodes] + [(b.x, b.y, b.r) for b in self.bubbles]


def text_width(text: str, bold: bool = False) -> float:
    return len(text) * (CHAR_BOLD if bold else CHAR)


def bubble_min(count: int) -> float:
    """The smallest bubble its number fits in, never smaller than a person's link."""
    return max(HIT, text_width(str(count), True) / 2 + 2)


def numbering(screening: View) -> dict[str, int]:
    """Each person the map may name, numbered in the map's order."""
    people = [o.stakeholder for d in screening.disciplines for o in d.longlist]
    people += list(screening.external_direct) + list(screening.external_indirect)
    return {p.id: index for index, p in enumerate(people, start=1)}


def layout_map(screening: View, counted: Sequence[Status], canvas: Canvas) -> Layout:
    """Place every shape of the map on `canvas`, without any two overlapping.

    A sector whose people do not all fit the room its bands have shows counts for
    each outcome instead; so does an external ring."""
    numbers = numbering(screening)
    cx = canvas.width / 2
    top = MARGIN if canvas.pilot_inside else MARGIN + LINE + 4
    r_max = canvas.width / 2 - MARGIN
    cy = top + r_max
    r_pilot = 72.0 if canvas.pilot_inside else 16.0
    kinds = [
        kind
        for kind, people in zip(
            EXTERNAL_KINDS, (screening.external_direct, screening.external_indirect), strict=True
        )
        if people
    ]
    r_internal = r_max - RING * len(kinds)
    rings = tuple(
        (kind, r_internal + RING * i, r_internal + RING * (i + 1)) for i, kind in enumerate(kinds)
    )
    biggest = max(
        [d.count(s) for d in screening.disciplines for s in STATUS_ORDER]
        + [len(screening.external_direct), len(screening.external_indirect), 1]
    )

    # One scale for every bubble: the biggest count at the maximum size, but a count
    # never drawn larger than as many people's shapes would be (in a small handbook,
    # a count of one is no bigger than a person).
    scale = min(canvas.bubble_max / math.sqrt(biggest), NODE)

    def bubble_radius(count: int) -> float:
        # Area in proportion to the count, from a readable minimum up.
        return max(bubble_min(count), scale * math.sqrt(count))

    nodes: list[Node] = []
    bubbles: list[Bubble] = []
    sectors: list[Sector] = []
    disciplines = screening.disciplines
    span = 360 / len(disciplines) if disciplines else 360
    for index, outcome in enumerate(disciplines):
        start = -90 + index * span
        region = Region(r_pilot + MARGIN, r_internal - LABELS_DEPTH, start, start + span)
        named = [
            (o, s)
            for s in STATUS_ORDER
            if s not in counted
            for o in outcome.longlist
            if o.status is s
        ]
        counts = [(s, outcome.count(s)) for s in STATUS_ORDER if s in counted and outcome.count(s)]
        placed = _place(region, [HIT] * len(named) + [bubble_radius(c) for _, c in counts])
        if placed is not None:
            for (o, s), (x, y, _) in zip(named, placed, strict=False):
                nodes.append(
                    _node(cx, cy, x, y, o.stakeholder, s, o.selected, numbers[o.stakeholder.id])
                )
            for (s, c), (x, y, r) in zip(counts, placed[len(named) :], strict=True):
                bubbles.append(Bubble(cx + x, cy + y, r, c, s, outcome.discipline.id, None))
            sectors.append(Sector(index, index, start, span, False))
            continue
        every: list[tuple[Status | None, int]] = [
            (s, outcome.count(s)) for s in STATUS_ORDER if outcome.count(s)
        ]
        if len(every) > 1 and _place(region, [bubble_min(c) for _, c in every]) is None:
            # No room for one count per outcome: one count for the sector, the outcomes
            # in its words.
            every = [(None, sum(c for _, c in every))]
        for (s, c), (x, y, r) in zip(
            every, _place_bubbles(region, every, bubble_radius), strict=True
        ):
            bubbles.append(Bubble(cx + x, cy + y, r, c, s, outcome.discipline.id, None))
        sectors.append(Sector(index, index, start, span, True))
    for kind, r_in, r_out in rings:
        people = screening.external_direct if kind == "direct" else screening.external_indirect
        half = _ring_gap((r_in + r_out) / 2)
        region = Region(r_in + 2, r_out - 2, -90 + half, 270 - half)
        placed = _spread(region, len(people))
        if placed is not None:
            for person, (x, y, _) in zip(people, placed, strict=True):
                nodes.append(_node(cx, cy, x, y, person, None, False, numbers[person.id]))
            continue
        ((x, y, r),) = _place_bubbles(region, [(None, len(people))], bubble_radius, RING / 2 - 2)
        bubbles.append(Bubble(cx + x, cy + y, r, len(people), None, None, kind))
    # The numbers count the people this drawing shows, in the map's order, from 1: a
    # map that counts most of its people does not start its key at 896.
    order = sorted(nodes, key=lambda node: node.number)
    shown = {node.person.id: number for number, node in enumerate(order, start=1)}
    nodes = [node._replace(number=shown[node.person.id]) for node in nodes]
    caption_y = cy + r_max + MARGIN + LINE / 2
    legend_y = caption_y + LINE + 6
    rows = len(_legend_rows(canvas.width, _LEGEND_PLACEHOLDER))
    height = legend_y + rows * (LINE + 8) + MARGIN
    return Layout(
        canvas,
        cx,
        cy,
        r_pilot,
        r_internal,
        rings,
        tuple(sectors),
        tuple(nodes),
        tuple(bubbles),
        caption_y,
        legend_y,
        height,
    )


def _ring_gap(radius: float) -> float:
    """Half the angle kept free at the top of an external ring for the ring's name."""
    return math.degrees((text_width("x" * 18) + 30) / radius)


def _node(
    cx: float,
    cy: float,
    x: float,
    y: float,
    person: Person,
    status: Status | None,
    selected: bool,
    number: int,
) -> Node:
    return Node(cx + x, cy + y, person, status, selected, number)


def _place(region: Region, radii: Sequence[float]) -> list[tuple[float, float, float]] | None:
    """Positions (relative to the centre) for circles of `radii` in order, each at the
    first free place row by row from the inside out; None if one does not fit."""
    area = sum(math.pi * (r + GAP) ** 2 for r in radii)
    room = math.pi * (region.r_out**2 - region.r_in**2) * (region.end - region.start) / 360
    if area > room * 0.9:
        return None  # too full, whatever the arrangement
    placed: list[tuple[float, float, float]] = []
    polar: list[tuple[float, float, float]] = []  # the same circles: rho, degrees, radius
    # Once a place is taken, no earlier one frees up: the same size resumes there.
    resume: dict[float, tuple[Iterator[_Row], _Row, int]] = {}
    for radius in radii:
        if radius in resume:
            rows, row, first = resume[radius]
        else:
            rows, first = region.rows(radius), 0
            row = next(rows, None)
        # A row may have no place at all (near the centre of a narrow sector): the
        # search ends only when the rows do.
        while row is not None:
            rho, thetas = row
            index = _free(region, rho, thetas, first, radius, placed, polar)
            if index is not None:
                theta = thetas[index]
                angle = math.radians(theta)
                placed.append((rho * math.cos(angle), rho * math.sin(angle), radius))
                polar.append((rho, theta, radius))
                resume[radius] = (rows, row, index + 1)
                break
            row, first = next(rows, None), 0
        else:
            return None
    return placed


def _free(
    region: Region,
    rho: float,
    thetas: list[float],
    first: int,
    radius: float,
    placed: list[tuple[float, float, float]],
    polar: list[tuple[float, float, float]],
) -> int | None:
    """The first of a row's places from `first` on where a circle of `radius` fits.

    Each placed circle blocks a stretch of the row, worked out from the triangle of
    centre, circle and place; the stretch is taken a little short, and every place
    outside it gets the exact test, so the answer is the one testing every place
    would give, without testing most."""
    blocked: list[tuple[float, float]] = []
    for prho, ptheta, pr in polar:
        reach = radius + pr + GAP
        if abs(rho - prho) >= reach:
            continue
        cosine = (rho * rho + prho * prho - reach * reach) / (2 * rho * prho)
        half = (180.0 if cosine <= -1 else math.degrees(math.acos(min(cosine, 1.0)))) - _SHORT
        if half > 0:
            for turn in (-360.0, 0.0, 360.0):
                blocked.append((ptheta + turn - half, ptheta + turn + half))
    index = first
    while index < len(thetas):
        theta = thetas[index]
        for low, high in blocked:
            if low < theta < high:
                index = bisect.bisect_left(thetas, high, index + 1)
                break
        else:
            if region.holds(rho, theta, radius):
                angle = math.radians(theta)
                x, y = rho * math.cos(angle), rho * math.sin(angle)
                if all(math.hypot(x - px, y - py) >= radius + pr + GAP for px, py, pr in placed):
                    return index
            index += 1
    return None


def _spread(region: Region, count: int) -> list[tuple[float, float, float]] | None:
    """Positions for `count` people spread evenly along a ring; None if they do not fit."""
    rho = (region.r_in + region.r_out) / 2
    margin = math.degrees((HIT + GAP) / rho)
    start, end = region.start + margin, region.end - margin
    step = (end - start) / max(1, count - 1) if count > 1 else 0
    if count > 1 and 2 * rho * math.sin(math.radians(step) / 2) < 2 * HIT + GAP:
        return None
    angles = [start + step * i for i in range(count)] if count > 1 else [90.0]
    return [(rho * math.cos(math.radians(a)), rho * math.sin(math.radians(a)), HIT) for a in angles]


def _place_bubbles(
    region: Region,
    counts: Sequence[tuple[Status | None, int]],
    radius: Callable[[int], float],
    limit: float | None = None,
) -> list[tuple[float, float, float]]:
    """Counts always fit: if the proportional sizes do not, every bubble shrinks alike
    towards the smallest that holds its number."""
    for shrink in (1.0, 0.85, 0.7, 0.55, 0.4, 0.0):
        radii = [max(bubble_min(c), radius(c) * shrink) for _, c in counts]
        if limit is not None:
            radii = [
                max(bubble_min(c), min(r, limit)) for r, (_, c) in zip(radii, counts, strict=True)
            ]
        placed = _place(region, radii)
        if placed is not None:
            return placed
    # Last resort (many disciplines on the narrow drawing): each count in the middle of
    # its region, as large as the region allows. The map is cramped, never a failed build.
    rho = (region.r_in + region.r_out) / 2
    middle = math.radians((region.start + region.end) / 2)
    half_arc = math.radians(min(region.end - region.start, 180) / 2)
    room = max(4.0, min((region.r_out - region.r_in) / 2, rho * math.sin(half_arc)) - GAP)
    x, y = rho * math.cos(middle), rho * math.sin(middle)
    return [(x, y, room) for _ in counts]


def draw_map(
    screening: View,
    pilot: str,
    language: str,
    links: MapLinks,
    counted: Sequence[Status] = (),
) -> str:
    """The map, wide and narrow, and its numbered key, safe to place in a Markdown page
    inside a `<figure>` (no blank lines).

    The outcomes in `counted` are always shown as counts per discipline (the intranet
    names no one pending or excluded); a sector too full to draw shows every outcome
    as a count.
    """
    t = Labels(language)
    layouts = [layout_map(screening, counted, canvas) for canvas in CANVASES]
    parts = [_svg(layout, screening, pilot, t, links) for layout in layouts]
    # Each drawing has the key to its own numbers, shown and hidden with it: a phone's
    # map that shows only counts has none.
    parts += [_key(layout, t) for layout in layouts]
    return "\n".join(part for part in parts if part)


def _key(layout: Layout, t: Labels) -> str:
    """The numbers on one drawing with the names they stand for: for print and touch."""
    drawn = {n.number: n.person for n in layout.nodes}
    if not drawn:
        return ""
    items = "".join(
        f'<li value="{number}">{html_text(person.name)}</li>'
        for number, person in sorted(drawn.items())
    )
    ident = layout.canvas.ident
    return (
        f'<div class="pb-keys {ident}-keys"><p class="pb-map-key-title">'
        f'{html_text(t.map_key)}</p><ol class="pb-map-key">{items}</ol></div>'
    )


def _svg(layout: Layout, screening: View, pilot: str, t: Labels, links: MapLinks) -> str:
    canvas = layout.canvas
    ident = canvas.ident
    parts = [
        f'<svg class="{canvas.ident}" '
        f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {canvas.width} {layout.height:.0f}" '
        f'role="group" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{html_text(t.map_title)}: {html_text(pilot)}</title>',
        f'<desc id="{ident}-desc">{html_text(t.map_description)}</desc>',
    ]
    cx, cy = layout.cx, layout.cy
    for kind, _, r_out in reversed(layout.rings):
        parts.append(
            f'<circle class="pb-ring-{kind}" cx="{cx:.1f}" cy="{cy:.1f}" r="{r_out:.1f}"/>'
        )
    parts.append(
        f'<circle class="pb-ring-internal" cx="{cx:.1f}" cy="{cy:.1f}" '
        f'r="{layout.r_internal:.1f}"/>'
    )
    for kind, r_in, r_out in layout.rings:
        parts.append(
            _arc_text(
                t[kind],
                layout,
                (r_in + r_out) / 2,
                -90,
                2 * _ring_gap((r_in + r_out) / 2) / 0.45 * 0.9,
                "pb-ring-label",
                f"{kind}",
            )
        )
    parts += _sectors(layout, screening, t)
    parts += _pilot(layout, pilot)
    for node in layout.nodes:
        parts.append(_node_link(node, layout, t, links))
    for bubble in layout.bubbles:
        parts.append(_bubble(bubble, layout, screening, t, links))
    parts += _legend(layout, t)
    parts.append("</svg>")
    return "\n".join(parts)


def _polar(layout: Layout, radius: float, degrees: float) -> _Point:
    angle = math.radians(degrees)
    return _Point(layout.cx + radius * math.cos(angle), layout.cy + radius * math.sin(angle))


def _sectors(layout: Layout, screening: View, t: Labels) -> list[str]:
    parts = []
    for sector in layout.sectors:
        outcome = screening.disciplines[sector.view_index]
        start, span = sector.start, sector.span
        middle = start + span / 2
        status = outcome.status
        parts.append(
            f'<path class="pb-sector pb-sector-{status}" '
            f'd="{_sector_path(layout, start, start + span)}"/>'
        )
        warn = "⚠ " if status is Coverage.UNCOVERED else ""
        label = outcome.discipline.label(t.language)
        r = layout.r_internal
        parts.append(
            _arc_text(
                label, layout, r - LINE / 2 - 2, middle, span, "pb-discipline", f"d{sector.index}"
            )
        )
        parts.append(
            _arc_text(
                warn + t[status],
                layout,
                r - LINE * 1.5 - 2,
                middle,
                span,
                f"pb-discipline-status pb-discipline-{status}",
                f"s{sector.index}",
            )
        )
    return parts


def _sector_path(layout: Layout, start: float, end: float) -> str:
    inner, outer = layout.r_pilot, layout.r_internal
    if end - start >= 360:
        end = start + 359.99
    a, b = _polar(layout, inner, start), _polar(layout, outer, start)
    c, d = _polar(layout, outer, end), _polar(layout, inner, end)
    large = 1 if end - start > 180 else 0
    return (
        f"M{a} L{b} A{outer:.1f},{outer:.1f} 0 {large} 1 {c} "
        f"L{d} A{inner:.1f},{inner:.1f} 0 {large} 0 {a} Z"
    )


def _caption(layout: Layout, text: str) -> str:
    """The name of what the pointer or focus is on, in the room under the onion."""
    fits = int((layout.canvas.width - 2 * MARGIN) / CHAR)
    if len(text) > fits:
        text = text[: fits - 1].rstrip() + "…"
    return (
        f'<text class="pb-caption" x="{layout.cx:.1f}" y="{layout.caption_y:.1f}" '
        f'text-anchor="middle" dominant-baseline="central">{html_text(text)}</text>'
    )


def _shape(status: Status | None, x: float, y: float, selected: bool, size: float = NODE) -> str:
    """Outcome shown by shape as well as colour: circle, dashed circle, square; an
    external stakeholder is a diamond."""
    if status is Status.EXCLUDED:
        side = 2 * size - 2
        shape = (
            f'<rect class="pb-node pb-excluded" x="{x - size + 1:.1f}" '
            f'y="{y - size + 1:.1f}" width="{side:.1f}" height="{side:.1f}" rx="3"/>'
        )
    elif status is None:
        d = size + 2
        shape = (
            f'<path class="pb-node pb-external-node" '
            f'd="M{x:.1f},{y - d:.1f} L{x + d:.1f},{y:.1f} L{x:.1f},{y + d:.1f} '
            f'L{x - d:.1f},{y:.1f} Z"/>'
        )
    else:
        shape = f'<circle class="pb-node pb-{status}" cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}"/>'
    if selected:
        shape += f'<circle class="pb-selected-ring" cx="{x:.1f}" cy="{y:.1f}" r="{size + 3:.1f}"/>'
    return shape


def _hit(x: float, y: float, r: float) -> str:
    return f'<circle class="pb-hit" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'


def _node_link(node: Node, layout: Layout, t: Labels, links: MapLinks) -> str:
    person = node.person
    if node.status is None:
        state = t[person.external or "direct"]
    else:
        state = t[node.status] + (f", {t.selected.lower()}" if node.selected else "")
    label = f"{person.name}: {state}"
    cls = f"pb-initials-{node.status or 'external'}"
    return (
        f'<a class="pb-person" href="{html_text(links.person(person))}" '
        f'aria-label="{html_text(label)}"><title>{html_text(label)}</title>'
        f"{_hit(node.x, node.y, HIT)}{_shape(node.status, node.x, node.y, node.selected)}"
        f'<text class="pb-number {cls}" x="{node.x:.1f}" y="{node.y:.1f}" text-anchor="middle" '
        f'dominant-baseline="central">{node.number}</text>'
        f"{_caption(layout, f'{node.number}. {label}')}</a>"
    )


def _bubble(bubble: Bubble, layout: Layout, screening: View, t: Labels, links: MapLinks) -> str:
    if bubble.kind is not None:
        text = f"{t[bubble.kind]}: {bubble.count}"
        href: str | None = links.external(bubble.kind)
        cls = "pb-external-node"
    else:
        assert bubble.discipline is not None
        outcome = screening.outcome(bubble.discipline)
        label = outcome.discipline.label(t.language)
        if bubble.status is None:  # the sector's total, each outcome in words
            text = f"{label}: " + ", ".join(
                f"{outcome.count(s)} {t[s].lower()}" for s in STATUS_ORDER if outcome.count(s)
            )
            href = links.discipline(bubble.discipline, Status.SHORTLISTED)
            cls = "pb-total"
        else:
            text = f"{label}: {bubble.count} {t[bubble.status].lower()}"
            href = links.discipline(bubble.discipline, bubble.status)
            cls = f"pb-{bubble.status}"
    shape = (
        f'<circle class="pb-node pb-bubble {cls}" cx="{bubble.x:.1f}" cy="{bubble.y:.1f}" '
        f'r="{bubble.r - 2:.1f}"/>'
    )
    number = (
        f'<text class="pb-number pb-initials-{cls[3:]}" '
        f'x="{bubble.x:.1f}" y="{bubble.y:.1f}" text-anchor="middle" '
        f'dominant-baseline="central">{bubble.count}</text>'
    )
    inner = (
        f"<title>{html_text(text)}</title>{_hit(bubble.x, bubble.y, bubble.r)}{shape}{number}"
        f"{_caption(layout, text)}"
    )
    if href is None:
        return f'<g class="pb-count" role="img" aria-label="{html_text(text)}">{inner}</g>'
    return (
        f'<a class="pb-count" href="{html_text(href)}" aria-label="{html_text(text)}">{inner}</a>'
    )


def _arc_text(
    text: str, layout: Layout, radius: float, centre: float, span: float, cls: str, ident: str
) -> str:
    """Text that follows a circle, upright on both halves, cut short to fit its arc."""
    half = min(span * 0.45, 170)
    bold = "pb-discipline" == cls
    fits = max(3, int(math.radians(2 * half) * radius / (CHAR_BOLD if bold else CHAR)))
    if len(text) > fits:
        text = text[: fits - 1].rstrip() + "…"
    lower = 0 < (centre % 360) < 180
    start, end = _polar(layout, radius, centre - half), _polar(layout, radius, centre + half)
    if lower:  # run right to left along the bottom, so the letters stand upright
        start, end = end, start
    sweep = 0 if lower else 1
    large = 1 if 2 * half > 180 else 0
    ident = f"{layout.canvas.ident}-arc-{ident}"
    return (
        f'<path id="{ident}" class="pb-arc" fill="none" '
        f'd="M{start} A{radius:.1f},{radius:.1f} 0 {large} {sweep} {end}"/>'
        f'<text class="{cls}" dominant-baseline="central"><textPath href="#{ident}" '
        f'startOffset="50%" text-anchor="middle">{html_text(text)}</textPath></text>'
    )


def _pilot(layout: Layout, pilot: str) -> list[str]:
    cx, cy = layout.cx, layout.cy
    parts = [f'<circle class="pb-pilot" cx="{cx:.1f}" cy="{cy:.1f}" r="{layout.r_pilot:.1f}"/>']
    if layout.canvas.pilot_inside:
        lines = _wrap(pilot, int(layout.r_pilot * 1.6 / CHAR_BOLD))[:3]
        top = cy - (len(lines) - 1) * LINE / 2
    else:
        fits = int((layout.canvas.width - 2 * MARGIN) / CHAR_BOLD)
        lines = [pilot if len(pilot) <= fits else pilot[: fits - 1].rstrip() + "…"]
        top = MARGIN + LINE / 2
    spans = "".join(
        f'<tspan x="{cx:.1f}" y="{top + LINE * i:.1f}">{html_text(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    cls = "pb-pilot-name" if layout.canvas.pilot_inside else "pb-pilot-heading"
    parts.append(
        f'<text class="{cls}" text-anchor="middle" dominant-baseline="central">{spans}</text>'
    )
    return parts


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word[: width - 1] + "…" if len(word) > width else word)
    return lines or [""]


# Legend entries: (shape, selected, label key); a shape of None is an external.
_LEGEND_PLACEHOLDER = (
    (Status.SHORTLISTED, False, "shortlisted"),
    (Status.PENDING, False, "pending"),
    (Status.EXCLUDED, False, "excluded"),
    (Status.SHORTLISTED, True, "selected"),
    (None, False, "external_short"),
)


def _legend_rows(
    width: float, items: Sequence[tuple[Status | None, bool, str]], t: Labels | None = None
) -> list[list[tuple[float, Status | None, bool, str]]]:
    """Legend items placed left to right, wrapping to a new row when the width is full.

    Without labels, each text is taken at its longest in either language."""
    rows: list[list[tuple[float, Status | None, bool, str]]] = [[]]
    x = MARGIN + HIT
    for status, selected, key in items:
        text = t[key] if t is not None else _longest(key)
        advance = 2 * HIT + 6 + text_width(text) + 14
        if rows[-1] and x + advance > width:
            rows.append([])
            x = MARGIN + HIT
        rows[-1].append((x, status, selected, text))
        x += advance
    return rows


def _longest(key: str) -> str:
    return max(LABELS[key]("nl"), LABELS[key]("en"), key=len)


def _legend(layout: Layout, t: Labels) -> list[str]:
    items = [(s, sel, key) for s, sel, key in _LEGEND_PLACEHOLDER]
    parts = ['<g class="pb-legend">']
    rows = _legend_rows(layout.canvas.width, items, t)
    for row_index, row in enumerate(rows):
        y = layout.legend_y + row_index * (LINE + 8) + HIT / 2
        for x, status, selected, text in row:
            parts.append(_shape(status, x, y, selected, NODE - 2))
            parts.append(
                f'<text x="{x + HIT + 4:.1f}" y="{y:.1f}" dominant-baseline="central">'
                f"{html_text(text)}</text>"
            )
    parts.append("</g>")
    return parts
