"""Read at a glance: headings a table of contents can use, how current the data is and
for whom, an edit link to each person's file, and a light and a dark palette."""

from __future__ import annotations

import re

from conftest import REPO, built, configure
from htmltext import text

GENERATED = (
    "stakeholders/index.html",
    "stakeholders/shortlist/index.html",
    "stakeholders/external/index.html",
    "stakeholders/questions/index.html",
    "stakeholders/grid/index.html",
    "stakeholders/involvement/index.html",
    "stakeholders/people/legal/marieke-smits/index.html",
)


def _toc(html: str) -> list[str]:
    """The entries of Material's table of contents on a page."""
    toc = html.split('data-md-component="toc"', 1)[1].split('<div class="md-content"', 1)[0]
    toc = toc.split("md-sidebar--primary", 1)[0]
    return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r'md-ellipsis">(.*?)<', toc, re.S)]


def test_generated_pages_have_a_table_of_contents(sample_site):
    external = _toc((sample_site / "stakeholders/external/index.html").read_text())
    assert external[:2] == ["Extern, direct", "Extern, indirect"]
    shortlist = _toc((sample_site / "stakeholders/shortlist/index.html").read_text())
    assert "Juridisch en compliance" in shortlist and "Afgevallen (2)" in shortlist


def test_every_generated_page_says_how_current_it_is_and_for_whom(sample_site):
    for page in GENERATED:
        words = text(sample_site / page)
        assert re.search(r"Stand van de stakeholderbestanden: \d{4}-\d{2}-\d{2}", words), page
        assert "Weergave voor het projectteam" in words, page  # the tests build the team view


def test_person_pages_link_to_their_file_when_the_repository_is_named(project, tmp_path):
    config = (project / "mkdocs.yml").read_text()
    config = config.replace(
        "docs_dir: content\n",
        "docs_dir: content\nrepo_url: https://git.example/bank/handboek\n"
        "edit_uri: edit/main/content/\n",
    ).replace("  features:\n", "  features:\n    - content.action.edit\n")
    (project / "mkdocs.yml").write_text(config)
    configure(project, "pilot: P\n")
    site = built(project, tmp_path / "site")
    person = (site / "stakeholders/people/legal/marieke-smits/index.html").read_text()
    target = "https://git.example/bank/handboek/edit/main/stakeholders/legal/marieke-smits.yml"
    assert person.count(f'href="{target}"') == 2  # in the page, and Material's edit button
    # No generated page offers to edit a Markdown file that does not exist.
    shortlist = (site / "stakeholders/shortlist/index.html").read_text()
    assert "content/stakeholders/shortlist.md" not in shortlist
    assert "edit/main/content/index.md" in (site / "index.html").read_text()


def test_there_is_a_light_and_a_dark_palette_to_choose_from(sample_site):
    home = (sample_site / "index.html").read_text()
    assert 'data-md-color-scheme="slate"' in home and 'data-md-color-scheme="default"' in home
    css = (REPO / "generator/pilotbook/theme/assets/pilotbook.css").read_text()
    assert '[data-md-color-scheme="slate"]' in css


def _cards(html: str) -> list[str]:
    board = html.split('<nav class="pb-board"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'class="pb-card pb-card-(\w+)"><a href="([^"]+)"', board)


def test_a_decision_board_tops_the_home_page_and_the_shortlist_most_urgent_first(sample_site):
    for page in ("index.html", "stakeholders/shortlist/index.html"):
        html = (sample_site / page).read_text()
        cards = _cards(html)
        statuses = [status for status, _ in cards]
        assert statuses == ["uncovered", "interview", "covered", "covered", "decided"], page
        for _, href in cards:  # every card leads to its discipline's section
            target, anchor = href.split("#")
            folder = (sample_site / page).parent / target
            assert f'id="{anchor}"' in (folder / "index.html").read_text(), href
    words = text(sample_site / "index.html")
    assert "Spreek de 2 mensen op de shortlist en kies wie het best past: Joost van Dijk" in words
    assert "Gekozen na de gesprekken: Marieke Smits." in words


def test_covered_and_decided_disciplines_look_different(sample_site):
    html = (sample_site / "stakeholders/shortlist/index.html").read_text()
    covered = re.search(r'pb-badge pb-covered"><span aria-hidden="true">(.)<', html).group(1)
    decided = re.search(r'pb-badge pb-decided"><span aria-hidden="true">(.)<', html).group(1)
    assert covered != decided


def test_the_teams_map_page_has_the_discipline_status_table(sample_site):
    words = text(sample_site / "stakeholders/index.html")
    assert "Discipline Status Op de shortlist Nog niet beoordeeld Afgevallen" in words
    assert "Facilitair ⚠ Niet gedekt 0 3 2" in words


def test_the_search_index_leaves_the_drawings_out(sample_site):
    index = (sample_site / "search" / "search_index.json").read_text()
    assert "Uienmodel van de stakeholders" not in index  # the map's SVG description
    assert "Raster van twee bij twee" not in index  # the grid's
    assert "Marieke Smits" in index


def test_folded_words_are_added_once_and_only_where_folding_changes_a_word():
    from pilotbook.site.searchfold import with_folded_words

    text = "<p>Ministerie van Financiën, Zoë en Zoe</p>"
    once = with_folded_words(text, "Ayşe Öztürk")
    folded = '<span hidden class="pb-folded">'
    # A section's folded words stand beside them (in the part of the text Material's
    # results show with a match), its title's at its end.
    assert once == (
        f"<p>Ministerie van Financiën, Zoë en Zoe{folded} Financien Zoe</span></p>"
        f" {folded}Ayse Ozturk</span>"
    )
    assert with_folded_words(once, "Ayşe Öztürk") == once
    assert with_folded_words("<p>Nothing to fold</p>", "Plain") == "<p>Nothing to fold</p>"
