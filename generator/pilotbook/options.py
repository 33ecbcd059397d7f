"""The pilotbook plugin's options, read from a handbook's configuration text.

MkDocs reads `mkdocs.yml` for a build, but it resolves `!ENV` against the current
environment and needs the theme installed. `pilotbook diff` must judge an older
revision by the configuration it had then, so this module reads the text itself,
with the same round-trip parser that locates problems, and never imports MkDocs::

    plugins:
      - search
      - pilotbook:
          stakeholders_dir: stakeholders
          language: en
          disciplines: [...]
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pilotbook.codes import Code
from pilotbook.method import DEFAULT_METHOD, LANGUAGES, Method, method_from_options
from pilotbook.plainyaml import MAX_BYTES, MAX_DEPTH
from pilotbook.problems import HandbookError, Position, Problem, Severity
from pilotbook.yamlsource import KeyPath, YamlDocument, YamlSyntaxError, decode, parse

PLUGIN = "pilotbook"
DEFAULT_STAKEHOLDERS_DIR = "stakeholders"
# A configuration is read within the limits of a stakeholder file (see plainyaml): its
# size and depth, and aliases (`*name`) may repeat this many values in all. MkDocs and
# ruamel.yaml share what an alias repeats, but a message or a log that prints the
# value writes out every copy: an "alias bomb" of a few lines is gigabytes then.
MAX_CONFIG_BYTES = MAX_BYTES
MAX_CONFIG_DEPTH = MAX_DEPTH
MAX_ALIASED_VALUES = 10_000
_EventParser: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def config_too_large(size: int) -> str:
    return (
        f"the configuration has {size:,} bytes, more than the {MAX_CONFIG_BYTES:,} pilotbook "
        "reads: a handbook's mkdocs.yml needs a few kilobytes; move long texts into pages"
    )


def check_config_limits(text: str) -> None:
    """Raise `YamlSyntaxError` (located, code config-limit) where a configuration's text
    is larger or nested deeper than a stakeholder file may be, or where its aliases
    would repeat more than `MAX_ALIASED_VALUES` values.

    Only YAML's events are read, nothing is built: tags such as MkDocs' `!ENV` and
    `!!python/name:` pass without being resolved. Text YAML cannot read passes too;
    reading it says what is wrong."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_CONFIG_BYTES:
        raise YamlSyntaxError(Position(1, 1), config_too_large(size), Code.CONFIG_LIMIT)
    loader = _EventParser(text)
    try:
        _count_values(iter(loader.get_event, None))
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()


def _count_values(events: Iterator[Any]) -> None:
    def refuse(event: Any, message: str) -> YamlSyntaxError:
        mark = event.start_mark
        return YamlSyntaxError(Position(mark.line + 1, mark.column + 1), message, Code.CONFIG_LIMIT)

    # Values in each open collection, with its anchor; values each anchor names.
    open_: list[list[Any]] = []
    named: dict[str, int] = {}
    repeated = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            if len(open_) >= MAX_CONFIG_DEPTH:
                raise refuse(
                    event,
                    f"the configuration is nested more than {MAX_CONFIG_DEPTH} levels deep, "
                    "more than pilotbook reads: MkDocs' settings need a few levels",
                )
            open_.append([event.anchor, 1])
            continue
        if isinstance(event, yaml.AliasEvent):
            values = named.get(event.anchor, 1)
            repeated += values
            if repeated > MAX_ALIASED_VALUES:
                raise refuse(
                    event,
                    f"with '*{event.anchor}', the aliases repeat more than "
                    f"{MAX_ALIASED_VALUES:,} values, more than pilotbook reads (a few lines "
                    "of aliases can repeat billions): write the values out, or repeat "
                    "fewer of them",
                )
        elif isinstance(event, yaml.ScalarEvent):
            values = 1
            if event.anchor is not None:
                named[event.anchor] = values
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, values = open_.pop()
            if anchor is not None:
                named[anchor] = values
        else:
            continue
        if open_:
            open_[-1][1] += values


