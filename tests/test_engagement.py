"""Engagement: involvement per phase of the pilot, and the influence/interest grid."""

from __future__ import annotations

import dataclasses
import html
import json
import re
import shutil

import pytest
from conftest import configure, csv_rows, mkdocs_build, pilotbook, write
from htmltext import between, text

from pilotbook.build.site import make_site
from pilotbook.config.handbook import Handbook
from pilotbook.method.model import DEFAULT_METHOD, Phase, Wording
from pilotbook.screening.engagement import Quadrant, quadrant

ALL_YES = "{impact: ja, expectations: ja, relationship: ja, replaceable: nee, appointed: nee}"


def _report(project, *args):
    result = pilotbook("report", "--format", "json", *args, cwd=project)
    assert result.returncode == 0, result.stderr
    return {s["id"]: s for s in json.loads(result.stdout)["stakeholders"]}


@pytest.fixture
def engaged(empty_project):
    """A handbook whose stakeholders plan their involvement."""
    write(
        empty_project,
        "stakeholders/it/ada.yml",
        f"name: Ada\ndiscipline: it\nanswers: {ALL_YES}\ninvolvement: {{setup: collaborate}}\n",
    )
    write(
        empty_project,
        "stakeholders/it/bob.yml",
        "name: Bob\ndiscipline: it\nanswers: {impact: ja, relationship: nee}\n",
    )
    write(
        empty_project,
        "stakeholders/it/cas.yml",
        "name: Cas\ndiscipline: it\nanswers: {impact: nee}\ninfluence: high\ninterest: high\n",
    )
    write(
        empty_project,
        "stakeholders/klanten/klanten.yml",
        "name: Klanten\nexternal: direct\ninvolvement: {execution: involve}\n",
    )
    write(empty_project, "stakeholders/omgeving/pers.yml", "name: Pers\nexternal: indirect\n")
    return empty_project


@pytest.mark.parametrize(
    ("influence", "interest", "expected"),
    [
        ("high", "high", Quadrant.MANAGE_CLOSELY),
        ("high", "low", Quadrant.KEEP_SATISFIED),
        ("low", "high", Quadrant.KEEP_INFORMED),
        ("low", "low", Quadrant.MONITOR),
        ("high", None, None),
        (None, "low", None),
    ],
)
def test_the_quadrant_follows_influence_and_interest(influence, interest, expected):
    assert quadrant(influence, interest) == expected


def test_colleagues_take_the_grid_from_their_answers_and_an_explicit_value_wins(engaged):
    write(
        engaged,
        "stakeholders/it/dirk.yml",
        f"name: Dirk\ndiscipline: it\nanswers: {ALL_YES}\ninfluence: low\n",
    )
    people = _report(engaged)
    ada, bob, cas, dirk = (people[f"it/{n}"] for n in ("ada", "bob", "cas", "dirk"))
    assert (ada["influence"], ada["interest"], ada["quadrant"]) == (
        "high",
        "high",
        "manage-closely",
    )
    # Dirk answered 'yes' to impact, but his file says his influence is low.
    assert (dirk["influence"], dirk["interest"], dirk["quadrant"]) == (
        "low",
        "high",
        "keep-informed",
    )
    # Bob is pending and Cas excluded: their answers and files still say where they would
    # sit, but neither gets an approach (the next test).
    assert (bob["influence"], bob["interest"]) == ("high", "low")
    assert (cas["influence"], cas["interest"]) == ("high", "high")


def _grid_sections(markdown: str) -> dict[str, str]:
    """The grid page's table, section by section: its heading, and the text under it."""
    table = markdown.split("\n### ")[1:]
    return {part.split("\n", 1)[0]: part.split("\n", 1)[1] for part in table}


def _drawing(grid: str) -> tuple[str, str]:
    """The words of the grid's quadrants and of its box of the unplaced, each line of a
    name or status wrapped onto more as a reader reads them."""
    svg = grid.split("<svg", 1)[1].split("</svg>", 1)[0]
    quadrants, box = svg.split('<g class="pb-unplaced">')
    return tuple(" ".join(re.sub(r"<[^>]+>", " ", part).split()) for part in (quadrants, box))


def _pages(project, audience="team"):
    handbook = Handbook(project / "stakeholders", base_dir=project, audience=audience)
    return {page.path: page.content for page in make_site(handbook).pages}


