"""The register: everyone the audience may see in one table, and no one else. Read from
the pages a build makes (`make_site`); the browser tests are in test_register_browser.py."""

from __future__ import annotations

import html
import re
import shutil

import pytest
from conftest import REPO, copy_sample, load_bench

from pilotbook.audience.view import publish
from pilotbook.build.site import make_site
from pilotbook.config.handbook import Handbook
from pilotbook.config.screened import screening_or_raise
from pilotbook.screening.engagement import level_rank

REGISTER = "stakeholders/register/index.md"
# A row of the register: its attributes, then the link to the person's page.
ROW = re.compile(
    r'<tr data-d="([^"]*)" data-s="([^"]*)" data-q="([^"]*)" data-p="([^"]*)">'
    r'<td><a href="\.\./people/([^"]+)/">([^<]*)</a></td> <td>([^<]*)</td>'
)


def _pages(handbook: Handbook) -> dict[str, str]:
    return {page.path: page.content for page in make_site(handbook).pages}


def _rows(content: str) -> dict[str, tuple[str, ...]]:
    """The register's rows by the id of the person each links to."""
    return {match[5]: match.groups() for match in ROW.finditer(content)}


@pytest.mark.parametrize("audience", ["intranet", "team"])
def test_the_register_names_exactly_whom_the_audiences_view_names(audience):
    handbook = Handbook(REPO / "stakeholders", base_dir=REPO, audience=audience)
    screening = screening_or_raise(handbook).screening
    view = publish(screening, audience)
    content = _pages(handbook)[REGISTER]
    rows = _rows(content)
    assert set(rows) == set(view.ids)
    assert len(rows) == content.count("<tr data-d=")  # every row read
    # A row's text without its markup, as the site's search and the find box read it,
    # keeps each cell a word of its own.
    for row in re.findall(r"<tr data-d=.*?</tr>", content):
        name, role, place = re.findall(r"<td[^>]*>(.*?)</td>", row)[:3]
        words = html.unescape(re.sub(r"<[^>]+>", "", row))
        plain = html.unescape(re.sub(r"<[^>]+>", "", f"{name} {role} {place}"))
        assert plain in words, words
    for person in view.stakeholders:
        place, status, quadrant, ranks, _, name, role = rows[person.id]
        assert html.unescape(name) == person.name
        assert html.unescape(role) == (person.role or "")
        assert place == person.discipline or place == f"external:{person.external}"
        engagement = view.engagement[person.id]
        assert quadrant == (engagement.quadrant or "unplaced")
        levels = [engagement.involvement.get(p.id) for p in screening.method.phases]
        assert ranks.split() == [str(level_rank(level)) for level in levels]
        outcome = view.assessments.get(person.id)
        expected = "external" if outcome is None else str(outcome.status)
        if outcome is not None and outcome.selected:
            expected = "selected"
        elif person.interview == "rejected":
            expected = "rejected"
        assert status == expected, person.id
    statuses = {row[1] for row in rows.values()}
    if audience == "intranet":
        # Nobody pending, excluded or turned down after an interview, by name or else.
        assert statuses == {"selected", "shortlisted", "external"}
        unnamed = [
            s for s in screening.stakeholders if s.id not in view.ids and s.discipline is not None
        ]
        assert len(unnamed) >= 10
        for stakeholder in unnamed:
            assert html.escape(stakeholder.name) not in content, stakeholder.name
            assert stakeholder.id not in content
        # The counts say how many are left unnamed, as the shortlist's do.
        counts = re.search(
            r"Op het intranet geteld, [^:]*: (\d+) [^0-9]* (\d+) afgevallen", content
        )
        pending = sum(o.pending_count for o in view.disciplines)
        excluded = sum(o.excluded_count for o in view.disciplines)
        assert counts is not None and counts.groups() == (str(pending), str(excluded))
    else:
        assert statuses == {
            "selected",
            "rejected",
            "shortlisted",
            "pending",
            "excluded",
            "external",
        }
        assert len(rows) == len(screening.stakeholders)


