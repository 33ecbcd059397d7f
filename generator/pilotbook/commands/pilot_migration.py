"""The text changes `pilotbook add-pilot` makes, each proved to keep every value.

- `judgement_moved`: a stakeholder file's judgement (`answers`, `expectation`, ...)
  moved from the top under `pilots: <first-id>:`, every other line as it was;
- `config_with_pilots`: `pilots:` written into the plugin's options in mkdocs.yml (or
  one more entry added to it), every other line as it was.

Both edit the text where the file is written in YAML's block style, as `pilotbook new`
and `init` write it, so that comments, key order, quotes and blank lines stay; a file
written otherwise (a flow mapping `{name: ...}` at the top, say) is written again by
ruamel.yaml's round trip, which keeps what it can. Either way, the file is read before
and after: a change that would lose or alter a value raises `NotMovable`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from pilotbook.config.options import PLUGIN, plugin_entry
from pilotbook.records.new import yaml_scalar
from pilotbook.yaml import plain, roundtrip
from pilotbook.yaml.syntax import YamlSyntaxError

PILOTS = "pilots"
# An id written plain: it starts with a letter, and no YAML reader (1.1 or 1.2) takes
# it for a yes or no.
_PLAIN_ID = re.compile(r"[a-z][a-z0-9-]*\Z")
_NOT_TEXT = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


class NotMovable(Exception):
    """The file cannot be changed without losing a value; the message says why."""


def judgement_moved(text: str, first: str, judged: frozenset[str]) -> str:
    """`text` (a stakeholder file of a one-pilot handbook) with its judgement under
    `pilots: <first>:`; a file without any gets `pilots: {<first>: {}}`, so that the
    person takes part in the first pilot as they took part in the one."""
    try:
        data = plain.load(text).data
    except YamlSyntaxError as error:
        where = error.position
        raise NotMovable(
            f"line {where.line}: {error.message} (fix it first: 'pilotbook check' says more)"
        ) from None
    if not isinstance(data, Mapping):
        raise NotMovable("the file is no mapping of keys (fix it first: see 'pilotbook check')")
    if PILOTS in data:
        raise NotMovable(
            f"the file has '{PILOTS}:' already, which a handbook with one pilot does not read: "
            "remove it or move what it holds to the top first"
        )
    moved = {key: value for key, value in data.items() if key in judged}
    wanted = {key: value for key, value in data.items() if key not in judged}
    wanted[PILOTS] = {first: moved}

    def keeps(written: str) -> bool:
        try:
            return bool(plain.load(written).data == wanted)
        except YamlSyntaxError:
            return False

    return _first(
        (lambda: _block_moved(text, first, judged), lambda: _dumped_moved(text, first, judged)),
        keeps,
        "moving the judgement would change a value",
    )


def _first(ways: Sequence[Callable[[], str | None]], keeps: Callable[[str], bool], why: str) -> str:
    """The text of the first of `ways` that `keeps` every value; `NotMovable` if none."""
    for way in ways:
        written = way()
        if written is not None and keeps(written):
            return written
    raise NotMovable(why)


def _block_moved(text: str, first: str, judged: frozenset[str]) -> str | None:
    """The judgement moved line by line, for a file whose top-level keys each start a
    line of their own (None for one that does not)."""
    tree = roundtrip.load(text)
    if not isinstance(tree, CommentedMap) or not tree or tree.fa.flow_style():
        return None
    keys = list(tree)
    starts = [tree.lc.key(key) for key in keys]
    if any(column != 0 for _, column in starts):
        return None
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()
    # Each key's lines, with the comments just above it (those above the first key
    # stay at the top of the file).
    floors = [starts[0][0], *(line + 1 for line, _ in starts[:-1])]
    begin = [_leading(lines, line, floor) for (line, _), floor in zip(starts, floors, strict=True)]
    ends = [*begin[1:], len(lines)]
    head = lines[: begin[0]]
    kept: list[str] = []
    block: list[str] = [f"{PILOTS}:", f"  {first}:"]
    place = None
    for key, start, end in zip(keys, begin, ends, strict=True):
        part = lines[start:end]
        if isinstance(key, str) and key in judged:
            place = len(kept) if place is None else place
            block += [f"    {line}" if line.strip() else "" for line in part]
        else:
            kept += part
    if place is None:
        block[-1] += " {}"
        place = len(kept)
    body = [*head, *kept[:place], *block, *kept[place:]]
    return newline.join(body) + newline


def _leading(lines: Sequence[str], line: int, floor: int) -> int:
    """The first of the comment lines right above `line` (not above `floor`), which
    belong to the key written on it; a blank line above them stays where it is."""
    while line > floor and lines[line - 1].startswith("#"):
        line -= 1
    return line


def _dumped_moved(text: str, first: str, judged: frozenset[str]) -> str:
    """The judgement moved by ruamel.yaml's round trip: for a file `_block_moved`
    cannot change line by line."""
    tree = roundtrip.load(text)
    moved = CommentedMap()
    result = CommentedMap()
    for key, value in tree.items():
        if key in judged:
            moved[key] = value
            if PILOTS not in result:
                result[PILOTS] = CommentedMap({first: moved})
        else:
            result[key] = value
    if PILOTS not in result:
        result[PILOTS] = CommentedMap({first: moved})
    return _dump(result)


def config_with_pilots(text: str, entries: Sequence[Mapping[str, str]]) -> str:
    """mkdocs.yml's `text` with `entries` (each `{id, name}`) added to `pilots:` in the
    plugin's options (written where it is not yet)."""
    tree = roundtrip.load(text)
    entry = plugin_entry(tree)
    if entry is None:
        raise NotMovable(f"the file does not enable the {PLUGIN} plugin under 'plugins:'")
    path = entry[0]
    wanted = _plain(tree)
    options = _options(wanted, path)
    options[PILOTS] = [*(options.get(PILOTS) or []), *map(dict, entries)]

    def keeps(written: str) -> bool:
        try:
            return bool(_plain(roundtrip.load(written)) == wanted)
        except YamlSyntaxError:
            return False

    return _first(
        (
            lambda: _inserted(text, path, entries),
            lambda: _dumped_config(roundtrip.load(text), path, entries),
        ),
        keeps,
        "adding the pilots would change another setting",
    )


