"""The map drawn as SVG, wide and narrow, with its legend and its numbered key.

A person's shape links to their page, a count's bubble to the people it stands for;
the caption under the onion names what the pointer or focus is on."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from pilotbook.audience.view import Person, View
from pilotbook.method.wording import Labels
from pilotbook.screening.shortlist import Coverage, Status
from pilotbook.site.map.canvas import CANVASES, CHAR, CHAR_BOLD, HIT, LINE, MARGIN, NODE
from pilotbook.site.map.layout import (
    LEGEND,
    STATUS_ORDER,
    Bubble,
    Layout,
    Node,
    layout_map,
    legend_rows,
    ring_gap,
)
from pilotbook.text.escaping import html_text


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
    t = Labels(language, screening.method)
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
                2 * ring_gap((r_in + r_out) / 2) / 0.45 * 0.9,
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


def _legend(layout: Layout, t: Labels) -> list[str]:
    items = [(s, sel, key) for s, sel, key in LEGEND]
    parts = ['<g class="pb-legend">']
    rows = legend_rows(layout.canvas.width, items, t)
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
