"""Finding one's way in a real browser, served by a real nginx under a sub-path: search
that finds "José" as "jose" in every section and shows where, a person's links that
land on their section, the discipline pages in the navigation, and the page a shared
link to a page the intranet no longer has lands on. At 1280 and 390 px, on the
sample and on a handbook of 1,000 people. Screenshots go to build/test-artifacts/.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
import test_browser
from conftest import REPO, built, configure, copy_sample, load_bench
from htmltext import between
from playwright.sync_api import Page
from test_browser import ARTIFACTS, Watched, nginx, serious_violations
from test_wayfinding import PERSON_LINK, _key, _plain

# Chromium as the other browser tests launch it (a fixture of this module too).
browser = test_browser.browser

WIDTHS = [1280, 390]


@pytest.fixture(scope="module")
def sites(intranet_site, sample_site, tmp_path_factory) -> dict[str, Path]:
    """The sample's intranet and team site; the intranet past `summary_after` (a page
    per discipline); and an intranet of 1,000 people."""
    out = tmp_path_factory.mktemp("wayfinding-sites")
    summary = copy_sample(out / "summary")
    configure(summary, "pilot: Videobellen met klanten\nsummary_after: 3\n")
    big = copy_sample(out / "big", stakeholders=False)
    shutil.copytree(REPO / "callers", big / "callers")  # the sample's call team
    load_bench().write_stakeholders(big, 1000)
    intranet = {"PILOTBOOK_AUDIENCE": "intranet"}
    return {
        "video": intranet_site,
        "team": sample_site,
        "summary": built(summary, out / "summary-site", env=intranet),
        "big": built(big, out / "big-site", env=intranet),
    }


# Where nginx serves each site: below /handbooks/ by name, and more as a team may set
# one up: the sample at the server's root, the large one three folders deep, and one
# in a folder named like a folder of the site's own.
ROOTS = {"/": "video", "/intranet/teams/pilot/": "big", "/intranet/stakeholders/": "summary"}


@pytest.fixture(scope="module")
def origin(sites, tmp_path_factory) -> Iterator[str]:
    """http://127.0.0.1:PORT: each site at its sub-path, its 404 page set up."""
    paths = {f"/handbooks/{name}/": folder for name, folder in sites.items()}
    paths.update((root, sites[name]) for root, name in ROOTS.items())
    with nginx(tmp_path_factory.mktemp("wayfinding-nginx"), paths) as base:
        yield base


@pytest.fixture(scope="module")
def server(origin) -> str:
    """http://127.0.0.1:PORT/handbooks/: each site below it by name."""
    return origin + "/handbooks/"


def _page(browser, width: int, scheme: str = "light") -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": 900 if width > 600 else 844}, color_scheme=scheme
    )
    return context.new_page()


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _sections_with(site: Path, query: str) -> set[str]:
    """The pages and sections (`page/#anchor`) that show a word starting with `query`,
    accents or not (read as the reader sees them: without pilotbook's hidden words)."""
    found = set()
    for section in json.loads((site / "search/search_index.json").read_text())["docs"]:
        text = re.sub(r'<span hidden class="pb-folded">[^<]*</span>', " ", section["text"])
        words = re.findall(r"[^\W\d_]+", re.sub(r"<[^>]+>", " ", f"{section['title']} {text}"))
        if any(_plain(word).casefold().startswith(query) for word in words):
            found.add(section["location"])
    return found


def _pages_with(site: Path, query: str) -> set[str]:
    """The pages that show a word starting with `query` (see `_sections_with`)."""
    return {location.split("#")[0] for location in _sections_with(site, query)}


def _search(page: Page, typed: str) -> int:
    """Type into the search box; the number of pages found, once the results stand."""
    box = page.locator("input.md-search__input")
    if page.viewport_size["width"] >= 960:  # Material's search box stands in the header
        box.click()
    elif not page.locator("#__search").is_checked():  # a phone opens it from its button
        page.locator("label.md-header__button[for='__search']").click()
    box.fill("")
    box.press_sequentially(typed, delay=30)
    box.press("End")  # a key Material hears after the last letter, whatever it was
    meta = page.locator(".md-search-result__meta")
    said = ""
    for _ in range(100):
        page.wait_for_timeout(300)
        now = meta.inner_text()
        if now == said and re.search(r"\d|Geen", now):
            break
        said = now
    else:
        raise AssertionError(f"the search for {typed!r} did not settle: {said!r}")
    found = re.search(r"\d+", said)
    return int(found.group()) if found else 0


SHOWN_MARKS = """els => els.filter(m => !m.closest('.pb-folded') && m.offsetParent !== null)
    .map(m => m.textContent)"""


