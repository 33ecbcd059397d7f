"""Finding one's way: search that folds accents in every section, person pages that
lead back to their own place, people listed by name, the discipline pages in the
navigation, and a page for an address the site does not have.

Real `mkdocs build`s of the sample with a few colleagues whose names have accents,
capitals where a list would not expect them, and a place on every list.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml
from conftest import REPO, built, configure, copy_sample, pilotbook, write
from htmltext import between

from pilotbook.site.register import _letters

# Shortlisted (all answers as needed), pending (one open) and excluded (one against).
SHORTLISTED = (
    "impact: ja\n  expectations: ja\n  relationship: ja\n  replaceable: nee\n  appointed: nee"
)
PENDING = "impact: ja\n  expectations: ja\n  relationship: ja"
EXCLUDED = (
    "impact: nee\n  expectations: ja\n  relationship: ja\n  replaceable: nee\n  appointed: nee"
)
COLLEAGUES = {
    "it/jose-garcia.yml": ("José García", "it", SHORTLISTED),
    "it/zoe-de-wit.yml": ("Zoë de Wit", "it", SHORTLISTED),
    "it/anna-jansen.yml": ("anna Jansen", "it", SHORTLISTED),
    "it/omer-aydin.yml": ("Ömer Aydin", "it", SHORTLISTED),
    "sales/jose-maria.yml": ("José María Øster", "sales", EXCLUDED),
    "sales/emilie-dubois.yml": ("Émilie Dubois", "sales", PENDING),
    "legal/elif-sahin.yml": ("Elif Şahin", "legal", PENDING),
}
EXTERNALS = {
    "omgeving/aland.yml": ("Ålands Bank", "indirect"),
    "klanten/zakelijk.yml": ("zakelijke klanten", "direct"),
}
SEARCH_SCRIPT = REPO / "generator/pilotbook/theme/assets/javascripts/pilotbook-search.js"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_sample(tmp_path_factory.mktemp("wayfinding") / "handbook")
    for path, (name, discipline, answers) in COLLEAGUES.items():
        write(
            project / "stakeholders",
            path,
            f"name: {name}\nrole: Medewerker\ndiscipline: {discipline}\nanswers:\n  {answers}\n",
        )
    for path, (name, kind) in EXTERNALS.items():
        write(project / "stakeholders", path, f"name: {name}\nexternal: {kind}\n")
    return project


@pytest.fixture(scope="module")
def sites(project, tmp_path_factory) -> dict[str, Path]:
    """The handbook for the team and the intranet, and both again past `summary_after`
    (counts on the shortlist, and a page per discipline)."""
    out = tmp_path_factory.mktemp("sites")
    found = {
        audience: built(project, out / audience, env={"PILOTBOOK_AUDIENCE": audience})
        for audience in ("team", "intranet")
    }
    config = (project / "mkdocs.yml").read_text()
    configure(project, "pilot: Videobellen met klanten\nsummary_after: 3\n")
    for audience in ("team", "intranet"):
        site = out / f"{audience}-summary"
        found[f"{audience}-summary"] = built(project, site, env={"PILOTBOOK_AUDIENCE": audience})
    (project / "mkdocs.yml").write_text(config)
    return found


def _plain(word: str) -> str:
    """A word without accents, as a reader types it (letters Unicode does not take
    apart spelled out as the search box does)."""
    word = word.translate(str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "\u0131": "i"}))
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


HIDDEN = re.compile(r'<span hidden class="pb-folded">([^<]*)</span>')
WORD = re.compile(r"[^\W\d_]+")


def _sections(site: Path) -> list[dict[str, str]]:
    return json.loads((site / "search" / "search_index.json").read_text())["docs"]


@pytest.mark.parametrize("audience", ["team", "intranet"])
def test_every_section_of_every_page_is_found_without_its_accents(sites, audience):
    """Each section of a page holds the unaccented form of every accented word it
    shows, so "jose" finds every section "José" is in: the map's table, the grid's,
    the shortlist's and the involvement's as well as the person's own page."""
    with_accents: dict[str, set[str]] = {}
    for section in _sections(sites[audience]):
        shown = re.sub(r"<[^>]+>", " ", HIDDEN.sub(" ", section["text"]))
        hidden = set(" ".join(HIDDEN.findall(section["text"])).split())
        for word in WORD.findall(f"{section['title']} {shown}"):
            if _plain(word) != word:
                assert _plain(word) in hidden, (section["location"], word)
                with_accents.setdefault(word, set()).add(section["location"])
    # José García is shortlisted, named by both audiences on many pages and sections.
    pages = {location.split("#")[0] for location in with_accents["José"]}
    assert len(with_accents["José"]) > len(pages) >= 4, with_accents["José"]
    assert "Financiën" in with_accents


