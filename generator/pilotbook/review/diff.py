"""What a change does to the shortlist: two screening results compared.

A reviewer of a pull request wants the effect, not the text: who was added,
removed or moved, which answers changed, whose screening outcome changed and why,
and above all which discipline lost its coverage. Each side is judged by its own
configuration (`side_at` reads it from the revision), so a change of the method is
reported as such rather than as a flood of problems. `compare` works on two
screening results; the renderers turn the comparison into a pull-request comment or
JSON.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pilotbook.audience.view import Audience, publish
from pilotbook.config.handbook import screen_files
from pilotbook.config.options import read_options
from pilotbook.method.model import Method, Wording
from pilotbook.method.wording import Labels, label
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position, Problem, Severity, as_data, format_problem
from pilotbook.records import revisions
from pilotbook.records.files import Unreadable
from pilotbook.records.loading import Loaded
from pilotbook.records.stakeholders import STAKEHOLDERS, Stakeholder
from pilotbook.review.report import reason
from pilotbook.screening.engagement import Quadrant
from pilotbook.screening.shortlist import Coverage, Screening, Status
from pilotbook.text.escaping import json_text, markdown_text
from pilotbook.urls import page_url

# A bot finds its earlier comment by this line and updates it instead of adding one.
MARKER = "<!-- pilotbook-diff -->"
# Fields reported as "changed: role, expectation"; answers, the interview and
# engagement have reports of their own, and what is never published is never shown.
_COMPARED = tuple(f.key for f in STAKEHOLDERS.fields if f.diff == "field")


@dataclass(frozen=True)
class Side:
    """One side of the comparison: what was loaded and how it screens."""

    name: str
    loaded: Loaded
    screening: Screening
    language: str = "nl"
    # The configuration that judged this side, as messages name it (`main:mkdocs.yml`).
    config: str | None = None
    # Why this side is judged by the work tree's method instead of its own: its
    # configuration is "missing", "broken" or does not enable the plugin ("disabled").
    fallback: str | None = None


@dataclass(frozen=True)
class WorkTree:
    """How the work tree judges its files: what a revision without a usable
    configuration of its own is judged by."""

    method: Method
    # The stakeholders folder, relative to the repository's root.
    folder: PurePosixPath
    language: str


def side_at(root: Path, revision: str, config: PurePosixPath | None, work_tree: WorkTree) -> Side:
    """A revision's stakeholder files, judged by the configuration at `config` (relative
    to the repository) as it stands in that revision.

    A configuration that is missing, broken or without the plugin leaves the work
    tree's method; a broken one's problems are this side's problems, never raised."""
    method, folder, language = work_tree.method, work_tree.folder, work_tree.language
    shown = f"{revision}:{config}" if config is not None else None
    fallback: str | None = None
    problems: tuple[Problem, ...] = ()
    if config is not None and shown is not None:
        try:
            raw = revisions.file_at(root, revision, config)
        except Unreadable as error:
            raw, fallback = None, "broken"
            problems = (Problem(shown, Position(), Severity.ERROR, str(error), error.code),)
        if raw is None:
            fallback = fallback or "missing"
        else:
            options = read_options(raw, shown)
            inside = posixpath.normpath((config.parent / options.stakeholders_dir).as_posix())
            if options.problems:
                fallback, problems = "broken", options.problems
            elif not options.enabled:
                fallback = "disabled"
            elif inside.startswith("../") or inside == ".." or posixpath.isabs(inside):
                fallback = "broken"
                problems = (
                    Problem(
                        shown,
                        Position(),
                        Severity.ERROR,
                        f"'stakeholders_dir: {options.stakeholders_dir}' lies outside the "
                        "repository, where git cannot read it",
                        Code.INVALID_OPTION,
                    ),
                )
            else:
                method, folder = options.method, PurePosixPath(inside)
                language = options.language
    result = screen_files({STAKEHOLDERS: revisions.files_at(root, revision, folder)}, method)
    loaded = dataclasses.replace(
        result.loaded, problems=tuple(sorted(problems + result.loaded.problems))
    )
    return Side(revision, loaded, result.screening, language, shown, fallback)


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


@dataclass(frozen=True)
class AnswerChange:
    question: str
    before: bool | None
    after: bool | None


@dataclass(frozen=True)
class InvolvementChange:
    phase: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class QuadrantChange:
    before: Quadrant | None
    after: Quadrant | None
    # "answer" when an answer moved the stakeholder, "explicit" when the file's own
    # influence or interest did.
    because: str


