"""A configuration and the files it inherits from, each within a configuration's limits.

MkDocs reads the file a configuration names under `INHERIT` (relative to its own
folder), the file that one names, and so on, and merges them. An alias bomb in an
inherited file is as large as one in `mkdocs.yml`, so every file of the chain is held
to `check_config_limits` before MkDocs reads it (the commands) or makes anything of
it (the plugin), and `diff` follows the chain in a revision the same way.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Position, Problem, Severity
from pilotbook.yaml.limits import MAX_CONFIG_BYTES, check_config_limits, config_too_large
from pilotbook.yaml.source import decode
from pilotbook.yaml.syntax import YamlSyntaxError

# The files one configuration may be made of: itself and those it inherits from.
MAX_CONFIG_FILES = 10

# A file's bytes by its path (None where there is no such file); may raise
# `HandbookError` for a file that cannot be read as a configuration.
Read = Callable[[PurePosixPath], bytes | None]


@dataclass(frozen=True)
class ConfigFile:
    """One file of a configuration's chain: as messages name it, and its bytes."""

    shown: str
    raw: bytes
    # The top-level keys it sets (`plugins`, `theme`, ...).
    keys: frozenset[str]


def config_chain(first: PurePosixPath, read: Read, prefix: str = "") -> list[ConfigFile]:
    """The configuration at `first` and each file it inherits from, nearest first, each
    within `check_config_limits`; messages name a file `prefix` + its path.

    Raises `HandbookError` with the located problem of the first file out of bounds,
    or for a chain that goes round or is longer than `MAX_CONFIG_FILES`. A file that
    does not exist ends the chain: MkDocs says what is wrong with it."""
    chain: list[ConfigFile] = []
    path, seen = first, {first}
    while (raw := read(path)) is not None:
        shown = f"{prefix}{path}"
        try:
            if len(raw) > MAX_CONFIG_BYTES:
                raise YamlSyntaxError(Position(), config_too_large(len(raw)), Code.CONFIG_LIMIT)
            text = decode(raw)
            check_config_limits(text)
        except YamlSyntaxError as error:
            raise _refused(shown, error.position, error.message) from None
        keys, inherited = _top_level(text)
        chain.append(ConfigFile(shown, raw, frozenset(keys)))
        if inherited is None:
            break
        target, where = inherited
        path = PurePosixPath(posixpath.normpath((path.parent / target).as_posix()))
        if path in seen:
            raise _refused(
                shown,
                where,
                f"INHERIT names {target}, which inherits from this file in turn: "
                "remove one of the INHERIT lines",
            )
        if len(chain) >= MAX_CONFIG_FILES:
            raise _refused(
                shown,
                where,
                f"the configuration inherits from more than {MAX_CONFIG_FILES - 1} "
                "files, more than pilotbook reads: merge some of them",
            )
        seen.add(path)
    return chain


def check_config_chain(config_file: Path, shown: str) -> None:
    """`config_chain` for a configuration file on disk, named `shown` in messages."""
    folder = config_file.parent

    def read(path: PurePosixPath) -> bytes | None:
        try:
            with open(folder / path, "rb") as file:
                return file.read(MAX_CONFIG_BYTES + 1)
        except OSError:
            return None  # MkDocs says what is wrong with a file it cannot read

    shown_folder = posixpath.dirname(shown)
    prefix = f"{shown_folder}/" if shown_folder else ""
    config_chain(PurePosixPath(config_file.name), read, prefix)


def _top_level(text: str) -> tuple[list[str], tuple[str, Position] | None]:
    """The top-level keys of a configuration, and what `INHERIT` names (and where),
    from YAML's node tree: nothing is built, so no tag is resolved."""
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return [], None  # reading it says what is wrong
    finally:
        loader.dispose()
    if not isinstance(root, yaml.MappingNode):
        return [], None
    keys, inherited = [], None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode):
            keys.append(key.value)
            if key.value == "INHERIT" and isinstance(value, yaml.ScalarNode):
                mark = value.start_mark
                inherited = (value.value, Position(mark.line + 1, mark.column + 1))
    return keys, inherited


def _refused(shown: str, position: Position, message: str) -> HandbookError:
    return HandbookError([Problem(shown, position, Severity.ERROR, message, Code.CONFIG_LIMIT)])
