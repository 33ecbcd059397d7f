"""The screening result as data for people and tools: JSON, Markdown and CSV.

The JSON shape is a contract other tools rely on::

    {"stakeholders": [{"id", "name", "role", "discipline", "external", "status",
                       "failed", "unanswered", "interview",
                       "involvement": {phase: level or null, ...},
                       "influence", "interest", "quadrant"}, ...],
     "disciplines": [{"id", "label", "status", "shortlist": [ids], "selected": [ids]}, ...],
     "call_team": {...}}   # only where the method has a call team: see call_team_report
"""

from __future__ import annotations

from typing import Any

from pilotbook.audience.reasons import reason
from pilotbook.audience.view import Outcome, View
from pilotbook.method.wording import label
from pilotbook.records.fields import Field
from pilotbook.review import call_team_report
from pilotbook.text.escaping import csv_document, json_text, readable_markdown

FORMATS = ("json", "markdown", "csv")


def reported(view: View) -> tuple[Field, ...]:
    """The file's own fields that a report carries: those its kind's table marks."""
    return tuple(f for f in view.kind.fields if f.report)


def report_data(screening: View, language: str) -> dict[str, Any]:
    stakeholders = []
    fields = reported(screening)
    for s in screening.stakeholders:
        assessment = screening.assessments.get(s.id)
        stakeholders.append(
            {
                "id": s.id,
                **{f.key: getattr(s, f.key) for f in fields},
                "status": str(assessment.status) if assessment else None,
                "failed": list(assessment.failed) if assessment else [],
                "unanswered": list(assessment.unanswered) if assessment else [],
                **_engagement(screening, s.id),
            }
        )
    disciplines = [
        {
            "id": o.discipline.id,
            "label": o.discipline.label(language),
            "status": str(o.status),
            "shortlist": [a.stakeholder.id for a in o.shortlist],
            "selected": [a.stakeholder.id for a in o.selected],
        }
        for o in screening.disciplines
    ]
    return {"stakeholders": stakeholders, "disciplines": disciplines}


def _engagement(view: View, ident: str) -> dict[str, Any]:
    """Involvement in every configured phase (None where not planned), and the grid."""
    e = view.engagement.get(ident)
    return {
        "involvement": {p: (e.involvement.get(p) if e else None) for p in view.method.phase_ids},
        "influence": e.influence if e else None,
        "interest": e.interest if e else None,
        "quadrant": str(e.quadrant) if e and e.quadrant else None,
    }


def pilot_data(screening: View, language: str) -> dict[str, Any]:
    """The JSON report's data of one pilot: its stakeholders and disciplines, and its
    call team where its method has one."""
    data = report_data(screening, language)
    if screening.call_team is not None:
        data["call_team"] = call_team_report.call_team_data(screening.call_team)
    return data


def as_json(screening: View, language: str) -> str:
    return json_text(pilot_data(screening, language)) + "\n"


def as_csv(screening: View, language: str) -> str:
    """One row per stakeholder, with each answer in a column of its own (and the
    callers after them), in a CSV that spreadsheets read as UTF-8 (see `csv_document`)."""
    return csv_document(csv_table(screening, language))


def csv_table(screening: View, language: str) -> list[list[str]]:
    """The CSV report's rows, its header first."""
    questions = screening.method.questions
    fields = reported(screening)
    header = [
        "id",
        *(f.key for f in fields),
        "status",
        "failed",
        "unanswered",
        *(q.id for q in questions),
        "expectation",
        *(f"involvement_{p}" for p in screening.method.phase_ids),
        "influence",
        "interest",
        "quadrant",
    ]
    rows = [header]
    for s in screening.stakeholders:
        assessment = screening.assessments.get(s.id)
        answers = [_answer(s.answers.get(q.id), language) for q in questions]
        engagement = _engagement(screening, s.id)
        row = [
            s.id,
            *(getattr(s, f.key) or "" for f in fields),
            str(assessment.status) if assessment else "",
            " ".join(assessment.failed) if assessment else "",
            " ".join(assessment.unanswered) if assessment else "",
            *(answers if not s.is_external else [""] * len(questions)),
            s.expectation or "",
            *(v or "" for v in engagement["involvement"].values()),
            engagement["influence"] or "",
            engagement["interest"] or "",
            engagement["quadrant"] or "",
        ]
        rows.append(row)
    if screening.call_team is not None:
        rows = call_team_report.csv_rows(rows, screening.call_team, language)
    return rows


def as_markdown(screening: View, language: str) -> str:
    """A summary per discipline, for a terminal or a pull-request comment: what the
    files and the configuration say is escaped as Markdown that reads as typed."""
    lines = [f"# {label('shortlist_title', language)}", ""]
    for outcome in screening.disciplines:
        title = readable_markdown(outcome.discipline.label(language))
        lines += [f"## {title}: {label(outcome.status, language)}", ""]
        if not outcome.longlist:
            lines += [f"_{label('nobody', language)}_", ""]
            continue
        lines += [
            f"| {label('name', language)} | {label('status', language)} "
            f"| {label('why', language)} |",
            "|---|---|---|",
        ]
        lines += [
            f"| {readable_markdown(a.stakeholder.name)} | {_status(a, language)} "
            f"| {readable_markdown(reason(a, screening, language))} |"
            for a in outcome.longlist
        ]
        lines.append("")
    externals = screening.external_direct + screening.external_indirect
    if externals:
        kind = screening.method.external
        lines += [f"## {label('external_title', language)}", ""]
        lines += [
            f"- {readable_markdown(s.name)} "
            f"({readable_markdown(kind(s.external or 'direct').label(language))})"
            for s in externals
        ]
        lines.append("")
    if screening.call_team is not None:
        lines += call_team_report.markdown_lines(screening.call_team, language)
    return "\n".join(lines)


def _status(assessment: Outcome, language: str) -> str:
    text = label(assessment.status, language)
    if assessment.selected:
        text += f", {label('selected', language).lower()}"
    elif assessment.stakeholder.interview == "rejected":  # only the team's view holds it
        text += f", {label('rejected', language).lower()}"
    return text


def _answer(answer: bool | None, language: str) -> str:
    if answer is None:
        return ""
    return label("yes" if answer else "no", language)


def render(screening: View, language: str, fmt: str) -> str:
    """The report in `fmt`, with the call team where the method has one."""
    writer = {"json": as_json, "markdown": as_markdown, "csv": as_csv}[fmt]
    return writer(screening, language)