def test_each_filter_offers_the_values_the_rows_have_with_their_counts():
    handbook = Handbook(REPO / "stakeholders", base_dir=REPO, audience="team")
    content = _pages(handbook)[REGISTER]
    rows = list(_rows(content).values())
    for index, key in enumerate("dsq"):
        select = re.search(rf'<select data-filter="{key}">(.*?)</select>', content)[1]
        offered = dict(re.findall(r'<option value="([^"]+)">[^<]*\((\d+)\)</option>', select))
        values = [row[index] for row in rows]
        assert offered == {value: str(values.count(value)) for value in set(values)}, key
        # Each value is an anchor too, which an address can choose the filter by.
        assert all(f'<span id="pb-r-{key}-{value}"></span>' in content for value in offered)
    phases = re.search(r'<select data-filter="p">(.*?)</select>', content)[1]
    taking_part = [
        sum(row[3].split()[phase] != "0" for row in rows)
        for phase in range(len(rows[0][3].split()))
    ]
    offered = re.findall(r'<option value="(\d+)">[^<]*\((\d+)\)</option>', phases)
    assert offered == [(str(i), str(n)) for i, n in enumerate(taking_part) if n]


def test_the_long_pages_show_their_first_rows_and_link_to_the_register(tmp_path):
    project = copy_sample(tmp_path / "handbook")
    shutil.rmtree(project / "stakeholders")
    load_bench().write_stakeholders(project, 400)  # past `summary_after` (150)
    handbook = Handbook(project / "stakeholders", base_dir=project, audience="team")
    pages = _pages(handbook)
    everyone = len(_rows(pages[REGISTER]))
    assert everyone == 400
    rows = _rows(pages[REGISTER])
    grid = pages["stakeholders/grid.md"].split("## Het raster als tabel")[1]
    groups = grid.split("\n### ")[1:]
    assert sum(int(re.match(r"[^\n]*\((\d+)\)\n", g)[1]) for g in groups) == everyone
    # The register's filter for those without an approach names them as the grid does.
    unplaced = re.search(r'<option value="unplaced">([^<(]*) \(', pages[REGISTER])[1]
    assert any(group.startswith(f"{unplaced}: ") for group in groups), unplaced
    long = 0
    for group in groups:
        said = int(re.match(r"[^\n]*\((\d+)\)\n", group)[1])
        listed = len(re.findall(r"^\| \[", group, re.M))
        first = re.search(
            r"De eerste 10 van (\d+); zie \[Register\]\(register/index\.md#pb-r-([sq])-([^)]+)\)",
            group,
        )
        if said <= 10:
            assert first is None and listed == said, group[:40]
            continue
        long += 1
        assert listed == 10 and int(first[1]) == said
        # The link chooses the register's filter that holds the group: its approach, its
        # status, or (influence or interest unknown) everyone without an approach.
        chosen = [row for row in rows.values() if row["sq".index(first[2]) + 1] == first[3]]
        if first[3] == "unplaced":
            chosen = [row for row in chosen if row[1] not in ("excluded", "pending")]
        assert len(chosen) == said, group[:40]
    assert long >= 4
    involvement = pages["stakeholders/involvement.md"]
    sections = involvement.split("\n## ")[1:]
    assert len(sections) == 7  # five disciplines, direct and indirect
    linked = 0
    for section in sections:
        listed = len(re.findall(r"^\| \[", section, re.M))
        first = re.search(
            r"De eerste 10 van (\d+); zie \[Register\]\(register/index\.md(#[^)]+)\)", section
        )
        if first is None:
            assert listed <= 10, section[:40]
            continue
        linked += 1
        assert listed == 10
        # The link chooses the section's filter: its count is the section's people.
        key = first[2].removeprefix("#pb-r-d-")
        assert int(first[1]) == sum(row[0] == key for row in _rows(pages[REGISTER]).values())
    assert linked >= 6


def test_the_long_pages_show_everyone_below_summary_and_link_the_register():
    handbook = Handbook(REPO / "stakeholders", base_dir=REPO, audience="team")
    pages = _pages(handbook)
    people = len(_rows(pages[REGISTER]))
    grid = pages["stakeholders/grid.md"].split("## Het raster als tabel")[1]
    assert len(re.findall(r"^\| \[", grid, re.M)) == people
    for page in ("grid", "involvement"):
        assert "De eerste" not in pages[f"stakeholders/{page}.md"]
        assert "[Register](register/index.md)." in pages[f"stakeholders/{page}.md"]
