"""Several pilots in one handbook, as data: the `pilots:` option, each person's judgement
per pilot under `pilots: <id>:`, the rules per pilot, the problems that name the pilot,
the reports per pilot, `new --pilot` and `init --pilots`.

Most tests start from `conftest.three_pilots` (video, chat with its own disciplines,
cobrowse with its own questions, over shared people) and change one thing.
"""

from __future__ import annotations

import functools
import json
import operator
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import csv_rows, pilotbook, three_pilots, write


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    return three_pilots(tmp_path / "handbook")


def place(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """The line and column (1-based) where the `nth` `needle` starts in `text`."""
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def problems(result_text: str) -> list[tuple[str, int, int, str, str, str]]:
    """`path:line:col: severity: message (code)` lines, parsed."""
    found = []
    for line in result_text.splitlines():
        m = re.match(r"^(.+?):(\d+):(\d+): (error|warning|info): (.*) \(([a-z0-9-]+)\)$", line)
        if m:
            path, row, col, severity, message, code = m.groups()
            found.append((path, int(row), int(col), severity, message, code))
    return found


def configure(root: Path, old: str, new: str) -> str:
    config = root / "mkdocs.yml"
    text = config.read_text()
    assert old in text, old
    config.write_text(text.replace(old, new, 1))
    return config.read_text()


def person(root: Path, relative: str, text: str) -> str:
    write(root, f"stakeholders/{relative}", text)
    return (root / "stakeholders" / relative).read_text()


def check(root: Path, *args: str) -> tuple[int, list[tuple[str, int, int, str, str, str]], str]:
    result = pilotbook("check", *args, cwd=root)
    out = result.stdout + result.stderr
    return result.returncode, problems(out), out


def test_the_fixture_of_three_pilots_is_clean(handbook):
    status, found, out = check(handbook)
    assert status == 0 and found == [], out
    assert "8 files checked, no problems" in out


# The option -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "at", "says"),
    [
        (
            "      pilots:\n        - id: video",
            "      pilots: []\n      unused:\n        - id: video",
            "[]",
            "'pilots' must be a non-empty list of pilots",
        ),
        (
            "        - id: video\n",
            "        - video\n        - id: video2\n",
            "- video\n",
            "must be a mapping",
        ),
        (
            "          call_team:",
            "          discipline: [legal]\n          call_team:",
            "discipline: [legal]",
            "did you mean 'disciplines'?",
        ),
        ("        - id: chat", "        - id: Chat Calls", "Chat Calls", "must be a slug"),
        ("        - id: chat", "        - id: 404", "404", "not 404, which YAML reads as no text"),
        (
            "        - id: chat",
            "        - id: video",
            "video\n",
            "pilot id 'video' is used twice",
        ),
        ("          name: Chatten met klanten\n", "", "- id: chat", "a pilot needs a 'name'"),
        ("        - id: chat", "        - id: portfolio", "portfolio", "the pages the pilots"),
        ("        - id: chat", "        - id: people", "people", "the pages the pilots"),
        (
            "          audience: team",
            "          audience: everyone",
            "everyone",
            "'audience' must be",
        ),
        (
            "          disciplines:\n            - id: legal",
            "          disciplines: legal\n          other:\n            - id: legal",
            "legal\n          other",
            "'disciplines' must be a non-empty list",
        ),
        (
            "          audience: team\n",
            "          audience: team\n          grid: {interest: relationship}\n",
            "relationship}",
            "names the question 'relationship', which the method does not have",
        ),
    ],
    ids=[
        "empty",
        "not-a-mapping",
        "unknown-key",
        "not-a-slug",
        "a-number",
        "duplicate-id",
        "no-name",
        "the-portfolios-id",
        "the-person-pages-id",
        "wrong-audience",
        "wrong-type-in-pilot",
        "grid-of-its-own-questions",
    ],
)
def test_a_wrong_pilots_option_is_a_located_error(handbook, old, new, at, says):
    config = configure(handbook, old, new)
    status, found, out = check(handbook)
    assert status == 1, out
    wrong = [p for p in found if p[0] == "mkdocs.yml" and says in p[4]]
    assert wrong, out
    _path, line, column, severity, _message, code = wrong[0]
    assert (severity, code) == ("error", "invalid-option")
    # The last place the text stands (a pilot's id given twice: its second).
    expected = place(config, at, config.count(at))
    assert line == expected[0], (out, expected)
    if not at.startswith("- "):  # an entry's position is where its mapping starts
        assert column == expected[1], (out, expected)


