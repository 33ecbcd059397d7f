"""The pilots of a handbook: each with its own name and method over one set of people.

A handbook runs one pilot, or several listed under `pilots:` in the plugin's options::

    plugins:
      - pilotbook:
          disciplines: [...]          # what a pilot leaves out, it takes from here
          pilots:
            - id: video
              name: Videobellen met klanten
            - id: chat
              name: Chatten met klanten
              disciplines: [...]      # its own

A person's identity (name, role, discipline) is the same in every pilot; each pilot
judges them by its own method. Without `pilots:` the handbook has one pilot, whose id
is `ONE_PILOT` and whose judgement of each person stands at the top of their file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from pilotbook.method.call_team import CallTeamPlan
from pilotbook.method.model import Method
from pilotbook.method.reading import Locate
from pilotbook.problems.problem import Position, Problem

# The one pilot of a handbook without `pilots:`: its judgement of each person is
# written at the top of the person's file.
ONE_PILOT = ""


@dataclass(frozen=True)
class Pilot:
    """One pilot: its id (a slug, or ONE_PILOT), its name, its method (with its call
    team) and the audience its pages are for."""

    id: str
    name: str
    method: Method
    audience: str
    # The configuration file and where the pilot's entry stands in it, for the
    # problems about the pilot as a whole.
    path: str = field(default="mkdocs.yml", compare=False, repr=False)
    locate: Locate | None = field(default=None, compare=False, repr=False)
    index: int = field(default=0, compare=False, repr=False)

    @property
    def call_team(self) -> CallTeamPlan | None:
        return self.method.call_team

    @property
    def listed(self) -> bool:
        """One of the pilots `pilots:` lists (not a handbook's one pilot)."""
        return self.id != ONE_PILOT

    @property
    def title(self) -> str:
        """How a message names the pilot: its name and its id."""
        return f"pilot '{self.name}' ({self.id})"

    def position(self) -> Position:
        """Where the pilot's entry under `pilots:` starts in the configuration."""
        if self.locate is None:
            return Position(1, 1)
        return self.locate(("pilots", self.index), False)

    def about(self, problems: Iterable[Problem]) -> tuple[Problem, ...]:
        """`problems` found in this pilot's judgement or screening, each message naming
        the pilot where the handbook has several (with one, as they are)."""
        if not self.listed:
            return tuple(problems)
        return tuple(p._replace(message=f"{self.title}: {p.message}") for p in problems)


def shared_method(method: Method, pilots: Iterable[Pilot]) -> Method:
    """The method a person's identity is read by: `method` with the disciplines of every
    pilot (in the order they are first listed), so that a person may belong to a
    discipline that only some pilots screen."""
    listed = [p for p in pilots if p.listed]
    if not listed:
        return method
    disciplines = {d.id: d for p in listed for d in p.method.disciplines}
    return dataclasses.replace(method, disciplines=tuple(disciplines.values()))
