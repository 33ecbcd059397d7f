"""Why a stakeholder has the status they have, in the handbook's words: for pages, the
report and the diff alike."""

from __future__ import annotations

from pilotbook.audience.view import Outcome, View
from pilotbook.method.wording import label
from pilotbook.screening.shortlist import Assessment, Screening


def reason(assessment: Assessment | Outcome, screening: Screening | View, language: str) -> str:
    """Why a stakeholder has the status they have, in words."""
    method = screening.method
    if assessment.failed:
        return " ".join(_sentence(method.question(q).failed(language)) for q in assessment.failed)
    if assessment.unanswered:
        # The open questions as questions: a short label reads like a verdict.
        open_ = " ".join(method.question(q).text(language) for q in assessment.unanswered)
        return f"{label('pending_reason', language)} {open_}"
    return label("shortlisted_reason", language)


def _sentence(text: str) -> str:
    """A reason as a sentence: a capital at the start and a full stop at the end, also
    for a handbook's own wording."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
