"""The register in a real browser (Debian's chromium), opened from disk: the offline copy
(PILOTBOOK_OFFLINE=true) of a handbook of a thousand people, read as `file://`. Its
filters, sorting, find box and download work from the table's own rows; without
JavaScript the whole table shows; a phone reads it without sideways scrolling."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, built, load_bench, write
from playwright.sync_api import Browser, Page, sync_playwright
from test_browser import ARTIFACTS, CHROMIUM, Watched

from pilotbook.method.model import LEVELS
from pilotbook.method.wording import Labels
from pilotbook.site.searchfold import fold
from pilotbook.text.escaping import csv_cell

PEOPLE = 1000
t = Labels("nl")
# Every other phase plan in turn, so that each filter and sort has something to do.
PLANS = [None, *((a, b) for a in LEVELS for b in LEVELS[::-1])]
FORMULA = ("=SUM(1;2) Formule", "@rol")
# The rows shown, each as its cells' words (the marks only the eye needs left out).
SHOWN = """() => [...document.querySelectorAll('.pb-register-table tbody tr')]
  .filter(row => getComputedStyle(row).display !== 'none')
  .map(row => [...row.cells].map(cell => {
    let words = cell.textContent;
    for (const mark of cell.querySelectorAll('[aria-hidden]')) {
      words = words.replace(mark.textContent, '');
    }
    return words.trim();
  }))"""
HEADINGS = """() => [...document.querySelectorAll('.pb-register-table thead th')]
  .map(th => th.textContent.trim())"""
NAME, ROLE, PLACE, STATUS, APPROACH, FIRST_PHASE = range(6)
# Whether words stand in the order of the page's language, up or down.
IN_ORDER = """([cells, down]) => {
  const order = new Intl.Collator('nl', {sensitivity: 'base', numeric: true});
  return cells.every((x, i) => !i || (down ? -1 : 1) * order.compare(cells[i - 1], x) <= 0);
}"""


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's pages with a thousand synthetic people (bench's generator), some with
    involvement planned and one whose name is a spreadsheet formula: the team's offline
    copy, which names everyone."""
    root = tmp_path_factory.mktemp("register")
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    load_bench().write_stakeholders(root, PEOPLE - 1)
    files = sorted((root / "stakeholders").rglob("*.yml"))
    for index, path in enumerate(files):
        plan = PLANS[index % len(PLANS)]
        if plan is not None:
            with path.open("a", encoding="utf-8") as file:
                file.write(f"involvement:\n  setup: {plan[0]}\n  execution: {plan[1]}\n")
    write(
        root,
        "stakeholders/it/formule.yml",
        f'name: "{FORMULA[0]}"\nrole: "{FORMULA[1]}"\ndiscipline: it\nanswers: '
        "{impact: ja, expectations: ja, relationship: ja, replaceable: nee, appointed: nee}\n",
    )
    env = {"PILOTBOOK_OFFLINE": "true", "PILOTBOOK_AUDIENCE": "team"}
    return built(root, root / "site-offline", env=env)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        yield browser
        browser.close()


def _open(
    browser: Browser, site: Path, width: int = 1280, *, javascript: bool = True, anchor: str = ""
) -> tuple[Page, Watched]:
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        java_script_enabled=javascript,
        accept_downloads=True,
    )
    page = context.new_page()
    watched = Watched(page, "file://")
    page.goto((site / "stakeholders/register/index.html").as_uri() + anchor)
    return page, watched


@pytest.fixture
def register(browser, offline) -> Iterator[Page]:
    page, watched = _open(browser, offline)
    page.locator("form.pb-register-tools").wait_for()
    yield page
    assert watched.problems == []  # nothing failed, nothing was fetched from elsewhere
    page.context.close()


def _choices(page: Page, key: str) -> list[tuple[str, str, int]]:
    """A filter's choices: value, words and the count it says."""
    texts = page.eval_on_selector_all(
        f'select[data-filter="{key}"] option', "os => os.map(o => [o.value, o.textContent])"
    )
    found = [(value, re.fullmatch(r"(.*) \((\d+)\)", text)) for value, text in texts if value]
    return [(value, match[1], int(match[2])) for value, match in found]


