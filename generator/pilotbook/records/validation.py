"""Validating one record file: plain YAML, a mapping of the kind's keys, each value read
as its field's type says, and the kind's own rules.

Every problem is collected and located; none stops the others. A file with an error
gives no record, so nothing downstream ever sees a value that was not checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pilotbook.method.model import Method
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Problem, Severity
from pilotbook.records.fields import Field
from pilotbook.records.model import Parts
from pilotbook.records.record_kind import Kind
from pilotbook.records.values import READERS, close, unknown
from pilotbook.yaml.plain import check_size, load
from pilotbook.yaml.source import KeyPath, YamlDocument, YamlSyntaxError, decode


def read_record(
    kind: Kind, raw: bytes, ident: str, shown: str, method: Method
) -> tuple[Parts | None, list[Problem]]:
    """Validate one file's bytes; returns what it says (None on errors) and its problems."""
    try:
        check_size(raw)
        document = load(decode(raw))
    except YamlSyntaxError as exc:
        return None, [Problem(shown, exc.position, Severity.ERROR, exc.message, exc.code)]
    check = FileCheck(kind, document, shown, method)
    values = check.values()
    if values is None or check.problems:
        return None, check.problems
    return kind.split(ident, shown, document, values), check.problems


class FileCheck:
    """One file being validated (see pilotbook.records.kind.Check)."""

    def __init__(self, kind: Kind, document: YamlDocument, shown: str, method: Method) -> None:
        self.kind = kind
        self.document = document
        self.data = document.data
        self.shown = shown
        self.method = method
        self.problems: list[Problem] = []
        # Keys the author probably meant where they misspelled one: reported once, as
        # the misspelling, not again as missing.
        self.meant: set[str] = set()

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
        for key in data:
            if key not in kind.by_key:
                self.error((key,), unknown("key", key, kind.keys), Code.UNKNOWN_KEY, key=True)
                self.meant.update(close(key, kind.keys))
        values: dict[str, Any] = {}
        for rule in kind.rules:
            values.update(rule.check(self))
        for field in kind.fields:
            if field.key not in values:
                values[field.key] = self.field(field, values)
        return values

    def field(self, field: Field, values: Mapping[str, Any]) -> Any:
        """One field's value, refused where the record's other values say it does not apply."""
        if not field.applies(values) and self.data.get(field.key) is not None:
            assert field.only_code is not None
            self.error((field.key,), field.only_message, field.only_code, key=True)
            return field.empty()
        return READERS[field.type](self, field)
