"""Escaping text from YAML for each place it lands.

Stakeholder files are written by many hands, so every value is treated as plain
text: it must show literally and never become markup, a link, an attribute, an
include or a formula, whatever Markdown extensions the site enables.
"""

from __future__ import annotations

import html
import re

# Control characters are shown as the symbols Unicode has for them (␇ for BEL), and
# bidirectional overrides as their code, so no value can hide text or reorder it.
_VISIBLE = {
    **{code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)},
    0x7F: "\u2421",
    **dict.fromkeys(range(0x80, 0xA0), "\ufffd"),
    **{
        code: f"[U+{code:04X}]"
        for code in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
    },
}
# ASCII punctuation that no Markdown syntax gives a meaning inside running text.
_PLAIN = frozenset(" ,'?/;%\"!()-.")
# At the start of a value these could open a list or a snippet include.
_LEADING = re.compile(r"^(?:\d+[.)]|[-(])")


def one_line(text: str) -> str:
    """Whitespace folded to single spaces, control and direction characters made visible."""
    return " ".join(text.translate(_VISIBLE).split())


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