@pytest.mark.parametrize(
    ("handbook", "written", "folded"),
    [
        ("video", "Financiën", "financien"),
        ("team", "Financiën", "financien"),
        ("big", "José", "jose"),
        ("big", "Müller", "muller"),
    ],
)
@pytest.mark.parametrize("width", WIDTHS)
def test_search_finds_without_accents_every_page_and_section_it_finds_with_them(
    browser, server, sites, handbook, written, folded, width
):
    expected = _pages_with(sites[handbook], folded)
    assert len(expected) >= 3, expected  # the word stands on several pages
    page = _page(browser, width)
    page.goto(server + handbook + "/", wait_until="networkidle")
    assert _search(page, folded) == len(expected)
    assert _search(page, written) == len(expected)  # the box folds what is typed
    # Each page and section found shows the word as written, marked, in a snippet (a
    # page's further sections too, once the reader opens them), and no emptied line.
    # Material shows ten results, then four more each time the list is scrolled to its
    # end: scroll as a reader does until no more come. (Where the list fits the screen,
    # pilotbook's script brings the next ones without a scroll.)
    items = page.locator(".md-search-result__item")
    shown = -1
    while (count := items.count()) != shown:
        shown = count
        for end in ("0", "e.scrollHeight"):
            page.locator(".md-search__scrollwrap").evaluate(f"e => e.scrollTop = {end}")
            page.wait_for_timeout(250)
    assert shown == len(expected)  # every page found can be reached
    page.locator("details.md-search-result__more").evaluate_all(
        "els => els.forEach(e => e.open = true)"
    )
    articles = page.locator(".md-search-result__article").filter(visible=True)
    # A section of a page (below its title) that holds the word is found as such.
    if any("#" in location for location in _sections_with(sites[handbook], folded)):
        assert articles.locator("h2").count() >= 1
    for article in articles.all():
        marks = article.locator("mark").evaluate_all(SHOWN_MARKS)
        title = article.locator("h1, h2").inner_text()
        if not marks and article.inner_text().strip() == title.strip():
            continue  # the title of a page found in its sections, shown above them
        assert any(_plain(mark).casefold().startswith(folded) for mark in marks), marks
        assert len(article.inner_text()) < 600  # a snippet, not the section
        lines = article.locator("li, p, td").filter(visible=True)
        assert "" not in [line.strip() for line in lines.all_inner_texts()]
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    _shot(page, f"search-{handbook}-{folded}-{width}")
    page.context.close()


def test_intranet_search_shows_no_repository_path(browser, server):
    page = _page(browser, 1280)
    page.goto(server + "video/", wait_until="networkidle")
    assert _search(page, "Bronbestand") == 0
    _search(page, "Marieke")
    results = page.locator(".md-search-result").inner_text()
    assert "Marieke Smits" in results and ".yml" not in results
    page.context.close()


def test_a_thousand_people_are_listed_by_name(sites):
    site = sites["big"]
    pages = ["stakeholders/shortlist", "stakeholders/external"]
    pages += [
        p.parent.relative_to(site).as_posix()
        for p in site.glob("stakeholders/disciplines/*/index.html")
    ]
    lists = []
    for path in pages:
        content = between(
            (site / path / "index.html").read_text(), "md-content__inner", "</article>"
        )
        lists += [
            PERSON_LINK.findall(items) for items in re.findall(r"<ul>(.*?)</ul>", content, re.S)
        ]
    assert sum(map(len, lists)) > 100  # the shortlisted and the externals
    assert all(names == sorted(names, key=_key) for names in lists)


def _landed(page: Page, url: str, anchor: str) -> None:
    """The page is at `url` with `anchor`, and the anchor's section is in view."""
    page.wait_for_url(url + "#" + anchor)
    page.wait_for_timeout(300)
    top = page.locator(f"#{anchor}").evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2, (anchor, top)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_persons_links_land_on_their_section(browser, server, width):
    page = _page(browser, width)
    video = server + "video/stakeholders/"
    page.goto(video + "people/legal/marieke-smits/", wait_until="networkidle")
    _shot(page, f"person-{width}")
    content = page.locator("article")
    content.get_by_role("link", name="Juridisch en compliance").click()
    _landed(page, video + "shortlist/", "pb-d-legal")
    page.go_back()
    page.get_by_role("link", name="Terug naar de shortlist").click()
    _landed(page, video + "shortlist/", "pb-d-legal")
    # An external stakeholder goes back to their part of the externals page.
    page.goto(video + "people/omgeving/afm/", wait_until="networkidle")
    assert page.get_by_role("link", name="Terug naar de shortlist").count() == 0
    page.get_by_role("link", name="Terug naar de externe stakeholders").click()
    _landed(page, video + "external/", "pb-indirect")
    # Past summary_after the discipline leads to its own page.
    summary = server + "summary/stakeholders/"
    page.goto(summary + "people/legal/marieke-smits/", wait_until="networkidle")
    content.get_by_role("link", name="Juridisch en compliance").click()
    page.wait_for_url(summary + "disciplines/legal/")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_discipline_pages_are_in_the_navigation(browser, server, width):
    page = _page(browser, width)
    page.goto(server + "summary/stakeholders/shortlist/", wait_until="networkidle")
    if width < 1220:  # the navigation is in the drawer, open at the page's own section
        page.locator("label.md-header__button[for='__drawer']").click()
    heading = re.compile(r"^\s*Per discipline\s*$")
    page.locator(".md-nav--primary label.md-nav__link", has_text=heading).click()
    section = page.get_by_role("navigation", name="Per discipline")
    link = section.get_by_role("link", name="IT", exact=True)
    link.wait_for(state="visible")
    _shot(page, f"nav-disciplines-{width}")
    link.click()
    page.wait_for_url(server + "summary/stakeholders/disciplines/it/")
    assert page.locator("h1").inner_text().strip(" ¶\n") == "IT"
    page.context.close()


