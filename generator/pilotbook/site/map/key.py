"""What explains the map, under both drawings: the legend, which names exactly the
shapes drawn, and the key, grouped by discipline and outcome, which says who each
number is and names the shortlisted a count stands for. Both drawings draw one plan,
so one legend and one key serve every width, on screen and in print."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import NamedTuple

from pilotbook.audience.view import Person
from pilotbook.screening.shortlist import Coverage, Status
from pilotbook.site.map.canvas import TIMES
from pilotbook.site.map.glyph import KINDS, glyph
from pilotbook.site.map.plan import Part, Plan
from pilotbook.site.map.shapes import Count, Mark
from pilotbook.site.map.words import MapWords
from pilotbook.text.escaping import html_text


class MapLinks(NamedTuple):
    """Where the map's shapes link to, as URLs relative to the map's page."""

    person: Callable[[Person], str]
    # A discipline's people with one screening outcome, where they are counted (or
    # None: counted without a link).
    discipline: Callable[[str, Status], str | None]
    # The list of external stakeholders of one kind.
    external: Callable[[str], str]


# The words for each kind of shape, as keys of the labels.
_LEGEND = {
    "selected": "selected",
    "shortlisted": "shortlisted",
    "pending": "pending",
    "excluded": "excluded",
    "external": "external_short",
    "count-shortlisted": "count_shortlisted",
    "count-pending": "count_pending",
    "count-excluded": "count_excluded",
    "count-total": "count_total",
    "count-external": "count_external",
}


def count_link(count: Count, links: MapLinks) -> str | None:
    """Where a count leads: the list of the people it stands for."""
    if count.kind is not None:
        return links.external(count.kind)
    assert count.discipline is not None
    return links.discipline(count.discipline, count.status or Status.SHORTLISTED)


def outcomes_words(count: Count, t: MapWords) -> str:
    """The outcomes a discipline's count stands for: "2 op de shortlist, 1 afgevallen"."""
    parts = count.parts if count.status is None else ((count.status, count.count),)
    return ", ".join(f"{n} {t[s].lower()}" for s, n in parts)


def count_words(count: Count, t: MapWords, discipline: str) -> str:
    """What a count stands for, in words: "Facilitair: 2 afgevallen"."""
    if count.kind is not None:
        return f"{t[count.kind]}: {count.count}"
    return f"{discipline}: {outcomes_words(count, t)}"


def legend_html(plan: Plan, t: MapWords) -> str:
    """The shapes the map draws, each with its meaning: no more, no fewer."""
    drawn = plan.shapes()
    items = "".join(
        f'<li data-shape="{kind}">{glyph(kind)}'
        + (f'<span class="pb-times">{TIMES}n</span> ' if kind.startswith("count-") else "")
        + f"{html_text(t[_LEGEND[kind]])}</li>"
        for kind in KINDS
        if kind in drawn
    )
    return f'<ul class="pb-map-legend" aria-label="{html_text(t.legend)}">{items}</ul>'


def key_html(plan: Plan, t: MapWords, links: MapLinks) -> str:
    """The legend, then per discipline and per kind of external stakeholder: its chosen,
    shortlisted, pending and excluded people under their numbers, and its counts."""
    groups = "".join(_group(part, index, t, links) for index, part in enumerate(plan.parts))
    return (
        f'<div class="pb-keys">{legend_html(plan, t)}'
        f'<p class="pb-map-key-title">{html_text(t.key_title)}</p>'
        f'<div class="pb-key-groups">{groups}</div></div>'
    )


def _group(part: Part, index: int, t: MapWords, links: MapLinks) -> str:
    ident = f"pb-key-{index}"
    if part.discipline is not None:
        status = part.discipline.status
        warn = "⚠ " if status is Coverage.UNCOVERED else ""
        label = part.discipline.discipline.label(t.language)
        head = (
            f"<strong>{html_text(label)}</strong> · "
            f'<span class="pb-key-{status}">{html_text(warn + t[status])}</span>'
        )
        cls = f"pb-key-{status}"
    else:
        assert part.kind is not None
        label = t[part.kind]
        head = f"<strong>{html_text(label)}</strong>"
        cls = "pb-key-external"
    body = [
        _marks(shape, list(marks), t, links)
        for shape, marks in groupby(part.marks, key=lambda mark: mark.shape)
    ]
    body += [_count(count, t, links) for count in part.counts]
    return (
        f'<section class="pb-key-group {cls}" aria-labelledby="{ident}">'
        f'<p class="pb-key-head" id="{ident}">{head}</p>{"".join(body)}</section>'
    )


def _marks(shape: str, marks: list[Mark], t: MapWords, links: MapLinks) -> str:
    heading = t[_LEGEND[shape]] if shape != "external" else ""
    items = "".join(
        f'<li value="{mark.number}"><a href="{html_text(links.person(mark.person))}">'
        f"{html_text(mark.person.name)}</a></li>"
        for mark in marks
    )
    title = f'<p class="pb-key-status">{glyph(shape)}{html_text(heading)}</p>' if heading else ""
    return f'{title}<ol class="pb-map-key">{items}</ol>'


def _count(count: Count, t: MapWords, links: MapLinks) -> str:
    """A count's line: its shape, times its number and what it stands for, with a link to the list;
    the shortlisted it stands for are named under it."""
    href = count_link(count, links)
    if count.kind is not None:
        words = ""  # the group's heading says which
    elif count.status is None:
        words = f" ({html_text(outcomes_words(count, t))})"
    else:
        words = " " + html_text(t[count.status].lower())
    more = f' · <a href="{html_text(href)}">{html_text(t.key_list)}</a>' if href else ""
    line = (
        f'<p class="pb-key-status">{glyph(count.shape)}<span><span class="pb-times">'
        f"{TIMES}{count.count}</span>{words}{more}</span></p>"
    )
    if not count.people:
        return line
    names = "".join(
        f'<li><a href="{html_text(links.person(person))}">{html_text(person.name)}</a></li>'
        for person in count.people
    )
    return f'{line}<ul class="pb-key-names">{names}</ul>'