def test_an_option_a_pilot_takes_from_the_top_is_reported_once_at_the_top(handbook):
    config = configure(handbook, "      phases:\n", "      phases: later\n      unused:\n")
    _status, found, out = check(handbook)
    wrong = [p for p in found if "'phases' must be" in p[4]]
    assert len(wrong) == 1, out
    assert wrong[0][1] == place(config, "phases: later")[0]


# Person files -----------------------------------------------------------------------


def test_each_pilots_judgement_is_read_by_that_pilots_method(handbook):
    # cobrowse asks two questions of its own: 'relationship' is no question there, but
    # it is in video, whose answer stands beside it.
    text = person(
        handbook,
        "marketing/eva-bakker.yml",
        """\
        name: Eva Bakker
        discipline: marketing
        pilots:
          video:
            answers: {impact: nee, relationship: ja}
          cobrowse:
            answers: {impact: ja, relationship: ja}
        """,
    )
    status, found, _out = check(handbook)
    assert status == 1
    (wrong,) = [p for p in found if p[5] == "unknown-question"]
    path, line, column, _, message, _ = wrong
    assert path == "stakeholders/marketing/eva-bakker.yml"
    assert (line, column) == place(text, "relationship", 2)
    assert message.startswith("pilot 'Meekijken met klanten' (cobrowse): unknown question")
    assert "expected one of: impact, expectations" in message


def test_an_identity_field_under_a_pilot_is_refused_with_where_it_belongs(handbook):
    text = person(
        handbook,
        "facilities/bram-willems.yml",
        "name: Bram Willems\ndiscipline: facilities\npilots:\n  video:\n    role: Beheerder\n",
    )
    _, found, _out = check(handbook)
    (wrong,) = [p for p in found if p[5] == "unknown-key"]
    assert (wrong[1], wrong[2]) == place(text, "role")
    assert "pilot 'Videobellen met klanten' (video)" in wrong[4]
    assert "write it at the top of the file" in wrong[4]


def the_one_error(handbook: Path, relative: str, text: str, at: str) -> tuple[str, str]:
    """Write a person's file, check: the code and message of its one error, which must
    stand at `at` in the file."""
    written = person(handbook, relative, text)
    status, found, out = check(handbook)
    assert status == 1, out
    ((path, line, column, severity, message, code),) = found
    assert (path, line, column, severity) == (
        f"stakeholders/{relative}",
        *place(written, at),
        "error",
    )
    return code, message


def test_an_unknown_pilot_id_is_refused_with_the_closest_and_the_known_ones(handbook):
    text = "name: Ruben Kok\ndiscipline: legal\npilots:\n  chatt: {}\n"
    assert the_one_error(handbook, "legal/ruben-kok.yml", text, "chatt") == (
        "unknown-pilot",
        "unknown pilot 'chatt': did you mean 'chat'? (the pilots mkdocs.yml lists: video, "
        "chat, cobrowse)",
    )


def test_a_judgement_at_the_top_says_it_belongs_under_a_pilot(handbook):
    text = "name: Ruben Kok\ndiscipline: legal\nexpectation: Toetst.\npilots:\n  cobrowse: {}\n"
    code, message = the_one_error(handbook, "legal/ruben-kok.yml", text, "expectation")
    assert code == "judgement-outside-pilot"
    assert "several pilots (video, chat, cobrowse)" in message
    assert "under 'pilots: <id>:'" in message


def test_a_pilot_that_does_not_screen_the_discipline_refuses_a_judgement(handbook):
    text = "name: Bram Willems\ndiscipline: facilities\npilots:\n  video: {}\n  chat: {}\n"
    code, message = the_one_error(handbook, "facilities/bram-willems.yml", text, "chat")
    assert code == "discipline-outside-pilot"
    assert message.startswith("pilot 'Chatten met klanten' (chat): ")
    assert "'facilities'" in message and "its disciplines: legal, it" in message


