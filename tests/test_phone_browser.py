"""Every page type on a phone (390 px), in a real browser (nginx + chromium), for the sample
and a handbook of 1,000 people, each built for the team and for the intranet: every text
a reader sees is 14 px or more; every link, button, field and summary is 24 px or more
each way by its own box (not by the space around it); a status badge stays on one line;
a word of code is never broken; the page never scrolls sideways, nor does a table on a
person's page. Material's own parts count too: its header, its drawer with every
section opened, its search results and its footer.

Left out: what no reader sees (`display: none`, `visibility: hidden`, no opacity, or
clipped to a pixel for screen readers), such as Material's links to a heading and its
skip link until they have focus; and the map's drawing, a figure scaled to the screen
whose text and links tests/test_map_browser.py measures at 390 px itself. The grid's
drawing is hidden on a phone (its table says the same).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import test_browser
import test_grid_browser
from conftest import REPO, built, copy_sample, load_bench
from playwright.sync_api import Page
from test_browser import ARTIFACTS, TABLE_FRAMES

# Chromium as the other browser tests launch it, and nginx serving each of this
# module's `sites` below /NAME/ (fixtures of this module too).
browser = test_browser.browser
base_url = test_grid_browser.base_url

WIDTH = 390
HANDBOOKS = ("sample-team", "sample-intranet", "n1000-team", "n1000-intranet")
# The addresses of the page types the issue names, which each walk must read: the home
# page with its board, the guide with its tables, the map, the shortlist per discipline,
# the externals, the questions, the grid, involvement, the register and the call team.
# Beside them every other page is read, a person's of each folder and, in the
# 1,000-person handbooks, a discipline's page.
NAMED = (
    "",
    "wijzigingen-voorstellen/",
    "stakeholders/",
    "stakeholders/shortlist/",
    "stakeholders/external/",
    "stakeholders/questions/",
    "stakeholders/grid/",
    "stakeholders/involvement/",
    "stakeholders/register/",
    "stakeholders/call-team/",
)
MISSING = "stakeholders/people/legal/no-one-by-this-name/"  # nginx answers with 404.html


@pytest.fixture(scope="module")
def sites(sample_site, intranet_site, tmp_path_factory) -> dict[str, Path]:
    """The sample and 1,000 synthetic people (bench's generator) with the sample's pages
    and call team, each built for the team and for the intranet."""
    big = copy_sample(tmp_path_factory.mktemp("phone") / "n1000", stakeholders=False)
    shutil.copytree(REPO / "callers", big / "callers")
    load_bench().write_stakeholders(big, 1000)
    found = {"sample-team": sample_site, "sample-intranet": intranet_site}
    for audience in ("team", "intranet"):
        site = tmp_path_factory.mktemp(f"phone-n1000-{audience}") / "site"
        found[f"n1000-{audience}"] = built(big, site, env={"PILOTBOOK_AUDIENCE": audience})
    return found


def page_types(site: Path) -> list[str]:
    """The address of a page of each type in `site`: every page that is the only one of
    its kind, one person's page from every folder of people (each discipline, the
    direct and the indirect externals), one discipline's page where there are any, and
    an address the site does not have."""
    addresses, folders = [], set()
    for page in sorted(site.rglob("index.html")):
        address = page.parent.relative_to(site).as_posix() + "/"
        parts = address.split("/")
        if address.startswith(("stakeholders/people/", "stakeholders/disciplines/")):
            kind = "/".join(parts[:3] if parts[1] == "people" else parts[:2])
            if kind in folders:
                continue
            folders.add(kind)
        addresses.append("" if address == "./" else address)
    return [*addresses, MISSING]


# What a phone's reader meets below `root` (a selector) that is too small or breaks: each
# text under 14 px, each tap target under 24 x 24 px, each badge on more than one line,
# each word of code broken, and a page wider than the screen. A problem names where it
# is (the element and two of its ancestors), what it says, and its size.
MEASURE = """root => {
  const found = [];
  const shown = e => e.checkVisibility({opacityProperty: true, visibilityProperty: true})
    && e.getBoundingClientRect().width > 1 && e.getBoundingClientRect().height > 1;
  const figure = e => !!e.closest('svg.pb-map, svg.pb-map-narrow');
  const where = e => {
    const parts = [];
    for (let x = e; x && x !== document.body && parts.length < 3; x = x.parentElement) {
      const classes = [...x.classList].slice(0, 2).map(c => '.' + c).join('');
      parts.unshift(x.tagName.toLowerCase() + (x.id ? '#' + x.id : '') + classes);
    }
    return parts.join(' > ');
  };
  const words = e => JSON.stringify((e.textContent || e.getAttribute('aria-label') || '')
    .trim().replace(/\\s+/g, ' ').slice(0, 50));
  // The lines a range of text lies on: its boxes' tops, apart by more than 3 px.
  const lines = range => {
    const tops = [];
    for (const box of range.getClientRects())
      if (box.width > 0.5 && !tops.some(top => Math.abs(top - box.top) < 4)) tops.push(box.top);
    return tops.length;
  };
  const scope = document.querySelector(root);
  const texts = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
  for (let node; (node = texts.nextNode()); ) {
    const e = node.parentElement;
    if (!node.textContent.trim() || figure(e) || !shown(e)) continue;
    const svg = e.closest('svg');  // a drawing's text as it is drawn, scaled
    const scale = svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width
      ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 1;
    const size = parseFloat(getComputedStyle(e).fontSize) * scale;
    if (size < 13.95) found.push(`text of ${size.toFixed(1)} px: ${where(e)} ${words(node)}`);
  }
  const targets = 'a[href], svg a, button, input:not([type=hidden]), select, textarea, '
    + 'summary, label[for]';
  for (const e of scope.querySelectorAll(targets)) {
    if (figure(e) || !shown(e)) continue;
    const box = e.getBoundingClientRect();
    if (box.width < 23.95 || box.height < 23.95)
      found.push(`target of ${box.width.toFixed(1)} x ${box.height.toFixed(1)} px: `
        + `${where(e)} ${words(e)}`);
  }
  for (const e of scope.querySelectorAll('.pb-badge')) {
    if (!shown(e)) continue;
    const range = document.createRange();
    range.selectNodeContents(e);
    const count = lines(range);
    if (count > 1) found.push(`badge on ${count} lines: ${where(e)} ${words(e)}`);
  }
  for (const e of scope.querySelectorAll('code')) {
    if (!shown(e)) continue;
    const inside = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    for (let node; (node = inside.nextNode()); )
      for (const word of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        if (lines(range) > 1)
          found.push(`word of code broken: ${where(e)} ${JSON.stringify(word[0])}`);
      }
  }
  const wide = document.documentElement.scrollWidth;
  if (wide > window.innerWidth) found.push(`the page is ${wide} px wide`);
  return found;
}"""


def _phone(browser) -> Page:
    context = browser.new_context(viewport={"width": WIDTH, "height": 844})
    return context.new_page()


def _problems(page: Page, url: str) -> list[str]:
    """What `MEASURE` finds on the page at `url`, then in Material's drawer with every
    section opened (as a reader who taps through it sees each in turn)."""
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(100)  # the tables' script marks wide tables once laid out
    found = page.evaluate(MEASURE, "body")
    if "/stakeholders/people/" in url:  # a person's answers and verdicts fit, unscrolled
        frames = page.eval_on_selector_all(".md-typeset__scrollwrap", TABLE_FRAMES)
        found += [f"a table {extra} px wider than its frame" for extra, _ in frames if extra > 1]
    page.evaluate("""() => document.querySelectorAll('input.md-toggle, input.md-nav__toggle')
        .forEach(toggle => { toggle.checked = toggle.id !== '__search'; })""")
    page.wait_for_timeout(400)  # the drawer slides in
    drawer = page.evaluate(MEASURE, ".md-sidebar--primary")
    return list(dict.fromkeys(found + drawer))


def _report(handbook: str, problems: dict[str, list[str]], shown: int = 30) -> str:
    """Each page's problems, its first `shown` of them and how many more."""
    return f"{handbook} at {WIDTH} px:\n" + "\n".join(
        f"  /{address} ({len(found)})\n"
        + "\n".join(f"    {problem}" for problem in found[:shown])
        + (f"\n    ... and {len(found) - shown} more" if len(found) > shown else "")
        for address, found in problems.items()
    )


