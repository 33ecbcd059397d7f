"""pilotbook's documentation: a short README that starts a newcomer off, and the reference
in pilotbook's own documentation site (`docs/`), built with MkDocs Material, strictly, in
every run of the suite (and so in CI).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from conftest import DOCS, DOCS_PAGES, README, REPO, pilotbook, run, section

from pilotbook.method.model import DEFAULT_METHOD
from pilotbook.records.stakeholders import STAKEHOLDERS
from pilotbook.records.validation import read_record
from pilotbook.yaml.source import parse

# A Markdown link or image: its target, up to a title or the closing parenthesis.
LINK = re.compile(r"!?\[[^\]]*\]\(<?([^)\s>]+)")
FENCED = re.compile(r"^```.*?^```$", re.M | re.S)


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def _links(markdown: str) -> list[str]:
    """The targets of the links in `markdown`, leaving out what code shows as text."""
    prose = re.sub(r"`[^`\n]*`", "", FENCED.sub("", markdown))
    return LINK.findall(prose)


def _headings(markdown: str) -> list[str]:
    """The headings of `markdown` as written, without a code block's comments."""
    return re.findall(r"^#{1,6} (.+)$", FENCED.sub("", markdown), re.M)


def _anchor(heading: str) -> str:
    """A heading's anchor as GitHub, GitLab, Azure DevOps and MkDocs' toc all make it from
    plain words: lower case, code marks and punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def _pages() -> list[str]:
    """Every page of the documentation, by its path below the pages folder."""
    return sorted(p.relative_to(DOCS_PAGES).as_posix() for p in DOCS_PAGES.rglob("*.md"))


def _nav(entries: list) -> list[str]:
    """The pages a MkDocs `nav` lists, in order, sections opened."""
    pages = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        pages += _nav(value) if isinstance(value, list) else [value]
    return pages


# Item 13 (1): the documentation site builds with --strict, every page in its navigation.


def test_the_documentation_builds_strictly_with_every_page_in_its_navigation(tmp_path):
    """A real `mkdocs build --strict` of docs/mkdocs.yml, as a reader or CI runs it, into
    a folder of the test's. Without -q: MkDocs drops the warnings that -q hides before
    strict mode counts them, so a quiet build would pass a broken link."""
    site = tmp_path / "site"
    config_file = DOCS / "mkdocs.yml"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)]
    built = run([*command, "-d", str(site)], REPO)
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr, built.stderr
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    nav = _nav(config["nav"])
    assert sorted(nav) == _pages() and len(set(nav)) == len(nav)
    for page in nav:
        address = "index.html" if page == "index.md" else page.removesuffix(".md") + "/index.html"
        assert (site / address).is_file(), page
    # pilotbook's own documentation in English, strict, and with no request outside
    # its own origin: no web fonts, no repository widget asking GitHub's API.
    assert config["strict"] is True
    assert config["theme"]["name"] == "material" and config["theme"]["language"] == "en"
    assert config["theme"]["font"] is False and "repo_url" not in config
    fetched = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=\"(?:https?:)?//")
    for html in site.rglob("*.html"):
        assert not fetched.search(html.read_text(encoding="utf-8")), html


def test_the_documentation_is_no_part_of_the_sample_handbook(sample_site):
    """The sample's build (docs_dir content) publishes no page of pilotbook's own
    documentation, and `pilotbook check` of the sample reads none of its files."""
    for page in _pages():
        assert not (sample_site / page.removesuffix(".md")).exists() or page == "index.md"
    index = (sample_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "pilotbook's own documentation" not in index
    checked = pilotbook("check", cwd=REPO)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "docs/" not in checked.stdout + checked.stderr


# Item 13 (2): every relative link of the README leads somewhere, on any git host.


def test_every_relative_link_in_the_readme_leads_to_a_file_and_heading_of_the_repository():
    """Links are relative paths to files of the repository (GitHub, GitLab and Azure
    DevOps show a Markdown file when one is browsed), with an anchor only where the file
    has that heading; no target is one that git ignores, so a clone has every one."""
    links = [link for link in _links(_readme()) if not re.match(r"[a-z][a-z0-9+.-]*:", link)]
    assert len(links) >= len(_pages()) - 1
    for link in links:
        path, _, anchor = link.partition("#")
        target = (REPO / path).resolve() if path else README
        assert target.is_relative_to(REPO) and target.exists(), link
        ignored = run(["git", "check-ignore", "-q", "--no-index", path or "README.md"], REPO)
        assert ignored.returncode == 1, f"{link} is ignored by git"
        if anchor:
            headings = _headings(target.read_text(encoding="utf-8"))
            assert anchor in [_anchor(h) for h in headings], link


# Item 13 (3): the README stays short and starts with the two commands.

README_LINES = 150


def test_the_readme_is_short_and_starts_with_the_two_commands():
    """At most 150 lines. What a newcomer needs first (what pilotbook is, the two
    commands, starting a handbook, one stakeholder file, where to read on) takes about
    115; 150 leaves room for a sentence or two more and is about three screens, while
    the reference (858 lines with the README when it moved out) cannot come back: its
    larger sections (configuration, problem codes, publishing, performance) are 65 to 80
    lines each.

    The first two code blocks are the two commands for a fresh machine, each one line
    alone in a ```sh block: the first sets up and serves the sample handbook, the second
    sets up and runs the whole test suite, and is what .ci/run takes from the README."""
    text = _readme()
    assert len(text.splitlines()) <= README_LINES
    blocks = re.findall(r"^```([^\n]*)\n(.*?)^```$", text, re.M | re.S)
    assert [language for language, _ in blocks[:2]] == ["sh", "sh"]
    serve, tests = (body.splitlines() for _, body in blocks[:2])
    assert len(serve) == 1 and serve[0].startswith("python3 -m venv .venv")
    assert serve[0].endswith(".venv/bin/mkdocs serve")
    assert len(tests) == 1 and "pip install -q -e '.[test]'" in tests[0]
    assert tests[0].endswith(".venv/bin/python -m pytest")
    assert "\n## " not in text[: text.index(tests[0])]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    taken = re.search(r"^test_command=\$\((.*)\)$", ci, re.M)
    assert taken, ".ci/run takes its test command from the README"
    assert run(["bash", "-c", taken[1]], REPO).stdout == tests[0] + "\n"


# Item 13 (4): the README's "Read on" list reaches every page, so every section of
# the reference that left the README is a link away.

# The README's sections of reference before they moved, by the heading each has in the
# documentation now ("The method in one paragraph" is the page "The method", "Layout"
# the section "The repository's folders").
MOVED = (
    "Start your own handbook",
    "Your own disciplines and questions",
    "The method",
    "A stakeholder file",
    "Engagement: involvement per phase and the influence/interest grid",
    "What input is accepted",
    "A caller file",
    "Commands",
    "Problem codes",
    "Configuration",
    "Two cores at once",
    "The build cache",
    "The generated site",
    "Publishing on an intranet",
    "Moving to ProperDocs or Zensical",
    "Reviewing changes",
    "Review pipelines",
    "Performance",
    "How the code is laid out",
    "The repository's folders",
)


def test_the_readmes_read_on_list_links_every_page_of_the_documentation():
    read_on = _links(section(_readme(), "## Read on"))
    linked = {Path(link.partition("#")[0]).as_posix() for link in read_on}
    pages = {f"docs/pages/{page}" for page in _pages() if page != "index.md"}
    assert pages <= linked, sorted(pages - linked)
    reached = [h for page in pages for h in _headings((REPO / page).read_text(encoding="utf-8"))]
    assert [heading for heading in MOVED if heading not in reached] == []


# What the README shows is what the documentation says.


def test_the_readmes_examples_and_commands_are_the_documentations():
    """Every code block of the README (the two commands, the quick start, the stakeholder
    file) stands as written on a page of the documentation, so the two cannot drift."""
    docs = "\n".join(path.read_text(encoding="utf-8") for path in DOCS_PAGES.rglob("*.md"))
    blocks = FENCED.findall(_readme())
    assert len(blocks) >= 4
    for block in blocks:
        assert block in docs, block


def test_the_readmes_stakeholder_file_is_one_check_accepts_with_every_field():
    example = section(_readme(), "## A stakeholder file").split("```yaml\n", 1)[1]
    example = example.split("```", 1)[0]
    parts, problems = read_record(STAKEHOLDERS, example.encode(), "x", "x.yml", DEFAULT_METHOD)
    assert parts is not None and problems == [], problems
    # `external` is shown as the comment a colleague's file leaves it in.
    shown = set(parse(example).data) | set(re.findall(r"^# (\w+):", example, re.M))
    assert shown == set(STAKEHOLDERS.keys)
