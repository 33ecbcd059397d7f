"""The intranet build in a real browser, served by a real web server under a sub-path.

nginx (Debian's) serves the built site at /handbooks/video/ on a loopback port, and
Debian's chromium, driven by Playwright, reads it as a colleague would: every page,
the map, search, accessibility (axe-core), a phone-width screen. Screenshots are
kept in build/test-artifacts/ (or $PILOTBOOK_ARTIFACTS).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import REPO, built, run, three_pilots, write
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("PILOTBOOK_ARTIFACTS", REPO / "build" / "test-artifacts"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


NGINX_CONF = """
daemon off;
user root;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log {root}/access.log;
  client_body_temp_path {root}/body;
  proxy_temp_path {root}/proxy;
  fastcgi_temp_path {root}/fastcgi;
  uwsgi_temp_path {root}/uwsgi;
  scgi_temp_path {root}/scgi;
  server {{
    listen 127.0.0.1:{port};
{locations}
  }}
}}
"""
# As the README sets a site up: its own page for an address it does not have.
LOCATION = """
    location {sub_path} {{
      alias {site}/;
      index index.html;
      error_page 404 {sub_path}404.html;
    }}"""


@pytest.fixture(scope="module")
def site(intranet_site) -> Path:
    return intranet_site


@pytest.fixture(scope="module")
def sites(site, new_handbooks) -> dict[str, Path]:
    """Every handbook the browser reads, by its sub-path below /handbooks/: the sample,
    and an English and a Dutch handbook that new teams started from the wheel."""
    return {
        "video": site,
        "new-en": new_handbooks["en"] / "site",
        "new-nl": new_handbooks["nl"] / "site",
    }


@contextlib.contextmanager
def nginx(root: Path, sites: dict[str, Path]) -> Iterator[str]:
    """A real nginx on a free loopback port serving each site at its sub-path (such as
    '/handbooks/video/'); yields http://127.0.0.1:PORT."""
    port = _free_port()
    conf = root / "nginx.conf"
    locations = "".join(
        LOCATION.format(sub_path=sub_path, site=folder) for sub_path, folder in sites.items()
    )
    conf.write_text(NGINX_CONF.format(root=root, port=port, locations=locations))
    server = subprocess.Popen(
        [shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(conf), "-p", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        assert server.poll() is None, server.stderr.read().decode()
        time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def server_url(sites, tmp_path_factory) -> Iterator[str]:
    """A real nginx serving every site: http://127.0.0.1:PORT/handbooks/NAME/."""
    paths = {f"/handbooks/{name}/": folder for name, folder in sites.items()}
    with nginx(tmp_path_factory.mktemp("nginx"), paths) as base:
        yield base + "/handbooks/"


@pytest.fixture(scope="module")
def origin_url(server_url) -> str:
    """The sample handbook's address: http://127.0.0.1:PORT/handbooks/video/."""
    return server_url + "video/"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class Watched:
    """A browser page that records what a reader should never meet."""

    def __init__(self, page: Page, origin: str) -> None:
        self.page = page
        self.problems: list[str] = []
        page.on("request", lambda r: self._request(r.url, origin))
        page.on("requestfailed", self._failed)
        page.on(
            "response", lambda r: r.status >= 400 and self.problems.append(f"{r.status}: {r.url}")
        )
        page.on(
            "console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}")
        )
        page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))

    def _failed(self, request: object) -> None:
        # A request cut short by leaving the page is not a broken resource.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.problems.append(f"failed: {request.url} ({request.failure})")

    def _request(self, url: str, origin: str) -> None:
        if not (url.startswith(origin) or url.startswith(("data:", "blob:", "about:"))):
            self.problems.append(f"request outside the site: {url}")


@pytest.fixture
def watched(browser, origin_url) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    origin = "{0.scheme}://{0.netloc}/".format(urlparse(origin_url))
    page = Watched(context.new_page(), origin)
    yield page
    context.close()


