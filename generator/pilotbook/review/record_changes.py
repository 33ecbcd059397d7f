"""Which records a change adds, removes, renames, changes, breaks or repairs: the part
of a diff that holds for every record kind.

Every look-up is in a dict or a set, so a change of thousands of files costs about
what reading them costs.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Any

from pilotbook.records.record_kind import Kind

# What happened to a record: added | removed | renamed | changed | invalid | repaired.
Match = tuple[str, Any, Any]


def match(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    invalid: tuple[frozenset[str], frozenset[str]],
    moves: bool = True,
) -> Iterator[Match]:
    """Each record before and after the change (by id), in id order, with what happened
    to it; `invalid` holds the ids of unreadable files before and after. A record whose
    file moved is one "renamed", under its new id (unless `moves` is False: then the
    ids are taken as they are); one that was unreadable before and after is left out."""
    removed = [i for i in before if i not in after and i not in invalid[1]]
    added = [i for i in after if i not in before and i not in invalid[0]]
    moved = _moves(removed, added, before, after, invalid) if moves else {}
    moved_from = frozenset(moved.values())
    for ident in sorted(set(before) | set(after) | invalid[1]):
        old, new = before.get(ident), after.get(ident)
        if ident in moved:
            old = before[moved[ident]]
        elif ident in moved_from:
            continue
        if old is None and new is None:
            continue
        what = _what(ident, old, new, moved, invalid)
        if what == "invalid" and old is None:
            continue
        yield what, old, new


def changed_fields(kind: Kind, old: Any, new: Any) -> tuple[str, ...]:
    """The fields the diff compares as plain fields (in the table's order) that differ."""
    compared = (f.key for f in kind.fields if f.diff == "field")
    return tuple(key for key in compared if getattr(old, key) != getattr(new, key))


def _what(
    ident: str,
    old: Any,
    new: Any,
    moves: dict[str, str],
    invalid: tuple[frozenset[str], frozenset[str]],
) -> str:
    if ident in moves:
        return "renamed"
    if new is None:
        return "invalid" if ident in invalid[1] else "removed"
    if old is None:
        return "repaired" if ident in invalid[0] else "added"
    return "changed"


def _moves(
    removed: list[str],
    added: list[str],
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    invalid: tuple[frozenset[str], frozenset[str]],
) -> dict[str, str]:
    """New id -> old id, for files that moved: the same name, on one side each, once;
    or else the same path below a top folder the change renamed (one that only the
    removed files had, to one that only the added files have), once.

    Each side's ids are grouped in one pass, so the cost grows with the number of
    files, not with its square."""
    moves = once_each(((before[i].name, i) for i in removed), ((after[i].name, i) for i in added))
    moved = set(moves.values())
    was = {_folder(i) for i in (*before, *invalid[0])} - {None}
    now = {_folder(i) for i in (*after, *invalid[1])} - {None}
    folders = (was - now, now - was)
    return moves | once_each(
        ((_below(i), i) for i in removed if i not in moved and _folder(i) in folders[0]),
        ((_below(i), i) for i in added if i not in moves and _folder(i) in folders[1]),
    )


def once_each(
    gone: Iterable[tuple[Hashable, str]], added: Iterable[tuple[Hashable, str]]
) -> dict[str, str]:
    """Added id -> gone id, for each key that exactly one gone id and one added id have."""
    by_key: dict[Hashable, tuple[list[str], list[str]]] = {}
    for side, entries in enumerate((gone, added)):
        for key, ident in entries:
            by_key.setdefault(key, ([], []))[side].append(ident)
    return {new[0]: old[0] for old, new in by_key.values() if len(old) == 1 and len(new) == 1}


def _folder(ident: str) -> str | None:
    """The top folder of a record's id (`legal` of `legal/marieke-smits`), if any."""
    return ident.split("/", 1)[0] if "/" in ident else None


def _below(ident: str) -> str:
    """A record's id below its top folder (`marieke-smits` of `legal/marieke-smits`)."""
    return ident.split("/", 1)[1]
