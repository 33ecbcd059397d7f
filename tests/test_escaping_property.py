"""Property: whatever text a stakeholder file holds, every output shows it and obeys it never.

Hypothesis writes text from pieces that mean something to HTML, Markdown and its
extensions, Jinja, SVG and spreadsheets, mixed with arbitrary characters. The same
handbook is rendered once with that text in every field and once with a plain
word; the two must have the same structure (elements and attributes), and the
hostile text must read back literally in each output: pages, map, JSON, CSV and
the Markdown report.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from html.parser import HTMLParser

import markdown
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pilotbook.audience.view import publish
from pilotbook.config.handbook import Handbook
from pilotbook.method.model import DEFAULT_METHOD, Discipline, Method, Wording
from pilotbook.records.stakeholders import Stakeholder
from pilotbook.review.report import as_csv, as_json, as_markdown
from pilotbook.screening.shortlist import screen
from pilotbook.site.pages import render_pages
from pilotbook.text.escaping import one_line

PIECES = [
    "<script>alert(1)</script>",
    "</title>",
    "<img src=x onerror=alert(1)>",
    "&amp;",
    "&#60;",
    "{{ 7*7 }}",
    "{% raw %}",
    "|",
    "[x](javascript:alert(1))",
    "{: onclick=alert(1) }",
    '--8<-- "etc/passwd"',
    "# ",
    "* ",
    "1. ",
    "> ",
    "`",
    "]]>",
    "<![CDATA[",
    "<!--",
    "=cmd|'/C calc'!A0",
    "+1",
    "@x",
    "-1",
    "\u202e",
    "\u2066",
    "\x07",
    "\x1b[31m",
    "\n",
    "\t",
    ":smile:",
    "==x==",
    "~~x~~",
    "^^x^^",
    "++ctrl++",
    "$x$",
    "\\",
    '"',
    "'",
    "*",
    "_",
    "!",
    "<svg onload=alert(1)>",
    "javascript:",
    "\r\n",
    "\u00a0",
    "    code",
    "##vSo[x]",
    "::error::",
    "##[",
    # Prose punctuation that the Markdown report leaves as typed before a space.
    ": ",
    "& ",
    "# ",
    "++ ",
    "x:",
    "&",
    "a_b",
    "_x_",
]
TEXT = (
    st.lists(
        st.one_of(
            st.sampled_from(PIECES),
            st.text(st.characters(blacklist_categories=("Cs",)), max_size=8),
        ),
        min_size=1,
        max_size=8,
    )
    .map("".join)
    .filter(lambda text: one_line(text) != "")
)

EXTENSIONS = [
    "toc",
    "tables",
    "admonition",
    "attr_list",
    "md_in_html",
    "def_list",
    "pymdownx.magiclink",
    "pymdownx.mark",
    "pymdownx.tilde",
    "pymdownx.caret",
    "pymdownx.keys",
    "pymdownx.critic",
]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple[str, tuple[str, ...]]] = []
        self.text: list[str] = []
        self._svg = 0

    def handle_starttag(self, tag, attrs):
        # Element and attribute names; values such as heading ids follow the text. The
        # map wraps a long text into as many lines as its length needs (tspans, or a
        # band's text elements one after another): in a drawing, a run of the same
        # element is one line or many of one text, and counts once.
        if tag == "svg":
            self._svg += 1
        item = (tag, tuple(sorted(name for name, _ in attrs)))
        if tag == "tspan" or (self._svg and self.shape and self.shape[-1] == item):
            return
        self.shape.append(item)

    def handle_endtag(self, tag):
        if tag == "svg":
            self._svg -= 1

    def handle_data(self, data):
        self.text.append(data)


def _read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def _handbook_with(value: str, audience: str = "team") -> tuple[Handbook, object]:
    method = Method(
        (Discipline("ops", Wording(value, value)), *DEFAULT_METHOD.disciplines[1:]),
        DEFAULT_METHOD.questions,
    )
    answers = {q.id: q.needed for q in method.questions}
    people = [
        Stakeholder(
            id="ops/a",
            path="stakeholders/ops/a.yml",
            name=value,
            role=value,
            discipline="ops",
            answers=answers,
            expectation=value,
            extra=((value, value),),
        ),
        Stakeholder(
            id="ops/b",
            path="stakeholders/ops/b.yml",
            name=value,
            role=value,
            discipline="ops",
            answers={**answers, "impact": False},
        ),
        Stakeholder(
            id="klant",
            path="stakeholders/klant.yml",
            name=value,
            external="direct",
            expectation=value,
        ),
    ]
    handbook = Handbook(
        stakeholders_dir=REPO / "stakeholders",
        method=method,
        pilot=value,
        audience=audience,
    )
    return handbook, screen(people, method)


def _pages(value: str, audience: str) -> dict[str, _Reader]:
    handbook, screening = _handbook_with(value, audience)
    return {
        page.path: _read(markdown.markdown(page.content, extensions=EXTENSIONS))
        for page in render_pages(screening, handbook)
    }


def _folded(text: str) -> str:
    return " ".join(text.split())


AUDIENCES = ("team", "intranet")
PLAIN = {audience: _pages("Plain", audience) for audience in AUDIENCES}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_hostile_text_changes_no_page_structure_and_reads_back(value):
    shown = one_line(value)
    for audience in AUDIENCES:
        for path, page in _pages(value, audience).items():
            assert page.shape == PLAIN[audience][path].shape, (audience, path)
            if posixpath.basename(path) != "questions.md":
                assert shown in _folded("".join(page.text)), (audience, path)


@settings(max_examples=60, deadline=None)
@given(TEXT)
def test_hostile_text_round_trips_through_json_and_csv(value):
    screening = publish(_handbook_with(value)[1], "team")
    data = json.loads(as_json(screening, "nl"))
    assert {p["name"] for p in data["stakeholders"]} == {value}
    assert data["disciplines"][0]["label"] == value
    rows = list(csv.DictReader(io.StringIO(as_csv(screening, "nl"))))
    # On one line, control characters as symbols, nothing a spreadsheet or CI runs.
    shown = re.sub(r"(?i)##vso(?=\[)", r"\g<0>\\", one_line(value))
    for row in rows:
        name = row["name"]
        assert name == shown or (name == "'" + shown and re.match(r"[=+\-@]|::|##\[", shown))


@settings(max_examples=60, deadline=None)
@given(TEXT)
def test_hostile_text_in_the_markdown_report_reads_back(value):
    source = as_markdown(publish(_handbook_with(value)[1], "team"), "nl")
    page = _read(markdown.markdown(source, extensions=EXTENSIONS))
    plain_source = as_markdown(publish(_handbook_with("Plain")[1], "team"), "nl")
    plain = _read(markdown.markdown(plain_source, extensions=EXTENSIONS))
    assert page.shape == plain.shape
    assert one_line(value) in _folded("".join(page.text))
