"""The diff of a handbook with several pilots, as a pull-request comment and as JSON.

The comment opens with one verdict over every pilot and the handbook's own changes
(pilots added, removed or renamed; going from one pilot to several; external kinds),
then who the stakeholders are (files added, removed, moved; their name, role or
discipline changed), once for every pilot, then the callers and each side's problems,
and then a section per pilot (`## Name (id)`) with that pilot's verdict, method,
coverage, status changes and tables, each line and table row naming the pilot.

The JSON has the one-pilot keys (`verdict`, `base`, `head`, `configuration`,
`method`, `stakeholders`, `problems`, and `callers` where a pilot has a call team),
`stakeholders` holding the identity changes, and a `pilots` list: per pilot its
`id`, `name`, `change` (added, removed, renamed or null), `previous_id`,
`previous_name`, `verdict`, and its `method`, `stakeholders` (each naming its
`pilot`) and `disciplines` in the one-pilot shapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pilotbook.audience.view import Audience, publish
from pilotbook.method.model import Wording
from pilotbook.method.wording import Labels
from pilotbook.review.caller_changes import callers_data, callers_lines
from pilotbook.review.changes import Changes
from pilotbook.review.diff import (
    coverage_data,
    heading_data,
    method_data,
    people_data,
    person_data,
    problems_data,
)
from pilotbook.review.diff_comment import (
    MARKER,
    Link,
    change_words,
    fallback_notes,
    method_text,
    name_link,
    page_link,
    problem_lines,
    shortlist_lines,
    verdict,
    verdict_line,
)
from pilotbook.review.method_changes import MethodChange
from pilotbook.review.pilot_changes import PILOT, SEVERAL, PilotChange, PilotsChanges
from pilotbook.text.escaping import json_text, markdown_text

WORDS = {
    "pilot": Wording("Pilot", "Pilot"),
    "several": Wording(
        "Het handboek heeft nu meerdere pilots: zijn ene pilot is nu {name}.",
        "The handbook now has several pilots: its one pilot is now {name}.",
    ),
    "one": Wording(
        "Het handboek heeft weer één pilot: {name}, de eerste, is die pilot nu.",
        "The handbook has one pilot again: {name}, its first, is that pilot now.",
    ),
    "people": Wording("Wie de stakeholders zijn", "Who the stakeholders are"),
    "lost_in": Wording("{discipline} ({pilot})", "{discipline} ({pilot})"),
}


def as_json(changes: PilotsChanges, language: str) -> str:
    data = {
        **heading_data(changes, pilots_verdict(changes, language)),
        "method": method_data(changes.method, language),
        "stakeholders": [{**person_data(c), "fields": list(c.fields)} for c in changes.people],
        "pilots": [_pilot_data(p, language) for p in changes.pilots],
        "problems": problems_data(changes.base, changes.head),
    }
    if changes.callers or any(c.has_callers for _, c in changes.compared):
        data["callers"] = callers_data(changes.callers)
    return json_text(data) + "\n"


def _pilot_data(change: PilotChange, language: str) -> dict[str, Any]:
    renamed = change.before if change.kind == "renamed" else None
    pilot, was = change.pilot.pilot, renamed.pilot if renamed else None
    data: dict[str, Any] = {
        "id": pilot.id,
        "name": pilot.name,
        "change": change.kind,
        "previous_id": was.id if was and was.id != pilot.id else None,
        "previous_name": was.name if was and was.name != pilot.name else None,
    }
    found = change.changes
    people = people_data(found, language) if found else []
    return {
        **data,
        "verdict": verdict(found, language) if found else None,
        "method": method_data(found.method, language) if found else [],
        "stakeholders": [{**p, "pilot": pilot.id} for p in people],
        "disciplines": coverage_data(found) if found else [],
    }


def pilots_verdict(changes: PilotsChanges, language: str) -> str:
    """One line over every pilot: errors, a changed method, the disciplines that lose
    their coverage in a pilot (or else change status), or how many people changed."""
    people = {c.person.id for c in changes.people}
    people |= {c.person.id for _, found in changes.compared for c in found.people}
    return verdict_line(
        language,
        changes.head,
        changes.method_changed,
        (_disciplines(changes, language, lost=True), _disciplines(changes, language, lost=False)),
        len(people),
        len(changes.callers),
    )


def _disciplines(changes: PilotsChanges, language: str, lost: bool) -> str:
    """The disciplines whose coverage changed in a pilot (only those left uncovered,
    with `lost`), each with the pilot's name."""
    named = []
    for change, found in changes.compared:
        method = found.head.screening.method
        for c in found.lost if lost else found.disciplines:
            named.append(
                WORDS["lost_in"](language).format(
                    discipline=method.discipline(c.discipline_id).label(language),
                    pilot=change.pilot.pilot.name,
                )
            )
    return ", ".join(named)


