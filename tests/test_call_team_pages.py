"""The call team's page and its card on the decision board, in real builds of small
handbooks: what each audience reads (the page, the search index, every file of the
site), the spread as counted from the callers' files, the card's place among the
disciplines' and its next step, values from YAML shown as text, and no page or card
where the method has no call team."""

from __future__ import annotations

import html
import json
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import configure, copy_sample, mkdocs_build_here, pilotbook, run, write
from htmltext import text

PAGE = "stakeholders/call-team/index.html"
STATUSES = ("selected", "reserve", "candidate", "withdrawn")
# Dutch headings of the roster, by status.
HEADINGS = {
    "selected": "Gekozen bellers",
    "reserve": "Reserves",
    "candidate": "Kandidaten",
    "withdrawn": "Teruggetrokken",
}
# The callers of the handbook most tests read: their files' fields, by id.
CALLERS: dict[str, dict[str, str]] = {
    "noord/anna-de-vries": {
        "name": "Anna de Vries",
        "role": "Klantadviseur",
        "team": "Noord",
        "location": "Zwolle",
        "status": "selected",
        "volunteered": "yes",
        "appointed_by": "Teamleider Noord",
        "trained": "2026-01-12",
        "hours": "7.25",
        "extra": "{ervaring: 12 jaar klantcontact}",
        "notes": "NOTITIE-GEHEIM",
        "private": "{telefoon: PRIVE-0612}",
    },
    "noord/bas-jansen": {
        "name": "Bas Jansen",
        "team": "Noord",
        "location": "Utrecht",
        "status": "selected",
        "hours": "4",
    },
    "zuid/cor-peters": {
        "name": "Cor Peters",
        "team": "Zuid",
        "location": "Utrecht",
        "appointed_by": "Afdelingshoofd Zuid",
    },
    "zuid/dien-bakker": {
        "name": "Dien Bakker",
        "team": "Zuid",
        "location": "Breda",
        "status": "withdrawn",
    },
    "zuid/eva-smit": {
        "name": "Eva Smit",
        "team": "Zuid",
        "location": "Breda",
        "status": "reserve",
        "volunteered": "no",
        "hours": "11.5",
    },
    "oost/fleur-visser": {"name": "Fleur Visser", "team": "Oost", "location": "Zwolle"},
}
REASON = "De uitkomst moet voor elk team en elke locatie gelden."
PLAN = f"""
call_team:
  selection: cross-section
  size: 4
  spread: [team, location]
  reason: {{nl: "{REASON}", en: "It must hold everywhere."}}
"""
# What only the project team may read of the callers, and what nobody may.
TEAM_ONLY = ("Teamleider Noord", "Afdelingshoofd Zuid", "12 jaar klantcontact", "uren per week")
# The callers' hours: numbers, looked for in what a reader sees (a drawing's path has
# numbers of every kind).
HOURS = ("7.25", "11.5")
NEVER = ("NOTITIE-GEHEIM", "PRIVE-0612", "telefoon")


def status(fields: dict[str, str]) -> str:
    return fields.get("status", "candidate")


def named(wanted: str) -> list[str]:
    return [f["name"] for _, f in sorted(CALLERS.items()) if status(f) == wanted]


def handbook(
    root: Path, callers: dict[str, dict[str, str]], plan: str | None, language: str = ""
) -> Path:
    """A copy of the sample with `callers` and the call team `plan` (None: no call team),
    built without `strict` (a call team that is short warns) and without the sample's
    own `nav` and callers, so that the navigation is made from the pages."""
    project = copy_sample(root)
    shutil.rmtree(project / "callers")
    config = (project / "mkdocs.yml").read_text()
    config = config.replace("strict: true", "strict: false").split("\nnav:\n")[0] + "\n"
    (project / "mkdocs.yml").write_text(config)
    configure(project, f"pilot: Videobellen met klanten\n{language}{plan or ''}")
    for ident, fields in callers.items():
        lines = [f"{key}: {value}" for key, value in fields.items()]
        write(project, f"callers/{ident}.yml", "\n".join(lines) + "\n")
    return project


def build(project: Path, audience: str) -> Path:
    site = project.parent / f"site-{audience}"
    result = mkdocs_build_here(project, site, env={"PILOTBOOK_AUDIENCE": audience})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    project = handbook(tmp_path_factory.mktemp("call-team") / "handbook", CALLERS, PLAN)
    return {audience: build(project, audience) for audience in ("team", "intranet")}


