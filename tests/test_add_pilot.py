"""`pilotbook add-pilot`: a one-pilot handbook moved to the form of several without
losing a value, proved on the sample and on 1,000 synthetic people; one more pilot
added to a handbook that has several; and what it refuses.

Each handbook is a real git repository (committed on main), as a pilot lead's is.
"""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import copy_sample, load_bench, pilotbook, three_pilots, write
from test_diff import git, in_git

from pilotbook.records.stakeholders import STAKEHOLDERS
from pilotbook.yaml.plain import load

JUDGED = {f.key for f in STAKEHOLDERS.fields if f.pilot}
ADD = ("add-pilot", "chat", "--name", "Chatten met klanten")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return in_git(copy_sample(tmp_path / "repo"))


def people(root: Path) -> dict[str, Any]:
    """Every stakeholder file's values, by its path below the stakeholders folder."""
    folder = root / "stakeholders"
    return {
        p.relative_to(folder).as_posix(): load(p.read_text(encoding="utf-8-sig")).data
        for p in sorted(folder.rglob("*.y*ml"))
    }


def expect_moved(before: dict[str, Any], after: dict[str, Any], first: str) -> None:
    """Each file holds what it held, its judgement under `pilots: <first>:`."""
    assert before.keys() == after.keys()
    for path, was in before.items():
        wanted = {k: v for k, v in was.items() if k not in JUDGED}
        wanted["pilots"] = {first: {k: v for k, v in was.items() if k in JUDGED}}
        assert after[path] == wanted, path


def report(root: Path, audience: str) -> dict[str, Any]:
    result = pilotbook("report", "--format", "json", "--audience", audience, cwd=root)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def unchanged(root: Path) -> bool:
    return git(root, "status", "--porcelain") == ""


