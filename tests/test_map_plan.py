"""What the map says, read from the HTML it makes (no browser): both drawings show the
same people under the same numbers, a phone names each discipline's chosen and
shortlisted, the legend explains exactly the shapes drawn, a count never looks like a
person's number, the key is grouped by discipline and outcome, and no status is cut
short."""

from __future__ import annotations

import dataclasses
import random
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from pilotbook.audience.view import View, publish
from pilotbook.method.model import DEFAULT_METHOD, Discipline, Wording
from pilotbook.method.wording import Labels
from pilotbook.records.stakeholders import Stakeholder
from pilotbook.screening.shortlist import Coverage, Status, screen
from pilotbook.site.map.drawing import MapLinks, draw_map
from pilotbook.site.map.plan import MOST_NUMBERED

QUESTIONS = list(DEFAULT_METHOD.questions)
LINKS = MapLinks(
    person=lambda person: f"people/{person.id}/",
    discipline=lambda ident, status: f"disciplines/{ident}/#pb-{status}",
    external=lambda kind: f"external/#pb-{kind}",
)


def handbook(count: int, chosen: int = 1, seed: int = 3, method=DEFAULT_METHOD) -> list:
    """`count` people over the method's disciplines, about a third each shortlisted,
    pending and excluded, one in twenty external; in each discipline up to `chosen`
    of the shortlisted were chosen after an interview."""
    rng = random.Random(seed)
    people = []
    picked: dict[str, int] = {}
    for index in range(count):
        ident = f"p{index:05d}"
        if rng.random() < 0.05:
            kind = rng.choice(["direct", "indirect"])
            people.append(Stakeholder(ident, ident, f"Extern {index}", external=kind))
            continue
        answers: dict[str, bool | None] = {q.id: q.needed for q in QUESTIONS}
        draw = rng.random()
        if draw > 0.66:
            answers[QUESTIONS[0].id] = not QUESTIONS[0].needed
        elif draw > 0.33:
            answers[QUESTIONS[1].id] = None
        discipline = method.disciplines[index % len(method.disciplines)].id
        person = Stakeholder(
            ident, ident, f"Persoon {index}", discipline=discipline, answers=answers
        )
        if draw <= 0.33 and picked.get(discipline, 0) < chosen:
            picked[discipline] = picked.get(discipline, 0) + 1
            person = replace(person, interview="selected")
        people.append(person)
    return people


def view_of(count: int, audience: str = "team", **options) -> View:
    method = options.get("method", DEFAULT_METHOD)
    return publish(screen(handbook(count, **options), method), audience)


def counted(view: View) -> tuple[Status, ...]:
    return (Status.PENDING, Status.EXCLUDED) if view.public else ()


def tree(view: View) -> ET.Element:
    """The map's HTML as a tree, the SVG's namespace left off its tags."""
    html = draw_map(view, "Pilot", "nl", LINKS, counted(view))
    root = ET.fromstring(f"<figure>{html}</figure>")
    for element in root.iter():
        element.tag = element.tag.rpartition("}")[2]
    return root


def drawing(root: ET.Element, ident: str) -> ET.Element:
    (svg,) = [svg for svg in root.iter("svg") if ident in svg.get("class", "").split()]
    return svg


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def numbered(svg: ET.Element) -> dict[int, str]:
    """Each number on a drawing, and the name of the person it stands for."""
    found = {}
    for link in svg.iter("a"):
        if "pb-person" in classes(link):
            (number,) = [t for t in link.iter("text") if "pb-number" in classes(t)]
            found[int(number.text or "")] = link.get("aria-label", "").split(":")[0]
    return found


def key_groups(root: ET.Element) -> dict[str, dict[str, list[tuple[int | None, str]]]]:
    """The key: per group's heading, per outcome's line, the (number, name) it names."""
    groups: dict[str, dict[str, list[tuple[int | None, str]]]] = {}
    for section in root.iter("section"):
        head, *rest = list(section)
        title = "".join(head.itertext()).split(" · ")[0]
        lines: dict[str, list[tuple[int | None, str]]] = {}
        line = ""
        for element in rest:
            if element.tag == "p":
                line = "".join(element.itertext()).strip()
                lines[line] = []
            else:
                lines.setdefault(line, []).extend(
                    (int(li.get("value") or 0) or None, "".join(li.itertext()))
                    for li in element.iter("li")
                )
        groups[title] = lines
    return groups


@pytest.mark.parametrize("audience", ["team", "intranet"])
@pytest.mark.parametrize("size", [40, 118, 1000])
def test_a_phone_names_each_discipline_s_chosen_and_shortlisted(size, audience):
    """On a phone the map showed one total per discipline. Now its drawing names each
    discipline's chosen and shortlisted by number where they fit, and the key under it
    names every one of them, grouped by discipline, under the same number."""
    view = view_of(size, audience)
    root = tree(view)
    narrow = numbered(drawing(root, "pb-map-narrow"))
    groups = key_groups(root)
    for outcome in view.disciplines:
        label = outcome.discipline.label("nl")
        named = {name for line in groups[label].values() for _, name in line}
        shortlisted = {o.stakeholder.name for o in outcome.shortlist}
        assert shortlisted <= named, label
        for line in groups[label].values():
            for number, name in line:
                assert number is None or narrow[number] == name
        chosen = [o.stakeholder.name for o in outcome.shortlist if o.selected]
        assert set(chosen) <= set(narrow.values())  # the chosen are always drawn
        if outcome.pending_count and view.public:
            assert not {o.stakeholder.name for o in outcome.pending} & named
    if size == 40:  # a handbook this size is drawn person by person, on a phone too
        assert len(narrow) == len(view.stakeholders)


