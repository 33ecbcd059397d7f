"""The screening method as data: the disciplines, the five screening questions, the
phases, and the words for the external kinds (`pilotbook.method.externals`).

The defaults restate the method: five disciplines cover the internal organisation,
and five questions bring each discipline's long list back to a shortlist. A handbook
may override both in the plugin's options in `mkdocs.yml`::

    plugins:
      - pilotbook:
          disciplines:
            - id: legal
              label: {nl: Juridisch en compliance, en: Legal and compliance}
          questions:
            - id: impact
              text: {nl: Heeft de stakeholder invloed op de uitkomst?, en: ...}
              needed: yes
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pilotbook.method.call_team import CallTeamPlan, read_call_team
from pilotbook.method.externals import DEFAULT_EXTERNALS, ExternalKind, read_externals
from pilotbook.method.reading import Locate, OptionReader, Wording
from pilotbook.problems.problem import Problem

_YES = {"yes", "ja", "true"}
_NO = {"no", "nee", "false"}
_NOT_ANSWERED = {"", "?", "unknown"}
ANSWER_SPELLINGS = "yes/no, ja/nee, true/false, or unknown/? for not answered yet"


class InvalidAnswer(ValueError):
    pass


def parse_answer(value: Any) -> bool | None:
    """An answer to a screening question: True, False, or None for not answered yet."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
        if word in _NOT_ANSWERED:
            return None
    raise InvalidAnswer(value)


@dataclass(frozen=True)
class Discipline:
    id: str
    label: Wording


@dataclass(frozen=True)
class Question:
    """A screening question and the answer a stakeholder needs to be shortlisted."""

    id: str
    text: Wording
    short: Wording
    needed: bool
    # Why a stakeholder is excluded when the answer differs, in words.
    failed: Wording


@dataclass(frozen=True)
class Phase:
    """A phase of the pilot in which a stakeholder takes part at some level."""

    id: str
    label: Wording


# The participation spectrum of IAP2, from taking no part to deciding, in order.
LEVELS = ("none", "inform", "consult", "involve", "collaborate", "empower")
# Influence and interest on the grid.
HIGH_LOW = ("high", "low")


@dataclass(frozen=True)
class Grid:
    """Which screening questions give influence and interest their default.

    Influence matches 'impact on the outcome', interest 'a lively relation and a high
    contribution': yes gives high, no gives low; an explicit value in a file wins."""

    influence: str | None = "impact"
    interest: str | None = "relationship"


@dataclass(frozen=True)
class Method:
    disciplines: tuple[Discipline, ...]
    questions: tuple[Question, ...]
    phases: tuple[Phase, ...] = ()
    grid: Grid = Grid()
    # How the colleagues who hold the calls are chosen; None: no call team.
    call_team: CallTeamPlan | None = None
    # The external kinds, direct and indirect: their labels and guidance.
    externals: tuple[ExternalKind, ...] = DEFAULT_EXTERNALS
    # Ids of disciplines, questions and phases that the configuration had before and
    # has renamed, each with the id it has now: what `check` read from git, so that a
    # file that still names the old id is told the new one. Not part of the method.
    renamed: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def discipline(self, discipline_id: str) -> Discipline:
        return next(d for d in self.disciplines if d.id == discipline_id)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def external(self, kind: str) -> ExternalKind:
        return next(e for e in self.externals if e.id == kind)

    # Asked for once per stakeholder file: each worked out once.
    @functools.cached_property
    def discipline_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.disciplines)

    @functools.cached_property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)

    @functools.cached_property
    def phase_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.phases)

    def labels(self, ids: tuple[str, ...]) -> dict[str, Wording]:
        """The labels of `ids` when they are the disciplines, questions (their short
        label) or phases of the method, or some of them; empty otherwise."""
        for named in (
            {d.id: d.label for d in self.disciplines},
            {q.id: q.short for q in self.questions},
            {p.id: p.label for p in self.phases},
        ):
            if ids and all(ident in named for ident in ids):
                return {ident: named[ident] for ident in ids}
        return {}


DEFAULT_DISCIPLINES = (
    Discipline("marketing", Wording("Marketing", "Marketing")),
    Discipline("sales", Wording("Sales", "Sales")),
    Discipline("legal", Wording("Juridisch en compliance", "Legal and compliance")),
    Discipline("facilities", Wording("Facilitair", "Facilities")),
    Discipline("it", Wording("IT", "IT")),
)

