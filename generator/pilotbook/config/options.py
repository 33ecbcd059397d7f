"""The pilotbook plugin's options: declared once, checked once, for every reader.

    plugins:
      - search
      - pilotbook:
          stakeholders_dir: stakeholders
          language: en
          disciplines: [...]

`PluginOptions` declares each option with its type and default. `check_options` is the
one check of what is written: the MkDocs plugin hands it the options as MkDocs read
them (for a build and, through MkDocs, for every command), and `read_options` hands it
a configuration's text, for `diff` to judge an older revision by the configuration it
had then (MkDocs would resolve `!ENV` against today's environment and need the theme
installed). This module never imports MkDocs.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from pilotbook.audience.view import AUDIENCES, Audience
from pilotbook.config.levels import AS_THEY_ARE, Levels, read_levels
from pilotbook.config.pilots import read_pilots
from pilotbook.method.model import DEFAULT_METHOD, Method, method_from_options
from pilotbook.method.pilots import Pilot
from pilotbook.method.reading import LANGUAGES, Locate
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position, Problem, Severity
from pilotbook.screening.freshness import DEFAULT_REVIEW_DAYS
from pilotbook.yaml.limits import check_config_limits
from pilotbook.yaml.source import YamlDocument, decode, parse, parse_for_positions
from pilotbook.yaml.syntax import KeyPath, YamlSyntaxError

PLUGIN = "pilotbook"
# The handbook's language where neither the option nor the theme names one.
DEFAULT_LANGUAGE = "nl"
_PAGES_DIR_PART = re.compile(r"^[a-z0-9][a-z0-9_-]*\Z")


def valid_pages_dir(pages_dir: str) -> bool:
    """Whether `pages_dir` can hold the generated pages: they go below the site's root
    and nowhere else, so it is a folder path of plain names, and no setting can make a
    build or `generate` write outside its output."""
    parts = pages_dir.strip("/").split("/")
    return not pages_dir.startswith("/") and all(_PAGES_DIR_PART.match(p) for p in parts)


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


class Locator:
    """Finds an option's line in the configuration file, reading the file only if a
    problem asks where."""

    def __init__(self, config_file: Path) -> None:
        self.config_file = config_file

    @functools.cached_property
    def options(self) -> tuple[YamlDocument, KeyPath] | None:
        """The parsed file and the key path of the plugin's options in it."""
        try:
            document = parse_for_positions(decode(self.config_file.read_bytes()))
        except (OSError, YamlSyntaxError):
            return None
        entry = plugin_entry(document.data)
        return (document, entry[0]) if entry is not None else None

    def position(self, path: KeyPath, key: bool = False) -> Position:
        if self.options is None:
            return Position(1, 1)
        document, prefix = self.options
        return document.position((*prefix, *path), key=key)


@dataclass(frozen=True)
class PluginOptions:
    """The plugin's options, checked: what the build and every command use. Each option's
    one declaration: its name, type and default (the method's are read into
    `method`), from which MkDocs' schema of the plugin and the `Handbook` take theirs."""

    # The disciplines, questions, phases, grid, call team and external kinds (see
    # pilotbook.method.model).
    method: Method = DEFAULT_METHOD
    # The folder of stakeholder files, relative to the configuration file's folder.
    stakeholders_dir: str = "stakeholders"
    # The folder of the colleagues who may hold the calls (see `call_team`).
    callers_dir: str = "callers"
    # Where the generated pages go below the site's root.
    pages_dir: str = "stakeholders"
    # The generated pages' language as written (None: the theme's, see `language_for`).
    language: str | None = None
    # The pilot's name at the centre of the map (None: the site's name).
    pilot: str | None = None
    # The pilots of a handbook that runs several (see pilotbook.config.pilots); none:
    # the handbook runs one, named by `pilot`.
    pilots: tuple[Pilot, ...] = ()
    # With several pilots: the most pilots one person may be shortlisted or selected in
    # before `stakeholder-overloaded` warns.
    max_pilots_per_person: int = 2
    # `pilotbook check` warns about entries last reviewed longer ago than this.
    review_after_days: int = DEFAULT_REVIEW_DAYS
    # Who reads the site: team (everything but private fields) or intranet (everyone:
    # no answers, no names of pending or excluded people). PILOTBOOK_AUDIENCE overrides.
    audience: str = Audience.INTRANET
    # The decision board at the top of the home page.
    home_board: bool = True
    # Past this many internal stakeholders, the map and the shortlist show counts.
    summary_after: int = 150
    # Each rule's level by its problem code (see pilotbook.config.levels).
    levels: Levels = AS_THEY_ARE


