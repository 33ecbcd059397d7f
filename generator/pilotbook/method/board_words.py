"""The words of the decision board's next steps, in Dutch and English. Part of the
labels `pilotbook.method.wording` gives every page."""

from __future__ import annotations

from pilotbook.method.reading import Wording

BOARD_LABELS: dict[str, Wording] = {
    # The team's steps are tasks, each for this week; the intranet's say where things
    # stand, since its readers can do none of them (site/next_step.py).
    "next_uncovered_team": Wording(
        "Nog niemand op de shortlist: zoek een vertegenwoordiger.",
        "Nobody on the shortlist yet: find a representative.",
    ),
    "next_uncovered_public": Wording(
        "Nog niemand op de shortlist; het projectteam zoekt een vertegenwoordiger.",
        "Nobody on the shortlist yet; the project team is looking for a representative.",
    ),
    "next_pending_one_team": Wording(
        "Of vul de open antwoorden aan van {names}, die nog niet is beoordeeld.",
        "Or complete the open answers of {names}, not assessed yet.",
    ),
    "next_pending_many_team": Wording(
        "Of vul de open antwoorden aan van de {pending} mensen die nog niet zijn "
        "beoordeeld: {names}.",
        "Or complete the open answers of the {pending} people not assessed yet: {names}.",
    ),
    "next_pending_first_team": Wording(
        "Of vul deze week de open antwoorden aan van de eerste {first} van de {pending} "
        "mensen die nog niet zijn beoordeeld: {names}.",
        "Or complete this week the open answers of the first {first} of the {pending} "
        "people not assessed yet: {names}.",
    ),
    "next_pending_one_public": Wording(
        "Eén collega is nog niet beoordeeld.", "One colleague is not assessed yet."
    ),
    "next_pending_many_public": Wording(
        "{pending} collega's zijn nog niet beoordeeld.",
        "{pending} colleagues are not assessed yet.",
    ),
    "next_interview_team": Wording(
        "Spreek de {count} mensen op de shortlist en kies wie het best past: {names}.",
        "Meet the {count} shortlisted people and choose who fits best: {names}.",
    ),
    "next_interview_many_team": Wording(
        "Spreek deze week de eerste {first} van de {count} mensen op de shortlist: {names}.",
        "Interview the first {first} of the {count} shortlisted people this week: {names}.",
    ),
    "next_interview_public": Wording(
        "{count} mensen op de shortlist; het projectteam spreekt ze en kiest wie het best "
        "past: {names}.",
        "{count} people on the shortlist; the project team meets them and chooses who fits "
        "best: {names}.",
    ),
    "next_covered": Wording("Vertegenwoordigd door {names}.", "Represented by {names}."),
    "next_setup_team": Wording(
        "Nog zonder rol bij het opzetten van de pilot: plan die.",
        "No part in setting the pilot up yet: plan one.",
    ),
    "next_setup_public": Wording(
        "Een rol bij het opzetten van de pilot is nog niet gepland.",
        "A part in setting the pilot up is not planned yet.",
    ),
    "next_decided": Wording(
        "Gekozen na de gesprekken: {names}.", "Chosen after the interviews: {names}."
    ),
    "more": Wording("nog {count}", "{count} more"),
}
