"""The classes a record kind's table of fields makes, and how one pilot's judgement is
joined to a person.

A kind's fields are declared once (see pilotbook.records.fields); its classes are
made from them, never written out by hand:

- the identity: who the record is about, whatever the pilot (`name`, `role`, ...);
- the judgement: one pilot's view of them (`answers`, `expectation`, ...), for kinds
  that have one;
- the record: both joined, for one pilot; what the screening and the pages read.

Each class is a frozen dataclass with one plain attribute per field, so reading a
value costs what it costs on a class written by hand.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, NamedTuple

from pilotbook.method.pilots import ONE_PILOT
from pilotbook.problems.problem import Position
from pilotbook.records.fields import Field
from pilotbook.yaml.source import YamlDocument

__all__ = ["ONE_PILOT", "Parts", "Record", "attributes", "part_class", "record_class", "values_of"]


class Record:
    """What every record has besides its fields: the id its file's path gives, the path
    messages name it by, and the file as read, to find where a key stood for problems
    found after validation."""

    id: str
    path: str
    document: YamlDocument | None
    # The pilot whose judgement a joined record holds, and the keys of that judgement:
    # in a handbook with several pilots they stand under `pilots: <id>:`.
    pilot: str = ONE_PILOT
    judged: ClassVar[frozenset[str]] = frozenset()

    def position(self, key: str) -> Position:
        if self.document is None:
            return Position(1, 1)
        if self.pilot != ONE_PILOT and key in self.judged:
            return self.document.position(("pilots", self.pilot, key), key=True)
        return self.document.position((key,), key=True)


class Parts(NamedTuple):
    """What one file says: who the record is about, and each pilot's judgement of them
    by the pilot's id (ONE_PILOT for a handbook's one pilot; empty for a kind that no
    pilot judges, or a person in no pilot)."""

    identity: Any
    judgements: Mapping[str, Any]

    @property
    def judgement(self) -> Any:
        """The judgement of a handbook's one pilot (None where there is none)."""
        return self.judgements.get(ONE_PILOT)


def attributes(fields: Iterable[Field]) -> list[Any]:
    """The fields as attributes of a dataclass: the required ones first, so that they
    may be given in order, then the others with their empty value as the default."""
    published = [f for f in fields if f.published]
    return [f.attribute() for f in published if f.required] + [
        f.attribute() for f in published if not f.required
    ]


def record_class(name: str, fields: Iterable[Field], bases: tuple[type, ...], module: str) -> type:
    """A class of records with `fields`: `id`, `path`, the fields, then the document
    (and for records that join a pilot's judgement, which pilot's it is)."""
    fields = tuple(fields)
    document = dataclasses.field(default=None, compare=False, repr=False)
    judged = frozenset(f.key for f in fields if f.pilot)
    pilot = [("pilot", "str", dataclasses.field(default=ONE_PILOT, compare=False, repr=False))]
    made = dataclasses.make_dataclass(
        name,
        [
            ("id", "str"),
            ("path", "str"),
            *attributes(fields),
            ("document", "Any", document),
            *(pilot if judged else []),
        ],
        bases=(Record, *bases),
        frozen=True,
    )
    made.judged = judged
    made.__module__ = module
    return made


def part_class(name: str, fields: Iterable[Field], module: str) -> type:
    """A class with `fields` alone, such as one pilot's judgement of a person."""
    made = dataclasses.make_dataclass(name, attributes(fields), frozen=True)
    made.__module__ = module
    return made


def values_of(instance: Any) -> Mapping[str, Any]:
    """An instance's attributes by name, as the class's `__init__` takes them."""
    return instance.__dict__
