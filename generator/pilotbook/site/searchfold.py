"""Search that folds accents: "Ozturk" finds "Öztürk", "Financien" finds "Financiën".

Material's search (lunr) compares words letter for letter. So each page's words
with an accented Latin letter get their folded form added to the page's first
section in the search index, in a `hidden` span that the results never show; and
the search box folds what a reader types the same way
(`assets/javascripts/pilotbook-search.js`). A folded query then finds the word
with its accents and the word written without.
"""

from __future__ import annotations

import re
import unicodedata

# Latin letters that Unicode does not decompose into a base letter and a mark. The
# search box's script carries the same table.
_LETTERS = str.maketrans(
    {"ø": "o", "Ø": "O", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae",
     "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "\u0131": "i"}
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"<[^>]+>")
# The folded words are kept apart in a span the results do not show.
_MARK = '<span hidden class="pb-folded">'


def fold(text: str) -> str:
    """Accents and other marks taken off Latin letters: 'Øztürk' -> 'Ozturk'."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not _mark(c)))


def _mark(char: str) -> bool:
    return unicodedata.category(char) == "Mn"


def folded_words(text: str) -> list[str]:
    """The words of `text` (markup left out) that folding changes, folded."""
    if text.isascii():
        return []
    words = {w for w in _WORD.findall(_TAG.sub(" ", text)) if not w.isascii()}
    return sorted({f for f in map(fold, words) if f not in words})


def with_folded_words(text: str, title: str = "") -> str:
    """A search index section's text with the folded words of its title and text added
    in a span that the results never show (Material shows the text as HTML)."""
    extra = folded_words(f"{title} {text}")
    if not extra or _MARK in text:
        return text
    return f"{text} {_MARK}{' '.join(extra)}</span>"


def fold_into_index(sections: object, url: str) -> None:
    """Add the folded words of the page at `url` to the first section the search index
    made of it (`sections`: the index's entries, the page's last; anything but a list
    of them: nothing happens), in a span the results never show."""
    if not isinstance(sections, list):
        return
    first = None
    for entry in reversed(sections):
        location = entry.get("location", "") if isinstance(entry, dict) else None
        if location is None or location.split("#")[0] != url:
            break
        first = entry
    if first is not None:
        first["text"] = with_folded_words(first.get("text", ""), first.get("title", ""))
