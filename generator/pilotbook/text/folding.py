"""Letters without their accents, and names in the order readers look for them.

`fold` is what search does with a word ("Öztürk" is found as "Ozturk"); `name_key` is
how every list of people is sorted: by the name as it is written and shown (first
name first, "de Vries" under D), word by word, without regard to case, accents or
punctuation, so that "Émile" sorts with "Emile" and "Zoë" before "Zoltan".
pilotbook cannot tell a first name from a surname, and a list is read by the first
letter it shows.
"""

from __future__ import annotations

import re
import unicodedata

# Latin letters that Unicode does not decompose into a base letter and a mark. The
# search box's script (assets/javascripts/pilotbook-search.js) carries the same table
# (tests/test_wayfinding.py keeps the two equal).
_LETTERS = str.maketrans(
    {"ø": "o", "Ø": "O", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae",
     "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "\u0131": "i"}
)  # fmt: skip
_WORDS = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Accents and other marks taken off Latin letters: 'Øztürk' -> 'Ozturk'."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not _mark(c)))


def _mark(char: str) -> bool:
    return unicodedata.category(char) == "Mn"


def name_key(name: str) -> tuple[tuple[str, ...], str]:
    """Sorts names word by word, folded and case-blind ('van Dijk' with 'Van Dijk',
    'Łukasz' with 'Lukasz', 'Jan Bakker' before 'Janneke'); names that differ only in
    accents or case keep one order."""
    return tuple(_WORDS.findall(fold(name).casefold())), name
