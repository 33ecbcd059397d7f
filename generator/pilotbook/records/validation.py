"""Validating one record file: plain YAML, a mapping of the kind's keys, each value read
as its field's type says, and the kind's own rules.

Every problem is collected and located; none stops the others. A file with an error
gives no record, so nothing downstream ever sees a value that was not checked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pilotbook.method.model import Method
from pilotbook.method.pilots import Pilot
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Problem, Severity
from pilotbook.records.fields import Field
from pilotbook.records.model import Parts
from pilotbook.records.record_kind import Kind
from pilotbook.records.values import READERS, close, unknown
from pilotbook.yaml.plain import check_size, load
from pilotbook.yaml.source import KeyPath, YamlDocument, YamlSyntaxError, decode


def read_record(
    kind: Kind,
    raw: bytes,
    ident: str,
    shown: str,
    method: Method,
    pilots: Sequence[Pilot] = (),
) -> tuple[Parts | None, list[Problem]]:
    """Validate one file's bytes; returns what it says (None on errors) and its problems.

    `pilots` are the pilots a handbook lists, for a kind they judge: each one's
    judgement stands under `pilots: <id>:`, read by that pilot's method, and `method`
    reads the identity. Without them the one pilot's judgement stands at the top."""
    try:
        check_size(raw)
        document = load(decode(raw))
    except YamlSyntaxError as exc:
        return None, [Problem(shown, exc.position, Severity.ERROR, exc.message, exc.code)]
    listed = tuple(pilots) if kind.judgement is not None else ()
    check = FileCheck(kind, document, shown, method, listed)
    values = check.values()
    if values is None or check.problems:
        return None, check.problems
    if listed:
        parts = kind.split_pilots(ident, shown, document, values, check.judgements)
        return parts, check.problems
    return kind.split(ident, shown, document, values), check.problems


# The key under which each pilot's judgement stands, in a handbook with several.
PILOTS = "pilots"
OUTSIDE = Code.JUDGEMENT_OUTSIDE_PILOT


class FileCheck:
    """One file being validated (see pilotbook.records.kind.Check)."""

    def __init__(
        self,
        kind: Kind,
        document: YamlDocument,
        shown: str,
        method: Method,
        pilots: tuple[Pilot, ...] = (),
    ) -> None:
        self.kind = kind
        self.document = document
        self.data = document.data
        self.shown = shown
        self.method = method
        self.pilots = pilots
        self.problems: list[Problem] = []
        # Keys the author probably meant where they misspelled one: reported once, as
        # the misspelling, not again as missing.
        self.meant: set[str] = set()
        # With several pilots: each one's judgement, as read, by the pilot's id.
        self.judgements: dict[str, dict[str, Any]] = {}

    def error(self, where: KeyPath, message: str, code: Code, *, key: bool = False) -> None:
        position = self.document.position(where, key=key)
        self.problems.append(Problem(self.shown, position, Severity.ERROR, message, code))

    def read(self, key: str) -> Any:
        field = self.kind.by_key[key]
        return READERS[field.type](self, field)

    def values(self) -> dict[str, Any] | None:
        """Every field's value: first those the kind's rules decide, then the others in
        the table's order; None for a file that is not a mapping at all."""
        kind, data = self.kind, self.data
        if data is None:
            self.error((), f"the file is empty: a {kind.name} needs {kind.needs}", Code.EMPTY_FILE)
            return None
        if not isinstance(data, Mapping):
            what = "a list" if isinstance(data, list) else "a single value"
            self.error(
                (),
                f"the file holds {what}: a {kind.name} file is a mapping of keys "
                f"such as {kind.example_keys}, one per line",
                Code.NOT_A_MAPPING,
            )
            return None
        several = bool(self.pilots)
        keys = (*(f.key for f in kind.fields if not f.pilot), PILOTS) if several else kind.keys
        for key in data:
            if several and key in kind.by_key and kind.by_key[key].pilot:
                self.error((key,), outside_pilot(key, self.pilots), OUTSIDE, key=True)
            elif key not in keys:
                self.error((key,), unknown("key", key, keys), Code.UNKNOWN_KEY, key=True)
                self.meant.update(close(key, keys))
        values: dict[str, Any] = {}
        for rule in kind.rules:
            values.update(rule.check(self))
        for field in kind.fields:
            if field.key not in values and not (several and field.pilot):
                values[field.key] = self.field(field, values)
        if several:
            self.judgements = judged_by_pilots(self, values)
        return values

    def field(self, field: Field, values: Mapping[str, Any]) -> Any:
        """One field's value, refused where the record's other values say it does not apply."""
        if not field.applies(values) and self.data.get(field.key) is not None:
            assert field.only_code is not None
            self.error((field.key,), field.only_message, field.only_code, key=True)
            return field.empty()
        return READERS[field.type](self, field)