def test_a_listed_pilot_without_people_is_a_warning_at_its_entry(handbook):
    for relative in ("legal/linda-vos.yml", "marketing/eva-bakker.yml", "external/klanten.yml"):
        path = handbook / "stakeholders" / relative
        data = yaml.safe_load(path.read_text())
        del data["pilots"]["cobrowse"]
        path.write_text(yaml.safe_dump(data, allow_unicode=True))
    (handbook / "stakeholders/legal/ruben-kok.yml").write_text("name: Ruben\ndiscipline: legal\n")
    status, found, out = check(handbook)
    assert status == 0, out
    (warning,) = found
    config = (handbook / "mkdocs.yml").read_text()
    assert warning[:4] == ("mkdocs.yml", *place(config, "id: cobrowse"), "warning")
    assert warning[5] == "pilot-without-people"
    assert "pilot 'Meekijken met klanten' (cobrowse)" in warning[4]
    # A strict build's verdict takes it as any warning: check says so too.
    assert pilotbook("check", "--strict", cwd=handbook).returncode == 1


def test_a_handbook_without_pilots_reads_a_pilots_key_as_unknown(handbook):
    config = (handbook / "mkdocs.yml").read_text()
    (handbook / "mkdocs.yml").write_text(config[: config.index("      pilots:")])
    _, found, out = check(handbook)
    assert {p[5] for p in found} == {"unknown-key"}, out
    assert all("unknown key 'pilots'" in p[4] for p in found)


def test_a_file_in_no_pilot_and_an_empty_entry_take_part_as_they_say(handbook):
    report = json.loads(pilotbook("report", "--format", "json", cwd=handbook).stdout)
    ids = {p["id"]: [s["id"] for s in p["stakeholders"]] for p in report["pilots"]}
    assert ids["cobrowse"] == [
        "external/klanten",
        "legal/linda-vos",
        "legal/ruben-kok",
        "marketing/eva-bakker",
    ]
    assert "sales/peter-visser" not in functools.reduce(operator.iadd, ids.values(), [])
    ruben = next(s for s in report["pilots"][2]["stakeholders"] if s["id"] == "legal/ruben-kok")
    assert ruben["status"] == "pending" and ruben["unanswered"] == ["impact", "expectations"]


# Rules per pilot, and the messages that name the pilot -----------------------------


def _with_pilot_problems(handbook: Path) -> tuple[str, str]:
    """Hanna Bos interviewed while pending in video (a warning of video's screening),
    Linda Vos reviewed long ago (her identity's warning), a wrong answer in cobrowse."""
    hanna = person(
        handbook,
        "it/hanna-bos.yml",
        """\
        name: Hanna Bos
        discipline: it
        pilots:
          video:
            answers: {impact: ja, expectations: ja}
            interview: selected
          chat: {}
        """,
    )
    linda = handbook / "stakeholders/legal/linda-vos.yml"
    linda.write_text(
        linda.read_text().replace(
            "discipline: legal\n", "discipline: legal\nreviewed: 2020-01-01\n"
        )
    )
    person(
        handbook,
        "marketing/eva-bakker.yml",
        "name: Eva Bakker\ndiscipline: marketing\n"
        "pilots:\n  cobrowse:\n    answers: {impact: misschien}\n",
    )
    return hanna, linda.read_text()


@pytest.mark.parametrize("fmt", ["text", "github", "json", "gitlab", "azure"])
def test_check_names_the_pilot_in_every_message_about_a_pilots_judgement(handbook, fmt):
    _with_pilot_problems(handbook)
    result = pilotbook("check", "--format", fmt, cwd=handbook)
    out = result.stdout
    assert result.returncode == 1
    interview = "pilot 'Videobellen met klanten' (video): 'interview: selected' is set"
    answer = "pilot 'Meekijken met klanten' (cobrowse): 'misschien' is not an answer"
    codes = ("interview-not-shortlisted", "invalid-answer", "stale-review")
    if fmt == "json":
        messages = {p["code"]: p["message"] for p in json.loads(out)["problems"]}
    elif fmt == "gitlab":
        messages = {p["check_name"]: p["description"] for p in json.loads(out)}
    else:  # a line per problem, its code in it
        messages = {c: line for line in out.splitlines() for c in codes if f"({c})" in line}
        messages |= {c: line for line in out.splitlines() for c in codes if f"={c}" in line}
    assert set(codes) <= set(messages), out
    assert interview in messages["interview-not-shortlisted"]
    assert answer in messages["invalid-answer"]
    # Who someone is, and when that was checked, is no pilot's: no pilot named.
    assert "pilot '" not in messages["stale-review"]


def test_a_warning_of_a_pilots_screening_points_into_its_judgement(handbook):
    hanna, _ = _with_pilot_problems(handbook)
    _, found, _out = check(handbook)
    (warning,) = [p for p in found if p[5] == "interview-not-shortlisted"]
    assert (warning[1], warning[2]) == place(hanna, "interview")