DEFAULT_QUESTIONS = (
    Question(
        "impact",
        Wording(
            "Heeft de stakeholder invloed op de uitkomst van de pilot?",
            "Does the stakeholder have impact on the outcome of the pilot?",
        ),
        Wording("Invloed op de uitkomst", "Impact on the outcome"),
        True,
        Wording(
            "Deze stakeholder heeft geen invloed op de uitkomst.",
            "This stakeholder has no impact on the outcome.",
        ),
    ),
    Question(
        "expectations",
        Wording(
            "Kun je duidelijk zeggen wat je van de stakeholder verwacht?",
            "Can you state clearly what you expect from the stakeholder?",
        ),
        Wording("Verwachting is helder", "Clear expectation"),
        True,
        Wording(
            "We kunnen niet helder zeggen wat we van deze stakeholder verwachten.",
            "We cannot say clearly what we expect from this stakeholder.",
        ),
    ),
    Question(
        "relationship",
        Wording(
            "Is je relatie met de stakeholder levendig en is de verwachte bijdrage hoog?",
            "Is your relationship with the stakeholder lively, and is their expected "
            "contribution high?",
        ),
        Wording("Levendige relatie, hoge bijdrage", "Lively relation, high contribution"),
        True,
        Wording(
            "De relatie is niet levendig, of de verwachte bijdrage is laag.",
            "The relationship is not lively, or the expected contribution is low.",
        ),
    ),
    Question(
        "replaceable",
        Wording(
            "Kan de pilot zonder deze stakeholder, of is die makkelijk te vervangen?",
            "Could the pilot do without them, or are they easy to replace?",
        ),
        Wording("Vervangbaar", "Replaceable"),
        False,
        Wording(
            "De pilot kan zonder deze stakeholder, of die is makkelijk te vervangen.",
            "The pilot can do without this stakeholder, or they are easy to replace.",
        ),
    ),
    Question(
        "appointed",
        Wording(
            "Is de stakeholder al via een andere weg aangewezen, bijvoorbeeld door het "
            "managementteam of je eigen manager?",
            "Has the stakeholder already been appointed by another route, for example by "
            "the management team or your own manager?",
        ),
        Wording("Al aangewezen", "Already appointed"),
        False,
        Wording(
            "Deze stakeholder is al via een andere weg aangewezen.",
            "This stakeholder has already been appointed by another route.",
        ),
    ),
)

DEFAULT_PHASES = (
    Phase("setup", Wording("Opzetten", "Setup")),
    Phase("execution", Wording("Uitvoeren", "Execution")),
    Phase("evaluation", Wording("Evalueren", "Evaluation")),
)

DEFAULT_METHOD = Method(DEFAULT_DISCIPLINES, DEFAULT_QUESTIONS, DEFAULT_PHASES)


def method_from_options(
    options: Mapping[str, Any], path: str, locate: Locate, language: str = "nl"
) -> tuple[Method, list[Problem]]:
    """Build the method from plugin options, falling back to the defaults per option.

    Texts need the handbook's `language`; the other language falls back to it."""
    reader = OptionReader(path, locate, language)
    disciplines = DEFAULT_DISCIPLINES
    questions = DEFAULT_QUESTIONS
    phases = DEFAULT_PHASES
    if options.get("phases") is not None:
        phases = tuple(Phase(*named) for named in reader.labelled(options, "phases"))
    if options.get("disciplines") is not None:
        disciplines = tuple(Discipline(*named) for named in reader.labelled(options, "disciplines"))
    if options.get("questions") is not None:
        seen: set[str] = set()
        parsed_q = []
        for where, item in reader.items(options, "questions"):
            reader.unknown_keys(where, item, ("id", "text", "short", "needed", "failed"))
            ident = reader.identifier(where, item, seen)
            text = reader.wording(where, item, "text", default=None)
            short = reader.wording(where, item, "short", default=ident or "?")
            try:
                needed = parse_answer(item.get("needed"))
            except InvalidAnswer:
                needed = None
            if needed is None:
                reader.error(
                    (*where, "needed") if "needed" in item else where,
                    "'needed' must say which answer a stakeholder needs: yes or no",
                )
            failed = (
                reader.wording(where, item, "failed", default=None)
                if "failed" in item
                else (
                    Wording(
                        f"Het antwoord op '{text.nl}' is niet {'ja' if needed else 'nee'}.",
                        f"The answer to '{text.en}' is not {'yes' if needed else 'no'}.",
                    )
                )
            )
            if ident and needed is not None:
                parsed_q.append(Question(ident, text, short, needed, failed))
        questions = tuple(parsed_q)
    grid = _grid(reader, options.get("grid"), tuple(q.id for q in questions))
    call_team = read_call_team(reader, options.get("call_team"))
    externals = read_externals(reader, options.get("externals"))
    return Method(disciplines, questions, phases, grid, call_team, externals), reader.problems


def _grid(reader: OptionReader, given: Any, question_ids: tuple[str, ...]) -> Grid:
    """The `grid` option: which question gives influence, and which interest, their
    default; a question the method does not have is an error, `null` means none."""
    if given is None:
        default = Grid()
        return Grid(
            default.influence if default.influence in question_ids else None,
            default.interest if default.interest in question_ids else None,
        )
    if not isinstance(given, Mapping):
        reader.error(
            ("grid",),
            "'grid' must be a mapping such as {influence: impact, interest: relationship}",
        )
        return Grid(None, None)
    reader.unknown_keys(("grid",), given, ("influence", "interest"))
    chosen: dict[str, str | None] = {}
    for axis, default in (("influence", Grid.influence), ("interest", Grid.interest)):
        value = given.get(axis, default if default in question_ids else None)
        if value is not None and value not in question_ids:
            reader.error(
                ("grid", axis),
                f"'grid: {axis}' names the question '{value}', which the method does not "
                f"have: use one of {', '.join(question_ids)}, or null for no default",
            )
            value = None
        chosen[axis] = value
    return Grid(chosen["influence"], chosen["interest"])
