"""Escaping text from YAML for each place it lands.

Stakeholder files are written by many hands, so every value is treated as plain
text: it must show literally and never become markup, a link, an attribute, an
include or a formula, whatever Markdown extensions the site enables.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable, Sequence

# Control characters are shown as the symbols Unicode has for them (␇ for BEL), and
# bidirectional overrides as their code, so no value can hide text or reorder it. A
# lone surrogate (a file name's byte that is not UTF-8, as `os.walk` hands it over)
# shows as that byte, `\xff`: it could not be printed or written at all.
_VISIBLE = {
    **{code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)},
    0x7F: "\u2421",
    **dict.fromkeys(range(0x80, 0xA0), "\ufffd"),
    **{
        code: f"[U+{code:04X}]"
        for code in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
    },
    **{code: f"\\u{code:04x}" for code in range(0xD800, 0xDC80)},
    **{code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)},
    **{code: f"\\u{code:04x}" for code in range(0xDD00, 0xE000)},
}
# In a terminal, a log or a CI runner's output a line break or tab is shown too: a new
# line would start a line that the reader, or the runner, takes for pilotbook's own.
_VISIBLE_IN_LOGS = {
    **_VISIBLE,
    0x09: "\u2409",
    0x0A: "\u240a",
    0x0D: "\u240d",
    0x2028: "[U+2028]",
    0x2029: "[U+2029]",
}
# Logging commands of Azure DevOps, read anywhere in a line, made inert by a backslash.
_AZURE_COMMAND = re.compile(r"##vso\[", re.IGNORECASE)
# Lines that GitHub Actions (`::error::`) or Azure DevOps (`##[error]`) read as commands.
_COMMAND_LINE = re.compile(r"^\s*(?:::|##\[)")
# ASCII punctuation that no Markdown syntax gives a meaning inside running text.
_PLAIN = frozenset(" ,'?/;%\"!()-.")
# Every other ASCII character but letters and digits is written as a reference.
_MARKUP = re.compile(
    "["
    + re.escape("".join(c for c in map(chr, range(128)) if not c.isalnum() and c not in _PLAIN))
    + "]"
)
# At the start of a value these could open a list or a snippet include.
_LEADING = re.compile(r"^(?:\d+[.)]|[-(])")
_BARE_WWW = re.compile(r"www\.", re.IGNORECASE)


def one_line(text: str) -> str:
    """Whitespace folded to single spaces, control and direction characters made visible."""
    return " ".join(text.translate(_VISIBLE).split())


def log_text(text: str) -> str:
    """Text from a file for a terminal, a log or CI: shown on one line, never obeyed.

    Every control, line-break and direction character is shown as a symbol or its
    code, so a value can neither colour the terminal, nor start a line of its own,
    nor reorder what follows; Azure's `##vso[` commands get a backslash.
    """
    return _inert(text.translate(_VISIBLE_IN_LOGS))


def _inert(text: str) -> str:
    """Text in which Azure DevOps finds no `##vso[` logging command: each gets a backslash.

    Every text that reaches a terminal, a log or CI passes here, in every format that
    prints it as it is (`log_text`, `csv_cell`); JSON escapes the `[` instead."""
    return _AZURE_COMMAND.sub(lambda m: m[0][:-1] + "\\[", text)


def log_line(line: str) -> str:
    """A whole line for a terminal, a log or CI, holding text from files (`log_text`).

    A line that would start like a CI runner's command (`::`, `##[`) starts with a
    backslash instead, which no runner reads as one.
    """
    line = log_text(line)
    return "\\" + line if _COMMAND_LINE.match(line) else line


_JSON_ESCAPED = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)


def json_text(data: object) -> str:
    """JSON for a terminal or CI log: exact strings, nothing a terminal or runner obeys.

    `json.dumps` escapes C0 control characters; DEL, C1 controls, direction
    characters and lone surrogates are escaped here too, and so is the `[` of Azure's
    `##vso[`. Each is a valid JSON escape that reads back as the same string.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = _JSON_ESCAPED.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
    return _AZURE_COMMAND.sub(lambda m: m[0][:-1] + "\\u005b", text)


def markdown_text(text: str) -> str:
    """Text that Python-Markdown and its extensions render literally, on one line.

    Punctuation with a meaning in Markdown or a common extension becomes a numeric
    character reference, which every extension passes through untouched (a backslash
    escape only works for the characters the enabled extensions register). Harmless
    punctuation stays as it is, so the generated source stays readable.
    """
    return _markdown(text, _MARKUP)


# Punctuation that ends a word in prose, as in `Still open: ...`, `Sales & Marketing`,
# `C# and C++ teams`: before a space or at the end, none of it opens any syntax (an
# emoji, an entity, a key, a reference or a heading each start before a non-space).
# And a `_` inside a word (`docs_dir`), which emphasises nothing in Python-Markdown or
# CommonMark.
_PROSE_END = r"(?P<kept>(?<=\S)(?:[:#]|\++)(?= |$)|&(?= |$)|(?<=[^\W_])_(?=[^\W_]))"
_PROSE = re.compile(f"{_PROSE_END}|{_MARKUP.pattern}")


def readable_markdown(text: str) -> str:
    """As `markdown_text`, for Markdown that people also read as it is, such as a
    report in a terminal: the same guarantee, but the punctuation that ends a word in
    prose, and a `_` inside one, stay as typed, where they can mean nothing."""
    return _markdown(text, _PROSE)


def _markdown(text: str, markup: re.Pattern[str]) -> str:
    text = one_line(text)
    lead = _LEADING.match(text)
    start = lead.end() if lead else 0
    head = "".join(_reference(c) if not c.isalnum() else c for c in text[:start])
    text = head + markup.sub(lambda m: m[0] if m.lastgroup else _reference(m[0]), text[start:])
    # GitHub and pymdownx.magiclink make a link of a bare `www.` address.
    return _BARE_WWW.sub(lambda m: m[0][:-1] + _reference("."), text)


def _reference(char: str) -> str:
    return f"&#{ord(char)};"


def html_text(text: str) -> str:
    """Text for an HTML or SVG element's content or a quoted attribute value."""
    return html.escape(one_line(text), quote=True)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A spreadsheet cell that shows its text on one line and never runs: not as a
    formula in a spreadsheet, nor as a command of a CI runner that prints the CSV
    (`##vso[` anywhere, `::` or `##[` at the start of a line)."""
    text = _inert(one_line(text))
    if text.startswith(_FORMULA_START) or _COMMAND_LINE.match(text):
        return "'" + text
    return text


# What tells Excel that a CSV is UTF-8 (without it, Excel reads `Ø`, `ł` and `ř` as the
# system's code page would); other spreadsheets and CSV readers skip it.
BYTE_ORDER_MARK = "\ufeff"


def csv_document(rows: Iterable[Sequence[object]]) -> str:
    """A CSV for spreadsheets: a byte-order mark, then each row, every cell (the
    header's too) through `csv_cell`, since a CSV is printed to CI logs as well."""
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    csv.writer(buffer).writerows([csv_cell(str(cell)) for cell in row] for row in rows)
    return buffer.getvalue()
