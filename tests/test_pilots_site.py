"""The site of a handbook with several pilots over shared people: each pilot's pages,
one page per person, the portfolio, the home page's boards, and what each audience
may read of whom.

The sites are real `mkdocs build --strict` builds of `conftest.three_pilots` (video,
chat with its own disciplines, cobrowse with its own questions and, unless the
environment sets one, its own audience: team).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from conftest import SHORTLISTED, mkdocs_build_here, pilotbook, run, three_pilots, write
from test_pilots import configure, one_pilot_handbook, place, problems

PILOTS = {
    "video": "Videobellen met klanten",
    "chat": "Chatten met klanten",
    "cobrowse": "Meekijken met klanten",
}
PILOT_PAGES = ("", "shortlist/", "external/", "questions/", "grid/", "involvement/", "register/")
# Pending in cobrowse alone, and in no pilot at all.
NEVER_ON_THE_INTRANET = ("Ruben Kok", "Peter Visser")


def strict_build(project: Path, site: Path, audience: str | None = None) -> Path:
    """`mkdocs build --strict` as a user runs it (not quiet), which must succeed."""
    # The tests' environment sets the team's audience: empty, the configured one counts.
    env = {"PILOTBOOK_AUDIENCE": audience or ""}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    result = run(command, project, env=env)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three pilots' site for each audience, and as configured (cobrowse for the
    team, the others for the intranet): built once, read by every test."""
    root = tmp_path_factory.mktemp("pilots")
    handbook = three_pilots(root / "handbook")
    return {
        audience or "configured": strict_build(handbook, root / f"site-{audience}", audience)
        for audience in ("intranet", "team", None)
    }


def texts(site: Path) -> dict[str, str]:
    """Every page, the search index and the sitemap, by path in the site."""
    found = {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in site.rglob("*")
        if p.suffix in (".html", ".xml", ".json") and "assets" not in p.parts
    }
    assert "search/search_index.json" in found and "sitemap.xml" in found
    return found


def forms(text: str) -> set[str]:
    return {text, text.replace("'", "&#x27;"), json.dumps(text)[1:-1]}


