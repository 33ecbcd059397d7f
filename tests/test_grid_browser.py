"""The grid and involvement pages in a real browser (nginx + chromium), for the sample and
a handbook of 1,000 people, at 1280 and 390 px, in the light and the dark palette:
measured, not assumed. No approach for colleagues who are excluded or pending, and their
status shown; the grid's box of the unplaced and its "+ n" links that lead to the rest;
past `summary_after` each group's first 10 rows and a link to the register's view of it;
every name whole; the grid drawn in the reader's palette; on a phone no sideways scroll
and text of 14 px or more; a long table's header in view while it scrolls."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import test_browser
from axe_playwright_python.sync_playwright import Axe
from conftest import REPO, SAMPLE_OPTIONS, built, load_bench
from playwright.sync_api import Browser, Page
from test_browser import ARTIFACTS, nginx

bench = load_bench()

HANDBOOKS = ("sample", "n1000")
PAGES = ("grid", "involvement")
SCHEMES = ("light", "dark")
AUDIENCES = ("team", "intranet")
QUADRANTS = ("manage-closely", "keep-satisfied", "keep-informed", "monitor")
# Every site: both handbooks for both audiences.
SITES = ("sample", "n1000", "sample-intranet", "n1000-intranet")


# Chromium, started once for this module: test_browser's fixture.
browser = test_browser.browser


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The sample, and the sample's pages with 1,000 synthetic stakeholders (bench's
    generator), each built for the team, who see everyone by name, and for the intranet
    (`<name>-intranet`), which sees only externals and shortlisted colleagues."""
    root = tmp_path_factory.mktemp("n1000")
    for name in ("content", "theme", "callers"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    bench.write_stakeholders(root, 1000)
    # A long name first in its quadrant (by name), so that the drawing must wrap it.
    (root / "stakeholders" / "omgeving" / "acm.yml").write_text(
        'name: "ACM, Autoriteit Consument en Markt: afdeling Toezicht Financiële Diensten"\n'
        "external: indirect\ninfluence: high\ninterest: low\n",
        encoding="utf-8",
    )
    sites = {}
    for name, project in (("sample", REPO), ("n1000", root)):
        for audience in AUDIENCES:
            key = name if audience == "team" else f"{name}-{audience}"
            site = tmp_path_factory.mktemp(key) / "site"
            sites[key] = built(project, site, env={"PILOTBOOK_AUDIENCE": audience})
    # The same 1,000 people, each table whole: `summary_after` above them.
    config = (root / "mkdocs.yml").read_text()
    assert SAMPLE_OPTIONS in config
    config = config.replace(SAMPLE_OPTIONS, SAMPLE_OPTIONS + "      summary_after: 5000\n")
    (root / "mkdocs.yml").write_text(config)
    sites["n1000-whole"] = built(root, tmp_path_factory.mktemp("n1000-whole") / "site")
    return sites


@pytest.fixture(scope="module")
def base_url(sites, tmp_path_factory) -> Iterator[str]:
    paths = {f"/{name}/": folder for name, folder in sites.items()}
    with nginx(tmp_path_factory.mktemp("nginx"), paths) as base:
        yield base + "/"


def _open(browser: Browser, url: str, width: int, scheme: str = "light") -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    return page


def _url(base_url: str, handbook: str, kind: str) -> str:
    return f"{base_url}{handbook}/stakeholders/{kind}/"


# The page a link leads to, below its site's folder (the same for both audiences' sites).
PAGE = """a => a && new URL(a.getAttribute('href') || a.getAttribute('xlink:href'), location.href)
  .pathname.split('/').slice(2).join('/')"""

# The grid's table, section by section: the id of the anchor before it, its heading's
# count, and each row's name, page and status badge (none for an external).
SECTIONS = (
    "() => { const PAGE = "
    + PAGE
    + """; return [...document.querySelectorAll('span[id^="pb-grid-"]')].map(anchor => {
  let heading = anchor.closest('p').nextElementSibling;
  const count = Number(heading.textContent.match(/\\((\\d+)\\)/)[1]);
  let next = heading.nextElementSibling;
  while (next && !next.querySelector('table') && next.tagName !== 'TABLE'
         && !next.matches('h2, h3, p:has(span[id^="pb-grid-"])')) next = next.nextElementSibling;
  const table = next && (next.tagName === 'TABLE' ? next : next.querySelector('table'));
  const rows = table ? [...table.querySelectorAll('tbody tr')].map(tr => ({
    name: tr.cells[0].textContent.trim(),
    page: PAGE(tr.cells[0].querySelector('a')),
    status: (tr.cells[2].querySelector('.pb-badge') || {className: ''}).className,
  })) : [];
  return {id: anchor.id, count, rows};
}); }"""
)


def _shown(count: int, handbook: str) -> int:
    """How many rows a group of the table shows: all of them, or past `summary_after`
    (the 1,000-person handbooks) its first 10, the register holding everyone."""
    return min(count, 10) if handbook.startswith("n1000") else count


@pytest.mark.parametrize("handbook", HANDBOOKS)
def test_no_approach_for_excluded_or_pending_colleagues_and_status_shows(
    browser, base_url, handbook
):
    page = _open(browser, _url(base_url, handbook, "grid"), 1280)
    sections = {s["id"]: s for s in page.evaluate(SECTIONS)}
    for key in QUADRANTS:
        section = sections[f"pb-grid-{key}"]
        assert len(section["rows"]) == _shown(section["count"], handbook)
        # Shortlisted colleagues (their status shown) and externals (none to show) only.
        for row in section["rows"]:
            assert row["status"] in ("", "pb-badge pb-shortlisted"), (key, row)
    for status in ("excluded", "pending"):
        section = sections[f"pb-grid-{status}"]
        assert section["rows"] and len(section["rows"]) == _shown(section["count"], handbook)
        assert {row["status"] for row in section["rows"]} == {f"pb-badge pb-{status}"}
    placed = {row["name"] for key in QUADRANTS for row in sections[f"pb-grid-{key}"]["rows"]}
    if handbook == "sample":
        assert "Linda Vos" not in placed
        assert "Linda Vos" in {row["name"] for row in sections["pb-grid-excluded"]["rows"]}
    # The drawing's QUADRANTS name no one the table lists as excluded or pending.
    drawn = page.eval_on_selector_all(
        "svg.pb-grid .pb-quadrant a[aria-label]",
        "els => els.map(e => e.getAttribute('aria-label'))",
    )
    unplaced = {
        row["name"] for s in ("excluded", "pending") for row in sections[f"pb-grid-{s}"]["rows"]
    }
    assert drawn and not set(drawn) & (unplaced - placed)
    page.context.close()


@pytest.mark.parametrize("handbook", ("sample-intranet", "n1000-intranet"))
def test_the_intranets_grid_names_no_excluded_or_pending_colleague(browser, base_url, handbook):
    page = _open(browser, _url(base_url, handbook, "grid"), 1280)
    sections = {s["id"]: s for s in page.evaluate(SECTIONS)}
    team = _open(browser, _url(base_url, handbook.removesuffix("-intranet"), "grid"), 1280)
    hidden = {
        row["page"]
        for s in team.evaluate(SECTIONS)
        if s["id"] in ("pb-grid-excluded", "pb-grid-pending")
        for row in s["rows"]
    }
    team.context.close()
    assert hidden and "pb-grid-excluded" not in sections and "pb-grid-pending" not in sections
    rows = [row for s in sections.values() for row in s["rows"]]
    assert rows and {row["status"] for row in rows} <= {"", "pb-badge pb-shortlisted"}
    drawn = page.eval_on_selector_all("svg.pb-grid a[aria-label]", f"els => els.map({PAGE})")
    page.context.close()
    assert not ({row["page"] for row in rows} | set(drawn)) & hidden


# The grid's box of the unplaced: its title, and its groups' titles in words.
BOX = """() => {
  const box = document.querySelector('svg.pb-grid .pb-unplaced');
  return {
    title: box.querySelector('.pb-quadrant-title').textContent,
    groups: [...box.querySelectorAll('.pb-grid-status')].map(t => t.textContent),
  };
}"""


@pytest.mark.parametrize("handbook", SITES)
def test_the_unplaced_box_counts_everyone_the_table_lists_as_unplaced(browser, base_url, handbook):
    page = _open(browser, _url(base_url, handbook, "grid"), 1280)
    sections = page.evaluate(SECTIONS)
    unplaced = [
        s for s in sections if s["id"] in ("pb-grid-excluded", "pb-grid-pending", "pb-grid-unknown")
    ]
    box = page.evaluate(BOX)
    total = sum(s["count"] for s in unplaced)
    assert total > 0
    assert box["title"] == f"Niet geplaatst ({total})"
    counts = [int(re.search(r"\((\d+)\)", words).group(1)) for words in box["groups"]]
    assert counts == [s["count"] for s in unplaced]
    groups = [w.split(" (")[0][2:] for w in box["groups"]]
    if handbook.endswith("-intranet"):  # no excluded or pending colleague, not even counted
        assert groups == ["Invloed of belang onbekend"]
    else:
        assert groups[:2] == ["Afgevallen", "Nog niet beoordeeld"]
    page.context.close()


# Every "+ n" of the drawing: its words, where it leads (as written, and as an address),
# and how many names the drawing shows before it.
MORE = """() => [...document.querySelectorAll('svg.pb-grid a.pb-grid-more')].map(a => {
  const href = a.getAttribute('xlink:href') || a.getAttribute('href');
  let drawn = 0;
  for (let e = a.previousElementSibling; e && e.matches('a[aria-label]');
       e = e.previousElementSibling) drawn++;
  return {words: a.textContent, href, url: new URL(href, location.href).href, drawn};
})"""

# The register's anchor that holds each group of the grid (site/grid.py): its approach,
# its status, or everyone without an approach.
HOLDING = {
    **{f"pb-r-q-{q}": f"pb-grid-{q}" for q in QUADRANTS},
    "pb-r-s-excluded": "pb-grid-excluded",
    "pb-r-s-pending": "pb-grid-pending",
    "pb-r-q-unplaced": "pb-grid-unknown",
}

# The register's rows the reader sees once its script has read the address's filter.
REGISTER = """() => [...document.querySelectorAll('.pb-register-table tbody tr')]
  .filter(tr => !tr.hidden)
  .map(tr => ({name: tr.cells[0].textContent.trim(), s: tr.dataset.s, q: tr.dataset.q}))"""


def _register_holds(page: Page, section: dict) -> None:
    """The register `page` shows, filtered by its address, holds the grid's group of
    `section`: its count of people, the names its table lists among them, and (for a
    quadrant or a status) no one else."""
    page.wait_for_selector("form.pb-register-tools:not([hidden])")
    shown = page.evaluate(REGISTER)
    key = section["id"].removeprefix("pb-grid-")
    if key in QUADRANTS:
        group = [row for row in shown if row["q"] == key]
    elif key in ("excluded", "pending"):
        group = [row for row in shown if row["s"] == key]
    else:  # unknown influence or interest: among everyone without an approach
        assert {row["q"] for row in shown} == {"unplaced"}
        group = [row for row in shown if row["s"] not in ("excluded", "pending")]
    assert len(group) == section["count"], key
    if key in QUADRANTS or key in ("excluded", "pending"):
        assert len(shown) == len(group), key
    assert {row["name"] for row in section["rows"]} <= {row["name"] for row in group}


@pytest.mark.parametrize("handbook", ("sample", "n1000", "n1000-intranet"))
def test_each_plus_n_is_a_link_that_leads_to_the_rest(browser, base_url, handbook):
    page = _open(browser, _url(base_url, handbook, "grid"), 1280)
    sections = {s["id"]: s for s in page.evaluate(SECTIONS)}
    mores = page.evaluate(MORE)
    assert mores, "nothing too full to list: the check below proves nothing"
    summary = handbook.startswith("n1000")
    for more in mores:
        found = re.match(r"\+ (\d+) meer: zie (de tabel|het register)$", more["words"])
        assert found and (found[2] == "het register") is summary, more
        if summary:  # the register, filtered to the group: its table lists the first 10
            assert more["href"].startswith("../register/#"), more
            section = sections[HOLDING[more["href"].split("#")[1]]]
        else:  # the group's section, which lists everyone: those drawn, and the rest
            section = sections[more["href"].removeprefix("#")]
            assert len(section["rows"]) == section["count"]
        assert int(found[1]) == section["count"] - more["drawn"]
    # Following one leads to the rest: the register's view of the group, or its section
    # of the table, whose heading is in view.
    page.locator("svg.pb-grid a.pb-grid-more").first.click()
    if summary:
        page.wait_for_url(mores[0]["url"])
        _register_holds(page, sections[HOLDING[mores[0]["href"].split("#")[1]]])
        for more in mores[1:]:
            page.goto(more["url"], wait_until="networkidle")
            _register_holds(page, sections[HOLDING[more["href"].split("#")[1]]])
    else:
        anchor = mores[0]["href"].removeprefix("#")
        page.wait_for_function(f"location.hash === '#{anchor}'")
        page.wait_for_timeout(300)
        heading = page.evaluate(
            f"document.getElementById('{anchor}').closest('p').nextElementSibling"
            ".getBoundingClientRect().top"
        )
        assert 0 <= heading < 900
    page.context.close()


# The line over each group's table that says it lists the first rows only: its words and
# the address of its link ('' where the table lists everyone).
FIRST = """() => [...document.querySelectorAll('span[id^="pb-grid-"]')].map(anchor => {
  const line = anchor.closest('p').nextElementSibling.nextElementSibling;
  const said = line && line.tagName === 'P' && /^De eerste/.test(line.textContent);
  return {id: anchor.id, words: said ? line.textContent.trim() : '',
          url: said ? line.querySelector('a').href : ''};
})"""


@pytest.mark.parametrize("handbook", SITES)
def test_a_long_group_lists_its_first_10_and_links_to_the_register_holding_all(
    browser, base_url, handbook
):
    page = _open(browser, _url(base_url, handbook, "grid"), 1280)
    sections = {s["id"]: s for s in page.evaluate(SECTIONS)}
    firsts = page.evaluate(FIRST)
    long = 0
    for first in firsts:
        section = sections[first["id"]]
        if not handbook.startswith("n1000") or section["count"] <= 10:
            # Every row listed, and no line that says otherwise.
            assert len(section["rows"]) == section["count"] and not first["words"], first
            continue
        long += 1
        assert len(section["rows"]) == 10
        assert first["words"] == f"De eerste 10 van {section['count']}; zie Register.", first
        page.goto(first["url"], wait_until="networkidle")
        _register_holds(page, section)
    page.context.close()
    # Past `summary_after` some group is long (the check proves something); else none is.
    assert (long > 0) is handbook.startswith("n1000")


# Each name drawn: its words as shown, its full name, and whether its text stays inside
# its quadrant or box and clear of every other name.
NAMES = """() => {
  const svg = document.querySelector('svg.pb-grid');
  const links = [...svg.querySelectorAll('a[aria-label]')];
  const boxes = links.map(a => a.querySelector('text').getBoundingClientRect());
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = 0; j < i; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.left < b.right - 1 && b.left < a.right - 1
          && a.top < b.bottom - 1 && b.top < a.bottom - 1)
        overlaps.push([links[i].getAttribute('aria-label'), links[j].getAttribute('aria-label')]);
    }
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return {
    names: links.map((a, i) => {
      const frame = a.closest('g').querySelector(':scope > rect').getBoundingClientRect();
      const box = boxes[i];
      return {
        full: a.getAttribute('aria-label'),
        shown: [...a.querySelectorAll('tspan')].map(t => t.textContent).join(' '),
        lines: a.querySelectorAll('tspan').length,
        inside: box.left >= frame.left && box.right <= frame.right
          && box.top >= frame.top && box.bottom <= frame.bottom,
        height: a.getBoundingClientRect().height,
      };
    }),
    overlaps,
    smallest: Math.min(...[...svg.querySelectorAll('text')].map(
      t => parseFloat(getComputedStyle(t).fontSize) * scale)),
  };
}"""


@pytest.mark.parametrize("handbook", SITES)
def test_every_name_in_the_grid_is_whole_inside_its_box_and_a_large_enough_link(
    browser, base_url, handbook
):
    page = _open(browser, _url(base_url, handbook, "grid"), 1280)
    measured = page.evaluate(NAMES)
    page.context.close()
    assert measured["names"]
    for name in measured["names"]:
        assert " ".join(name["shown"].split()) == " ".join(name["full"].split()), name
        assert name["inside"], name
        assert name["height"] >= 24, name
    assert measured["overlaps"] == []
    assert measured["smallest"] >= 14
    if handbook.startswith("n1000"):  # a long name wraps onto more lines, never cut
        assert any(len(n["full"]) > 45 and n["lines"] > 1 for n in measured["names"])


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# The page's ground, the grid's own background, each quadrant's fill as drawn over the
# page, and the colours of its words.
COLOURS = """() => {
  // rgb(r, g, b) or, for a mixed colour, color(srgb r g b) with channels from 0 to 1.
  const rgb = s => s.match(/[\\d.]+/g).map(Number)
    .map((c, i) => (s.startsWith('color(') && i < 3 ? c * 255 : c));
  const ground = rgb(getComputedStyle(document.body).backgroundColor);
  const svg = document.querySelector('svg.pb-grid');
  const over = (fill, opacity) => fill.slice(0, 3)
    .map((c, i) => c * opacity + ground[i] * (1 - opacity));
  return {
    ground,
    background: getComputedStyle(svg).backgroundColor,
    fills: [...svg.querySelectorAll('.pb-quadrant > rect')].map(r => {
      const style = getComputedStyle(r);
      return over(rgb(style.fill), parseFloat(style.fillOpacity));
    }),
    words: [...svg.querySelectorAll('text')].map(t => rgb(getComputedStyle(t).fill)),
  };
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("handbook", HANDBOOKS)
def test_the_grid_is_drawn_in_the_readers_palette(browser, base_url, handbook, scheme):
    page = _open(browser, _url(base_url, handbook, "grid"), 1280, scheme)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("svg.pb-grid").screenshot(path=str(ARTIFACTS / f"grid-{handbook}-{scheme}.png"))
    colours = page.evaluate(COLOURS)
    page.context.close()
    assert colours["background"] in ("rgba(0, 0, 0, 0)", "transparent")  # no card of its own
    dark = scheme == "dark"
    assert (_luminance(colours["ground"]) < 0.1) is dark
    for fill in colours["fills"]:
        assert (_luminance(fill) < 0.1) is dark, fill  # a tint of the page, not a white card
        for words in colours["words"]:
            assert _contrast(words, fill) >= 4.5, (words, fill)


# On a phone: how far the page scrolls sideways, the widest row of each table, and the
# smallest text in the tables and their labels, among what is shown.
PHONE = """() => {
  const shown = e => e.getBoundingClientRect().width > 0;
  const tables = [...document.querySelectorAll('.md-typeset table')];
  const cells = tables.flatMap(t => [...t.querySelectorAll('td, td *')]).filter(shown)
    .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()));
  return {
    scroll: document.documentElement.scrollWidth - window.innerWidth,
    right: Math.max(...tables.flatMap(t => [...t.querySelectorAll('tr')]).filter(shown)
      .map(r => r.getBoundingClientRect().right)),
    smallest: Math.min(...cells.map(e => parseFloat(getComputedStyle(e).fontSize))),
    labels: [...document.querySelectorAll('.pb-cell-label')].filter(shown).length,
    header: tables.filter(t => t.querySelector('thead').getBoundingClientRect().width > 1)
      .length,
  };
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGES)
@pytest.mark.parametrize("handbook", SITES)
def test_on_a_phone_each_row_reads_without_sideways_scrolling(
    browser, base_url, handbook, kind, scheme
):
    page = _open(browser, _url(base_url, handbook, kind), 390, scheme)
    page.evaluate("document.querySelector('.md-typeset table').scrollIntoView()")
    page.evaluate("window.scrollBy(0, -150)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{kind}-{handbook}-390-{scheme}.png"))
    measured = page.evaluate(PHONE)
    page.context.close()
    assert measured["scroll"] <= 0
    assert measured["right"] <= 390
    assert measured["smallest"] >= 14
    # Each row a card whose values carry their column's name.
    assert measured["labels"] > 0 and measured["header"] == 0


