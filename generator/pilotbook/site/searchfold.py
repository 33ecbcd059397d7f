"""Search that folds accents: "Ozturk" finds "Öztürk", "Financien" finds "Financiën".

Material's search (lunr) compares words letter for letter. So every section of a
page in the search index gets the folded form of its words with an accented Latin
letter, in a `hidden` span that the results never show; and the search box folds
what a reader types the same way (`assets/javascripts/pilotbook-search.js`). A
folded query then finds the word with its accents and the word written without, in
whichever section of a page it stands, and the script marks the word as written in
the result, cut to a snippet around it.
"""

from __future__ import annotations

import re

from pilotbook.text.folding import fold

_WORD = re.compile(r"[^\W\d_]+")
_TAG = re.compile(r"(<[^>]*>)")
# The folded words are kept apart in a span the results do not show.
_MARK = '<span hidden class="pb-folded">'
# Material's results show only the parts of a section's text (its top-level elements,
# and the text up to one) that hold a match: the folded words follow the words they
# fold within this many words, so that the part with a folded match holds the words
# as written, and some of what follows them.
_AFTER = 8


def folded_words(text: str) -> list[str]:
    """The words of `text` (markup left out) that folding changes, folded."""
    if text.isascii():
        return []
    words = {w for w in _WORD.findall(_TAG.sub(" ", text)) if not w.isascii()}
    return sorted({f for f in map(fold, words) if f not in words})


def with_folded_words(text: str, title: str = "") -> str:
    """A search index section's text (HTML, as Material shows it) with the folded form
    of each of its words that folding changes a few words after it, and of its title's
    at its end, in spans that the results never show."""
    if _MARK in text or (text.isascii() and title.isascii()):
        return text
    parts = _TAG.split(text)
    parts[::2] = map(_folded_inline, parts[::2])
    extra = folded_words(title)
    return "".join(parts) + (f" {_MARK}{' '.join(extra)}</span>" if extra else "")


def _folded_inline(text: str) -> str:
    """Text between tags with the folded words in spans within `_AFTER` words of them."""
    if text.isascii():
        return text
    out, pending, last, seen = [], [], 0, 0
    for match in _WORD.finditer(text):
        word = match.group()
        folded = word if word.isascii() else fold(word)
        if folded != word:
            pending.append(folded)
        if pending:
            seen += 1
            if seen > _AFTER:
                # After the space that follows the word, which the results keep.
                end = len(text) - len(text[match.end() :].lstrip())
                out += [text[last:end], _span(pending)]
                pending, last, seen = [], end, 0
    out.append(text[last:])
    if pending:
        out.append(_span(pending))
    return "".join(out)


def _span(words: list[str]) -> str:
    return f"{_MARK} {' '.join(words)}</span>"


def fold_into_index(sections: object, url: str) -> None:
    """Add to each section the search index made of the page at `url` (`sections`: the
    index's entries, the page's last; anything but a list of them: nothing happens)
    the folded words of its title and text, in a span the results never show."""
    if not isinstance(sections, list):
        return
    for entry in reversed(sections):
        location = entry.get("location", "") if isinstance(entry, dict) else None
        if location is None or location.split("#")[0] != url:
            break
        entry["text"] = with_folded_words(entry.get("text", ""), entry.get("title", ""))