def h1(page: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert found, page[:200]
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def index_entries(site: Path) -> list[dict[str, str]]:
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    return index["docs"]


# Each pilot's pages, the home page, the portfolio -----------------------------------


@pytest.mark.parametrize("audience", ["intranet", "team"])
def test_each_pilot_has_its_pages_titled_with_its_name(sites, audience):
    site = sites[audience]
    for ident, name in PILOTS.items():
        for page in PILOT_PAGES:
            text = (site / "stakeholders" / ident / page / "index.html").read_text()
            assert h1(text).endswith(f"– {name}"), (ident, page, h1(text))
            assert f"<title>{h1(text)}" in text
    assert (site / "stakeholders/video/call-team/index.html").is_file()
    assert not (site / "stakeholders/chat/call-team").exists()
    # No page at the one-pilot addresses: each pilot's pages are in its own folder.
    assert not (site / "stakeholders/shortlist").exists()


@pytest.mark.parametrize("audience", ["intranet", "team"])
def test_the_home_page_lists_the_pilots_with_their_boards(sites, audience):
    home = (sites[audience] / "index.html").read_text()
    at = [home.index(f'aria-label="Wat er nu moet gebeuren in {name}"') for name in PILOTS.values()]
    assert at == sorted(at)
    for ident, name in PILOTS.items():
        assert f'<h2 id="{name.lower().replace(" ", "-")}">{name}' in home
        assert f'href="stakeholders/{ident}/shortlist/#pb-d-' in home
    assert 'href="stakeholders/portfolio/"' in home
    # Chat's board has its own disciplines: legal and it, nothing of marketing.
    chat = home[home.index("in Chatten met klanten") : home.index("</nav>", home.index("in Chat"))]
    assert "pb-d-legal" in chat and "pb-d-it" in chat and "pb-d-marketing" not in chat


@pytest.mark.parametrize("audience", ["intranet", "team"])
def test_the_portfolio_sets_the_pilots_against_the_disciplines(sites, audience):
    page = (sites[audience] / "stakeholders/portfolio/index.html").read_text()
    assert h1(page) == "Portfolio van de pilots"
    table = page[page.index("<table>") : page.index("</table>")]
    rows = {
        re.sub(r"<[^>]+>", "", row.split("</td>")[0]).strip(): row
        for row in table.split("<tr>")[2:]
    }
    assert set(rows) == {"Marketing", "Sales", "Juridisch en compliance", "Facilitair", "IT"}
    # Each cell: the discipline's status in that pilot, as its board names it, or that
    # the pilot does not screen it (chat screens legal and it alone).
    cells = {d: re.findall(r"pb-badge pb-(\w+)|Niet in deze pilot", r) for d, r in rows.items()}
    assert cells["Juridisch en compliance"] == ["covered", "covered", "uncovered"]
    assert cells["Marketing"] == ["uncovered", "", "covered"]
    assert cells["IT"] == ["uncovered", "covered", "uncovered"]
    assert 'href="../chat/shortlist/#pb-d-it"' in rows["IT"]
    # Linda Vos: shortlisted in video and chat.
    people = page[page.index("In meer dan één pilot") :]
    assert re.search(r"Linda Vos</a></td>.*?>2</td>.*?Videobellen.*?Chatten", people, re.S)
    assert "Hanna Bos" not in people and "Eva Bakker" not in people


# One page per person, as each pilot's audience may read it -------------------------


def person(site: Path, ident: str) -> str:
    """What a person's page says (without the navigation every page carries)."""
    return article((site / "stakeholders/people" / ident / "index.html").read_text())


def article(page: str) -> str:
    return page[page.index("<article") : page.index("</article>")]


@pytest.mark.parametrize("audience", ["intranet", "team"])
def test_a_person_has_one_page_with_their_part_in_each_pilot(sites, audience):
    linda = person(sites[audience], "legal/linda-vos")
    parts = re.findall(r'<h2 id="[^"]*">([^<]*)', linda)
    expected = ["Videobellen met klanten", "Chatten met klanten"]
    if audience == "team":  # excluded in cobrowse: the team reads that too, and why
        expected.append("Meekijken met klanten")
        assert "Afgevallen" in linda and "voldoet niet" in linda
    assert parts == expected
    assert "Toetst het opnamebeleid." in linda and "Toetst de bewaartermijn van chats." in linda
    assert 'href="../../../video/shortlist/#pb-d-legal"' in linda
    # The external customers take part in every pilot.
    customers = person(sites[audience], "external/klanten")
    assert re.findall(r'<h2 id="[^"]*">([^<]*)', customers) == list(PILOTS.values())


def test_on_the_intranet_a_pilot_that_does_not_name_someone_says_nothing_of_them(sites):
    site = sites["intranet"]
    pages = texts(site)
    # Eva Bakker: excluded in video, shortlisted in cobrowse. Hanna Bos: pending in
    # video, shortlisted in chat.
    for ident, name, shown, hidden in (
        ("marketing/eva-bakker", "Eva Bakker", "cobrowse", "video"),
        ("it/hanna-bos", "Hanna Bos", "chat", "video"),
    ):
        page = person(site, ident)
        assert PILOTS[shown] in page and "Op de shortlist" in page
        assert PILOTS[hidden] not in page and f"/{hidden}/" not in page
        assert "Afgevallen" not in page and "Nog niet beoordeeld" not in page
        for path, text in pages.items():
            if path.startswith(f"stakeholders/{hidden}/"):
                assert not any(f in text for f in forms(name)), (name, path)
        for entry in index_entries(site):
            if entry["location"].startswith(f"stakeholders/{hidden}/"):
                assert name not in entry["text"] + entry["title"], entry["location"]
            if entry["location"].startswith(f"stakeholders/people/{ident}/"):
                assert PILOTS[hidden] not in entry["text"] + entry["title"]


@pytest.mark.parametrize("audience", ["intranet", "team"])
def test_someone_no_pilot_names_has_no_page_and_no_name_anywhere(sites, audience):
    site = sites[audience]
    everything = "\n".join(texts(site).values())
    hidden = NEVER_ON_THE_INTRANET if audience == "intranet" else ("Peter Visser",)
    for name in hidden:
        assert not any(f in everything for f in forms(name)), name
    assert not (site / "stakeholders/people/sales").exists()
    ruben = site / "stakeholders/people/legal/ruben-kok/index.html"
    assert ruben.is_file() == (audience == "team")
    # Nor does the 404 page, which carries the navigation, nor the navigation itself.
    missing = (site / "404.html").read_text()
    assert "people/" not in missing and "Ruben" not in missing


def test_each_pilot_is_published_for_its_own_audience(sites):
    """As configured, cobrowse is for the team: its pages and its part in a person's
    page name the pending and give answers; video's and chat's do not."""
    site = sites["configured"]
    linda = person(site, "legal/linda-vos")
    video = linda[: linda.index('id="chatten-met-klanten"')]
    cobrowse = linda[linda.index('id="meekijken-met-klanten"') :]
    assert "voldoet niet" in cobrowse and "Heeft de stakeholder invloed" in cobrowse
    assert "voldoet" not in video and "Zie <a" in video
    assert "Ruben Kok" in (site / "stakeholders/cobrowse/shortlist/index.html").read_text()
    assert "Ruben Kok" not in (site / "stakeholders/video/register/index.html").read_text()
    # Who Linda is (her identity) is shown as the strictest pilot naming her allows.
    assert "Weergave voor het intranet" in linda


# What each pilot's pages say, against a handbook of that pilot alone ----------------


def shortlist_names(page: str) -> dict[str, list[str]]:
    """The names each discipline's section of a shortlist page links to."""
    sections = page.split('id="pb-d-')[1:]
    return {
        section.split('"')[0]: re.findall(r'<a href="[^"]*people/[^"]*">([^<]*)</a>', section)
        for section in sections
    }


@pytest.mark.parametrize("audience", ["intranet", "team"])
def test_each_pilots_shortlist_names_whom_a_handbook_of_that_pilot_alone_names(
    sites, audience, tmp_path
):
    handbook = three_pilots(tmp_path / "handbook")
    for ident in PILOTS:
        alone = one_pilot_handbook(handbook, ident, tmp_path / ident)
        result = mkdocs_build_here(
            alone, tmp_path / f"{ident}-site", {"PILOTBOOK_AUDIENCE": audience}
        )
        assert result.returncode == 0, result.stderr
        expected = (tmp_path / f"{ident}-site/stakeholders/shortlist/index.html").read_text()
        page = (sites[audience] / f"stakeholders/{ident}/shortlist/index.html").read_text()
        assert shortlist_names(page) == shortlist_names(expected), ident
        assert any(shortlist_names(page).values()), ident


# generate, the cache, the navigation -------------------------------------------------


@pytest.mark.parametrize("audience", ["intranet", "team"])
def test_generate_writes_the_pages_the_build_publishes(sites, audience, tmp_path):
    handbook = three_pilots(tmp_path / "handbook")
    out = tmp_path / "out"
    result = pilotbook("generate", str(out), cwd=handbook, env={"PILOTBOOK_AUDIENCE": audience})
    assert result.returncode == 0, result.stderr
    docs = out / "docs"
    written = {
        p.relative_to(docs).with_suffix("").as_posix().removesuffix("/index")
        for p in (docs / "stakeholders").rglob("*.md")
    }
    site = sites[audience]
    published = {
        p.parent.relative_to(site).as_posix() for p in (site / "stakeholders").rglob("index.html")
    }
    assert written == published
    assert "stakeholders/portfolio" in written
    home = (docs / "index.md").read_text()
    assert all(f"in {name}" in home for name in PILOTS.values())
    output = result.stdout + result.stderr
    for name in NEVER_ON_THE_INTRANET if audience == "intranet" else ("Peter Visser",):
        assert name not in output and name not in "".join(p.read_text() for p in docs.rglob("*.md"))


def test_the_build_cache_keys_on_the_pilots(tmp_path):
    handbook = three_pilots(tmp_path / "handbook")
    # As configured: cobrowse for the team, the others for the intranet.
    env = {"PILOTBOOK_CACHE_DIR": str(tmp_path / "cache"), "PILOTBOOK_AUDIENCE": ""}

    def build(name: str) -> tuple[str, str]:
        result = mkdocs_build_here(handbook, tmp_path / name, env)
        assert result.returncode == 0, result.stderr
        return result.stderr, (tmp_path / name / "stakeholders/chat/index.html").read_text()

    build("first")
    log, _ = build("again")
    assert "come from the cache" in log
    configure(handbook, "name: Chatten met klanten", "name: Chatten op de website")
    log, chat = build("renamed")
    assert "come from the cache" not in log and "Chatten op de website" in chat
    assert (tmp_path / "renamed/stakeholders/people/legal/ruben-kok").is_dir()
    # A pilot for the team publishes its pending colleagues; back for the intranet, not.
    configure(handbook, "          audience: team\n", "")
    log, _ = build("audience")
    assert "come from the cache" not in log
    assert not (tmp_path / "audience/stakeholders/people/legal/ruben-kok").exists()


def test_init_pilots_starts_a_handbook_whose_site_builds_strict(tmp_path):
    result = pilotbook(
        "init",
        "handbook",
        "--pilot",
        "Klantcontact",
        "--pilots",
        "a,b=Chat met klanten",
        "--ci",
        "none",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "mkdocs serve" in result.stdout
    handbook = tmp_path / "handbook"
    site = strict_build(handbook, tmp_path / "site")
    for pilot in ("a", "b"):
        assert (site / f"stakeholders/{pilot}/shortlist/index.html").is_file()
    assert (site / "stakeholders/portfolio/index.html").is_file()
    home = (site / "index.html").read_text()
    # The navigation: a section per pilot, named after it, and no person's page.
    nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
    assert "Chat met klanten" in nav and "people/" not in nav
    # With each discipline on a page of its own (past `summary_after` colleagues: in a,
    # the example colleague; b has only the external examples), a pilot's follow its
    # shortlist in its own section.
    configure(
        handbook, "      audience: intranet\n", "      audience: intranet\n      summary_after: 0\n"
    )
    site = strict_build(handbook, tmp_path / "summary")
    nav = (site / "index.html").read_text()
    shortlist = nav.index('href="stakeholders/a/shortlist/"')
    disciplines = nav.index('href="stakeholders/a/disciplines/it/"')
    external = nav.index('href="stakeholders/a/external/"')
    assert shortlist < disciplines < external < nav.index('href="stakeholders/b/"')
    assert "stakeholders/b/disciplines/" not in nav


# stakeholder-overloaded and max_pilots_per_person -----------------------------------


def test_a_person_shortlisted_in_more_pilots_than_allowed_is_a_warning_at_their_pilots_key(
    tmp_path,
):
    handbook = three_pilots(tmp_path / "handbook")
    linda = handbook / "stakeholders/legal/linda-vos.yml"
    linda.write_text(
        linda.read_text().replace(
            "answers: {impact: nee, expectations: ja}", "answers: {impact: ja, expectations: ja}"
        )
    )
    result = pilotbook("check", cwd=handbook)
    found = [p for p in problems(result.stdout) if p[5] == "stakeholder-overloaded"]
    assert len(found) == 1, result.stdout
    path, line, column, severity, message, _ = found[0]
    assert (path, (line, column), severity) == (
        "stakeholders/legal/linda-vos.yml",
        place(linda.read_text(), "pilots:"),
        "warning",
    )
    assert message.startswith("Linda Vos is shortlisted or selected in 3 pilots")
    assert all(f"'{name}' ({ident})" in message for ident, name in PILOTS.items())
    assert "'max_pilots_per_person: 2'" in message
    # The build warns too, and a strict build stops; the portfolio marks her (below).
    strict = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "strict")]
    failed = run(strict, handbook)
    assert failed.returncode == 1 and "linda-vos.yml:4:1: warning: Linda Vos" in failed.stderr
    assert not (tmp_path / "strict").exists()
    configure(
        handbook,
        "      audience: intranet\n",
        "      audience: intranet\n      max_pilots_per_person: 3\n",
    )
    assert "stakeholder-overloaded" not in pilotbook("check", cwd=handbook).stdout
    configure(handbook, "max_pilots_per_person: 3", "max_pilots_per_person: 1")
    hanna_too = pilotbook("check", cwd=handbook).stdout
    assert hanna_too.count("(stakeholder-overloaded)") == 1  # Hanna is pending in video
    configure(handbook, "      max_pilots_per_person: 1\n", "      max_pilots_per_person: 2\n")
    configure(
        handbook,
        "        team-pilot-on-intranet: info\n",
        "        team-pilot-on-intranet: info\n        stakeholder-overloaded: error\n",
    )
    assert pilotbook("check", cwd=handbook).returncode == 1
    site = tmp_path / "site"
    configure(handbook, "stakeholder-overloaded: error", "stakeholder-overloaded: info")
    assert mkdocs_build_here(handbook, site).returncode == 0
    portfolio = (site / "stakeholders/portfolio/index.html").read_text()
    assert re.search(
        r"Linda Vos</a></td>.*?>3 <span class=\"pb-badge pb-uncovered\">", portfolio, re.S
    )