@pytest.mark.parametrize("handbook", HANDBOOKS)
def test_every_page_type_reads_and_taps_on_a_phone(browser, sites, base_url, handbook):
    addresses = page_types(sites[handbook])
    assert set(NAMED) <= set(addresses), set(NAMED) - set(addresses)
    assert sum(a.startswith("stakeholders/people/") for a in addresses) >= 7  # every folder
    pages_of_disciplines = any(a.startswith("stakeholders/disciplines/") for a in addresses)
    assert pages_of_disciplines is handbook.startswith("n1000")  # past `summary_after`
    page = _phone(browser)
    problems = {}
    for address in addresses:
        found = _problems(page, base_url + handbook + "/" + address)
        if found:
            problems[address] = found
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            name = f"phone-{handbook}-{address.strip('/').replace('/', '-') or 'home'}.png"
            page.screenshot(path=str(ARTIFACTS / name))
    # The last address, which the site does not have, was read on its page for that.
    assert page.locator("h1").first.inner_text().strip(" ¶\n") == "Pagina niet gevonden"
    page.context.close()
    assert not problems, _report(handbook, problems)


@pytest.mark.parametrize("handbook", HANDBOOKS)
def test_search_results_read_and_tap_on_a_phone(browser, base_url, handbook):
    page = _phone(browser)
    page.goto(base_url + handbook + "/", wait_until="networkidle")
    page.locator("label.md-header__button[for=__search]").click()
    page.locator("input.md-search__input").press_sequentially("stakeholders", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    page.wait_for_timeout(300)  # every result in, with its "more on this page"
    found = page.evaluate(MEASURE, ".md-search")
    assert page.locator(".md-search-result__item").count() > 1
    page.context.close()
    assert not found, _report(handbook, {"(search for 'stakeholders')": found})
