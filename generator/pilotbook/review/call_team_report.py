"""The call team in `pilotbook report`: who holds the pilot's calls, how they were chosen
and whether the group fits that choice, as one audience may read it.

A report carries the call team only where the method has one (`call_team` in
mkdocs.yml); without it every report is byte for byte what it was, and the JSON has
no `call_team` key at all. The JSON's `call_team` object::

    {"selection": "cross-section",        # appointed | cross-section | volunteers
     "size": 8,                           # how many callers the pilot needs
     "selected": ["noord/anna", ...],     # ids of the selected callers, by id
     "members": [{"id", "name", "role", "team", "location", "status", "volunteered",
                  "appointed_by", "trained", "hours"}, ...],   # by id
     "spread": {"team": {"Noord": 2, "Zuid": 0}, ...}}         # value -> number selected

`members` holds the id and each field the callers' table marks `report=True`: dates
as `YYYY-MM-DD`, `hours` as a number, `volunteered` as true/false, null where the file
says nothing. The CSV report adds the callers as rows of the same table (see
`csv_rows`); the Markdown report adds a "Call team" section.

The report reads the call team as the audience's view holds it
(`pilotbook.audience.call_team`, the one place that decides): the team's report names
every caller with every reported field; the intranet's names only the selected callers,
holds null (nothing, in CSV and Markdown) for the fields that are not public
(`volunteered`, `appointed_by`, `hours`), counts the other callers by status, and leaves
out a spread over a field that is not public (a label of `extra`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

from pilotbook.audience.call_team import CallTeamView
from pilotbook.method.call_team import Selection
from pilotbook.method.wording import label
from pilotbook.records.callers import CALLERS, STATUSES
from pilotbook.records.fields import Field
from pilotbook.records.stakeholders import STAKEHOLDERS
from pilotbook.review.call_team_words import word
from pilotbook.screening.call_team import SELECTED
from pilotbook.text.escaping import readable_markdown

# What the CSV's `record` column says of a row.
RECORD_COLUMN = "record"
# The Markdown roster's order: the selected callers first, the withdrawn last.
ROSTER = {status: rank for rank, status in enumerate((SELECTED, "reserve", "candidate"))}


def reported() -> tuple[Field, ...]:
    """The callers' fields the reports carry: those their table marks `report=True`."""
    return tuple(f for f in CALLERS.fields if f.report)


def spread(team: CallTeamView) -> dict[str, dict[str, int]]:
    """Per spread field the audience may see, each value with its number of selected
    callers (values of the callers who are not withdrawn, in order of first appearance)."""
    return {s.field: {v.value: v.selected for v in s.values} for s in team.spread}


def call_team_data(team: CallTeamView) -> dict[str, Any]:
    """The JSON report's `call_team` object."""
    fields = reported()
    return {
        "selection": str(team.plan.selection),
        "size": team.plan.size,
        "selected": [c.id for c in team.selected],
        "members": [
            {"id": m.id, **{f.key: _json(getattr(m, f.key)) for f in fields}} for m in team.callers
        ],
        "spread": spread(team),
    }


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def csv_rows(rows: list[list[str]], team: CallTeamView, language: str) -> list[list[str]]:
    """The stakeholders' table (`rows`, its header first) with the callers as rows of
    their own: a `record` column after the stakeholders' columns says `stakeholder` or
    `caller`, and the callers' fields the stakeholders have no column for follow it.
    The stakeholders' columns keep their place and their values, so a spreadsheet
    filters either kind from one table; a caller's `id`, `name`, `role` and `status`
    stand in the columns of those names."""
    header, *people = rows
    added = [RECORD_COLUMN, *(f.key for f in reported() if f.key not in header)]
    columns = [*header, *added]
    table = [columns, *([*row, STAKEHOLDERS.name, *[""] * (len(added) - 1)] for row in people)]
    for member in team.callers:
        cells = {"id": member.id, RECORD_COLUMN: CALLERS.name}
        cells.update((f.key, _text(getattr(member, f.key), language)) for f in reported())
        table.append([cells.get(column, "") for column in columns])
    return table


def _text(value: Any, language: str) -> str:
    """A value as a cell shows it: yes/no in the handbook's language, dates as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return label("yes" if value else "no", language)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def markdown_lines(team: CallTeamView, language: str) -> list[str]:
    """The Markdown report's "Call team" section: the way chosen and its reason, where
    the team stands and what to do next, the spread per field and the roster."""
    w = _words(language)
    plan = team.plan
    lines = [
        f"## {w('call_team')}",
        "",
        f"{w('selection').capitalize()}: **{w(str(plan.selection))}**",
        "",
    ]
    if plan.reason is not None:
        lines += [readable_markdown(plan.reason(language)), ""]
    lines += [f"- {line}" for line in _standing(team, language)]
    lines.append("")
    for s in team.spread:
        lines += [
            f"### {w('spread_of').format(field=readable_markdown(w(s.field)))}",
            "",
            f"| {w('value')} | {w('selected').capitalize()} | {w('available')} |",
            "|---|---|---|",
            *(f"| {readable_markdown(v.value)} | {v.selected} | {v.available} |" for v in s.values),
            "",
        ]
    fields = [f for f in reported() if f.key != "name" and (not team.public or f.public is True)]
    lines += [
        f"### {w('callers')}",
        "",
        "| " + " | ".join([w("name"), *(w(f.key) for f in fields)]) + " |",
        "|" + "---|" * (len(fields) + 1),
    ]
    for m in sorted(team.callers, key=lambda m: (ROSTER.get(m.status, len(ROSTER)), m.id)):
        cells = [_markdown_cell(getattr(m, f.key), f.key, language) for f in fields]
        lines.append("| " + " | ".join([readable_markdown(m.name), *cells]) + " |")
    lines.append("")
    unnamed = [s for s in STATUSES if s != SELECTED and team.public]
    counts = [f"{w(f'count_{s}')}: {team.count(s)}" for s in unnamed if team.count(s)]
    if counts:
        lines += [f"{w('not_named')} — {', '.join(counts)}.", ""]
    return lines


def _markdown_cell(value: Any, key: str, language: str) -> str:
    if value is None or value == "":
        return "–"
    if key == "status":
        return word(value, language)
    # Numbers, dates and yes/no are written by pilotbook; only a file's text is escaped.
    return readable_markdown(value) if isinstance(value, str) else _text(value, language)


def _standing(team: CallTeamView, language: str) -> Iterator[str]:
    """Where the team stands against its plan, and what to do next."""
    w = _words(language)
    yield w("selected_of").format(selected=len(team.selected), size=team.plan.size)
    if team.short:
        yield w("next_short").format(count=team.short)
    for gap in team.gaps:
        values = ", ".join(f"“{readable_markdown(v)}”" for v in gap.missing)
        yield w("next_gap").format(field=readable_markdown(w(gap.field)), values=values)
    if team.unfit:
        names = ", ".join(readable_markdown(c.name) for c in team.unfit)
        way = "next_volunteers" if team.plan.selection is Selection.VOLUNTEERS else "next_appointed"
        yield w(way).format(names=names)
    if not team.short and not team.gaps and not team.withheld and not team.unfit_count:
        yield w("complete")


def _words(language: str) -> Callable[[str], str]:
    return lambda key: word(key, language)
