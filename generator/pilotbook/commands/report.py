"""`pilotbook report`: the screening result, as an audience sees it, in Markdown, JSON
or CSV: each pilot's, where the handbook has several."""

from __future__ import annotations

import argparse
import sys

from pilotbook.audience.view import publish
from pilotbook.commands.handbook import find
from pilotbook.config.screened import screening_or_raise
from pilotbook.problems.problem import HandbookError, refusal
from pilotbook.review.pilots_report import render_pilots
from pilotbook.review.report import render


def run(args: argparse.Namespace) -> int:
    try:
        handbook = find(args).handbook
        result = screening_or_raise(handbook)
    except HandbookError as error:
        # The output is the format's document all the same, holding what stopped it.
        sys.stdout.write(refusal(error.problems, args.format, "report"))
        raise
    if handbook.several_pilots:
        views = [(pilot, publish(screening, args.audience)) for pilot, screening in result.pilots]
        sys.stdout.write(render_pilots(views, handbook.language, args.format))
        return 0
    view = publish(result.screening, args.audience)
    sys.stdout.write(render(view, handbook.language, args.format))
    return 0
