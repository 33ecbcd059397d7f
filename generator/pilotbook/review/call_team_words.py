"""The words the report and the diff use for the call team, in Dutch and English.

Kept beside the review code that uses them; `word` falls back to the key itself, so a
caller field added to the kind's table shows under its own name until it has words.
"""

from __future__ import annotations

from pilotbook.method.reading import Wording

WORDS: dict[str, Wording] = {
    "call_team": Wording("Belteam", "Call team"),
    "callers": Wording("Bellers", "Callers"),
    "selection": Wording("manier van kiezen", "how the callers are chosen"),
    "size": Wording("aantal bellers", "number of callers"),
    "spread": Wording("spreiding", "spread"),
    "reason": Wording("reden", "reason"),
    # The three ways to form the call team.
    "appointed": Wording("Aangewezen", "Appointed"),
    "cross-section": Wording("Dwarsdoorsnede", "Cross-section"),
    "volunteers": Wording("Vrijwilligers", "Volunteers"),
    # A caller's status.
    "candidate": Wording("kandidaat", "candidate"),
    "selected": Wording("geselecteerd", "selected"),
    "reserve": Wording("reserve", "reserve"),
    "withdrawn": Wording("teruggetrokken", "withdrawn"),
    # A caller's fields, as column headings.
    "name": Wording("Naam", "Name"),
    "role": Wording("Rol", "Role"),
    "team": Wording("Team", "Team"),
    "location": Wording("Locatie", "Location"),
    "status": Wording("Status", "Status"),
    "volunteered": Wording("Zelf aangemeld", "Volunteered"),
    "appointed_by": Wording("Aangewezen door", "Appointed by"),
    "trained": Wording("Getraind", "Trained"),
    "hours": Wording("Uren per week", "Hours a week"),
    "extra": Wording("Extra", "Extra"),
    # The report.
    "selected_of": Wording(
        "{selected} van {size} bellers geselecteerd.", "{selected} of {size} callers selected."
    ),
    "complete": Wording("Het belteam is compleet.", "The call team is complete."),
    "next_short": Wording("Selecteer er nog {count}.", "Select {count} more."),
    "next_gap": Wording(
        "Geen geselecteerde beller voor {field}: {values}.",
        "No selected caller for {field}: {values}.",
    ),
    "next_volunteers": Wording(
        "Geselecteerd zonder zich zelf aan te melden: {names}.",
        "Selected without having volunteered: {names}.",
    ),
    "next_appointed": Wording(
        "Geselecteerd zonder 'appointed_by': {names}.",
        "Selected without 'appointed_by': {names}.",
    ),
    "spread_of": Wording("Spreiding over {field}", "Spread over {field}"),
    "value": Wording("Waarde", "Value"),
    "available": Wording("Kandidaten en reserves", "Candidates and reserves"),
    "not_named": Wording("Niet bij naam genoemd", "Not named"),
    "count_candidate": Wording("kandidaten", "candidates"),
    "count_reserve": Wording("reserves", "reserves"),
    "count_withdrawn": Wording("teruggetrokken", "withdrawn"),
    # The diff.
    "diff_callers": Wording("{count} beller(s) gewijzigd.", "{count} caller(s) changed."),
    "diff_added": Wording("nieuw, {status}", "added, {status}"),
    "diff_removed": Wording("verwijderd (was {status})", "removed (was {status})"),
    "diff_team": Wording("Geselecteerd: {before} → {after}", "Selected: {before} → {after}"),
    "diff_team_count": Wording("{selected} van {size}", "{selected} of {size}"),
    "callers_count": Wording("{size} bellers", "{size} callers"),
    "diff_none": Wording("geen", "none"),
}


def word(key: str, language: str) -> str:
    """The word for `key` in `language`, or the key itself where there is none."""
    found = WORDS.get(key)
    return found(language) if found is not None else key
