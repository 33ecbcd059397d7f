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
from typing import Any, NamedTuple

from pilotbook.problems.problem import Position
from pilotbook.records.fields import Field
from pilotbook.yaml.source import YamlDocument

# The one pilot of a handbook: its judgement of each person is written at the top of
# the person's file.
ONE_PILOT = ""


class Record:
    """What every record has besides its fields: the id its file's path gives, the path
    messages name it by, and the file as read, to find where a key stood for problems
    found after validation."""

    id: str
    path: str
    document: YamlDocument | None

    def position(self, key: str) -> Position:
        if self.document is None:
            return Position(1, 1)
        return self.document.position((key,), key=True)


class Parts(NamedTuple):
    """What one file says: who the record is about, and the one pilot's judgement of
    them (None for a kind that no pilot judges)."""

    identity: Any
    judgement: Any


def attributes(fields: Iterable[Field]) -> list[Any]:
    """The fields as attributes of a dataclass: the required ones first, so that they
    may be given in order, then the others with their empty value as the default."""
    published = [f for f in fields if f.published]
    return [f.attribute() for f in published if f.required] + [
        f.attribute() for f in published if not f.required
    ]


def record_class(name: str, fields: Iterable[Field], bases: tuple[type, ...], module: str) -> type:
    """A class of records with `fields`: `id`, `path`, the fields, then the document."""
    document = dataclasses.field(default=None, compare=False, repr=False)
    made = dataclasses.make_dataclass(
        name,
        [("id", "str"), ("path", "str"), *attributes(fields), ("document", "Any", document)],
        bases=(Record, *bases),
        frozen=True,
    )
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
