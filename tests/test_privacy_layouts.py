"""Nothing leaves the handbook that must not, in any layout a team may choose.

A small handbook of unique markers is built for the intranet with a real `mkdocs
build` in every supported layout: the stakeholders folder beside `mkdocs.yml`, inside
the docs (`docs/people/`), linked into the docs or the theme folder, copied into the
docs or the theme folder, and the build cache in the docs. Every file of the site
(pages, search index, sitemap, their gzip copies, static files) is read for the
answers, notes, private values and the names of people the intranet must not see. A
layout pilotbook refuses stops with a located message, exit 1, and leaves no site.
"""

from __future__ import annotations

import gzip
import os
import shutil
import sys
from pathlib import Path

import pytest
from conftest import pilotbook, run, write

INTRANET = {"PILOTBOOK_AUDIENCE": "intranet"}
# Shown on the intranet: the sanity check that the site was read at all.
SHOWN = ("Zqpublic", "Zqchosen", "Zqcustomers")
# Never shown: names of people turned down, excluded or not yet assessed, notes,
# private values, answers (a comment beside them in the file, and the reason a failed
# answer gives), wherever the file lies.
NEVER = (
    "Zqexcluded",
    "Zqpending",
    "Zqrejected",
    "zq-note",
    "zq-private",
    "zq-answer",
    "zq-failed",
)

CONFIG = """\
site_name: Zq handbook
docs_dir: docs
theme:
  name: material
  language: en
  custom_dir: overrides
  font: false
plugins:
  - search
  - pilotbook:
      stakeholders_dir: {stakeholders_dir}
      language: en
      questions:
        - id: impact
          text: {{en: "Does this person shape the outcome?"}}
          needed: yes
          failed: {{en: zq-failed-impact}}
        - id: spare
          text: {{en: "Could the pilot do without them?"}}
          needed: no
          failed: {{en: zq-failed-spare}}
"""

PEOPLE = {
    "legal/zqchosen.yml": """\
        name: Carla Zqchosen
        discipline: legal
        answers:
          impact: yes  # zq-answer-chosen
          spare: no
        interview: selected
        notes: zq-note-chosen
        private: {phone: zq-private-chosen}
        """,
    "legal/zqrejected.yml": """\
        name: Rob Zqrejected
        discipline: legal
        answers: {impact: yes, spare: no}
        interview: rejected
        notes: zq-note-rejected
        """,
    "legal/zqexcluded.yml": """\
        name: Ellen Zqexcluded
        discipline: legal
        answers:
          impact: no  # zq-answer-excluded
          spare: yes
        notes: zq-note-excluded
        private: {reason: zq-private-excluded}
        """,
    "it/zqpending.yml": """\
        name: Pim Zqpending
        discipline: it
        answers: {impact: yes}
        notes: zq-note-pending
        """,
    "it/zqpublic.yml": """\
        name: Petra Zqpublic
        discipline: it
        answers:
          impact: yes
          spare: no  # zq-answer-public
        notes: zq-note-public
        private: {phone: zq-private-public}
        """,
    "customers/zqcustomers.yml": """\
        name: Zqcustomers
        external: direct
        notes: zq-note-customers
        """,
}


def handbook(root: Path, stakeholders_dir: str = "stakeholders") -> Path:
    """The marker handbook at `root`, its stakeholder files in `stakeholders_dir`."""
    write(root, "mkdocs.yml", CONFIG.format(stakeholders_dir=stakeholders_dir))
    write(root, "docs/index.md", "# Zq handbook\n\nWho takes part in the pilot.\n")
    write(root, "overrides/partials/copyright.html", "<p>Zq</p>\n")
    for path, text in PEOPLE.items():
        write(root, f"{stakeholders_dir}/{path}", text)
    return root


def _beside(root: Path) -> None:
    """The default: the stakeholders folder next to mkdocs.yml."""


def _in_docs(root: Path) -> None:
    shutil.rmtree(root / "stakeholders")
    handbook(root, "docs/people")


def _linked_into_docs(root: Path) -> None:
    (root / "docs" / "people").symlink_to(root / "stakeholders")


def _linked_into_theme(root: Path) -> None:
    (root / "overrides" / "people").symlink_to(root / "stakeholders")


def _hard_linked_into_docs(root: Path) -> None:
    """A stakeholder file under a name that is not YAML, the same file on disk."""
    os.link(root / "stakeholders/legal/zqrejected.yml", root / "docs" / "notes.txt")


