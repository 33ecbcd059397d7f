"""Reading a field's value as its type says: text, a choice, a date, answers to the
screening questions, involvement per phase, or a mapping.

Each reader takes the file being checked and the field's declaration, reports what
is wrong with a located problem, and returns the value the model keeps (the type's
empty value where there is none).
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pilotbook.method.model import ANSWER_SPELLINGS, LEVELS, InvalidAnswer, Wording, parse_answer
from pilotbook.method.wording import LABELS
from pilotbook.problems.codes import Code
from pilotbook.records.fields import Field
from pilotbook.records.record_kind import Check
from pilotbook.records.visible import shows

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def private(check: Check, field: Field) -> None:
    """Checked, and never kept: what is never published is not in the model."""
    key = field.key
    if check.data.get(key) is not None and not isinstance(check.data[key], Mapping):
        check.error(
            (key,),
            f"'{key}' must be a mapping of labels to values, such as 'reden: ...'",
            Code.NOT_A_MAPPING,
        )


def text(check: Check, field: Field) -> str | None:
    key, required = field.key, field.required
    value = check.data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required and key not in check.meant:
            where = (key,) if key in check.data else ()
            check.error(
                where,
                f"'{key}' is missing: add '{key}: ...' with the {check.kind.name}'s full name",
                Code.MISSING_NAME,
                key=True,
            )
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()  # a date-like text, such as a note written as a date
    if not isinstance(value, str):
        check.error(
            (key,),
            f"'{key}' must be text, not {_what(value)}: put the value in quotes",
            Code.NOT_TEXT,
        )
        return None
    if field.published and not any(shows(c) for c in value):
        codes = ", ".join(f"U+{ord(c):04X}" for c in list(dict.fromkeys(value))[:5])
        check.error(
            (key,),
            f"'{key}' shows nothing: it holds only invisible characters ({codes}), "
            "such as zero-width spaces: write it in letters"
            + ("" if required else ", or remove the line"),
            Code.INVISIBLE_TEXT,
        )
        return None
    return value.strip()


def choice(check: Check, field: Field) -> str | None:
    key = field.key
    value = check.data.get(key)
    if value is None:
        return field.default
    allowed = field.choices(check.method)
    if isinstance(value, str) and value in allowed:
        return value
    shown = value if isinstance(value, str) else _what(value)
    labels = check.method.labels(allowed)
    message = unknown(f"'{key}' value", shown, allowed, labels, check.method.renamed)
    check.error((key,), message, Code.UNKNOWN_VALUE)
    return None


def date(check: Check, field: Field) -> datetime.date | None:
    """A day written YYYY-MM-DD; for a field of something done (`past`), not after today."""
    day = _day(check, field)
    today = datetime.date.today()
    if day is not None and field.past and day > today:
        check.error(
            (field.key,),
            f"'{field.key}: {day.isoformat()}' is a day after today ({today.isoformat()}): "
            "it says when something was done, which cannot have happened yet: write the "
            "day it was done",
            Code.FUTURE_DATE,
        )
        return None
    return day


def _day(check: Check, field: Field) -> datetime.date | None:
    key = field.key
    value = check.data.get(key)
    if value is None:
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    if isinstance(value, str) and _DATE.match(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            check.error(
                (key,),
                f"'{key}: {value.strip()}' is not a day on the calendar: write the day "
                f"as YYYY-MM-DD, such as {datetime.date.today().isoformat()}",
                Code.IMPOSSIBLE_DATE,
            )
            return None
    check.error(
        (key,),
        f"'{key}' must be a date written YYYY-MM-DD, such as {datetime.date.today().isoformat()}",
        Code.INVALID_DATE,
    )
    return None


def answers(check: Check, field: Field) -> dict[str, bool | None]:
    key = field.key
    questions = check.method.question_ids
    found: dict[str, bool | None] = dict.fromkeys(questions)
    given = check.data.get(key)
    if given is None:
        return found
    if not isinstance(given, Mapping):
        check.error(
            (key,),
            f"'{key}' must be a mapping, one question per line, such as '{questions[0]}: yes'",
            Code.NOT_A_MAPPING,
        )
        return found
    for question, value in given.items():
        if question not in questions:
            check.error(
                (key, question),
                unknown(
                    "question",
                    question,
                    questions,
                    check.method.labels(questions),
                    check.method.renamed,
                ),
                Code.UNKNOWN_QUESTION,
                key=True,
            )
            continue
        try:
            found[question] = parse_answer(value)
        except InvalidAnswer:
            shown = value if isinstance(value, str) else _what(value)
            check.error(
                (key, question),
                f"'{shown}' is not an answer to '{question}': use {ANSWER_SPELLINGS}",
                Code.INVALID_ANSWER,
            )
    return found


def involvement(check: Check, field: Field) -> dict[str, str]:
    key = field.key
    given = check.data.get(key)
    if given is None:
        return {}
    phases = check.method.phase_ids
    if not isinstance(given, Mapping):
        check.error(
            (key,),
            f"'{key}' must be a mapping of phase to level, one per line, such as "
            f"'{phases[0] if phases else 'setup'}: consult'",
            Code.INVALID_INVOLVEMENT,
        )
        return {}
    planned = {}
    for phase, level in given.items():
        if phase not in phases:
            labels = check.method.labels(phases)
            message = unknown("phase", phase, phases, labels, check.method.renamed)
            check.error((key, phase), message, Code.UNKNOWN_PHASE, key=True)
        elif level is None:
            continue
        elif isinstance(level, str) and level in LEVELS:
            planned[phase] = level
        else:
            shown = level if isinstance(level, str) else _what(level)
            message = unknown("level", shown, LEVELS, _LEVEL_LABELS)
            check.error((key, phase), message, Code.INVALID_INVOLVEMENT)
    return planned


def mapping(check: Check, field: Field) -> tuple[tuple[str, str], ...]:
    key = field.key
    given = check.data.get(key)
    if given is None:
        return ()
    if not isinstance(given, Mapping):
        check.error(
            (key,),
            f"'{key}' must be a mapping of labels to values, such as 'team: Privacy office'",
            Code.NOT_A_MAPPING,
        )
        return ()
    pairs = []
    for label, value in given.items():
        if isinstance(value, list) and all(_is_scalar(v) for v in value):
            pairs.append((str(label), ", ".join(_scalar_text(v) for v in value)))
        elif _is_scalar(value):
            pairs.append((str(label), _scalar_text(value)))
        else:
            check.error(
                (key, label),
                f"'{key}: {label}' must be a text, a number, or a "
                "list of them, not a nested mapping",
                Code.NESTED_EXTRA,
            )
    return tuple(pairs)


def yesno(check: Check, field: Field) -> bool | None:
    """Yes or no, in the spellings an answer takes (`unknown` or `?`: not said)."""
    key = field.key
    value = check.data.get(key)
    try:
        return parse_answer(value)
    except InvalidAnswer:
        shown = value if isinstance(value, str) else _what(value)
        message = f"'{key}: {shown}' is not yes or no: use {ANSWER_SPELLINGS}"
        check.error((key,), message, Code.INVALID_ANSWER)
        return None


def number(check: Check, field: Field) -> int | float | None:
    """A number of at least 0, as YAML writes one (`12`, `4.5`); not true/false, not text."""
    key = field.key
    value = check.data.get(key)
    if value is None:
        return None
    wrong = isinstance(value, bool) or not isinstance(value, int | float)
    if wrong or not 0 <= value < float("inf"):
        shown = f"'{key}' ({_what(value)})" if wrong else f"'{key}: {value}'"
        if isinstance(value, str):
            shown = f"'{key}: {value}'"
        message = f"{shown} must be a number of at least 0, such as '{key}: 4'"
        check.error((key,), message, Code.NOT_A_NUMBER)
        return None
    return value


# How each type of field is read (see pilotbook.records.fields.TYPES).
READERS: dict[str, Callable[[Check, Field], Any]] = {
    "text": text,
    "choice": choice,
    "date": date,
    "answers": answers,
    "involvement": involvement,
    "mapping": mapping,
    "private": private,
    "yesno": yesno,
    "number": number,
}


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _scalar_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _what(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


# The levels as the pages name them, in each language: what a person may write instead.
_LEVEL_LABELS = {level: LABELS[f"level_{level}"] for level in LEVELS}


def close(
    value: Any, allowed: tuple[str, ...], labels: Mapping[str, Wording] | None = None
) -> list[str]:
    """What `value` probably meant among `allowed`, if anything: one written in other
    capitals or with other separators, one whose label (in either language) it is, or
    else the nearest spelling of one of them."""
    names = {_folded(ident): ident for ident in allowed}
    for ident, label in (labels or {}).items():
        for text in (label.nl, label.en):
            names.setdefault(_folded(text), ident)
    written = _folded(value)
    if written in names:
        return [names[written]]
    near = difflib.get_close_matches(written, list(names), n=1, cutoff=0.6)
    return [names[near[0]]] if near else []


def _folded(value: Any) -> str:
    """A value as it is compared: case folded, with runs of spaces, '-' and '_' as one space."""
    return " ".join(re.sub(r"[-_]", " ", str(value).casefold()).split())


def unknown(
    what: str,
    value: Any,
    allowed: tuple[str, ...],
    labels: Mapping[str, Wording] | None = None,
    renamed: Iterable[tuple[str, str]] = (),
) -> str:
    """An unknown value, with what it probably meant (by the id it replaced in the
    configuration, its case, its label or its spelling) and what is allowed."""
    message = f"unknown {what} '{value}'"
    now = next((new for old, new in renamed if old == value and new in allowed), None)
    found = close(value, allowed, labels)
    if now:
        message += f": the configuration renamed '{value}' to '{now}': did you mean '{now}'?"
    elif found:
        message += f": did you mean '{found[0]}'?"
    message += f" (expected one of: {', '.join(allowed)})"
    return message
