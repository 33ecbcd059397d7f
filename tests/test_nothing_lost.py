"""No command changes the sources, and a failure never leaves a half-written result."""

from __future__ import annotations

import hashlib

from conftest import copy_sample, mkdocs_build, pilotbook, run, write

from pilotbook.site.templating import PACKAGED_TEMPLATES


def _hashes(root):
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in ("stakeholders", "content", "theme")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


def test_no_command_modifies_stakeholders_or_content(tmp_path):
    repo = copy_sample(tmp_path / "repo")
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=A", "-c", "user.email=a@b.c", "commit", "-qm", "sample"],
    ):
        assert run(["git", *args], repo).returncode == 0
    # One file broken, so the failing paths run too.
    write(repo, "stakeholders/it/broken.yml", "name: [\n")
    before = _hashes(repo)
    commands = [
        ["check"],
        ["check", "--format", "json"],
        ["check", "--format", "github"],
        ["report", "--format", "json"],
        ["report", "--format", "csv"],
        ["report", "--format", "markdown"],
        ["diff", "HEAD"],
        ["diff", "HEAD", "--format", "json"],
        ["schema"],
        ["generate", str(tmp_path / "out")],
    ]
    for args in commands:
        result = pilotbook(*args, cwd=repo)
        assert "Traceback" not in result.stderr, args
        assert _hashes(repo) == before, args
    assert mkdocs_build(repo, tmp_path / "site").returncode == 1
    (repo / "stakeholders/it/broken.yml").unlink()
    del before["stakeholders/it/broken.yml"]
    assert mkdocs_build(repo, tmp_path / "site").returncode == 0
    assert _hashes(repo) == before


def test_a_broken_template_stops_the_build_before_the_old_site_is_touched(project, tmp_path):
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    built = {p: p.read_bytes() for p in site.rglob("*.html")}
    # The handbook overrides pilotbook's template of the shortlist with a broken copy.
    template = project / "theme/pages/shortlist.md"
    lines = (PACKAGED_TEMPLATES / "shortlist.md").read_text().splitlines()
    lines.insert(5, "{{ no_such_value.label }}")
    template.parent.mkdir()
    template.write_text("\n".join(lines) + "\n")
    result = mkdocs_build(project, site)
    assert result.returncode == 1
    assert (
        "theme/pages/shortlist.md:6:1: error: the page template cannot be used: "
        "'no_such_value' is undefined"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in site.rglob("*.html")} == built


def test_a_failed_generate_leaves_the_earlier_output_whole(project, tmp_path):
    out = tmp_path / "out"
    assert pilotbook("generate", str(out), cwd=project).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write(project, "stakeholders/it/broken.yml", "name: X\ndicipline: it\n")
    result = pilotbook("generate", str(out), cwd=project)
    assert result.returncode == 1
    assert "stakeholders/it/broken.yml:2:1: error" in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handbook", "out"]
