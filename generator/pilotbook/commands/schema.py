"""`pilotbook schema`: the JSON Schema of a stakeholder file, for editors and CI."""

from __future__ import annotations

import argparse
import sys

from pilotbook.commands.handbook import find
from pilotbook.records.stakeholders import schema_text


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_text(find(args).handbook.method))
    return 0