def test_each_pilots_call_team_is_judged_by_its_own_plan(handbook):
    configure(handbook, "            size: 1\n", "            size: 3\n")
    _, found, _out = check(handbook)
    (short,) = [p for p in found if p[5] == "call-team-short"]
    config = (handbook / "mkdocs.yml").read_text()
    assert (short[1], short[2]) == place(config, "size: 3")
    assert short[4].startswith("pilot 'Videobellen met klanten' (video): the call team has 1")


def _outcomes(result) -> list[tuple[str, dict[str, str], list[str]]]:
    """Each pilot's id, its people's statuses and its warnings (path and message)."""
    return [
        (
            pilot.id,
            {k: str(a.status) for k, a in screening.assessments.items()},
            [f"{w.path}:{w.position.line}: {w.message}" for w in pilot.about(screening.warnings)],
        )
        for pilot, screening in result.screened
    ]


def test_files_from_elsewhere_are_screened_by_each_pilot_as_the_folders_are(handbook):
    """`screen_files` (the build cache's copies, a revision's files) reads the judgement
    under `pilots:` by each pilot's method, as `screen_handbook` reads the folders."""
    from pilotbook.build.mkdocs_config import load
    from pilotbook.config.screened import screen_files, screen_handbook
    from pilotbook.records.files import files_in
    from pilotbook.records.kinds import KINDS

    _with_pilot_problems(handbook)
    described, _ = load(handbook / "mkdocs.yml", "mkdocs.yml")
    files = {k: list(files_in(k, described.folder(k), described.display)) for k in KINDS}
    given = screen_files(
        files,
        described.method,
        described.levels,
        described.listed_pilots,
        described.display,
        public=described.public,
    )
    from_folders = screen_handbook(described)
    assert [p.id for p, _ in given.screened] == ["video", "chat", "cobrowse"]
    assert _outcomes(given) == _outcomes(from_folders)
    assert given.screened[1][1].assessments["it/hanna-bos"].status == "pending"
    assert given.problems == from_folders.problems and given.has_errors


# Reports ------------------------------------------------------------------------------


def one_pilot_handbook(source: Path, pilot_id: str, target: Path) -> Path:
    """The handbook of one of `source`'s pilots alone, as a handbook without `pilots:`
    writes it: the pilot's options at the top, and each of its people's judgement at
    the top of their file."""
    config = yaml.safe_load((source / "mkdocs.yml").read_text())
    options = config["plugins"][1]["pilotbook"]
    (pilot,) = [p for p in options.pop("pilots") if p["id"] == pilot_id]
    options.update({k: v for k, v in pilot.items() if k not in ("id", "name")})
    options["pilot"] = pilot["name"]
    write(target, "mkdocs.yml", yaml.safe_dump(config, allow_unicode=True))
    write(target, "content/index.md", "# Home\n")
    for path in (source / "stakeholders").rglob("*.yml"):
        data = yaml.safe_load(path.read_text())
        judged = (data.pop("pilots", None) or {}).get(pilot_id, "absent")
        if judged != "absent":
            data.update(judged or {})
            relative = path.relative_to(source).as_posix()
            write(target, relative, yaml.safe_dump(data, allow_unicode=True))
    for path in (source / "callers").rglob("*.yml"):
        write(target, path.relative_to(source).as_posix(), path.read_text())
    return target


@pytest.mark.parametrize("audience", ["team", "intranet"])
def test_the_json_report_holds_each_pilot_as_a_one_pilot_report_would(handbook, audience):
    result = pilotbook("report", "--format", "json", "--audience", audience, cwd=handbook)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert list(report) == ["pilots"]
    assert [(p["id"], p["name"]) for p in report["pilots"]] == [
        ("video", "Videobellen met klanten"),
        ("chat", "Chatten met klanten"),
        ("cobrowse", "Meekijken met klanten"),
    ]
    assert "call_team" in report["pilots"][0] and "call_team" not in report["pilots"][1]
    assert [d["id"] for d in report["pilots"][1]["disciplines"]] == ["legal", "it"]
    for pilot in report["pilots"]:
        alone = one_pilot_handbook(handbook, pilot["id"], handbook.parent / pilot["id"])
        expected = pilotbook("report", "--format", "json", "--audience", audience, cwd=alone)
        assert expected.returncode == 0, expected.stderr
        assert {k: v for k, v in pilot.items() if k not in ("id", "name")} == json.loads(
            expected.stdout
        )


