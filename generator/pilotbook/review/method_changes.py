"""What a change does to the method itself: disciplines, questions and phases added,
removed or reworded. Each side of a diff is judged by its own configuration, so a
change of the method is reported as such rather than as a flood of problems."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pilotbook.method.model import Method, Wording


@dataclass(frozen=True)
class MethodChange:
    """A discipline, question or phase of the method that the change adds, removes or
    alters: a renamed id is one removed and one added."""

    part: str  # discipline | question | phase
    id: str
    kind: str  # added | removed | changed
    # The discipline's or phase's label, the question's short label.
    name: Wording
    # For "changed": the label (a question's text) before and after, when it changed.
    before: Wording | None = None
    after: Wording | None = None
    # For a changed question: the answer needed before and after, when it changed.
    needed: tuple[bool, bool] | None = None


def method_changes(before: Method, after: Method, language: str) -> tuple[MethodChange, ...]:
    """What the method gained, lost or changed; texts are compared in `language`, the
    one the handbook shows (a plain label is the same text in every language)."""
    changes: list[MethodChange] = []
    for part, old_items, new_items in (
        ("discipline", before.disciplines, after.disciplines),
        ("question", before.questions, after.questions),
        ("phase", before.phases, after.phases),
    ):
        old = {item.id: item for item in old_items}
        new = {item.id: item for item in new_items}
        for ident, item in old.items():
            if ident not in new:
                changes.append(MethodChange(part, ident, "removed", _method_name(item)))
        for ident, item in new.items():
            if ident not in old:
                changes.append(MethodChange(part, ident, "added", _method_name(item)))
                continue
            was, now = _method_wording(old[ident]), _method_wording(item)
            needed = None
            if part == "question" and old[ident].needed != item.needed:  # type: ignore[union-attr]
                needed = (old[ident].needed, item.needed)  # type: ignore[union-attr]
            reworded = was(language) != now(language)
            if reworded or needed:
                wording = (was, now) if reworded else (None, None)
                changes.append(
                    MethodChange(part, ident, "changed", _method_name(item), *wording, needed)
                )
    return tuple(changes)


def _method_name(item: Any) -> Wording:
    return item.short if hasattr(item, "short") else item.label


def _method_wording(item: Any) -> Wording:
    return item.text if hasattr(item, "text") else item.label
