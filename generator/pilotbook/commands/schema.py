"""`pilotbook schema [KIND]`: the JSON Schema of a kind's files (a stakeholder's, by
default), for editors and CI: in a handbook with several pilots, each pilot's judgement
under `pilots: <id>:`."""

from __future__ import annotations

import argparse
import sys

from pilotbook.commands.handbook import find
from pilotbook.records.kinds import KINDS
from pilotbook.records.schema import schema_text

KIND_NAMES = tuple(kind.plural for kind in KINDS)


def run(args: argparse.Namespace) -> int:
    kind = KINDS[KIND_NAMES.index(args.kind)]
    handbook = find(args).handbook
    sys.stdout.write(schema_text(kind, handbook.shared_method, handbook.listed_pilots))
    return 0