class _Tables(HTMLParser):
    """Each table of a page under the heading before it: its rows as cell texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[str, list[list[str]]]] = []
        self._heading: list[str] | None = None
        self._last = ""
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3"):
            self._heading = []
        elif tag == "table":
            self.tables.append((self._last, []))
        elif tag == "tr":
            self.tables[-1][1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("h2", "h3") and self._heading is not None:
            self._last = " ".join("".join(self._heading).replace("¶", "").split())
            self._heading = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        for part in (self._heading, self._cell):
            if part is not None:
                part.append(data)


def tables(path: Path) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return dict(parser.tables)


def everything(site: Path) -> str:
    """Every text file of a built site, as one string."""
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".json", ".xml", ".md", ".txt", ".js")
    )


def visible(site: Path) -> str:
    """What a reader sees on every page of a built site, and its search index."""
    pages = (text(p) for p in sorted(site.rglob("*.html")))
    return "\n".join((*pages, search_text(site)))


def search_text(site: Path) -> str:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return "\n".join(f"{doc['title']}\n{doc['text']}" for doc in index["docs"])


def roster(site: Path) -> dict[str, list[str]]:
    """The names in each of the roster's tables, by its heading."""
    found = {}
    for heading, rows in tables(site / PAGE).items():
        if rows and rows[0][0] == "Naam":
            found[heading] = [row[0].split(",")[0] for row in rows[1:]]
    return found


def test_the_team_reads_every_caller_with_status_and_every_published_field(sites):
    site = sites["team"]
    expected = {f"{HEADINGS[s]} ({len(named(s))})": named(s) for s in STATUSES if named(s)}
    assert roster(site) == expected
    words = text(site / PAGE)
    assert "Anna de Vries, Klantadviseur" in words
    for value in (
        "aangewezen door: Teamleider Noord",
        "uren per week: 7.25",
        "ervaring: 12 jaar klantcontact",
    ):
        assert value in words
    assert "aangemeld: nee" in words  # Eva Smit, a reserve
    for secret in NEVER:
        assert secret not in everything(site), secret


def test_the_intranet_names_only_the_selected_callers_and_counts_the_others(sites):
    site = sites["intranet"]
    selected = named("selected")
    assert roster(site) == {f"{HEADINGS['selected']} ({len(selected)})": selected}
    words = text(site / PAGE)
    counts = " · ".join(f"{HEADINGS[s]}: {len(named(s))}" for s in STATUSES[1:])
    assert f"{counts}. Op het intranet geteld, niet bij naam genoemd." in words
    # Name, role, team, location and training date of the selected; nothing else.
    assert "Anna de Vries, Klantadviseur Noord Zwolle 2026-01-12" in words
    site_text = everything(site)
    others = [f["name"] for f in CALLERS.values() if status(f) != "selected"]
    for hidden in (*others, *TEAM_ONLY, *NEVER, "Overige gegevens"):
        assert hidden not in site_text, hidden
    seen = visible(site)
    assert [hours for hours in HOURS if hours in seen] == []


def test_the_search_index_holds_what_each_audience_may_read(sites):
    everyone = [f["name"] for f in CALLERS.values()]
    team, intranet = search_text(sites["team"]), search_text(sites["intranet"])
    assert all(name in team for name in everyone)
    assert all(value in team for value in (*TEAM_ONLY, *HOURS))
    assert [name for name in everyone if name in intranet] == named("selected")
    assert [value for value in (*TEAM_ONLY, *HOURS) if value in intranet] == []
    assert [secret for secret in NEVER if secret in team + intranet] == []