@pytest.mark.parametrize("size", [40, 1000])
def test_the_chosen_come_first_in_their_discipline_and_are_marked(size):
    view = view_of(size, chosen=2)
    root = tree(view)
    for ident in ("pb-map", "pb-map-narrow"):
        svg = drawing(root, ident)
        people = [a for a in svg.iter("a") if "pb-person" in classes(a)]
        chosen = [a for a in people if a.get("data-shape") == "selected"]
        assert len(chosen) == sum(len(d.selected) for d in view.disciplines) > 0
        for link in chosen:  # a ring round the chosen, on every drawing
            assert [c for c in link.iter("circle") if "pb-selected-ring" in classes(c)]
    groups = key_groups(root)
    for outcome in view.disciplines:
        first = next(iter(groups[outcome.discipline.label("nl")]))
        assert first.endswith("Gekozen na gesprek")


@pytest.mark.parametrize("audience", ["team", "intranet"])
@pytest.mark.parametrize("size", [0, 10, 40, 118, 1000, 4000])
def test_the_legend_names_exactly_the_shapes_drawn(size, audience):
    root = tree(view_of(size, audience))
    legend = {
        li.get("data-shape")
        for ul in root.iter("ul")
        for li in ul
        if "pb-map-legend" in classes(ul)
    }
    for ident in ("pb-map", "pb-map-narrow"):
        drawn = {e.get("data-shape") for e in drawing(root, ident).iter() if e.get("data-shape")}
        assert drawn == legend, (size, ident)
    if size >= 1000 and audience == "team":  # the test sees counts, not only people
        assert "count-shortlisted" in legend
    if size >= 4000:
        assert "count-external" in legend


@pytest.mark.parametrize("size", [10, 118, 1000])
def test_a_count_never_looks_like_a_person_s_number(size):
    """A person's shape holds their number; a count is a stack of two shapes holding a
    times sign and its number, so "12" always names a person in the key."""
    root = tree(view_of(size))
    for ident in ("pb-map", "pb-map-narrow"):
        svg = drawing(root, ident)
        for link in svg.iter():
            if "pb-count" in classes(link):
                (text,) = [t for t in link.iter("text") if "pb-count-number" in classes(t)]
                assert re.fullmatch("\u00d7[0-9]+", text.text or "")
                assert [c for c in link.iter("circle") if "pb-stack" in classes(c)]
            if "pb-person" in classes(link):
                (text,) = [t for t in link.iter("text") if "pb-number" in classes(t)]
                assert re.fullmatch(r"\d{1,2}", text.text or "")
                assert not [c for c in link.iter("circle") if "pb-stack" in classes(c)]


@pytest.mark.parametrize("audience", ["team", "intranet"])
def test_a_count_in_the_key_reads_times_its_number_then_what_it_counts(audience):
    """A count's line in the key ran its words into its number ("75op de shortlist",
    after the times sign)."""
    view = view_of(1000, audience)
    lines = [
        line
        for lines in key_groups(tree(view)).values()
        for line in lines
        if line.startswith("\u00d7")
    ]
    assert lines
    t = Labels("nl")
    words = {t[s].lower() for s in Status}
    for line in lines:
        number, _, rest = line.partition(" ")
        assert re.fullmatch("\u00d7[0-9]+", number), line
        what = rest.split("·")[0].strip()  # then " · de lijst", a link to the list
        assert what in words or what.startswith("(") or not what, line


@pytest.mark.parametrize("size", [118, 1000])
def test_from_about_a_hundred_people_the_key_is_grouped_not_one_flat_list(size):
    view = view_of(size)
    root = tree(view)
    groups = key_groups(root)
    expected = [d.discipline.label("nl") for d in view.disciplines]
    expected += [
        k
        for k, people in (
            ("Extern, direct", view.external_direct),
            ("Extern, indirect", view.external_indirect),
        )
        if people
    ]
    assert list(groups) == expected
    wide = numbered(drawing(root, "pb-map"))
    assert 0 < len(wide) <= MOST_NUMBERED
    listed = [
        (n, name) for lines in groups.values() for line in lines.values() for n, name in line if n
    ]
    assert sorted(listed) == sorted(wide.items())  # every number once, under its group
    for lines in groups.values():  # each group's outcomes in the map's order
        order = [
            next(s for s in ("Gekozen", "shortlist", "beoordeeld", "fgevallen", "") if s in line)
            for line in lines
        ]
        ranks = [("Gekozen", "shortlist", "beoordeeld", "fgevallen", "").index(s) for s in order]
        assert ranks == sorted(ranks)


def test_no_status_and_no_discipline_is_cut_short_on_a_phone():
    """The phone's onion cut "Niet gedekt" to "Niet ged…". Its bands wrap a heading
    instead, however long the discipline's name."""
    long_name = "Juridische zaken, compliance, privacy en informatiebeveiliging van de bank"
    empty = Discipline("facilities2", Wording("Huisvesting en gebouwbeheer", "Housing"))
    method = dataclasses.replace(
        DEFAULT_METHOD,
        disciplines=(
            Discipline("legal", Wording(long_name, long_name)),
            *DEFAULT_METHOD.disciplines[1:],
            empty,  # nobody in it: uncovered
        ),
    )
    view = publish(screen(handbook(30), method), "team")
    statuses = {outcome.status for outcome in view.disciplines}
    assert Coverage.UNCOVERED in statuses and len(statuses) > 1
    svg = drawing(tree(view), "pb-map-narrow")
    texts = [
        "".join(t.itertext())
        for t in svg.iter("text")
        if classes(t) & {"pb-discipline", "pb-discipline-status"}
    ]
    assert not [t for t in texts if "…" in t]
    joined = " ".join(texts)
    t = Labels("nl")
    for outcome in view.disciplines:
        assert outcome.discipline.label("nl") in joined
        assert t[outcome.status] in joined
