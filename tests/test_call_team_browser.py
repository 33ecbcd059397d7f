"""The call team's page in a real browser (nginx + chromium), for both audiences, at a
desktop's 1280 px and a phone's 390 px: nothing scrolls sideways, the spread tables
and the roster fit and show, the words are large enough to read, the board's card
leads to the page, and axe-core finds nothing serious."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import test_browser
from axe_playwright_python.sync_playwright import Axe
from test_browser import ARTIFACTS, TABLE_FRAMES, Watched, nginx
from test_call_team_pages import CALLERS, PLAN, build, handbook, named, status

AUDIENCES = ("team", "intranet")
PAGE = "stakeholders/call-team/"
# Chromium as the other browser tests launch it (a fixture of this module too).
browser = test_browser.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> Iterator[str]:
    """Both audiences' sites of one handbook with a call team, served by nginx at
    /call-team/team/ and /call-team/intranet/."""
    project = handbook(tmp_path_factory.mktemp("browser") / "handbook", CALLERS, PLAN)
    sites: dict[str, Path] = {f"/call-team/{a}/": build(project, a) for a in AUDIENCES}
    with nginx(tmp_path_factory.mktemp("nginx"), sites) as base:
        yield base + "/call-team/"


# The smallest text of the page's running words (paragraphs and list items, not the
# footnote of the audience) and of its tables, and whether each table shows.
MEASURE = """() => {
  const shown = e => e.getBoundingClientRect().width > 0;
  const size = sel => Math.min(...[...document.querySelectorAll(sel)].filter(shown)
    .filter(e => !e.closest('.pb-foot')).map(e => parseFloat(getComputedStyle(e).fontSize)));
  return {
    scroll: document.documentElement.scrollWidth - window.innerWidth,
    words: size('article.md-typeset > p, article.md-typeset > ul > li'),
    cells: size('article.md-typeset td, article.md-typeset th'),
    tables: [...document.querySelectorAll('article.md-typeset table')].map(shown),
    rows: [...document.querySelectorAll('article.md-typeset table tr')].map(
      r => r.cells[0].innerText.split(',')[0]),
  };
}"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_call_team_page_reads_well_on_a_desktop_and_a_phone(browser, base_url, audience, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}{audience}/{PAGE}", wait_until="networkidle")
    page.wait_for_timeout(100)  # the script marks wide tables once the page is laid out
    measured = page.evaluate(MEASURE)
    frames = page.eval_on_selector_all(".md-typeset__scrollwrap", TABLE_FRAMES)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"call-team-{audience}-{width}.png"), full_page=True)
    context.close()
    assert measured["scroll"] <= 0  # nothing wider than the screen
    # Every table fits its frame, on a phone too: none needs scrolling sideways.
    assert frames and all(extra <= 1 for extra, _ in frames), frames
    # The two tables of the spread (team, location) and the roster's, all shown.
    roster = 1 if audience == "intranet" else len({status(f) for f in CALLERS.values()})
    assert measured["tables"] == [True] * (2 + roster)
    assert all(name in measured["rows"] for name in named("selected"))
    # Running words at 14 px or more; tables at Material's table type (0.64rem), which
    # every table of the site has, and at least the 12 px the map's words keep.
    assert measured["words"] >= 14, measured
    assert measured["cells"] >= 12, measured


def test_the_boards_card_leads_to_the_call_team_page_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    home = f"{base_url}intranet/"
    watched = Watched(context.new_page(), base_url.split("/call-team/")[0] + "/")
    page = watched.page
    page.goto(home, wait_until="networkidle")
    card = page.locator("li.pb-call-team")
    assert card.count() == 1 and card.is_visible()
    box = card.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    card.locator("a").click()
    page.wait_for_url(f"**/intranet/{PAGE}")
    assert page.locator("h1").inner_text().strip(" ¶\n") == "Belteam"
    assert watched.problems == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_call_team_page_has_no_serious_accessibility_violation(browser, base_url, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{base_url}team/{PAGE}", wait_until="networkidle")
    results = Axe().run(page)
    context.close()
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