@pytest.mark.parametrize("audience", ["team", "intranet"])
def test_the_spread_counts_selected_callers_and_who_could_still_be_chosen(sites, audience):
    found = tables(sites[audience] / PAGE)
    for field, heading in (("team", "Team"), ("location", "Locatie")):
        counts: dict[str, list[int]] = {}
        for _, fields in sorted(CALLERS.items()):
            if status(fields) != "withdrawn":
                count = counts.setdefault(fields[field], [0, 0])
                count[0] += status(fields) == "selected"
                count[1] += status(fields) in ("candidate", "reserve")
        rows = found[heading]
        assert rows[0] == ["Waarde", "Gekozen", "Kandidaten en reserves"]
        assert [(r[0].split(" ⚠")[0], int(r[1]), int(r[2])) for r in rows[1:]] == [
            (value, s, a) for value, (s, a) in counts.items()
        ]
        # A value nobody is selected from says so in words, not only by a count.
        assert [("nog niemand gekozen" in r[0]) for r in rows[1:]] == [
            not s for s, _ in counts.values()
        ]


def test_the_page_says_the_way_its_reason_and_what_each_way_means(sites):
    words = text(sites["intranet"] / PAGE)
    assert f"Voor deze pilot: Een representatieve dwarsdoorsnede. Waarom: {REASON}" in words
    assert "2 van de 4 bellers gekozen." in words
    ways = words[words.index("De drie manieren") : words.index("Welke manier ook")]
    names = ["Aanwijzen:", "Een representatieve dwarsdoorsnede ★ gekozen:", "Eerst vrijwilligers:"]
    assert sorted(names, key=ways.find) == names and all(name in ways for name in names)
    # What each way means for reading the results afterwards.
    for meaning in ("motivatie", "alle medewerkers", "bovengrens", "tweede, bredere ronde"):
        assert meaning in ways


def test_the_page_is_in_the_navigation_and_the_guidance_words_are_english_too(sites, tmp_path):
    home = (sites["team"] / "index.html").read_text(encoding="utf-8")
    assert 'href="stakeholders/call-team/"' in home.split('class="md-content"')[0]
    project = handbook(tmp_path / "en", CALLERS, PLAN, language="language: en\n")
    words = text(build(project, "intranet") / PAGE)
    assert "For this pilot: A representative cross-section. Why: It must hold everywhere." in words
    for way in ("Appointed:", "Volunteers first:", "upper bound", "roll out"):
        assert way in words


def _cards(page: str) -> list[tuple[str, str, str]]:
    """The board's cards: their classes, link ('' for none) and words."""
    board = page.split('<nav class="pb-board"', 1)[1].split("</nav>", 1)[0]
    return [
        (classes, html.unescape(href), html.unescape(re.sub(r"<[^>]+>", "", body)))
        for classes, href, body in re.findall(
            r'<li class="pb-card ([^"]+)">(?:<a href="([^"]+)">)?(.*?)</li>', board
        )
    ]


# The disciplines' cards by their urgency, and the call team's by its status.
RANKS = {"pb-card-uncovered": 0, "pb-card-interview": 1, "pb-card-covered": 2, "pb-card-decided": 3}
CALL_RANKS = {"short": 0, "misfit": 1, "complete": 4}


def call_card(site: Path, page: str = "index.html") -> tuple[int, str]:
    """Where the call team's card stands on the board, and its words; checks that the
    card on the home page leads to the call team's page, and that on the shortlist
    (whose URL is not its source file's folder) it has no link that one of the
    engines would read wrong."""
    cards = _cards((site / page).read_text(encoding="utf-8"))
    ours = [i for i, (classes, _, _) in enumerate(cards) if "pb-call-team" in classes]
    assert len(ours) == 1
    _, href, words = cards[ours[0]]
    if page == "index.html":
        assert ((site / href) / "index.html").resolve() == (site / PAGE).resolve()
    else:
        assert href == ""
    return ours[0], words


def ranks(site: Path) -> list[int]:
    cards = _cards((site / "index.html").read_text(encoding="utf-8"))
    return [RANKS[classes.split()[0]] for classes, _, _ in cards if "pb-call-team" not in classes]


@pytest.mark.parametrize("audience", ["team", "intranet"])
def test_the_board_card_says_how_many_to_select_and_which_values_have_nobody(sites, audience):
    site = sites[audience]
    for page in ("index.html", "stakeholders/shortlist/index.html"):
        place, words = call_card(site, page)
        assert words == (
            "Belteam ⚠ Te weinig bellers"
            "Kies nog 2 bellers. Geen gekozen beller uit team Oost, Zuid. "
            "Geen gekozen beller uit locatie Breda."
        )
        # Too few callers is as urgent as a discipline nobody covers.
        assert place == sum(rank <= CALL_RANKS["short"] for rank in ranks(site))