def test_the_sample_moves_to_several_pilots_without_losing_a_value(sample):
    before = people(sample)
    reports = {audience: report(sample, audience) for audience in ("team", "intranet")}
    result = pilotbook(*ADD, "--first-id", "video", cwd=sample)
    assert result.returncode == 0, result.stderr
    expect_moved(before, people(sample), "video")
    config = yaml.load((sample / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    options = next(
        p["pilotbook"] for p in config["plugins"] if isinstance(p, dict) and "pilotbook" in p
    )
    assert options["pilots"] == [
        {"id": "video", "name": "Videobellen met klanten"},
        {"id": "chat", "name": "Chatten met klanten"},
    ]
    # Round trip: the first pilot's report is the one pilot's report, in both views
    # (and its pages the one pilot's pages: see below).
    for audience, was in reports.items():
        first, added = report(sample, audience)["pilots"]
        assert (first.pop("id"), first.pop("name")) == ("video", "Videobellen met klanten")
        assert first == was
        assert (added["id"], added["stakeholders"]) == ("chat", [])
    assert "the pilot it ran is now 'video'" in result.stderr
    assert "add 'chat: {}' under 'pilots:'" in result.stderr


# A link in a generated page: Markdown's `](target)` or an attribute's `href="target"`.
LINK = re.compile(r'(\]\(|href=")([^)"#\s]*)')


def generated(root: Path, out: Path, audience: str) -> dict[str, str]:
    """The pages `pilotbook generate` writes for `audience`, by their path in the docs."""
    result = pilotbook("generate", str(out), cwd=root, env={"PILOTBOOK_AUDIENCE": audience})
    assert result.returncode == 0, result.stderr
    docs = out / "docs"
    return {p.relative_to(docs).as_posix(): p.read_text() for p in docs.rglob("*.md")}


def as_one_pilot(path: str, text: str, folder: str, name: str) -> str:
    """A page of the pilot in `folder` as the same page of a one-pilot handbook would be:
    every link resolved to the address it leads to, the pilot's folder left out of it,
    and the pilot's name left out of the titles that carry it."""

    def absolute(match: re.Match[str]) -> str:
        target = match.group(2)
        if not target or "://" in target:
            return match.group(0)
        address = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
        if folder:
            address = re.sub(rf"^stakeholders/{folder}(/|$)", r"stakeholders\1", address)
        return f"{match.group(1)}/{address}"

    text = LINK.sub(absolute, text)
    return text.replace(f" – {name}", "").replace(f" in {name}", "") if name else text


@pytest.mark.parametrize("audience", ["team", "intranet"])
def test_the_first_pilots_pages_are_the_one_pilots_pages(sample, tmp_path, audience):
    """Round trip of the site: after add-pilot, each page of the first pilot says what
    the same page said before, but for its folder and its name in the title; and the
    same people have a page."""
    before = generated(sample, tmp_path / "before", audience)
    assert pilotbook(*ADD, "--first-id", "video", cwd=sample).returncode == 0
    after = generated(sample, tmp_path / "after", audience)
    name = "Videobellen met klanten"
    was = {
        path: as_one_pilot(path, text, "", "")
        for path, text in before.items()
        if path.startswith("stakeholders/") and not path.startswith("stakeholders/people/")
    }
    now = {
        path.replace("stakeholders/video/", "stakeholders/", 1): as_one_pilot(
            path, text, "video", name
        )
        for path, text in after.items()
        if path.startswith("stakeholders/video/")
    }
    assert len(was) >= 8 and now == was
    assert {p for p in after if p.startswith("stakeholders/people/")} == {
        p for p in before if p.startswith("stakeholders/people/")
    }


def test_it_prints_the_diff_it_made(sample):
    result = pilotbook(*ADD, "--first-id", "video", cwd=sample)
    assert result.returncode == 0, result.stderr
    changed = sorted(line[3:] for line in git(sample, "status", "--porcelain").splitlines())
    printed = sorted(line[6:] for line in result.stdout.splitlines() if line.startswith("+++ b/"))
    assert printed == changed and "mkdocs.yml" in changed
    assert "stakeholders/schema.json" in changed  # the editors' copy follows
    # The printed diff is the change: taken back, the work tree is as committed.
    undone = subprocess.run(
        ["git", "apply", "-R"], cwd=sample, input=result.stdout, text=True, capture_output=True
    )
    assert undone.returncode == 0, undone.stderr
    assert unchanged(sample)


def test_the_migrated_handbook_checks_and_diffs_as_one_pilot_grown_to_two(sample):
    assert pilotbook(*ADD, "--first-id", "video", cwd=sample).returncode == 0
    checked = pilotbook("check", "--format", "json", cwd=sample)
    codes = {p["code"] for p in json.loads(checked.stdout)["problems"]}
    # The new pilot has nobody yet; nothing else is new (no stale schema, say).
    assert "pilot-without-people" in codes and not codes & {"stale-schema", "unknown-key"}
    found = json.loads(pilotbook("diff", "main", "--format", "json", cwd=sample).stdout)
    assert [(m["part"], m["id"], m["change"]) for m in found["method"]] == [
        ("pilots", "video", "added"),
        ("pilot", "chat", "added"),
    ]
    assert found["stakeholders"] == []
    video = found["pilots"][0]
    assert (video["id"], video["stakeholders"], video["disciplines"]) == ("video", [], [])
    markdown = pilotbook("diff", "main", cwd=sample).stdout
    assert (
        "- Het handboek heeft nu meerdere pilots: zijn ene pilot is nu Videobellen met klanten "
        "(video)." in markdown
    )
    # And back: the handbook has one pilot again, its shortlist as it was.
    git(sample, "commit", "-qam", "two pilots")
    git(sample, "checkout", "-q", "main~1", "--", ".")
    back = json.loads(pilotbook("diff", "HEAD", "--format", "json", cwd=sample).stdout)
    assert [(m["part"], m["change"]) for m in back["method"]] == [
        ("pilots", "removed"),
        ("pilot", "removed"),
    ]
    assert back["pilots"][0]["stakeholders"] == []


def test_the_first_pilots_id_is_made_from_its_name(sample):
    result = pilotbook(*ADD, cwd=sample)
    assert result.returncode == 0, result.stderr
    marieke = load((sample / "stakeholders/legal/marieke-smits.yml").read_text()).data
    assert list(marieke["pilots"]) == ["videobellen-met-klanten"]


def test_comments_order_and_layout_stay_and_every_form_keeps_its_values(sample):
    files = {
        # Comments and blank lines, a block text, a folded one.
        "it/anna.yml": (
            "# yaml-language-server: $schema=../schema.json\n"
            "name: Anna de Vries  # as she writes it\n"
            "discipline: it\n"
            "\n"
            "# Asked on 3 May\n"
            "answers:\n"
            "  impact: ja   # she decides\n"
            '  expectations: "?"\n'
            "notes: |\n"
            "  Line one\n"
            "\n"
            "  Line three\n"
            "expectation: >\n"
            "  Folded\n"
            "  text\n"
            "reviewed: 2024-05-01\n"
        ),
        # One flow mapping, Windows line ends, a byte-order mark, no last line end.
        "it/ben.yml": "{name: Ben, discipline: it, answers: {impact: nee}}\n",
        "it/carla.yml": "name: Carla\r\ndiscipline: it\r\nanswers:\r\n  impact: ja\r\n",
        "it/dirk.yml": "\ufeffname: Dirk\ndiscipline: it\nanswers: {impact: ja}",
        # No judgement at all: he takes part in the first pilot, not judged yet.
        "it/eric.yml": "name: Eric\ndiscipline: it\n",
    }
    for relative, text in files.items():
        (sample / "stakeholders" / relative).write_bytes(text.encode())
    git(sample, "add", "-A")
    git(sample, "commit", "-qm", "more people")
    before = people(sample)
    result = pilotbook(*ADD, "--first-id", "video", cwd=sample)
    assert result.returncode == 0, result.stderr
    expect_moved(before, people(sample), "video")
    anna = (sample / "stakeholders/it/anna.yml").read_text()
    assert anna == (
        "# yaml-language-server: $schema=../schema.json\n"
        "name: Anna de Vries  # as she writes it\n"
        "discipline: it\n"
        "\n"
        "pilots:\n"
        "  video:\n"
        "    # Asked on 3 May\n"
        "    answers:\n"
        "      impact: ja   # she decides\n"
        '      expectations: "?"\n'
        "    expectation: >\n"
        "      Folded\n"
        "      text\n"
        "notes: |\n"
        "  Line one\n"
        "\n"
        "  Line three\n"
        "reviewed: 2024-05-01\n"
    )
    assert (sample / "stakeholders/it/carla.yml").read_bytes().count(b"\r\n") == 6
    assert (sample / "stakeholders/it/dirk.yml").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (sample / "stakeholders/it/eric.yml").read_text().endswith("pilots:\n  video: {}\n")


def test_a_thousand_people_lose_no_value(tmp_path):
    root = copy_sample(tmp_path / "repo", stakeholders=False)
    (root / "callers").mkdir()
    load_bench().write_stakeholders(root, 1000)
    in_git(root)
    before = people(root)
    was = report(root, "team")
    result = pilotbook(*ADD, "--first-id", "video", cwd=root)
    assert result.returncode == 0, result.stderr
    expect_moved(before, people(root), "video")
    first = report(root, "team")["pilots"][0]
    del first["id"], first["name"]
    assert first == was


def test_a_handbook_with_pilots_gains_one_more_and_no_file_else_changes(tmp_path):
    root = in_git(three_pilots(tmp_path / "repo"))
    before = people(root)
    result = pilotbook("add-pilot", "ident", "--name", "Video-identificatie", cwd=root)
    assert result.returncode == 0, result.stderr
    assert git(root, "status", "--porcelain").split() == ["M", "mkdocs.yml"]
    assert people(root) == before
    config = (root / "mkdocs.yml").read_text()
    assert config.endswith(
        "              short: Verwachting helder\n"
        "              needed: yes\n"
        "        - id: ident\n"
        '          name: "Video-identificatie"\n'
    )
    found = report(root, "team")["pilots"]
    assert [p["id"] for p in found] == ["video", "chat", "cobrowse", "ident"]


@pytest.mark.parametrize(
    ("plugins", "options"),
    [
        ("plugins:\n  - search\n  - pilotbook\n", {}),
        ("plugins:\n  search: {}\n  pilotbook:\n    pilot: Video\n", {"pilot": "Video"}),
        ("plugins: [search, {pilotbook: {pilot: Video}}]\n", {"pilot": "Video"}),
    ],
    ids=["name-alone", "mapping", "flow"],
)
def test_each_way_of_enabling_the_plugin_gains_pilots(tmp_path, plugins, options):
    root = tmp_path / "repo"
    write(root, "mkdocs.yml", f"site_name: Video\ndocs_dir: content\n{plugins}")
    write(root, "content/index.md", "# Video\n")
    write(root, "stakeholders/it/anna.yml", "name: Anna\ndiscipline: it\n")
    in_git(root)
    result = pilotbook(*ADD, "--first-id", "video", cwd=root)
    assert result.returncode == 0, result.stderr
    config = yaml.load((root / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    plugins_now = config["plugins"]
    entry = (
        plugins_now["pilotbook"] if isinstance(plugins_now, dict) else plugins_now[1]["pilotbook"]
    )
    assert entry == {
        **options,
        "pilots": [{"id": "video", "name": "Video"}, {"id": "chat", "name": "Chatten met klanten"}],
    }
    assert pilotbook("check", cwd=root).returncode in (0, 1)
    assert [p["id"] for p in report(root, "team")["pilots"]] == ["video", "chat"]


def test_the_file_that_sets_the_plugins_is_the_one_changed(tmp_path):
    root = tmp_path / "repo"
    write(root, "base.yml", "site_name: Video\nplugins:\n  - pilotbook:\n      pilot: Video\n")
    write(root, "mkdocs.yml", "INHERIT: base.yml\ndocs_dir: content\n")
    write(root, "content/index.md", "# Video\n")
    write(root, "stakeholders/it/anna.yml", "name: Anna\ndiscipline: it\n")
    in_git(root)
    result = pilotbook(*ADD, "--first-id", "video", cwd=root)
    assert result.returncode == 0, result.stderr
    assert git(root, "status", "--porcelain").split() == [
        "M",
        "base.yml",
        "M",
        "stakeholders/it/anna.yml",
    ]


def test_uncommitted_changes_to_a_file_it_would_touch_are_refused(sample):
    marieke = sample / "stakeholders/legal/marieke-smits.yml"
    marieke.write_text(marieke.read_text() + "reviewed: 2024-01-01\n")
    write(sample, "stakeholders/it/new.yml", "name: Nieuw\ndiscipline: it\n")
    result = pilotbook(*ADD, "--first-id", "video", cwd=sample)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert (
        "stakeholders/it/new.yml:1:1: error: git does not track this file, so add-pilot could "
        "not give back its last version: commit it first (git add, git commit), then run "
        "add-pilot again (uncommitted-changes)"
    ) in lines
    assert any(
        line.startswith("stakeholders/legal/marieke-smits.yml:1:1: error: this file has changes")
        and line.endswith("(uncommitted-changes)")
        for line in lines
    )
    assert git(sample, "status", "--porcelain").split() == [
        "M",
        "stakeholders/legal/marieke-smits.yml",
        "??",
        "stakeholders/it/new.yml",
    ]
    # Changes elsewhere (a page) are no reason to refuse.
    git(sample, "checkout", "-q", "--", ".")
    (sample / "stakeholders/it/new.yml").unlink()
    write(sample, "content/notes.md", "# Notes\n")
    assert pilotbook(*ADD, "--first-id", "video", cwd=sample).returncode == 0


def test_outside_git_it_asks_for_force(tmp_path):
    root = copy_sample(tmp_path / "handbook")
    before = people(root)
    result = pilotbook(*ADD, "--first-id", "video", cwd=root)
    assert result.returncode == 1
    assert result.stderr.startswith("mkdocs.yml:1:1: error: no git repository holds the handbook")
    assert result.stderr.rstrip().endswith("(not-in-git)")
    assert people(root) == before
    forced = pilotbook(*ADD, "--first-id", "video", "--force", cwd=root)
    assert forced.returncode == 0, forced.stderr
    assert "their last version is not kept" in forced.stderr
    expect_moved(before, people(root), "video")


def test_a_file_it_cannot_read_stops_it_before_anything_is_written(sample):
    write(sample, "stakeholders/it/broken.yml", "name: Kapot\nanswers: {impact: ja\n")
    git(sample, "add", "-A")
    git(sample, "commit", "-qm", "broken")
    result = pilotbook(*ADD, "--first-id", "video", cwd=sample)
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("stakeholders/it/broken.yml:1:1: error: add-pilot cannot move this file")
    assert "line 3: invalid YAML" in line and line.endswith("(not-movable)")
    assert unchanged(sample)


@pytest.mark.parametrize(
    "args",
    [
        ("add-pilot", "Chat!", "--name", "Chat"),
        ("add-pilot", "chat"),
        ("add-pilot", "chat", "--name", "  "),
        ("add-pilot", "chat", "--name", "Chat", "--first-id", "Video Calls"),
    ],
    ids=["id", "no-name", "empty-name", "first-id"],
)
def test_wrong_usage_exits_2(sample, args):
    result = pilotbook(*args, cwd=sample)
    assert result.returncode == 2, result.stderr
    assert "pilotbook add-pilot: error:" in result.stderr
    assert unchanged(sample)


def test_first_id_on_a_handbook_with_pilots_is_wrong_usage(tmp_path):
    root = in_git(three_pilots(tmp_path / "repo"))
    result = pilotbook("add-pilot", "ident", "--name", "Id", "--first-id", "x", cwd=root)
    assert result.returncode == 2 and "leave --first-id out" in result.stderr
    assert unchanged(root)


def test_an_id_the_handbook_has_is_refused_where_it_stands(tmp_path):
    root = in_git(three_pilots(tmp_path / "repo"))
    result = pilotbook("add-pilot", "chat", "--name", "Chat", cwd=root)
    assert result.returncode == 1
    assert result.stderr.startswith("pilotbook: error: mkdocs.yml:")
    assert "the handbook has a pilot 'chat' already (Chatten met klanten)" in result.stderr
    line = int(result.stderr.split(":")[3])
    assert (root / "mkdocs.yml").read_text().splitlines()[line - 1].strip() == "- id: chat"
    same = pilotbook("add-pilot", "video", "--name", "Video", "--first-id", "video", cwd=root)
    assert same.returncode == 2
    one = in_git(copy_sample(tmp_path / "one"))
    taken = pilotbook("add-pilot", "video", "--name", "V", "--first-id", "video", cwd=one)
    assert taken.returncode == 1 and "would have the id 'video' too" in taken.stderr
    assert unchanged(root) and unchanged(one)
