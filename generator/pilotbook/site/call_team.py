"""The call team's page and its card on the decision board, made from the audience's
view of the call team (`View.call_team`), never from the screening.

Only where the method has a call team (`call_team` in mkdocs.yml): without one there
is no page, no card and no address, and every other page is as it was. The next
steps are the same words on the page and the card: how many more callers to select,
which values of the spread have no selected caller, how many selected callers lack
what their way of selection needs (by name for the team only), and how many selected
callers still need training (on the card only once nothing else is left to do).
"""

from __future__ import annotations

import posixpath
from typing import Any, Protocol

from pilotbook.audience.call_team import CallTeamView
from pilotbook.method.call_team import SELECTIONS, SPREAD_FIELDS, Selection
from pilotbook.method.wording import Labels
from pilotbook.site.page import Page
from pilotbook.text.escaping import html_text
from pilotbook.urls import page_url, relative_url

PAGE = "call-team.md"
# The board's order, with the disciplines' (`URGENCY` in pages.py): too few callers
# is as urgent as a discipline nobody covers, a group that does not fit its way as a
# choice to make, and a complete team comes last of all.
URGENCY = {"short": 0, "misfit": 1, "complete": 4}
# And the look of a discipline of the same urgency (its colour and mark): people
# missing, a choice to make, settled.
LOOK = {"short": "uncovered", "misfit": "interview", "complete": "covered"}
# What the unfit lack, by the way that needs it.
_UNFIT = {Selection.VOLUNTEERS: "not_volunteered", Selection.APPOINTED: "not_appointed"}
# How many names a card shows before it counts the rest.
CARD_NAMES = 4
# The roster's order: the team, who is next in line, who could be, who left.
ROSTER = ("selected", "reserve", "candidate", "withdrawn")


class Writer(Protocol):
    """What the page writer of `pages.py` offers this module."""

    t: Labels
    paths: dict[str, str]

    def render(self, template: str, path: str, **context: Any) -> Page: ...

    def badge(self, status: str, text: str | None = None) -> str: ...


def call_team_path(root: str) -> str:
    """Where the call team's page lies, below `pages_dir` (`root`)."""
    return f"{root}/{PAGE}"


def field_label(t: Labels, name: str) -> str:
    """A spread field in words: the caller's own fields by their label, a label of
    `extra` as it is written."""
    if name not in SPREAD_FIELDS:
        return name
    return t.role if name == "role" else t[f"caller_{name}"]


def details(t: Labels, caller: Any) -> list[tuple[str, str]]:
    """What the team's roster says of a caller beyond name, role, team, location and
    training, as (label, value) pairs: how they came in, their hours, their `extra`
    and when their file was checked. Values from the file are left unescaped."""
    found: list[tuple[str, str]] = []
    if caller.volunteered is not None:
        found.append((t.caller_volunteered.lower(), t.yes if caller.volunteered else t.no))
    if caller.appointed_by:
        found.append((t.caller_appointed_by.lower(), caller.appointed_by))
    if caller.hours is not None:
        found.append((t.caller_hours.lower(), str(caller.hours)))
    found += caller.extra
    if caller.reviewed is not None:
        found.append((t.reviewed.lower(), caller.reviewed.isoformat()))
    return found


def next_steps(team: CallTeamView, t: Labels, names: int | None = None) -> list[str]:
    """What to do next, most pressing first, as plain text (values from the files
    unescaped: the page and the card escape them for where they land). The unfit are
    named for the team; a card (`names`: at most so many names, and a count of the
    rest) asks for training only once nothing else is left to do."""
    steps = []
    if team.short:
        steps.append(_plural(t, "call_next_short", team.short))
        if not team.available:
            steps.append(t.call_next_add_none)
        elif team.available < team.short:
            steps.append(t.call_next_add.format(left=team.available))
    for spread in team.gaps:
        values = ", ".join(spread.missing)
        label = field_label(t, spread.field)
        label = label.lower() if spread.field in SPREAD_FIELDS else label
        steps.append(t.call_next_gap.format(field=label, values=values))
    if team.withheld:
        steps.append(_plural(t, "call_next_withheld", team.withheld))
    if team.unfit_count:
        step = _plural(t, f"call_next_{_UNFIT[team.plan.selection]}", team.unfit_count)
        who = [c.name for c in team.unfit]
        if who:
            limit = len(who) if names is None else names
            more = f" (+{len(who) - limit})" if len(who) > limit else ""
            step += ": " + ", ".join(who[:limit]) + more
        steps.append(step + ".")
    if not steps:
        steps.append(t.call_next_complete.format(count=team.count("selected")))
    elif names is not None:
        return steps
    if team.untrained:
        steps.append(_plural(t, "call_next_untrained", len(team.untrained)))
    return steps


def _plural(t: Labels, key: str, count: int) -> str:
    return t[f"{key}_one" if count == 1 else f"{key}_many"].format(count=count)


def call_team_pages(writer: Writer, team: CallTeamView | None) -> list[Page]:
    """The call team's page, or none where the method has no call team."""
    if team is None:
        return []
    return [
        writer.render(
            PAGE,
            writer.paths["call_team"],
            team=team,
            plan=team.plan,
            look=LOOK[team.status],
            steps=next_steps(team, writer.t),
            ways=SELECTIONS,
            statuses=ROSTER,
            field_label=lambda name: field_label(writer.t, name),
            details=lambda caller: details(writer.t, caller),
        )
    ]


def call_team_cards(
    writer: Writer, team: CallTeamView | None, path: str, directory_urls: bool
) -> list[tuple[int, str]]:
    """The call team's card on the board of the page at `path` (HTML, escaped here) and
    its rank among the disciplines' cards; none where the method has no call team.

    The card links to the call team's page where every engine reads a link in raw HTML
    alike (see `pilotbook.urls`): on a page whose URL lies in its source file's folder,
    such as the home page. Elsewhere (the shortlist, with folder-style URLs) its title
    is not a link, and the navigation leads to the page."""
    if team is None:
        return []
    t = writer.t
    status = str(team.status)
    step = " ".join(next_steps(team, t, CARD_NAMES))
    title = f"<strong>{html_text(t.call_team_title)}</strong>"
    if _links_alike(path, directory_urls):
        href = relative_url(path, writer.paths["call_team"], directory_urls)
        title = f'<a href="{html_text(href)}">{title}</a>'
    card = (
        f'<li class="pb-card pb-card-{LOOK[status]} pb-call-team">{title} '
        f"{writer.badge(LOOK[status], t[f'call_team_{status}'])}<br>{html_text(step)}</li>"
    )
    return [(URGENCY[status], card)]


def _links_alike(path: str, directory_urls: bool) -> bool:
    """Whether the page at `path` has its URL in its source file's folder, where MkDocs
    (against the URL) and Zensical (against the source file) read a link alike."""
    url = page_url(path, directory_urls)
    folder = url.rstrip("/") if url.endswith("/") or not url else posixpath.dirname(url)
    return folder == posixpath.dirname(path)
