"""The map in a real browser (nginx + chromium) at several sizes of handbook: measured,
not assumed. No shape covers another or a label, the map fits a phone's width, its
text is at least 12 px and its links at least 24 px, and the name shows on hover."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, built, load_bench
from playwright.sync_api import Browser, sync_playwright
from test_browser import ARTIFACTS, CHROMIUM, nginx

SIZES = (10, 80, 150, 1000)

bench = load_bench()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def synthetic_sites(tmp_path_factory) -> dict[int, Path]:
    """The sample's pages with N synthetic stakeholders (bench's generator), built for
    the team, who see everyone by name."""
    sites = {}
    for size in SIZES:
        root = tmp_path_factory.mktemp(f"n{size}")
        for name in ("content", "theme", "callers"):
            shutil.copytree(REPO / name, root / name)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        bench.write_stakeholders(root, size)
        sites[size] = built(root, root / "site", env={"PILOTBOOK_AUDIENCE": "team"})
    return sites


@pytest.fixture(scope="module")
def map_url(synthetic_sites, tmp_path_factory) -> Iterator[str]:
    paths = {f"/n{size}/": folder for size, folder in synthetic_sites.items()}
    with nginx(tmp_path_factory.mktemp("nginx"), paths) as base:
        yield base + "/"


# The people's numbers on the map that is shown, and those its shown key names.
NUMBERS = """() => {
  const shown = e => e.getBoundingClientRect().width > 0;
  const svg = [...document.querySelectorAll('svg.pb-map, svg.pb-map-narrow')].find(shown);
  const map = [...svg.querySelectorAll('a.pb-person text.pb-number')].map(t => t.textContent);
  const key = [...document.querySelectorAll('ol.pb-map-key li')].filter(shown)
    .map(li => li.getAttribute('value'));
  return {map: map.map(Number).sort((a, b) => a - b), key: key.map(Number).sort((a, b) => a - b)};
}"""


# Measures the map that is shown: its width, the smallest text and link, and every
# pair of shapes, or shape and letter of a label, that overlap (in CSS pixels).
MEASURE = """() => {
  const svg = [...document.querySelectorAll('svg.pb-map, svg.pb-map-narrow')]
    .find(s => s.getBoundingClientRect().width > 0);
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')].filter(t => t.getBoundingClientRect().width > 0);
  const smallest = Math.min(...texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale));
  const links = [...svg.querySelectorAll('a')].map(a => a.getBoundingClientRect());
  const circles = [...svg.querySelectorAll('.pb-hit')].map(c => {
    const r = c.getBoundingClientRect();
    return {x: r.x + r.width / 2, y: r.y + r.height / 2, r: r.width / 2};
  });
  const overlaps = [];
  for (let i = 0; i < circles.length; i++)
    for (let j = 0; j < i; j++) {
      const a = circles[i], b = circles[j];
      if (Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r - 0.5) overlaps.push(['shapes', i, j]);
    }
  const letters = [];
  for (const t of svg.querySelectorAll('text.pb-discipline, text.pb-discipline-status, '
      + 'text.pb-ring-label, text.pb-pilot-name, .pb-legend text')) {
    const m = t.getScreenCTM();
    for (let k = 0; k < t.getNumberOfChars(); k++) {
      const e = t.getExtentOfChar(k);
      const p = new DOMPoint(e.x + e.width / 2, e.y + e.height / 2).matrixTransform(m);
      letters.push({x: p.x, y: p.y, w: e.width * scale / 2, h: e.height * scale / 2});
    }
  }
  for (const c of circles)
    for (const l of letters) {
      const dx = Math.max(Math.abs(c.x - l.x) - l.w, 0);
      const dy = Math.max(Math.abs(c.y - l.y) - l.h, 0);
      if (Math.hypot(dx, dy) < c.r - 2) overlaps.push(['label', c, l]);
    }
  return {
    width: box.width, right: box.right, smallest,
    tap: Math.min(...links.map(r => Math.min(r.width, r.height))),
    shapes: circles.length, overlaps,
    scroll: document.documentElement.scrollWidth - window.innerWidth,
  };
}"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("size", SIZES)
def test_the_map_is_readable_without_overlaps_at_any_size(browser, map_url, size, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{map_url}n{size}/stakeholders/", wait_until="networkidle")
    measured = page.evaluate(MEASURE)
    numbers = page.evaluate(NUMBERS)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("figure.pb-figure").screenshot(path=str(ARTIFACTS / f"map-{size}-{width}.png"))
    context.close()
    assert measured["overlaps"] == []
    assert measured["shapes"] > 0
    # The key under the map names exactly the numbers the map shows (none where it shows
    # only counts, as a phone's may).
    assert numbers["key"] == numbers["map"]
    assert measured["right"] <= width and measured["scroll"] <= 0
    assert measured["smallest"] >= 12
    assert measured["tap"] >= 24


def test_a_name_shows_in_the_map_on_hover_and_on_focus(browser, map_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{map_url}n10/stakeholders/", wait_until="networkidle")
    node = page.locator("svg.pb-map a.pb-person").first
    name = node.get_attribute("aria-label") or ""
    caption = node.locator(".pb-caption")
    assert not caption.is_visible()
    node.hover()
    assert caption.is_visible()
    assert caption.text_content().startswith("1. " + name.split(":")[0][:20])
    page.mouse.move(0, 0)
    node.focus()
    assert caption.is_visible()
    # The focus is drawn on the shape, not as a box around the link and its caption.
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "none"
    context.close()


def test_the_map_is_one_tab_stop_and_the_arrow_keys_move_inside_it(browser, map_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{map_url}n80/stakeholders/", wait_until="networkidle")
    links = page.locator("svg.pb-map a[href]")
    count = links.count()
    assert count > 20
    names = [links.nth(i).get_attribute("aria-label") for i in (0, 1, count - 1)]
    focused = "document.activeElement.getAttribute('aria-label')"
    page.locator("a.pb-skip").focus()
    page.keyboard.press("Tab")  # into the map: its first shape
    assert page.evaluate(focused) == names[0]
    page.keyboard.press("ArrowRight")
    assert page.evaluate(focused) == names[1]
    page.keyboard.press("End")
    assert page.evaluate(focused) == names[2]
    page.keyboard.press("Tab")  # one more Tab leaves the map
    assert page.evaluate("!!document.activeElement.closest('svg')") is False
    page.keyboard.press("Shift+Tab")  # and back to the shape last visited
    assert page.evaluate(focused) == names[2]
    page.keyboard.press("Home")
    assert page.evaluate(focused) == names[0]
    context.close()


def test_one_key_press_skips_the_map(browser, map_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{map_url}n80/stakeholders/", wait_until="networkidle")
    skip = page.locator("a.pb-skip")
    skip.focus()
    assert skip.is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next stop is after the map: no link inside it.
    inside = page.evaluate("!!document.activeElement.closest('svg')")
    assert inside is False
    assert page.url.endswith("#pb-map-words")
    context.close()
