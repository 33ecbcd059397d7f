"""`pilotbook report`: each format as its readers read it. The Markdown report in a
terminal as well as rendered, every outcome the team may know in each format, and the
CSV as a spreadsheet opens it."""

from __future__ import annotations

import re

import markdown
from conftest import configure, csv_rows, pilotbook, write

from pilotbook.method.wording import label

ANSWERS = """\
answers:
  impact: yes
  expectations: yes
  relationship: yes
  replaceable: no
  appointed: no
"""


def _shortlisted(project, ident: str, name: str, interview: str) -> None:
    write(
        project,
        f"stakeholders/sales/{ident}.yml",
        f"name: {name}\ndiscipline: sales\n{ANSWERS}interview: {interview}\n",
    )


def test_the_markdown_report_reads_as_typed_in_a_terminal_and_rendered(empty_project):
    """Nothing of pilotbook's own words, and no ordinary punctuation of a name, a label
    or a question, shows as a character reference in the text a terminal prints."""
    project = empty_project
    configure(
        project,
        """
        language: en
        disciplines:
          - {id: sales, label: "Sales & Marketing: C# and C++"}
        questions:
          - {id: impact, text: "Budget: does the stakeholder decide on it?", needed: yes}
        """,
    )
    write(project, "stakeholders/sales/a.yml", "name: 'Smit & Zn: sales'\ndiscipline: sales\n")
    result = pilotbook("report", "--format", "markdown", cwd=project)
    assert result.returncode == 0, result.stderr
    assert not re.search(r"&#?\w+;", result.stdout), result.stdout
    row = next(line for line in result.stdout.splitlines() if "Smit" in line)
    assert row == (
        f"| Smit & Zn: sales | {label('pending', 'en')} "
        "| Still open: Budget: does the stakeholder decide on it? |"
    )
    assert "## Sales & Marketing: C# and C++: " in result.stdout
    # Rendered, it says the same.
    rendered = markdown.markdown(result.stdout, extensions=["tables"])
    text = re.sub(r"<[^>]+>", "", rendered)
    assert "Smit &amp; Zn: sales" in text
    assert "Still open: Budget: does the stakeholder decide on it?" in text


def test_the_team_markdown_report_shows_who_was_not_chosen_after_the_interviews(project):
    """The team's Markdown report carries the interview outcome the CSV and the person
    page carry, a rejection too; the intranet's names nobody who was turned down."""
    for ident, name, interview in (("a", "Ann", "selected"), ("b", "Bob", "rejected")):
        _shortlisted(project, ident, name, interview)
    rows = csv_rows(pilotbook("report", "--format", "csv", cwd=project).stdout)
    bob = next(r for r in rows if r["name"] == "Bob")
    assert bob["interview"] == "rejected"
    team = pilotbook("report", "--format", "markdown", cwd=project).stdout
    shortlisted = label("shortlisted", "nl")
    assert f"| Bob | {shortlisted}, niet gekozen na gesprek |" in team
    assert f"| Ann | {shortlisted}, gekozen na gesprek |" in team
    intranet = pilotbook(
        "report", "--format", "markdown", "--audience", "intranet", cwd=project
    ).stdout
    assert "Bob" not in intranet
    assert "niet gekozen" not in intranet


def test_the_csv_opens_in_a_spreadsheet_as_utf8(tmp_path):
    """Excel reads a CSV as the system's code page unless a byte-order mark says UTF-8:
    the report starts with one, which CSV readers that expect it skip."""
    name = "Søren Łukasz Dvořák"
    write(tmp_path, "stakeholders/it/a.yml", f"name: {name}\ndiscipline: it\n")
    result = pilotbook("report", "--format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = result.stdout.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(result.stdout)
    assert [(r["id"], r["name"]) for r in rows] == [("it/a", name)]
