"""The map in a real browser (nginx + chromium) at several sizes of handbook: measured,
not assumed. No shape covers another or a label, the map fits a phone's width, its
text is at least 12 px (14 on a phone) and its links at least 24 px, and the name
shows on hover. On the sample and on 1,000 people, for both audiences, at 1280 and
390 px, light and dark: a phone names each discipline's chosen and shortlisted, a
number names the same person at every width, the legend lists exactly the shapes
drawn, a count never looks like a person's number, no status is cut short, the key is
grouped by discipline and outcome, and the map is drawn in the page's palette."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, built, load_bench
from playwright.sync_api import Browser, Page, sync_playwright
from test_browser import ARTIFACTS, CHROMIUM, nginx

from pilotbook.audience.view import View, publish
from pilotbook.method.model import DEFAULT_METHOD
from pilotbook.method.wording import Labels
from pilotbook.records.loading import load_kind
from pilotbook.records.stakeholders import STAKEHOLDERS
from pilotbook.screening.shortlist import screen

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
def synthetic_roots(tmp_path_factory) -> dict[int, Path]:
    """The sample's pages with N synthetic stakeholders (bench's generator)."""
    roots = {}
    for size in SIZES:
        root = tmp_path_factory.mktemp(f"n{size}")
        for name in ("content", "theme", "callers"):
            shutil.copytree(REPO / name, root / name)
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        bench.write_stakeholders(root, size)
        roots[size] = root
    return roots


@pytest.fixture(scope="module")
def synthetic_sites(synthetic_roots) -> dict[int, Path]:
    """Each synthetic handbook built for the team, who see everyone by name."""
    return {
        size: built(root, root / "site", env={"PILOTBOOK_AUDIENCE": "team"})
        for size, root in synthetic_roots.items()
    }


# The handbooks the issue measures, by sub-path: the sample and 1,000 people, each for
# the team and for the intranet; and the stakeholders folder each was built from.
HANDBOOKS = ("sample-team", "sample-intranet", "n1000-team", "n1000-intranet")


@pytest.fixture(scope="module")
def handbooks(synthetic_roots, synthetic_sites, sample_site, intranet_site) -> dict[str, Path]:
    root = synthetic_roots[1000]
    intranet = built(root, root / "site-intranet", env={"PILOTBOOK_AUDIENCE": "intranet"})
    return {
        "sample-team": sample_site,
        "sample-intranet": intranet_site,
        "n1000-team": synthetic_sites[1000],
        "n1000-intranet": intranet,
    }


@pytest.fixture(scope="module")
def views(synthetic_roots) -> dict[str, View]:
    """What each handbook's audience may see, read from its files as the build does."""
    folders = {"sample": REPO / "stakeholders", "n1000": synthetic_roots[1000] / "stakeholders"}
    found = {}
    for name in HANDBOOKS:
        folder, audience = name.split("-")
        loaded = load_kind(STAKEHOLDERS, folders[folder], DEFAULT_METHOD)
        found[name] = publish(screen(loaded.stakeholders, DEFAULT_METHOD), audience)
    return found


