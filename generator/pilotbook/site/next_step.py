"""A discipline's next step on the decision board, in words and as HTML.

The step stays a plan at any size: a card names at most `FIRST` people, so that a
step is something one person can do this week ("interview the first 3 on the
shortlist"), and the rest is a link to the list it refers to. On the intranet a
step is a status, never a task: its readers cannot fill in answers they are never
shown, or choose among colleagues, so the card says what the project team does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from pilotbook.audience.view import DisciplineView, Outcome
from pilotbook.method.wording import LABELS, Labels
from pilotbook.screening.engagement import SETUP, Engagement, level_rank
from pilotbook.text.escaping import html_text

# How many people a step names before it links to the rest of its list.
FIRST = 3


def setup_missing(outcome: DisciplineView, engagement: Mapping[str, Engagement]) -> bool:
    """Whether a covered discipline's people (its chosen, or else its shortlisted) have
    no part in setting the pilot up, in a handbook that plans that phase."""
    speakers = outcome.selected or outcome.shortlist
    return outcome.status == "covered" and not any(
        level_rank(engagement[a.stakeholder.id].involvement.get(SETUP)) for a in speakers
    )


def named(people: Sequence[Outcome], href: str, t: Labels) -> str:
    """The first `FIRST` names, then "+n more" as a link to the whole list."""
    shown = ", ".join(html_text(o.stakeholder.name) for o in people[:FIRST])
    rest = len(people) - FIRST
    if rest <= 0:
        return shown
    more = html_text(t.more.format(count=rest))
    return f'{shown} (<a href="{html_text(href)}">{more}</a>)'


def next_step(
    outcome: DisciplineView,
    t: Labels,
    public: bool,
    list_href: Callable[[str], str],
    setup_missing: bool,
) -> str:
    """The step of one discipline's card (HTML): `list_href(status)` is the address
    of the discipline's list of that outcome, `setup_missing` whether the people who
    speak for it have no part planned in setting the pilot up."""
    audience = "public" if public else "team"

    def say(key: str, names: str = "", **values: int) -> str:
        # The audience's own words where they differ; the names are HTML already.
        words = t[f"{key}_{audience}"] if f"{key}_{audience}" in _KEYS else t[key]
        # pilotbook's own words, escaped before the numbers and the names go in.
        return html_text(words).format(first=FIRST, names=names, **values)

    shortlist = outcome.selected or outcome.shortlist
    status = f"next_{outcome.status}"
    # A task for the team names whom to start with; a status on the intranet needs not.
    if outcome.status == "interview" and len(shortlist) > FIRST and not public:
        status += "_many"
    step = say(status, named(shortlist, list_href("shortlisted"), t), count=len(shortlist))
    if outcome.status == "uncovered" and outcome.pending_count:
        key = "one" if outcome.pending_count == 1 else "many"
        if outcome.pending_count > FIRST and not public:
            key = "first"
        pending = named(outcome.pending, list_href("pending"), t)
        step += " " + say(f"next_pending_{key}", pending, pending=outcome.pending_count)
    if setup_missing:
        step += " " + say("next_setup")
    return step


_KEYS = frozenset(LABELS)
