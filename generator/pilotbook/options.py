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

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pilotbook.codes import Code
from pilotbook.method import DEFAULT_METHOD, LANGUAGES, Method, method_from_options
from pilotbook.problems import Position, Problem, Severity
from pilotbook.yamlsource import KeyPath, YamlDocument, YamlSyntaxError, decode, parse

PLUGIN = "pilotbook"
DEFAULT_STAKEHOLDERS_DIR = "stakeholders"


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
        document = parse(decode(raw))
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
