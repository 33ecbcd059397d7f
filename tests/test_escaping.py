"""Hostile text in stakeholder files shows literally everywhere and runs nothing."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import markdown
import pytest
from conftest import built, configure, copy_sample, pilotbook, write
from htmltext import between, parse, text

NAME = "<script>alert(1)</script> | {{ 7*7 }}"
ROLE = "<img src=x onerror=alert(2)> & co"
EXPECTATION = (
    '[klik](javascript:alert(3)) {: onclick="alert(4)" } **vet** `code` # kop :smile: '
    "==mark== ~~del~~ ++ctrl+alt++ {++ins++} ^^up^^ https://evil.example/x @user $x$"
)
SNIPPET = '--8<-- "etc/passwd"'
LABEL = "<b>Ops</b> {% raw %} | ]]> &amp;"
QUESTION = "Does it <i>matter</i>? {{ config }}"

HOSTILE = (NAME, ROLE, EXPECTATION, SNIPPET, LABEL, QUESTION)


def _yaml(value: str) -> str:
    return json.dumps(value)  # a JSON string is a YAML double-quoted scalar


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    project = copy_sample(tmp_path_factory.mktemp("hostile") / "handbook", stakeholders=False)
    configure(
        project,
        f"""
      pilot: {_yaml(NAME)}
      disciplines:
        - {{id: ops, label: {_yaml(LABEL)}}}
      questions:
        - {{id: q, text: {_yaml(QUESTION)}, needed: yes}}
        """,
        # Extensions that give punctuation a meaning: escaping must hold under them too.
        extensions=(
            "  - pymdownx.snippets: {base_path: ['/'], restrict_base_path: false}\n"
            "  - pymdownx.magiclink\n  - pymdownx.critic\n  - pymdownx.mark\n"
            "  - pymdownx.tilde\n  - pymdownx.caret\n  - pymdownx.keys\n  - def_list\n"
        ),
    )
    for stem, answer in (("a", "yes"), ("b", "no"), ("c", "?")):
        write(
            project,
            f"stakeholders/ops/{stem}.yml",
            f"""
            name: {_yaml(NAME)}
            role: {_yaml(ROLE)}
            discipline: ops
            answers: {{q: "{answer}"}}
            expectation: {_yaml(EXPECTATION if stem != "c" else SNIPPET)}
            extra:
              {_yaml(SNIPPET)}: {_yaml(SNIPPET)}
            """,
        )
    write(project, "stakeholders/klant.yml", f"name: {_yaml(NAME)}\nexternal: direct\n")
    return project, built(project, project.parent / "site")


PAGES = {
    "map": "stakeholders/index.html",
    "shortlist": "stakeholders/shortlist/index.html",
    "external": "stakeholders/external/index.html",
    "questions": "stakeholders/questions/index.html",
    "stakeholder": "stakeholders/people/ops/a/index.html",
    "excluded stakeholder": "stakeholders/people/ops/b/index.html",
    "external stakeholder": "stakeholders/people/klant/index.html",
    "register": "stakeholders/register/index.html",
}

SHOWN_ON = {
    "map": (NAME, LABEL),
    "shortlist": (NAME, ROLE, EXPECTATION, LABEL),
    "external": (NAME,),
    "questions": (QUESTION,),
    "stakeholder": (NAME, ROLE, EXPECTATION, SNIPPET, LABEL, QUESTION),
    "excluded stakeholder": (NAME, ROLE, EXPECTATION, QUESTION),
    "external stakeholder": (NAME,),
    "register": (NAME, ROLE, LABEL),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_hostile_text_shows_literally_on_every_page_type(hostile, page):
    _, site = hostile
    shown = text(site / PAGES[page])
    for value in SHOWN_ON[page]:
        assert " ".join(value.split()) in shown, value


@pytest.mark.parametrize("page", list(PAGES))
def test_hostile_text_creates_no_markup(hostile, page):
    _, site = hostile
    parsed = parse(site / PAGES[page])
    assert not [s for s in parsed.scripts if "alert" in s]
    for tag, attrs in parsed.elements:
        assert tag not in ("img", "b", "i") or "pb-" in (attrs.get("class") or ""), tag
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert not (attrs.get("href") or "").startswith("javascript:")
    assert "root:x:0" not in (site / PAGES[page]).read_text()  # no file was included


def test_page_title_cannot_break_out_of_the_title_element(hostile):
    _, site = hostile
    html = (site / PAGES["stakeholder"]).read_text()
    title = between(html, "<title>", "</title>")
    assert "<script>" not in title
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in title


def test_map_svg_escapes_every_name(hostile):
    _, site = hostile
    html = (site / PAGES["map"]).read_text()
    svg = between(html, '<svg class="pb-map"', "</svg>")
    assert "<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | {{ 7*7 }}" in svg
    assert "&lt;b&gt;Ops&lt;/b&gt;" in svg


def test_search_index_holds_the_literal_text(hostile):
    _, site = hostile
    index = (site / "search" / "search_index.json").read_text()
    docs = json.loads(index)["docs"]
    page = next(d for d in docs if d["location"] == "stakeholders/people/ops/a/")
    assert "<script>" not in page["title"] + page["text"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page["title"]
    assert "&lt;img src=x onerror=alert(2)&gt;" in page["text"]


def test_reports_carry_the_literal_text(hostile):
    project, _ = hostile
    data = json.loads(pilotbook("report", "--format", "json", cwd=project).stdout)
    assert {p["name"] for p in data["stakeholders"]} == {NAME}
    assert data["disciplines"][0]["label"] == LABEL
    rows = list(
        csv.DictReader(io.StringIO(pilotbook("report", "--format", "csv", cwd=project).stdout))
    )
    assert rows[0]["name"] == NAME
    source = pilotbook("report", "--format", "markdown", cwd=project).stdout
    rendered = markdown.markdown(source, extensions=["tables"])
    assert "<script>" not in rendered
    assert NAME in html.unescape(re.sub(r"<[^>]+>", "", rendered))


def test_csv_cells_never_start_a_formula(tmp_path):
    write(
        tmp_path,
        "stakeholders/a.yml",
        """
        name: "=cmd|'/C calc'!A0"
        role: "+1"
        discipline: legal
        expectation: "@SUM(A1)"
        """,
    )
    rows = list(
        csv.reader(io.StringIO(pilotbook("report", "--format", "csv", cwd=tmp_path).stdout))
    )
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if re.match(r"[=+\-@]", c)]
    assert "'=cmd|'/C calc'!A0" in cells
