"""The diff as a pull-request comment: a verdict, the method's changes, status changes
and a table per discipline, names linked to their pages where the site's audience has
one."""

from __future__ import annotations

from collections.abc import Callable, Collection

from pilotbook.audience.reasons import reason
from pilotbook.audience.view import Audience, publish
from pilotbook.method.model import Method, Wording
from pilotbook.method.wording import Labels, label
from pilotbook.problems.problem import format_problem
from pilotbook.records.stakeholders import Stakeholder
from pilotbook.review.call_team_words import word
from pilotbook.review.caller_changes import callers_lines, method_line
from pilotbook.review.changes import Changes, CoverageChange, PersonChange, Side
from pilotbook.review.method_changes import MethodChange, previous_ids
from pilotbook.text.escaping import markdown_text
from pilotbook.urls import page_url

# A bot finds its earlier comment by this line and updates it instead of adding one.
MARKER = "<!-- pilotbook-diff -->"
_RENAMED = Wording("{part} hernoemd: {name}", "{part} renamed: {name}")
# The column that names the pilot, in the tables of a handbook with several.
PILOT_COLUMN = Wording("Pilot", "Pilot")


def verdict(changes: Changes, language: str) -> str:
    """One line a reviewer reads first."""
    method = changes.head.screening.method

    def names(found: tuple[CoverageChange, ...]) -> str:
        return ", ".join(method.discipline(c.discipline_id).label(language) for c in found)

    return verdict_line(
        language,
        changes.head,
        bool(changes.method),
        (names(changes.lost), names(changes.disciplines)),
        len(changes.people),
        len(changes.callers),
    )


def verdict_line(
    language: str,
    head: Side,
    method_changed: bool,
    disciplines: tuple[str, str],
    people: int,
    callers: int,
) -> str:
    """The verdict: the errors after the change (of `head`), a changed method, the
    disciplines (named) that lose their coverage, or else change status, or else how
    many `people` changed, and how many callers."""
    parts = []
    errors = sum(p.is_error for p in head.problems)
    if errors:
        parts.append(label("diff_errors", language).format(count=errors))
    if method_changed:
        parts.append(label("diff_method_changed", language))
    lost, changed = disciplines
    if lost:
        parts.append(label("diff_lost", language).format(disciplines=lost))
    elif changed:
        parts.append(label("diff_disciplines", language).format(disciplines=changed))
    elif people:
        parts.append(label("diff_people", language).format(count=people))
    if callers:
        parts.append(word("diff_callers", language).format(count=callers))
    return " ".join(parts) or label("diff_none", language)


Link = Callable[[Stakeholder], "str | None"]


def page_link(site_url: str | None, pages_dir: str, published: Collection[str]) -> Link:
    """The address of a person's page on the site at `site_url`, for those `published`
    (None without a site, or for someone without a page)."""

    def link(person: Stakeholder) -> str | None:
        if not site_url or person.id not in published:
            return None
        path = page_url(f"{pages_dir.strip('/')}/people/{person.id}.md", True)
        return site_url.rstrip("/") + "/" + path

    return link


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
    t = Labels(language, changes.head.screening.method)
    link = page_link(site_url, pages_dir, publish(changes.head.screening, audience).ids)
    lines = [MARKER, f"**{markdown_text(verdict(changes, language))}**", ""]
    lines += fallback_notes(changes.base, changes.head, t)
    if changes.empty:
        # The problems a note points to are shown even when nothing else changed.
        return "\n".join(lines + problem_lines(changes.base, changes.head, t, broken=True))
    lines += shortlist_lines(changes, t, link)
    lines += callers_lines(changes.callers, changes.call_teams, language)
    lines += problem_lines(changes.base, changes.head, t)
    return "\n".join(lines)


def fallback_notes(base: Side, head: Side, t: Labels) -> list[str]:
    """A note for each side judged by the work tree's method, and why."""
    lines = []
    for side, which in ((base, "diff_before"), (head, "diff_after")):
        if side.fallback:
            config = markdown_text(side.config) if side.config else "?"
            note = t[f"diff_fallback_{side.fallback}"].format(config=config, side=t[which])
            lines += [f"> {note}", ""]
    return lines


def problem_lines(base: Side, head: Side, t: Labels, broken: bool = False) -> list[str]:
    """Each side's problems (with `broken`: only those of a broken configuration)."""
    lines = []
    for side, which in ((base, "diff_before"), (head, "diff_after")):
        if not broken or side.fallback == "broken":
            lines += _problems(side, t[which], t)
    return lines