# Every link's address, including SVG links (the map's and the grid's), whose `href`
# is not a string. `*|href` finds the grid's too, which are `xlink:href` (see site.grid).
LINKS = "a[*|href]"
HREFS = """els => els.map(e => typeof e.href === "string"
    ? e.href : new URL(e.href.baseVal, document.baseURI).href)"""
# Each handbook with the fewest pages a walk of it must reach.
WALKED = {"video": 15, "new-en": 9, "new-nl": 9}


@pytest.mark.parametrize("handbook", list(WALKED))
def test_every_page_loads_cleanly_and_every_link_and_anchor_resolves(watched, server_url, handbook):
    page = watched.page
    origin_url = server_url + handbook + "/"
    queue, seen, anchors, ids = [origin_url], set(), [], {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        page.goto(url, wait_until="networkidle")
        ids[url] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        for href in page.eval_on_selector_all(LINKS, HREFS):
            target, fragment = urldefrag(urljoin(url, href))
            if not target.startswith(origin_url):
                continue  # plain outbound links in text are fine; loads were watched above
            if fragment:
                anchors.append((url, target, fragment))
            queue.append(target)
    assert len(seen) >= WALKED[handbook]
    assert watched.problems == []
    missing = [
        (source, target, fragment)
        for source, target, fragment in anchors
        if fragment not in ids.get(target, set())
    ]
    assert missing == []


def test_the_map_leads_to_a_person_and_back(watched, origin_url):
    page = watched.page
    page.goto(origin_url + "stakeholders/")
    page.locator('svg.pb-map a[aria-label^="Marieke Smits"]').click()
    page.wait_for_url("**/stakeholders/people/legal/marieke-smits/")
    assert page.locator("h1").inner_text().strip(" ¶\n") == "Marieke Smits"
    page.go_back()
    page.wait_for_url(origin_url + "stakeholders/")
    assert page.locator("svg.pb-map").is_visible()
    assert watched.problems == []


def test_the_grid_leads_by_keyboard_to_a_person_and_back(watched, origin_url):
    page = watched.page
    grid = origin_url + "stakeholders/grid/"
    page.goto(grid, wait_until="networkidle")
    target = page.locator('svg.pb-grid a[aria-label="Peter Visser"]')
    assert target.count() == 1
    for _ in range(200):  # Tab through the page until the grid's link has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "Peter Visser":
            break
    else:
        raise AssertionError("Tab never reached Peter Visser in the grid")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stakeholders/people/sales/peter-visser/")
    assert page.locator("h1").inner_text().strip(" ¶\n") == "Peter Visser"
    page.go_back()
    page.wait_for_url(grid)
    assert page.locator("svg.pb-grid").is_visible()
    assert watched.problems == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Marieke", "Marieke Smits"), ("Facilitair", "Facilitair")],
)
def test_search_finds_names_and_disciplines(watched, origin_url, query, expected):
    page = watched.page
    page.goto(origin_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert expected in page.locator(".md-search-result").inner_text()
    assert watched.problems == []


def test_search_does_not_find_excluded_colleagues(watched, origin_url):
    page = watched.page
    page.goto(origin_url)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("Anouk", delay=30)
    page.locator(".md-search-result__meta").wait_for(timeout=15000)
    page.wait_for_timeout(500)
    assert page.locator(".md-search-result__item").count() == 0


PAGE_TYPES = {
    "home": "",
    "content": "extern-en-intern/",
    "map": "stakeholders/",
    "shortlist": "stakeholders/shortlist/",
    "external": "stakeholders/external/",
    "questions": "stakeholders/questions/",
    "person": "stakeholders/people/legal/marieke-smits/",
    "grid": "stakeholders/grid/",
    "involvement": "stakeholders/involvement/",
    "register": "stakeholders/register/",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_no_serious_accessibility_violation(watched, origin_url, kind, scheme):
    page = watched.page
    page.emulate_media(color_scheme=scheme)  # Material follows it to its default or slate
    page.goto(origin_url + PAGE_TYPES[kind], wait_until="networkidle")
    expected = "slate" if scheme == "dark" else "default"
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    assert serious_violations(page) == []


def serious_violations(page: Page) -> list[str]:
    """What axe-core finds serious or critical on `page`, where (its first three places)."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


# How far each table's frame scrolls sideways, and whether the words above it say so.
TABLE_FRAMES = """els => els.map(frame => {
    const before = frame.previousElementSibling;
    const said = !!before && before.classList.contains("pb-scroll-hint")
        && before.getBoundingClientRect().height > 0;
    return [frame.scrollWidth - frame.clientWidth, said];
})"""


def test_every_page_type_fits_a_phone_without_sideways_scrolling(browser, origin_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    hinted = 0
    for kind, path in PAGE_TYPES.items():
        page.goto(origin_url + path, wait_until="networkidle")
        page.wait_for_timeout(100)  # the script marks wide tables once the page is laid out
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        frames = page.eval_on_selector_all(".md-typeset__scrollwrap", TABLE_FRAMES)
        assert frames or kind not in ("person", "involvement"), kind  # Material's frames
        # A table wider than the phone scrolls in its frame only where it says so.
        assert all(extra <= 1 or said for extra, said in frames), (kind, frames)
        hinted += sum(said for _, said in frames)
        if kind == "person":  # a person's answers and verdicts fit without scrolling
            assert all(extra <= 1 for extra, _ in frames), frames
    assert hinted, "no table needed the words: the check above proves nothing"
    # Where a table fits (a wide window), nothing is said.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(origin_url + PAGE_TYPES["involvement"], wait_until="networkidle")
    page.wait_for_timeout(100)
    assert page.locator(".pb-scroll-hint").count() == 0
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_home_map_and_shortlist(browser, origin_url, width):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for name, path in (
        ("home", ""),
        ("map", "stakeholders/"),
        ("shortlist", "stakeholders/shortlist/"),
    ):
        page.goto(origin_url + path, wait_until="networkidle")
        target = ARTIFACTS / f"{name}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
        # Nothing is wider than the screen: no sideways scrolling on a phone.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (name, width, overflow)
    context.close()


@pytest.fixture(scope="module")
def pilots_url(tmp_path_factory) -> Iterator[str]:
    """The intranet site of a handbook with three pilots (`conftest.three_pilots`),
    served by nginx: http://127.0.0.1:PORT/handbooks/pilots/."""
    root = tmp_path_factory.mktemp("pilots")
    handbook = three_pilots(root / "handbook")
    # As every handbook `init` starts: no fonts from Google.
    config = handbook / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  name: material\n", "  name: material\n  font: false\n")
    )
    site = built(handbook, root / "site", {"PILOTBOOK_AUDIENCE": "intranet"})
    with nginx(tmp_path_factory.mktemp("nginx"), {"/handbooks/pilots/": site}) as base:
        yield base + "/handbooks/pilots/"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_portfolio_and_a_pilots_board_fit_the_screen(browser, pilots_url, width):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    watched = Watched(context.new_page(), pilots_url)
    page = watched.page
    for name, path in (
        ("pilots-home", ""),
        ("pilots-portfolio", "stakeholders/portfolio/"),
        ("pilots-video-shortlist", "stakeholders/video/shortlist/"),
    ):
        page.goto(pilots_url + path, wait_until="networkidle")
        page.wait_for_timeout(100)
        target = ARTIFACTS / f"{name}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (name, width, overflow)
        # No table scrolls sideways in its frame either: on a phone, each row is a card.
        frames = page.eval_on_selector_all(".md-typeset__scrollwrap", TABLE_FRAMES)
        assert all(extra <= 1 for extra, _ in frames), (name, frames)
    board = page.locator(
        'nav.pb-board[aria-label="Wat er nu moet gebeuren in Videobellen met klanten"]'
    )
    assert board.count() == 1 and board.locator("li.pb-card").count() >= 5
    page.goto(pilots_url + "stakeholders/portfolio/", wait_until="networkidle")
    page.get_by_role("link", name="Linda Vos").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Linda Vos"
    assert not watched.problems
    context.close()


def test_print_keeps_headings_with_what_follows(browser, origin_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(origin_url + "stakeholders/shortlist/", wait_until="networkidle")
    page.emulate_media(media="print")
    breaks = page.eval_on_selector_all(
        ".md-typeset h2, .md-typeset h3", "els => els.map(e => getComputedStyle(e).breakAfter)"
    )
    assert breaks and set(breaks) == {"avoid"}
    context.close()


def test_print_layout_hides_navigation(browser, origin_url):
    context = browser.new_context()
    page = context.new_page()
    page.goto(origin_url + "stakeholders/shortlist/", wait_until="networkidle")
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".pb-cards").first.is_visible()  # the decision board prints
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(ARTIFACTS / "shortlist-print.pdf"))
    context.close()