def _options(tree: Any, path: Sequence[Any]) -> Any:
    """The plugin's options in `tree` (as `plugin_entry` found them): a mapping, made
    one where the plugin is named without options."""
    parent = tree
    for step in path[:-1]:
        parent = parent[step]
    if path[-1] == PLUGIN:
        if parent[PLUGIN] is None:
            parent[PLUGIN] = CommentedMap() if isinstance(parent, CommentedMap) else {}
        return parent[PLUGIN]
    parent[path[-1]] = {PLUGIN: {}}
    return parent[path[-1]][PLUGIN]


def _inserted(text: str, path: Sequence[Any], entries: Sequence[Mapping[str, str]]) -> str | None:
    """The pilots written into the text line by line, where the plugin's options are a
    block mapping (or nothing yet); None where they are written otherwise."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    parent = roundtrip.load(text)
    for step in path[:-1]:
        parent = parent[step]
    if path[-1] != PLUGIN:  # `- pilotbook` in the list: the name alone
        line, column = parent.lc.item(path[-1])
        if lines[line][column : column + len(PLUGIN)] != PLUGIN:
            return None
        end = column + len(PLUGIN)
        lines[line] = f"{lines[line][:end]}:{lines[line][end:]}"
        at, indent, new = line + 1, column + 2, _listed(entries)
    else:
        options = parent[PLUGIN]
        if options is None:
            line, column = parent.lc.key(PLUGIN)
            at, indent, new = line + 1, column + 2, _listed(entries)
        elif isinstance(options, CommentedMap) and options and not options.fa.flow_style():
            listed = options.get(PILOTS)
            if listed is None:
                at, indent = options.lc.key(next(iter(options)))
                new = _listed(entries)
            elif isinstance(listed, CommentedSeq) and listed and not listed.fa.flow_style():
                found = _list_end(lines, listed)
                if found is None:
                    return None
                at, indent, offset = found
                new = _entries(entries, offset)
            else:
                return None
        else:
            return None
    lines[at:at] = [" " * indent + line for line in new]
    return newline.join(lines)


def _listed(entries: Sequence[Mapping[str, str]]) -> list[str]:
    """The option `pilots:` with `entries`, as lines."""
    return [f"{PILOTS}:", *(f"  {line}" for line in _entries(entries, 2))]


def _entries(entries: Sequence[Mapping[str, str]], offset: int) -> list[str]:
    """Pilots as a block list, each key `offset` columns in from its dash."""
    lines = []
    for entry in entries:
        for index, (key, value) in enumerate(entry.items()):
            lead = "-".ljust(offset) if index == 0 else " " * offset
            lines.append(f"{lead}{key}: {_scalar(key, value)}")
    return lines


def _list_end(lines: Sequence[str], listed: CommentedSeq) -> tuple[int, int, int] | None:
    """Where an entry goes after the last of the block list `listed`: the line below its
    last line, the column of its dashes, and how far its keys stand from them."""
    line, column = listed.lc.item(len(listed) - 1)
    dash = lines[line].rfind("-", 0, column)
    if dash < 0:
        return None
    end = line + 1
    last = line
    while end < len(lines):
        stripped = lines[end].strip()
        indent = len(lines[end]) - len(lines[end].lstrip())
        if stripped and not stripped.startswith("#"):
            if indent <= dash:
                break
            last = end
        end += 1
    return last + 1, dash, column - dash


def _dumped_config(tree: Any, path: Sequence[Any], entries: Sequence[Mapping[str, str]]) -> str:
    options = _options(tree, path)
    listed = options.get(PILOTS)
    if listed is None:
        options[PILOTS] = listed = CommentedSeq()
    # Quoted, as YAML 1.1 (MkDocs' reader) takes `no` or `on` for a yes or no.
    listed.extend(
        CommentedMap((key, DoubleQuotedScalarString(value)) for key, value in entry.items())
        for entry in entries
    )
    return _dump(tree)


def _scalar(key: str, value: str) -> str:
    """A pilot's id plain (unless a YAML reader could take it for something else than
    text), its name in double quotes, as `init --pilots` writes them."""
    if key == "id" and _PLAIN_ID.match(value) and value not in _NOT_TEXT:
        return value
    return yaml_scalar(value)


def _dump(tree: Any) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.preserve_quotes = True  # type: ignore[assignment]
    stream = io.StringIO()
    yaml.dump(tree, stream)
    return stream.getvalue()


def _plain(node: Any) -> Any:
    """A tree ruamel.yaml read, as plain values to compare: tags kept beside them."""
    tag = getattr(getattr(node, "tag", None), "value", None)
    if isinstance(node, TaggedScalar):
        return (tag, node.value)
    if isinstance(node, Mapping):
        return (
            (tag, {key: _plain(value) for key, value in node.items()})
            if tag
            else {key: _plain(value) for key, value in node.items()}
        )
    if isinstance(node, list):
        plain_list = [_plain(value) for value in node]
        return (tag, plain_list) if tag else plain_list
    return node