@pytest.mark.parametrize("kind", PAGES)
@pytest.mark.parametrize("handbook", SITES)
def test_on_a_wide_screen_the_pages_fit(browser, base_url, handbook, kind):
    page = _open(browser, _url(base_url, handbook, kind), 1280)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.context.close()


# The first table at least 2,000 px long, scrolled to its middle: where its header is, and
# what the reader sees at the header's middle.
STICKY = """() => {
  const table = [...document.querySelectorAll('.md-typeset table')]
    .find(t => t.getBoundingClientRect().height > 2000);
  const box = table.getBoundingClientRect();
  window.scrollTo(0, window.scrollY + box.top + box.height / 2);
  const header = table.querySelector('thead th').getBoundingClientRect();
  const bar = document.querySelector('.md-header').getBoundingClientRect();
  const seen = document.elementFromPoint(header.left + 5, header.top + header.height / 2);
  return {
    top: header.top, bar: bar.bottom,
    visible: !!seen && !!seen.closest('thead') && seen.closest('table') === table,
  };
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGES)
def test_a_long_tables_header_stays_in_view_as_it_scrolls(browser, base_url, kind, scheme):
    # Long tables: the 1,000 people listed whole (past `summary_after` each group lists
    # its first 10 rows and the register has the rest).
    handbook = "n1000-whole"
    page = _open(browser, _url(base_url, handbook, kind), 1280, scheme)
    measured = page.evaluate(STICKY)
    page.wait_for_timeout(100)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{kind}-{handbook}-1280-{scheme}-scrolled.png"))
    page.context.close()
    assert measured["visible"], measured
    assert measured["bar"] - 1 <= measured["top"] <= measured["bar"] + 1, measured


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGES)
@pytest.mark.parametrize("handbook", ("sample", "sample-intranet"))
def test_no_serious_accessibility_violation(browser, base_url, handbook, kind, scheme, width):
    page = _open(browser, _url(base_url, handbook, kind), width, scheme)
    results = Axe().run(page)
    page.context.close()
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
