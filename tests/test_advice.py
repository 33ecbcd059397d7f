"""Advice that is right at any size (issue 23, items 2, 3, 7 and 9), in real `mkdocs
build`s of the sample and of 1,000 people, for the team and the intranet: no page's
words contradict another's data, the map's intro speaks only of what the map draws,
the chosen head every list, and the decision board's steps stay a plan one person can
do this week, link to the lists they refer to, and ask nothing of intranet readers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, built, load_bench
from htmltext import parse, text

from pilotbook.method.wording import label

bench = load_bench()
AUDIENCES = ("team", "intranet")


def _thousand(root: Path, *, decided: bool) -> Path:
    """The sample's pages with 1,000 people; without `decided`, no interview has been
    held and nobody in facilities is shortlisted (each has a question open)."""
    for name in ("content", "theme", "callers"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    bench.write_stakeholders(root, 1000)
    if not decided:
        for path in (root / "stakeholders").rglob("*.yml"):
            lines = path.read_text().splitlines()
            lines = [line for line in lines if not line.startswith("interview:")]
            if "discipline: facilities" in lines:
                lines = [
                    "  appointed:" if line.startswith("  appointed:") else line for line in lines
                ]
            path.write_text("\n".join(lines) + "\n")
    return root


@pytest.fixture(scope="module")
def sites(tmp_path_factory, sample_site, intranet_site) -> dict[str, Path]:
    """Each handbook built for each audience: the sample, 1,000 people with every
    discipline decided, and 1,000 people before any interview."""
    found = {"sample-team": sample_site, "sample-intranet": intranet_site}
    for name, decided in (("decided", True), ("open", False)):
        root = _thousand(tmp_path_factory.mktemp(name), decided=decided)
        for audience in AUDIENCES:
            site = root / f"site-{audience}"
            found[f"{name}-{audience}"] = built(root, site, {"PILOTBOOK_AUDIENCE": audience})
    return found


def _cards(page: Path) -> list[str]:
    html = page.read_text()
    board = html.split('<nav class="pb-board"', 1)[1].split("</nav>", 1)[0]
    return [c for c in board.split("<li")[1:] if "pb-call-team" not in c]


def _words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


@pytest.mark.parametrize("name", ["sample", "decided", "open"])
@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_step_names_at_most_three_and_links_the_rest(sites, name, audience):
    site = sites[f"{name}-{audience}"]
    for page in (site / "index.html", site / "stakeholders/shortlist/index.html"):
        for card in _cards(page):
            step = card.split("<br>", 1)[1]
            links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', step)
            # Names before a link, or all of them without one: never more than three.
            named = step.split("(<a", 1)[0].rsplit(":", 1)[-1]
            assert named.count(",") <= 2, step
            for href, words in links:  # each "n more" leads to the list it counts
                assert re.fullmatch(r"(nog \d+|\d+ more)", words), step
                target, anchor = href.split("#")
                built_page = (page.parent / target / "index.html").read_text()
                assert f'id="{anchor}"' in built_page, href
                listed = parse(page.parent / target / "index.html").links
                assert len([x for x in listed if "/people/" in x]) > int(words.split()[-1])


def test_a_large_shortlist_gets_a_plan_for_this_week_not_a_crowd(sites):
    words = text(sites["open-team"] / "stakeholders/shortlist/index.html")
    assert re.search(r"Spreek deze week de eerste 3 van de \d+ mensen op de shortlist: ", words)
    assert not re.search(r"Spreek de \d{2,} mensen", words)
    pending = re.search(
        r"Of vul deze week de open antwoorden aan van de eerste 3 van de (\d+) mensen", words
    )
    assert pending and int(pending.group(1)) > 3
    # The sample's few are all named, as before.
    sample = text(sites["sample-team"] / "index.html")
    assert "Spreek de 2 mensen op de shortlist en kies wie het best past: Joost van Dijk" in sample


@pytest.mark.parametrize("name", ["sample", "open"])
def test_the_intranet_board_asks_its_readers_for_nothing(sites, name):
    tasks = ("vul ", "zoek een", "Spreek ", "plan die", "kies wie")
    for page in ("index.html", "stakeholders/shortlist/index.html"):
        for card in _cards(sites[f"{name}-intranet"] / page):
            step = _words(card.split("<br>", 1)[1])
            assert not any(task in step for task in tasks), step
    words = text(sites[f"{name}-intranet"] / "index.html")
    assert "het projectteam zoekt een vertegenwoordiger" in words
    assert re.search(r"\d+ collega's zijn nog niet beoordeeld", words)


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_chosen_head_every_list_of_a_decided_discipline(sites, audience):
    site = sites[f"decided-{audience}"]
    selected = label("selected", "nl")
    shortlist = (site / "stakeholders/shortlist/index.html").read_text()
    for section in shortlist.split('<h2 id="')[1:]:
        if "pb-badge pb-decided" not in section:
            continue
        # Under the heading, the first person listed is chosen and marked so.
        first = section.split("<li>", 1)[1].split("</li>", 1)[0]
        assert selected in first, first[:200]
    for page in (site / "stakeholders/disciplines").glob("*/index.html"):
        html = page.read_text()
        if "pb-badge pb-decided" not in html:
            continue
        items = re.findall(r"<li>(.*?)</li>", html.split('id="pb-shortlisted"', 1)[1], re.S)
        marks = [selected in item for item in items]
        chosen = marks.count(True)
        assert chosen and marks[:chosen] == [True] * chosen, page


def test_the_team_shortlist_says_excluded_once(sites):
    words = text(sites["sample-team"] / "stakeholders/shortlist/index.html")
    assert "Afgevallen (3)" in words
    assert "Afgevallen." not in words  # the heading says it; each line gives its reason


@pytest.mark.parametrize("name", ["sample", "decided"])
@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_map_intro_speaks_only_of_what_the_map_draws(sites, name, audience):
    html = (sites[f"{name}-{audience}"] / "stakeholders/index.html").read_text()
    intro = text(sites[f"{name}-{audience}"] / "stakeholders/index.html")
    people = 'class="pb-person"' in html
    counts = 'class="pb-count"' in html
    assert ("Een klein rondje met een nummer is één persoon" in intro) == people
    assert ("Een grotere bel telt mensen" in intro) == counts
    assert ("Kies een persoon op de kaart" in intro) == (people and audience == "team")


def test_a_map_that_draws_no_person_promises_none(project, tmp_path):
    # Every colleague pending, on the intranet: the map counts them all.
    for path in (project / "stakeholders").rglob("*.yml"):
        if "discipline:" in path.read_text():
            path.unlink()
    for index in range(3):
        (project / f"stakeholders/it/p{index}.yml").write_text(
            f"name: P{index}\ndiscipline: it\nanswers: {{impact: ja}}\n"
        )
    for path in (project / "stakeholders").rglob("*.yml"):
        if "external:" in path.read_text():
            path.unlink()
    site = built(project, tmp_path / "site", {"PILOTBOOK_AUDIENCE": "intranet"})
    html = (site / "stakeholders/index.html").read_text()
    assert 'class="pb-person"' not in html
    words = text(site / "stakeholders/index.html")
    assert "persoon" not in words.split("Sla de kaart over")[0].lower()


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_externals_page_says_what_the_data_plans_for_each(sites, audience):
    site = sites[f"sample-{audience}"]
    words = text(site / "stakeholders/external/index.html")
    indirect = words.split("Extern, indirect¶", 1)[1]
    assert "spelen in deze pilot geen rol" not in indirect  # the AFM and DNB have a part
    assert "Voor 2 van de 7 is een rol in deze pilot gepland" in indirect
    afm = indirect.split("Autoriteit Financiële Markten (AFM)", 1)[1].split("Concurrenten")[0]
    # The same approach as the grid, the same level as the involvement page.
    assert "Aanpak: Tevreden houden" in afm and "Uitvoeren: ●○○○○ informeren" in afm
    assert "Tevreden houden" in text(site / "stakeholders/grid/index.html")
    html = (site / "stakeholders/external/index.html").read_text()
    assert re.search(r'<li>(<p>)?<a href="[^"]*omgeving/afm/"', html)  # still a list
    # A kind with nothing planned says so: the 1,000 people's customers.
    words = text(sites[f"decided-{audience}"] / "stakeholders/external/index.html")
    assert "Voor geen van hen is een rol in deze pilot gepland." in words


def test_the_guide_links_to_the_questions_and_restates_none(sites):
    guide = (REPO / "content/screenen-en-gesprekken.md").read_text()
    assert "(stakeholders/questions.md)" in guide
    questions = text(sites["sample-team"] / "stakeholders/questions/index.html")
    asked = re.findall(r"\d+\. ([^?]+\?)", questions)
    assert len(asked) == 5
    # No question is put in the guide's own words: no numbered list of questions.
    assert not re.search(r"^\d+\. .*\?", guide, re.M)
    for page in (REPO / "content").glob("*.md"):
        assert "geen rol" not in page.read_text() or page.name != "extern-en-intern.md"
