"""What a change does to the call team: callers added, removed, moved and changed, their
status above all, and a change of the `call_team` settings as a change of the method.

A reviewer reads first whose status changed ("Anna de Vries: kandidaat → geselecteerd"),
then who joined or left, then what else changed in a caller's file. The comment's
section and the JSON's `callers` list are written from `caller_changes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pilotbook.method.call_team import CallTeamPlan
from pilotbook.method.reading import Wording
from pilotbook.method.wording import label
from pilotbook.records.callers import CALLERS
from pilotbook.records.loading import Loaded
from pilotbook.review.call_team_words import WORDS, word
from pilotbook.review.method_changes import MethodChange
from pilotbook.review.record_changes import changed_fields, match
from pilotbook.text.escaping import markdown_text

# The order of a caller's changes after a change of status: who joined, who left, the rest.
_ORDER = ("added", "removed", "renamed", "invalid", "repaired", "changed")
# The settings of `call_team`, in the order the method section lists their changes.
SETTINGS = ("selection", "size", "spread", "reason")


@dataclass(frozen=True)
class CallerChange:
    kind: str  # added | removed | renamed | changed | invalid | repaired
    before: Any | None
    after: Any | None
    # The fields that changed besides the status, in the table's order.
    fields: tuple[str, ...] = ()

    @property
    def caller(self) -> Any:
        caller = self.after or self.before
        assert caller is not None
        return caller

    @property
    def status_before(self) -> str | None:
        return self.before.status if self.before is not None else None

    @property
    def status_after(self) -> str | None:
        return self.after.status if self.after is not None else None

    @property
    def status_changed(self) -> bool:
        """Whether a caller who is there before and after has another status."""
        both = self.before is not None and self.after is not None
        return both and self.status_before != self.status_after


def caller_changes(base: Loaded, head: Loaded) -> tuple[CallerChange, ...]:
    """The callers' changes between two sides' files: changes of status first, then
    callers added, removed, moved, broken or repaired, then other changes; by id within."""
    before = {c.id: c for c in base.records}
    after = {c.id: c for c in head.records}
    invalid = (frozenset(base.invalid), frozenset(head.invalid))
    found = []
    for kind, old, new in match(before, after, invalid):
        fields = changed_fields(CALLERS, old, new) if old and new else ()
        change = CallerChange(kind, old, new, tuple(f for f in fields if f != "status"))
        if kind != "changed" or change.fields or change.status_changed:
            found.append(change)
    found.sort(key=lambda c: (not c.status_changed, _ORDER.index(c.kind)))
    return tuple(found)


def call_team_changes(
    old: CallTeamPlan | None, new: CallTeamPlan | None, language: str
) -> tuple[MethodChange, ...]:
    """A call team the method gains or loses, or each of its settings that changed
    (texts compared in `language`), as changes of the method."""
    whole = WORDS["call_team"]
    if new is None:
        return (
            ()
            if old is None
            else (MethodChange("call_team", "call_team", "removed", whole, before=_plan(old)),)
        )
    if old is None:
        return (MethodChange("call_team", "call_team", "added", whole, after=_plan(new)),)
    found = []
    for key in SETTINGS:
        was, now = _setting(old, key), _setting(new, key)
        if (was(language) if was else None) != (now(language) if now else None):
            change = MethodChange("call_team", key, "changed", WORDS[key], before=was, after=now)
            found.append(change)
    return tuple(found)


def _plan(plan: CallTeamPlan) -> Wording:
    """A call team in a few words: `Dwarsdoorsnede, 8 bellers`."""
    way, size = WORDS[str(plan.selection)], WORDS["callers_count"]
    return Wording(
        f"{way.nl}, {size.nl.format(size=plan.size)}", f"{way.en}, {size.en.format(size=plan.size)}"
    )


def _setting(plan: CallTeamPlan, key: str) -> Wording | None:
    """A setting's value as the diff shows it: a way of selection in words."""
    if key == "selection":
        return WORDS[str(plan.selection)]
    if key == "size":
        return Wording(str(plan.size), str(plan.size))
    if key == "spread":
        return Wording(", ".join(plan.spread), ", ".join(plan.spread)) if plan.spread else None
    return plan.reason


def method_line(change: MethodChange, language: str) -> str:
    """A line of the comment's method section: `Belteam, aantal bellers (size): 6 → 8`."""

    def shown(value: Wording | None) -> str:
        return f"“{markdown_text(value(language))}”" if value else word("diff_none", language)

    if change.id == "call_team":
        plan = change.after or change.before
        return label(f"diff_method_{change.kind}", language).format(
            part=word("call_team", language), name=shown(plan)
        )

    return (
        f"{word('call_team', language)}, {change.name(language)} ({change.id}): "
        f"{shown(change.before)} → {shown(change.after)}"
    )


def callers_data(changes: tuple[CallerChange, ...]) -> list[dict[str, Any]]:
    """The JSON's `callers` list."""
    return [
        {
            "id": c.caller.id,
            "previous_id": c.before.id if c.before and c.kind == "renamed" else None,
            "name": c.caller.name,
            "change": c.kind,
            "status": {"before": c.status_before, "after": c.status_after},
            "fields": list(c.fields),
        }
        for c in changes
    ]


def callers_lines(
    changes: tuple[CallerChange, ...], teams: tuple[Any, Any], language: str
) -> list[str]:
    """The comment's call-team section: the number selected against the size where it
    changed, then a line per caller; `teams` are the call teams before and after (None
    without one)."""
    counts = [
        word("diff_team_count", language).format(selected=len(team.selected), size=team.plan.size)
        if team is not None
        else "–"
        for team in teams
    ]
    lines = []
    if teams[1] is not None and counts[0] != counts[1]:
        lines.append(word("diff_team", language).format(before=counts[0], after=counts[1]))
    lines += [_caller_line(c, language) for c in changes]
    if not lines:
        return []
    return [f"### {word('call_team', language)}", "", *(f"- {line}" for line in lines), ""]


def _caller_line(change: CallerChange, language: str) -> str:
    def status(value: str | None) -> str:
        return word(value, language) if value else "–"

    parts = []
    if change.status_changed:
        parts.append(f"{status(change.status_before)} → {status(change.status_after)}")
    if change.kind == "added":
        parts.append(word("diff_added", language).format(status=status(change.status_after)))
    elif change.kind == "removed":
        parts.append(word("diff_removed", language).format(status=status(change.status_before)))
    elif change.kind == "renamed" and change.before is not None:
        parts.append(label("diff_renamed", language).format(old=markdown_text(change.before.id)))
    elif change.kind in ("invalid", "repaired"):
        parts.append(label(f"diff_{change.kind}", language))
    if change.fields:
        parts.append(f"{label('diff_fields', language)}: {', '.join(change.fields)}")
    return f"{markdown_text(change.caller.name)}: {'; '.join(parts)}"
