"""Loading a kind's records: every file found, validated, and the valid ones joined with
the pilot's judgement.

Checks that span files are made here: two files with one id, two records whose pages
would have one address. All problems are collected; none stops the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pilotbook.method.model import Method
from pilotbook.method.pilots import Pilot
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position, Problem, Severity
from pilotbook.records.files import Display, SourceFile, Unreadable, files_in
from pilotbook.records.ids import check_id, page_address, record_id, slugify
from pilotbook.records.model import ONE_PILOT, Parts
from pilotbook.records.record_kind import Kind
from pilotbook.records.validation import read_record


@dataclass(frozen=True)
class Loaded:
    """Every valid record of a kind (sorted by id) as the handbook's one pilot judges it
    (with several pilots: judged by none, see `join` for each pilot's), and every
    problem found on the way."""

    records: tuple[Any, ...]
    problems: tuple[Problem, ...]
    files: int
    # Ids of files that exist but could not be read as a record.
    invalid: tuple[str, ...] = ()
    # What the records were joined from: who each one is, and by pilot, each pilot's
    # judgement of them by id.
    people: tuple[Any, ...] = ()
    judgements: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @property
    def stakeholders(self) -> tuple[Any, ...]:
        """The records, as the stakeholder kind calls them."""
        return self.records

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


def load_kind(
    kind: Kind,
    directory: Path,
    method: Method,
    display: Display = str,
    pilots: Sequence[Pilot] = (),
) -> Loaded:
    """Read and validate every file of `kind` below `directory`.

    `display` turns a file's path into the name messages use for it (relative to
    where the user stands); `pilots` are those the handbook lists (see `read_record`).
    All problems are collected; none stops the others.
    """
    if not directory.is_dir():
        if kind.missing_folder is None:
            return Loaded((), (), 0)
        message = (
            f"the {kind.plural} folder does not exist: create it, or point "
            f"'{kind.folder_option}' in mkdocs.yml at the folder that holds the YAML files"
        )
        where, code = Position(1, 1), kind.missing_folder
        return Loaded((), (Problem(display(directory), where, Severity.ERROR, message, code),), 0)
    try:
        # The walk raises only where it cannot read the folder itself.
        return load_files(kind, files_in(kind, directory, display), method, pilots)
    except OSError as exc:
        message = (
            f"cannot read the {kind.plural} folder ({(exc.strerror or 'unreadable').lower()}): "
            "give the user who builds the site permission to read it"
        )
        problem = Problem(
            display(directory), Position(1, 1), Severity.ERROR, message, Code.UNREADABLE
        )
        return Loaded((), (problem,), 0)


def load_files(
    kind: Kind, files: Iterable[SourceFile], method: Method, pilots: Sequence[Pilot] = ()
) -> Loaded:
    """Validate files of `kind` from any source; all problems are collected."""
    problems: list[Problem] = []
    people: dict[str, Any] = {}
    listed = tuple(p.id for p in pilots) or (ONE_PILOT,)
    judgements: dict[str, dict[str, Any]] = {pilot: {} for pilot in listed}
    # Valid records by the address of their page (for a kind whose records have one):
    # two ids can share one.
    addresses: dict[str, Any] = {}
    invalid: list[str] = []
    count = 0
    for source in files:
        count += 1
        parts, found = _load_one(kind, source, people, method, pilots)
        if parts is not None and kind.page:
            person = parts.identity
            other = addresses.get(page_address(person.id))
            if other is not None:
                parts, found = None, [*found, _same_address(source, kind, person, other)]
            else:
                addresses[page_address(person.id)] = person
        problems.extend(found)
        if parts is not None:
            people[parts.identity.id] = parts.identity
            for pilot, judgement in parts.judgements.items():
                judgements[pilot][parts.identity.id] = judgement
        else:
            invalid.append(record_id(source.relative))
    ordered = tuple(people[k] for k in sorted(people))
    by_pilot = judgements if kind.judgement is not None else {}
    return Loaded(
        join(kind, ordered, by_pilot, ONE_PILOT),
        tuple(sorted(problems)),
        count,
        tuple(sorted(invalid)),
        ordered,
        by_pilot,
    )


def join(
    kind: Kind, people: Iterable[Any], judgements: Mapping[str, Mapping[str, Any]], pilot: str
) -> tuple[Any, ...]:
    """Each person as `pilot` judges them: the records that pilot's screening reads.

    A handbook's one pilot judges everyone; a pilot that `pilots:` lists, only those
    whose file has an entry for it (with several pilots, `ONE_PILOT` gives everyone,
    judged by none)."""
    judged = judgements.get(pilot, {})
    if pilot == ONE_PILOT:
        return tuple(kind.join(person, judged.get(person.id)) for person in people)
    return tuple(
        kind.join(person, judged[person.id], pilot) for person in people if person.id in judged
    )


def _same_address(source: SourceFile, kind: Kind, record: Any, other: Any) -> Problem:
    return Problem(
        source.shown,
        Position(1, 1),
        Severity.ERROR,
        f"the page of '{record.id}' would have the same address as the page of "
        f"'{other.id}' ({other.path}), and one of the two would be lost: rename "
        f"'{source.relative.name}' (an 'index' file stands for its folder), for example to "
        f"'{slugify(record.name) or 'name'}{source.relative.suffix}'",
        Code.PAGE_ADDRESS_COLLISION,
    )


def _load_one(
    kind: Kind, source: SourceFile, seen: Mapping[str, Any], method: Method, pilots: Sequence[Pilot]
) -> tuple[Parts | None, list[Problem]]:
    def error(message: str, code: Code) -> tuple[None, list[Problem]]:
        return None, [Problem(source.shown, Position(1, 1), Severity.ERROR, message, code)]

    if source.symlink:
        return error(
            "this is a symbolic link, which pilotbook does not follow: "
            f"put the {kind.name} file itself here",
            Code.SYMBOLIC_LINK,
        )
    if source.refused is not None:
        return error(str(source.refused), source.refused.code)
    id_problem = check_id(source.relative, kind)
    if id_problem:
        return error(*id_problem)
    ident = record_id(source.relative)
    if ident in seen:
        return error(
            f"id '{ident}' is also used by {seen[ident].path}: "
            f"each {kind.name} needs its own file name",
            Code.DUPLICATE_ID,
        )
    try:
        raw = source.read()
    except Unreadable as exc:
        return error(str(exc), exc.code)
    except OSError as exc:
        return error(
            f"cannot read the file ({exc.strerror}): check that it exists and is readable",
            Code.UNREADABLE,
        )
    return read_record(kind, raw, ident, source.shown, method, pilots)
