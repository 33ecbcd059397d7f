"""A handbook moves off Material for MkDocs: ProperDocs builds it with the plugin,
Zensical builds what `pilotbook generate` wrote; every link of every page leads to a
page and anchor under MkDocs, ProperDocs and Zensical alike."""

from __future__ import annotations

import json
import posixpath
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import configure, copy_sample, mkdocs_build_here, pilotbook, run

from pilotbook.site.templating import PACKAGED_TEMPLATES

BIN = Path(sys.executable).parent
PERSON = "stakeholders/people/legal/marieke-smits"


def test_properdocs_builds_the_sample_from_properdocs_yml(tmp_path):
    project = copy_sample(tmp_path / "handbook")
    (project / "mkdocs.yml").rename(project / "properdocs.yml")
    site = tmp_path / "site"
    result = run([str(BIN / "properdocs"), "build", "--strict", "-d", str(site)], project)
    assert result.returncode == 0, result.stderr
    for page in ("stakeholders/index.html", "stakeholders/shortlist/index.html"):
        assert "Marieke Smits" in (site / page).read_text()
    assert "Marieke Smits" in (site / PERSON / "index.html").read_text()
    check = pilotbook("check", cwd=project)
    assert check.returncode == 0, check.stderr
    assert "configuration: properdocs.yml" in check.stderr


