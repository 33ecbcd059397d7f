"""`pilotbook report`: the screening result, as an audience sees it, in Markdown, JSON
or CSV."""

from __future__ import annotations

import argparse
import sys

from pilotbook.audience.view import publish
from pilotbook.commands.handbook import find
from pilotbook.config.handbook import screening_or_raise
from pilotbook.review.report import render


def run(args: argparse.Namespace) -> int:
    handbook = find(args).handbook
    result = screening_or_raise(handbook)
    view = publish(result.screening, args.audience)
    sys.stdout.write(render(view, handbook.language, args.format))
    return 0