def shortlist_lines(changes: Changes, t: Labels, link: Link, pilot: str | None = None) -> list[str]:
    """The method's changes, the disciplines' coverage, the status changes and a table
    per discipline. With `pilot` (the name of one pilot of several), each line and
    table row names it."""
    language = t.language
    method = changes.head.screening.method
    before = changes.base.screening.method
    named = f"{markdown_text(pilot)} — " if pilot else ""

    def discipline_label(discipline_id: str | None) -> str:
        # A discipline the change removes is named as the base named it.
        for known in (method, before):
            if discipline_id in known.discipline_ids:
                return known.discipline(discipline_id).label(language)
        return "?"

    lines: list[str] = []
    if changes.method:
        lines += [f"### {t['diff_method']}", ""]
        lines += [f"- {named}{method_text(m, t)}" for m in changes.method]
        lines.append("")

    if changes.disciplines:
        lines += [f"### {t['diff_discipline_changes']}", ""]
        for c in changes.disciplines:
            line = (
                f"{named}{markdown_text(discipline_label(c.discipline_id))}: "
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
                f"- {named}{markdown_text(discipline_label(c.person.discipline))}: "
                f"{name_link(c, link)} {_status(c, t)}"
                + (
                    f", {t['diff_because']}: {markdown_text(status_reason(c, changes, language))}"
                    if c.status_after
                    else ""
                )
            )
        lines.append("")
    sections: dict[str, list[PersonChange]] = {}
    # Who is gone from a renamed discipline is listed under its new name.
    renamed = {old: new for new, old in previous_ids(changes.method, "discipline").items()}
    for c in changes.people:
        key = c.person.discipline or "external"
        sections.setdefault(renamed.get(key, key) if c.after is None else key, []).append(c)
    gone = tuple(i for i in before.discipline_ids if i not in method.discipline_ids)
    by_method = bool(changes.method)
    column = f" {PILOT_COLUMN(language)} |" if pilot else ""
    cell = f" {markdown_text(pilot)} |" if pilot else ""
    for key in (*method.discipline_ids, *gone, "external"):
        if key not in sections:
            continue
        title = t["external_title"] if key == "external" else discipline_label(key)
        lines += [
            f"#### {markdown_text(title)}",
            "",
            f"| {t['name']} |{column} {t['diff_change']} | {t['status']} |",
            "|---|---|---|" + ("---|" if pilot else ""),
        ]
        lines += [
            f"| {name_link(c, link)} |{cell} {change_words(c, t, method, by_method)} | "
            f"{_status(c, t)} |"
            for c in sections[key]
        ]
        lines.append("")
    return lines


def _problems(side: Side, which: str, t: Labels) -> list[str]:
    if not side.problems:
        return []
    lines = [f"### {t['diff_problems'].format(side=which)}", "", "```text"]
    lines += [format_problem(p).replace("```", "'''") for p in side.problems]
    return [*lines, "```", ""]


def name_link(change: PersonChange, link: Link) -> str:
    """The name, linked to the page when the stakeholder still exists after the change."""
    name = markdown_text(change.person.name)
    url = link(change.after) if change.after is not None else None
    if url is None:
        return name
    return f"[{name}](<{url.replace('>', '%3E').replace(' ', '%20')}>)"


def _status(change: PersonChange, t: Labels) -> str:
    if change.person.external:
        return markdown_text(t[change.person.external])
    before = t[change.status_before].lower() if change.status_before else "–"
    after = t[change.status_after].lower() if change.status_after else "–"
    return after if before == after else f"{before} → {after}"


def change_words(change: PersonChange, t: Labels, method: Method, by_method: bool) -> str:
    """What changed for one person, in a few words: the answers by `method`'s questions,
    and where nothing else says why their status changed, the method (`by_method`)."""
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
    if not parts and change.status_changed and by_method:
        parts.append(t["diff_by_method"])
    return "; ".join(parts) or "–"


def method_text(change: MethodChange, t: Labels, part: str | None = None) -> str:
    """A line of the method section: `Vraag Vervangbaar (replaceable): nodig antwoord nee → ja`,
    `Discipline hernoemd: Verkoop (sales → verkoop); naam “Sales” → “Verkoop”`; the
    part named `part`, or else as the labels name it."""
    if change.part == "call_team":
        return method_line(change, t.language)
    part = part or t[change.part]
    ids = change.id if change.previous is None else f"{change.previous} → {change.id}"
    name = f"{markdown_text(change.name(t.language))} ({markdown_text(ids)})"
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
    if change.kind == "renamed":
        return "; ".join([_RENAMED(t.language).format(part=part, name=name), *parts])
    return f"{part} {name}: {'; '.join(parts)}"


def _level(level: str | None, t: Labels) -> str:
    return t[f"level_{level}"] if level else t["not_planned"]


def _answer(answer: bool | None, t: Labels) -> str:
    if answer is None:
        return "?"
    return t["yes"] if answer else t["no"]


def status_reason(change: PersonChange, changes: Changes, language: str) -> str:
    """Why the stakeholder has their new status; empty once they are gone."""
    if change.after is None:
        return ""
    assessment = changes.head.screening.assessments.get(change.after.id)
    return reason(assessment, changes.head.screening, language) if assessment else ""
