"""What a change does to the method itself: disciplines, questions and phases added,
removed, renamed or reworded, and the external kinds relabelled. Each side of a diff is
judged by its own configuration, so a change of the method is reported as such rather
than as a flood of problems."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pilotbook.method.model import Method, Wording
from pilotbook.review.record_changes import once_each


@dataclass(frozen=True)
class MethodChange:
    """A discipline, question or phase of the method that the change adds, removes,
    renames or alters (see `method_changes` for what counts as renamed)."""

    part: str  # discipline | question | phase | external | call_team
    # For the call team: "call_team" where the method gains or loses one (its
    # selection and size as `after` or `before`), else the setting that changed.
    id: str
    kind: str  # added | removed | renamed | changed
    # The discipline's, phase's or external kind's label, the question's short label.
    name: Wording
    # For "changed" and "renamed": the label (a question's text) before and after,
    # when it changed.
    before: Wording | None = None
    after: Wording | None = None
    # For a changed question: the answer needed before and after, when it changed.
    needed: tuple[bool, bool] | None = None
    # For "renamed": the id before the change.
    previous: str | None = None


def method_changes(
    before: Method,
    after: Method,
    language: str,
    moves: Iterable[tuple[str | None, str | None]] = (),
) -> tuple[MethodChange, ...]:
    """What the method gained, lost, renamed or changed; texts are compared in
    `language`, the one the handbook shows (a plain label is the same text in every
    language).

    An id the change removes and one it adds are one entry renamed when their label
    (a question's text) is the same, or, for a discipline, when every stakeholder of
    the old one is in the new one after the change: `moves` holds each stakeholder's
    discipline before and after it."""
    changes: list[MethodChange] = []
    for part, old_items, new_items in (
        ("discipline", before.disciplines, after.disciplines),
        ("question", before.questions, after.questions),
        ("phase", before.phases, after.phases),
        ("external", before.externals, after.externals),
    ):
        old: dict[str, Any] = {item.id: item for item in old_items}
        new: dict[str, Any] = {item.id: item for item in new_items}
        previous = _renamed(old, new, language, moves if part == "discipline" else ())
        renamed = set(previous.values())
        for ident, item in old.items():
            if ident not in new and ident not in renamed:
                changes.append(MethodChange(part, ident, "removed", _method_name(item)))
        for ident, item in new.items():
            was_id = previous.get(ident, ident)
            if was_id not in old:
                changes.append(MethodChange(part, ident, "added", _method_name(item)))
                continue
            was, now = _method_wording(old[was_id]), _method_wording(item)
            needed = None
            if part == "question" and old[was_id].needed != item.needed:
                needed = (old[was_id].needed, item.needed)
            reworded = was(language) != now(language)
            if reworded or needed or was_id != ident:
                wording = (was, now) if reworded else (None, None)
                kind, renamed_from = ("renamed", was_id) if was_id != ident else ("changed", None)
                name = _method_name(item)
                changes.append(
                    MethodChange(part, ident, kind, name, *wording, needed, renamed_from)
                )
    return tuple(changes)


def previous_ids(changes: Iterable[MethodChange], part: str) -> dict[str, str]:
    """New id -> the id it had before, for each of `part` the change renamed."""
    return {c.id: c.previous for c in changes if c.part == part and c.previous is not None}


def _renamed(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    language: str,
    moves: Iterable[tuple[str | None, str | None]],
) -> dict[str, str]:
    """New id -> old id, for the ids `method_changes` takes as renamed; each pairing
    holds one id on each side, never two."""
    gone = [ident for ident in old if ident not in new]
    added = [ident for ident in new if ident not in old]
    pairs = once_each(
        ((_method_wording(old[i])(language), i) for i in gone),
        ((_method_wording(new[i])(language), i) for i in added),
    )
    paired = set(pairs.values())
    # Where the stakeholders of each discipline that is gone are now.
    went: dict[str, set[str | None]] = {}
    for was, now in moves:
        if was in gone and was not in paired:
            went.setdefault(was, set()).add(now)
    free = [i for i in added if i not in pairs]
    pairs.update(
        once_each(
            ((frozenset(now), was) for was, now in went.items() if len(now) == 1),
            ((frozenset({i}), i) for i in free),
        )
    )
    return pairs


def _method_name(item: Any) -> Wording:
    return item.short if hasattr(item, "short") else item.label


def _method_wording(item: Any) -> Wording:
    return item.text if hasattr(item, "text") else item.label
