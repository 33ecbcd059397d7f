"""The words of the register, in Dutch and English: its page, its filters, the find
box and the download. Part of the labels `pilotbook.method.wording` gives every page."""

from __future__ import annotations

from pilotbook.method.reading import Wording

REGISTER_LABELS: dict[str, Wording] = {
    "register_title": Wording("Register", "Register"),
    "register_intro": Wording(
        "Iedereen die dit handboek noemt, in één tabel, op naam gesorteerd.",
        "Everyone this handbook names, in one table, sorted by name.",
    ),
    "register_not_named": Wording(
        "Op het intranet geteld, niet bij naam genoemd: {pending} nog niet beoordeelde "
        "en {excluded} afgevallen collega's.",
        "Counted on the intranet, not named: {pending} colleagues not assessed yet and "
        "{excluded} excluded.",
    ),
    "register_tools": Wording("Filteren en zoeken", "Filter and find"),
    "register_hint": Wording(
        "Kies wat je wilt zien, zoek een naam (José vind je ook met jose) of klik op de "
        "kop van een kolom om erop te sorteren.",
        "Choose what to see, find a name (jose finds José too) or select a column's "
        "heading to sort by it.",
    ),
    "register_all": Wording("Alle", "All"),
    "register_phase": Wording("Doet mee in fase", "Takes part in phase"),
    "register_find": Wording("Zoek een naam", "Find a name"),
    "register_download": Wording("Download wat je ziet (CSV)", "Download what is shown (CSV)"),
    "register_shown": Wording("{shown} van {count} getoond", "{shown} of {count} shown"),
    "register_nobody": Wording("Niemand past bij deze keuzes.", "Nobody matches these choices."),
}