def _count_says(page: Page) -> tuple[int, int]:
    said = page.locator(".pb-register-count").inner_text()
    shown, count = re.fullmatch(r"(\d+) van (\d+) getoond", said).groups()
    return int(shown), int(count)


def _takes_part(cell: str) -> bool:
    return cell not in ("", t.level_none)


def test_each_filter_narrows_the_rows_to_what_it_names(register):
    everyone = register.evaluate(SHOWN)
    assert len(everyone) == PEOPLE and _count_says(register) == (PEOPLE, PEOPLE)
    headings = register.evaluate(HEADINGS)
    checks = {
        "d": lambda row, words: row[PLACE] == words,
        "s": lambda row, words: row[STATUS] == words,
        "q": lambda row, words: row[APPROACH] == words,
        "p": lambda row, words: _takes_part(row[headings.index(words)]),
    }
    for key, check in checks.items():
        choices = _choices(register, key)
        assert len(choices) >= 2, key
        for value, words, said in choices:
            register.select_option(f'select[data-filter="{key}"]', value)
            shown = register.evaluate(SHOWN)
            expected = [row for row in everyone if check(row, words)]
            assert shown == expected and len(shown) == said > 0, (key, value)
            assert _count_says(register) == (said, PEOPLE)
        register.select_option(f'select[data-filter="{key}"]', "")
    # Filters add up: legal's excluded people, who take part in setting the pilot up.
    register.select_option('select[data-filter="d"]', "legal")
    register.select_option('select[data-filter="s"]', "excluded")
    register.select_option('select[data-filter="p"]', "0")
    shown = register.evaluate(SHOWN)
    label = {value: words for value, words, _ in _choices(register, "d")}["legal"]
    expected = [
        row
        for row in everyone
        if row[PLACE] == label and row[STATUS] == t.excluded and _takes_part(row[FIRST_PHASE])
    ]
    assert shown == expected and 0 < len(shown) < 100
    # Nobody left: the page says so.
    register.fill(".pb-register-find input", "nobody-is-called-this")
    assert register.evaluate(SHOWN) == []
    assert register.locator(".pb-register-nobody").is_visible()


def test_the_find_box_folds_accents_both_ways(register):
    everyone = register.evaluate(SHOWN)

    def found(query: str) -> list[list[str]]:
        register.fill(".pb-register-find input", query)
        return register.evaluate(SHOWN)

    for plain, accented in (("jose", "José"), ("zolc", "Żółć"), ("ostergaard", "Østergaard")):
        expected = [row for row in everyone if plain in fold(" ".join(row)).casefold()]
        assert len(expected) >= 10, plain
        assert any(accented in row[NAME] for row in expected)
        assert found(plain) == expected  # without accents, the names with them
        assert found(accented.upper()) == expected  # and typed with them, in capitals
    # Words are found wherever they stand in a row, in any order.
    two = found("medewerker jose")
    assert two and all("José" in row[NAME] and "Medewerker" in row[ROLE] for row in two)


def test_each_column_sorts_both_ways(register):
    headings = register.evaluate(HEADINGS)
    statuses = [words for _, words, _ in _choices(register, "s")]
    levels = [t["level_" + level] for level in LEVELS]
    rank = {
        headings[STATUS]: lambda cell: statuses.index(cell),
        headings[FIRST_PHASE]: lambda cell: levels.index(cell) if cell else 0,
    }
    for heading in (headings[STATUS], headings[FIRST_PHASE], headings[NAME], headings[ROLE]):
        column = headings.index(heading)
        header = register.locator(".pb-register-table thead th").nth(column)
        for direction in ("ascending", "descending"):
            if header.get_attribute("aria-sort") == direction:
                continue  # already so (the names, at first)
            header.get_by_role("button").click()
            assert header.get_attribute("aria-sort") == direction
            cells = [row[column] for row in register.evaluate(SHOWN)]
            assert len(cells) == PEOPLE
            if heading in rank:
                keys = [rank[heading](cell) for cell in cells]
                assert keys == sorted(keys, reverse=direction == "descending"), heading
                assert len(set(keys)) > 1
            else:  # words, in the order of the page's language
                ordered = register.evaluate(IN_ORDER, [cells, direction == "descending"])
                assert ordered, (heading, direction)
    # The status column sorts the chosen first.
    register.locator(".pb-register-table thead th").nth(STATUS).get_by_role("button").click()
    assert register.evaluate(SHOWN)[0][STATUS] == t.selected


