"""The words of the call team, in Dutch and English: its page, its row on the decision
board, the prompts of a new caller's file. Part of the labels `pilotbook.method.wording`
gives every page and report."""

from __future__ import annotations

from pilotbook.method.reading import Wording

CALL_TEAM_LABELS: dict[str, Wording] = {
    "new_volunteered": Wording(
        "Heeft deze collega zich zelf aangemeld? ja of nee (yes/no betekenen hetzelfde).",
        "Did this colleague volunteer? yes or no (ja/nee mean the same).",
    ),
    "new_appointed_by": Wording(
        "Wie heeft deze collega aangewezen? Zo blijft de uitkomst later te duiden.",
        "Who appointed this colleague? So the results can be read later.",
    ),
    # The call team's page.
    "call_team_title": Wording("Belteam", "Call team"),
    "call_team_intro": Wording(
        "De collega's die de gesprekken van de pilot voeren: hoe de groep wordt gevormd, "
        "of ze bij die keuze past, en wie erin zit.",
        "The colleagues who hold the pilot's calls: how the group is formed, whether it "
        "fits that choice, and who is in it.",
    ),
    "call_team_intro_public": Wording(
        "Alleen de gekozen bellers staan hier bij naam; de anderen worden geteld.",
        "Only the selected callers are named here; the others are counted.",
    ),
    "call_team_selected_of": Wording(
        "{selected} van de {size} bellers gekozen.", "{selected} of the {size} callers selected."
    ),
    "call_team_short": Wording("Te weinig bellers", "Too few callers"),
    "call_team_misfit": Wording("Past niet bij de keuze", "Does not fit the chosen way"),
    "call_team_complete": Wording("Compleet", "Complete"),
    "call_team_way": Wording("Hoe het belteam wordt gevormd", "How the call team is formed"),
    "call_team_chosen": Wording("Voor deze pilot: **{way}**.", "For this pilot: **{way}**."),
    "call_team_no_reason": Wording(
        "Waarom deze manier staat nog niet beschreven: schrijf het als `call_team: reason` "
        "in mkdocs.yml.",
        "Why this way is not written down yet: write it as `call_team: reason` in mkdocs.yml.",
    ),
    "ways_title": Wording(
        "De drie manieren, en wat ze zeggen over de uitkomst",
        "The three ways, and what each says about the results",
    ),
    "way_chosen": Wording("gekozen", "chosen"),
    "selection_appointed": Wording("Aanwijzen", "Appointed"),
    "selection_cross-section": Wording(
        "Een representatieve dwarsdoorsnede", "A representative cross-section"
    ),
    "selection_volunteers": Wording("Eerst vrijwilligers", "Volunteers first"),
    "way_appointed": Wording(
        "Snel, en het past in de roosters en de planning die er al zijn. Het risico zit in "
        "bellers die niet zelf voor de pilot kozen: een lauwe uitkomst kan dan meer zeggen "
        "over hun motivatie dan over wat de pilot uitprobeert. Leg per beller vast wie die "
        "aanwees (`appointed_by`), zodat de uitkomst later goed te lezen is.",
        "Quick, and it fits the rosters and the planning already in place. The risk lies in "
        "callers who did not choose the pilot themselves: a lukewarm result may then say "
        "more about their motivation than about what the pilot tries out. Record who "
        "appointed each caller (`appointed_by`), so the results can be read later.",
    ),
    "way_cross-section": Wording(
        "De uitkomst zegt iets over alle medewerkers, en dat is wat een besluit om breed "
        "uit te rollen nodig heeft. Het vraagt meer afstemming, en het klopt alleen als de "
        "groep echt omvat wat verschilt: teams, locaties, ervaring. Die spreiding is na te "
        "gaan aan de hand van de kandidaten.",
        "The result says something about the whole workforce, which is what a decision to "
        "roll out needs. It takes more coordination, and it only holds if the group really "
        "spans what varies: teams, locations, experience. That spread can be checked "
        "against the candidates.",
    ),
    "way_volunteers": Wording(
        "Enthousiasme en snel leren. De uitkomst is een bovengrens: wie zich als eerste "
        "meldt, doet het beter dan de gemiddelde collega. Plan daarom een tweede, bredere "
        "ronde voordat je besluit uit te rollen, en leg per beller vast dat die zich "
        "aanmeldde (`volunteered: yes`).",
        "Enthusiasm and fast learning. The result is an upper bound: early adopters do "
        "better than the average colleague. So plan a second, wider wave before deciding "
        "to roll out, and record that each caller volunteered (`volunteered: yes`).",
    ),
    "ways_any": Wording(
        "Welke manier ook: genoeg bellers voor het geplande aantal gesprekken, getraind "
        "voordat de pilot begint.",
        "Whichever way: enough callers for the planned number of calls, trained before "
        "the pilot runs.",
    ),
    "spread_title": Wording("Spreiding", "Spread"),
    "spread_intro": Wording(
        "Per kenmerk dat de groep moet omvatten: hoeveel gekozen bellers elke waarde hebben, "
        "en hoeveel kandidaten en reserves nog gekozen kunnen worden. Teruggetrokken "
        "collega's tellen niet mee.",
        "For each field the group must span: how many selected callers have each value, "
        "and how many candidates and reserves could still be chosen. Withdrawn colleagues "
        "do not count.",
    ),
    "spread_value": Wording("Waarde", "Value"),
    "spread_selected": Wording("Gekozen", "Selected"),
    "spread_available": Wording("Kandidaten en reserves", "Candidates and reserves"),
    "spread_missing": Wording("nog niemand gekozen", "nobody selected yet"),
    "spread_none": Wording(
        "Nog geen beller heeft een waarde voor dit kenmerk.", "No caller has this field yet."
    ),
    "roster_title": Wording("De bellers", "The callers"),
    "callers_selected": Wording("Gekozen bellers", "Selected callers"),
    "callers_reserve": Wording("Reserves", "Reserves"),
    "callers_candidate": Wording("Kandidaten", "Candidates"),
    "callers_withdrawn": Wording("Teruggetrokken", "Withdrawn"),
    "caller_team": Wording("Team", "Team"),
    "caller_location": Wording("Locatie", "Location"),
    "caller_trained": Wording("Getraind", "Trained"),
    "caller_volunteered": Wording("Aangemeld", "Volunteered"),
    "caller_appointed_by": Wording("Aangewezen door", "Appointed by"),
    "caller_hours": Wording("Uren per week", "Hours per week"),
    "not_yet": Wording("nog niet", "not yet"),
    # The next steps, on the page and on the call team's card of the decision board.
    "call_next_short_one": Wording("Kies nog 1 beller.", "Select 1 more caller."),
    "call_next_short_many": Wording("Kies nog {count} bellers.", "Select {count} more callers."),
    "call_next_add": Wording(
        "Nog {left} over om uit te kiezen (kandidaten en reserves): voeg bellers toe.",
        "{left} left to choose from (candidates and reserves): add callers.",
    ),
    "call_next_add_none": Wording(
        "Er is niemand meer om uit te kiezen: voeg bellers toe.",
        "Nobody is left to choose from: add callers.",
    ),
    "call_next_gap": Wording(
        "Geen gekozen beller uit {field} {values}.", "No selected caller from {field} {values}."
    ),
    "call_next_withheld_one": Wording(
        "1 waarde van een kenmerk dat het intranet niet toont heeft nog geen gekozen beller.",
        "1 value of a field the intranet does not show has no selected caller.",
    ),
    "call_next_withheld_many": Wording(
        "{count} waarden van kenmerken die het intranet niet toont hebben nog geen gekozen beller.",
        "{count} values of fields the intranet does not show have no selected caller.",
    ),
    "call_next_not_volunteered_one": Wording(
        "1 gekozen beller heeft zich volgens het bestand niet aangemeld",
        "1 selected caller does not say they volunteered",
    ),
    "call_next_not_volunteered_many": Wording(
        "{count} gekozen bellers hebben zich volgens hun bestand niet aangemeld",
        "{count} selected callers do not say they volunteered",
    ),
    "call_next_not_appointed_one": Wording(
        "Bij 1 gekozen beller staat niet wie die aanwees (appointed_by)",
        "1 selected caller lacks appointed_by (who appointed them)",
    ),
    "call_next_not_appointed_many": Wording(
        "Bij {count} gekozen bellers staat niet wie ze aanwees (appointed_by)",
        "{count} selected callers lack appointed_by (who appointed them)",
    ),
    "call_next_complete": Wording(
        "{count} gekozen bellers, zoals de pilot nodig heeft.",
        "{count} selected callers, as the pilot needs.",
    ),
    "call_next_untrained_one": Wording(
        "1 gekozen beller is nog niet getraind: plan de training.",
        "1 selected caller is not trained yet: plan the training.",
    ),
    "call_next_untrained_many": Wording(
        "{count} gekozen bellers zijn nog niet getraind: plan de training.",
        "{count} selected callers are not trained yet: plan the training.",
    ),
}
