"""Reading stakeholder files: what is accepted, and what each mistake tells the author."""

from __future__ import annotations

import datetime
import os
import posixpath
import re
from pathlib import Path, PurePosixPath

import pytest
from conftest import write
from hypothesis import given, settings
from hypothesis import strategies as st

from pilotbook.method.model import DEFAULT_METHOD
from pilotbook.problems.problem import format_problem
from pilotbook.records.files import SourceFile, Unreadable, read_regular_file
from pilotbook.records.stakeholders import load_files, load_stakeholders
from pilotbook.yaml.plain import MAX_BYTES

INTERNAL = """
name: Marieke Smits
role: Jurist privacy
discipline: legal
answers:
  impact: {answer}
"""


def load(root: Path):
    return load_stakeholders(root, DEFAULT_METHOD, lambda p: Path(p).relative_to(root).as_posix())


def messages(root: Path) -> list[str]:
    return [format_problem(p) for p in load(root).problems]


@pytest.mark.parametrize(
    ("written", "meaning"),
    [
        ("yes", True),
        ("Yes", True),
        ("YES", True),
        ("ja", True),
        ("JA", True),
        ("true", True),
        ("no", False),
        ("No", False),
        ("nee", False),
        ("Nee", False),
        ("false", False),
        ("unknown", None),
        ("'?'", None),
        ('"?"', None),
        ("", None),
        ("Unknown", None),
    ],
)
def test_answer_spellings(tmp_path, written, meaning):
    write(tmp_path, "legal/marieke-smits.yml", INTERNAL.format(answer=written))
    loaded = load(tmp_path)
    assert loaded.problems == ()
    assert loaded.stakeholders[0].answers["impact"] is meaning


def test_a_missing_answer_is_not_answered_yet(tmp_path):
    write(tmp_path, "legal/marieke-smits.yml", "name: M\ndiscipline: legal\n")
    (person,) = load(tmp_path).stakeholders
    assert set(person.answers) == set(DEFAULT_METHOD.question_ids)
    assert all(answer is None for answer in person.answers.values())


def test_the_id_is_the_path_below_the_folder(tmp_path):
    write(tmp_path, "legal/team-a/marieke-smits.yaml", "name: M\ndiscipline: legal\n")
    write(tmp_path, "klant.yml", "name: Klanten\nexternal: direct\n")
    ids = [s.id for s in load(tmp_path).stakeholders]
    assert ids == ["klant", "legal/team-a/marieke-smits"]


def test_full_file_is_read_into_the_model(tmp_path):
    write(
        tmp_path,
        "legal/marieke-smits.yml",
        """
        name: "  Marieke Smits "
        role: Jurist privacy
        discipline: legal
        answers: {impact: ja, expectations: yes, relationship: true, replaceable: nee,
                  appointed: no}
        expectation: Toetst het beleid.
        interview: selected
        reviewed: 2026-11-01
        extra:
          team: Privacy office
          talen: [nl, en]
          uren: 8
        """,
    )
    (person,) = load(tmp_path).stakeholders
    assert person.name == "Marieke Smits"
    assert person.discipline == "legal"
    assert person.interview == "selected"
    assert person.reviewed == datetime.date(2026, 11, 1)
    assert person.extra == (("team", "Privacy office"), ("talen", "nl, en"), ("uren", "8"))
    assert person.answers == {
        "impact": True,
        "expectations": True,
        "relationship": True,
        "replaceable": False,
        "appointed": False,
    }


def test_windows_line_endings_and_a_byte_order_mark_are_accepted(tmp_path):
    path = tmp_path / "legal" / "m.yml"
    path.parent.mkdir()
    path.write_bytes(b"\xef\xbb\xbfname: M\r\ndiscipline: legal\r\nanswers:\r\n  impact: ja\r\n")
    loaded = load(tmp_path)
    assert loaded.problems == ()
    assert loaded.stakeholders[0].answers["impact"] is True