def test_excluded_and_pending_colleagues_get_no_approach_and_their_status_shows(engaged):
    """Cas answered 'no' to impact (excluded) though his file places him high and high,
    Eef has questions open (pending), though her answer on impact gives a high influence:
    the report, the grid, its table and their pages give neither an approach, and the grid
    and its table say why, by status."""
    write(
        engaged,
        "stakeholders/it/eef.yml",
        "name: Eef\ndiscipline: it\nanswers: {impact: ja}\ninterest: high\n",
    )
    write(
        engaged,
        "stakeholders/klanten/klanten.yml",
        "name: Klanten\nexternal: direct\ninvolvement: {execution: involve}\n"
        "influence: high\ninterest: high\n",
    )
    people = _report(engaged)
    assert people["it/eef"]["influence"] == "high" and people["it/eef"]["interest"] == "high"
    assert people["it/cas"]["quadrant"] is None and people["it/eef"]["quadrant"] is None
    assert people["it/ada"]["quadrant"] == "manage-closely"
    # The CSV says the same: influence and interest, and no approach.
    rows = csv_rows(pilotbook("report", "--format", "csv", cwd=engaged).stdout)
    cas = next(r for r in rows if r["id"] == "it/cas")
    assert (cas["status"], cas["influence"], cas["interest"], cas["quadrant"]) == (
        "excluded",
        "high",
        "high",
        "",
    )
    pages = _pages(engaged)
    grid = pages["stakeholders/grid.md"]
    sections = _grid_sections(grid)
    assert list(sections) == [
        "Nauw betrekken (2)",
        "Tevreden houden (0)",
        "Op de hoogte houden (0)",
        "Volgen (0)",
        "Niet geplaatst: afgevallen (2)",
        "Niet geplaatst: nog niet beoordeeld (1)",
        "Niet geplaatst: invloed of belang onbekend (1)",
    ]
    assert "[Ada]" in sections["Nauw betrekken (2)"]
    assert "[Klanten]" in sections["Nauw betrekken (2)"]  # placed by its file, not screened
    assert "Cas" not in sections["Nauw betrekken (2)"]
    excluded = sections["Niet geplaatst: afgevallen (2)"]
    assert "[Bob]" in excluded and "[Cas]" in excluded
    assert excluded.count('class="pb-badge pb-excluded"') == 2
    pending = sections["Niet geplaatst: nog niet beoordeeld (1)"]
    assert "[Eef]" in pending and 'class="pb-badge pb-pending"' in pending
    assert 'class="pb-badge pb-shortlisted"' in sections["Nauw betrekken (2)"]
    assert "[Pers]" in sections["Niet geplaatst: invloed of belang onbekend (1)"]
    # The intro and the drawing's description say where those without an approach are.
    apart = "Wie is afgevallen of nog niet is beoordeeld, staat apart onder 'Niet geplaatst'."
    assert html.unescape(grid).count(apart) == 2
    # The drawing: Cas and Eef in the box of the unplaced, under their status.
    quadrants, box = _drawing(grid)
    assert "Cas" not in quadrants and "Ada" in quadrants
    assert box == (
        "Niet geplaatst (4) ■ Afgevallen (2) Bob Cas ◌ Nog niet beoordeeld (1) Eef "
        "? Invloed of belang onbekend (1) Pers"
    )
    # A person's page names an approach only for those who have one.
    assert "| Aanpak |" in pages["stakeholders/people/it/ada.md"]
    for person in ("bob", "cas", "eef"):
        assert "| Aanpak |" not in pages[f"stakeholders/people/it/{person}.md"]


def test_the_intranets_grid_has_no_unplaced_colleague_to_show(engaged):
    """The intranet names no pending or excluded colleague: not in the box, and not as a
    number either."""
    write(engaged, "stakeholders/it/eef.yml", "name: Eef\ndiscipline: it\nanswers: {impact: ja}\n")
    grid = _pages(engaged, "intranet")["stakeholders/grid.md"]
    assert "Cas" not in grid and "Bob" not in grid and "Eef" not in grid
    # Nor does it speak of them: its words say who gets an approach, not where the
    # others are, neither in the intro nor in the drawing's description.
    assert "collega's op de shortlist krijgen een aanpak." in grid
    assert "afgevallen" not in grid.casefold() and "beoordeeld" not in grid
    assert list(_grid_sections(grid))[4:] == ["Niet geplaatst: invloed of belang onbekend (2)"]
    assert _drawing(grid)[1] == "Niet geplaatst (2) ? Invloed of belang onbekend (2) Klanten Pers"


