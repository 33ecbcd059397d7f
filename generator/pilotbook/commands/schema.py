"""`pilotbook schema [KIND]`: the JSON Schema of a kind's files (a stakeholder's, by
default), for editors and CI."""

from __future__ import annotations

import argparse
import sys

from pilotbook.commands.handbook import find
from pilotbook.records.kinds import KINDS
from pilotbook.records.schema import schema_text

KIND_NAMES = tuple(kind.plural for kind in KINDS)


def run(args: argparse.Namespace) -> int:
    kind = KINDS[KIND_NAMES.index(args.kind)]
    sys.stdout.write(schema_text(kind, find(args).handbook.method))
    return 0
