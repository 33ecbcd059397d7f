"""The words of a handbook of several pilots, in Dutch and English: each pilot's pages
and board, each person's page, the portfolio. Part of the labels
`pilotbook.method.wording` gives every page."""

from __future__ import annotations

from pilotbook.method.reading import Wording

PILOT_LABELS: dict[str, Wording] = {
    # A pilot's page: its title, then the pilot's name.
    "pilot_page_title": Wording("{title} – {pilot}", "{title} – {pilot}"),
    "pilot_board": Wording("Wat er nu moet gebeuren in {pilot}", "What needs doing now in {pilot}"),
}