def test_the_involvement_page_shows_each_colleagues_status(engaged):
    write(engaged, "stakeholders/it/eef.yml", "name: Eef\ndiscipline: it\nanswers: {impact: ja}\n")
    involvement = _pages(engaged)["stakeholders/involvement.md"]
    rows = {line.split("]")[0][3:]: line for line in involvement.splitlines() if "| [" in line}
    assert 'class="pb-badge pb-shortlisted"' in rows["Ada"]
    assert 'class="pb-badge pb-pending"' in rows["Eef"]
    assert 'class="pb-badge pb-excluded"' in rows["Cas"]


def test_externals_are_placed_only_where_their_file_says_so(engaged):
    people = _report(engaged)
    assert people["omgeving/pers"]["quadrant"] is None
    assert people["omgeving/pers"]["influence"] is None


def test_every_phase_is_a_key_of_involvement_null_where_not_planned(engaged):
    people = _report(engaged)
    assert people["it/ada"]["involvement"] == {
        "setup": "collaborate",
        "execution": None,
        "evaluation": None,
    }
    rows = csv_rows(pilotbook("report", "--format", "csv", cwd=engaged).stdout)
    ada = next(r for r in rows if r["id"] == "it/ada")
    assert ada["involvement_setup"] == "collaborate" and ada["involvement_execution"] == ""
    assert ada["quadrant"] == "manage-closely"


def test_unknown_phases_levels_and_values_are_located_errors_with_a_hint(empty_project):
    write(
        empty_project,
        "stakeholders/it/a.yml",
        "name: A\ndiscipline: it\ninvolvement:\n  setpu: inform\n  execution: informed\n"
        "influence: hihg\n",
    )
    result = pilotbook("check", cwd=empty_project)
    assert result.returncode == 1
    out = result.stdout
    assert "stakeholders/it/a.yml:4:3: error: unknown phase 'setpu': did you mean 'setup'?" in out
    assert (
        "stakeholders/it/a.yml:5:14: error: unknown level 'informed': did you mean 'inform'?"
        in (out)
    )
    assert "stakeholders/it/a.yml:6:12: error: unknown 'influence' value 'hihg': did you mean " in (
        out
    )


def test_no_customer_in_running_the_pilot_is_a_warning_once_involvement_is_planned(engaged):
    write(engaged, "stakeholders/klanten/klanten.yml", "name: Klanten\nexternal: direct\n")
    result = pilotbook("check", cwd=engaged)
    assert result.returncode == 1  # the sample builds strict: a warning fails check too
    assert (
        "stakeholders/klanten/klanten.yml:1:1: warning: no direct external stakeholder takes "
        "part in running the pilot"
    ) in result.stdout
    # A handbook that plans no involvement at all is not warned.
    shutil.rmtree(engaged / "stakeholders" / "it")
    quiet = pilotbook("check", cwd=engaged)
    assert "warning" not in quiet.stdout


def test_a_covered_discipline_with_no_part_in_setup_is_a_warning(engaged):
    write(
        engaged,
        "stakeholders/legal/lies.yml",
        f"name: Lies\ndiscipline: legal\nanswers: {ALL_YES}\n",
    )
    result = pilotbook("check", cwd=engaged)
    assert (
        "stakeholders/legal/lies.yml:1:1: warning: nobody on the shortlist of 'legal' has a part "
        "in setting the pilot up"
    ) in result.stdout
    assert "'it'" not in result.stdout  # Ada takes part in the setup
    strict = mkdocs_build(engaged, engaged.parent / "out")
    assert strict.returncode == 1  # the sample builds strict: a warning stops it


def test_phases_and_the_grid_come_from_the_handbooks_options(engaged):
    configure(
        engaged,
        """
        pilot: P
        phases:
          - id: design
            label: {nl: Ontwerp, en: Design}
          - id: pilot
            label: Pilot
        grid: {influence: appointed, interest: null}
        """,
    )
    write(engaged, "stakeholders/it/ada.yml", f"name: Ada\ndiscipline: it\nanswers: {ALL_YES}\n")
    write(engaged, "stakeholders/klanten/klanten.yml", "name: Klanten\nexternal: direct\n")
    people = _report(engaged)
    assert people["it/ada"]["involvement"] == {"design": None, "pilot": None}
    assert people["it/ada"]["influence"] == "low"  # from 'appointed: nee'
    assert people["it/ada"]["interest"] is None and people["it/ada"]["quadrant"] is None
    configure_text = (
        (engaged / "mkdocs.yml").read_text().replace("influence: appointed", "influence: impakt")
    )
    (engaged / "mkdocs.yml").write_text(configure_text)
    result = pilotbook("check", cwd=engaged)
    assert result.returncode == 1
    assert "'grid: influence' names the question 'impakt', which the method does not have" in (
        result.stderr
    )