def _read_offline_copy(browser, site: Path, person: str, person_page: str, query: str) -> None:
    """Open an offline copy from disk, go to the map, to a person, and search."""
    context = browser.new_context()
    page = context.new_page()
    watched = Watched(page, "file://")
    page.goto((site / "index.html").as_uri())
    page.locator("a[href$='stakeholders/index.html']").first.click()
    page.wait_for_url("**/stakeholders/index.html")
    page.locator(f'svg.pb-map a[aria-label^="{person}"]').click()
    page.wait_for_url(f"**/stakeholders/people/{person_page}")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert query in page.locator(".md-search-result").inner_text()
    assert watched.problems == []
    context.close()


def test_offline_copy_works_from_disk_search_included(browser, tmp_path):
    site = built(
        REPO,
        tmp_path / "offline",
        env={"PILOTBOOK_OFFLINE": "true", "PILOTBOOK_AUDIENCE": "intranet"},
    )
    _read_offline_copy(browser, site, "Marieke Smits", "legal/marieke-smits.html", "Facilitair")


def test_offline_copy_of_a_new_handbook_works_from_disk(
    browser, installed, new_handbooks, tmp_path
):
    site = tmp_path / "offline"
    result = run(
        [str(installed / "mkdocs"), "build", "-d", str(site)],
        new_handbooks["en"],
        env={"PILOTBOOK_OFFLINE": "true", "PILOTBOOK_AUDIENCE": "intranet"},
    )
    assert result.returncode == 0, result.stderr
    _read_offline_copy(browser, site, "Example Colleague", "it/example-colleague.html", "Regulator")


def _search(page, query: str) -> str:
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill("")
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    return page.locator(".md-search-result").inner_text()


def test_search_folds_accents_both_ways(browser, project, tmp_path):
    yes = "{impact: ja, expectations: ja, relationship: ja, replaceable: nee, appointed: nee}"
    for slug, name in (("ayse-ozturk", "Ayşe Öztürk"), ("mehmet-celik", "Mehmet Celik")):
        write(
            project,
            f"stakeholders/it/{slug}.yml",
            f"name: {name}\ndiscipline: it\nanswers: {yes}\n",
        )
    env = {"PILOTBOOK_OFFLINE": "true", "PILOTBOOK_AUDIENCE": "intranet"}
    site = built(project, tmp_path / "offline", env=env)
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    found = _search(page, "Ozturk")  # no accents typed, the name has them
    assert "Ayşe Öztürk" in found
    assert "Ayse" not in found  # the folded words stay out of sight
    assert "Mehmet Celik" in _search(page, "Çelik")  # accents typed, the name has none
    assert "Ministerie van Financiën" in _search(page, "Financien")
    context.close()
