"""The map on a phone: the same plan as the onion, a band per discipline from top to
bottom, each with its name and status in full and its people in rows (the chosen
first, then the shortlisted, the pending, the excluded, or their counts), then a band
per kind of external stakeholder. Nothing is cut short: a long heading wraps, and the
drawing grows downwards, as a phone's page does."""

from __future__ import annotations

from pilotbook.audience.view import View
from pilotbook.method.wording import Labels
from pilotbook.screening.shortlist import Coverage
from pilotbook.site.map.canvas import CHAR, CHAR_BOLD, GAP, HIT, LINE, MARGIN, Canvas, bubble_radius
from pilotbook.site.map.plan import Part, Plan
from pilotbook.site.map.shapes import Band, Bubble, Count, Layout, Mark, Node

PAD = 8  # inside a band, round its heading and people
SPACE = 6  # between two bands


def wrap(text: str, chars: int) -> list[str]:
    """`text` in lines of at most `chars` characters, broken between words (a word
    longer than a line is broken where it must be): never cut short."""
    lines: list[str] = []
    for word in text.split():
        while len(word) > chars:
            lines.append(word[:chars])
            word = word[chars:]
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def layout_bands(view: View, plan: Plan, canvas: Canvas, pilot: str, language: str) -> Layout:
    t = Labels(language, view.method)
    width = canvas.width - 2 * MARGIN
    bold = int((width - 2 * PAD) / CHAR_BOLD)
    plain = int((width - 2 * PAD) / CHAR)
    y = float(MARGIN)
    bands: list[Band] = []
    nodes: list[Node] = []
    bubbles: list[Bubble] = []

    def band(
        cls: str, lines: list[tuple[str, str]], items: list[tuple[float, Mark | Count]]
    ) -> None:
        """A band at `y` with its heading's lines and its items (radius, what) in rows."""
        nonlocal y
        top = y + PAD + LINE * len(lines) + (4 if items else 0)
        rows: list[list[tuple[float, Mark | Count]]] = [[]]
        used = 0.0
        for radius, item in items:
            if rows[-1] and used + 2 * radius > width - 2 * PAD:
                rows.append([])
                used = 0.0
            rows[-1].append((radius, item))
            used += 2 * radius + GAP
        for row in rows:
            if not row:
                continue
            tallest = max(radius for radius, _ in row)
            x = MARGIN + PAD
            for radius, item in row:
                cx, cy = x + radius, top + tallest
                if isinstance(item, Mark):
                    nodes.append(Node(cx, cy, item))
                else:
                    bubbles.append(Bubble(cx, cy, radius, item))
                x += 2 * radius + GAP
            top += 2 * tallest + GAP
        height = top - y + PAD - (GAP if items else 0)
        bands.append(Band(MARGIN, y, width, height, cls, tuple(lines)))
        y += height + SPACE

    def people(part: Part) -> list[tuple[float, Mark | Count]]:
        items: list[tuple[float, Mark | Count]] = [(HIT, mark) for mark in part.marks]
        return items + [(bubble_radius(c.count, plan.biggest, canvas), c) for c in part.counts]

    band("pb-pilot-band", [(line, "pb-pilot-name") for line in wrap(pilot, bold)], [])
    for part in plan.sectors:
        assert part.discipline is not None
        outcome = part.discipline
        status = outcome.status
        warn = "⚠ " if status is Coverage.UNCOVERED else ""
        lines = [(line, "pb-discipline") for line in wrap(outcome.discipline.label(language), bold)]
        status_cls = f"pb-discipline-status pb-discipline-{status}"
        lines += [(line, status_cls) for line in wrap(warn + t[status], plain)]
        band(f"pb-sector pb-sector-{status}", lines, people(part))
    for part in plan.rings:
        assert part.kind is not None
        lines = [(line, "pb-ring-label") for line in wrap(t[part.kind], plain)]
        band(f"pb-ring-{part.kind}", lines, people(part))
    caption_y = y + LINE / 2
    return Layout(
        canvas, None, (), tuple(bands), tuple(nodes), tuple(bubbles), caption_y, caption_y + LINE
    )