def test_the_intranet_shows_no_repository_path_on_a_page_or_in_search(project, sites):
    intranet, team = sites["intranet"], sites["team"]
    index = (intranet / "search" / "search_index.json").read_text()
    files = [p.relative_to(project).as_posix() for p in (project / "stakeholders").rglob("*.yml")]
    assert "Bronbestand" not in index and not [f for f in files if f in index]
    page = (intranet / "stakeholders/people/it/jose-garcia/index.html").read_text()
    assert "stakeholders/it/jose-garcia.yml" not in page
    # The team, who edit the files, still reads where each comes from.
    page = (team / "stakeholders/people/it/jose-garcia/index.html").read_text()
    assert "Bronbestand: stakeholders/it/jose-garcia.yml" in page


def _links(html: str) -> dict[str, str]:
    """The content's links by their text."""
    content = between(html, '<article class="md-content__inner', "</article>")
    return {
        re.sub(r"<[^>]+>", "", text): href
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', content)
    }


def _lands(site: Path, page: Path, href: str) -> tuple[str, str]:
    """Where a link on `page` leads: the page (its folder in the site) and the anchor,
    which must be there."""
    target, _, anchor = href.partition("#")
    folder = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), target))
    html = (site / folder / "index.html").read_text()
    assert not anchor or f'id="{anchor}"' in html, (page, href)
    return folder, anchor


@pytest.mark.parametrize("name", ["team", "intranet", "team-summary", "intranet-summary"])
def test_a_person_page_leads_to_the_persons_own_section(project, sites, name):
    site = sites[name]
    people = sorted((site / "stakeholders/people").rglob("index.html"))
    places = set()
    for page in people:
        source = page.parent.relative_to(site / "stakeholders/people").as_posix() + ".yml"
        record = yaml.safe_load((project / "stakeholders" / source).read_text())
        links = _links(page.read_text())
        if record.get("discipline"):
            back = _lands(site, page, links["Terug naar de shortlist"])
            assert back == ("stakeholders/shortlist", f"pb-d-{record['discipline']}")
            place = "Discipline"
            expected = (
                (f"stakeholders/disciplines/{record['discipline']}", "")
                if name.endswith("summary")
                else back
            )
        else:
            back = _lands(site, page, links["Terug naar de externe stakeholders"])
            assert back == ("stakeholders/external", f"pb-{record['external']}")
            assert "Terug naar de shortlist" not in links
            place, expected = "Plaats", back
        label = re.search(rf"<td>{place}</td>\s*<td><a[^>]*>(.*?)</a>", page.read_text()).group(1)
        assert _lands(site, page, links[label]) == expected, (page, label)
        places.add(place)
    assert places == {"Discipline", "Plaats"}, "no external's or no colleague's page was read"


WORD_OR_NUMBER = re.compile(r"[^\W_]+")


def _key(name: str) -> tuple[str, ...]:
    """The order a reader expects: by the words as written, whatever their case,
    accents and punctuation ("van 't Hek" as "van t Hek")."""
    return tuple(WORD_OR_NUMBER.findall(_plain(name).casefold()))


PERSON_LINK = re.compile(r'<li>\s*<a href="[^"]*people/[^"]*">([^<]+)</a>')


@pytest.mark.parametrize("name", ["team", "intranet", "team-summary", "intranet-summary"])
def test_every_list_of_people_is_in_the_order_of_their_names(sites, name):
    site = sites[name]
    pages = ["stakeholders/shortlist", "stakeholders/external"]
    if name.endswith("summary"):
        pages += [f"stakeholders/disciplines/{d}" for d in ("it", "sales", "legal")]
    seen = set()
    for path in pages:
        html = (site / path / "index.html").read_text()
        content = between(html, '<article class="md-content__inner', "</article>")
        for items in re.findall(r"<ul>(.*?)</ul>", content, re.S):
            names = PERSON_LINK.findall(items)
            assert names == sorted(names, key=_key), (path, names)
            seen.update(names)
    # The lists held names with accents and small letters where the order would show it.
    assert {"Ålands Bank", "zakelijke klanten", "De samenleving", "Ömer Aydin"} <= seen
    if name.startswith("team"):
        assert {"Émilie Dubois", "Elif Şahin", "José María Øster"} <= seen