# Each broken file, and the start of the one line `check` prints for it.
BROKEN = {
    "syntax: an answer indented between two levels": (
        "name: M\ndiscipline: legal\nanswers:\n  impact: ja\n expectations: ja\n",
        "m.yml:5:2: error: invalid YAML: this line is not lined up with the keys above it: "
        "give the keys of one mapping the same indentation",
    ),
    "syntax: a line that is no key and value": (
        "name: M\ndiscipline: legal\njust some text\nrole: x\n",
        "m.yml:3:1: error: invalid YAML: this line has no ':' after its key",
    ),
    "syntax: an indented first line": (
        "  name: M\ndiscipline: legal\n",
        "m.yml:2:1: error: invalid YAML: this line is indented less than the first line",
    ),
    "syntax: unclosed quote": (
        'name: "Marieke\ndiscipline: legal\n',
        "m.yml:3:1: error: invalid YAML: the file ends inside a quoted value",
    ),
    "syntax: value with colon": (
        "name: Marieke: Smits\ndiscipline: legal\n",
        "m.yml:1:14: error: invalid YAML: a value contains ': '",
    ),
    "syntax: unquoted question mark": (
        "name: M\ndiscipline: legal\nanswers:\n  impact: ?\n",
        "m.yml:4:11: error: invalid YAML: a value that starts with '?' must be in quotes",
    ),
    "syntax: question mark in a flow mapping": (
        "name: M\ndiscipline: legal\nanswers: {impact: ?}\n",
        "m.yml:3:19: error: invalid YAML: a value that starts with '?' must be in quotes",
    ),
    "tab indentation": (
        "name: M\ndiscipline: legal\nanswers:\n\timpact: ja\n",
        "m.yml:4:1: error: a tab is used for indentation",
    ),
    "duplicate key": (
        "name: M\ndiscipline: legal\nname: N\n",
        "m.yml:3:1: error: key 'name' appears twice",
    ),
    "empty file": ("", "m.yml:1:1: error: the file is empty"),
    "a list": ("- name: M\n", "m.yml:1:1: error: the file holds a list"),
    "two documents": (
        "name: M\ndiscipline: legal\n---\nname: N\n",
        "m.yml:3:1: error: a stakeholder file holds exactly one document",
    ),
    "near-miss key": (
        "name: M\ndicipline: legal\n",
        "m.yml:2:1: error: unknown key 'dicipline': did you mean 'discipline'?",
    ),
    "missing name": (
        "role: Jurist\ndiscipline: legal\n",
        "m.yml:1:1: error: 'name' is missing",
    ),
    "name not text": (
        "name: 42\ndiscipline: legal\n",
        "m.yml:1:7: error: 'name' must be text, not a number",
    ),
    "unknown discipline": (
        "name: M\ndiscipline: legl\n",
        "m.yml:2:13: error: unknown 'discipline' value 'legl': did you mean 'legal'?",
    ),
    "discipline in capitals": (
        "name: M\ndiscipline: Legal\n",
        "m.yml:2:13: error: unknown 'discipline' value 'Legal': did you mean 'legal'?",
    ),
    "reviewed not a date": (
        "name: M\ndiscipline: legal\nreviewed: last week\n",
        "m.yml:3:11: error: 'reviewed' must be a date written YYYY-MM-DD",
    ),
    "reviewed an impossible date": (
        "name: M\ndiscipline: legal\nreviewed: '2026-02-30'\n",
        "m.yml:3:11: error: 'reviewed: 2026-02-30' is not a day on the calendar",
    ),
    "both internal and external": (
        "name: M\ndiscipline: legal\nexternal: direct\n",
        "m.yml:3:1: error: a stakeholder is either internal",
    ),
    "neither internal nor external": (
        "name: M\nrole: Jurist\n",
        "m.yml:1:1: error: neither 'discipline' nor 'external' is given",
    ),
    "unknown external kind": (
        "name: Klant\nexternal: direkt\n",
        "m.yml:2:11: error: unknown 'external' value 'direkt': did you mean 'direct'?",
    ),
    "invalid answer": (
        "name: M\ndiscipline: legal\nanswers:\n  impact: misschien\n",
        "m.yml:4:11: error: 'misschien' is not an answer to 'impact': use yes/no, ja/nee",
    ),
    "unknown question": (
        "name: M\ndiscipline: legal\nanswers:\n  impakt: ja\n",
        "m.yml:4:3: error: unknown question 'impakt': did you mean 'impact'?",
    ),
    "answers not a mapping": (
        "name: M\ndiscipline: legal\nanswers: ja\n",
        "m.yml:3:10: error: 'answers' must be a mapping",
    ),
    "answers on an external stakeholder": (
        "name: Klant\nexternal: direct\nanswers:\n  impact: ja\n",
        "m.yml:3:1: error: external stakeholders are not screened",
    ),
    "invalid interview outcome": (
        "name: M\ndiscipline: legal\ninterview: gekozen\n",
        "m.yml:3:12: error: unknown 'interview' value 'gekozen'",
    ),
    "nested extra": (
        "name: M\ndiscipline: legal\nextra:\n  team:\n    naam: X\n",
        "m.yml:5:5: error: 'extra: team' must be a text, a number, or a list of them",
    ),
    "invalid UTF-8": (
        b"name: Marieke\ndiscipline: l\xe9gal\n",
        "m.yml:2:14: error: byte 0xe9 is not valid UTF-8: save the file as UTF-8",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_file_is_reported_at_its_line_and_column(tmp_path, case):
    text, expected = BROKEN[case]
    path = tmp_path / "m.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    found = messages(tmp_path)
    assert any(m.startswith(expected) for m in found), found
    assert load(tmp_path).stakeholders == ()


def test_two_files_with_the_same_id_are_an_error(tmp_path):
    write(tmp_path, "legal/m.yml", "name: M\ndiscipline: legal\n")
    write(tmp_path, "legal/m.yaml", "name: M2\ndiscipline: legal\n")
    found = messages(tmp_path)
    assert found == [
        "legal/m.yml:1:1: error: id 'legal/m' is also used by legal/m.yaml: "
        "each stakeholder needs its own file name (duplicate-id)"
    ]


def test_file_names_must_be_safe_in_a_url(tmp_path):
    write(tmp_path, "legal/Marieke Smits.yml", "name: M\ndiscipline: legal\n")
    (message,) = messages(tmp_path)
    assert message.startswith("legal/Marieke Smits.yml:1:1: error: 'Marieke Smits' cannot be")
    assert "rename it to 'marieke-smits'" in message


def test_every_problem_in_every_file_is_reported(tmp_path):
    # A misspelt key is reported once, as a misspelling, not again as missing.
    write(tmp_path, "a.yml", "name: A\ndicipline: legal\nrol: x\n")
    write(tmp_path, "b.yml", "name: B\ndiscipline: legal\nanswers: {impact: perhaps}\n")
    write(tmp_path, "c.yml", "name: C\nexternal: direct\n")
    found = messages(tmp_path)
    assert [m.split(": error")[0] for m in found] == ["a.yml:2:1", "a.yml:3:1", "b.yml:3:19"]
    assert [s.id for s in load(tmp_path).stakeholders] == ["c"]


def test_symbolic_links_are_refused(tmp_path):
    outside = write(tmp_path, "outside/secret.yml", "name: S\ndiscipline: legal\n")
    folder = tmp_path / "stakeholders"
    folder.mkdir()
    (folder / "link.yml").symlink_to(outside)
    (folder / "linked-folder").symlink_to(outside.parent)
    loaded = load_stakeholders(folder, DEFAULT_METHOD, lambda p: Path(p).name)
    assert loaded.stakeholders == ()
    assert [(p.path, "symbolic link" in p.message) for p in loaded.problems] == [
        ("link.yml", True),
        ("linked-folder", True),
    ]


def test_hidden_files_and_other_files_are_ignored(tmp_path):
    write(tmp_path, ".draft.yml", "broken: [")
    write(tmp_path, "README.md", "# notes")
    write(tmp_path, ".git/x.yml", "broken: [")
    loaded = load(tmp_path)
    assert loaded.problems == ()
    assert loaded.files == 0


PATH_PIECES = st.sampled_from(
    [
        "..",
        ".",
        "",
        "a",
        "b-c",
        "C:",
        "con",
        "x.yml",
        "%2e%2e",
        "~",
        "\\",
        "a\\..\\b",
        " ",
        "é",
        "a\n",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(PATH_PIECES, min_size=1, max_size=5), st.sampled_from([".yml", ".yaml", ""]))
def test_no_file_name_leads_a_page_outside_the_site(parts, suffix):
    relative = PurePosixPath("/".join(parts) + suffix)
    source = SourceFile(relative, str(relative), lambda: b"name: A\ndiscipline: it\n")
    loaded = load_files([source], DEFAULT_METHOD)
    for stakeholder in loaded.stakeholders:
        page = posixpath.normpath(f"stakeholders/people/{stakeholder.id}.md")
        assert page.startswith("stakeholders/people/")
        assert ".." not in page.split("/")
        assert all(_SAFE.match(part) for part in stakeholder.id.split("/"))


_SAFE = re.compile(r"^[a-z0-9][a-z0-9_-]*\Z")


@pytest.mark.parametrize("day", ["2024-02-30", "0000-01-01", "2023-02-29"])
def test_a_review_date_that_no_calendar_has_is_located(tmp_path, day):
    write(tmp_path, "it/anna.yml", f"name: Anna\ndiscipline: it\nreviewed: {day}\n")
    assert messages(tmp_path) == [
        f"it/anna.yml:3:11: error: 'reviewed: {day}' is not a day on the calendar: write the "
        f"day as YYYY-MM-DD, such as {datetime.date.today().isoformat()} "
        "(impossible-date)"
    ]


@pytest.mark.parametrize("note", ["2024-13-45", "2024-12-25"])
def test_a_note_that_looks_like_a_date_is_text(tmp_path, note):
    write(tmp_path, "it/anna.yml", f"name: Anna\ndiscipline: it\nnotes: {note}\nrole: {note}\n")
    loaded = load(tmp_path)
    assert loaded.problems == ()
    assert loaded.stakeholders[0].role == note


def test_a_character_device_is_refused_without_reading_it():
    # /dev/zero never ends: reading it whole would fill the memory.
    with pytest.raises(Unreadable, match="this is a character device, not a regular file"):
        read_regular_file(Path("/dev/zero"))


def test_a_pipe_put_in_place_of_a_file_after_it_was_looked_at_is_refused(tmp_path, monkeypatch):
    """The name is checked before it is opened, and what was opened is checked again."""
    regular = tmp_path / "regular.yml"
    regular.write_text("name: Anna\n")
    pipe = tmp_path / "pipe.yml"
    os.mkfifo(pipe)
    looked_at = os.lstat(regular)
    monkeypatch.setattr(os, "lstat", lambda path: looked_at)
    with pytest.raises(Unreadable, match="this is a named pipe"):
        read_regular_file(pipe)


def test_a_file_that_grows_while_read_is_read_no_further_than_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "a.yml"
    path.write_bytes(b"x" * (MAX_BYTES * 3))
    real_fstat, real_read = os.fstat, os.read

    def fstat_before_it_grew(fd: int) -> os.stat_result:
        return os.stat_result((*real_fstat(fd)[:6], 10, *real_fstat(fd)[7:]))

    asked = []
    monkeypatch.setattr(os, "fstat", fstat_before_it_grew)
    monkeypatch.setattr(os, "read", lambda fd, n: asked.append(n) or real_read(fd, n))
    with pytest.raises(Unreadable, match=f"the file has {MAX_BYTES + 1:,} bytes or more"):
        read_regular_file(path)
    assert sum(asked) <= MAX_BYTES + 1


def test_a_file_read_in_pieces_is_read_whole(tmp_path, monkeypatch):
    """A read may give fewer bytes than asked without the file having ended (a network
    share, a signal): reading goes on until a read finds the end."""
    path = tmp_path / "a.yml"
    path.write_bytes(b"name: Anna de Vries\ndiscipline: legal\n")
    real_read = os.read
    asked = []
    monkeypatch.setattr(os, "read", lambda fd, n: asked.append(n) or real_read(fd, min(n, 7)))
    assert read_regular_file(path) == path.read_bytes()
    # The first read asks for what the file announced and a byte more, not the limit.
    assert asked[0] == path.stat().st_size + 1


def test_a_file_that_grows_while_read_in_pieces_is_still_refused(tmp_path, monkeypatch):
    """Short reads that add up to the announced size do not end the reading: a file
    that went on growing past the limit is refused, not cut at its old size."""
    path = tmp_path / "a.yml"
    path.write_bytes(b"x" * (MAX_BYTES * 2))
    real_fstat, real_read = os.fstat, os.read

    def fstat_before_it_grew(fd: int) -> os.stat_result:
        return os.stat_result((*real_fstat(fd)[:6], 14, *real_fstat(fd)[7:]))

    monkeypatch.setattr(os, "fstat", fstat_before_it_grew)
    monkeypatch.setattr(os, "read", lambda fd, n: real_read(fd, min(n, 7)))
    with pytest.raises(Unreadable, match="bytes or more"):
        read_regular_file(path)


@pytest.mark.parametrize(
    ("first", "second"),
    [("legal/dup.yml", "legal/dup/index.yml"), ("legal.yml", "legal/index.yaml")],
)
def test_two_files_whose_pages_share_an_address_are_an_error(tmp_path, first, second):
    write(tmp_path, first, "name: Eerste\ndiscipline: legal\n")
    write(tmp_path, second, "name: Tweede Persoon\ndiscipline: legal\n")
    loaded = load(tmp_path)
    assert [s.id for s in loaded.stakeholders] == [first.rsplit(".", 1)[0]]
    [message] = messages(tmp_path)
    assert message.startswith(f"{second}:1:1: error: the page of ")
    assert f"would have the same address as the page of '{first.rsplit('.', 1)[0]}'" in message
    assert message.endswith(
        f"for example to 'tweede-persoon.{second.rsplit('.', 1)[1]}' (page-address-collision)"
    )


@pytest.mark.parametrize(
    "invisible", ["\\u200b", "\\u200c\\u200d", "\\u2060\\ufeff", "\\u3164", "\\u0301", "\\u00ad "]
)
@pytest.mark.parametrize("key", ["name", "role", "expectation"])
def test_text_that_shows_nothing_is_refused(tmp_path, key, invisible):
    text = "name: Anna\ndiscipline: it\n" if key != "name" else "discipline: it\n"
    write(tmp_path, "it/a.yml", f'{text}{key}: "{invisible}"\n')
    [message] = messages(tmp_path)
    assert f"error: '{key}' shows nothing: it holds only invisible characters (U+" in message


def test_a_name_with_a_zero_width_joiner_between_letters_is_fine(tmp_path):
    write(tmp_path, "it/a.yml", 'name: "Anna\\u200dMaria"\ndiscipline: it\n')
    assert messages(tmp_path) == []


def test_a_stakeholders_folder_that_cannot_be_read_is_named(tmp_path, monkeypatch):
    folder = tmp_path / "stakeholders"
    folder.mkdir()
    scandir = os.scandir

    def refused(path):
        if os.fspath(path) == os.fspath(folder):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refused)
    loaded = load_stakeholders(folder, DEFAULT_METHOD, lambda p: "stakeholders")
    (problem,) = loaded.problems
    assert format_problem(problem) == (
        "stakeholders:1:1: error: cannot read the stakeholders folder (permission denied): "
        "give the user who builds the site permission to read it (unreadable)"
    )


@pytest.mark.parametrize(
    "written",
    # Text, including words that start like YAML's special values, and every special
    # value: null, booleans, numbers, dates.
    (
        "Anna Émile nul Nullable truth nULL tRUE x12 ja nee yes no on off y nan inf ~ null "
        "Null NULL true True TRUE false False FALSE .nan .NaN .inf -.inf +.inf 12 -3 +4 "
        "0x1F 0o17 1.5 1e3 .5 2026-11-29"
    ).split(),
)
def test_plain_values_are_typed_as_yaml_1_2_types_them(written):
    from ruamel.yaml import YAML

    from pilotbook.yaml.plain import load as plain_load

    expected = YAML(typ="safe", pure=True).load(f"k: {written}\n")["k"]
    value = plain_load(f"k: {written}\n").data["k"]
    assert type(value) is type(expected)
    assert value == expected or (value != value and expected != expected)  # NaN


@pytest.mark.parametrize(
    ("value", "column"),
    [
        ("1" * 5000, 8),  # more than int() reads
        ("-" + "9" * 4301, 8),
        ("0x" + "f" * 4000, 8),  # read, but more than str() writes
        ("0o" + "7" * 5000, 8),
        ("[1, 0x" + "f" * 3572 + "]", 12),
        # Forms only ruamel.yaml reads as numbers: the plain reader refuses them too.
        ("99_" + "9" * 5000, 8),
        ("0b" + "1" * 20000, 8),
        ("0x_" + "f" * 4000, 8),
    ],
)
def test_a_number_too_long_to_show_is_located_by_either_reader(tmp_path, value, column):
    from pilotbook.yaml.plain import load as plain_load
    from pilotbook.yaml.source import YamlSyntaxError, parse

    text = f"name: Anna\ndiscipline: it\nnotes: {value}\n"
    write(tmp_path, "it/a.yml", text)
    [message] = messages(tmp_path)
    assert message.startswith(
        f"it/a.yml:3:{column}: error: the number has more than 4,300 digits, more than "
        "pilotbook reads: put it in quotes to keep it as text"
    )
    assert message.endswith("(number-too-long)")
    # ruamel.yaml reads a file again to locate a problem or word a syntax error.
    for reader in (plain_load, parse):
        with pytest.raises(YamlSyntaxError) as raised:
            reader(text)
        assert (raised.value.position, raised.value.code) == ((3, column), "number-too-long")


def test_locating_a_problem_never_fails_on_a_number_the_data_reader_took_as_text():
    from pilotbook.yaml.source import YamlDocument

    # The data come from the plain reader; ruamel.yaml reads the text again only for
    # positions, and a number too long for it must not end that reading.
    text = "name: Anna\nextra: 0b" + "1" * 20000 + "\nrole: 5\n"
    document = YamlDocument({"name": "Anna", "extra": "0b1...", "role": 5}, text)
    assert document.position(("role",)) == (3, 7)


@pytest.mark.parametrize("value", ["9" * 4300, "-" + "9" * 4300, "0x" + "f" * 3571])
def test_a_number_of_4300_digits_is_still_a_number(tmp_path, value):
    from pilotbook.yaml.plain import load as plain_load
    from pilotbook.yaml.source import parse

    text = f"notes: {value}\n"
    assert plain_load(text).data["notes"] == parse(text).data["notes"] == int(value, 0)