@pytest.mark.parametrize("value", ["0", "twee", "true", "1001", "[2]"])
def test_max_pilots_per_person_is_a_located_error_unless_a_whole_number(tmp_path, value):
    handbook = three_pilots(tmp_path / "handbook")
    config = configure(
        handbook,
        "      audience: intranet\n",
        f"      audience: intranet\n      max_pilots_per_person: {value}\n",
    )
    result = pilotbook("check", cwd=handbook)
    assert result.returncode == 1
    (found,) = problems(result.stdout + result.stderr)
    line, column = place(config, value if value != "[2]" else "[2]")
    assert found[:4] == ("mkdocs.yml", line, column, "error")
    assert "must be a whole number of pilots from 1 to 1,000" in found[4]
    assert found[5] == "invalid-option"


# A handbook's own templates ------------------------------------------------------------

PRINT_EVERYTHING = """# Everything
{{ pilot }} {{ public }} {{ screening | default("") }} {{ method | default("") }}
{{ page_paths | default("") }} {{ stakeholder | default("") }} {{ place | default("") }}
{% for p in parts | default([]) %}{{ p }} {{ p.stakeholder.answers }} {{ p.page("map") }}
{% endfor %}{{ pilots | default("") }} {{ pilot_names | default("") }} {{ rows | default("") }}
{{ people | default("") }} {{ outcome | default("") }} {{ assessment | default("") }}
{% if screening is defined %}{% for s in screening.stakeholders %}{{ s }} {{ s.answers }}
{% endfor %}{% for k, a in screening.assessments.items() %}{{ a }} {{ reason(a) }}
{% endfor %}{% endif %}
"""


