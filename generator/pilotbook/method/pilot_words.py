"""The words of a handbook of several pilots, in Dutch and English: each pilot's pages
and board, each person's page, the portfolio. Part of the labels
`pilotbook.method.wording` gives every page."""

from __future__ import annotations

from pilotbook.method.reading import Wording

PILOT_LABELS: dict[str, Wording] = {
    # A pilot's page: its title, then the pilot's name.
    "pilot_page_title": Wording("{title} – {pilot}", "{title} – {pilot}"),
    "pilot_board": Wording("Wat er nu moet gebeuren in {pilot}", "What needs doing now in {pilot}"),
    # The home page, above each pilot's board.
    "pilots_intro": Wording(
        "Dit handboek volgt {count} pilots met dezelfde mensen.",
        "This handbook follows {count} pilots with the same people.",
    ),
    "pilots_portfolio": Wording(
        "Het portfolio zet ze naast elkaar", "The portfolio puts them side by side"
    ),
    # A person's page: their part in each pilot that names them.
    "person_pilots": Wording(
        "Per pilot: de uitkomst, wat we verwachten en de betrokkenheid.",
        "Per pilot: the outcome, what we expect and the involvement.",
    ),
    "person_in_pilot": Wording("In deze pilot", "In this pilot"),
    # The portfolio.
    "portfolio_title": Wording("Portfolio van de pilots", "Portfolio of the pilots"),
    "portfolio_intro": Wording(
        "Alle pilots naast elkaar: per discipline hoe ver elke pilot is, en wie in meer "
        "dan één pilot op de shortlist staat.",
        "Every pilot side by side: per discipline how far each pilot is, and who is "
        "shortlisted in more than one pilot.",
    ),
    "portfolio_coverage": Wording("Disciplines per pilot", "Disciplines per pilot"),
    "portfolio_not_screened": Wording("Niet in deze pilot", "Not in this pilot"),
    "portfolio_people": Wording("In meer dan één pilot", "In more than one pilot"),
    "portfolio_people_intro": Wording(
        "Wie in meer dan één pilot op de shortlist staat of gekozen is. Meer dan {most} "
        "pilots vraagt te veel van één persoon.",
        "People shortlisted or selected in more than one pilot. More than {most} pilots "
        "asks too much of one person.",
    ),
    "portfolio_people_public": Wording(
        "Op het intranet telt alleen mee wie een pilot bij naam noemt.",
        "On the intranet, only those a pilot names are counted.",
    ),
    "portfolio_count": Wording("Aantal pilots", "Pilots"),
    "portfolio_pilots": Wording("In de pilots", "In the pilots"),
    "portfolio_overloaded": Wording("Te veel", "Too many"),
}