def _hard_linked_into_theme(root: Path) -> None:
    os.link(root / "stakeholders/legal/zqexcluded.yml", root / "overrides" / "notes.txt")
    (root / "overrides" / "pages").mkdir()
    os.link(root / "stakeholders/it/zqpending.yml", root / "overrides" / "pages" / "x.txt")


def _copied_into_docs(root: Path) -> None:
    shutil.copytree(root / "stakeholders", root / "docs" / "people")


def _copied_into_theme(root: Path) -> None:
    shutil.copytree(root / "stakeholders", root / "overrides" / "people")


def _build(root: Path, site: Path, *args: str, **env: str) -> tuple[int, str]:
    result = run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(site), *args],
        root,
        env={**INTRANET, **env},
    )
    assert "Traceback" not in result.stderr
    return result.returncode, result.stderr


def _everything(folder: Path) -> str:
    """Every file below `folder` as text, gzip files unpacked, with every name."""
    texts = []
    for path in sorted(folder.rglob("*")):
        texts.append(str(path.relative_to(folder)))
        if path.is_file():
            data = path.read_bytes()
            if path.name.endswith(".gz"):
                data = gzip.decompress(data)
            texts.append(data.decode("utf-8", "replace"))
    return "\n".join(texts).casefold()


def _nothing_private(folder: Path, *, config: str | None = None) -> None:
    """No marker below `folder`, and no YAML file (but the `config` it may have)."""
    everything = _everything(folder)
    leaked = [marker for marker in NEVER if marker.casefold() in everything]
    assert not leaked
    yaml = [p for p in folder.rglob("*") if p.suffix.lower() in (".yml", ".yaml")]
    assert [p.relative_to(folder).as_posix() for p in yaml] == ([config] if config else [])


@pytest.mark.parametrize(
    "layout",
    [
        _beside,
        _in_docs,
        _linked_into_docs,
        _hard_linked_into_docs,
        _hard_linked_into_theme,
        _copied_into_docs,
        _copied_into_theme,
    ],
)
def test_the_intranet_site_holds_nothing_private_in_any_layout(tmp_path, layout):
    root = handbook(tmp_path / "handbook")
    layout(root)
    site = tmp_path / "out" / "site"
    returncode, stderr = _build(root, site)
    assert returncode == 0, stderr
    everything = _everything(site)
    for name in SHOWN:
        assert name.casefold() in everything, name
    assert (site / "search" / "search_index.json").is_file()
    assert (site / "sitemap.xml.gz").is_file()
    _nothing_private(tmp_path / "out")
    # The page of a shortlisted colleague is there, the stakeholder files are not.
    assert (site / "stakeholders" / "people" / "it" / "zqpublic" / "index.html").is_file()
    copied = layout in (_copied_into_docs, _copied_into_theme)
    assert ("(yaml-in-site)" in stderr) == copied


@pytest.mark.parametrize("layout", [_copied_into_docs, _copied_into_theme])
def test_a_strict_build_refuses_a_copy_of_the_stakeholder_files(tmp_path, layout):
    root = handbook(tmp_path / "handbook")
    layout(root)
    folder = "docs" if layout is _copied_into_docs else "overrides"
    returncode, stderr = _build(root, tmp_path / "out" / "site", "--strict")
    assert returncode == 1
    assert (
        f"{folder}/people/customers/zqcustomers.yml:1:1: warning: this YAML file (and 5 more)"
        in (stderr)
    )
    assert "keep stakeholder files only in the stakeholders folder (stakeholders)" in stderr
    assert not (tmp_path / "out" / "site").exists()
    _nothing_private(tmp_path / "out")


@pytest.mark.parametrize(
    ("cache", "shown"),
    [
        (lambda root, site: root / "docs" / "cache", "docs/cache lies in the docs folder"),
        (lambda root, site: root / "docs" / ".cache", "docs/.cache lies in the docs folder"),
        (lambda root, site: root / "overrides" / "c", "overrides/c lies in the theme folder"),
        (lambda root, site: site / "cache", f"{{site}}{os.sep}cache lies in the site folder"),
    ],
)
def test_a_cache_folder_where_the_site_is_published_from_or_to_is_refused(tmp_path, cache, shown):
    """Where the build cache lies inside the docs, the theme or the site folder, the
    team build's cache entry would be published with the intranet site."""
    root = handbook(tmp_path / "handbook")
    site = tmp_path / "out" / "site"
    folder = cache(root, site)
    for audience in ("team", "intranet"):
        returncode, stderr = _build(
            root, site, PILOTBOOK_CACHE_DIR=str(folder), PILOTBOOK_AUDIENCE=audience
        )
        assert returncode == 1
        assert "$PILOTBOOK_CACHE_DIR:1:1: error: the cache folder " in stderr
        assert shown.format(site=site) in stderr
        assert "(cache-in-site)" in stderr
        assert not folder.exists() and not site.exists()
    _nothing_private(tmp_path / "out")
    _nothing_private(root / "docs")