MISFIT = {
    **CALLERS,
    "zuid/cor-peters": {**CALLERS["zuid/cor-peters"], "status": "selected"},
    "oost/fleur-visser": {**CALLERS["oost/fleur-visser"], "status": "selected"},
}
APPOINTED = "call_team: {selection: appointed, size: 4}\n"


def test_the_card_links_to_the_page_where_every_engine_reads_the_link_alike(sites, tmp_path):
    """MkDocs reads a link in raw HTML against the page's URL, Zensical against its
    source file: with folder-style URLs both read the home page's card alike (and so
    it links), not the shortlist's; with file-style URLs (a copy read from disk) both."""
    for page in ("index.html", "stakeholders/shortlist/index.html"):
        call_card(sites["intranet"], page)
    project = handbook(tmp_path / "handbook", CALLERS, PLAN)
    out = tmp_path / "generated"
    assert pilotbook("generate", str(out), cwd=project).returncode == 0
    result = run([str(Path(sys.executable).parent / "zensical"), "build"], out)
    assert result.returncode == 0, result.stdout + result.stderr
    for page in ("index.html", "stakeholders/shortlist/index.html"):
        call_card(out / "site", page)
    site = tmp_path / "offline"
    env = {"PILOTBOOK_AUDIENCE": "intranet", "PILOTBOOK_OFFLINE": "true"}
    assert mkdocs_build_here(project, site, env).returncode == 0
    for page in ("index.html", "stakeholders/shortlist.html"):
        cards = _cards((site / page).read_text(encoding="utf-8"))
        href = next(href for classes, href, _ in cards if "pb-call-team" in classes)
        assert ((site / page).parent / href).resolve() == (site / "stakeholders/call-team.html")


def test_a_misfit_card_counts_who_lacks_appointed_by_and_names_them_for_the_team(tmp_path):
    project = handbook(tmp_path / "misfit", MISFIT, APPOINTED)
    lacking = [
        f["name"]
        for _, f in sorted(MISFIT.items())
        if status(f) == "selected" and "appointed_by" not in f
    ]
    step = f"Bij {len(lacking)} gekozen bellers staat niet wie ze aanwees (appointed_by)"
    for audience in ("team", "intranet"):
        site = build(project, audience)
        place, words = call_card(site)
        said = ": " + ", ".join(lacking) if audience == "team" else ""
        assert words.endswith(f"Past niet bij de keuze{step}{said}."), words
        assert place == sum(rank <= CALL_RANKS["misfit"] for rank in ranks(site))
        assert f"{step}{said}." in text(site / PAGE)


def test_a_complete_card_comes_last_and_asks_for_the_missing_training(tmp_path):
    plan = "call_team: {selection: cross-section, size: 3, spread: [team]}\n"
    site = build(handbook(tmp_path / "complete", MISFIT, plan), "intranet")
    place, words = call_card(site)
    selected = [f for f in MISFIT.values() if status(f) == "selected"]
    untrained = [f for f in selected if "trained" not in f]
    assert words == (
        f"Belteam ● Compleet{len(selected)} gekozen bellers, zoals de pilot nodig heeft. "
        f"{len(untrained)} gekozen bellers zijn nog niet getraind: plan de training."
    )
    assert place == len(ranks(site))


def test_without_a_call_team_there_is_no_page_and_no_card(tmp_path):
    project = handbook(tmp_path / "none", CALLERS, None)
    for audience in ("team", "intranet"):
        site = build(project, audience)
        assert not (site / "stakeholders" / "call-team").exists()
        assert "pb-call-team" not in everything(site)
        index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert not [d for d in index["docs"] if "call-team" in d["location"]]
        assert "Belteam" not in {d["title"] for d in index["docs"]}


HOSTILE = {
    "a/script": {"name": '"<script>alert(1)</script>"', "team": '"<img src=x onerror=alert(2)>"'},
    "a/pipe": {"name": '"| x |"', "location": '"**vet** | y"'},
    "a/link": {"name": '"[a](javascript:alert(3))"', "role": '"<b>baas</b>"'},
    "b/other": {"name": "Ander", "status": "candidate", "location": '"</td><td>[z](javascript:x)"'},
}