# An address a site does not have, below the root it is served at, and a search from
# its page: what is typed, and a name the results then show.
MISSING = [
    # A colleague turned down after their page was shared: not on the intranet.
    ("/handbooks/video/", "stakeholders/people/legal/anouk-peters/", "Marieke", "Marieke Smits"),
    ("/handbooks/video/", "oude-pagina/", "Marieke", "Marieke Smits"),
    ("/handbooks/video/", "stakeholders/nieuws/2024/oud.html", "Marieke", "Marieke Smits"),
    ("/", "stakeholders/people/legal/anouk-peters/", "Marieke", "Marieke Smits"),
    ("/intranet/teams/pilot/", "stakeholders/people/it/oud-lid/", "siobhan", "Siobhán"),
    ("/intranet/teams/pilot/", "verslagen/", "siobhan", "Siobhán"),
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("sub_path", "missing", "typed", "found"), MISSING)
def test_a_missing_page_under_any_sub_path_is_styled_in_dutch_and_leads_back(
    browser, origin, width, sub_path, missing, typed, found
):
    root = origin + sub_path
    page = _page(browser, width)
    watched = Watched(page, origin + "/")
    response = page.goto(root + missing, wait_until="networkidle")
    assert response is not None and response.status == 404
    # Nothing else failed: every stylesheet and script came from the site's root.
    assert sorted(watched.problems) == [f"404: {root}{missing}", NOT_FOUND_CONSOLE]
    _reads_as_not_found(page, origin, root)
    _shot(page, f"404-{sub_path}{missing}".strip("/").replace("/", "-") + f"-{width}")
    # The search starts with the words of the address and leads to the results.
    box = page.locator("#pb-notfound-query")
    words = missing.strip("/").split("/")[-1].removesuffix(".html").replace("-", " ")
    assert box.input_value() == words
    box.fill(typed)
    page.locator(".pb-notfound-search button").click()
    page.wait_for_url(f"{root}?q={typed}")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert found in page.locator(".md-search-result").inner_text()
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_sub_path_named_like_a_folder_of_the_site_is_told_apart_by_the_server(
    browser, origin, width
):
    """At .../stakeholders/oude-pagina/ the root may be .../ (a page of the site's
    stakeholders/ folder) or .../stakeholders/ (a page of its own): the page asks the
    server for its own copy at the first, which is not there, then at the second."""
    root = origin + "/intranet/stakeholders/"
    page = _page(browser, width)
    watched = Watched(page, origin + "/")
    page.goto(root + "oude-pagina/", wait_until="networkidle")
    asked = f"404: {origin}/intranet/404.html"
    assert sorted(watched.problems) == [asked, f"404: {root}oude-pagina/", *[NOT_FOUND_CONSOLE] * 2]
    _reads_as_not_found(page, origin, root)
    _shot(page, f"404-named-like-a-folder-{width}")
    page.context.close()


NOT_FOUND_CONSOLE = (
    "console: Failed to load resource: the server responded with a status of 404 (Not Found)"
)


def _reads_as_not_found(page: Page, origin: str, root: str) -> None:
    """The page says in Dutch that the page is not found, in the site's look, as wide
    as the screen, and every link on it leads to a page of the site at `root`."""
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.locator("h1").inner_text().strip() == "Pagina niet gevonden"
    assert page.evaluate("[...document.styleSheets].every(s => s.cssRules.length > 0)")
    header = page.locator(".md-header").evaluate("e => getComputedStyle(e).position")
    assert header == "sticky"  # Material's stylesheet applies
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    assert root in hrefs  # the way home
    for href in {urljoin(root, h.split("#")[0]) for h in hrefs}:
        if href.startswith(origin):
            assert href.startswith(root), href
            assert page.request.get(href).status == 200, href


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_missing_page_has_no_serious_accessibility_violation(browser, server, scheme):
    page = _page(browser, 1280, scheme)
    page.goto(server + "video/stakeholders/people/legal/anouk-peters/", wait_until="networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    _shot(page, f"404-{scheme}")
    assert serious_violations(page) == []
    page.context.close()