@dataclass(frozen=True)
class PersonChange:
    kind: str  # added | removed | renamed | changed | invalid | repaired
    before: Stakeholder | None
    after: Stakeholder | None
    answers: tuple[AnswerChange, ...] = ()
    fields: tuple[str, ...] = ()
    status_before: Status | None = None
    status_after: Status | None = None
    involvement: tuple[InvolvementChange, ...] = ()
    quadrant: QuadrantChange | None = None

    @property
    def person(self) -> Stakeholder:
        person = self.after or self.before
        assert person is not None
        return person

    @property
    def status_changed(self) -> bool:
        return self.status_before != self.status_after

    @property
    def interview_changed(self) -> bool:
        before = self.before.interview if self.before else None
        after = self.after.interview if self.after else None
        return before != after


@dataclass(frozen=True)
class CoverageChange:
    discipline_id: str
    # None for a discipline the change adds to the method.
    before: Coverage | None
    after: Coverage

    @property
    def lost(self) -> bool:
        return self.after is Coverage.UNCOVERED


@dataclass(frozen=True)
class Changes:
    base: Side
    head: Side
    people: tuple[PersonChange, ...]
    disciplines: tuple[CoverageChange, ...]  # losses of coverage first
    method: tuple[MethodChange, ...] = ()

    @property
    def empty(self) -> bool:
        return (
            not self.method
            and not self.people
            and not self.disciplines
            and not self.head.loaded.has_errors
        )

    @property
    def lost(self) -> tuple[CoverageChange, ...]:
        return tuple(c for c in self.disciplines if c.lost)


def compare(base: Side, head: Side) -> Changes:
    before = {s.id: s for s in base.screening.stakeholders}
    after = {s.id: s for s in head.screening.stakeholders}
    # Every look-up below is in a dict or a set: a change of thousands of files costs
    # about what reading them costs.
    invalid = (frozenset(base.loaded.invalid), frozenset(head.loaded.invalid))
    removed = [i for i in before if i not in after and i not in invalid[1]]
    added = [i for i in after if i not in before and i not in invalid[0]]
    moves = _moves(removed, added, before, after)
    moved_from = frozenset(moves.values())
    method = method_changes(base.screening.method, head.screening.method, head.language)
    # A discipline renamed in the method: its people's new discipline says nothing more.
    gone = {m.id for m in method if m.part == "discipline" and m.kind == "removed"}
    new_ids = {m.id for m in method if m.part == "discipline" and m.kind == "added"}
    people = []
    for ident in sorted(set(before) | set(after) | invalid[1]):
        old, new = before.get(ident), after.get(ident)
        if ident in moves:
            old = before[moves[ident]]
        elif ident in moved_from:
            continue
        if old is None and new is None:
            continue
        kind = _kind(ident, old, new, moves, invalid)
        if kind == "invalid" and old is None:
            continue
        change = _person_change(kind, old, new, base.screening, head.screening)
        if old and new and old.discipline in gone and new.discipline in new_ids:
            fields = tuple(f for f in change.fields if f != "discipline")
            change = dataclasses.replace(change, fields=fields)
        if (
            kind != "changed"
            or change.answers
            or change.fields
            or change.status_changed
            or change.interview_changed
            or change.involvement
            or change.quadrant
        ):
            people.append(change)
    was = {d.discipline.id: d.status for d in base.screening.disciplines}
    # A discipline the change adds is listed only when nobody covers it.
    coverage = [
        CoverageChange(d.discipline.id, was.get(d.discipline.id), d.status)
        for d in head.screening.disciplines
        if (d.discipline.id in was and was[d.discipline.id] != d.status)
        or (d.discipline.id not in was and d.status is Coverage.UNCOVERED)
    ]
    coverage.sort(key=lambda c: not c.lost)
    return Changes(base, head, tuple(people), tuple(coverage), method)


def _kind(
    ident: str,
    old: Stakeholder | None,
    new: Stakeholder | None,
    moves: dict[str, str],
    invalid: tuple[frozenset[str], frozenset[str]],
) -> str:
    """What happened to `ident`; `invalid` holds the ids of unreadable files before and after."""
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
    before: dict[str, Stakeholder],
    after: dict[str, Stakeholder],
) -> dict[str, str]:
    """New id -> old id, for files that moved: the same name, on one side each, once.

    Each side's ids are grouped by name in one pass, so the cost grows with the number
    of files, not with its square."""
    gone, new = _by_name(removed, before), _by_name(added, after)
    return {
        ids[0]: gone[name][0]
        for name, ids in new.items()
        if len(ids) == 1 and len(gone.get(name, ())) == 1
    }


