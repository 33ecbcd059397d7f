"""The register in a real browser (Debian's chromium), opened from disk: the offline
copies (PILOTBOOK_OFFLINE=true) of a handbook of a thousand people, for the team and for
the intranet, read as `file://`. The table names whom the audience's view names; its
filters, sorting, find box and download work from the table's own rows; without
JavaScript the whole table shows; a phone reads it without sideways scrolling."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

import pytest
import test_browser
from conftest import REPO, built, load_bench, write
from playwright.sync_api import Browser, Page
from test_browser import ARTIFACTS, Watched

from pilotbook.audience.view import View, publish
from pilotbook.config.handbook import Handbook
from pilotbook.config.screened import screening_or_raise
from pilotbook.method.model import LEVELS
from pilotbook.method.wording import Labels
from pilotbook.site.searchfold import fold
from pilotbook.text.escaping import csv_cell

# Chromium as the other browser tests launch it (a fixture of this module too).
browser = test_browser.browser
PEOPLE = 1000
AUDIENCES = ("team", "intranet")
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
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's pages with a thousand synthetic people (bench's generator), some with
    involvement planned and one whose name is a spreadsheet formula."""
    root = tmp_path_factory.mktemp("register")
    for name in ("content", "theme", "callers"):
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
    return root


@pytest.fixture(scope="module")
def copies(handbook: Path) -> dict[str, Path]:
    """The handbook's offline copy for each audience: the team's names everyone, the
    intranet's only whom its view holds."""
    return {
        audience: built(
            handbook,
            handbook / f"site-{audience}",
            env={"PILOTBOOK_OFFLINE": "true", "PILOTBOOK_AUDIENCE": audience},
        )
        for audience in AUDIENCES
    }


@pytest.fixture(scope="module", params=AUDIENCES)
def audience(request: pytest.FixtureRequest) -> str:
    """Each audience in turn, for what must work in both."""
    return request.param


@pytest.fixture(scope="module")
def offline(audience: str, copies: dict[str, Path]) -> Path:
    return copies[audience]


@pytest.fixture(scope="module")
def view(audience: str, handbook: Path) -> View:
    """Whom and what the audience may see: pilotbook's own view of the handbook."""
    stakeholders = Handbook(handbook / "stakeholders", base_dir=handbook, audience=audience)
    return publish(screening_or_raise(stakeholders).screening, audience)


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


def _ready(browser: Browser, site: Path) -> Iterator[Page]:
    page, watched = _open(browser, site)
    page.locator("form.pb-register-tools").wait_for()
    yield page
    assert watched.problems == []  # nothing failed, nothing was fetched from elsewhere
    page.context.close()


@pytest.fixture
def register(browser, offline) -> Iterator[Page]:
    """The register with its tools, for each audience."""
    yield from _ready(browser, offline)


@pytest.fixture
def team_register(browser, copies) -> Iterator[Page]:
    """The team's register, which names all thousand people."""
    yield from _ready(browser, copies["team"])


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


def test_the_table_names_whom_the_audiences_view_names(register, view, audience):
    shown = register.evaluate(SHOWN)
    assert Counter(row[NAME] for row in shown) == Counter(p.name for p in view.stakeholders)
    links = register.eval_on_selector_all(
        ".pb-register-table tbody td:first-child a", "links => links.map(a => a.href)"
    )
    assert len(set(links)) == len(links) == len(shown)
    assert all(Path(url2pathname(urlparse(link).path)).is_file() for link in links)
    if audience == "intranet":  # some are left out, by name and by page
        assert 100 < len(shown) < PEOPLE / 2
    else:
        assert len(shown) == PEOPLE


def test_each_filter_narrows_the_rows_to_what_it_names(register, view):
    everyone = register.evaluate(SHOWN)
    people = len(view.stakeholders)
    assert len(everyone) == people and _count_says(register) == (people, people)
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
            assert _count_says(register) == (said, people)
        register.select_option(f'select[data-filter="{key}"]', "")
    # Filters add up: legal's people who take part in setting the pilot up, of the
    # status the first of them has.
    label = {value: words for value, words, _ in _choices(register, "d")}["legal"]
    legal = [row for row in everyone if row[PLACE] == label and _takes_part(row[FIRST_PHASE])]
    status = {words: value for value, words, _ in _choices(register, "s")}[legal[0][STATUS]]
    register.select_option('select[data-filter="d"]', "legal")
    register.select_option('select[data-filter="s"]', status)
    register.select_option('select[data-filter="p"]', "0")
    shown = register.evaluate(SHOWN)
    expected = [row for row in legal if row[STATUS] == legal[0][STATUS]]
    assert shown == expected and 0 < len(shown) < len(everyone) / 10
    # Nobody left: the page says so.
    register.fill(".pb-register-find input", "nobody-is-called-this")
    assert register.evaluate(SHOWN) == []
    assert register.locator(".pb-register-nobody").is_visible()


def test_the_find_box_folds_accents_both_ways(team_register):
    register = team_register
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


def test_each_column_sorts_both_ways(team_register):
    register = team_register
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


