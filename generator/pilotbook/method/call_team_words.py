"""The words of the call team, in Dutch and English: its page, its row on the decision
board, the prompts of a new caller's file. Part of the labels `pilotbook.method.wording`
gives every page and report."""

from __future__ import annotations

from pilotbook.method.reading import Wording

CALL_TEAM_LABELS: dict[str, Wording] = {
    "new_volunteered": Wording(
        "Heeft deze collega zich zelf aangemeld? yes of no (ja/nee).",
        "Did this colleague volunteer? yes or no.",
    ),
    "new_appointed_by": Wording(
        "Wie heeft deze collega aangewezen? Zo blijft de uitkomst later te duiden.",
        "Who appointed this colleague? So the results can be read later.",
    ),
}