def test_a_cache_folder_beside_the_docs_serves_both_audiences(tmp_path):
    """Outside the folders MkDocs publishes, the cache (here in the handbook's folder,
    as PILOTBOOK_CACHE_DIR allows) is used, and nothing of it reaches the site."""
    root = handbook(tmp_path / "handbook")
    cache = {"PILOTBOOK_CACHE_DIR": str(root / ".cache")}
    for audience in ("team", "intranet", "intranet"):
        returncode, stderr = _build(
            root, tmp_path / "out" / audience, **cache, PILOTBOOK_AUDIENCE=audience
        )
        assert returncode == 0, stderr
    assert "come from the cache" in stderr
    shutil.rmtree(tmp_path / "out" / "team")
    _nothing_private(tmp_path / "out")


def test_a_cache_folder_linked_into_the_docs_is_not_published(tmp_path):
    """The team build's cache entry names the people the intranet must not see."""
    root = handbook(tmp_path / "handbook")
    cache = tmp_path / "cache"
    (root / "docs" / "cache").symlink_to(cache)
    for audience in ("team", "intranet"):
        returncode, stderr = _build(
            root,
            tmp_path / "out" / audience,
            PILOTBOOK_CACHE_DIR=str(cache),
            PILOTBOOK_AUDIENCE=audience,
        )
        assert returncode == 0, stderr
    assert "zqexcluded" in _everything(cache)  # what would have been published
    assert not (tmp_path / "out" / "intranet" / "cache").exists()
    _nothing_private(tmp_path / "out" / "intranet")


def test_a_stakeholders_folder_that_holds_the_docs_is_refused(tmp_path):
    """All of whose files would be stakeholder data: refused at its line."""
    root = handbook(tmp_path / "handbook", "docs")
    returncode, stderr = _build(root, tmp_path / "out" / "site")
    assert returncode == 1
    assert (
        "mkdocs.yml:11:25: error: the stakeholders folder holds the docs folder (docs_dir), docs"
        in stderr
    )
    assert "(invalid-option)" in stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("layout", [_in_docs, _linked_into_docs, _copied_into_theme])
def test_generate_writes_no_stakeholder_file(tmp_path, layout):
    root = handbook(tmp_path / "handbook")
    layout(root)
    out = tmp_path / "out"
    result = pilotbook("generate", str(out), cwd=root, env=INTRANET)
    assert result.returncode == 0, result.stderr
    assert "zqpublic" in _everything(out)
    _nothing_private(out, config="mkdocs.yml")
    assert ("(yaml-in-site)" in result.stderr) == (layout is _copied_into_theme)


def _inside_the_theme(root: Path) -> str:
    shutil.rmtree(root / "stakeholders")
    handbook(root, "overrides/people")
    return "mkdocs.yml:11:25: error: the stakeholders folder overrides/people lies in the theme"


def _inside_the_page_templates(root: Path) -> str:
    shutil.rmtree(root / "stakeholders")
    handbook(root, "overrides/pages/people")
    return "the stakeholders folder overrides/pages/people lies in the theme folder"


def _linked_from_the_theme(root: Path) -> str:
    (root / "overrides" / "people").symlink_to(root / "stakeholders")
    return "overrides/people:1:1: error: this link in the theme folder leads to the stakeholders"


def _linked_from_the_page_templates(root: Path) -> str:
    (root / "overrides" / "pages").mkdir()
    (root / "overrides" / "pages" / "people").symlink_to(root / "stakeholders" / "legal")
    return "overrides/pages/people:1:1: error: this link in the theme folder leads to the"


def _handbook_linked_from_the_theme(root: Path) -> str:
    """A link to a folder that holds the stakeholders folder reaches it too."""
    (root / "overrides" / "up").symlink_to(root)
    return "overrides/up:1:1: error: this link in the theme folder leads to the stakeholders"


