"""The method's screening rules, per stakeholder and per discipline."""

from __future__ import annotations

import itertools

import pytest

from pilotbook.method.model import DEFAULT_METHOD
from pilotbook.records.stakeholders import Stakeholder
from pilotbook.screening.shortlist import Coverage, Status, assess, screen

NEEDED = {
    "impact": True,
    "expectations": True,
    "relationship": True,
    "replaceable": False,
    "appointed": False,
}
_ids = itertools.count()


def person(discipline: str = "legal", interview: str | None = None, **answers: bool | None):
    given = {**NEEDED, **answers}
    return Stakeholder(
        id=f"{discipline}/p{next(_ids)}",
        path="x.yml",
        name="P",
        discipline=discipline,
        answers=given,
        interview=interview,
    )


def test_all_answers_as_needed_shortlists():
    assert assess(person(), DEFAULT_METHOD).status is Status.SHORTLISTED


@pytest.mark.parametrize("question", list(NEEDED))
def test_one_answer_against_the_need_excludes(question):
    result = assess(person(**{question: not NEEDED[question]}), DEFAULT_METHOD)
    assert result.status is Status.EXCLUDED
    assert result.failed == (question,)


def test_failed_questions_are_listed_in_question_order():
    result = assess(person(appointed=True, impact=False, replaceable=True), DEFAULT_METHOD)
    assert result.failed == ("impact", "replaceable", "appointed")


def test_an_unanswered_question_leaves_the_stakeholder_pending():
    result = assess(person(relationship=None, appointed=None), DEFAULT_METHOD)
    assert result.status is Status.PENDING
    assert result.unanswered == ("relationship", "appointed")


def test_a_failed_answer_excludes_even_while_others_are_unanswered():
    result = assess(person(impact=None, appointed=True), DEFAULT_METHOD)
    assert result.status is Status.EXCLUDED
    assert result.failed == ("appointed",)
    assert result.unanswered == ()


def _coverage(*people: Stakeholder) -> Coverage:
    return screen(people, DEFAULT_METHOD).outcome("legal").status


def test_discipline_without_shortlisted_people_is_uncovered():
    assert _coverage() is Coverage.UNCOVERED
    assert _coverage(person(impact=False), person(impact=None)) is Coverage.UNCOVERED


def test_discipline_with_one_shortlisted_person_is_covered():
    assert _coverage(person(), person(impact=False)) is Coverage.COVERED


def test_several_shortlisted_and_none_selected_need_an_interview():
    assert _coverage(person(), person()) is Coverage.INTERVIEW
    assert _coverage(person(), person(interview="rejected")) is Coverage.INTERVIEW


def test_several_shortlisted_and_one_selected_is_decided():
    assert _coverage(person(), person(interview="selected")) is Coverage.DECIDED


def test_selection_of_an_excluded_person_does_not_decide():
    people = (person(), person(), person(interview="selected", impact=False))
    result = screen(people, DEFAULT_METHOD)
    assert result.outcome("legal").status is Coverage.INTERVIEW
    assert result.outcome("legal").selected == ()


def test_interview_outcome_on_someone_not_shortlisted_is_a_warning():
    excluded = person(interview="selected", impact=False)
    result = screen([excluded, person()], DEFAULT_METHOD)
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert warning.severity == "warning"
    assert "not shortlisted" in warning.message


def test_each_discipline_only_counts_its_own_people():
    result = screen([person("it"), person("legal"), person("legal")], DEFAULT_METHOD)
    statuses = {o.discipline.id: o.status for o in result.disciplines}
    assert statuses == {
        "marketing": Coverage.UNCOVERED,
        "sales": Coverage.UNCOVERED,
        "legal": Coverage.INTERVIEW,
        "facilities": Coverage.UNCOVERED,
        "it": Coverage.COVERED,
    }


def test_external_stakeholders_are_not_screened():
    customer = Stakeholder(id="klant", path="klant.yml", name="Klant", external="direct")
    result = screen([customer], DEFAULT_METHOD)
    assert "klant" not in result.assessments
    assert result.external_direct == (customer,)
    assert all(o.status is Coverage.UNCOVERED for o in result.disciplines)