def test_the_download_holds_what_is_shown(register, tmp_path):
    register.select_option('select[data-filter="d"]', "it")
    register.fill(".pb-register-find input", "e")  # a find and a filter at once
    register.locator(".pb-register-table thead th").nth(STATUS).get_by_role("button").click()
    shown = register.evaluate(SHOWN)
    assert 0 < len(shown) < PEOPLE
    with register.expect_download() as download:
        register.locator(".pb-register-download").click()
    assert download.value.suggested_filename == "register.csv"
    data = Path(download.value.path()).read_bytes()
    assert data.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    headings = register.evaluate(HEADINGS)
    assert rows == [[csv_cell(h) for h in headings]] + [[csv_cell(c) for c in r] for r in shown]
    # A name that a spreadsheet would run is text in the file.
    assert ["'" + FORMULA[0], "'" + FORMULA[1]] in [row[:2] for row in rows]


def test_an_address_chooses_a_filter_and_the_involvement_page_links_it(browser, offline):
    page, watched = _open(browser, offline)
    page.goto((offline / "stakeholders/involvement.html").as_uri())
    section = page.locator("h2", has_text="Juridisch en compliance")
    first = section.locator("xpath=following-sibling::p[1]")
    said = int(re.search(r"De eerste 10 van (\d+)", first.inner_text())[1])
    first.get_by_role("link", name="Register").click()
    page.wait_for_url("**/register/index.html#pb-r-d-legal")
    assert page.locator('select[data-filter="d"]').input_value() == "legal"
    shown = page.evaluate(SHOWN)
    assert len(shown) == said and {row[PLACE] for row in shown} == {"Juridisch en compliance"}
    page.goto((offline / "stakeholders/register/index.html").as_uri() + "#pb-r-q-monitor")
    assert {row[APPROACH] for row in page.evaluate(SHOWN)} == {t.monitor}
    assert watched.problems == []
    page.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_without_javascript_the_whole_table_shows(browser, offline, width):
    page, _ = _open(browser, offline, width, javascript=False)
    assert len(page.evaluate(SHOWN)) == PEOPLE
    assert not page.locator("form.pb-register-tools").is_visible()  # tools that need it
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    page.context.close()


# What a reader's eye and finger meet in the register: the page's sideways overflow,
# the smallest text in the tools and table, the smallest control or link in sight, and
# the rows wider than the screen.
MEASURE = """() => {
  const inView = e => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.bottom > 0 && box.top < innerHeight;
  };
  const register = document.querySelector('.pb-register');
  const words = 'label span, select, input, button, th, td';
  const texts = [...register.querySelectorAll(words)].filter(inView);
  const targets = [...register.querySelectorAll('select, input, button, td a')].filter(inView);
  const rows = [...register.querySelectorAll('tbody tr')].filter(inView);
  return {
    scroll: document.documentElement.scrollWidth - innerWidth,
    text: Math.min(...texts.map(e => parseFloat(getComputedStyle(e).fontSize))),
    tap: Math.min(...targets.map(e => e.getBoundingClientRect().height)),
    wide: rows.filter(r => r.getBoundingClientRect().right > innerWidth).length,
    rows: rows.length,
  };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_register_reads_at_any_width_in_either_palette(browser, offline, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto((offline / "stakeholders/register/index.html").as_uri())
    page.locator("form.pb-register-tools").wait_for()
    page.locator(".pb-register-table").scroll_into_view_if_needed()
    measured = page.evaluate(MEASURE)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"register-{PEOPLE}-{width}-{scheme}.png"))
    assert measured["rows"] >= 3
    assert measured["scroll"] <= 0 and measured["wide"] == 0  # a phone's rows are cards
    assert measured["text"] >= 14
    assert measured["tap"] >= 24
    context.close()


def test_the_header_stays_in_view_while_the_table_scrolls(register):
    frame = register.locator(".pb-register-frame")
    frame.evaluate("f => { f.scrollTop = 5000; }")
    register.wait_for_timeout(100)
    header = register.locator(".pb-register-table thead").bounding_box()
    box = frame.bounding_box()
    assert abs(header["y"] - box["y"]) <= 2
    assert frame.evaluate("f => f.scrollTop") > 1000  # it did scroll, inside its frame