@pytest.fixture(scope="module")
def map_url(synthetic_sites, handbooks, tmp_path_factory) -> Iterator[str]:
    paths = {f"/n{size}/": folder for size, folder in synthetic_sites.items()}
    paths |= {f"/{name}/": folder for name, folder in handbooks.items()}
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
      + 'text.pb-ring-label, text.pb-pilot-name')) {
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
    assert measured["smallest"] >= (14 if width < 720 else 12)
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


# What the map shown at this width says: each number and the name it stands for, the
# shapes drawn and those the legend lists, the counts' and numbers' texts, the status
# words, and, for every text, its size and its contrast with what lies under it.
READ = """() => {
  const shown = e => e.getBoundingClientRect().width > 0;
  const svg = [...document.querySelectorAll('svg.pb-map, svg.pb-map-narrow')].find(shown);
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const numbers = {};
  for (const a of svg.querySelectorAll('a.pb-person'))
    numbers[a.querySelector('text.pb-number').textContent] =
      a.getAttribute('aria-label').split(':')[0];
  const shapes = [...new Set([...svg.querySelectorAll('[data-shape]')].map(e => e.dataset.shape))];
  const legend = [...document.querySelectorAll('.pb-map-legend li')].filter(shown)
    .map(li => li.dataset.shape);
  const counts = [...svg.querySelectorAll('.pb-count')].map(c => ({
    text: c.querySelector('text.pb-count-number').textContent,
    stacked: c.querySelectorAll('circle.pb-stack').length,
  }));
  const marks = [...svg.querySelectorAll('a.pb-person text.pb-number')].map(t => t.textContent);
  const statuses = [...svg.querySelectorAll('text.pb-discipline-status')].map(t => t.textContent);
  const rgb = c => (c.match(/[0-9.]+/g) || []).slice(0, 3).map(Number);
  const lum = c => {
    const [r, g, b] = rgb(c).map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const texts = [];
  for (const t of svg.querySelectorAll('text')) {
    if (!t.getBoundingClientRect().width || getComputedStyle(t).display === 'none') continue;
    t.scrollIntoView({block: 'center'});  // what lies under it is found only in view
    const box = t.getBoundingClientRect();
    const x = box.x + box.width / 2, y = box.y + box.height / 2;
    const under = document.elementsFromPoint(x, y).find(e => svg.contains(e) && e !== svg
      && !['text', 'textPath', 'tspan', 'a'].includes(e.tagName)
      && !e.classList.contains('pb-hit') && getComputedStyle(e).fill !== 'none');
    const ground = under ? getComputedStyle(under).fill : getComputedStyle(svg).backgroundColor;
    texts.push({text: t.textContent, ratio: contrast(getComputedStyle(t).fill, ground),
      px: parseFloat(getComputedStyle(t).fontSize) * scale});
  }
  const key = [...document.querySelectorAll('.pb-keys a, .pb-keys p, .pb-keys li')].filter(shown);
  const probe = document.createElement('div');
  probe.style.background = 'var(--md-default-bg-color)';
  document.body.appendChild(probe);
  const page = getComputedStyle(probe).backgroundColor;
  probe.remove();
  return {
    numbers, shapes, legend, counts, marks, statuses, texts,
    keyText: Math.min(...key.map(e => parseFloat(getComputedStyle(e).fontSize))),
    keyTap: Math.min(...[...document.querySelectorAll('.pb-keys a')].filter(shown)
      .map(a => a.getBoundingClientRect().height)),
    ground: getComputedStyle(svg).backgroundColor, page,
    scroll: document.documentElement.scrollWidth - window.innerWidth,
  };
}"""


def read_map(page: Page, url: str) -> dict:
    page.goto(url, wait_until="networkidle")
    return page.evaluate(READ)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", HANDBOOKS)
def test_the_map_reads_at_a_glance(browser, map_url, name, width, scheme):
    """The legend lists exactly the shapes drawn; a count reads "times 12" on a stack,
    a person's number is a bare number; no status is cut short; text is 14 px or more
    on a phone and every text of the drawing stands out from what lies under it; the
    drawing's ground is the page's own, light or dark."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    read = read_map(page, f"{map_url}{name}/stakeholders/")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("figure.pb-figure").screenshot(
        path=str(ARTIFACTS / f"map-{name}-{width}-{scheme}.png")
    )
    context.close()
    assert sorted(read["legend"]) == sorted(read["shapes"]) and read["shapes"]
    for count in read["counts"]:
        assert count["text"].startswith("\u00d7") and count["text"][1:].isdigit()
        assert count["stacked"] == 1
    assert all(mark.isdigit() for mark in read["marks"])
    t = Labels("nl")
    assert read["statuses"]
    for status in read["statuses"]:
        assert "…" not in status
        assert status.removeprefix("⚠ ") in {
            t[s] for s in ("uncovered", "covered", "interview", "decided")
        }
    small = 14 if width < 720 else 12
    assert [text for text in read["texts"] if text["px"] < small] == []
    assert [text for text in read["texts"] if text["ratio"] < 4.5] == []
    assert read["keyText"] >= 14 and read["keyTap"] >= 24
    assert read["scroll"] <= 0
    # Drawn in the page's palette: on the dark page, a dark ground, not a white card.
    assert read["ground"] == read["page"]
    assert (read["ground"] == "rgb(255, 255, 255)") is (scheme == "light")


@pytest.mark.parametrize("name", HANDBOOKS)
def test_a_phone_shows_who_is_on_each_shortlist_and_who_was_chosen(browser, map_url, views, name):
    """On a phone the map was one total per discipline. Now each discipline's chosen are
    drawn, under the same numbers as on a laptop, and every one of its shortlisted is
    named: drawn with a number the key explains, or named in the key under their
    discipline."""
    view = views[name]
    numbers = {}
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        numbers[width] = read_map(page, f"{map_url}{name}/stakeholders/")["numbers"]
        if width == 390:
            groups = page.evaluate(KEY_GROUPS)
        context.close()
    assert numbers[390] == numbers[1280]  # a number names the same person at every width
    drawn = set(numbers[390].values())
    for outcome in view.disciplines:
        group = groups[outcome.discipline.label("nl")]
        for o in outcome.shortlist:
            assert o.stakeholder.name in group["names"], o.stakeholder.name
            if o.selected:
                assert o.stakeholder.name in drawn
        for number, person in group["numbered"]:
            assert numbers[390][number] == person
    names = {p.name for p in view.stakeholders}
    assert drawn <= names  # the intranet's map names only whom its view holds
    everyone = {n for group in groups.values() for n in group["names"]}
    assert everyone <= names


# The key as shown: per group's heading, the names it shows and the numbers it gives.
KEY_GROUPS = """() => {
  const shown = e => e.getBoundingClientRect().width > 0;
  const groups = {};
  for (const section of [...document.querySelectorAll('.pb-key-group')].filter(shown)) {
    const title = section.querySelector('.pb-key-head strong').textContent;
    const links = [...section.querySelectorAll('li')].filter(shown);
    groups[title] = {
      names: links.map(li => li.textContent),
      numbered: links.filter(li => li.getAttribute('value'))
        .map(li => [li.getAttribute('value'), li.textContent]),
    };
  }
  return groups;
}"""


@pytest.mark.parametrize("name", ["n150", "n1000", "n1000-intranet"])
def test_from_about_a_hundred_people_the_key_is_grouped_by_discipline_and_outcome(
    browser, map_url, name
):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{map_url}{name}/stakeholders/", wait_until="networkidle")
    groups = page.evaluate(KEY_GROUPS)
    outcomes = page.eval_on_selector_all(
        ".pb-key-group", "els => els.map(g => g.querySelectorAll('.pb-key-status').length)"
    )
    context.close()
    labels = [d.label("nl") for d in DEFAULT_METHOD.disciplines]
    assert list(groups)[: len(labels)] == labels
    assert set(list(groups)[len(labels) :]) <= {"Extern, direct", "Extern, indirect"}
    assert all(outcomes[: len(labels)])  # each discipline's outcomes under their own line
    numbers = [int(n) for g in groups.values() for n, _ in g["numbered"]]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) <= 99
