"""A handbook's configuration text, held to a stakeholder file's limits before anything
reads it.

MkDocs reads `mkdocs.yml` for a build and logs every setting written out; `diff` reads
an older revision's copy from git. A few lines of aliases (`*name`) can repeat billions
of values, and every log line or message that prints one writes out each copy. So the
text is checked first, from YAML's events alone, and refused with its place.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position
from pilotbook.yaml.plain import MAX_BYTES, MAX_DEPTH
from pilotbook.yaml.syntax import YamlSyntaxError

# A configuration is read within the limits of a stakeholder file (see `plain`): its
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
