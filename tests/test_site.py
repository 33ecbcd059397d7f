"""A real `mkdocs build` of the handbook, read as a colleague on the intranet would."""

from __future__ import annotations

import datetime
import json
import os
import posixpath
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPO, built, configure, mkdocs_build, pilotbook, run, write
from htmltext import between, parse, text


def test_shortlist_page_shows_each_discipline_status_and_people(sample_site):
    page = text(sample_site / "stakeholders" / "shortlist" / "index.html")
    marketing = between(page, "Marketing¶", "Sales¶")
    assert "Gesprekken nodig" in marketing
    assert "Op de shortlist (2)¶ Joost van Dijk" in marketing
    assert "Sanne de Boer" in between(marketing, "Op de shortlist (2)", "Nog niet beoordeeld (1)")
    legal = between(page, "Juridisch en compliance¶", "Facilitair¶")
    assert "Besloten" in legal
    assert "Marieke Smits, Jurist privacy ★ Gekozen na gesprek" in legal
    assert "Thomas de Graaf" in between(legal, "Op de shortlist (2)", "Nog niet beoordeeld")
    assert "Anouk Peters, Bedrijfsjurist contracten: Deze stakeholder heeft geen invloed" in legal
    facilities = between(page, "Facilitair¶", "IT¶")
    assert "⚠ Niet gedekt" in facilities
    assert "Niemand uit deze discipline staat op de shortlist" in facilities
    assert "Op de shortlist (0)¶ Niemand" in facilities
    sales = between(page, "Sales¶", "Juridisch en compliance¶")
    assert (
        "Daan Mulder, Accountmanager private banking: Nog open: Is je relatie met de "
        "stakeholder levendig" in sales
    )


def test_stakeholder_page_explains_each_answer_and_the_outcome(sample_site):
    page = text(sample_site / "stakeholders" / "people" / "legal" / "anouk-peters" / "index.html")
    assert "Anouk Peters" in page
    assert "Rol Bedrijfsjurist contracten" in page
    assert "Heeft de stakeholder invloed op de uitkomst van de pilot? ja nee ✗ voldoet niet" in page
    assert (
        "Uitkomst: Afgevallen. Waarom: Deze stakeholder heeft geen invloed op de uitkomst. "
        "De pilot kan" in page
    )
    assert "Bronbestand: stakeholders/legal/anouk-peters.yml" in page


def test_external_page_gives_the_guidance_and_lists_both_kinds(sample_site):
    page = text(sample_site / "stakeholders" / "external" / "index.html")
    direct = between(page, "Extern, direct¶", "Extern, indirect¶")
    assert "De klant is de belangrijkste stakeholder" in direct
    assert "Particuliere klanten" in direct
    indirect = between(page, "Extern, indirect", "Vorige")
    assert "partijen die ertoe doen voor de organisatie als geheel" in indirect
    for name in (
        "AFM",
        "DNB",
        "Ministerie van Financiën",
        "Consumentenorganisaties",
        "Concurrenten",
        "De media",
    ):
        assert name in indirect


def test_questions_page_is_generated_from_the_configured_questions(sample_site):
    page = text(sample_site / "stakeholders" / "questions" / "index.html")
    assert "4. Kan de pilot zonder deze stakeholder, of is die makkelijk te vervangen? nee" in page


def test_map_is_an_accessible_svg_whose_nodes_link_to_existing_pages(sample_site):
    html_path = sample_site / "stakeholders" / "index.html"
    html = html_path.read_text()
    svg = between(html, '<svg class="pb-map"', "</svg>")
    assert '<title id="pb-map-title">Stakeholderkaart: Videobellen met klanten</title>' in svg
    assert "<desc id=" in svg
    assert "<script" not in svg
    hrefs = re.findall(r'<a [^>]*href="([^"]+)"', svg)
    assert len(hrefs) == 38  # every stakeholder, internal and external
    for href in hrefs:
        target = sample_site / posixpath.normpath(posixpath.join("stakeholders", href))
        assert (target / "index.html").is_file(), href
    assert 'aria-label="Marieke Smits: Op de shortlist, gekozen na gesprek"' in svg
    # The table beside the map says the same in words.
    table = between(text(html_path), "De kaart als tabel¶", "Zie ook")
    assert "Kees van Leeuwen Facilitair ◌ Nog niet beoordeeld" in table
    assert "Marieke Smits Juridisch en compliance ● Op de shortlist ★ Gekozen na gesprek" in table
    assert "Particuliere klanten Extern, direct niet gescreend" in table