def _by_name(ids: list[str], people: dict[str, Stakeholder]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for ident in ids:
        grouped.setdefault(people[ident].name, []).append(ident)
    return grouped


def _person_change(
    kind: str,
    old: Stakeholder | None,
    new: Stakeholder | None,
    base: Screening,
    head: Screening,
) -> PersonChange:
    answers: tuple[AnswerChange, ...] = ()
    fields: tuple[str, ...] = ()
    if old is not None and new is not None:
        answers = tuple(
            AnswerChange(q.id, old.answers.get(q.id), new.answers.get(q.id))
            for q in head.method.questions
            if old.answers.get(q.id) != new.answers.get(q.id)
        )
        fields = tuple(k for k in _COMPARED if getattr(old, k) != getattr(new, k))
    old_assessment = base.assessments.get(old.id) if old else None
    new_assessment = head.assessments.get(new.id) if new else None
    involvement: tuple[InvolvementChange, ...] = ()
    moved: QuadrantChange | None = None
    if old is not None and new is not None:
        was, now = base.engagement.get(old.id), head.engagement.get(new.id)
        if was is not None and now is not None:
            involvement = tuple(
                InvolvementChange(phase, was.involvement.get(phase), now.involvement.get(phase))
                for phase in head.method.phase_ids
                if was.involvement.get(phase) != now.involvement.get(phase)
            )
            if was.quadrant != now.quadrant:
                explicit = (old.influence, old.interest) != (new.influence, new.interest)
                moved = QuadrantChange(
                    was.quadrant, now.quadrant, "explicit" if explicit else "answer"
                )
    return PersonChange(
        kind,
        old,
        new,
        answers,
        fields,
        old_assessment.status if old_assessment else None,
        new_assessment.status if new_assessment else None,
        involvement,
        moved,
    )


# Rendering -------------------------------------------------------------------------


def as_json(changes: Changes, language: str) -> str:
    def problems(side: Side) -> list[dict[str, Any]]:
        return [as_data(p) for p in side.loaded.problems]

    data = {
        "verdict": verdict(changes, language),
        "base": changes.base.name,
        "head": changes.head.name,
        "configuration": {
            "base": {"path": changes.base.config, "fallback": changes.base.fallback},
            "head": {"path": changes.head.config, "fallback": changes.head.fallback},
        },
        "method": [
            {
                "part": m.part,
                "id": m.id,
                "change": m.kind,
                "name": m.name(language),
                "before": m.before(language) if m.before else None,
                "after": m.after(language) if m.after else None,
                "needed": {"before": m.needed[0], "after": m.needed[1]} if m.needed else None,
            }
            for m in changes.method
        ],
        "stakeholders": [
            {
                "id": c.person.id,
                "previous_id": c.before.id if c.before and c.kind == "renamed" else None,
                "name": c.person.name,
                "discipline": c.person.discipline,
                "external": c.person.external,
                "change": c.kind,
                "answers": [
                    {"question": a.question, "before": a.before, "after": a.after}
                    for a in c.answers
                ],
                "fields": list(c.fields),
                "status": {"before": c.status_before, "after": c.status_after},
                "interview": {
                    "before": c.before.interview if c.before else None,
                    "after": c.after.interview if c.after else None,
                },
                "reason": (_reason(c, changes, language) or None) if c.status_changed else None,
                "involvement": [
                    {"phase": i.phase, "before": i.before, "after": i.after} for i in c.involvement
                ],
                "quadrant": (
                    {
                        "before": c.quadrant.before,
                        "after": c.quadrant.after,
                        "because": c.quadrant.because,
                    }
                    if c.quadrant
                    else None
                ),
            }
            for c in changes.people
        ],
        "disciplines": [
            {
                "id": d.discipline_id,
                "before": str(d.before) if d.before else None,
                "after": str(d.after),
                "lost_coverage": d.lost,
            }
            for d in changes.disciplines
        ],
        "problems": {"base": problems(changes.base), "head": problems(changes.head)},
    }
    return json_text(data) + "\n"


def verdict(changes: Changes, language: str) -> str:
    """One line a reviewer reads first."""
    method = changes.head.screening.method
    parts = []
    errors = sum(p.is_error for p in changes.head.loaded.problems)
    if errors:
        parts.append(label("diff_errors", language).format(count=errors))
    if changes.method:
        parts.append(label("diff_method_changed", language))
    if changes.lost:
        names = ", ".join(method.discipline(c.discipline_id).label(language) for c in changes.lost)
        parts.append(label("diff_lost", language).format(disciplines=names))
    elif changes.disciplines:
        names = ", ".join(
            method.discipline(c.discipline_id).label(language) for c in changes.disciplines
        )
        parts.append(label("diff_disciplines", language).format(disciplines=names))
    elif changes.people:
        parts.append(label("diff_people", language).format(count=len(changes.people)))
    return " ".join(parts) or label("diff_none", language)


def as_markdown(
    changes: Changes,
    language: str,
    site_url: str | None = None,
    pages_dir: str = "stakeholders",
    audience: Audience | str = Audience.TEAM,
) -> str:
    """A pull-request comment: verdict, status changes, a table per discipline.

    With `site_url`, names link to their pages on the published site, where the
    site's `audience` has a page for them after the change."""
    t = Labels(language)
    published = publish(changes.head.screening, audience).ids

    def link(person: Stakeholder) -> str | None:
        if not site_url or person.id not in published:
            return None
        path = page_url(f"{pages_dir.strip('/')}/people/{person.id}.md", True)
        return site_url.rstrip("/") + "/" + path

    lines = [MARKER, f"**{markdown_text(verdict(changes, language))}**", ""]
    for side, which in ((changes.base, "diff_before"), (changes.head, "diff_after")):
        if side.fallback:
            config = markdown_text(side.config) if side.config else "?"
            note = t[f"diff_fallback_{side.fallback}"].format(config=config, side=t[which])
            lines += [f"> {note}", ""]
    if changes.empty:
        # The problems a note points to are shown even when nothing else changed.
        for side, which in ((changes.base, "diff_before"), (changes.head, "diff_after")):
            if side.fallback == "broken":
                lines += _problems(side, t[which], t)
        return "\n".join(lines)
    method = changes.head.screening.method
    before = changes.base.screening.method

    def discipline_label(discipline_id: str | None) -> str:
        # A discipline the change removes is named as the base named it.
        for known in (method, before):
            if discipline_id in known.discipline_ids:
                return known.discipline(discipline_id).label(language)
        return "?"

    if changes.method:
        lines += [f"### {t['diff_method']}", ""]
        lines += [f"- {_method_line(m, t)}" for m in changes.method]
        lines.append("")

    if changes.disciplines:
        lines += [f"### {t['diff_discipline_changes']}", ""]
        for c in changes.disciplines:
            line = (
                f"{markdown_text(discipline_label(c.discipline_id))}: "
                f"{t[c.before].lower() if c.before else '–'} → {t[c.after].lower()}"
            )
            lines.append(f"- ⚠ **{line}** ({t['diff_loses']})" if c.lost else f"- {line}")
        lines.append("")
    status_changes = [
        c
        for c in changes.people
        if c.status_changed and not c.person.external and c.kind != "invalid"
    ]
    if status_changes:
        lines += [f"### {t['diff_status_changes']}", ""]
        for c in status_changes:
            lines.append(
                f"- {markdown_text(discipline_label(c.person.discipline))}: "
                f"{_name(c, link)} {_status(c, t)}"
                + (
                    f", {t['diff_because']}: {markdown_text(_reason(c, changes, language))}"
                    if c.status_after
                    else ""
                )
            )
        lines.append("")
    sections: dict[str, list[PersonChange]] = {}
    for c in changes.people:
        key = c.person.discipline or "external"
        sections.setdefault(key, []).append(c)
    gone = tuple(i for i in before.discipline_ids if i not in method.discipline_ids)
    for key in (*method.discipline_ids, *gone, "external"):
        if key not in sections:
            continue
        title = t["external_title"] if key == "external" else discipline_label(key)
        lines += [
            f"#### {markdown_text(title)}",
            "",
            f"| {t['name']} | {t['diff_change']} | {t['status']} |",
            "|---|---|---|",
        ]
        lines += [
            f"| {_name(c, link)} | {_what(c, changes, t)} | {_status(c, t)} |"
            for c in sections[key]
        ]
        lines.append("")
    for side, which in ((changes.base, "diff_before"), (changes.head, "diff_after")):
        lines += _problems(side, t[which], t)
    return "\n".join(lines)


def _problems(side: Side, which: str, t: Labels) -> list[str]:
    if not side.loaded.problems:
        return []
    lines = [f"### {t['diff_problems'].format(side=which)}", "", "```text"]
    lines += [format_problem(p).replace("```", "'''") for p in side.loaded.problems]
    return [*lines, "```", ""]


def _name(change: PersonChange, link: Callable[[Stakeholder], str | None]) -> str:
    """The name, linked to the page when the stakeholder still exists after the change."""
    name = markdown_text(change.person.name)
    url = link(change.after) if change.after is not None else None
    if url is None:
        return name
    return f"[{name}](<{url.replace('>', '%3E').replace(' ', '%20')}>)"


def _status(change: PersonChange, t: Labels) -> str:
    if change.person.external:
        return t[change.person.external]
    before = t[change.status_before].lower() if change.status_before else "–"
    after = t[change.status_after].lower() if change.status_after else "–"
    return after if before == after else f"{before} → {after}"


def _what(change: PersonChange, changes: Changes, t: Labels) -> str:
    if change.kind == "added":
        return t["diff_added"]
    if change.kind == "removed":
        return t["diff_removed"]
    if change.kind == "invalid":
        return t["diff_invalid"]
    if change.kind == "repaired":
        return t["diff_repaired"]
    parts = []
    if change.kind == "renamed" and change.before is not None:
        parts.append(t["diff_renamed"].format(old=markdown_text(change.before.id)))
    method = changes.head.screening.method
    for a in change.answers:
        question = method.question(a.question).short(t.language)
        parts.append(f"{markdown_text(question)}: {_answer(a.before, t)} → {_answer(a.after, t)}")
    if change.interview_changed:
        before = change.before.interview if change.before else None
        after = change.after.interview if change.after else None
        parts.append(f"interview: {t[before] if before else '–'} → {t[after] if after else '–'}")
    phases = {p.id: p.label(t.language) for p in method.phases}
    for i in change.involvement:
        parts.append(
            f"{t['involvement']} {markdown_text(phases.get(i.phase, i.phase)).lower()}: "
            f"{_level(i.before, t)} → {_level(i.after, t)}"
        )
    if change.quadrant is not None:
        q = change.quadrant
        because = t["from_file"] if q.because == "explicit" else t["from_answer"]
        before = t[q.before].lower() if q.before else t["unknown"]
        after = t[q.after].lower() if q.after else t["unknown"]
        parts.append(f"{t['quadrant']}: {before} → {after} ({because})")
    if change.fields:
        parts.append(f"{t['diff_fields']}: {', '.join(change.fields)}")
    if not parts and change.status_changed and changes.method:
        parts.append(t["diff_by_method"])
    return "; ".join(parts) or "–"


def _method_line(change: MethodChange, t: Labels) -> str:
    """A line of the method section: `Vraag Vervangbaar (replaceable): nodig antwoord nee → ja`."""
    part = t[change.part]
    name = f"{markdown_text(change.name(t.language))} ({markdown_text(change.id)})"
    if change.kind in ("added", "removed"):
        return t[f"diff_method_{change.kind}"].format(part=part, name=name)
    parts = []
    if change.before is not None and change.after is not None:
        what = t["diff_method_text"] if change.part == "question" else t["diff_method_label"]
        parts.append(
            f"{what} “{markdown_text(change.before(t.language))}” → "
            f"“{markdown_text(change.after(t.language))}”"
        )
    if change.needed is not None:
        parts.append(
            f"{t['diff_method_needed']} {_answer(change.needed[0], t)} → "
            f"{_answer(change.needed[1], t)}"
        )
    return f"{part} {name}: {'; '.join(parts)}"


def _level(level: str | None, t: Labels) -> str:
    return t[f"level_{level}"] if level else t["not_planned"]


def _answer(answer: bool | None, t: Labels) -> str:
    if answer is None:
        return "?"
    return t["yes"] if answer else t["no"]


def _reason(change: PersonChange, changes: Changes, language: str) -> str:
    """Why the stakeholder has their new status; empty once they are gone."""
    if change.after is None:
        return ""
    assessment = changes.head.screening.assessments.get(change.after.id)
    return reason(assessment, changes.head.screening, language) if assessment else ""