def check_config_file(path: Path, shown: str) -> None:
    """The handbook's configuration file within the limits of `check_config_limits`,
    before MkDocs reads it; `HandbookError` with the located problem where it is not."""

    try:
        with open(path, "rb") as file:
            raw = file.read(MAX_CONFIG_BYTES + 1)
    except OSError:
        return  # MkDocs says what is wrong with a file it cannot read
    try:
        if len(raw) > MAX_CONFIG_BYTES:
            size = max(len(raw), os.stat(path).st_size)
            raise YamlSyntaxError(Position(1, 1), config_too_large(size), Code.CONFIG_LIMIT)
        check_config_limits(decode(raw))
    except YamlSyntaxError as error:
        problem = Problem(shown, error.position, Severity.ERROR, error.message, error.code)
        raise HandbookError([problem]) from None


def plugin_entry(data: Any) -> tuple[KeyPath, Mapping[str, Any]] | None:
    """Where the plugin stands under `plugins:` (a list of names and mappings, or a
    mapping) and its options; None when the configuration does not enable it."""
    plugins = data.get("plugins") if isinstance(data, Mapping) else None
    if isinstance(plugins, list):
        for index, entry in enumerate(plugins):
            if entry == PLUGIN:
                return ("plugins", index), {}
            if isinstance(entry, Mapping) and PLUGIN in entry:
                return ("plugins", index, PLUGIN), entry[PLUGIN] or {}
    elif isinstance(plugins, Mapping) and PLUGIN in plugins:
        return ("plugins", PLUGIN), plugins[PLUGIN] or {}
    return None


@dataclass(frozen=True)
class HandbookOptions:
    """What a configuration text says about judging stakeholder files."""

    method: Method = DEFAULT_METHOD
    # Relative to the configuration file's folder.
    stakeholders_dir: str = DEFAULT_STAKEHOLDERS_DIR
    language: str = "nl"
    # False when the configuration does not enable the plugin at all.
    enabled: bool = True
    problems: tuple[Problem, ...] = field(default=())


def read_options(raw: bytes, path: str) -> HandbookOptions:
    """The plugin's options in a configuration file's bytes; `path` names the file in
    problems, which are located `path:line:col` and never raised."""

    def problem(position: Position, message: str, code: Code = Code.INVALID_OPTION) -> Problem:
        return Problem(path, position, Severity.ERROR, message, code)

    try:
        text = decode(raw)
        check_config_limits(text)
        document = parse(text)
    except YamlSyntaxError as error:
        return HandbookOptions(problems=(problem(error.position, error.message, error.code),))
    if not isinstance(document.data, Mapping):
        return HandbookOptions(
            problems=(problem(Position(1, 1), "the configuration must be a mapping of settings"),)
        )
    entry = plugin_entry(document.data)
    if entry is None:
        return HandbookOptions(enabled=False)
    prefix, options = entry
    if not isinstance(options, Mapping):
        return HandbookOptions(
            problems=(
                problem(
                    document.position(prefix), "the pilotbook plugin's options must be a mapping"
                ),
            )
        )

    def locate(where: KeyPath, key: bool = False) -> Position:
        return document.position((*prefix, *where), key=key)

    problems: list[Problem] = []
    language = options.get("language")
    if language is not None and language not in LANGUAGES:
        problems.append(
            problem(locate(("language",)), f"'language' must be one of {', '.join(LANGUAGES)}")
        )
        language = None
    language = language or _theme_language(document)
    folder = options.get("stakeholders_dir", DEFAULT_STAKEHOLDERS_DIR)
    if not isinstance(folder, str) or not folder.strip():
        problems.append(
            problem(locate(("stakeholders_dir",)), "'stakeholders_dir' must be a folder name")
        )
        folder = DEFAULT_STAKEHOLDERS_DIR
    method, wrong = method_from_options(
        {key: options.get(key) for key in ("disciplines", "questions", "phases", "grid")},
        path,
        locate,
        language,
    )
    problems += wrong
    return HandbookOptions(method, folder, language, True, tuple(problems))


def _theme_language(document: YamlDocument) -> str:
    """The theme's language, as the plugin takes it: nl when none is set, en for a
    language pilotbook does not speak."""
    theme = document.data.get("theme")
    chosen = theme.get("language") if isinstance(theme, Mapping) else None
    if not chosen:
        return "nl"
    return chosen if chosen in LANGUAGES else "en"
