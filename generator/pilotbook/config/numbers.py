"""Numbers in a configuration as MkDocs reads them: YAML 1.1, where `1:30` (base 60)
and `0777` are numbers too, forms that the round-trip reader (YAML 1.2) reads as text.
"""

from __future__ import annotations

from typing import Any

import yaml

from pilotbook.problems.problem import Position
from pilotbook.yaml.syntax import fits

_INT = "tag:yaml.org,2002:int"


def too_long_number(text: str) -> Position | None:
    """Where MkDocs' YAML reader finds a number in `text` that it cannot read or that
    has more digits than Python writes out (see `yaml.syntax.fits`), the first one;
    None for none.

    Only the node tree is made, not the values, so tags such as `!ENV` pass; an alias
    is walked once (the text is within `check_config_limits` already)."""
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    reader = yaml.SafeLoader("")
    pending: list[Any] = [root] if root is not None else []
    seen: set[int] = set()
    found: list[Position] = []
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _INT and not _readable(reader, node):
                found.append(Position(node.start_mark.line + 1, node.start_mark.column + 1))
        elif isinstance(node, yaml.MappingNode):
            pending.extend(item for pair in node.value for item in pair)
        else:
            pending.extend(node.value)
    return min(found, default=None)


def _readable(reader: yaml.SafeLoader, node: yaml.ScalarNode) -> bool:
    try:
        value = reader.construct_yaml_int(node)
    except ValueError:
        return False
    return not isinstance(value, int) or fits(value)
