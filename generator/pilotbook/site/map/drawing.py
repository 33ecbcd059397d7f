"""The map drawn as SVG, wide (the onion) and narrow (the phone's bands), from one
plan, followed by its legend and its key (`key`).

A person's shape links to their page, a count's bubble to the people it stands for;
the caption under the drawing names what the pointer or focus is on. A person's
shape carries their number; a count is a stack with a times sign before its number, so the two
never look alike."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from pilotbook.audience.view import View
from pilotbook.screening.shortlist import Coverage, Status
from pilotbook.site.map.bands import PAD
from pilotbook.site.map.canvas import (
    CANVASES,
    CHAR,
    CHAR_BOLD,
    HIT,
    LINE,
    MARGIN,
    TIMES,
)
from pilotbook.site.map.glyph import shape
from pilotbook.site.map.key import MapLinks, count_link, count_words, key_html
from pilotbook.site.map.layout import layout_map
from pilotbook.site.map.plan import plan_map
from pilotbook.site.map.shapes import Band, Bubble, Layout, Node, Onion, ring_gap
from pilotbook.site.map.words import MapWords
from pilotbook.text.escaping import html_text


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
    """The map, wide and narrow, its legend and its key, safe to place in a Markdown
    page inside a `<figure>` (no blank lines).

    The outcomes in `counted` are always counts (the intranet names no one pending or
    excluded); the plan counts more where there is no room. Both drawings draw the
    same plan, so one legend and one key serve every width."""
    t = MapWords(language, screening.method)
    plan = plan_map(screening, counted)
    parts = [
        _svg(
            layout_map(screening, counted, canvas, plan=plan, pilot=pilot, language=language),
            screening,
            pilot,
            t,
            links,
        )
        for canvas in CANVASES
    ]
    parts.append(key_html(plan, t, links))
    return "\n".join(parts)


def _svg(layout: Layout, screening: View, pilot: str, t: MapWords, links: MapLinks) -> str:
    ident = layout.canvas.ident
    description = t.map_description if layout.onion else t.bands_description
    parts = [
        f'<svg class="{ident}" '
        f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {layout.canvas.width} '
        f'{layout.height:.0f}" role="group" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{html_text(t.map_title)}: {html_text(pilot)}</title>',
        f'<desc id="{ident}-desc">{html_text(description)}</desc>',
    ]
    if layout.onion is not None:
        parts += _onion(layout, layout.onion, screening, pilot, t)
    for band in layout.bands:
        parts += _band(band)
    parts += [_node_link(node, layout, t, links) for node in layout.nodes]
    parts += [_bubble(bubble, layout, screening, t, links) for bubble in layout.bubbles]
    parts.append("</svg>")
    return "\n".join(parts)


def _onion(layout: Layout, room: Onion, screening: View, pilot: str, t: MapWords) -> list[str]:
    cx, cy = room.cx, room.cy
    parts = [
        f'<circle class="pb-ring-{kind}" cx="{cx:.1f}" cy="{cy:.1f}" r="{r_out:.1f}"/>'
        for kind, _, r_out in reversed(room.rings)
    ]
    parts.append(
        f'<circle class="pb-ring-internal" cx="{cx:.1f}" cy="{cy:.1f}" r="{room.r_internal:.1f}"/>'
    )
    for kind, r_in, r_out in room.rings:
        middle = (r_in + r_out) / 2
        span = 2 * ring_gap(middle) / 0.45 * 0.9
        parts.append(_arc_text(t[kind], layout, middle, -90, span, "pb-ring-label", kind))
    for sector in layout.sectors:
        outcome = screening.disciplines[sector.view_index]
        start, span = sector.start, sector.span
        middle = start + span / 2
        status = outcome.status
        parts.append(
            f'<path class="pb-sector pb-sector-{status}" '
            f'd="{_sector_path(room, start, start + span)}"/>'
        )
        warn = "⚠ " if status is Coverage.UNCOVERED else ""
        label = outcome.discipline.label(t.language)
        r = room.r_internal
        ident = f"d{sector.index}"
        parts.append(
            _arc_text(label, layout, r - LINE / 2 - 2, middle, span, "pb-discipline", ident)
        )
        cls = f"pb-discipline-status pb-discipline-{status}"
        radius = r - LINE * 1.5 - 2
        parts.append(
            _arc_text(warn + t[status], layout, radius, middle, span, cls, f"s{sector.index}")
        )
    parts.append(f'<circle class="pb-pilot" cx="{cx:.1f}" cy="{cy:.1f}" r="{room.r_pilot:.1f}"/>')
    lines = _wrap(pilot, int(room.r_pilot * 1.6 / CHAR_BOLD))[:3]
    top = cy - (len(lines) - 1) * LINE / 2
    spans = "".join(
        f'<tspan x="{cx:.1f}" y="{top + LINE * i:.1f}">{html_text(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    parts.append(
        f'<text class="pb-pilot-name" text-anchor="middle" dominant-baseline="central">'
        f"{spans}</text>"
    )
    return parts


def _band(band: Band) -> list[str]:
    parts = [
        f'<rect class="pb-band {band.cls}" x="{band.x:.1f}" y="{band.y:.1f}" '
        f'width="{band.width:.1f}" height="{band.height:.1f}" rx="6"/>'
    ]
    centred = band.cls == "pb-pilot-band"
    x = band.x + band.width / 2 if centred else band.x + PAD
    anchor = "middle" if centred else "start"
    for i, (text, cls) in enumerate(band.lines):
        y = band.y + PAD + LINE * (i + 0.5)
        parts.append(
            f'<text class="{cls}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" '
            f'dominant-baseline="central">{html_text(text)}</text>'
        )
    return parts


def _sector_path(room: Onion, start: float, end: float) -> str:
    inner, outer = room.r_pilot, room.r_internal
    if end - start >= 360:
        end = start + 359.99
    a, b = _polar(room, inner, start), _polar(room, outer, start)
    c, d = _polar(room, outer, end), _polar(room, inner, end)
    large = 1 if end - start > 180 else 0
    return (
        f"M{a} L{b} A{outer:.1f},{outer:.1f} 0 {large} 1 {c} "
        f"L{d} A{inner:.1f},{inner:.1f} 0 {large} 0 {a} Z"
    )


def _polar(room: Onion, radius: float, degrees: float) -> _Point:
    angle = math.radians(degrees)
    return _Point(room.cx + radius * math.cos(angle), room.cy + radius * math.sin(angle))


def _caption(layout: Layout, text: str) -> str:
    """The name of what the pointer or focus is on, in the room under the drawing."""
    fits = int((layout.canvas.width - 2 * MARGIN) / CHAR)
    if len(text) > fits:
        text = text[: fits - 1].rstrip() + "…"
    return (
        f'<text class="pb-caption" x="{layout.canvas.width / 2:.1f}" y="{layout.caption_y:.1f}" '
        f'text-anchor="middle" dominant-baseline="central">{html_text(text)}</text>'
    )


def _hit(x: float, y: float, r: float) -> str:
    return f'<circle class="pb-hit" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'


def _node_link(node: Node, layout: Layout, t: MapWords, links: MapLinks) -> str:
    person = node.person
    if node.status is None:
        state = t[person.external or "direct"]
    else:
        state = t[node.status] + (f", {t.selected.lower()}" if node.selected else "")
    label = f"{person.name}: {state}"
    kind = node.mark.shape
    return (
        f'<a class="pb-person" data-shape="{kind}" href="{html_text(links.person(person))}" '
        f'aria-label="{html_text(label)}"><title>{html_text(label)}</title>'
        f"{_hit(node.x, node.y, HIT)}{shape(kind, node.x, node.y)}"
        f'<text class="pb-number pb-on-{kind}" x="{node.x:.1f}" y="{node.y:.1f}" '
        f'text-anchor="middle" dominant-baseline="central">{node.number}</text>'
        f"{_caption(layout, f'{node.number}. {label}')}</a>"
    )


def _bubble(bubble: Bubble, layout: Layout, screening: View, t: MapWords, links: MapLinks) -> str:
    count = bubble.of
    label = (
        screening.outcome(count.discipline).discipline.label(t.language) if count.discipline else ""
    )
    text = count_words(count, t, label)
    href = count_link(count, links)
    kind = count.shape
    number = (
        f'<text class="pb-count-number pb-on-{kind}" x="{bubble.x:.1f}" y="{bubble.y:.1f}" '
        f'text-anchor="middle" dominant-baseline="central">{TIMES}{count.count}</text>'
    )
    inner = (
        f"<title>{html_text(text)}</title>{_hit(bubble.x, bubble.y, bubble.r)}"
        f"{shape(kind, bubble.x, bubble.y, bubble.r)}{number}{_caption(layout, text)}"
    )
    common = f'class="pb-count" data-shape="{kind}" aria-label="{html_text(text)}"'
    if href is None:
        return f'<g {common} role="img">{inner}</g>'
    return f'<a {common} href="{html_text(href)}">{inner}</a>'


def _arc_text(
    text: str, layout: Layout, radius: float, centre: float, span: float, cls: str, ident: str
) -> str:
    """Text that follows a circle, upright on both halves. Only where a method has more
    disciplines than the onion has room to name is it cut short: the key under the map
    names each discipline and its status in full."""
    assert layout.onion is not None
    room = layout.onion
    half = min(span * 0.45, 170)
    bold = "pb-discipline" == cls
    fits = max(3, int(math.radians(2 * half) * radius / (CHAR_BOLD if bold else CHAR)))
    if len(text) > fits:
        text = text[: fits - 1].rstrip() + "…"
    lower = 0 < (centre % 360) < 180
    start, end = _polar(room, radius, centre - half), _polar(room, radius, centre + half)
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


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word[: width - 1] + "…" if len(word) > width else word)
    return lines or [""]
