"""The fields of a stakeholder file: one table that the validator, the JSON Schema,
`pilotbook new`, the reports and the diff all read.

Adding a field is one entry here, its attribute on `Stakeholder`, and the template
lines that show it::

    Field("influence", "choice", "Influence on the pilot, high or low.",
          values=lambda method: HIGH_LOW, prompt="new_grid", example=("high",))

- `kind` says how a value is read and described: text, choice, answers, date,
  mapping, involvement or private.
- `only="internal"` refuses the field on an external stakeholder, with the table's
  message and code.
- `published=False` fields are read and checked, but never enter the model.
- `new` offers a field with a value (`"value"`), as a commented example
  (`"comment"`) or not at all (None); `prompt` is the label of its comment.
- `diff` compares a field as a plain changed field (`"field"`), leaves it to a
  report of its own (`"own"`, as for answers), or never (`None`, for what is never
  published).
- `report` fields are keys of the JSON report and columns of the CSV report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pilotbook.method.model import HIGH_LOW, Method
from pilotbook.problems.codes import Code

EXTERNAL_KINDS = ("direct", "indirect")
INTERVIEW_OUTCOMES = ("selected", "rejected")


@dataclass(frozen=True)
class Field:
    """One top-level key of a stakeholder file."""

    key: str
    kind: str  # text | choice | answers | date | mapping | involvement | private
    description: str
    required: bool = False
    # A choice field's values under a method.
    values: Callable[[Method], tuple[str, ...]] | None = None
    # "internal" for fields an external stakeholder may not have, with why and its code.
    only: str | None = None
    only_message: str = ""
    only_code: Code | None = None
    published: bool = True
    new: str | None = "comment"
    prompt: str | None = None
    example: tuple[str, ...] = ()
    diff: str | None = "field"
    report: bool = False

    def choices(self, method: Method) -> tuple[str, ...]:
        assert self.values is not None, self.key
        return self.values(method)


FIELDS = (
    Field(
        "name",
        "text",
        "Full name of the person, group or organisation.",
        required=True,
        new="value",
        report=True,
    ),
    Field("role", "text", "Role or job title.", new="value", report=True),
    Field(
        "discipline",
        "choice",
        "Internal stakeholders: the discipline they represent.",
        values=lambda method: method.discipline_ids,
        new="value",
        report=True,
    ),
    Field(
        "external",
        "choice",
        "External stakeholders instead of a discipline: direct (the customer) or indirect "
        "(the wider environment).",
        values=lambda method: EXTERNAL_KINDS,
        new="value",
        report=True,
    ),
    Field(
        "answers",
        "answers",
        "Internal stakeholders: answers to the screening questions.",
        only="internal",
        only_message="external stakeholders are not screened: remove 'answers' (only "
        "internal stakeholders answer the questions)",
        only_code=Code.ANSWERS_ON_EXTERNAL,
        new="value",
        prompt="new_answers",
        diff="own",
    ),
    Field(
        "expectation",
        "text",
        "What the pilot expects from this stakeholder.",
        new="value",
        prompt="new_expectation",
    ),
    Field(
        "interview",
        "choice",
        "After an interview among several shortlisted people: selected or rejected.",
        values=lambda method: INTERVIEW_OUTCOMES,
        only="internal",
        only_message="external stakeholders are not interviewed for the shortlist: remove "
        "'interview'",
        only_code=Code.INTERVIEW_ON_EXTERNAL,
        prompt="new_interview",
        example=("selected",),
        diff="own",
        report=True,
    ),
    Field(
        "involvement",
        "involvement",
        "Per phase of the pilot, the level of taking part: none, inform, consult, involve, "
        "collaborate or empower (the IAP2 spectrum).",
        prompt="new_involvement",
        example=("inform",),
        diff="own",
    ),
    Field(
        "influence",
        "choice",
        "Influence on the pilot, high or low. Colleagues default from the answer to the "
        "grid's influence question; external stakeholders have only what is written here.",
        values=lambda method: HIGH_LOW,
        prompt="new_grid",
        example=("high",),
        diff="own",
    ),
    Field(
        "interest",
        "choice",
        "Interest in the pilot, high or low. Colleagues default from the answer to the "
        "grid's interest question; external stakeholders have only what is written here.",
        values=lambda method: HIGH_LOW,
        example=("high",),
        diff="own",
    ),
    Field(
        "reviewed",
        "date",
        "When the entry was last checked, written YYYY-MM-DD.",
        new="value",
    ),
    Field(
        "extra",
        "mapping",
        "Free-form labels and values, shown on the stakeholder's page.",
        new=None,
    ),
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
KEYS = tuple(f.key for f in FIELDS)
# Read and checked, but never put into the model: nothing can render what it lacks.
NEVER_PUBLISHED = tuple(f.key for f in FIELDS if not f.published)
BY_KEY = {f.key: f for f in FIELDS}


def choices(key: str, method: Method) -> tuple[str, ...]:
    """The values an enumerated field accepts."""
    return BY_KEY[key].choices(method)