def test_values_from_the_files_show_as_text_wherever_they_land(tmp_path):
    callers = {
        ident: {**fields, "status": fields.get("status", "selected")}
        for ident, fields in HOSTILE.items()
    }
    plan = (
        "call_team:\n  selection: cross-section\n  size: 5\n  spread: [team, location]\n"
        '  reason: "<i>why</i> [r](javascript:alert(4))"\n'
    )
    site = build(handbook(tmp_path / "hostile", callers, plan), "intranet")
    for page in (PAGE, "index.html"):
        main = (site / page).read_text(encoding="utf-8").split('class="md-content"', 1)[1]
        assert "<script>alert" not in main and "<img" not in main
        assert "<b>" not in main and "<i>why" not in main and "<strong>vet" not in main
        assert "javascript:" not in "".join(re.findall(r'href="([^"]*)"', main))
    words = text(site / PAGE)
    for shown in (
        "<script>alert(1)</script>",
        "| x |",
        "[a](javascript:alert(3)), <b>baas</b>",
        "<img src=x onerror=alert(2)>",
        "**vet** | y",
        "<i>why</i> [r](javascript:alert(4))",
    ):
        assert shown in words, shown
    # The value only a candidate has stands in the card's next step, as text.
    _, card = call_card(site)
    assert "Geen gekozen beller uit locatie </td><td>[z](javascript:x)." in card
    # A '|' in a value does not split a cell: every row of every table keeps its cells.
    for heading, rows in tables(site / PAGE).items():
        assert len({len(row) for row in rows}) == 1, heading


PRINT_EVERYTHING = """# Everything
{{ screening }} {{ screening.call_team }} {{ team }} {{ plan }} {{ steps }}
{% for c in team.callers %}{{ c }}{% endfor %}
"""


def test_a_handbooks_own_call_team_template_is_used_and_reads_only_the_view(tmp_path):
    project = handbook(tmp_path / "own", CALLERS, PLAN)
    write(project, "theme/pages/call-team.md", PRINT_EVERYTHING)
    site = build(project, "intranet")
    words = text(site / PAGE)
    assert words.startswith("Everything") and "Anna de Vries" in words
    others = [f["name"] for f in CALLERS.values() if status(f) != "selected"]
    # Read as written and as shown (the page escapes the '=' of each field it printed).
    found = everything(site) + visible(site)
    for hidden in (*others, *TEAM_ONLY, *NEVER, *(f"hours={h}" for h in HOURS)):
        assert hidden not in found, hidden
    assert "hours=None" in found  # the template did print the callers' fields


def test_a_spread_over_a_label_of_extra_shows_its_values_to_the_team_only(tmp_path):
    callers = {
        **CALLERS,
        "zuid/cor-peters": {**CALLERS["zuid/cor-peters"], "extra": "{ervaring: 2 maanden}"},
    }
    plan = "call_team: {selection: cross-section, size: 2, spread: [location, ervaring]}\n"
    project = handbook(tmp_path / "extra", callers, plan)
    team, intranet = build(project, "team"), build(project, "intranet")
    assert tables(team / PAGE)["ervaring"][1:] == [
        ["12 jaar klantcontact", "1", "0"],
        ["2 maanden ⚠ nog niemand gekozen", "0", "1"],
    ]
    assert "Geen gekozen beller uit ervaring 2 maanden." in call_card(team)[1]
    # The intranet learns that a value lacks a selected caller, not which.
    assert "ervaring" not in tables(intranet / PAGE)
    step = "1 waarde van een kenmerk dat het intranet niet toont heeft nog geen gekozen beller."
    assert step in call_card(intranet)[1] and step in text(intranet / PAGE)
    for value in ("2 maanden", "12 jaar klantcontact"):
        assert value not in everything(intranet) + visible(intranet), value


def test_a_call_team_without_callers_asks_for_them(tmp_path):
    site = build(handbook(tmp_path / "empty", {}, PLAN), "intranet")
    words = text(site / PAGE)
    assert "0 van de 4 bellers gekozen." in words and "Gekozen bellers (0)¶ Niemand" in words
    step = "Kies nog 4 bellers. Er is niemand meer om uit te kiezen: voeg bellers toe."
    assert call_card(site)[1].endswith(step)
    assert words.count("Nog geen beller heeft een waarde voor dit kenmerk.") == 2