def test_a_template_that_prints_everything_it_is_given_names_only_whom_a_pilot_names(tmp_path):
    """The shared pages' templates (a person's, the portfolio) are given what the
    pilots' views hold, and nothing else: a handbook's own template that prints all
    of it on the intranet names no one unnamed, and no pilot's part that does not
    name the person."""
    from pilotbook.site.templating import PACKAGED_TEMPLATES

    handbook = three_pilots(tmp_path / "handbook")
    for template in PACKAGED_TEMPLATES.glob("*.md"):
        write(handbook, f"theme/pages/{template.name}", PRINT_EVERYTHING)
    configure(handbook, "  language: nl\n", "  language: nl\n  custom_dir: theme\n")
    site = strict_build(handbook, tmp_path / "site", "intranet")
    everything = "\n".join(texts(site).values())
    assert "Linda Vos" in everything and "Particuliere klanten" in everything
    for name in NEVER_ON_THE_INTRANET:
        assert not any(f in everything for f in forms(name)), name
    eva = person(site, "marketing/eva-bakker")
    assert "Meekijken met klanten" in eva and "cobrowse/" in eva
    assert "Videobellen" not in eva and "video/" not in eva and "chat/" not in eva
    # No answer of anyone on the intranet: the published people carry none.
    for answer in ("'impact': True", "'impact': False", "failed&#61;('"):
        assert not any(f in everything for f in forms(answer)), answer