@pytest.fixture(scope="module")
def zensical_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample, with a page template of its own in its theme folder, written by
    `pilotbook generate` in both URL styles and each built by `zensical build`."""
    root = tmp_path_factory.mktemp("zensical")
    project = copy_sample(root / "handbook")
    template = project / "theme" / "pages" / "shortlist.md"
    template.parent.mkdir()
    template.write_text(
        "The handbook's own shortlist.\n\n" + (PACKAGED_TEMPLATES / "shortlist.md").read_text()
    )
    sites = {}
    for style, options in (("directory", []), ("offline", ["--offline"])):
        out = root / style
        result = pilotbook("generate", *options, str(out), cwd=project)
        assert result.returncode == 0, result.stderr
        result = run([str(BIN / "zensical"), "build", "--strict"], out)
        assert result.returncode == 0, result.stdout + result.stderr
        sites[style] = out / "site"
    return sites


def _page(site: Path, path: str, style: str) -> Path:
    return site / (f"{path}.html" if style == "offline" else f"{path}/index.html")


@pytest.mark.parametrize("style", ["directory", "offline"])
def test_zensical_builds_the_generated_pages(zensical_sites, style):
    site = zensical_sites[style]
    assert "Marieke Smits" in (site / "stakeholders/index.html").read_text()
    shortlist = _page(site, "stakeholders/shortlist", style).read_text()
    assert "The handbook's own shortlist." in shortlist.replace("&rsquo;", "'")
    assert "Marieke Smits" in _page(site, PERSON, style).read_text()
    assert "pilotbook.css" in (site / "stakeholders/index.html").read_text()
    assert (site / "assets/pilotbook.css").is_file()


@pytest.mark.parametrize("style", ["directory", "offline"])
def test_zensical_publishes_no_page_template(zensical_sites, style):
    pages = [
        p.relative_to(zensical_sites[style]).as_posix()
        for p in zensical_sites[style].rglob("*.html")
    ]
    assert not [p for p in pages if p.startswith(("pages/", "overrides/", "theme/"))]


@pytest.mark.parametrize("style", ["directory", "offline"])
def test_zensical_search_finds_a_stakeholder(zensical_sites, style):
    index = json.loads((zensical_sites[style] / "search.json").read_text())
    assert "Marieke Smits" in json.dumps(index, ensure_ascii=False)


class _Links(HTMLParser):
    """What a page links to or loads (`href`, SVG's `xlink:href`, `src`), and its anchors."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and name in ("href", "xlink:href", "src"):
                self.links.append(value)
            elif value and name in ("id", "name"):
                self.anchors.add(value)


def _broken_links(site: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Every address in every page of `site` that leads to no file or no anchor in it,
    and every address followed. A page's links are read as a browser reads them: against
    its URL, which is its file's folder. The engines' 404 page is left out: it is served
    at any address, so they write its links from the root on purpose."""
    pages = {}
    for file in site.rglob("*.html"):
        pages[file.relative_to(site).as_posix()] = parsed = _Links()
        parsed.feed(file.read_text(encoding="utf-8"))
    broken, followed = [], []
    for page, parsed in sorted(pages.items()):
        if page == "404.html":
            continue
        for link in parsed.links:
            url = urlsplit(link)
            if url.scheme or url.netloc:
                continue  # an address outside the site
            followed.append((page, link))
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(url.path)))
            if not url.path:
                target = page
            elif (site / target).is_dir():
                target = posixpath.join(target, "index.html")
            # From the root, a link misses the site wherever it is served under a path.
            if link.startswith("/") or target.startswith("../") or not (site / target).is_file():
                broken.append(f"{page}: {link}: no such page or file")
            elif url.fragment and target in pages and url.fragment not in pages[target].anchors:
                broken.append(f"{page}: {link}: no anchor #{url.fragment} in {target}")
    return broken, followed


# The sample as its team reads it, and as the intranet reads a handbook large enough
# for counts and a page per discipline.
HANDBOOKS = {
    "team": ("", {}),
    "intranet-summary": ("summary_after: 3", {"PILOTBOOK_AUDIENCE": "intranet"}),
}


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
@pytest.mark.parametrize("style", ["directory", "offline"])
@pytest.mark.parametrize("handbook", list(HANDBOOKS))
def test_every_link_of_every_page_leads_to_a_page_and_anchor_each_engine_built(
    tmp_path, engine, style, handbook
):
    """MkDocs and ProperDocs (with the plugin) leave links in raw HTML as written, Zensical
    (on what `generate` wrote) reads them against the source file: the map's, the grid's,
    the decision board's and every Markdown link lead where they say under all three."""
    options, env = HANDBOOKS[handbook]
    project = copy_sample(tmp_path / "handbook")
    if options:
        configure(project, f"pilot: Videobellen met klanten\n{options}")
    site = tmp_path / "site"
    if engine == "zensical":
        out = tmp_path / "generated"
        offline = ["--offline"] if style == "offline" else []
        result = pilotbook("generate", *offline, str(out), cwd=project, env=env)
        assert result.returncode == 0, result.stderr
        result = run([str(BIN / "zensical"), "build", "--strict"], out, env=env)
        site = out / "site"
    else:
        env = {**env, "PILOTBOOK_OFFLINE": str(style == "offline").lower()}
        if engine == "mkdocs":
            result = mkdocs_build_here(project, site, env)
        else:
            result = run([str(BIN / "properdocs"), "build", "-d", str(site)], project, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    broken, followed = _broken_links(site)
    assert broken == []
    # The generated pages' links in raw HTML were among those followed.
    grid = "stakeholders/grid" + (".html" if style == "offline" else "/index.html")
    assert any(page == grid and "people/" in link for page, link in followed)
    shortlist = grid.replace("grid", "shortlist")
    on_shortlist = [link for page, link in followed if page == shortlist]
    assert any("#pb-d-" in link or "disciplines/" in link for link in on_shortlist)


HOSTILE = 'Zed </title><script>alert("pb")</script> & Co'


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_name_in_a_pages_title_stays_text_in_what_generate_wrote(tmp_path, engine):
    """MkDocs and Zensical print a title taken from the page's heading through
    `striptags`, which turns an escaped `&#60;/title&#62;` back into markup: built
    from `generate`'s output, a name must still be text in `<title>`."""
    project = copy_sample(tmp_path / "handbook")
    (project / "stakeholders/legal/zed.yml").write_text(
        f"name: '{HOSTILE}'\nrole: Jurist\ndiscipline: legal\n"
        "answers: {impact: ja, expectations: ja, relationship: ja, replaceable: nee, "
        "appointed: nee}\n"
    )
    out = tmp_path / "out"
    env = {"PILOTBOOK_AUDIENCE": "team"}
    result = pilotbook("generate", str(out), cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    command = [str(BIN / engine), "build", *(["-d", "site"] if engine == "mkdocs" else [])]
    result = run(command, out)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = list((out / "site").rglob("*.html"))
    assert pages
    named = 0
    for page in pages:
        text = page.read_text()
        assert 'alert("pb")</script>' not in text and "alert(&#34;pb&#34;)</script>" not in text
        title = text.split("<title>", 1)[1].split("</title>", 1)[0]
        assert "<" not in title, (page, title)
        named += "Zed &lt;/title&gt;" in title
    assert named >= 1  # the person's own page, titled with the name as text
