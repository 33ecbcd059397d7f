"""`pilotbook diff` on a real git repository, changed the ways a pilot lead changes it."""

from __future__ import annotations

import html
import json
import resource
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ENV, SAMPLE_CALL_TEAM, copy_sample, limits, pilotbook, run, write
from hypothesis import given, settings
from hypothesis import strategies as st

from pilotbook.config.options import read_options
from pilotbook.method.model import DEFAULT_METHOD
from pilotbook.records import revisions
from pilotbook.records.loading import Loaded
from pilotbook.records.stakeholders import Stakeholder
from pilotbook.review.diff import MARKER, Side, compare
from pilotbook.screening.shortlist import screen


def git(repo, *args):
    result = run(["git", *args], repo)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def repo(tmp_path):
    return in_git(copy_sample(tmp_path / "repo"))


def in_git(repo):
    """`repo` made a git repository, with all it holds committed on main."""
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "lead@example.org")
    git(repo, "config", "user.name", "Pilot Lead")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "sample")
    return repo


def diff_json(repo, *args):
    result = pilotbook("diff", *args, "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def edit(repo, relative, old, new):
    path = repo / relative
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_no_changes_says_so_in_one_line(repo):
    result = pilotbook("diff", "main", cwd=repo)
    assert result.stdout.splitlines() == [MARKER, "**Geen wijzigingen in de stakeholders.**", ""]
    assert diff_json(repo, "main")["stakeholders"] == []


def test_an_edited_answer_shows_the_answer_the_status_and_the_reason(repo):
    edit(repo, "stakeholders/legal/marieke-smits.yml", "appointed: nee", "appointed: ja")
    data = diff_json(repo, "main")
    (change,) = data["stakeholders"]
    assert change["id"] == "legal/marieke-smits"
    assert change["change"] == "changed"
    assert change["answers"] == [{"question": "appointed", "before": False, "after": True}]
    assert change["status"] == {"before": "shortlisted", "after": "excluded"}
    assert change["reason"] == "Deze stakeholder is al via een andere weg aangewezen."
    assert data["disciplines"] == [
        {"id": "legal", "before": "decided", "after": "covered", "lost_coverage": False}
    ]
    markdown = pilotbook("diff", "main", cwd=repo).stdout
    assert (
        "- Juridisch en compliance: Marieke Smits op de shortlist → afgevallen, reden: "
        "Deze stakeholder is al via een andere weg aangewezen."
    ) in markdown
    assert "| Marieke Smits | Al aangewezen: nee → ja | op de shortlist → afgevallen |" in markdown


def test_loss_of_coverage_comes_first_and_is_marked(repo):
    edit(repo, "stakeholders/it/jeroen-meijer.yml", "impact: ja", "impact: nee")
    edit(repo, "stakeholders/facilities/kees-van-leeuwen.yml", 'impact: "?"', "impact: ja")
    data = diff_json(repo, "main")
    assert [(d["id"], d["after"], d["lost_coverage"]) for d in data["disciplines"]] == [
        ("it", "uncovered", True),
        ("facilities", "covered", False),
    ]
    lines = pilotbook("diff", "main", cwd=repo).stdout.splitlines()
    assert lines[1] == "**⚠ Deze wijziging laat IT zonder dekking.**"
    assert "- ⚠ **IT: gedekt → niet gedekt** (verliest dekking)" in lines
    assert lines.index("- ⚠ **IT: gedekt → niet gedekt** (verliest dekking)") < lines.index(
        "- Facilitair: niet gedekt → gedekt"
    )


def test_added_removed_and_moved_files(repo):
    write(repo, "stakeholders/it/nina-bos.yml", "name: Nina Bos\ndiscipline: it\n")
    (repo / "stakeholders/sales/noor-hendriks.yml").unlink()
    git(repo, "mv", "stakeholders/sales/peter-visser.yml", "stakeholders/sales/peter-visser-2.yml")
    (repo / "stakeholders/omgeving/media.yml").unlink()
    write(repo, "stakeholders/omgeving/influencers.yml", "name: Influencers\nexternal: indirect\n")
    changes = {c["id"]: c for c in diff_json(repo, "main")["stakeholders"]}
    assert {i: c["change"] for i, c in changes.items()} == {
        "it/nina-bos": "added",
        "sales/noor-hendriks": "removed",
        "sales/peter-visser-2": "renamed",
        "omgeving/media": "removed",
        "omgeving/influencers": "added",
    }
    assert changes["sales/peter-visser-2"]["previous_id"] == "sales/peter-visser"
    assert changes["sales/peter-visser-2"]["status"] == {
        "before": "shortlisted",
        "after": "shortlisted",
    }
    assert changes["omgeving/media"]["status"] == {"before": None, "after": None}
    markdown = pilotbook("diff", "main", cwd=repo).stdout
    assert "| Peter Visser | verplaatst van sales/peter-visser | op de shortlist |" in markdown
    assert "| Nina Bos | nieuw | – → nog niet beoordeeld |" in markdown
    assert "| De media | verwijderd | Extern, indirect |" in markdown
    assert "| Influencers | nieuw | Extern, indirect |" in markdown


def test_an_interview_decision_is_reported(repo):
    edit(repo, "stakeholders/marketing/sanne-de-boer.yml", "extra:", "interview: selected\nextra:")
    data = diff_json(repo, "main")
    (change,) = data["stakeholders"]
    assert change["interview"] == {"before": None, "after": "selected"}
    assert data["disciplines"][0]["after"] == "decided"
    markdown = pilotbook("diff", "main", cwd=repo).stdout
    assert "interview: – → Gekozen na gesprek" in markdown


def test_a_broken_file_is_listed_and_the_rest_still_compared(repo):
    write(repo, "stakeholders/legal/ruben-kok.yml", "name: Ruben Kok\ndicipline: legal\n")
    edit(repo, "stakeholders/it/hanna-bos.yml", "appointed: ja", "appointed: nee")
    data = diff_json(repo, "main")
    changes = {c["id"]: c["change"] for c in data["stakeholders"]}
    assert changes == {"legal/ruben-kok": "invalid", "it/hanna-bos": "changed"}
    (problem,) = data["problems"]["head"]
    assert problem["path"] == "stakeholders/legal/ruben-kok.yml"
    assert (problem["line"], problem["column"]) == (2, 1)
    markdown = pilotbook("diff", "main", cwd=repo).stdout
    assert markdown.splitlines()[1].startswith("**❌ 1 fout(en) in de bestanden na de wijziging.")
    assert "stakeholders/legal/ruben-kok.yml:2:1: error: unknown key 'dicipline'" in markdown


def test_two_revisions_are_read_from_git_without_touching_the_work_tree(repo):
    edit(repo, "stakeholders/it/priya-ramdin.yml", "relationship: nee", "relationship: ja")
    git(repo, "commit", "-qam", "Priya now has a lively relationship")
    write(repo, "stakeholders/it/unsaved.yml", "name: Unsaved\ndiscipline: it\n")
    before = {p: p.read_bytes() for p in (repo / "stakeholders").rglob("*.yml")}
    data = diff_json(repo, "main~1", "main")
    assert [c["id"] for c in data["stakeholders"]] == ["it/priya-ramdin"]
    assert data["disciplines"] == [
        {"id": "it", "before": "covered", "after": "interview", "lost_coverage": False}
    ]
    assert {p: p.read_bytes() for p in (repo / "stakeholders").rglob("*.yml")} == before


def test_works_in_a_shallow_clone_once_base_is_fetched(repo, tmp_path):
    edit(repo, "stakeholders/it/priya-ramdin.yml", "relationship: nee", "relationship: ja")
    git(repo, "commit", "-qam", "change")
    clone = tmp_path / "clone"
    run(["git", "clone", "-q", "--depth=1", f"file://{repo}", str(clone)], tmp_path)
    missing = pilotbook("diff", "main~1", cwd=clone)
    assert missing.returncode == 1
    assert "fetch it first" in missing.stderr
    base = git(repo, "rev-parse", "main~1").strip()
    git(clone, "fetch", "-q", "--depth=1", "origin", base)
    data = diff_json(clone, base)
    assert [c["id"] for c in data["stakeholders"]] == ["it/priya-ramdin"]


def test_names_link_to_the_published_pages(repo):
    edit(repo, "stakeholders/legal/marieke-smits.yml", "impact: ja", "impact: nee")
    result = pilotbook("diff", "main", "--site-url", "https://intranet.example/video/", cwd=repo)
    assert (
        "[Marieke Smits](<https://intranet.example/video/stakeholders/people/legal/marieke-smits/>)"
        in result.stdout
    )


def test_names_link_only_to_pages_the_sites_audience_has(repo):
    edit(repo, "stakeholders/legal/marieke-smits.yml", "impact: ja", "impact: nee")
    result = pilotbook(
        "diff",
        "main",
        "--site-url",
        "https://i.example/",
        cwd=repo,
        env={"PILOTBOOK_AUDIENCE": "intranet"},
    )
    assert result.returncode == 0, result.stderr
    # Excluded now: the intranet site has no page for her, so her name is not a link.
    assert "Marieke Smits" in result.stdout
    assert "people/legal/marieke-smits" not in result.stdout


def test_diff_outside_a_repository_is_a_clear_error(tmp_path):
    shutil.copytree(copy_sample(tmp_path / "plain"), tmp_path / "copy")
    result = pilotbook("diff", "main", cwd=tmp_path / "copy")
    assert result.returncode == 1
    assert "not inside a git repository" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_broken_in_the_base_and_repaired_now(repo):
    write(repo, "stakeholders/it/hanna-bos.yml", "name: Hanna Bos\ndiscipline: itt\n")
    git(repo, "commit", "-qam", "broken")
    write(repo, "stakeholders/it/hanna-bos.yml", "name: Hanna Bos\ndiscipline: it\n")
    data = diff_json(repo, "main")
    (change,) = data["stakeholders"]
    assert (change["id"], change["change"]) == ("it/hanna-bos", "repaired")
    (problem,) = data["problems"]["base"]
    assert problem["path"] == "main:stakeholders/it/hanna-bos.yml"
    assert data["problems"]["head"] == []
    markdown = pilotbook("diff", "main", cwd=repo).stdout
    assert "| Hanna Bos | weer leesbaar | – → nog niet beoordeeld |" in markdown
    assert "### Problemen in de basis" in markdown
    assert "main:stakeholders/it/hanna-bos.yml:2:13: error: unknown 'discipline' value" in markdown


def test_changes_in_involvement_and_on_the_grid_are_reported_with_the_reason(repo):
    edit(repo, "stakeholders/sales/peter-visser.yml", "setup: collaborate", "setup: inform")
    edit(repo, "stakeholders/omgeving/media.yml", "influence: low", "influence: high")
    # Influence from another question: Marieke Smits (shortlisted) answered 'no' to it.
    edit(repo, "mkdocs.yml", SAMPLE_PILOT, SAMPLE_PILOT + "      grid: {influence: appointed}\n")
    # Excluded now: her approach goes with her place on the shortlist, which the diff tells.
    edit(
        repo, "stakeholders/legal/thomas-de-graaf.yml", "relationship: true", "relationship: false"
    )
    data = {c["id"]: c for c in diff_json(repo, "main")["stakeholders"]}
    assert data["sales/peter-visser"]["involvement"] == [
        {"phase": "setup", "before": "collaborate", "after": "inform"}
    ]
    assert data["omgeving/media"]["quadrant"] == {
        "before": "monitor",
        "after": "keep-satisfied",
        "because": "explicit",
    }
    assert data["legal/marieke-smits"]["quadrant"] == {
        "before": "manage-closely",
        "after": "keep-informed",
        "because": "answer",
    }
    graaf = data["legal/thomas-de-graaf"]
    assert graaf["status"] == {"before": "shortlisted", "after": "excluded"}
    assert graaf["quadrant"] is None
    markdown = pilotbook("diff", "main", cwd=repo).stdout
    assert "Betrokkenheid opzetten: samenwerken → informeren" in markdown
    assert "Aanpak: volgen → tevreden houden (staat in het bestand)" in markdown
    assert "Aanpak: nauw betrekken → op de hoogte houden (volgt uit het antwoord)" in markdown
    graaf_row = next(line for line in markdown.splitlines() if "| Thomas de Graaf |" in line)
    assert "Aanpak" not in graaf_row and "op de shortlist → afgevallen" in graaf_row


# Each side is judged by its own configuration ----------------------------------------

DISCIPLINES = """\
      disciplines:
        - id: marketing
          label: Marketing
        - id: {sales}
          label: {label}
        - id: legal
          label: Juridisch en compliance
        - id: facilities
          label: Facilitair
        - id: it
          label: IT
"""
SAMPLE_PILOT = "      pilot: Videobellen met klanten\n"


def with_disciplines(repo, sales, label):
    edit(
        repo,
        "mkdocs.yml",
        SAMPLE_PILOT,
        SAMPLE_PILOT + DISCIPLINES.format(sales=sales, label=label),
    )


def rename_sales_to_verkoop(repo):
    """What a pilot lead does to rename a discipline: its id, its folder, its files."""
    with_disciplines(repo, "verkoop", "Verkoop")
    git(repo, "mv", "stakeholders/sales", "stakeholders/verkoop")
    for path in (repo / "stakeholders/verkoop").glob("*.yml"):
        path.write_text(path.read_text().replace("discipline: sales", "discipline: verkoop"))


def test_a_renamed_discipline_is_a_method_change_and_its_people_moved(repo):
    # From the default disciplines to a list of them with Dutch labels only: the
    # labels a Dutch handbook shows stay the same but for the renamed one, whose
    # people all moved with it.
    rename_sales_to_verkoop(repo)
    git(repo, "commit", "-qam", "sales is verkoop now")
    for args in (("main~1", "main"), ("main~1",)):
        data = diff_json(repo, *args)
        assert data["problems"] == {"base": [], "head": []}
        assert [(m["part"], m["previous_id"], m["id"], m["change"]) for m in data["method"]] == [
            ("discipline", "sales", "verkoop", "renamed"),
        ]
        people = data["stakeholders"]
        assert {c["change"] for c in people} == {"renamed"}
        assert {c["previous_id"] for c in people} == {
            f"sales/{p.stem}" for p in (repo / "stakeholders/verkoop").glob("*.yml")
        }
        assert all(c["status"]["before"] == c["status"]["after"] for c in people)
        assert data["disciplines"] == []
    markdown = pilotbook("diff", "main~1", "main", cwd=repo).stdout
    lines = markdown.splitlines()
    assert lines[1].startswith("**De methode is gewijzigd.")
    assert lines[3:7] == [
        "### Methode",
        "",
        "- Discipline hernoemd: Verkoop (sales → verkoop); naam “Sales” → “Verkoop”",
        "",
    ]
    assert "| Peter Visser | verplaatst van sales/peter-visser | op de shortlist |" in markdown
    assert "nieuw" not in markdown and "Problemen" not in markdown


def test_a_changed_needed_answer_is_a_method_change_with_its_effect_on_people(repo):
    questions = "\n".join(
        f"        - id: {q}\n          text: {q}?\n          needed: {needed}"
        for q, needed in (
            ("impact", "yes"),
            ("expectations", "yes"),
            ("relationship", "yes"),
            ("replaceable", "no"),
            ("appointed", "{appointed}"),
        )
    )
    edit(repo, "mkdocs.yml", SAMPLE_PILOT, SAMPLE_PILOT + "      questions:\n" + questions + "\n")
    config = (repo / "mkdocs.yml").read_text()
    (repo / "mkdocs.yml").write_text(config.replace("{appointed}", "no"))
    git(repo, "commit", "-qam", "the questions spelled out")
    (repo / "mkdocs.yml").write_text(config.replace("{appointed}", "yes"))
    data = diff_json(repo, "main")
    assert data["method"] == [
        {
            "part": "question",
            "id": "appointed",
            "previous_id": None,
            "change": "changed",
            "name": "appointed",
            "before": None,
            "after": None,
            "needed": {"before": False, "after": True},
        }
    ]
    people = {c["id"]: c for c in data["stakeholders"]}
    smits = people["legal/marieke-smits"]
    assert (smits["change"], smits["answers"]) == ("changed", [])
    assert smits["status"] == {"before": "shortlisted", "after": "excluded"}
    assert smits["reason"] == "Het antwoord op 'appointed?' is niet ja."
    markdown = pilotbook("diff", "main", cwd=repo).stdout
    assert "- Vraag appointed (appointed): nodig antwoord nee → ja" in markdown
    assert (
        "- Juridisch en compliance: Marieke Smits op de shortlist → afgevallen, reden: "
        "Het antwoord op 'appointed?' is niet ja."
    ) in markdown
    assert "| Marieke Smits | door de gewijzigde methode | op de shortlist → afgevallen |" in (
        markdown
    )


def test_a_revision_with_a_broken_configuration_gets_a_located_problem(repo):
    edit(
        repo,
        "mkdocs.yml",
        SAMPLE_PILOT,
        SAMPLE_PILOT + "      disciplines:\n        - id: Sales!\n",
    )
    git(repo, "commit", "-qam", "a broken discipline")
    git(repo, "checkout", "-q", "main~1", "--", "mkdocs.yml")
    result = pilotbook("diff", "main", "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    (problem,) = data["problems"]["base"]
    assert problem["path"] == "main:mkdocs.yml"
    line = git(repo, "show", "main:mkdocs.yml").splitlines().index("        - id: Sales!") + 1
    assert (problem["line"], problem["column"], problem["code"]) == (line, 15, "invalid-option")
    assert data["configuration"]["base"] == {"path": "main:mkdocs.yml", "fallback": "broken"}
    # Judged by the work tree's method instead, nobody changed.
    assert data["stakeholders"] == [] and data["method"] == []
    markdown = pilotbook("diff", "main", cwd=repo).stdout
    assert f"main:mkdocs.yml:{line}:15: error: 'id' must be lower-case letters" in markdown
    assert "main:mkdocs.yml heeft fouten (zie onder): de basis is beoordeeld" in html.unescape(
        markdown
    )
    for output in (result.stderr, markdown):
        assert "Traceback" not in output


def test_env_tags_in_a_revisions_configuration_are_read_without_resolving(repo):
    assert "!ENV [PILOTBOOK_OFFLINE, false]" in (repo / "mkdocs.yml").read_text()
    edit(repo, "mkdocs.yml", "site_name: Pilot", "site_url: !ENV SITE_URL\nsite_name: Pilot")
    edit(repo, "mkdocs.yml", SAMPLE_PILOT, SAMPLE_PILOT + "      language: en\n")
    git(repo, "commit", "-qam", "English, and the site's address from the environment")
    edit(repo, "stakeholders/legal/marieke-smits.yml", "appointed: nee", "appointed: ja")
    git(repo, "commit", "-qam", "appointed")
    data = diff_json(repo, "main~1", "main")
    assert data["problems"] == {"base": [], "head": []}
    assert data["configuration"]["base"] == {"path": "main~1:mkdocs.yml", "fallback": None}
    # The revision's own language: English.
    assert (
        data["stakeholders"][0]["reason"]
        == "This stakeholder has already been appointed by another route."
    )


def test_a_base_without_configuration_is_judged_by_the_work_trees_method(repo):
    git(repo, "rm", "-q", "--cached", "mkdocs.yml")
    git(repo, "commit", "-qm", "no configuration yet")
    rename_sales_to_verkoop(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "configuration, and sales is verkoop")
    data = diff_json(repo, "main~1", "main")
    assert data["configuration"]["base"] == {"path": "main~1:mkdocs.yml", "fallback": "missing"}
    assert data["method"] == []
    # Judged by verkoop's method, the old files name a discipline it does not have.
    assert data["problems"]["base"]
    markdown = html.unescape(pilotbook("diff", "main~1", "main", cwd=repo).stdout)
    assert (
        "> main~1:mkdocs.yml bestaat niet: de basis is beoordeeld met de methode van de werkmap."
        in markdown.splitlines()
    )


def test_a_handbook_whose_path_is_not_utf8_is_compared(tmp_path):
    folder = tmp_path / "hand\udcfebook"  # the byte 0xfe, as Python names it
    repo = copy_sample(folder / "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "-c", "user.email=a@b", "-c", "user.name=A", "add", "-A")
    git(repo, "-c", "user.email=a@b", "-c", "user.name=A", "commit", "-qm", "sample")
    edit(repo, "stakeholders/legal/marieke-smits.yml", "appointed: nee", "appointed: ja")
    data = diff_json(repo, "main")
    assert [change["id"] for change in data["stakeholders"]] == ["legal/marieke-smits"]


def test_outside_git_a_build_asks_git_nothing(tmp_path, monkeypatch):
    """A handbook copied out of its repository gets no date, and no git is started."""
    folder = tmp_path / "copy" / "stakeholders"
    folder.mkdir(parents=True)
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)
    started = []
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: started.append(a))
    assert revisions.last_change(folder) is None
    assert revisions.last_commit_time(folder.parent) is None
    assert not started


def test_a_worktree_s_git_file_is_a_repository_too(tmp_path):
    """`git worktree add` leaves a `.git` file, not a folder: dates still come from git."""
    main = tmp_path / "main"
    write(main, "stakeholders/a.yml", "name: Anna\ndiscipline: legal\n")
    git(main, "init", "-q")
    git(main, "add", "-A")
    git(main, "-c", "user.name=A", "-c", "user.email=a@b.c", "commit", "-qm", "one")
    git(main, "worktree", "add", "-q", str(tmp_path / "other"))
    assert (tmp_path / "other" / ".git").is_file()
    assert revisions.last_change(tmp_path / "other" / "stakeholders") is not None
    assert revisions.last_commit_time(tmp_path / "other") is not None


def test_a_handbook_reached_through_a_symbolic_link_still_has_its_dates(tmp_path):
    """`~/pilot` may link into a folder of a larger repository: git finds it, and so
    must the check that spares starting git outside one."""
    repo = tmp_path / "monorepo"
    write(repo, "docs/pilot/stakeholders/a.yml", "name: Anna\ndiscipline: legal\n")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=A", "-c", "user.email=a@b.c", "commit", "-qm", "one")
    link = tmp_path / "home" / "pilot"
    link.parent.mkdir()
    link.symlink_to(repo / "docs" / "pilot")
    assert revisions.last_change(link / "stakeholders") is not None
    assert revisions.last_commit_time(link) is not None


# Move detection ---------------------------------------------------------------------


class CountedName(str):
    """A name that counts how often it is compared with another."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        CountedName.compared += 1
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = str.__hash__


def side(name: str, people: dict[str, str]) -> Side:
    """A side with one internal stakeholder per id (id -> name), without git."""
    stakeholders = tuple(
        Stakeholder(ident, f"{name}:{ident}.yml", CountedName(person), discipline="legal")
        for ident, person in sorted(people.items())
    )
    loaded = Loaded(stakeholders, (), len(stakeholders))
    return Side(name, loaded, screen(stakeholders, DEFAULT_METHOD))


def moves_as_before(removed, added, before, after):
    """Move detection as it was: each added file against every removed and added one."""
    moves = {}
    for new in added:
        candidates = [old for old in removed if before[old].name == after[new].name]
        twins = [other for other in added if after[other].name == after[new].name]
        if len(candidates) == 1 and len(twins) == 1:
            moves[new] = candidates[0]
    return moves


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.sampled_from("abcdefgh"), st.sampled_from("PQRS"), max_size=8),
    st.dictionaries(st.sampled_from("cdefghijkl"), st.sampled_from("PQRS"), max_size=8),
)
def test_moves_are_found_as_before_whoever_shares_a_name(old, new):
    """Unchanged results: a file moved when its name is on one removed and one added
    file only; two people of one name on either side are no move."""
    base, head = side("base", old), side("head", new)
    before = {s.id: s for s in base.screening.stakeholders}
    after = {s.id: s for s in head.screening.stakeholders}
    removed = [i for i in before if i not in after]
    added = [i for i in after if i not in before]
    expected = moves_as_before(removed, added, before, after)
    changes = compare(base, head)
    assert {c.person.id: c.before.id for c in changes.people if c.kind == "renamed"} == expected


def test_a_change_of_thousands_of_files_compares_each_name_a_few_times():
    """4,000 files moved and 4,000 added: comparisons grow with the files, not with
    their square (as they did: 80 million, seconds per thousand files)."""
    count = 4_000
    base = side("base", {f"old/p{i}": f"Person {i}" for i in range(count)})
    moved = {f"new/p{i}": f"Person {i}" for i in range(count)}
    head = side("head", {**moved, **{f"new/q{i}": f"Newcomer {i}" for i in range(count)}})
    CountedName.compared = 0
    changes = compare(base, head)
    assert sum(c.kind == "renamed" for c in changes.people) == count
    assert sum(c.kind == "added" for c in changes.people) == count
    assert CountedName.compared <= 10 * count, CountedName.compared


# Configuration read from git ---------------------------------------------------------


def alias_bomb(levels: int = 9) -> str:
    """Nine lines that a reader which writes every alias out turns into 9**9 values."""
    lines = ['x0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


# The address space a command that reads a configuration may take: an alias bomb
# written out would take more.
MEMORY_BYTES = 1 << 30


def limited(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`pilotbook ARGS` in this process, as in one of its own with MEMORY_BYTES of
    address space and a minute."""
    with limits(memory_bytes=MEMORY_BYTES):
        return pilotbook(*args, cwd=cwd)


def limited_build(site: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build -d SITE` in a process of its own with MEMORY_BYTES of address space
    and a minute."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))

    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(site)],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
        check=False,
    )


def test_an_alias_bomb_in_a_revisions_configuration_is_refused_where_it_stands(repo):
    config = (repo / "mkdocs.yml").read_text()
    bomb = config.replace(SAMPLE_PILOT, SAMPLE_PILOT + "      disciplines:\n        - id: *a8\n")
    (repo / "mkdocs.yml").write_text(alias_bomb() + bomb)
    git(repo, "commit", "-qam", "an alias bomb")
    git(repo, "checkout", "-q", "main~1", "--", "mkdocs.yml")
    result = limited("diff", "main~1", "main", "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    (problem,) = json.loads(result.stdout)["problems"]["head"]
    assert (problem["path"], problem["line"], problem["column"]) == ("main:mkdocs.yml", 5, 10)
    assert problem["code"] == "config-limit"
    assert problem["message"].startswith("with '*a3', the aliases repeat more than 10,000 values")
    markdown = limited("diff", "main~1", "main", cwd=repo).stdout
    assert "main:mkdocs.yml:5:10: error: with '*a3', the aliases repeat" in markdown


def test_an_alias_bomb_in_the_work_trees_configuration_is_refused_before_mkdocs_reads_it(repo):
    config = (repo / "mkdocs.yml").read_text()
    (repo / "mkdocs.yml").write_text(alias_bomb() + config + "extra:\n  bomb: *a8\n")
    for args in (["check"], ["report"], ["diff", "main"]):
        result = limited(*args, cwd=repo)
        assert result.returncode == 1, result.stderr
        assert result.stderr.startswith(
            "mkdocs.yml:5:10: error: with '*a3', the aliases repeat more than 10,000 values"
        ), result.stderr
        assert result.stderr.rstrip().endswith("(config-limit)")
    # The build stops when MkDocs asks the plugin to check its options, before MkDocs
    # logs each setting written out.
    build = limited_build(repo.parent / "site", cwd=repo)
    assert build.returncode == 1, build.stderr
    assert "mkdocs.yml:5:10: error: with '*a3', the aliases repeat" in build.stdout + build.stderr
    assert not (repo.parent / "site").exists()


def inherit_from(repo, parent: str, text: str) -> None:
    """mkdocs.yml inherits from `parent`, which holds `text`."""
    write(repo, parent, text)
    config = (repo / "mkdocs.yml").read_text()
    (repo / "mkdocs.yml").write_text(f"INHERIT: {parent}\n{config}")


def test_an_alias_bomb_in_an_inherited_configuration_is_refused_by_every_command(repo):
    # Two files deep: mkdocs.yml inherits from base/one.yml, which inherits from two.yml.
    inherit_from(repo, "base/one.yml", "INHERIT: two.yml\n")
    write(repo, "base/two.yml", "extra:\n" + textwrap.indent(alias_bomb(), "  "))
    expected = "base/two.yml:6:12: error: with '*a3', the aliases repeat more than 10,000"
    for args in (["check"], ["report"], ["diff", "main"], ["generate", str(repo.parent / "g")]):
        result = limited(*args, cwd=repo)
        assert result.returncode == 1, result.stderr
        assert result.stderr.startswith(expected), result.stderr
        assert result.stderr.rstrip().endswith("(config-limit)")
    build = limited_build(repo.parent / "site", cwd=repo)
    assert build.returncode == 1, build.stderr
    assert expected in build.stdout + build.stderr
    assert not (repo.parent / "site").exists()
    # In a revision, the chain is read from git with the same limits.
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "an inherited alias bomb")
    git(repo, "checkout", "-q", "main~1", "--", "mkdocs.yml")
    result = limited("diff", "main~1", "main", "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    (problem,) = json.loads(result.stdout)["problems"]["head"]
    assert (problem["path"], problem["line"], problem["code"]) == (
        "main:base/two.yml",
        6,
        "config-limit",
    )


def test_a_configuration_that_inherits_from_itself_is_refused(repo):
    inherit_from(repo, "base.yml", "INHERIT: mkdocs.yml\n")
    result = limited("check", cwd=repo)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("base.yml:1:10: error: INHERIT names mkdocs.yml, which")


def test_a_revisions_plugin_options_are_read_from_the_file_it_inherits(repo):
    config = (repo / "mkdocs.yml").read_text()
    start = config.index("plugins:\n")
    end = config.index(SAMPLE_PILOT) + len(SAMPLE_PILOT + SAMPLE_CALL_TEAM) - 1
    plugins = config[start:end] + "\n" + DISCIPLINES.format(sales="verkoop", label="Verkoop")
    (repo / "mkdocs.yml").write_text(f"INHERIT: base.yml\n{config[:start]}{config[end + 1 :]}")
    write(repo, "base.yml", plugins)
    git(repo, "mv", "stakeholders/sales", "stakeholders/verkoop")
    for path in (repo / "stakeholders/verkoop").glob("*.yml"):
        path.write_text(path.read_text().replace("discipline: sales", "discipline: verkoop"))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "the plugin's options in base.yml")
    write(repo, "base.yml", config[start:end] + "\n")  # the work tree's method differs
    data = diff_json(repo, "main~1", "main")
    assert data["problems"] == {"base": [], "head": []}
    assert [(m["previous_id"], m["id"], m["change"]) for m in data["method"]] == [
        ("sales", "verkoop", "renamed"),
    ]


def test_a_revisions_configuration_has_a_stakeholder_files_size_and_depth(repo):
    config = (repo / "mkdocs.yml").read_text()
    (repo / "mkdocs.yml").write_text(config + "extra:\n  x: " + "[" * 30 + "]" * 30 + "\n")
    git(repo, "commit", "-qam", "nested deep")
    (repo / "mkdocs.yml").write_text(config + "extra:\n  long: " + "x" * 300_000 + "\n")
    git(repo, "commit", "-qam", "too long")
    (repo / "mkdocs.yml").write_text(config)
    deep, large = (
        json.loads(limited("diff", revision, "--format", "json", cwd=repo).stdout)["problems"][
            "base"
        ][0]
        for revision in ("main~1", "main")
    )
    lines = config.count("\n")
    assert (deep["line"], deep["column"], deep["code"]) == (lines + 2, 24, "config-limit")
    assert deep["message"].startswith("the configuration is nested more than 20 levels deep")
    assert (large["path"], large["line"], large["code"]) == ("main:mkdocs.yml", 1, "config-limit")
    assert large["message"].startswith("the configuration has 3")


def test_a_configuration_keeps_its_tags_and_a_few_aliases():
    """MkDocs' own tags are read as events and never resolved or built; aliases that
    repeat a few values are what YAML has them for."""
    text = (
        "site_url: !ENV [SITE_URL, 'https://example.org/']\n"
        "hook: !!python/object/apply:os.system ['touch pwned']\n"
        "defaults: &defaults {permalink: true, toc_depth: 3}\n"
        "markdown_extensions:\n  - toc: *defaults\n  - other: *defaults\n"
        "plugins:\n  - pilotbook:\n      stakeholders_dir: people\n"
    )
    options = read_options(text.encode(), "mkdocs.yml")
    assert options.problems == () and options.stakeholders_dir == "people"
