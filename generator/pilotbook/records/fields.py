"""A field of a record file: declared once, in its kind's table, and read by everything.

The validator, the record's classes (the model, its identity and judgement, and the
published class an audience sees), the JSON Schema, `pilotbook new`, the reports and
the diff all read a kind's table of fields; none of them names a field again. A plain
optional field is one entry, such as::

    Field("team", "text", "The team the colleague works in.", report=True, public=True)

plus the template lines that show it.

- `type` says how a value is read, described and kept: see `TYPES`.
- `only` refuses the field where the rest of the record says it does not apply (an
  answer on an external stakeholder), with `only_message` and `only_code`.
- `published=False` fields are read and checked, but never enter the model.
- `pilot=True` fields are one pilot's judgement of the person; the rest say who the
  person is, whatever the pilot.
- `public` is what the intranet may see of it: everything (True), nothing (False, the
  team's view only) or only these values (a tuple, "selected" after an interview).
- `new` offers a field with a value (`"value"`), as a commented example
  (`"comment"`) or not at all (None); `prompt` is the label of its comment.
- `diff` compares a field as a plain changed field (`"field"`), leaves it to a
  report of its own (`"own"`, as for answers), or never (`None`, for what is never
  published).
- `report` fields are keys of the JSON report and columns of the CSV report.
- `default` is a choice field's value where the file gives none.
- `past` date fields say when something was done: a day after today is refused (a
  caller's `trained` may be planned, a review cannot have happened yet).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from pilotbook.method.model import Method
from pilotbook.problems.codes import Code


class FieldType(NamedTuple):
    """How the values of one type of field are kept: the annotation of the attribute
    and a new empty value (what a record without the field holds)."""

    annotation: str
    empty: Callable[[], Any]


TYPES = {
    "text": FieldType("str | None", lambda: None),
    # One of the values the field's `values` gives under the method.
    "choice": FieldType("str | None", lambda: None),
    "date": FieldType("datetime.date | None", lambda: None),
    # Every configured question id, answered True/False, or None while not answered.
    "answers": FieldType("Mapping[str, bool | None]", dict),
    # Per phase id, a level of the participation spectrum; phases not planned are absent.
    "involvement": FieldType("Mapping[str, str]", dict),
    # Free-form labels and values, in the order written.
    "mapping": FieldType("tuple[tuple[str, str], ...]", tuple),
    # A free-form mapping that is checked and never kept.
    "private": FieldType("None", lambda: None),
    # Yes or no in the spellings answers take; None where it is not said.
    "yesno": FieldType("bool | None", lambda: None),
    # A number of at least 0 (a whole number or a decimal one).
    "number": FieldType("int | float | None", lambda: None),
}


@dataclass(frozen=True)
class Field:
    """One top-level key of a record file."""

    key: str
    type: str  # a key of TYPES
    description: str
    required: bool = False
    # A choice field's values under a method.
    values: Callable[[Method], tuple[str, ...]] | None = None
    # Where the field applies, judged from the record's other values; elsewhere it is
    # refused with `only_message` and `only_code`.
    only: Callable[[Mapping[str, Any]], bool] | None = None
    only_message: str = ""
    only_code: Code | None = None
    published: bool = True
    pilot: bool = False
    public: bool | tuple[str, ...] = False
    new: str | None = "comment"
    prompt: str | None = None
    example: tuple[str, ...] = ()
    diff: str | None = "field"
    report: bool = False
    # A choice field's value where the file gives none (a caller is a `candidate`).
    default: str | None = None
    # A date field of something done (`reviewed`): a day after today is refused.
    past: bool = False

    def __post_init__(self) -> None:
        assert self.type in TYPES, f"no field type '{self.type}' for '{self.key}'"
        assert self.type != "choice" or self.values is not None, self.key

    def choices(self, method: Method) -> tuple[str, ...]:
        assert self.values is not None, self.key
        return self.values(method)

    def applies(self, values: Mapping[str, Any]) -> bool:
        """Whether the field applies to a record with these other values."""
        return self.only is None or self.only(values)

    def empty(self) -> Any:
        return self.default if self.default is not None else TYPES[self.type].empty()

    def attribute(self) -> tuple[str, str, dataclasses.Field[Any]] | tuple[str, str]:
        """The field as an attribute of a record's class (see `dataclasses.make_dataclass`):
        without a default where it is required, a new empty mapping where it is one."""
        annotation = TYPES[self.type].annotation
        if self.required:
            return self.key, annotation
        empty = self.empty()
        if isinstance(empty, dict):
            return self.key, annotation, dataclasses.field(default_factory=dict)
        return self.key, annotation, dataclasses.field(default=empty)


# What every kind's files may hold for the project team alone: read and checked, never
# kept in the model, so no page, report or diff of any audience can show it.
NEVER_PUBLISHED = (
    Field(
        "notes",
        "text",
        "Notes for the project team. Never published, in any audience.",
        published=False,
        new=None,
        diff=None,
    ),
    Field(
        "private",
        "private",
        "Free-form mapping for the project team. Never published, in any audience.",
        published=False,
        new=None,
        diff=None,
    ),
)