DISCIPLINES = ("marketing", "sales", "legal", "facilities", "it")


@pytest.mark.parametrize("name", ["team-summary", "intranet-summary"])
def test_the_discipline_pages_follow_the_shortlist_in_the_navigation(sites, name):
    site = sites[name]
    for page in ("index.html", "stakeholders/disciplines/it/index.html"):
        nav = between((site / page).read_text(), "md-nav--primary", "md-sidebar--secondary")
        folder = (site / page).parent.relative_to(site).as_posix()
        places = [
            posixpath.normpath(posixpath.join(folder, href))
            for href in re.findall(r'<a href="([^"]+)" class="md-nav__link', nav)
            if "#" not in href  # the open page's own sections
        ]
        at = places.index("stakeholders/shortlist")
        listed = [f"stakeholders/disciplines/{d}" for d in DISCIPLINES] + ["stakeholders/external"]
        assert places[at + 1 : at + 7] == listed, page
        section = between(
            nav,
            'href="' + posixpath.relpath("stakeholders/shortlist", folder),
            "disciplines/marketing",
        )
        assert re.search(r">\s*Per discipline\s*<", section), page
    # Below the threshold there are no such pages, and nothing is added.
    assert "Per discipline" not in (sites[name.split("-")[0]] / "index.html").read_text()


def test_generate_lists_the_discipline_pages_as_the_plugin_does(project, tmp_path):
    handbook = shutil.copytree(project, tmp_path / "handbook")
    configure(handbook, "pilot: Videobellen met klanten\nsummary_after: 3\n")
    result = pilotbook("generate", str(tmp_path / "out"), cwd=handbook)
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((tmp_path / "out" / "mkdocs.yml").read_text())
    stakeholders = next(e["Stakeholders"] for e in config["nav"] if "Stakeholders" in e)
    at = stakeholders.index("stakeholders/shortlist.md")
    disciplines = [f"stakeholders/disciplines/{d}.md" for d in DISCIPLINES]
    assert stakeholders[at + 1] == {"Per discipline": disciplines}


ROOT_ABSOLUTE = re.compile(r'(?:href|src)="/')


def test_the_not_found_page_speaks_the_handbooks_language_and_links_from_the_sites_root(
    sites, project, tmp_path
):
    page = (sites["intranet"] / "404.html").read_text()
    assert '<html lang="nl"' in page and "<h1>Pagina niet gevonden</h1>" in page
    assert "Zoek in het handboek" in page
    # No link from the server's root, which misses a site served under a sub-path.
    assert not ROOT_ABSOLUTE.search(page), ROOT_ABSOLUTE.search(page)
    handbook = shutil.copytree(project, tmp_path / "handbook")
    config = (handbook / "mkdocs.yml").read_text()
    (handbook / "mkdocs.yml").write_text(config.replace("  language: nl\n", "  language: en\n"))
    page = (built(handbook, tmp_path / "english") / "404.html").read_text()
    assert '<html lang="en"' in page and "<h1>Page not found</h1>" in page
    # With `site_url`, MkDocs knows the root: the page links from it, as MkDocs does.
    url = "site_url: https://intranet.example/handbooks/video/\n"
    (handbook / "mkdocs.yml").write_text(
        config.replace("docs_dir: content\n", url + "docs_dir: content\n")
    )
    page = (built(handbook, tmp_path / "with-url") / "404.html").read_text()
    assert 'href="/handbooks/video/assets/stylesheets/' in page
    assert "__pb_root" not in page


def test_the_search_box_folds_the_letters_the_search_index_folds():
    """The search box's script carries its own table of the letters Unicode does not
    take apart (ø -> o): the one the index and the register fold by, no more, no less."""
    script = SEARCH_SCRIPT.read_text(encoding="utf-8")
    table = re.search(r"var letters = (\{.*?\});", script, re.S)
    assert table is not None, "pilotbook-search.js has no table of letters"
    letters = json.loads(table.group(1))
    assert letters == json.loads(_letters())
    replaced = re.search(r"\.replace\(/\[([^\]]*)\]/g", script)
    assert replaced is not None and set(replaced.group(1)) == set(letters)
