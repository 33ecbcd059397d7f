"""Escaping text from YAML for each place it lands.

Stakeholder files are written by many hands, so every value is treated as plain
text: it must show literally and never become markup, a link, an attribute, an
include or a formula, whatever Markdown extensions the site enables.
"""

from __future__ import annotations

import html
import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# ASCII punctuation that no Markdown syntax gives a meaning inside running text.
_PLAIN = frozenset(" ,'?/;%\"!()-.")
# At the start of a value these could open a list or a snippet include.
_LEADING = re.compile(r"^(?:\d+[.)]|[-(])")


def one_line(text: str) -> str:
    """Whitespace folded to single spaces, control characters made visible."""
    return " ".join(_CONTROL.sub("\ufffd", text).split())


def markdown_text(text: str) -> str:
    """Text that Python-Markdown and its extensions render literally, on one line.

    Punctuation with a meaning in Markdown or a common extension becomes a numeric
    character reference, which every extension passes through untouched (a backslash
    escape only works for the characters the enabled extensions register). Harmless
    punctuation stays as it is, so the generated source stays readable.
    """
    text = one_line(text)
    lead = _LEADING.match(text)
    start = lead.end() if lead else 0
    out = [_reference(c) if not c.isalnum() else c for c in text[:start]]
    for char in text[start:]:
        if char.isalnum() or char in _PLAIN or not char.isascii():
            out.append(char)
        else:
            out.append(_reference(char))
    return "".join(out)


def _reference(char: str) -> str:
    return f"&#{ord(char)};"


def html_text(text: str) -> str:
    """Text for an HTML or SVG element's content or a quoted attribute value."""
    return html.escape(one_line(text), quote=True)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A spreadsheet cell that a spreadsheet shows as text, never runs as a formula."""
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text