def test_the_csv_report_has_a_pilot_column_and_each_pilots_rows(handbook):
    rows = csv_rows(pilotbook("report", "--format", "csv", cwd=handbook).stdout)
    assert next(iter(rows[0])) == "pilot"
    for pilot_id in ("video", "chat", "cobrowse"):
        alone = one_pilot_handbook(handbook, pilot_id, handbook.parent / pilot_id)
        expected = csv_rows(pilotbook("report", "--format", "csv", cwd=alone).stdout)
        mine = [r for r in rows if r["pilot"] == pilot_id]
        assert [{k: r[k] for k in e} for r, e in zip(mine, expected, strict=True)] == expected


def test_the_markdown_report_has_a_section_per_pilot(handbook):
    text = pilotbook("report", cwd=handbook).stdout
    titles = [line for line in text.splitlines() if line.startswith("# ")]
    assert titles == [
        "# Videobellen met klanten (video)",
        "# Chatten met klanten (chat)",
        "# Meekijken met klanten (cobrowse)",
    ]
    chat = text[text.index("# Chatten") : text.index("# Meekijken")]
    assert "### Juridisch: " in chat and "Marketing" not in chat


# The schema ------------------------------------------------------------------------


def test_the_schema_describes_each_pilots_judgement_under_pilots(handbook):
    result = pilotbook("schema", cwd=handbook)
    schema = json.loads(result.stdout)
    pilots = schema["properties"]["pilots"]["properties"]
    assert list(pilots) == ["video", "chat", "cobrowse"]
    assert list(pilots["cobrowse"]["properties"]["answers"]["properties"]) == [
        "impact",
        "expectations",
    ]
    assert "answers" not in schema["properties"]
    validator = jsonschema.Draft7Validator(schema)
    for path in (handbook / "stakeholders").rglob("*.yml"):
        assert not list(validator.iter_errors(yaml.safe_load(path.read_text()))), path
    wrong = {"name": "A", "discipline": "it", "pilots": {"cobrowse": {"answers": {"x": "ja"}}}}
    assert list(validator.iter_errors(wrong))
    # As the handbook's copy for editors, it is current.
    (handbook / "stakeholders/schema.json").write_text(result.stdout)
    assert check(handbook)[1] == []


# new and init ------------------------------------------------------------------------


def test_new_writes_the_judgement_under_the_pilot_given(handbook):
    folder = handbook / "stakeholders"
    result = pilotbook(
        "new", "Anna de Vries", "--discipline", "legal", "--pilot", "cobrowse", cwd=handbook
    )
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((folder / "legal/anna-de-vries.yml").read_text())
    assert data["discipline"] == "legal" and "answers" not in data
    assert list(data["pilots"]) == ["cobrowse"]
    assert list(data["pilots"]["cobrowse"]["answers"]) == ["impact", "expectations"]
    assert "pilot 'Meekijken met klanten' (cobrowse)" in result.stdout
    assert check(handbook)[0] == 0


def test_new_without_a_pilot_writes_the_identity_and_names_the_pilots(handbook):
    result = pilotbook("new", "Anna de Vries", "--external", "direct", cwd=handbook)
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((handbook / "stakeholders/external/anna-de-vries.yml").read_text())
    assert "pilots" not in data and "expectation" not in data
    assert "--pilot ID (the pilots: video, chat, cobrowse)" in result.stdout
    assert check(handbook)[1] == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--discipline", "it", "--pilot", "chta"), "unknown pilot 'chta': did you mean 'chat'?"),
        (("--discipline", "facilities", "--pilot", "chat"), "its disciplines: legal, it"),
    ],
)
def test_new_refuses_a_pilot_it_cannot_write_for(handbook, args, says):
    result = pilotbook("new", "Anna", *args, cwd=handbook)
    assert result.returncode == 1 and says in result.stderr
    assert not list((handbook / "stakeholders").rglob("anna.yml"))


def test_new_refuses_a_pilot_in_a_handbook_of_one(handbook):
    config = (handbook / "mkdocs.yml").read_text()
    (handbook / "mkdocs.yml").write_text(config[: config.index("      pilots:")])
    result = pilotbook("new", "Anna", "--discipline", "it", "--pilot", "chat", cwd=handbook)
    assert result.returncode == 1 and "this handbook has one pilot" in result.stderr


