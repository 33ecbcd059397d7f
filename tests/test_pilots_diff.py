"""`pilotbook diff` of a handbook with several pilots, on a real git repository: each
pilot's shortlist apart, every line about a pilot's judgement naming the pilot, who
someone is told once, and pilots added, removed or renamed as changes of the method.

The handbook is `conftest.three_pilots` (video, chat with its own disciplines,
cobrowse with its own questions, over shared people), committed on main; each test
changes the work tree and compares it with main.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import pilotbook, three_pilots
from test_diff import edit, git, in_git

from pilotbook.review.diff import MARKER

VIDEO, CHAT, COBROWSE = "Videobellen met klanten", "Chatten met klanten", "Meekijken met klanten"
NAMES = {"video": VIDEO, "chat": CHAT, "cobrowse": COBROWSE}
LINDA = "stakeholders/legal/linda-vos.yml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return in_git(three_pilots(tmp_path / "repo"))


def diff(repo: Path, *args: str) -> str:
    result = pilotbook("diff", "main", *args, cwd=repo)
    assert result.returncode == 0, result.stderr
    return result.stdout


def data(repo: Path) -> dict:
    return json.loads(diff(repo, "--format", "json"))


def pilot(found: dict, ident: str) -> dict:
    (only,) = [p for p in found["pilots"] if p["id"] == ident]
    return only


def section(markdown: str, name: str) -> str:
    """A pilot's section of the comment: from its heading to the next pilot's."""
    start = markdown.index(f"\n## {name} (")
    end = markdown.find("\n## ", start + 1)
    return markdown[start : end if end >= 0 else len(markdown)]


def test_no_change_says_so_and_the_refusal_is_gone(repo):
    markdown = diff(repo)
    assert markdown.startswith(f"{MARKER}\n**Geen wijzigingen in de stakeholders.**\n")
    found = data(repo)
    assert found["stakeholders"] == [] and found["method"] == []
    assert [(p["id"], p["name"], p["change"]) for p in found["pilots"]] == [
        ("video", VIDEO, None),
        ("chat", CHAT, None),
        ("cobrowse", COBROWSE, None),
    ]
    assert all(p["stakeholders"] == [] and p["disciplines"] == [] for p in found["pilots"])


def test_a_judgement_changed_in_one_pilot_is_reported_in_that_pilot_alone(repo):
    # Linda Vos is excluded in cobrowse (impact: nee); shortlisted in video and chat.
    edit(repo, LINDA, "answers: {impact: nee, expectations: ja}", "answers: {impact: ja}")
    found = data(repo)
    assert found["stakeholders"] == []  # nothing about who she is changed
    cobrowse = pilot(found, "cobrowse")
    (change,) = cobrowse["stakeholders"]
    assert change["id"] == "legal/linda-vos" and change["pilot"] == "cobrowse"
    assert change["answers"] == [
        {"question": "impact", "before": False, "after": True},
        {"question": "expectations", "before": True, "after": None},
    ]
    assert change["status"] == {"before": "excluded", "after": "pending"}
    assert pilot(found, "video")["stakeholders"] == pilot(found, "chat")["stakeholders"] == []
    markdown = diff(repo)
    # Every line about her judgement names the pilot it is in.
    about = [line for line in markdown.splitlines() if "Linda Vos" in line]
    assert about and all(COBROWSE in line for line in about)
    assert "Linda Vos" not in section(markdown, VIDEO) + section(markdown, CHAT)
    assert (
        f"| Linda Vos | {COBROWSE} | Invloed: nee → ja; Verwachting helder: ja → ? | "
        "afgevallen → nog niet beoordeeld |"
    ) in section(markdown, COBROWSE)


def test_who_someone_is_is_reported_once_and_not_per_pilot(repo):
    # Linda Vos takes part in all three pilots: her role and her file's place change.
    edit(repo, LINDA, "role: Functionaris gegevensbescherming", "role: Privacy officer")
    git(repo, "mv", LINDA, "stakeholders/legal/linda-vos-de-wit.yml")
    found = data(repo)
    (change,) = found["stakeholders"]
    assert change == {
        "id": "legal/linda-vos-de-wit",
        "previous_id": "legal/linda-vos",
        "name": "Linda Vos",
        "discipline": "legal",
        "external": None,
        "change": "renamed",
        "fields": ["role"],
    }
    assert all(p["stakeholders"] == [] for p in found["pilots"])
    markdown = diff(repo)
    assert markdown.count("Linda Vos") == 1
    assert "| Linda Vos | verplaatst van legal/linda-vos; gewijzigd: role |" in markdown


def test_a_discipline_changed_once_moves_the_person_in_each_pilot(repo):
    # Hanna Bos (it) is pending in video and shortlisted in chat, where she alone
    # covers IT: moved to legal, she leaves chat's IT uncovered.
    edit(repo, "stakeholders/it/hanna-bos.yml", "discipline: it", "discipline: legal")
    found = data(repo)
    (change,) = found["stakeholders"]
    assert (change["id"], change["fields"]) == ("it/hanna-bos", ["discipline"])
    chat = pilot(found, "chat")
    assert {(d["id"], d["after"], d["lost_coverage"]) for d in chat["disciplines"]} >= {
        ("it", "uncovered", True)
    }
    markdown = diff(repo)
    first = markdown.splitlines()[1]
    assert first.startswith("**⚠ Deze wijziging laat ") and f"IT ({CHAT})" in first
    assert f"- ⚠ **{CHAT} — IT: gedekt → niet gedekt** (verliest dekking)" in markdown


def test_joining_and_leaving_a_pilot_are_that_pilots_changes(repo):
    # Eva Bakker leaves cobrowse, where she was shortlisted; Hanna Bos joins it.
    edit(
        repo,
        "stakeholders/marketing/eva-bakker.yml",
        "  cobrowse:\n    answers: {impact: ja, expectations: ja}\n"
        "    involvement: {setup: consult}\n",
        "",
    )
    path = repo / "stakeholders/it/hanna-bos.yml"
    path.write_text(path.read_text() + "  cobrowse: {}\n")
    cobrowse = pilot(data(repo), "cobrowse")
    changes = {c["id"]: (c["change"], c["status"]) for c in cobrowse["stakeholders"]}
    assert changes == {
        "marketing/eva-bakker": ("removed", {"before": "shortlisted", "after": None}),
        "it/hanna-bos": ("added", {"before": None, "after": "pending"}),
    }
    markdown = section(diff(repo), COBROWSE)
    assert f"| Eva Bakker | {COBROWSE} | verwijderd | op de shortlist → – |" in markdown
    assert f"| Hanna Bos | {COBROWSE} | nieuw | – → nog niet beoordeeld |" in markdown


@pytest.mark.parametrize(
    ("old", "new", "expected", "line"),
    [
        # The same id, another name.
        (
            "- id: chat\n          name: Chatten met klanten",
            "- id: chat\n          name: Chatten",
            {"id": "chat", "previous_id": None, "before": CHAT, "after": "Chatten"},
            f"- Pilot hernoemd: Chatten (chat); naam “{CHAT}” → “Chatten”",
        ),
        # Another id, the same name (the files follow it).
        (
            "- id: chat\n",
            "- id: chatten\n",
            {"id": "chatten", "previous_id": "chat", "before": None, "after": None},
            f"- Pilot hernoemd: {CHAT} (chat → chatten)",
        ),
        # Another id and another name, the same method.
        (
            "- id: chat\n          name: Chatten met klanten",
            "- id: webchat\n          name: Webchat",
            {"id": "webchat", "previous_id": "chat", "before": CHAT, "after": "Webchat"},
            f"- Pilot hernoemd: Webchat (chat → webchat); naam “{CHAT}” → “Webchat”",
        ),
    ],
    ids=["name", "id", "id-and-name"],
)
def test_a_pilot_renamed_is_a_change_of_the_method(repo, old, new, expected, line):
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text().replace(old, new))
    ident = expected["id"]
    for path in (repo / "stakeholders").rglob("*.yml"):
        path.write_text(path.read_text().replace("  chat:", f"  {ident}:"))
    found = data(repo)
    (method,) = found["method"]
    assert {k: method[k] for k in ("part", "change", *expected)} == {
        "part": "pilot",
        "change": "renamed",
        **expected,
    }
    renamed = pilot(found, ident)
    assert renamed["change"] == "renamed"
    # Its people are the same people, judged the same: nothing changed for them.
    assert renamed["stakeholders"] == [] and renamed["disciplines"] == []
    markdown = diff(repo)
    assert markdown.splitlines()[1] == "**De methode is gewijzigd.**"
    assert line in markdown.splitlines()


def test_a_pilot_added_and_one_removed_are_changes_of_the_method(repo):
    config = repo / "mkdocs.yml"
    text = config.read_text()
    start = text.index("        - id: cobrowse")
    config.write_text(
        text[:start] + "        - id: ident\n          name: Video-identificatie\n"
    )  # cobrowse (and its questions) gone, ident added: another method, no rename
    for path in (repo / "stakeholders").rglob("*.yml"):
        path.write_text(re.sub(r"  cobrowse:.*(\n    .*)*\n", "", path.read_text()))
    path = repo / "stakeholders/it/hanna-bos.yml"
    path.write_text(path.read_text() + "  ident: {}\n")
    found = data(repo)
    assert [(m["part"], m["id"], m["change"]) for m in found["method"]] == [
        ("pilot", "ident", "added"),
        ("pilot", "cobrowse", "removed"),
    ]
    assert [(p["id"], p["change"]) for p in found["pilots"]] == [
        ("video", None),
        ("chat", None),
        ("ident", "added"),
        ("cobrowse", "removed"),
    ]
    ident = pilot(found, "ident")
    assert [(c["id"], c["change"], c["pilot"]) for c in ident["stakeholders"]] == [
        ("it/hanna-bos", "added", "ident")
    ]
    # A pilot added is compared with itself without people: nothing it lacks is "lost".
    assert not any(d["lost_coverage"] for d in ident["disciplines"])
    assert pilot(found, "cobrowse")["stakeholders"] == []
    markdown = diff(repo)
    assert "- Pilot toegevoegd: Video-identificatie (ident)" in markdown
    assert f"- Pilot verwijderd: {COBROWSE} (cobrowse)" in markdown
    assert f"\n## {COBROWSE} (" not in markdown
    assert "| Hanna Bos | Video-identificatie | nieuw | – → nog niet beoordeeld |" in markdown


def test_the_problems_of_the_change_are_told_once(repo):
    edit(repo, LINDA, "  chat:\n", "  chatt:\n")
    found = data(repo)
    (problem,) = found["problems"]["head"]
    assert problem["code"] == "unknown-pilot"
    markdown = diff(repo)
    assert markdown.splitlines()[1].startswith("**❌ 1 fout(en) in de bestanden na de wijziging.")
    assert markdown.count("(unknown-pilot)") == 1
    # Her file cannot be read after the change: she leaves each pilot she was in.
    for name in (VIDEO, CHAT, COBROWSE):
        assert f"| Linda Vos | {name} | onleesbaar na de wijziging |" in section(markdown, name)


def test_names_link_to_pages_a_pilots_audience_has(repo):
    # Eva Bakker is excluded in video (the intranet's) and shortlisted in cobrowse (the
    # team's): she has a page. Her answers change in both.
    edit(repo, "stakeholders/marketing/eva-bakker.yml", "{impact: nee}", "{impact: ja}")
    edit(repo, LINDA, "answers: {impact: nee, expectations: ja}", "answers: {impact: ja}")
    markdown = diff(repo, "--site-url", "https://hb.example/")
    assert "[Eva Bakker](<https://hb.example/stakeholders/people/marketing/eva-bakker/>)" in (
        markdown
    )


def test_two_revisions_are_each_judged_by_their_own_pilots(repo):
    git(repo, "checkout", "-qb", "change")
    edit(repo, LINDA, "answers: {impact: nee, expectations: ja}", "answers: {impact: ja}")
    git(repo, "commit", "-qam", "Linda Vos has influence on co-browsing")
    result = pilotbook("diff", "main", "HEAD", "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert (found["base"], found["head"]) == ("main", "HEAD")
    cobrowse = pilot(found, "cobrowse")
    assert [(c["id"], c["pilot"]) for c in cobrowse["stakeholders"]] == [
        ("legal/linda-vos", "cobrowse")
    ]
