"""`pilotbook report` for a handbook with several pilots: each pilot's screening, as
one audience may read it, in the shapes of a one-pilot report.

- JSON: a top-level `pilots` list, one object per pilot in the order `pilots:` lists
  them: `{"id", "name", "stakeholders", "disciplines"}` in the shapes of a one-pilot
  report (see `pilotbook.review.report`), and `call_team` where the pilot has one;
- Markdown: a section per pilot (`# name (id)`), holding the one-pilot report with
  each heading a level down;
- CSV: one table, a `pilot` column first; the other columns are the one-pilot
  report's, those of every pilot (a pilot's own questions and phases), empty where a
  pilot has no such column.

A handbook with one pilot gets the one-pilot report, byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence

from pilotbook.audience.view import View
from pilotbook.method.pilots import Pilot
from pilotbook.records.stakeholders import STAKEHOLDERS
from pilotbook.review.call_team_report import RECORD_COLUMN
from pilotbook.review.report import as_markdown, csv_table, pilot_data
from pilotbook.text.escaping import csv_document, json_text, readable_markdown

PILOT_COLUMN = "pilot"


def as_json(pilots: Sequence[tuple[Pilot, View]], language: str) -> str:
    listed = [
        {"id": pilot.id, "name": pilot.name, **pilot_data(view, language)} for pilot, view in pilots
    ]
    return json_text({"pilots": listed}) + "\n"


def as_markdown_sections(pilots: Sequence[tuple[Pilot, View]], language: str) -> str:
    sections = []
    for pilot, view in pilots:
        lines = [f"# {readable_markdown(pilot.name)} ({pilot.id})", ""]
        lines += [
            f"#{line}" if line.startswith("#") else line
            for line in as_markdown(view, language).split("\n")
        ]
        sections.append("\n".join(lines))
    return "\n".join(sections)


def as_csv(pilots: Sequence[tuple[Pilot, View]], language: str) -> str:
    tables = [(pilot, csv_table(view, language)) for pilot, view in pilots]
    columns = [PILOT_COLUMN]
    for _, (header, *_rows) in tables:
        columns += [c for c in header if c not in columns]
    rows: list[list[str]] = [columns]
    for pilot, (header, *body) in tables:
        for row in body:
            # A pilot without a call team has only stakeholders' rows.
            cells = {RECORD_COLUMN: STAKEHOLDERS.name, **dict(zip(header, row, strict=True))}
            cells[PILOT_COLUMN] = pilot.id
            rows.append([cells.get(c, "") for c in columns])
    return csv_document(rows)


def render_pilots(pilots: Sequence[tuple[Pilot, View]], language: str, fmt: str) -> str:
    """The report of several pilots in `fmt` (json, markdown or csv)."""
    writer = {"json": as_json, "markdown": as_markdown_sections, "csv": as_csv}[fmt]
    return writer(pilots, language)
