"""Callers, the second record kind: the colleagues who may hold the pilot's calls.

One caller per file, anywhere below the callers folder (`callers_dir`, default
`callers`); ids and file names follow the stakeholders' rules::

    # callers/klantcontact/sanne-bakker.yml  ->  id "klantcontact/sanne-bakker"
    name: Sanne Bakker
    role: Klantadviseur
    team: Klantcontact particulieren
    location: Utrecht
    status: selected          # candidate (the default), selected, reserve, withdrawn
    volunteered: yes
    appointed_by: Teamleider klantcontact
    trained: 2026-11-20
    hours: 6                  # calls per week this caller can hold

Whether the group fits the way the pilot forms it (`call_team` in mkdocs.yml) is
judged in `pilotbook.screening.call_team`.
"""

from __future__ import annotations

import datetime
from typing import Any

from pilotbook.method.model import Method
from pilotbook.records.fields import NEVER_PUBLISHED, Field
from pilotbook.records.new import new_record_text, yaml_scalar
from pilotbook.records.record_kind import Kind

STATUSES = ("candidate", "selected", "reserve", "withdrawn")

FIELDS = (
    Field(
        "name",
        "text",
        "Full name of the colleague.",
        required=True,
        public=True,
        new="value",
        report=True,
    ),
    Field("role", "text", "Role or job title.", public=True, new="value", report=True),
    Field(
        "team", "text", "The team the colleague works in.", public=True, new="value", report=True
    ),
    Field(
        "location",
        "text",
        "Where the colleague works (an office, a region).",
        public=True,
        new="value",
        report=True,
    ),
    Field(
        "status",
        "choice",
        "candidate (the default), selected for the call team, reserve, or withdrawn.",
        values=lambda method: STATUSES,
        default="candidate",
        public=True,
        new="value",
        report=True,
    ),
    Field(
        "volunteered",
        "yesno",
        "Whether the colleague volunteered for the pilot: yes or no.",
        prompt="new_volunteered",
        example=("yes",),
        report=True,
    ),
    Field(
        "appointed_by",
        "text",
        "Who appointed the colleague to the call team, so the results can be read later.",
        prompt="new_appointed_by",
        example=("Teamleider",),
        report=True,
    ),
    Field(
        "trained",
        "date",
        "When the colleague was trained for the calls, written YYYY-MM-DD.",
        public=True,
        example=("2026-01-31",),
        report=True,
    ),
    Field(
        "hours",
        "number",
        "Hours per week the colleague can hold calls (0 or more).",
        example=("4",),
        report=True,
    ),
    Field(
        "reviewed",
        "date",
        "When the entry was last checked, written YYYY-MM-DD.",
        public=True,
        new="value",
        past=True,
    ),
    Field("extra", "mapping", "Free-form labels and values, such as experience.", new=None),
    *NEVER_PUBLISHED,
)


CALLERS = Kind(
    name="caller",
    plural="callers",
    folder_option="callers_dir",
    class_name="Caller",
    module=__name__,
    fields=FIELDS,
    needs="at least 'name'",
    example_keys="'name:' and 'team:'",
    grouping="a folder per team",
    description="One colleague who may hold the pilot's calls, and their place in the call team.",
)
Caller = CALLERS.record


def new_caller_text(
    name: str,
    method: Method,
    *,
    role: str | None = None,
    team: str | None = None,
    location: str | None = None,
    schema: str | None = None,
    today: datetime.date | None = None,
    language: str = "nl",
) -> str:
    """A new caller file with the name, role, team and location given: a candidate,
    checked today, with the statuses a caller can have beside `status`."""
    given: dict[str, Any] = {
        key: yaml_scalar(value) if value else ""
        for key, value in (("name", name), ("role", role), ("team", team), ("location", location))
    }
    given["status"] = f"candidate  # {' | '.join(STATUSES)}"
    given["reviewed"] = (today or datetime.date.today()).isoformat()
    return new_record_text(CALLERS, method, given, schema=schema, language=language)