def as_markdown(
    changes: PilotsChanges,
    language: str,
    site_url: str | None = None,
    pages_dir: str = "stakeholders",
    audiences: Mapping[str, str] | None = None,
) -> str:
    """The comment: see the module's description. With `site_url`, names link to their
    pages where a pilot's audience (`audiences` by pilot id, else the pilot's own)
    has a page for them after the change."""
    t = Labels(language, changes.head.screening.method)
    published = {
        person
        for pilot, screening in changes.head.screened
        for person in publish(
            screening, (audiences or {}).get(pilot.id, pilot.audience or Audience.TEAM)
        ).ids
    }
    link = page_link(site_url, pages_dir, published)
    lines = [MARKER, f"**{markdown_text(pilots_verdict(changes, language))}**", ""]
    lines += fallback_notes(changes.base, changes.head, t)
    if changes.empty:
        return "\n".join(lines + problem_lines(changes.base, changes.head, t, broken=True))
    if changes.method:
        lines += [f"### {t['diff_method']}", ""]
        lines += [f"- {_method_line(m, t)}" for m in changes.method]
        lines.append("")
    lines += _people_lines(changes, t, link)
    lines += callers_lines(changes.callers, (None, None), language)
    lines += problem_lines(changes.base, changes.head, t)
    for change, found in changes.compared:
        lines += _pilot_lines(change, found, language, link)
    return "\n".join(lines)


def _people_lines(changes: PilotsChanges, t: Labels, link: Link) -> list[str]:
    """Who the stakeholders are: a table of the identity changes, once for every pilot."""
    if not changes.people:
        return []
    method = changes.head.screening.method
    lines = [
        f"### {WORDS['people'](t.language)}",
        "",
        f"| {t['name']} | {t['diff_change']} |",
        "|---|---|",
    ]
    for c in changes.people:
        lines.append(f"| {name_link(c, link)} | {change_words(c, t, method, False)} |")
    return [*lines, ""]


def _pilot_lines(change: PilotChange, found: Changes, language: str, link: Link) -> list[str]:
    """A pilot's section: its verdict, then its changes, each line naming the pilot."""
    pilot = change.pilot.pilot
    t = Labels(language, found.head.screening.method)
    lines = [f"## {markdown_text(pilot.name)} ({pilot.id})", ""]
    lines += [f"**{markdown_text(verdict(found, language))}**", ""]
    if found.empty:
        return lines
    lines += shortlist_lines(found, t, link, pilot.name)
    named = f"{markdown_text(pilot.name)} — "
    for line in callers_lines((), found.call_teams, language):
        lines.append(f"- {named}{line[2:]}" if line.startswith("- ") else line)
    return lines


def _method_line(change: MethodChange, t: Labels) -> str:
    """A line about the handbook's own method: a pilot added, removed or renamed, the
    handbook going to several pilots or back, or a change of an external kind."""
    if change.part not in (PILOT, SEVERAL):
        return method_text(change, t)
    name = f"{markdown_text(change.name(t.language))} ({change.id})"
    if change.part == SEVERAL:
        return WORDS["several" if change.kind == "added" else "one"](t.language).format(name=name)
    return method_text(change, t, WORDS["pilot"](t.language))
