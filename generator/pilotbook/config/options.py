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

import dataclasses
import difflib
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from pilotbook.audience.view import AUDIENCES, Audience
from pilotbook.config.handbook import DEFAULT_SUMMARY_AFTER, valid_pages_dir
from pilotbook.method.model import (
    DEFAULT_METHOD,
    LANGUAGES,
    Locate,
    Method,
    method_from_options,
)
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Position, Problem, Severity
from pilotbook.screening.freshness import DEFAULT_REVIEW_DAYS
from pilotbook.yaml.plain import MAX_BYTES, MAX_DEPTH
from pilotbook.yaml.source import KeyPath, YamlDocument, YamlSyntaxError, decode, parse

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
class PluginOptions:
    """The plugin's options, checked: what the build and every command use."""

    # The disciplines, questions, phases and grid (see pilotbook.method.model).
    method: Method = DEFAULT_METHOD
    # The folder of stakeholder files, relative to the configuration file's folder.
    stakeholders_dir: str = DEFAULT_STAKEHOLDERS_DIR
    # Where the generated pages go below the site's root.
    pages_dir: str = "stakeholders"
    # The generated pages' language as written (None: the theme's, see `language_for`).
    language: str | None = None
    # The pilot's name at the centre of the map (None: the site's name).
    pilot: str | None = None
    # `pilotbook check` warns about entries last reviewed longer ago than this.
    review_after_days: int = DEFAULT_REVIEW_DAYS
    # Who reads the site: team (everything but private fields) or intranet (everyone:
    # no answers, no names of pending or excluded people). PILOTBOOK_AUDIENCE overrides.
    audience: str = Audience.INTRANET
    # The decision board at the top of the home page.
    home_board: bool = True
    # Past this many internal stakeholders, the map and the shortlist show counts.
    summary_after: int = DEFAULT_SUMMARY_AFTER


DEFAULTS = PluginOptions()
# The options the method is made of (see `method_from_options`), checked there.
_METHOD_OPTIONS = ("disciplines", "questions", "phases", "grid")
OPTION_NAMES = (*(f.name for f in fields(PluginOptions) if f.name != "method"), *_METHOD_OPTIONS)
# The longest review interval: ten years (a date further back is no review).
MAX_REVIEW_DAYS = 3650
MAX_SUMMARY_AFTER = 100_000


_WRONG = object()
# YAML 1.1's words for yes and no, which MkDocs reads as booleans; `diff` reads a
# revision with YAML 1.2, where they are text. Both take them as MkDocs does.
_YES_NO = {
    **dict.fromkeys(("y", "yes", "true", "on"), True),
    **dict.fromkeys(("n", "no", "false", "off"), False),
}


def _whole(low: int, high: int) -> Callable[[Any], Any]:
    # A bool is an int to Python, but `true` is no number of days.
    return lambda v: (
        v if isinstance(v, int) and not isinstance(v, bool) and low <= v <= high else _WRONG
    )


