"""The words the generated pages and reports use, in Dutch and English."""

from __future__ import annotations

from pilotbook.method.board_words import BOARD_LABELS
from pilotbook.method.call_team_words import CALL_TEAM_LABELS
from pilotbook.method.model import DEFAULT_METHOD, Method, Wording
from pilotbook.method.pilot_words import PILOT_LABELS
from pilotbook.method.register_words import REGISTER_LABELS


class Trusted(str):
    """Text written by pilotbook itself, never by a user: needs no escaping."""


LABELS: dict[str, Wording] = {
    # Screening outcome of a stakeholder.
    "shortlisted": Wording("Op de shortlist", "Shortlisted"),
    "pending": Wording("Nog niet beoordeeld", "Pending"),
    "excluded": Wording("Afgevallen", "Excluded"),
    "selected": Wording("Gekozen na gesprek", "Selected after interview"),
    "rejected": Wording("Niet gekozen na gesprek", "Not chosen after interview"),
    # Status of a discipline.
    "uncovered": Wording("Niet gedekt", "Uncovered"),
    "covered": Wording("Gedekt", "Covered"),
    "interview": Wording("Gesprekken nodig", "Interviews needed"),
    "decided": Wording("Besloten", "Decided"),
    "uncovered_help": Wording(
        "Niemand uit deze discipline staat op de shortlist. Dat is een risico voor de "
        "pilot: er is een vertegenwoordiger nodig.",
        "Nobody from this discipline is shortlisted. That is a risk for the pilot: it "
        "needs a representative.",
    ),
    "covered_help": Wording(
        "Precies één persoon staat op de shortlist.",
        "Exactly one person is shortlisted.",
    ),
    "interview_help": Wording(
        "Meerdere mensen staan op de shortlist en er is nog niemand gekozen. Het "
        "projectteam spreekt ze binnenkort persoonlijk en kiest wie het best bij het doel "
        "past.",
        "Several people are shortlisted and nobody has been chosen yet. The project team "
        "meets them in person soon and chooses who fits the goal best.",
    ),
    "decided_help": Wording(
        "Meerdere mensen stonden op de shortlist; na de gesprekken is de keuze gemaakt.",
        "Several people were shortlisted; the interviews have settled the choice.",
    ),
    # The external kinds' labels and guidance are the method's: see `Labels`.
    "internal": Wording("Intern", "Internal"),
    # Answers.
    "yes": Wording("ja", "yes"),
    "no": Wording("nee", "no"),
    "unanswered": Wording("nog niet beantwoord", "not answered yet"),
    "meets": Wording("voldoet", "meets the need"),
    "fails": Wording("voldoet niet", "does not meet the need"),
    "open": Wording("open", "open"),
    # Page titles and headings.
    "map_title": Wording("Stakeholderkaart", "Stakeholder map"),
    "shortlist_title": Wording("Shortlist per discipline", "Shortlist per discipline"),
    "external_title": Wording("Externe stakeholders", "External stakeholders"),
    "questions_title": Wording("De screeningsvragen", "The screening questions"),
    "legend": Wording("Legenda", "Legend"),
    "skip_map": Wording("Sla de kaart over", "Skip the map"),
    "map_key": Wording("Nummers op de kaart", "Numbers on the map"),
    "external_short": Wording("Extern", "External"),
    "name": Wording("Naam", "Name"),
    "role": Wording("Rol", "Role"),
    "discipline": Wording("Discipline", "Discipline"),
    "place": Wording("Plaats", "Place"),
    "status": Wording("Status", "Status"),
    "expectation": Wording("Wat we verwachten", "What we expect"),
    "no_expectation": Wording("nog niet beschreven", "not described yet"),
    "question": Wording("Vraag", "Question"),
    "needed": Wording("Nodig", "Needed"),
    "answer": Wording("Antwoord", "Answer"),
    "outcome": Wording("Uitkomst", "Outcome"),
    "why": Wording("Waarom", "Why"),
    "details": Wording("Overige gegevens", "Other details"),
    "reviewed": Wording("Laatst nagekeken", "Last reviewed"),
    "source": Wording("Bronbestand", "Source file"),
    "nobody": Wording("Niemand", "Nobody"),
    "shortlisted_people": Wording("Op de shortlist", "Shortlisted"),
    "pending_people": Wording("Nog niet beoordeeld", "Pending"),
    "excluded_people": Wording("Afgevallen", "Excluded"),
    "total": Wording("Totaal", "Total"),
    "whole_list": Wording("de hele lijst", "the whole list"),
    "public_screening": Wording(
        "Staat op de shortlist: alle screeningsvragen zijn beantwoord zoals nodig. Zie",
        "Shortlisted: every screening question is answered as needed. See",
    ),
    "back_to_shortlist": Wording("Terug naar de shortlist", "Back to the shortlist"),
    "back_to_map": Wording("Terug naar de kaart", "Back to the map"),
    "map_description": Wording(
        "Uienmodel van de stakeholders: de pilot in het midden, daaromheen de interne "
        "disciplines met hun mensen, dan de directe externe stakeholders en buitenaan de "
        "indirecte omgeving.",
        "Onion model of the stakeholders: the pilot at the centre, around it the internal "
        "disciplines with their people, then the direct external stakeholders and, on the "
        "outside, the indirect environment.",
    ),
    "shortlisted_reason": Wording(
        "Alle vragen zijn beantwoord zoals nodig.",
        "Every question is answered as needed.",
    ),
    "pending_reason": Wording("Nog open:", "Still open:"),
    "excluded_reason": Wording("Afgevallen.", "Excluded."),
    "external_reason": Wording(
        "Externe stakeholders worden niet gescreend.",
        "External stakeholders are not screened.",
    ),
    # The map's intro says only what this map draws and what its reader can do.
    "map_intro": Wording(
        "De kaart laat zien wie bij de pilot betrokken is, van binnen naar buiten. Hoe "
        "dichter bij het midden, hoe groter de rol in de pilot.",
        "The map shows who is involved in the pilot, from the inside out. The closer to "
        "the centre, the larger the role in the pilot.",
    ),
    "map_intro_people": Wording(
        "Een klein rondje met een nummer is één persoon: de lijst onder de kaart noemt de namen.",
        "A small node with a number is one person: the list under the map gives the names.",
    ),
    "map_intro_counts": Wording(
        "Een grotere bel telt mensen en zegt in woorden wie.",
        "A larger bubble counts people and says in words who they are.",
    ),
    "map_intro_team": Wording(
        "Kies een persoon op de kaart of in de lijst voor de antwoorden op de screeningsvragen.",
        "Select a person on the map or in the list to see their answers to the screening "
        "questions.",
    ),
    "map_table": Wording("De kaart als tabel", "The map as a table"),
    "not_screened": Wording("niet gescreend", "not screened"),
    "see_also": Wording("Zie ook:", "See also:"),
    "field": Wording("Gegeven", "Field"),
    "value": Wording("Waarde", "Value"),
    "screening": Wording("Screening", "Screening"),
    "shortlist_intro": Wording(
        "Per discipline de mensen die de screening hebben doorstaan, de mensen over wie "
        "nog vragen open staan en de mensen die zijn afgevallen, met de reden. De regels "
        "staan bij",
        "Per discipline the people who passed the screening, the people with questions "
        "still open, and the people who were excluded, with the reason. The rules are in",
    ),
    "shortlist_intro_public": Wording(
        "Per discipline de mensen die de screening hebben doorstaan. Wie nog niet is "
        "beoordeeld of is afgevallen, wordt hier alleen geteld. De regels staan bij",
        "Per discipline the people who passed the screening. Those not assessed yet or "
        "excluded are only counted here. The rules are in",
    ),
    "external_intro": Wording(
        "Externe stakeholders staan buiten de organisatie. Ze worden niet gescreend: de "
        "vragen gaan over collega's die een rol in de pilot kunnen krijgen.",
        "External stakeholders are outside the organisation. They are not screened: the "
        "questions are about colleagues who may take a role in the pilot.",
    ),
    # What the files plan for one kind of external stakeholder: the page says this, and
    # no guidance of its own, about their part in the pilot.
    "external_planned": Wording(
        "Voor {planned} van de {count} is een rol in deze pilot gepland: zie",
        "{planned} of the {count} have a part planned in this pilot: see",
    ),
    "external_unplanned": Wording(
        "Voor geen van hen is een rol in deze pilot gepland.",
        "None of them has a part planned in this pilot.",
    ),
    "questions_intro": Wording(
        "Elke discipline levert een lange lijst met namen op. Met deze vragen breng je "
        "die terug tot een werkbare shortlist. Beantwoord ze voor iedere interne "
        "stakeholder.",
        "Each discipline yields a long list of names. These questions bring it back to a "
        "workable shortlist. Answer them for every internal stakeholder.",
    ),
    "questions_rules": Wording(
        "Zo bepaalt pilotbook de uitkomst per persoon:",
        "This is how pilotbook decides the outcome for each person:",
    ),
    "rule_excluded": Wording(
        "als een beantwoorde vraag afwijkt van het antwoord dat nodig is;",
        "when an answered question differs from the answer that is needed;",
    ),
    "rule_pending": Wording(
        "anders, zolang er nog een vraag onbeantwoord is;",
        "otherwise, while a question is still unanswered;",
    ),
    "rule_shortlisted": Wording(
        "als alle vragen zijn beantwoord zoals nodig.",
        "when every question is answered as needed.",
    ),
    "questions_disciplines": Wording(
        "En zo de status per discipline:",
        "And this is the status of each discipline:",
    ),
    # Reviewing a change (`pilotbook diff`).
    "diff_none": Wording("Geen wijzigingen in de stakeholders.", "No changes to the stakeholders."),
    "diff_lost": Wording(
        "⚠ Deze wijziging laat {disciplines} zonder dekking.",
        "⚠ This change leaves {disciplines} uncovered.",
    ),
    "diff_disciplines": Wording(
        "Deze wijziging verandert de status van {disciplines}.",
        "This change changes the status of {disciplines}.",
    ),
    "diff_people": Wording(
        "{count} stakeholder(s) gewijzigd; de status van de disciplines blijft gelijk.",
        "{count} stakeholder(s) changed; no discipline changes status.",
    ),
    "diff_errors": Wording(
        "❌ {count} fout(en) in de bestanden na de wijziging.",
        "❌ {count} error(s) in the files after the change.",
    ),
    "diff_because": Wording("reden", "reason"),
    "diff_loses": Wording("verliest dekking", "loses coverage"),
    "diff_status_changes": Wording("Statuswijzigingen", "Status changes"),
    "diff_discipline_changes": Wording("Disciplines", "Disciplines"),
    "diff_change": Wording("Wijziging", "Change"),
    "diff_added": Wording("nieuw", "added"),
    "diff_removed": Wording("verwijderd", "removed"),
    "diff_renamed": Wording("verplaatst van {old}", "moved from {old}"),
    "diff_invalid": Wording("onleesbaar na de wijziging", "unreadable after the change"),
    "diff_repaired": Wording("weer leesbaar", "readable again"),
    "diff_fields": Wording("gewijzigd", "changed"),
    "diff_problems": Wording("Problemen in {side}", "Problems in {side}"),
    "diff_before": Wording("de basis", "the base"),
    "diff_after": Wording("de wijziging", "the change"),
    "diff_method": Wording("Methode", "Method"),
    "diff_method_changed": Wording("De methode is gewijzigd.", "The method changed."),
    "diff_method_added": Wording("{part} toegevoegd: {name}", "{part} added: {name}"),
    "diff_method_removed": Wording("{part} verwijderd: {name}", "{part} removed: {name}"),
    "diff_method_label": Wording("naam", "name"),
    "external": Wording("Externe soort", "External kind"),
    "diff_method_text": Wording("tekst", "text"),
    "diff_method_needed": Wording("nodig antwoord", "needed answer"),
    "diff_by_method": Wording("door de gewijzigde methode", "because the method changed"),
    "diff_fallback_missing": Wording(
        "{config} bestaat niet: {side} is beoordeeld met de methode van de werkmap.",
        "{config} does not exist: {side} is judged by the work tree's method.",
    ),
    "diff_fallback_broken": Wording(
        "{config} heeft fouten (zie onder): {side} is beoordeeld met de methode van de werkmap.",
        "{config} has errors (see below): {side} is judged by the work tree's method.",
    ),
    "diff_fallback_disabled": Wording(
        "{config} zet pilotbook niet aan: {side} is beoordeeld met de methode van de werkmap.",
        "{config} does not enable pilotbook: {side} is judged by the work tree's method.",
    ),
    "phase": Wording("Fase", "Phase"),
    "none": Wording("geen", "none"),
    # Engagement: the participation spectrum (IAP2) and the influence/interest grid.
    "level_none": Wording("geen rol", "no part"),
    "level_inform": Wording("informeren", "inform"),
    "level_consult": Wording("raadplegen", "consult"),
    "level_involve": Wording("betrekken", "involve"),
    "level_collaborate": Wording("samenwerken", "collaborate"),
    "level_empower": Wording("meebeslissen", "empower"),
    "not_planned": Wording("niet gepland", "not planned"),
    "high": Wording("hoog", "high"),
    "low": Wording("laag", "low"),
    "unknown": Wording("onbekend", "unknown"),
    "influence": Wording("Invloed", "Influence"),
    "interest": Wording("Belang", "Interest"),
    "quadrant": Wording("Aanpak", "Approach"),
    "involvement": Wording("Betrokkenheid", "Involvement"),
    "manage-closely": Wording("Nauw betrekken", "Manage closely"),
    "keep-satisfied": Wording("Tevreden houden", "Keep satisfied"),
    "keep-informed": Wording("Op de hoogte houden", "Keep informed"),
    "monitor": Wording("Volgen", "Monitor"),
    "manage-closely_help": Wording(
        "Veel invloed en veel belang: betrek deze mensen bij elke belangrijke beslissing.",
        "High influence and high interest: involve them in every important decision.",
    ),
    "keep-satisfied_help": Wording(
        "Veel invloed, weinig belang: zorg dat ze tevreden zijn, zonder ze te overladen.",
        "High influence, low interest: keep them satisfied without overloading them.",
    ),
    "keep-informed_help": Wording(
        "Weinig invloed, veel belang: houd ze goed op de hoogte; ze helpen vaak met details.",
        "Low influence, high interest: keep them well informed; they often help with details.",
    ),
    "monitor_help": Wording(
        "Weinig invloed en weinig belang: volg ze, met weinig moeite.",
        "Low influence and low interest: keep an eye on them, with little effort.",
    ),
    "grid_title": Wording("Invloed en belang", "Influence and interest"),
    "grid_intro": Wording(
        "Het raster zet stakeholders uit naar hun invloed op de pilot en hun belang erbij. "
        "Elk vak heeft een eigen aanpak. Bij collega's volgen invloed en belang uit de "
        "screeningsvragen, tenzij hun bestand iets anders zegt.",
        "The grid places stakeholders by their influence on the pilot and their interest "
        "in it. Each quadrant has its own approach. For colleagues, influence and interest "
        "follow from the screening questions unless their file says otherwise.",
    ),
    "grid_table": Wording("Het raster als tabel", "The grid as a table"),
    "grid_description": Wording(
        "Raster van twee bij twee: invloed van laag (onder) naar hoog (boven), belang van "
        "laag (links) naar hoog (rechts).",
        "Two-by-two grid: influence from low (bottom) to high (top), interest from low "
        "(left) to high (right).",
    ),
    "involvement_title": Wording("Betrokkenheid per fase", "Involvement per phase"),
    "involvement_intro": Wording(
        "Per fase van de pilot de mate waarin iemand meedoet, van informeren tot "
        "meebeslissen (het participatiespectrum van IAP2). Een leeg vak betekent: niet "
        "gepland.",
        "For each phase of the pilot, how far someone takes part, from inform to empower "
        "(the IAP2 participation spectrum). An empty cell means: not planned.",
    ),
    "from_answer": Wording("volgt uit het antwoord", "follows from the answer"),
    "from_file": Wording("staat in het bestand", "set in the file"),
    # The decision board: the next step per discipline.
    "board_title": Wording("Wat er nu moet gebeuren", "What needs doing now"),
    "first_of": Wording("De eerste {shown} van {count}; zie", "The first {shown} of {count}; see"),
    "counted_not_named": Wording(
        "Op het intranet geteld, niet bij naam genoemd.",
        "Counted on the intranet, not named.",
    ),
    # The line at the foot of every generated page.
    "as_of": Wording("Stand van de stakeholderbestanden: {date}", "Stakeholder files as of {date}"),
    "audience_intranet": Wording(
        "Weergave voor het intranet: alleen uitkomsten, geen beoordelingen van collega's",
        "Intranet view: outcomes only, no assessments of colleagues",
    ),
    "audience_team": Wording(
        "Weergave voor het projectteam: alle antwoorden en redenen",
        "Project team view: every answer and reason",
    ),
    "edit_file": Wording("Dit bestand bewerken", "Edit this file"),
    # The comments in a file that `pilotbook new` writes.
    # Every handbook reads yes/no, ja/nee and true/false alike: the prompt says so.
    "new_answers": Wording(
        "Beantwoord elke vraag met ja of nee (yes/no en true/false betekenen hetzelfde). "
        "Laat een vraag leeg zolang het antwoord nog niet bekend is.",
        "Answer each question yes or no (ja/nee and true/false mean the same). Leave a "
        "question empty while the answer is not known yet.",
    ),
    "new_needed": Wording("nodig", "needed"),
    "new_expectation": Wording(
        "Wat verwachten we van deze stakeholder?", "What do we expect from this stakeholder?"
    ),
    "new_involvement": Wording(
        "Per fase: none, inform, consult, involve, collaborate of empower.",
        "Per phase: none, inform, consult, involve, collaborate or empower.",
    ),
    "new_grid": Wording(
        "Invloed en belang: high of low (bij collega's volgen ze uit de antwoorden).",
        "Influence and interest: high or low (for colleagues they follow from the answers).",
    ),
    "new_interview": Wording(
        "Na de gesprekken met meerdere mensen op de shortlist: selected of rejected.",
        "After interviews among several shortlisted people: selected or rejected.",
    ),
    **CALL_TEAM_LABELS,
    **REGISTER_LABELS,
    **BOARD_LABELS,
    **PILOT_LABELS,
    # A person's page leads back to their place; the discipline pages in the navigation.
    "back_to_external": Wording(
        "Terug naar de externe stakeholders", "Back to the external stakeholders"
    ),
    "disciplines_nav": Wording("Per discipline", "By discipline"),
    # The grid's box of the unplaced, its links to the rest, and who gets an approach.
    "grid_not_placed": Wording("Niet geplaatst", "Not placed"),
    "grid_unknown": Wording("Invloed of belang onbekend", "Influence or interest unknown"),
    "grid_more": Wording("+ {count} meer: zie de tabel", "+ {count} more: see the table"),
    "grid_more_register": Wording(
        "+ {count} meer: zie het register", "+ {count} more: see the register"
    ),
    "grid_screened": Wording(
        "Alleen externe stakeholders en collega's op de shortlist krijgen een aanpak.",
        "Only external stakeholders and shortlisted colleagues get an approach.",
    ),
    # Said only where the grid has such colleagues to show (never on the intranet).
    "grid_screened_apart": Wording(
        "Wie is afgevallen of nog niet is beoordeeld, staat apart onder 'Niet geplaatst'.",
        "Colleagues who are excluded or not yet assessed are listed apart, under 'Not placed'.",
    ),
}


def label(key: str, language: str) -> str:
    return LABELS[key](language)


class Labels:
    """Attribute access to the labels in one language, for templates: `t.shortlisted`.

    Labels are pilotbook's own text, so the page templates print them as they are. The
    external kinds' labels and guidance (`t.direct`, `t.indirect_guidance`) are the
    `method`'s, which a handbook may write: plain text, escaped where it is printed.
    """

    def __init__(self, language: str, method: Method = DEFAULT_METHOD) -> None:
        self.language = language
        self._method_words = {
            key: text(language)
            for kind in method.externals
            for key, text in ((kind.id, kind.label), (f"{kind.id}_guidance", kind.guidance))
        }

    def __getitem__(self, key: str) -> str:
        if key in self._method_words:
            return self._method_words[key]
        return Trusted(LABELS[key](self.language))

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):  # not a label: an attribute not set (yet)
            raise AttributeError(key)
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None