class PilotCheck(FileCheck):
    """One pilot's judgement in a file (under `pilots: <id>:`), read by the pilot's
    method: its problems point into the mapping and name the pilot."""

    def __init__(self, file: FileCheck, pilot: Pilot, data: Mapping[str, Any]) -> None:
        super().__init__(file.kind, file.document, file.shown, pilot.method)
        self.data = data
        self.problems = file.problems
        self.pilot = pilot

    def error(self, where: KeyPath, message: str, code: Code, *, key: bool = False) -> None:
        where = (PILOTS, self.pilot.id, *where)
        super().error(where, f"{self.pilot.title}: {message}", code, key=key or len(where) == 2)

    def judgement(self, identity: Mapping[str, Any]) -> dict[str, Any]:
        """The pilot's judgement fields, judged by the person's identity (an answer to
        an external stakeholder is refused as at the top of a one-pilot file)."""
        kind = self.kind
        judged = tuple(f.key for f in kind.fields if f.pilot)
        for key in self.data:
            if key in kind.by_key and key not in judged:
                message = (
                    f"'{key}' says who the {kind.name} is, the same in every pilot: write it "
                    f"at the top of the file, not under '{PILOTS}: {self.pilot.id}'"
                )
                self.error((key,), message, Code.UNKNOWN_KEY, key=True)
            elif key not in judged:
                self.error((key,), unknown("key", key, judged), Code.UNKNOWN_KEY, key=True)
                self.meant.update(close(key, judged))
        discipline = identity.get("discipline")
        if discipline is not None and discipline not in self.method.discipline_ids:
            self.error(
                (),
                f"the {kind.name}'s discipline '{discipline}' is not one this pilot screens "
                f"(its disciplines: {', '.join(self.method.discipline_ids)}): remove "
                f"'{self.pilot.id}:' under '{PILOTS}', or add '{discipline}' to the pilot's "
                "disciplines in mkdocs.yml",
                Code.DISCIPLINE_OUTSIDE_PILOT,
            )
        return {f.key: self.field(f, identity) for f in kind.fields if f.pilot}


def judged_by_pilots(check: FileCheck, identity: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Each pilot's judgement under `pilots:`, by the pilot's id: an entry for a pilot
    the handbook does not list is refused, and an empty one (`chat: {}`) means taking
    part, not judged yet. A file without `pilots:` takes part in none."""
    given = check.data.get(PILOTS)
    if given is None:
        return {}
    known = {p.id: p for p in check.pilots}
    if not isinstance(given, Mapping):
        check.error(
            (PILOTS,),
            f"'{PILOTS}' must be a mapping of pilot ids ({', '.join(known)}) to each "
            "pilot's judgement, such as "
            f"'{PILOTS}: {{{next(iter(known))}: {{expectation: ...}}}}'",
            Code.NOT_A_MAPPING,
        )
        return {}
    found = {}
    for ident, entry in given.items():
        pilot = known.get(ident) if isinstance(ident, str) else None
        if pilot is None:
            message = unknown("pilot", ident, tuple(known)).replace(
                "(expected one of:", "(the pilots mkdocs.yml lists:"
            )
            check.error((PILOTS, ident), message, Code.UNKNOWN_PILOT, key=True)
        elif entry is not None and not isinstance(entry, Mapping):
            check.error(
                (PILOTS, ident),
                f"{pilot.title}: the judgement must be a mapping such as 'expectation: ...', "
                "or '{}' for taking part, not judged yet",
                Code.NOT_A_MAPPING,
            )
        else:
            found[ident] = PilotCheck(check, pilot, entry or {}).judgement(identity)
    return found


def outside_pilot(key: str, pilots: Sequence[Pilot]) -> str:
    """Why a pilot's judgement cannot stand at the top of a file with several pilots."""
    ids = ", ".join(p.id for p in pilots)
    return (
        f"'{key}' is one pilot's judgement, and this handbook has several pilots ({ids}): "
        f"move it under '{PILOTS}: <id>:' for the pilot it is about, such as "
        f"'{PILOTS}: {{{pilots[0].id}: {{{key}: ...}}}}'"
    )