def test_stakeholder_pages_stay_out_of_the_sidebar_but_are_searchable(sample_site):
    home = parse(sample_site / "index.html")
    assert not [link for link in home.links if "/people/" in link or link.startswith("people")]
    assert any("stakeholders/shortlist/" in link for link in home.links)
    index = json.loads((sample_site / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert "stakeholders/people/legal/marieke-smits/" in locations


def test_site_loads_nothing_from_google_fonts(sample_site):
    html = (sample_site / "index.html").read_text()
    assert "fonts.googleapis.com" not in html
    assert "fonts.gstatic.com" not in html


def test_build_writes_nothing_into_the_source_tree(tmp_path):
    before = _snapshot()
    assert mkdocs_build(REPO, tmp_path / "site").returncode == 0
    assert _snapshot() == before


def _snapshot() -> dict[str, bytes]:
    return {
        str(p.relative_to(REPO)): p.read_bytes()
        for folder in ("content", "stakeholders", "theme", "generator")
        for p in sorted((REPO / folder).rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_invalid_data_fails_the_build_with_check_messages_and_keeps_the_last_site(
    project, tmp_path
):
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    write(
        project,
        "stakeholders/it/jeroen-meijer.yml",
        "name: Jeroen Meijer\ndiscipline: it\nanswers:\n  impact: misschien\n",
    )
    write(project, "stakeholders/it/new.yml", "name: New\ndicipline: it\n")
    result = mkdocs_build(project, site)
    assert result.returncode == 1
    lines = pilotbook("check", cwd=project).stdout.splitlines()[:-1]
    check = [line for line in lines if ": error: " in line]
    assert len(check) == 2
    for line in check:
        assert line in result.stderr
    assert "Traceback" not in result.stderr
    # Validation runs before MkDocs cleans the output: the last good site is still whole.
    assert (site / "stakeholders" / "shortlist" / "index.html").is_file()


def test_warnings_fail_a_strict_build_like_any_mkdocs_warning(project, tmp_path):
    write(
        project,
        "stakeholders/it/sven-de-wit.yml",
        "name: Sven de Wit\ndiscipline: it\nanswers: {impact: nee}\ninterview: selected\n",
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert (
        "stakeholders/it/sven-de-wit.yml:4:1: warning: 'interview: selected' is set"
        in result.stderr
    )


def test_an_english_site_has_english_labels(project, tmp_path):
    configure(project, "      language: en")
    site = built(project, tmp_path / "site")
    page = text(site / "stakeholders" / "shortlist" / "index.html")
    assert "Legal and compliance¶" in page
    assert "Facilities¶ ⚠ Uncovered Nobody from this discipline is shortlisted" in page


def test_disciplines_and_questions_can_be_configured(empty_project, tmp_path):
    project = empty_project
    configure(
        project,
        """
      disciplines:
        - {id: ops, label: {nl: Operatie, en: Operations}}
        - {id: hr, label: HR}
      questions:
        - id: budget
          text: {nl: 'Heeft de persoon budget?', en: 'Holds a budget?'}
          needed: ja
    """,
    )
    write(project, "stakeholders/ops/a.yml", "name: Ada\ndiscipline: ops\nanswers: {budget: ja}\n")
    write(project, "stakeholders/hr/b.yml", "name: Bo\ndiscipline: hr\nanswers: {budget: nee}\n")
    site = built(project, tmp_path / "site")
    page = text(site / "stakeholders" / "shortlist" / "index.html")
    assert "Operatie¶ ● Gedekt" in page
    assert "HR¶ ⚠ Niet gedekt" in page
    assert "Bo: Het antwoord op 'Heeft de persoon budget?' is niet ja." in page
    questions = text(site / "stakeholders" / "questions" / "index.html")
    assert "1. Heeft de persoon budget? ja" in questions
    check = pilotbook("check", cwd=project)
    assert check.returncode == 0, check.stdout


def test_invalid_options_are_reported_at_their_line_in_mkdocs_yml(project, tmp_path):
    config = configure(
        project,
        """
      disciplines:
        - id: Ops Team
        - id: hr
          lable: HR
    """,
        # A Python tag, as Material's emoji setup has, must not stop the lookup.
        extensions="  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
    )
    line = config.splitlines().index("        - id: Ops Team") + 1
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert f"mkdocs.yml:{line}:15: error: 'id' must be lower-case letters" in result.stderr
    assert f"mkdocs.yml:{line + 2}:11: error: unknown key 'lable'" in result.stderr
    assert "'label' must be" not in result.stderr
    check = pilotbook("check", cwd=project)
    assert check.returncode == 1
    assert f"mkdocs.yml:{line}:15: error: 'id' must be lower-case letters" in check.stderr


def test_generated_markdown_builds_without_the_plugin(project, tmp_path):
    out = tmp_path / "markdown"
    assert pilotbook("generate", str(out), cwd=project).returncode == 0
    site = tmp_path / "site"
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], out)
    assert result.returncode == 0, result.stderr
    assert "Marieke Smits" in text(site / "stakeholders" / "shortlist" / "index.html")


def test_past_the_summary_threshold_map_and_shortlist_show_counts(project, tmp_path):
    configure(project, "summary_after: 10")
    site = built(project, tmp_path / "site")
    page = (site / "stakeholders/index.html").read_text()
    # The map counts where a sector is too full to draw, not past a total: the wide map
    # has room for the sample's sectors, and the phone's map draws the same people.
    chosen = 'aria-label="Marieke Smits: Op de shortlist, gekozen na gesprek"'
    assert chosen in between(page, '<svg class="pb-map"', "</svg>")
    assert chosen in between(page, '<svg class="pb-map-narrow"', "</svg>")
    table = between(text(site / "stakeholders/index.html"), "De kaart als tabel¶", "Zie ook")
    assert "Facilitair ⚠ Niet gedekt 0 3 2" in table
    shortlist = text(site / "stakeholders/shortlist/index.html")
    legal = between(shortlist, "Juridisch en compliance¶", "Facilitair¶")
    assert "Marieke Smits" in legal  # the shortlisted are still named
    assert "Anouk Peters" not in legal
    assert "Nog niet beoordeeld: 1 · Afgevallen: 2 · de hele lijst" in legal
    # A shortlisted person reads the same on the shortlist and on the whole list.
    entries = [_entry(site / f"stakeholders/{p}/index.html", "Marieke Smits") for p in PLACES]
    assert entries[0] == entries[1]
    assert entries[0].startswith("Marieke Smits, ")
    assert "\n  Wat we verwachten: Toetst het opname-" in entries[0]
    detail = text(site / "stakeholders/disciplines/legal/index.html")
    assert "Afgevallen (2)¶ Anouk Peters, Bedrijfsjurist contracten: Deze" in detail
    # The home page's board leads to each discipline's whole list (as the navigation does).
    board = between((site / "index.html").read_text(), '<nav class="pb-board"', "</nav>")
    lists = re.findall(r'href="([^"]*disciplines/[^"]*)"', board)
    assert len(lists) == 5
    assert all((site / link.split("#")[0] / "index.html").is_file() for link in lists)
    # The intranet's whole lists name the shortlisted only, and count the others.
    intranet = built(project, tmp_path / "intranet", env={"PILOTBOOK_AUDIENCE": "intranet"})
    legal = text(intranet / "stakeholders/disciplines/legal/index.html")
    assert "Marieke Smits" in legal and "Anouk Peters" not in legal
    assert "Afgevallen (2)¶ Op het intranet geteld, niet bij naam genoemd." in legal
    # Its map, on a phone too, counts the others and names the chosen only.
    narrow = between((intranet / "stakeholders/index.html").read_text(), "pb-map-narrow", "</svg>")
    assert 'aria-label="Juridisch en compliance: 2 afgevallen"' in narrow
    assert chosen in narrow and "Anouk Peters" not in narrow
    assert (intranet / "stakeholders/disciplines/legal/index.html").is_file()


PLACES = ("shortlist", "disciplines/legal")


def _entry(page: Path, name: str) -> str:
    """The text of the list item that names `name`, tags left out."""
    items = re.findall(r"<li>(.*?)</li>", page.read_text(), re.S)
    (item,) = [i for i in items if f">{name}</a>" in i]
    return re.sub(r"<[^>]+>", "", item).strip()


def test_two_builds_of_one_commit_are_byte_identical(project, tmp_path):
    env = {"GIT_COMMITTER_DATE": "2025-01-15T10:00:00Z", "GIT_AUTHOR_DATE": "2025-01-15T10:00:00Z"}
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=A", "-c", "user.email=a@b.c", "commit", "-qm", "sample"],
    ):
        assert run(["git", *args], project, env=env).returncode == 0
    first = built(project, tmp_path / "one")
    second = built(project, tmp_path / "two")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    # Dated by the commit's day, not the build's (MkDocs keeps the date of the epoch).
    assert _gzip_time(first / "sitemap.xml.gz") == _midnight("2025-01-15")
    stamped = built(project, tmp_path / "three", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert _gzip_time(stamped / "sitemap.xml.gz") == _midnight("2023-11-14")


def _midnight(day: str) -> int:
    return int(datetime.datetime.fromisoformat(day + "T00:00:00+00:00").timestamp())


def _gzip_time(path) -> int:
    return int.from_bytes(path.read_bytes()[4:8], "little")


def test_a_home_page_written_as_readme_gets_the_board_with_working_links(project, tmp_path):
    (project / "content" / "index.md").rename(project / "content" / "README.md")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("Home: index.md", "Home: README.md"))
    site = built(project, tmp_path / "site")
    board = between((site / "index.html").read_text(), '<nav class="pb-board"', "</nav>")
    hrefs = re.findall(r'href="([^"#]+)', board)
    assert len(hrefs) == 6  # the sample's five disciplines and its call team
    for href in hrefs:
        assert (site / posixpath.normpath(href) / "index.html").is_file(), href


def test_the_offline_copy_links_home_to_its_pages_and_names_no_build_folder(project, tmp_path):
    """The board's links on the home page of the copy read from disk (the MkDocs build
    and `generate --offline`) lead to the pages, not into the build machine's folders."""
    env = {"PILOTBOOK_OFFLINE": "true", "PILOTBOOK_AUDIENCE": "intranet"}
    site = built(project, tmp_path / "offline", env=env)
    board = between((site / "index.html").read_text(), '<nav class="pb-board"', "</nav>")
    hrefs = re.findall(r'href="([^"#]+)', board)
    # The five disciplines' cards, and the call team's.
    assert sorted(hrefs) == ["stakeholders/call-team.html"] + ["stakeholders/shortlist.html"] * 5
    assert (site / hrefs[0]).is_file()
    generated = tmp_path / "generated"
    result = pilotbook("generate", "--offline", str(generated), cwd=project)
    assert result.returncode == 0, result.stderr
    home = (generated / "docs" / "index.md").read_text()
    assert re.findall(r'href="([^"#]+)', home) == hrefs
    where = str(tmp_path).strip("/")
    for path in [*site.rglob("*"), *generated.rglob("*")]:
        if path.is_file() and not path.name.endswith(".gz"):
            assert where not in path.read_text(errors="replace"), path


def _in_the_way(project: Path) -> None:
    write(project, "content/stakeholders/shortlist.md", "# Mijn eigen shortlist\n")


def _not_utf8_template(project: Path) -> None:
    template = project / "theme" / "pages" / "external.md"
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_bytes("# Extern \xe9\n".encode("latin-1"))


@pytest.mark.parametrize(
    ("cause", "message"),
    [
        (
            _in_the_way,
            "content/stakeholders/shortlist.md:1:1: error: this file is in the way of a page "
            "pilotbook generates",
        ),
        (
            _not_utf8_template,
            "theme/pages/external.md:1:1: error: the page template cannot be read (not UTF-8): "
            "make it a readable UTF-8 file, or delete it to use pilotbook's own (template-error)",
        ),
    ],
)
def test_a_file_that_stops_the_build_is_named_without_a_traceback(
    project, tmp_path, cause, message
):
    cause(project)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("options", "files", "named"),
    [
        # The privacy statement and the map at one address.
        ("pages_dir: privacy", ["content/privacy.md"], ("content/privacy.md", "privacy/index.md")),
        (
            "pages_dir: people",
            ["content/people/index.md"],
            ("content/people/index.md", "people/index.md"),
        ),
        # As a server or file system that ignores case sees it.
        ("pages_dir: privacy", ["content/Privacy.md"], ("content/Privacy.md", "privacy/index.md")),
        # A page written as HTML where a generated one goes.
        (
            "",
            ["content/stakeholders/shortlist/index.html"],
            ("content/stakeholders/shortlist/index.html", "stakeholders/shortlist.md"),
        ),
        # Two of the handbook's own pages.
        (
            "",
            ["content/team.md", "content/team/index.md"],
            ("content/team/index.md", "content/team.md"),
        ),
    ],
)
def test_two_files_at_one_address_stop_the_build_naming_both(
    project, tmp_path, options, files, named
):
    """Whichever file won, the other's words would stay in the search index."""
    configure(project, f"pilot: Videobellen met klanten\n{options}")
    if "content/Privacy.md" in files:
        (project / "content/privacy.md").unlink()
    for path in files:
        write(project, path, "# Dropped without a word\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1
    first, second = named
    line = next(line for line in result.stderr.splitlines() if "site-address-collision" in line)
    assert f"{first}:1:1: error: " in line and f" {second} " in line
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()
    if not second.startswith("content/"):  # `generate` writes the same pages
        generated = pilotbook("generate", str(tmp_path / "generated"), cwd=project)
        assert generated.returncode == 1
        assert line.removeprefix("ERROR   -  ") in generated.stderr.splitlines()
        assert not (tmp_path / "generated").exists()


@pytest.mark.parametrize(
    ("blocking", "blocked"),
    [
        ("content/stakeholders/people", "stakeholders/people/"),
        ("content/stakeholders/grid", "stakeholders/grid.md"),
        ("content/stakeholders", "stakeholders/index.md"),
    ],
)
def test_a_file_where_a_generated_page_needs_a_folder_stops_the_build_naming_both(
    project, tmp_path, blocking, blocked
):
    """MkDocs would stop writing the site with a traceback, `generate` with a message
    about its temporary folder."""
    if (project / blocking).is_dir():
        shutil.rmtree(project / blocking)
    write(project, blocking, "in the way\n")
    result = mkdocs_build(project, tmp_path / "site")
    generated = pilotbook("generate", str(tmp_path / "generated"), cwd=project)
    for stderr in (result.stderr, generated.stderr):
        line = next(line for line in stderr.splitlines() if "(site-address-collision)" in line)
        assert f"{blocking}:1:1: error: this file stands where the site needs a folder" in line
        assert f"for {blocked}" in line
        assert "Traceback" not in stderr
    assert f"{tmp_path}{os.sep}." not in generated.stderr  # no temporary folder
    assert result.returncode == generated.returncode == 1
    assert not (tmp_path / "site").exists() and not (tmp_path / "generated").exists()
