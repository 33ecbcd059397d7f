"""Stakeholders, the first record kind: its fields, its rules, its pages and its classes.

One stakeholder per file, anywhere below the stakeholders folder. The file's path
below that folder, without the extension, is the stakeholder's id::

    # stakeholders/legal/marieke-smits.yml  ->  id "legal/marieke-smits"
    name: Marieke Smits
    role: Jurist privacy
    discipline: legal
    answers:
      impact: yes
      expectations: ja
      relationship: true
      replaceable: no
      appointed: unknown
    expectation: Toetst het opname- en toestemmingsbeleid.
    interview: selected
    extra: {team: Privacy office}

An internal stakeholder names a `discipline`; an external one says `external:
direct` (the people the pilot is for) or `external: indirect` (the wider environment)
instead.

Who someone is (name, role, discipline or external kind, extra, notes, private,
reviewed) is their identity; the answers, the expectation, the interview, the
involvement, influence and interest are the pilot's judgement of them (`pilot=True`
in the table). The two are read apart and joined for the pilot (a handbook has one,
whose judgement stands at the top of the file): the `Stakeholder` the screening reads.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from pilotbook.method.externals import EXTERNAL_KINDS
from pilotbook.method.model import HIGH_LOW, Method
from pilotbook.method.pilots import Pilot
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Problem
from pilotbook.records import ids
from pilotbook.records.fields import NEVER_PUBLISHED, Field
from pilotbook.records.files import Display, SourceFile
from pilotbook.records.loading import Loaded, load_kind
from pilotbook.records.loading import load_files as load_kind_files
from pilotbook.records.new import new_record_text, yaml_scalar
from pilotbook.records.record_kind import Check, Kind, Rule
from pilotbook.records.schema import record_schema
from pilotbook.records.schema import schema_text as kind_schema_text
from pilotbook.records.validation import read_record

INTERVIEW_OUTCOMES = ("selected", "rejected")


def is_internal(values: Mapping[str, Any]) -> bool:
    """A colleague, screened for the shortlist: a stakeholder that is not external."""
    return values.get("external") is None


FIELDS = (
    Field(
        "name",
        "text",
        "Full name of the person, group or organisation.",
        required=True,
        public=True,
        new="value",
        report=True,
    ),
    Field("role", "text", "Role or job title.", public=True, new="value", report=True),
    Field(
        "discipline",
        "choice",
        "Internal stakeholders: the discipline they represent.",
        values=lambda method: method.discipline_ids,
        public=True,
        new="value",
        report=True,
    ),
    Field(
        "external",
        "choice",
        "External stakeholders instead of a discipline: direct (the people the pilot is "
        "for) or indirect (the wider environment).",
        values=lambda method: EXTERNAL_KINDS,
        public=True,
        new="value",
        report=True,
    ),
    Field(
        "answers",
        "answers",
        "Internal stakeholders: answers to the screening questions.",
        only=is_internal,
        only_message="external stakeholders are not screened: remove 'answers' (only "
        "internal stakeholders answer the questions)",
        only_code=Code.ANSWERS_ON_EXTERNAL,
        pilot=True,
        new="value",
        prompt="new_answers",
        diff="own",
    ),
    Field(
        "expectation",
        "text",
        "What the pilot expects from this stakeholder.",
        pilot=True,
        public=True,
        new="value",
        prompt="new_expectation",
    ),
    Field(
        "interview",
        "choice",
        "After an interview among several shortlisted people: selected or rejected.",
        values=lambda method: INTERVIEW_OUTCOMES,
        only=is_internal,
        only_message="external stakeholders are not interviewed for the shortlist: remove "
        "'interview'",
        only_code=Code.INTERVIEW_ON_EXTERNAL,
        pilot=True,
        # Who was chosen is news for everyone; who was turned down is not.
        public=("selected",),
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
        pilot=True,
        public=True,
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
        pilot=True,
        public=True,
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
        pilot=True,
        public=True,
        example=("high",),
        diff="own",
    ),
    Field(
        "reviewed",
        "date",
        "When the entry was last checked, written YYYY-MM-DD.",
        public=True,
        new="value",
        past=True,
    ),
    Field(
        "extra",
        "mapping",
        "Free-form labels and values, shown on the stakeholder's page.",
        new=None,
    ),
    *NEVER_PUBLISHED,
)


def placement(check: Check) -> dict[str, str | None]:
    """Internal (a `discipline`) or external (`external`): exactly one of the two."""
    has_discipline = check.data.get("discipline") is not None
    has_external = check.data.get("external") is not None
    disciplines = check.method.discipline_ids
    if has_discipline and has_external:
        check.error(
            ("external",),
            "a stakeholder is either internal ('discipline') or "
            "external ('external'), not both: remove one of the two",
            Code.INTERNAL_AND_EXTERNAL,
            key=True,
        )
        return {"discipline": None, "external": None}
    if not has_discipline and not has_external:
        if not check.meant & {"discipline", "external"}:
            check.error(
                (),
                "neither 'discipline' nor 'external' is given: add "
                f"'discipline: <{' | '.join(disciplines)}>' for a colleague, or "
                "'external: direct' (customers) or 'external: indirect' (wider "
                "environment)",
                Code.MISSING_DISCIPLINE,
            )
        return {"discipline": None, "external": None}
    if has_discipline:
        return {"discipline": check.read("discipline"), "external": None}
    return {"discipline": None, "external": check.read("external")}


def placement_schema(kind: Kind, method: Method) -> dict[str, Any]:
    """The placement rule for editors: internal, or external without what only applies
    to colleagues."""
    null = {"type": "null"}
    internal_only = {f.key: null for f in kind.fields if f.only is is_internal}
    return {
        "oneOf": [
            {
                "title": "internal",
                "required": ["discipline"],
                "properties": {
                    "discipline": {"enum": list(method.discipline_ids)},
                    "external": null,
                },
            },
            {
                "title": "external",
                "required": ["external"],
                "properties": {
                    "external": {"enum": list(EXTERNAL_KINDS)},
                    "discipline": null,
                    **internal_only,
                },
            },
        ],
    }


PLACEMENT = Rule(
    "placement",
    (Code.INTERNAL_AND_EXTERNAL, Code.MISSING_DISCIPLINE),
    placement,
    placement_schema,
)


class StakeholderMethods:
    """What every class of the kind (identity, record, published person) can say."""

    external: str | None

    @property
    def is_external(self) -> bool:
        return self.external is not None


STAKEHOLDERS = Kind(
    name="stakeholder",
    plural="stakeholders",
    folder_option="stakeholders_dir",
    class_name="Stakeholder",
    module=__name__,
    fields=FIELDS,
    rules=(PLACEMENT,),
    page="stakeholder.md",
    methods=StakeholderMethods,
    needs="at least 'name' and either 'discipline' or 'external'",
    example_keys="'name:' and 'discipline:'",
    grouping="a folder per discipline",
    missing_folder=Code.NO_STAKEHOLDERS_FOLDER,
    description="One stakeholder of a pilot: internal (with a discipline and answers "
    "to the screening questions) or external (direct or indirect).",
)
# The classes made from the table: who someone is, the pilot's judgement of them, and
# both joined, which the screening reads.
StakeholderIdentity = STAKEHOLDERS.identity
StakeholderJudgement = STAKEHOLDERS.judgement
Stakeholder = STAKEHOLDERS.record


def load_stakeholders(
    directory: Path, method: Method, display: Display = str, pilots: Sequence[Pilot] = ()
) -> Loaded:
    """Read and validate every stakeholder file below `directory` (each pilot's judgement
    under `pilots:`, where the handbook lists `pilots`)."""
    return load_kind(STAKEHOLDERS, directory, method, display, pilots)


def load_files(files: Iterable[SourceFile], method: Method, pilots: Sequence[Pilot] = ()) -> Loaded:
    """Validate stakeholder files from any source; all problems are collected."""
    return load_kind_files(STAKEHOLDERS, files, method, pilots)


def read_stakeholder(
    raw: bytes, ident: str, shown: str, method: Method
) -> tuple[Any | None, list[Problem]]:
    """Validate one file's bytes; returns the stakeholder (None on errors) and its problems."""
    parts, problems = read_record(STAKEHOLDERS, raw, ident, shown, method)
    return (STAKEHOLDERS.join(parts.identity, parts.judgement) if parts else None), problems


def check_id(relative: PurePosixPath) -> tuple[str, Code] | None:
    """Why a file at `relative` below the stakeholders folder is refused, or None."""
    return ids.check_id(relative, STAKEHOLDERS)


def stakeholder_schema(method: Method) -> dict[str, Any]:
    return record_schema(STAKEHOLDERS, method)


def schema_text(method: Method) -> str:
    return kind_schema_text(STAKEHOLDERS, method)


def new_stakeholder_text(
    name: str,
    method: Method,
    *,
    discipline: str | None = None,
    external: str | None = None,
    role: str | None = None,
    schema: str | None = None,
    today: datetime.date | None = None,
    language: str = "nl",
    several: bool = False,
    pilot: Pilot | None = None,
) -> str:
    """A new stakeholder file with the name, role and place given, checked today (in a
    handbook with `several` pilots, judged under `pilots:` by `pilot`, or by none)."""
    given = {
        "name": yaml_scalar(name),
        "role": yaml_scalar(role) if role else "",
        "discipline": None if external else discipline,
        "external": external,
        "reviewed": (today or datetime.date.today()).isoformat(),
    }
    return new_record_text(
        STAKEHOLDERS, method, given, schema=schema, language=language, several=several, pilot=pilot
    )