def test_the_sample_shows_the_grid_and_involvement_pages(sample_site):
    grid = text(sample_site / "stakeholders" / "grid" / "index.html")
    assert "Nauw betrekken" in grid and "Tevreden houden" in grid
    table = between(grid[grid.rindex("Het raster als tabel") :], "Het raster", "Zie ook")
    closely = between(table, "Nauw betrekken (", "Tevreden houden (")
    assert (
        "Particuliere klanten Plaats: Extern, direct Status: niet gescreend Invloed: hoog "
        "Belang: hoog"
    ) in closely
    # Linda Vos answered that she was appointed: excluded, and no approach for her.
    assert "Linda Vos" not in closely
    excluded = between(table, "Niet geplaatst: afgevallen (", "Niet geplaatst: nog")
    assert "Linda Vos Plaats: Juridisch en compliance Status: ■ Afgevallen" in excluded
    involvement = text(sample_site / "stakeholders" / "involvement" / "index.html")
    assert (
        "Particuliere klanten Opzetten: ○○○○○ geen rol Uitvoeren: ●●●●○ samenwerken "
        "Evalueren: ●●○○○ raadplegen"
    ) in involvement.replace("  ", " ")
    assert "Peter Visser Status: ● Op de shortlist Opzetten: ●●●●○ samenwerken" in involvement
    person = text(sample_site / "stakeholders" / "people" / "sales" / "peter-visser" / "index.html")
    assert "Betrokkenheid: Opzetten ●●●●○ samenwerken" in person
    assert "Aanpak Nauw betrekken (invloed: hoog, belang: hoog)" in person
    svg = (sample_site / "stakeholders" / "grid" / "index.html").read_text()
    assert '<svg class="pb-grid"' in svg and '<title id="pb-grid-title">' in svg


def test_the_intranet_grid_names_only_externals_and_shortlisted_colleagues(intranet_site):
    site = intranet_site
    for page in ("grid", "involvement"):
        everything = text(site / "stakeholders" / page / "index.html")
        assert "Marieke Smits" in everything and "Particuliere klanten" in everything
        for hidden in ("Anouk Peters", "Bram Willems", "Daan Mulder"):
            assert hidden not in everything, (page, hidden)


def test_the_board_asks_for_a_part_in_the_setup_only_where_involvement_is_planned(engaged):
    advice = "bij het opzetten van de pilot"  # a task for the team, a status on the intranet
    # Lies covers legal without a part in the setup; Ada (IT) has one.
    write(
        engaged,
        "stakeholders/legal/lies.yml",
        f"name: Lies\ndiscipline: legal\nanswers: {ALL_YES}\n",
    )
    board = make_site(Handbook(engaged / "stakeholders", base_dir=engaged)).board or ""
    legal, it = (c for c in board.split("<li")[1:] if "Lies" in c or "Ada" in c)
    assert advice in legal and advice not in it
    # A handbook that plans no involvement is not asked to.
    write(engaged, "stakeholders/it/ada.yml", f"name: Ada\ndiscipline: it\nanswers: {ALL_YES}\n")
    write(engaged, "stakeholders/klanten/klanten.yml", "name: Klanten\nexternal: direct\n")
    board = make_site(Handbook(engaged / "stakeholders", base_dir=engaged)).board or ""
    assert "Lies" in board and advice not in board
    # Nor is one whose method has no setup phase.
    design = dataclasses.replace(DEFAULT_METHOD, phases=(Phase("design", Wording("O", "D")),))
    write(
        engaged,
        "stakeholders/it/ada.yml",
        f"name: Ada\ndiscipline: it\nanswers: {ALL_YES}\ninvolvement: {{design: involve}}\n",
    )
    board = make_site(Handbook(engaged / "stakeholders", base_dir=engaged, method=design)).board
    assert "Lies" in (board or "") and advice not in (board or "")
