"""The shapes of the map, one per kind the legend names: a person's outcome by shape
as well as colour, and a count as a stack. The drawings and the legend draw them
alike."""

from __future__ import annotations

from pilotbook.site.map.canvas import NODE, STACK

# Every kind of shape, in the legend's order.
KINDS = (
    "selected",
    "shortlisted",
    "pending",
    "excluded",
    "external",
    "count-shortlisted",
    "count-pending",
    "count-excluded",
    "count-total",
    "count-external",
)


def shape(kind: str, x: float, y: float, size: float = NODE) -> str:
    """A person's outcome shown by shape as well as colour (circle, dashed circle,
    square, a ring round the chosen; a diamond for an external stakeholder), and a
    count as a stack of two circles in its outcome's colours."""
    if kind.startswith("count-"):
        cls = {"count-total": "pb-total", "count-external": "pb-external-node"}.get(
            kind, "pb-" + kind.removeprefix("count-")
        )
        back = STACK * 0.7
        return (
            f'<circle class="pb-node pb-stack {cls}" cx="{x + back:.1f}" cy="{y - back:.1f}" '
            f'r="{size - STACK:.1f}"/>'
            f'<circle class="pb-node pb-bubble {cls}" cx="{x:.1f}" cy="{y:.1f}" '
            f'r="{size - STACK:.1f}"/>'
        )
    if kind == "excluded":
        side = 2 * size - 2
        return (
            f'<rect class="pb-node pb-excluded" x="{x - size + 1:.1f}" '
            f'y="{y - size + 1:.1f}" width="{side:.1f}" height="{side:.1f}" rx="3"/>'
        )
    if kind == "external":
        d = size + 2
        return (
            f'<path class="pb-node pb-external-node" '
            f'd="M{x:.1f},{y - d:.1f} L{x + d:.1f},{y:.1f} L{x:.1f},{y + d:.1f} '
            f'L{x - d:.1f},{y:.1f} Z"/>'
        )
    status = "shortlisted" if kind == "selected" else kind
    drawn = f'<circle class="pb-node pb-{status}" cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}"/>'
    if kind == "selected":
        drawn += f'<circle class="pb-selected-ring" cx="{x:.1f}" cy="{y:.1f}" r="{size + 3:.1f}"/>'
    return drawn


def glyph(kind: str) -> str:
    """A shape on its own, 24 pixels square, for the legend and the key (its words are
    beside it)."""
    size = NODE if not kind.startswith("count-") else NODE + STACK + 1
    return (
        '<svg class="pb-glyph" viewBox="-21 -21 42 42" width="24" height="24" '
        f'aria-hidden="true" focusable="false">{shape(kind, 0, 0, size)}</svg>'
    )
