"""The map's own words, in Dutch and English: its legend of counts, its key grouped by
discipline and outcome, and what the phone's drawing shows."""

from __future__ import annotations

from pilotbook.method.model import Wording
from pilotbook.method.wording import Labels, Trusted

# A count's number reads "\u00d712" (times twelve): never a bare number, which on the
# map names a person.
TIMES = "\u00d7"

WORDS: dict[str, Wording] = {
    "count_shortlisted": Wording("Aantal op de shortlist", "Number shortlisted"),
    "count_pending": Wording("Aantal nog niet beoordeeld", "Number pending"),
    "count_excluded": Wording("Aantal afgevallen", "Number excluded"),
    "count_total": Wording("Aantal in een discipline", "Number in a discipline"),
    "count_external": Wording("Aantal externen", "Number of externals"),
    "key_title": Wording("Wie staat waar op de kaart", "Who is where on the map"),
    "key_list": Wording("de lijst", "the list"),
    "bands_description": Wording(
        "Per discipline wie er gekozen is, wie op de shortlist staat, wie nog niet is "
        "beoordeeld en wie is afgevallen; daarna de externe stakeholders, direct en "
        "indirect.",
        "Per discipline who was chosen, who is shortlisted, who is pending and who was "
        "excluded; then the external stakeholders, direct and indirect.",
    ),
}


class MapWords(Labels):
    """The site's labels and the map's own words, in one language."""

    def __getitem__(self, key: str) -> str:
        if key in WORDS:
            return Trusted(WORDS[key](self.language))
        return super().__getitem__(key)
