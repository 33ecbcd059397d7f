"""The map's plan laid out on one canvas: the onion on the wide one (the pilot in the
centre, a sector per discipline with its people placed by screening outcome, the
external rings), a band per discipline on the narrow one (`bands`)."""

from __future__ import annotations

from collections.abc import Collection

from pilotbook.audience.view import View
from pilotbook.screening.shortlist import Status
from pilotbook.site.map.bands import layout_bands
from pilotbook.site.map.canvas import LINE, MARGIN, Canvas, bubble_radius
from pilotbook.site.map.placement import place_bubbles, place_group, spread
from pilotbook.site.map.plan import Plan, plan_map
from pilotbook.site.map.shapes import Bubble, Layout, Mark, Node, Onion, Sector, onion


def layout_map(
    view: View,
    counted: Collection[Status],
    canvas: Canvas,
    *,
    plan: Plan | None = None,
    pilot: str = "",
    language: str = "nl",
) -> Layout:
    """Place every shape of the map's plan on `canvas`, without any two overlapping."""
    plan = plan or plan_map(view, counted)
    if canvas.pilot_inside:
        return layout_onion(view, plan, canvas)
    return layout_bands(view, plan, canvas, pilot, language)


def layout_onion(view: View, plan: Plan, canvas: Canvas) -> Layout:
    """The onion: each sector's marks from the inside out, then its counts; an
    external ring's people spread round it, or its count."""
    room = onion(view, canvas)

    def radius(count: int) -> float:
        return bubble_radius(count, plan.biggest, canvas)

    nodes: list[Node] = []
    bubbles: list[Bubble] = []
    sectors: list[Sector] = []
    for index, part in enumerate(plan.sectors):
        region = room.sector_region(index, len(plan.sectors))
        found = place_group(region, len(part.marks), [radius(c.count) for c in part.counts])
        if found is None:  # the plan's last resort, counts only: as large as there is room
            assert not part.marks, "the plan names only the people it has room for"
            counts = [(c.status, c.count) for c in part.counts]
            found = [], place_bubbles(region, counts, radius)
        spots, places = found
        nodes += [
            _node(room, x, y, mark) for mark, (x, y, _) in zip(part.marks, spots, strict=True)
        ]
        bubbles += [
            Bubble(room.cx + x, room.cy + y, r, count)
            for count, (x, y, r) in zip(part.counts, places, strict=True)
        ]
        start, span = room.sector(index, len(plan.sectors))
        sectors.append(Sector(index, index, start, span, bool(part.counts)))
    for part, (_, r_in, r_out) in zip(plan.rings, room.rings, strict=True):
        region = room.ring_region(r_in, r_out)
        if part.marks:
            spots = spread(region, len(part.marks))
            assert spots is not None, "the plan names a ring's people only where they fit"
            nodes += [_node(room, x, y, m) for m, (x, y, _) in zip(part.marks, spots, strict=True)]
        for count in part.counts:
            ((x, y, r),) = place_bubbles(
                region, [(None, count.count)], radius, (r_out - r_in) / 2 - 2
            )
            bubbles.append(Bubble(room.cx + x, room.cy + y, r, count))
    caption_y = room.cy + room.r_max + MARGIN + LINE / 2
    return Layout(
        canvas,
        room,
        tuple(sectors),
        (),
        tuple(nodes),
        tuple(bubbles),
        caption_y,
        caption_y + LINE / 2 + MARGIN,
    )


def _node(room: Onion, x: float, y: float, mark: Mark) -> Node:
    return Node(room.cx + x, room.cy + y, mark)