def test_init_starts_a_handbook_of_several_pilots_that_check_accepts(tmp_path):
    folder = tmp_path / "new"
    result = pilotbook(
        "init",
        str(folder),
        "--pilot",
        "Klantcontact",
        "--pilots",
        "video=Video calls,chat",
        "--language",
        "en",
        "--ci",
        "none",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "--pilot video" in result.stdout
    config = yaml.safe_load((folder / "mkdocs.yml").read_text().replace("!ENV", ""))
    pilots = config["plugins"][-1]["pilotbook"]["pilots"]
    assert pilots == [{"id": "video", "name": "Video calls"}, {"id": "chat", "name": "chat"}]
    example = yaml.safe_load((folder / "stakeholders/it/example-colleague.yml").read_text())
    assert "answers" not in example and example["pilots"]["video"]["answers"]["impact"] is True
    status, found, out = check(folder)
    assert status == 0 and found == [], out
    report = json.loads(pilotbook("report", "--format", "json", cwd=folder).stdout)
    assert [len(p["stakeholders"]) for p in report["pilots"]] == [3, 2]


@pytest.mark.parametrize("pilots", ["Video", "video,video", "video,", "video,portfolio"])
def test_init_refuses_pilot_ids_it_cannot_write(tmp_path, pilots):
    result = pilotbook(
        "init", str(tmp_path / "new"), "--pilot", "K", "--pilots", pilots, cwd=tmp_path
    )
    assert result.returncode == 1 and "--pilots" in result.stderr
    assert not (tmp_path / "new").exists()


# The audience of each pilot ------------------------------------------------------


@pytest.mark.parametrize(
    ("variable", "expected"), [("", ["intranet", "intranet", "team"]), ("team", ["team"] * 3)]
)
def test_each_pilot_has_its_audience_unless_the_environment_sets_one(
    handbook, monkeypatch, variable, expected
):
    from pilotbook.build.mkdocs_config import load
    from pilotbook.method.pilots import ONE_PILOT

    monkeypatch.setenv("PILOTBOOK_AUDIENCE", variable)
    described, _ = load(handbook / "mkdocs.yml", "mkdocs.yml")
    assert [p.audience for p in described.pilots] == expected
    assert [p.id for p in described.pilots] == ["video", "chat", "cobrowse"]
    # Without `pilots:`, the one pilot: named as the map names it, with the method.
    config = (handbook / "mkdocs.yml").read_text()
    (handbook / "mkdocs.yml").write_text(config[: config.index("      pilots:")])
    (one,) = load(handbook / "mkdocs.yml", "mkdocs.yml")[0].pilots
    assert (one.id, one.name) == (ONE_PILOT, "Klantcontact op afstand")


def test_a_pilot_for_the_team_on_an_intranet_site_is_a_warning_at_its_audience(handbook):
    """One pilot published for the team puts its answers and the names of colleagues
    pending or excluded on a site everybody reads: said where it is chosen, until the
    handbook sets the rule's level (as the fixture does, meaning it)."""
    config = handbook / "mkdocs.yml"
    meant = "      levels:\n        team-pilot-on-intranet: info\n"
    assert meant in config.read_text()
    config.write_text(config.read_text().replace(meant, ""))
    configured = {"PILOTBOOK_AUDIENCE": ""}  # the tests' environment sets the team's
    result = pilotbook("check", cwd=handbook, env=configured)
    assert result.returncode == 0, result.stderr
    (warning,) = problems(result.stdout + result.stderr)
    assert warning[:4] == ("mkdocs.yml", *place(config.read_text(), "audience: team"), "warning")
    assert warning[5] == "team-pilot-on-intranet"
    assert "pilot 'Meekijken met klanten' (cobrowse)" in warning[4]
    assert pilotbook("check", "--strict", cwd=handbook, env=configured).returncode == 1
    # Every pilot for one audience: the environment's for all, or a site for the team.
    for env in ({"PILOTBOOK_AUDIENCE": "intranet"}, {"PILOTBOOK_AUDIENCE": "team"}):
        result = pilotbook("check", "--strict", cwd=handbook, env=env)
        assert result.returncode == 0 and "team-pilot-on-intranet" not in result.stdout, env
    config.write_text(config.read_text().replace("audience: intranet", "audience: team", 1))
    result = pilotbook("check", "--strict", cwd=handbook, env=configured)
    assert result.returncode == 0 and problems(result.stdout + result.stderr) == []
