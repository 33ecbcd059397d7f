"""The audiences, and what a page may say about one record of any kind.

What a view says of one record is made from its kind's table of fields: the team
sees every published field, the intranet those a field declares `public` (or only
the values it names). `view.py` (stakeholders and their screening) and
`call_team.py` (callers) build their views from these.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
from collections.abc import Callable
from typing import Any

from pilotbook.records.model import attributes
from pilotbook.records.record_kind import Kind


class Audience(enum.StrEnum):
    TEAM = "team"
    INTRANET = "intranet"


AUDIENCES = tuple(str(a) for a in Audience)


@functools.cache
def published_class(kind: Kind) -> type:
    """What a page may say about one record of `kind`: its id, its file's path and each
    published field, never the file as read."""
    made = dataclasses.make_dataclass(
        f"Published{kind.class_name}",
        [("id", "str"), ("path", "str"), *attributes(kind.fields)],
        bases=(kind.methods,),
        frozen=True,
    )
    made.__module__ = __name__
    return made


def publisher(kind: Kind, team: bool) -> Callable[[Any], Any]:
    """What makes the published record of one of `kind`'s records: for the team, each
    published field; for the intranet, each field as public as its table entry says
    (the empty value in place of what it may not see)."""
    made = published_class(kind)
    published = [f for f in kind.fields if f.published]
    seen = tuple(f.key for f in published if team or f.public is True)
    partly = tuple(f for f in published if not team and isinstance(f.public, tuple))
    hidden = tuple(f for f in published if not team and f.public is False)

    def publish_one(record: Any) -> Any:
        values = {"id": record.id, "path": record.path}
        values.update((key, getattr(record, key)) for key in seen)
        for f in partly:
            value = getattr(record, f.key)
            values[f.key] = value if value in f.public else f.empty()
        values.update((f.key, f.empty()) for f in hidden)
        return made(**values)

    return publish_one