def test_the_download_holds_what_is_shown(team_register):
    register = team_register
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
    involvement = (offline / "stakeholders/involvement.html").as_uri()
    page.goto(involvement)
    firsts = page.locator("p", has_text=re.compile(r"^De eerste 10 van \d+"))
    assert firsts.count() >= 2
    for index in range(firsts.count()):
        page.goto(involvement)
        first = firsts.nth(index)
        heading = first.locator("xpath=preceding-sibling::h2[1]")
        place = heading.evaluate("h => h.firstChild.textContent.trim()")
        said = int(re.search(r"De eerste 10 van (\d+)", first.inner_text())[1])
        first.get_by_role("link", name="Register").click()
        page.wait_for_url(re.compile(r"/register/index\.html#pb-r-d-"))
        chosen = unquote(page.url.rsplit("#pb-r-d-", 1)[1])
        assert page.locator('select[data-filter="d"]').input_value() == chosen
        shown = page.evaluate(SHOWN)
        assert len(shown) == said and {row[PLACE] for row in shown} == {place}
    # An anchor chosen on the page itself changes the filter: each approach in turn.
    register = page.url.split("#")[0]
    for value, words, said in _choices(page, "q"):
        page.goto(f"{register}#pb-r-q-{value}")
        assert page.locator('select[data-filter="d"]').input_value() == ""
        assert page.locator('select[data-filter="q"]').input_value() == value
        shown = page.evaluate(SHOWN)
        assert len(shown) == said and {row[APPROACH] for row in shown} == {words}
    assert watched.problems == []
    page.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_without_javascript_the_whole_table_shows(browser, offline, view, width):
    page, _ = _open(browser, offline, width, javascript=False)
    assert len(page.evaluate(SHOWN)) == len(view.stakeholders)
    assert not page.locator("form.pb-register-tools").is_visible()  # tools that need it
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    page.context.close()


# What a reader's eye and finger meet in the register: the page's sideways overflow,
# the smallest text in the tools and table and the smallest status or level mark, the
# smallest control or link in sight, the rows wider than the screen, and the names in
# sight with a word broken over two lines.
MEASURE = """() => {
  const inView = e => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.bottom > 0 && box.top < innerHeight;
  };
  const register = document.querySelector('.pb-register');
  const size = e => parseFloat(getComputedStyle(e).fontSize);
  const words = 'label span, select, input, button, th, td';
  const texts = [...register.querySelectorAll(words)].filter(inView);
  const marks = [...register.querySelectorAll('.pb-badge, .pb-level')].filter(inView);
  const targets = [...register.querySelectorAll('select, input, button, td a')].filter(inView);
  const rows = [...register.querySelectorAll('tbody tr')].filter(inView);
  // A name's word over two lines: a range around each word spans two line boxes.
  const split = name => {
    const text = name.firstChild;
    let start = 0;
    return text.data.split(' ').some(word => {
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + word.length);
      start += word.length + 1;
      return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
    });
  };
  const names = [...register.querySelectorAll('tbody td:first-child a')].filter(inView);
  return {
    scroll: document.documentElement.scrollWidth - innerWidth,
    text: Math.min(...texts.map(size)),
    marks: Math.min(...marks.map(size)),
    tap: Math.min(...targets.map(e => e.getBoundingClientRect().height)),
    wide: rows.filter(r => r.getBoundingClientRect().right > innerWidth).length,
    rows: rows.length,
    split: names.filter(split).map(name => name.textContent),
  };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("handbook_size", ["sample", PEOPLE])
def test_the_register_reads_at_any_width_in_either_palette(
    request, browser, offline, audience, handbook_size, width, scheme
):
    """At 1,000 people from the offline copy; the sample as its audience's site."""
    if handbook_size == "sample":
        offline = request.getfixturevalue(f"{'sample' if audience == 'team' else audience}_site")
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto((offline / "stakeholders/register/index.html").as_uri())
    page.locator("form.pb-register-tools").wait_for()
    page.locator(".pb-register-table").scroll_into_view_if_needed()
    measured = page.evaluate(MEASURE)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = f"register-{handbook_size}-{audience}-{width}-{scheme}.png"
    page.screenshot(path=str(ARTIFACTS / shot))
    assert measured["rows"] >= 3
    assert measured["scroll"] <= 0 and measured["wide"] == 0  # a phone's rows are cards
    assert measured["text"] >= 14
    # A status or level is the size of the words around it on a phone, a shade smaller
    # in a wide table's column.
    assert measured["marks"] >= (14 if width < 720 else 11)
    assert measured["tap"] >= 24
    assert measured["split"] == []  # a name's words stay whole
    context.close()


def test_the_header_stays_in_view_while_the_table_scrolls(register):
    frame = register.locator(".pb-register-frame")
    frame.evaluate("f => { f.scrollTop = 5000; }")
    register.wait_for_timeout(100)
    header = register.locator(".pb-register-table thead").bounding_box()
    box = frame.bounding_box()
    assert abs(header["y"] - box["y"]) <= 2
    assert frame.evaluate("f => f.scrollTop") > 1000  # it did scroll, inside its frame
