"""The two kinds of external stakeholder. Their ids are the method's words: `direct`,
the people the pilot is for (customers, patients, residents), and `indirect`, the
wider environment. What the pages call each kind, and the guidance they give on it,
fit any pilot by default, and a handbook may say its own::

    plugins:
      - pilotbook:
          externals:
            direct:
              label: {nl: Bewoners, en: Residents}
              guidance: {nl: ..., en: ...}
            indirect:
              label: Omgeving               # the same text in every language
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pilotbook.method.reading import OptionReader, Wording

EXTERNAL_KINDS = ("direct", "indirect")
_KEYS = ("label", "guidance")


@dataclass(frozen=True)
class ExternalKind:
    """A kind of external stakeholder: its fixed id, its label and its guidance."""

    id: str
    label: Wording
    guidance: Wording


DEFAULT_EXTERNALS = (
    ExternalKind(
        "direct",
        Wording("Extern, direct", "External, direct"),
        Wording(
            "De mensen voor wie de pilot bedoeld is, zijn de belangrijkste stakeholders. Ze "
            "ontwerpen de pilot meestal niet mee (dat maakt het zelden eenvoudiger), maar "
            "zonder hen kan de pilot niet draaien en zijn doel en hypotheses niet te toetsen.",
            "The people the pilot is for are its most important stakeholders. They rarely "
            "help design the pilot (that seldom makes it simpler), but without them the "
            "pilot cannot run and its goal and hypotheses cannot be tested.",
        ),
    ),
    ExternalKind(
        "indirect",
        Wording("Extern, indirect", "External, indirect"),
        Wording(
            "De bredere omgeving: partijen die ertoe doen voor de organisatie als geheel. "
            "Welke rol elk van hen in deze pilot krijgt, staat hieronder, zoals de "
            "bestanden het plannen.",
            "The wider environment: parties that matter to the organisation as a whole. "
            "The part each of them takes in this pilot is below, as the files plan it.",
        ),
    ),
)


def read_externals(reader: OptionReader, given: Any) -> tuple[ExternalKind, ...]:
    """The `externals` option, checked: each kind's label and guidance as written, the
    default for what is left out (or wrong, with a problem)."""
    if given is None:
        return DEFAULT_EXTERNALS
    if not isinstance(given, Mapping):
        reader.error(
            ("externals",),
            "'externals' must be a mapping of the external kinds (direct, indirect) to "
            "their label and guidance, such as {direct: {label: Residents}}",
        )
        return DEFAULT_EXTERNALS
    reader.unknown_keys(("externals",), given, EXTERNAL_KINDS)
    kinds = []
    for default in DEFAULT_EXTERNALS:
        where = ("externals", default.id)
        item = given.get(default.id)
        if default.id in given and not isinstance(item, Mapping):
            reader.error(
                where,
                f"'externals: {default.id}' must be a mapping with a 'label', a 'guidance' or both",
            )
            item = None
        if not isinstance(item, Mapping):
            kinds.append(default)
            continue
        reader.unknown_keys(where, item, _KEYS)
        label, guidance = (
            reader.wording(where, item, key, default=None) if key in item else getattr(default, key)
            for key in _KEYS
        )
        kinds.append(ExternalKind(default.id, label, guidance))
    return tuple(kinds)