@pytest.mark.parametrize("audience", ["intranet", "team"])
def test_the_portfolio_counts_a_pilot_only_where_its_view_names_the_person(tmp_path, audience):
    """Kees Jansen is chosen over Linda Vos in video's legal discipline: the intranet's
    view of video names only him, so there Linda is in one pilot (chat), not two."""
    handbook = three_pilots(tmp_path / "handbook")
    write(
        handbook,
        "stakeholders/legal/kees-jansen.yml",
        f"name: Kees Jansen\ndiscipline: legal\npilots:\n  video:\n    answers: {SHORTLISTED}\n"
        "    interview: selected\n",
    )
    site = tmp_path / "site"
    result = mkdocs_build_here(handbook, site, {"PILOTBOOK_AUDIENCE": audience})
    assert result.returncode == 0, result.stderr
    portfolio = article((site / "stakeholders/portfolio/index.html").read_text())
    people = portfolio[portfolio.index("In meer dan één pilot") :]
    linda = person(site, "legal/linda-vos")
    if audience == "intranet":
        assert "Linda Vos" not in people
        assert "Videobellen met klanten" not in linda and "Chatten met klanten" in linda
    else:
        assert re.search(r"Linda Vos</a></td>.*?>2</td>", people, re.S)
        assert "Niet gekozen na gesprek" not in linda  # not rejected: just not chosen
    assert "Kees Jansen" not in people  # in one pilot alone


def test_a_dirty_build_after_a_pilots_audience_changed_is_a_full_build(tmp_path):
    """A dirty build keeps the pages of a site made for the same readers only: with
    several pilots, for the same audience of each pilot."""
    handbook = three_pilots(tmp_path / "handbook")
    site = strict_build(handbook, tmp_path / "site")
    home = site / "index.html"
    dirty = [sys.executable, "-m", "mkdocs", "build", "--dirty", "--no-strict", "-d", str(site)]

    def rebuilt() -> bool:
        before = home.stat().st_mtime_ns
        result = run(dirty, handbook, env={"PILOTBOOK_AUDIENCE": ""})
        assert result.returncode == 0, result.stderr
        return home.stat().st_mtime_ns != before

    assert not rebuilt()  # nothing changed: the home page is kept as it was
    configure(handbook, "          audience: team\n", "")
    assert rebuilt()
    assert "Ruben Kok" not in "\n".join(p.read_text() for p in site.rglob("*.html"))
    assert (site / ".pilotbook-build").read_text() == (
        "audience: intranet (video: intranet, chat: intranet, cobrowse: intranet)\n"
    )
