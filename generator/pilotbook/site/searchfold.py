"""Search that folds accents: "Ozturk" finds "Öztürk", "Financien" finds "Financiën".

Material's search (lunr) compares words letter for letter. So every word of the
search index with an accented Latin letter gets its folded form added to its
section, in a `hidden` span that the results never show; and the search box folds
what a reader types the same way (`assets/javascripts/pilotbook-search.js`). A
folded query then finds the word with its accents and the word written without.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

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
    words = set(_WORD.findall(_TAG.sub(" ", text)))
    return sorted({fold(w) for w in words if fold(w) != w})


def fold_index(index: dict) -> dict:
    """The search index with each section's folded words added, once."""
    for doc in index.get("docs", []):
        text = doc.get("text", "")
        if _MARK in text or (text.isascii() and doc.get("title", "").isascii()):
            continue
        extra = folded_words(f"{doc.get('title', '')} {text}")
        if extra:
            doc["text"] = f"{text} {_MARK}{' '.join(extra)}</span>"
    return index


def fold_search_index(site: Path) -> None:
    """Fold the search index Material wrote into `site`, as JSON and, for the copy
    that works from disk, as the script the offline plugin made of it."""
    folder = site / "search"
    json_file = folder / "search_index.json"
    if json_file.is_file():
        index = fold_index(json.loads(json_file.read_text(encoding="utf-8")))
        json_file.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    script = folder / "search_index.js"
    prefix = "var __index = "
    if script.is_file():
        text = script.read_text(encoding="utf-8")
        if text.startswith(prefix):
            index = fold_index(json.loads(text[len(prefix) :]))
            script.write_text(prefix + json.dumps(index, ensure_ascii=False), encoding="utf-8")