@pytest.mark.parametrize(
    "layout",
    [
        _inside_the_theme,
        _inside_the_page_templates,
        _linked_from_the_theme,
        _linked_from_the_page_templates,
        _handbook_linked_from_the_theme,
    ],
)
def test_a_stakeholders_folder_in_or_linked_from_the_theme_folder_is_refused(tmp_path, layout):
    """Every template of the theme folder could include its files: refused, with the
    place and the fix, for the build and for generate."""
    root = handbook(tmp_path / "handbook")
    expected = layout(root)
    write(root, "overrides/main.html", '{% extends "base.html" %}{% include "people/x" %}\n')
    returncode, stderr = _build(root, tmp_path / "out" / "site")
    assert returncode == 1
    assert expected in stderr
    assert "delete the link" in stderr or "outside the theme folder" in stderr
    assert not (tmp_path / "out").exists()
    result = run([sys.executable, "-m", "pilotbook", "generate", str(tmp_path / "gen")], root)
    assert result.returncode == 1 and expected in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "gen").exists()


def _environ_by_a_link(root: Path) -> tuple[str, str]:
    (root / "overrides" / "proc").symlink_to("/proc/self")
    return "proc/environ", "overrides/proc:1:1: error: this is a symbolic link in the theme"


def _a_hard_link(root: Path) -> tuple[str, str]:
    os.link(root / "stakeholders/legal/zqrejected.yml", root / "overrides" / "rudi.html")
    return "rudi.html", "overrides/rudi.html:1:1: error: this file of the theme cannot be read ("


def _a_linked_partial(root: Path) -> tuple[str, str]:
    """A link to a file outside the handbook."""
    write(root.parent, "elsewhere.html", "zq-private-elsewhere\n")
    (root / "overrides" / "partials" / "notes.html").symlink_to(root.parent / "elsewhere.html")
    return "partials/notes.html", "overrides/partials/notes.html:1:1: error: this is a symbolic"


@pytest.mark.parametrize("route", [_environ_by_a_link, _a_hard_link, _a_linked_partial])
def test_the_themes_templates_read_only_regular_files_of_the_theme(tmp_path, route):
    """MkDocs' own theme templates (main.html and what it includes) are read as the
    page templates are: the CI's tokens and the stakeholder files stay out."""
    root = handbook(tmp_path / "handbook")
    included, expected = route(root)
    write(
        root,
        "overrides/main.html",
        f'{{% extends "base.html" %}}{{% block content %}}{{% include "{included}" %}}'
        "{% endblock %}\n",
    )
    returncode, stderr = _build(root, tmp_path / "out" / "site", ZQ_TOKEN="zq-private-token")
    assert returncode == 1
    assert expected in stderr
    assert "zq-private" not in stderr and "zq-private" not in _everything(tmp_path / "out")
    assert not (tmp_path / "out" / "site").exists()
    # `generate` copies the theme folder for an engine without plugins: through no link.
    generate = [sys.executable, "-m", "pilotbook", "generate", str(tmp_path / "gen")]
    result = run(generate, root, env={**INTRANET, "ZQ_TOKEN": "zq-private-token"})
    assert "Traceback" not in result.stderr
    if (tmp_path / "gen").exists():
        _nothing_private(tmp_path / "gen", config="mkdocs.yml")
    else:
        assert expected in result.stderr


@pytest.mark.parametrize(
    ("template", "make"),
    [
        ("people/legal/zqchosen.yml", lambda root: _copied_into_theme(root)),
        (
            "notes.txt",
            lambda root: os.link(
                root / "stakeholders/legal/zqchosen.yml", root / "overrides/notes.txt"
            ),
        ),
    ],
)
def test_a_static_template_is_never_a_stakeholder_file(tmp_path, template, make):
    """MkDocs writes static templates into the site without a list of files to check."""
    root = handbook(tmp_path / "handbook")
    make(root)
    config = (root / "mkdocs.yml").read_text()
    config = config.replace("  font: false\n", f"  font: false\n  static_templates: [{template}]\n")
    (root / "mkdocs.yml").write_text(config)
    returncode, stderr = _build(root, tmp_path / "out" / "site")
    assert returncode == 1
    assert f"mkdocs.yml:8:21: error: the static template '{template}' is a YAML file" in stderr
    assert not (tmp_path / "out").exists()


def _default_cache(home: Path) -> dict[str, str]:
    return {"HOME": str(home), "XDG_CACHE_HOME": "", "PILOTBOOK_CACHE_DIR": ""}


