"""Finding one's way in a real browser, served by a real nginx under a sub-path: search
that finds "José" as "jose" in every section and shows where, a person's links that
land on their section, the discipline pages in the navigation, and the page a shared
link to a page the intranet no longer has lands on. At 1280 and 390 px, on the
sample and on a handbook of 1,000 people. Screenshots go to build/test-artifacts/.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import built, configure, copy_sample, load_bench
from playwright.sync_api import Page
from test_browser import ARTIFACTS, Watched, browser, nginx  # noqa: F401 (a fixture)

WIDTHS = [1280, 390]


@pytest.fixture(scope="module")
def sites(intranet_site, tmp_path_factory) -> dict[str, Path]:
    """The sample's intranet; the same past `summary_after` (a page per discipline);
    and an intranet of 1,000 people."""
    out = tmp_path_factory.mktemp("wayfinding-sites")
    summary = copy_sample(out / "summary")
    configure(summary, "pilot: Videobellen met klanten\nsummary_after: 3\n")
    big = copy_sample(out / "big", stakeholders=False)
    load_bench().write_stakeholders(big, 1000)
    intranet = {"PILOTBOOK_AUDIENCE": "intranet"}
    return {
        "video": intranet_site,
        "summary": built(summary, out / "summary-site", env=intranet),
        "big": built(big, out / "big-site", env=intranet),
    }


@pytest.fixture(scope="module")
def server(sites, tmp_path_factory) -> Iterator[str]:
    """http://127.0.0.1:PORT/handbooks/: each site below it, its 404 page set up."""
    paths = {f"/handbooks/{name}/": folder for name, folder in sites.items()}
    with nginx(tmp_path_factory.mktemp("wayfinding-nginx"), paths) as base:
        yield base + "/handbooks/"


def _page(browser, width: int, scheme: str = "light") -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": 900 if width > 600 else 844}, color_scheme=scheme
    )
    return context.new_page()


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _plain(text: str) -> str:
    text = text.translate(str.maketrans({"ø": "o", "Ø": "O", "\u0131": "i"}))
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"
    ).casefold()


def _pages_with(site: Path, query: str) -> set[str]:
    """The pages that show a word starting with `query`, accents or not (their search
    sections read as the reader sees them: without pilotbook's hidden words)."""
    found = set()
    for section in json.loads((site / "search/search_index.json").read_text())["docs"]:
        text = re.sub(r'<span hidden class="pb-folded">[^<]*</span>', " ", section["text"])
        words = re.findall(r"[^\W\d_]+", re.sub(r"<[^>]+>", " ", f"{section['title']} {text}"))
        if any(_plain(word).startswith(query) for word in words):
            found.add(section["location"].split("#")[0])
    return found


def _search(page: Page, typed: str) -> int:
    """Type into the search box; the number of pages found, once the results stand."""
    box = page.locator("input.md-search__input")
    page.locator("label.md-search__icon, .md-search__input").first.click()
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
    [("video", "Financiën", "financien"), ("big", "José", "jose"), ("big", "Müller", "muller")],
)
def test_search_finds_without_accents_every_page_and_section_it_finds_with_them(
    browser, server, sites, handbook, written, folded
):
    expected = _pages_with(sites[handbook], folded)
    assert len(expected) >= 3, expected  # the word stands on several pages
    page = _page(browser, 1280)
    page.goto(server + handbook + "/", wait_until="networkidle")
    assert _search(page, folded) == len(expected)
    assert _search(page, written) == len(expected)  # the box folds what is typed
    # Each section found shows the word as written, marked, in a snippet.
    sections = page.locator(".md-search-result__article:has(h2)").filter(visible=True)
    assert sections.count() >= 1
    for index in range(sections.count()):
        marks = sections.nth(index).locator("mark").evaluate_all(SHOWN_MARKS)
        assert any(_plain(mark).startswith(folded) for mark in marks), marks
        assert len(sections.nth(index).inner_text()) < 600  # a snippet, not the section
    _shot(page, f"search-{handbook}-{folded}-1280")
    page.context.close()


def test_intranet_search_shows_no_repository_path(browser, server):
    page = _page(browser, 1280)
    page.goto(server + "video/", wait_until="networkidle")
    assert _search(page, "Bronbestand") == 0
    _search(page, "Marieke")
    results = page.locator(".md-search-result").inner_text()
    assert "Marieke Smits" in results and ".yml" not in results
    page.context.close()


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
    page.get_by_role("link", name="Juridisch en compliance").click()
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
    page.get_by_role("link", name="Juridisch en compliance").click()
    page.wait_for_url(summary + "disciplines/legal/")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_discipline_pages_are_in_the_navigation(browser, server, width):
    page = _page(browser, width)
    page.goto(server + "summary/stakeholders/shortlist/", wait_until="networkidle")
    if width < 1220:  # the navigation is in the drawer, open at the page's own section
        page.locator("label.md-header__button[for='__drawer']").click()
    page.locator(".md-nav--primary label.md-nav__link", has_text="Per discipline").click()
    link = page.locator(".md-nav--primary a.md-nav__link", has_text="IT")
    link.wait_for(state="visible")
    _shot(page, f"nav-disciplines-{width}")
    link.click()
    page.wait_for_url(server + "summary/stakeholders/disciplines/it/")
    assert page.locator("h1").inner_text().strip(" ¶\n") == "IT"
    page.context.close()


MISSING = [
    "stakeholders/people/legal/anouk-peters/",  # turned down: not on the intranet
    "oude-pagina/",
    "stakeholders/nieuws/2024/oud.html",
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("missing", MISSING)
def test_a_missing_page_under_a_sub_path_is_styled_in_dutch_and_leads_back(
    browser, server, width, missing
):
    root = server + "video/"
    page = _page(browser, width)
    watched = Watched(page, "{0.scheme}://{0.netloc}/".format(urlparse(root)))
    response = page.goto(root + missing, wait_until="networkidle")
    assert response is not None and response.status == 404
    # Nothing else failed: every stylesheet and script came from the site's root.
    assert sorted(watched.problems) == [
        "404: " + root + missing,
        "console: Failed to load resource: the server responded with a status of 404 (Not Found)",
    ]
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.locator("h1").inner_text().strip() == "Pagina niet gevonden"
    assert page.evaluate("[...document.styleSheets].every(s => s.cssRules.length > 0)")
    header = page.locator(".md-header").evaluate("e => getComputedStyle(e).position")
    assert header == "sticky"  # Material's stylesheet applies
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    _shot(page, f"404-{missing.strip('/').replace('/', '-')}-{width}")
    # Every link leads to a page of the site.
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    assert root in hrefs  # the way home
    for href in {urljoin(root, h.split("#")[0]) for h in hrefs}:
        if href.startswith(server.split("/handbooks/")[0]):
            assert href.startswith(root), href
            assert page.request.get(href).status == 200, href
    # The search starts with the words of the address and leads to the results.
    box = page.locator("#pb-notfound-query")
    assert box.input_value() == missing.strip("/").split("/")[-1].removesuffix(".html").replace(
        "-", " "
    )
    box.fill("Marieke")
    page.locator(".pb-notfound-search button").click()
    page.wait_for_url(root + "?q=Marieke")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert "Marieke Smits" in page.locator(".md-search-result").inner_text()
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_missing_page_has_no_serious_accessibility_violation(browser, server, scheme):
    page = _page(browser, 1280, scheme)
    page.goto(server + "video/stakeholders/people/legal/anouk-peters/", wait_until="networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    _shot(page, f"404-{scheme}")
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    page.context.close()
