"""What the map draws and where: a person's mark and a group's count (the same at every
width), their places on one canvas, and the onion's rings and sectors."""

from __future__ import annotations

import math
from typing import NamedTuple

from pilotbook.audience.view import Person, View
from pilotbook.screening.shortlist import Status
from pilotbook.site.map.canvas import HIT, LABELS_DEPTH, LINE, MARGIN, RING, Canvas, text_width
from pilotbook.site.map.placement import Region

STATUS_ORDER = (Status.SHORTLISTED, Status.PENDING, Status.EXCLUDED)
EXTERNAL_KINDS = ("direct", "indirect")


class Mark(NamedTuple):
    """One person drawn with their number. `status` is None for an external stakeholder."""

    person: Person
    status: Status | None
    selected: bool
    number: int

    @property
    def shape(self) -> str:
        """The legend's name for this shape."""
        if self.status is None:
            return "external"
        return "selected" if self.selected else str(self.status)


class Count(NamedTuple):
    """People drawn as one count: a discipline's outcome, the total of a discipline
    (`status` None, its outcomes in `parts`), or an external ring (`kind`)."""

    count: int
    status: Status | None
    discipline: str | None
    kind: str | None = None
    parts: tuple[tuple[Status, int], ...] = ()
    # The shortlisted a count stands for, whom the key names (never the others).
    people: tuple[Person, ...] = ()

    @property
    def shape(self) -> str:
        if self.kind is not None:
            return "count-external"
        return f"count-{self.status or 'total'}"


class Node(NamedTuple):
    """A person's mark at its place."""

    x: float
    y: float
    mark: Mark

    @property
    def person(self) -> Person:
        return self.mark.person

    @property
    def status(self) -> Status | None:
        return self.mark.status

    @property
    def selected(self) -> bool:
        return self.mark.selected

    @property
    def number(self) -> int:
        return self.mark.number


class Bubble(NamedTuple):
    """A count at its place, `r` its link's radius."""

    x: float
    y: float
    r: float
    of: Count

    @property
    def count(self) -> int:
        return self.of.count

    @property
    def status(self) -> Status | None:
        return self.of.status

    @property
    def discipline(self) -> str | None:
        return self.of.discipline

    @property
    def kind(self) -> str | None:
        return self.of.kind


class Sector(NamedTuple):
    """A discipline's slice of the onion: `view_index` its place in the view."""

    index: int
    view_index: int
    start: float
    span: float
    counted: bool


class Band(NamedTuple):
    """A discipline's (or an external kind's) strip on the phone's drawing: its box,
    and its heading's lines (text, class) from the top."""

    x: float
    y: float
    width: float
    height: float
    cls: str
    lines: tuple[tuple[str, str], ...]


class Onion(NamedTuple):
    """The onion on one canvas: the pilot in the centre, the ring of disciplines, and
    an external ring per kind that has people."""

    cx: float
    cy: float
    r_max: float
    r_pilot: float
    r_internal: float
    rings: tuple[tuple[str, float, float], ...]  # kind, inner and outer radius

    def sector(self, index: int, count: int) -> tuple[float, float]:
        """Where sector `index` of `count` starts (degrees clockwise from three
        o'clock, the first at twelve) and how wide it is."""
        span = 360 / count if count else 360
        return -90 + index * span, span

    def sector_region(self, index: int, count: int) -> Region:
        """The room for people in a sector: outside the pilot, inside its labels."""
        start, span = self.sector(index, count)
        return Region(self.r_pilot + MARGIN, self.r_internal - LABELS_DEPTH, start, start + span)

    def ring_region(self, r_in: float, r_out: float) -> Region:
        """The room for people in an external ring: all round but its name at the top."""
        half = ring_gap((r_in + r_out) / 2)
        return Region(r_in + 2, r_out - 2, -90 + half, 270 - half)


def onion(view: View, canvas: Canvas) -> Onion:
    top = MARGIN if canvas.pilot_inside else MARGIN + LINE + 4
    r_max = canvas.width / 2 - MARGIN
    people = (view.external_direct, view.external_indirect)
    kinds = [kind for kind, who in zip(EXTERNAL_KINDS, people, strict=True) if who]
    r_internal = r_max - RING * len(kinds)
    rings = tuple(
        (kind, r_internal + RING * i, r_internal + RING * (i + 1)) for i, kind in enumerate(kinds)
    )
    r_pilot = 72.0 if canvas.pilot_inside else 16.0
    return Onion(canvas.width / 2, top + r_max, r_max, r_pilot, r_internal, rings)


def ring_gap(radius: float) -> float:
    """Half the angle kept free at the top of an external ring for the ring's name."""
    return math.degrees((text_width("x" * 18) + 30) / radius)


class Layout(NamedTuple):
    """Where everything goes on one canvas: the onion's sectors (wide) or the bands
    (narrow); drawn by `drawing`, checked by the tests."""

    canvas: Canvas
    onion: Onion | None
    sectors: tuple[Sector, ...]
    bands: tuple[Band, ...]
    nodes: tuple[Node, ...]
    bubbles: tuple[Bubble, ...]
    caption_y: float
    height: float

    def circles(self) -> list[tuple[float, float, float]]:
        """Every shape's link area as (x, y, radius): none may overlap another."""
        return [(n.x, n.y, HIT) for n in self.nodes] + [(b.x, b.y, b.r) for b in self.bubbles]
