"""A handbook moves off Material for MkDocs: ProperDocs builds it with the plugin,
Zensical builds what `pilotbook generate` wrote."""

from __future__ import annotations

import json
import posixpath
import re
import sys
from pathlib import Path

import pytest
from conftest import copy_sample, pilotbook, run

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
def test_every_link_in_the_map_leads_to_a_page_zensical_built(zensical_sites, style):
    site = zensical_sites[style]
    page = (site / "stakeholders/index.html").read_text()
    start = page.index('<svg class="pb-map"')
    svg = page[start : page.index("</svg>", start)]
    links = {link for link in re.findall(r'href="([^"#]+)', svg)}
    assert len(links) > 10
    for link in links:
        target = posixpath.normpath(posixpath.join("stakeholders", link))
        if link.endswith("/"):
            target += "/index.html"
        assert (site / target).is_file(), link


@pytest.mark.parametrize("style", ["directory", "offline"])
def test_zensical_search_finds_a_stakeholder(zensical_sites, style):
    index = json.loads((zensical_sites[style] / "search.json").read_text())
    assert "Marieke Smits" in json.dumps(index, ensure_ascii=False)
