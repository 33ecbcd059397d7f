"""The layout of the map on one canvas: the pilot in the centre, a sector per
discipline with its people placed by screening outcome, the external rings, counts
where a sector or ring is too full, and the legend's rows under the onion."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from pilotbook.audience.view import Person, View
from pilotbook.method.wording import LABELS, Labels
from pilotbook.screening.shortlist import Status
from pilotbook.site.map.canvas import (
    HIT,
    LABELS_DEPTH,
    LINE,
    MARGIN,
    NODE,
    RING,
    Canvas,
    bubble_min,
    text_width,
)
from pilotbook.site.map.placement import Region, place, place_bubbles, spread

STATUS_ORDER = (Status.SHORTLISTED, Status.PENDING, Status.EXCLUDED)
EXTERNAL_KINDS = ("direct", "indirect")


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
    """Where everything goes on one canvas; drawn by `drawing`, checked by the tests."""

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
        placed = place(region, [HIT] * len(named) + [bubble_radius(c) for _, c in counts])
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
        if len(every) > 1 and place(region, [bubble_min(c) for _, c in every]) is None:
            # No room for one count per outcome: one count for the sector, the outcomes
            # in its words.
            every = [(None, sum(c for _, c in every))]
        for (s, c), (x, y, r) in zip(
            every, place_bubbles(region, every, bubble_radius), strict=True
        ):
            bubbles.append(Bubble(cx + x, cy + y, r, c, s, outcome.discipline.id, None))
        sectors.append(Sector(index, index, start, span, True))
    for kind, r_in, r_out in rings:
        people = screening.external_direct if kind == "direct" else screening.external_indirect
        half = ring_gap((r_in + r_out) / 2)
        region = Region(r_in + 2, r_out - 2, -90 + half, 270 - half)
        placed = spread(region, len(people))
        if placed is not None:
            for person, (x, y, _) in zip(people, placed, strict=True):
                nodes.append(_node(cx, cy, x, y, person, None, False, numbers[person.id]))
            continue
        ((x, y, r),) = place_bubbles(region, [(None, len(people))], bubble_radius, RING / 2 - 2)
        bubbles.append(Bubble(cx + x, cy + y, r, len(people), None, None, kind))
    # The numbers count the people this drawing shows, in the map's order, from 1: a
    # map that counts most of its people does not start its key at 896.
    order = sorted(nodes, key=lambda node: node.number)
    shown = {node.person.id: number for number, node in enumerate(order, start=1)}
    nodes = [node._replace(number=shown[node.person.id]) for node in nodes]
    caption_y = cy + r_max + MARGIN + LINE / 2
    legend_y = caption_y + LINE + 6
    rows = len(legend_rows(canvas.width, LEGEND))
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


def ring_gap(radius: float) -> float:
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


# Legend entries: (shape, selected, label key); a shape of None is an external.
LEGEND = (
    (Status.SHORTLISTED, False, "shortlisted"),
    (Status.PENDING, False, "pending"),
    (Status.EXCLUDED, False, "excluded"),
    (Status.SHORTLISTED, True, "selected"),
    (None, False, "external_short"),
)


def legend_rows(
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