DEFAULTS = PluginOptions()
# The options the method is made of (see `method_from_options`), checked there.
_METHOD_OPTIONS = ("disciplines", "questions", "phases", "grid", "call_team", "externals")
OPTION_NAMES = (*(f.name for f in fields(PluginOptions) if f.name != "method"), *_METHOD_OPTIONS)
# Options read by a reader of their own, which takes None for left out.
_READ_APART = (*_METHOD_OPTIONS, "levels", "pilots")
# Each option as it stands when it is left out: its default, or None for those read
# apart (whose readers supply the defaults). MkDocs' schema of the plugin is this.
WRITTEN_DEFAULTS: dict[str, Any] = {
    **{name: getattr(DEFAULTS, name) for name in OPTION_NAMES if name not in _READ_APART},
    **dict.fromkeys(_READ_APART),
}
# The longest review interval: ten years (a date further back is no review).
MAX_REVIEW_DAYS = 3650
MAX_SUMMARY_AFTER = 100_000
MAX_PILOTS = 1000


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


def _folder(value: Any) -> Any:
    return value if isinstance(value, str) and value.strip() and "\0" not in value else _WRONG


def _one_of(choices: tuple[str, ...], *, optional: bool = False) -> Callable[[Any], Any]:
    return lambda v: v if v in choices or (optional and v is None) else _WRONG


# Each option but the method's: its value from what is written (or `_WRONG`), and what
# it takes in words.
_RULES: dict[str, tuple[Callable[[Any], Any], str]] = {
    "stakeholders_dir": (_folder, "a folder name, relative to mkdocs.yml (such as 'stakeholders')"),
    "callers_dir": (_folder, "a folder name, relative to mkdocs.yml (such as 'callers')"),
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
    "max_pilots_per_person": (
        _whole(1, MAX_PILOTS),
        f"a whole number of pilots from 1 to {MAX_PILOTS:,}",
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
    language = language_for(checked.get("language"), theme_language)
    method_options = {key: options.get(key) for key in _METHOD_OPTIONS}
    method, wrong_in_method = method_from_options(method_options, path, locate, language)
    problems += wrong_in_method
    audience = checked.get("audience", DEFAULTS.audience)
    pilots, wrong_pilots = read_pilots(
        options.get("pilots"), method_options, path, locate, language, audience
    )
    # A pilot that takes a wrong option from the top reports it as the top does: once.
    problems += [p for p in wrong_pilots if p not in problems]
    levels, wrong_levels = read_levels(options.get("levels"), path, locate)
    problems += wrong_levels
    checked_options = dataclasses.replace(
        DEFAULTS, method=method, levels=levels, pilots=pilots, **checked
    )
    return checked_options, problems


def language_for(chosen: str | None, theme_language: Any) -> str:
    """The handbook's language: the option's, or else the theme's as the plugin takes
    it (nl when none is set, en for a language pilotbook does not speak)."""
    if chosen:
        return chosen
    if not theme_language:
        return DEFAULT_LANGUAGE
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
    language: str = DEFAULT_LANGUAGE
    # False when the configuration does not enable the plugin at all.
    enabled: bool = True
    problems: tuple[Problem, ...] = field(default=())

    @property
    def method(self) -> Method:
        return self.options.method

    @property
    def stakeholders_dir(self) -> str:
        return self.options.stakeholders_dir

    @property
    def callers_dir(self) -> str:
        return self.options.callers_dir


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