@pytest.mark.parametrize(
    ("cache", "folder", "linked"),
    [
        # The home folder's cache, linked into the docs; this build runs in CI, without it.
        (_default_cache, ".cache/pilotbook", True),
        (
            lambda home: {"XDG_CACHE_HOME": str(home / "xdg"), "PILOTBOOK_CACHE_DIR": ""},
            "xdg/pilotbook",
            True,
        ),
        (lambda home: {"PILOTBOOK_CACHE_DIR": str(home / "c")}, "c", True),
        # An entry copied into the docs under a name that is not the cache's.
        (_default_cache, ".cache/pilotbook", False),
    ],
)
def test_a_cache_entry_is_never_published_by_a_build_without_that_cache(
    tmp_path, cache, folder, linked
):
    """A team build fills a cache; the intranet build, which runs without it (CI, or
    PILOTBOOK_CACHE=off), never publishes its entry, wherever it was put."""
    root = handbook(tmp_path / "handbook")
    home = tmp_path / "home"
    env = {"CI": "", **cache(home)}
    returncode, stderr = _build(root, tmp_path / "team", **env, PILOTBOOK_AUDIENCE="team")
    assert returncode == 0, stderr
    entries = list((home / folder).glob("*.json"))
    assert entries and "zqexcluded" in _everything(home / folder)
    if linked:
        (root / "docs" / "cache").symlink_to(home / folder)
    else:
        shutil.copyfile(entries[0], root / "docs" / "data.txt")
    for off in ({"CI": "true"}, {"PILOTBOOK_CACHE": "off"}):
        site = tmp_path / "out" / next(iter(off))
        returncode, stderr = _build(root, site, **{**env, **off})
        assert returncode == 0, stderr
        assert "zqpublic" in _everything(site)
    _nothing_private(tmp_path / "out")


def _environ_in_the_docs(root: Path) -> tuple[str, str]:
    """Each route returns what the build and `generate` name: the file, or the link."""
    (root / "docs" / "env.txt").symlink_to("/proc/self/environ")
    return "docs/env.txt", "docs/env.txt"


def _a_file_outside_the_docs(root: Path) -> tuple[str, str]:
    write(root.parent, "elsewhere.txt", "zq-private-elsewhere\n")
    (root / "docs" / "notes.txt").symlink_to(root.parent / "elsewhere.txt")
    return "docs/notes.txt", "docs/notes.txt"


def _a_folder_outside_the_docs(root: Path) -> tuple[str, str]:
    write(root.parent, "shared/secret.txt", "zq-private-shared\n")
    (root / "docs" / "shared").symlink_to(root.parent / "shared")
    return "docs/shared/secret.txt", "docs/shared"


def _a_named_pipe(root: Path) -> tuple[str, str]:
    os.mkfifo(root.parent / "pipe")
    (root / "docs" / "pipe.txt").symlink_to(root.parent / "pipe")
    return "docs/pipe.txt", "docs/pipe.txt"


@pytest.mark.parametrize(
    "route",
    [_environ_in_the_docs, _a_file_outside_the_docs, _a_folder_outside_the_docs, _a_named_pipe],
)
def test_a_link_in_the_docs_publishes_nothing_outside_them(tmp_path, route):
    """A link in the docs to /proc/self/environ would publish the CI's tokens, one to a
    file elsewhere whatever it holds: left out with a warning naming it, an error in a
    strict build; `generate` copies none of it either."""
    root = handbook(tmp_path / "handbook")
    named, linked = route(root)
    (root / "docs" / "inside.txt").symlink_to(root / "docs" / "index.md")  # stays
    token = {"ZQ_TOKEN": "zq-private-token"}
    returncode, stderr = _build(root, tmp_path / "out" / "site", **token)
    assert returncode == 0, stderr
    warning = ":1:1: warning: this file of the docs is left out of the site"
    assert warning in stderr and "(link-out-of-docs)" in stderr
    assert (
        "zqpublic" in _everything(tmp_path / "out") and (tmp_path / "out/site/inside.txt").exists()
    )
    _nothing_private(tmp_path / "out")
    returncode, stderr = _build(root, tmp_path / "strict" / "site", "--strict", **token)
    assert returncode == 1 and named + warning in stderr
    assert not (tmp_path / "strict" / "site").exists()
    generate = [sys.executable, "-m", "pilotbook", "generate", str(tmp_path / "gen")]
    result = run(generate, root, env={**INTRANET, **token})
    assert result.returncode == 0, result.stderr
    assert linked + warning in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "gen" / "docs" / "inside.txt").exists()
    _nothing_private(tmp_path / "gen", config="mkdocs.yml")