def _yes_no(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    return _YES_NO.get(value.lower(), _WRONG) if isinstance(value, str) else _WRONG


def _one_of(choices: tuple[str, ...], *, optional: bool = False) -> Callable[[Any], Any]:
    return lambda v: v if v in choices or (optional and v is None) else _WRONG


# Each option but the method's: its value from what is written (or `_WRONG`), and what
# it takes in words.
_RULES: dict[str, tuple[Callable[[Any], Any], str]] = {
    "stakeholders_dir": (
        lambda v: v if isinstance(v, str) and v.strip() and "\0" not in v else _WRONG,
        "a folder name, relative to mkdocs.yml (such as 'stakeholders')",
    ),
    "pages_dir": (
        lambda v: v if isinstance(v, str) and valid_pages_dir(v) else _WRONG,
        "a folder inside the site, written as plain names of lower-case letters, digits, "
        "'-' and '_' joined by '/' (such as 'stakeholders' or 'pilot/stakeholders'): no "
        "absolute path, no '..'",
    ),
    "language": (_one_of(LANGUAGES, optional=True), f"one of {', '.join(LANGUAGES)}"),
    "pilot": (lambda v: v if v is None or isinstance(v, str) else _WRONG, "a text"),
    "review_after_days": (
        _whole(1, MAX_REVIEW_DAYS),
        f"a whole number of days from 1 to {MAX_REVIEW_DAYS:,}",
    ),
    "audience": (_one_of(AUDIENCES), " or ".join(AUDIENCES)),
    "home_board": (_yes_no, "true or false"),
    "summary_after": (
        _whole(0, MAX_SUMMARY_AFTER),
        f"a whole number of stakeholders from 0 to {MAX_SUMMARY_AFTER:,}",
    ),
}


def check_options(
    options: Mapping[Any, Any], path: str, locate: Locate, theme_language: Any = None
) -> tuple[PluginOptions, list[Problem]]:
    """The plugin's options checked for type and range, the method's included, and any
    key the plugin does not know; problems name `path` and where `locate` finds each.

    The one check of the options: the MkDocs plugin (for the build and every command)
    and `diff` (for a revision's configuration) both call it. Options left out take
    their defaults; `theme_language` is the theme's, for a handbook without `language`.
    """
    problems: list[Problem] = []

    def wrong(key: Any, message: str, *, at_key: bool = False) -> None:
        where = locate((key,), at_key)
        problems.append(Problem(path, where, Severity.ERROR, message, Code.INVALID_OPTION))

    for key in options:
        if key not in OPTION_NAMES and key != "enabled":
            close = difflib.get_close_matches(str(key), OPTION_NAMES, n=1)
            known = f"the pilotbook plugin's options are {', '.join(OPTION_NAMES)}"
            hint = f"did you mean '{close[0]}'?" if close else known
            wrong(key, f"unknown option '{key}': {hint}", at_key=True)
    if "enabled" in options and _yes_no(options["enabled"]) is _WRONG:
        wrong("enabled", f"{_as_written('enabled', options['enabled'])} must be true or false")
    checked: dict[str, Any] = {}
    for key, (read, wanted) in _RULES.items():
        value = options.get(key, getattr(DEFAULTS, key))
        if (checked_value := read(value)) is _WRONG:
            # An empty value has no place of its own: its key is where to write one.
            wrong(key, f"{_as_written(key, value)} must be {wanted}", at_key=value is None)
        else:
            checked[key] = checked_value
    method, wrong_in_method = method_from_options(
        {key: options.get(key) for key in _METHOD_OPTIONS},
        path,
        locate,
        language_for(checked.get("language"), theme_language),
    )
    problems += wrong_in_method
    return dataclasses.replace(DEFAULTS, method=method, **checked), problems


def language_for(chosen: str | None, theme_language: Any) -> str:
    """The handbook's language: the option's, or else the theme's as the plugin takes
    it (nl when none is set, en for a language pilotbook does not speak)."""
    if chosen:
        return chosen
    if not theme_language:
        return "nl"
    return theme_language if theme_language in LANGUAGES else "en"


def _as_written(key: Any, value: Any) -> str:
    """An option as a message quotes it: `'key: value'`, short, or its kind."""
    if isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, int):
        text = str(value) if value.bit_length() < 50 else "(a number of more than 15 digits)"
    elif isinstance(value, float):
        text = repr(value)
    elif isinstance(value, str):
        text = f"{value[:40]}…" if len(value) > 40 else value
    elif value is None:
        return f"'{key}' (empty)"
    else:
        return f"'{key}' ({'a list' if isinstance(value, list) else 'a mapping or other'})"
    return f"'{key}: {text}'"


@dataclass(frozen=True)
class HandbookOptions:
    """What a configuration text says about judging stakeholder files."""

    options: PluginOptions = DEFAULTS
    # The handbook's language (see `language_for`).
    language: str = "nl"
    # False when the configuration does not enable the plugin at all.
    enabled: bool = True
    problems: tuple[Problem, ...] = field(default=())

    @property
    def method(self) -> Method:
        return self.options.method

    @property
    def stakeholders_dir(self) -> str:
        return self.options.stakeholders_dir


def read_options(raw: bytes, path: str) -> HandbookOptions:
    """The plugin's options in a configuration file's bytes; `path` names the file in
    problems, which are located `path:line:col` and never raised.

    A value that MkDocs resolves when it builds (`!ENV [NAME, default]`) is left out:
    the environment a revision was built in is not known, so the option's default stands.
    """

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

    written = {key: value for key, value in options.items() if not _resolved_by_mkdocs(value)}
    theme_language = _theme_language(document)
    checked, problems = check_options(written, path, locate, theme_language)
    language = language_for(checked.language, theme_language)
    enabled = _yes_no(written.get("enabled", True)) is not False
    return HandbookOptions(checked, language, enabled, tuple(problems))


def _resolved_by_mkdocs(value: Any) -> bool:
    """A value with a tag (`!ENV ...`), which ruamel.yaml keeps as it is written."""
    return getattr(getattr(value, "tag", None), "value", None) is not None


def _theme_language(document: YamlDocument) -> Any:
    theme = document.data.get("theme")
    return theme.get("language") if isinstance(theme, Mapping) else None
