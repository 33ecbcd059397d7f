"""The `pilots:` option: the pilots of a handbook that runs several over one set of people.

    plugins:
      - pilotbook:
          disciplines: [...]            # what every pilot screens, unless it says
          pilots:
            - id: video                 # a slug: lower-case letters, digits, '-'
              name: Videobellen met klanten
            - id: chat
              name: Chatten met klanten
              disciplines: [...]        # its own; also questions, phases, grid,
              audience: team            # call_team and audience

Each entry is checked where it stands in mkdocs.yml, as every other option is; what a
pilot leaves out it takes from the options at the top. See `pilotbook.method.pilots`
for what a pilot is.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from typing import Any

from pilotbook.audience.view import AUDIENCES
from pilotbook.method.model import method_from_options
from pilotbook.method.pilots import Pilot
from pilotbook.method.reading import Locate
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Position, Problem, Severity
from pilotbook.yaml.syntax import KeyPath

OPTION = "pilots"
# The method's options a pilot may give its own (externals are the handbook's).
PILOT_METHOD_OPTIONS = ("disciplines", "questions", "phases", "grid", "call_team")
PILOT_KEYS = ("id", "name", *PILOT_METHOD_OPTIONS, "audience")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")
# The pages the pilots share stand beside the pilots' folders: no pilot may take their
# names (see pilotbook.site.pilots).
SHARED_PAGES = ("people", "portfolio")
_EXAMPLE = "'- {id: chat, name: Chatten met klanten}'"


def read_pilots(
    given: Any,
    method_options: Mapping[str, Any],
    path: str,
    locate: Locate,
    language: str,
    audience: str,
) -> tuple[tuple[Pilot, ...], list[Problem]]:
    """The pilots `pilots:` lists (none where it is not written), each with its method:
    its own options where it gives them, else `method_options` (those at the top). A
    pilot takes the handbook's `audience` unless it names its own."""
    problems: list[Problem] = []

    def wrong(where: KeyPath, message: str, *, key: bool = False) -> None:
        problems.append(
            Problem(path, locate(where, key), Severity.ERROR, message, Code.INVALID_OPTION)
        )

    if given is None:
        return (), problems
    if not isinstance(given, list) or not given:
        wrong(
            (OPTION,),
            f"'{OPTION}' must be a non-empty list of pilots, each a mapping with an 'id' and "
            f"a 'name', such as {_EXAMPLE}",
        )
        return (), problems
    seen: dict[str, int] = {}
    pilots = []
    for index, entry in enumerate(given):
        where: KeyPath = (OPTION, index)
        if not isinstance(entry, Mapping):
            wrong(where, f"each entry of '{OPTION}' must be a mapping with an 'id' and a 'name'")
            continue
        for key in entry:
            if key not in PILOT_KEYS:
                close = difflib.get_close_matches(str(key), PILOT_KEYS, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "it is not one"
                wrong(
                    (*where, key),
                    f"unknown key '{key}' of a pilot: {hint} (a pilot's keys are "
                    f"{', '.join(PILOT_KEYS)})",
                    key=True,
                )
        ident = _identifier(entry, where, seen, wrong)
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            wrong(
                (*where, "name") if name is not None else where,
                "a pilot needs a 'name', a text: what its pages are titled with, such as "
                "'name: Chatten met klanten'",
                key=name is None,
            )
        chosen = entry.get("audience", audience)
        if chosen not in AUDIENCES:
            wrong((*where, "audience"), f"a pilot's 'audience' must be {' or '.join(AUDIENCES)}")
        own = {key: entry[key] for key in PILOT_METHOD_OPTIONS if key in entry}
        method, wrong_method = method_from_options(
            {**method_options, **own}, path, _within(locate, index, own), language
        )
        problems += wrong_method
        if ident and isinstance(name, str) and name.strip() and chosen in AUDIENCES:
            pilots.append(Pilot(ident, name.strip(), method, chosen, path, locate, index))
    return tuple(pilots), problems


def _identifier(entry: Mapping[str, Any], where: KeyPath, seen: dict[str, int], wrong: Any) -> str:
    """The entry's id, or "" where it is no slug or another pilot has it."""
    ident = entry.get("id")
    if not isinstance(ident, str) or not SLUG.match(ident):
        shown = (
            f"'{ident}'"
            if isinstance(ident, str)
            else "nothing"
            if ident is None
            else f"{ident!r}, which YAML reads as no text (put it in quotes)"
        )
        wrong(
            (*where, "id") if "id" in entry else where,
            "a pilot's 'id' must be a slug of lower-case letters, digits and single '-' "
            f"(such as 'chat' or 'video-id'), not {shown}: it names the pilot in every "
            "stakeholder file",
            key="id" not in entry,
        )
        return ""
    if ident in SHARED_PAGES:
        wrong(
            (*where, "id"),
            f"pilot id '{ident}' names the pages the pilots share ({', '.join(SHARED_PAGES)}), "
            "beside the folder of each pilot's pages: give the pilot another id",
        )
        return ""
    if ident in seen:
        wrong(
            (*where, "id"),
            f"pilot id '{ident}' is used twice (entry {seen[ident] + 1} of '{OPTION}' has "
            "it too): give each pilot its own id",
        )
        return ""
    seen[ident] = where[1]  # type: ignore[assignment]
    return ident


def _within(locate: Locate, index: int, own: Mapping[str, Any]) -> Locate:
    """Where the options of the pilot at `index` stand: its own under its entry, those
    it takes from the top at the top."""

    def located(where: KeyPath, key: bool = False) -> Position:
        if where and where[0] in own:
            return locate((OPTION, index, *where), key)
        return locate(where, key)

    return located


def not_yet_for_several(
    pilots: tuple[Pilot, ...], display: Callable[[str], str], what: str
) -> None:
    """Refuse `what` (`diff`) for a handbook with several `pilots`, which this version
    reads and builds but does not compare yet: one located error at `pilots:` in the
    configuration, rather than a comparison of one pilot alone."""
    if not pilots:
        return
    first = pilots[0]
    where = first.locate((OPTION,), True) if first.locate is not None else Position(1, 1)
    message = (
        f"{what} of a handbook with several pilots comes in a later version of pilotbook: "
        "'pilotbook check' and 'pilotbook report' read this handbook already"
    )
    problem = Problem(display(first.path), where, Severity.ERROR, message, Code.INVALID_OPTION)
    raise HandbookError([problem])
