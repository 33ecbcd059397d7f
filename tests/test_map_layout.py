"""The map's geometry, without a browser: no shape overlaps another or a label, at any
size, on the onion or the phone's bands; a sector too full to draw shows counts; a
bigger count is a bigger bubble."""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import replace

import pytest

from pilotbook.audience.view import View, publish
from pilotbook.method.model import DEFAULT_METHOD
from pilotbook.records.stakeholders import Stakeholder
from pilotbook.screening.shortlist import Status, screen
from pilotbook.site.map.bands import PAD
from pilotbook.site.map.canvas import CANVASES, FONT, GAP, LINE, NARROW, NODE, WIDE, bubble_min
from pilotbook.site.map.layout import layout_map
from pilotbook.site.map.placement import Region, place
from pilotbook.site.map.shapes import Layout

QUESTIONS = [q for q in DEFAULT_METHOD.questions]


def synthetic(count: int, seed: int = 7, externals: float = 0.1, audience: str = "team") -> View:
    """`count` stakeholders over the five disciplines, a third each shortlisted,
    pending and excluded, and a share of them external."""
    rng = random.Random(seed)
    people = []
    for index in range(count):
        ident = f"p{index:05d}"
        draw = rng.random()
        if draw < externals / 3:
            people.append(Stakeholder(ident, ident, f"Klant {index}", external="direct"))
            continue
        if draw < externals:
            people.append(Stakeholder(ident, ident, f"Omgeving {index}", external="indirect"))
            continue
        answers: dict[str, bool | None] = {q.id: q.needed for q in QUESTIONS}
        outcome = rng.random()
        if outcome > 0.66:
            answers[QUESTIONS[0].id] = not QUESTIONS[0].needed
        elif outcome > 0.33:
            answers[QUESTIONS[1].id] = None
        discipline = DEFAULT_METHOD.disciplines[index % len(DEFAULT_METHOD.disciplines)].id
        people.append(
            Stakeholder(ident, ident, f"Persoon {index}", discipline=discipline, answers=answers)
        )
    return publish(screen(people, DEFAULT_METHOD), audience)


def counted_for(view: View) -> tuple[Status, ...]:
    return (Status.PENDING, Status.EXCLUDED) if view.public else ()


def overlaps(layout: Layout) -> list[tuple[int, int]]:
    circles = layout.circles()
    return [
        (i, j)
        for i, (x1, y1, r1) in enumerate(circles)
        for j, (x2, y2, r2) in enumerate(circles[:i])
        if math.hypot(x1 - x2, y1 - y2) < r1 + r2 + GAP - 0.01
    ]


def outside_their_room(layout: Layout) -> list[tuple[float, float, float]]:
    """Shapes that reach into the pilot, a sector's labels, another ring or the edge on
    the onion; on the bands, out of their band or into its heading."""
    wrong = []
    room = layout.onion
    for x, y, r in layout.circles():
        if room is None:
            inside = [
                band
                for band in layout.bands
                if band.x <= x - r
                and x + r <= band.x + band.width
                and band.y + PAD + len(band.lines) * LINE <= y - r
                and y + r <= band.y + band.height
            ]
            if len(inside) != 1 or not 0 <= x - r <= x + r <= layout.canvas.width:
                wrong.append((x, y, r))
            continue
        rho = math.hypot(x - room.cx, y - room.cy)
        in_sector = rho + r <= room.r_internal - 2 * LINE and rho - r >= room.r_pilot
        in_ring = any(r_in <= rho - r and rho + r <= r_out for _, r_in, r_out in room.rings)
        inside = r <= x <= layout.canvas.width - r and rho + r <= layout.caption_y - LINE / 2
        if not ((in_sector or in_ring) and inside):
            wrong.append((x, y, r))
    return wrong


SIZES = [0, 1, 10, 40, 80, 150, 1000, 4000]


@pytest.mark.parametrize("audience", ["team", "intranet"])
@pytest.mark.parametrize("size", SIZES)
def test_no_shape_overlaps_another_or_a_label_at_any_size(size, audience):
    view = synthetic(size, audience=audience)
    for canvas in CANVASES:
        layout = layout_map(view, counted_for(view), canvas)
        assert overlaps(layout) == [], (size, canvas.name)
        assert outside_their_room(layout) == [], (size, canvas.name)
        # Everyone is on the map: as a shape of their own or in a count.
        shown = len(layout.nodes) + sum(b.count for b in layout.bubbles)
        assert shown == size


def test_the_sample_sized_handbook_draws_everyone_on_a_wide_screen():
    view = synthetic(40)
    layout = layout_map(view, (), WIDE)
    assert not layout.bubbles
    assert len(layout.nodes) == 40


def test_a_sector_switches_to_counts_on_its_own_fullness_not_the_total():
    # Sixty people in one discipline, two in another.
    answers = {q.id: q.needed for q in QUESTIONS}
    crowd = [
        Stakeholder(f"it{i:03d}", "p", f"IT {i}", discipline="it", answers=answers)
        for i in range(60)
    ]
    few = [
        Stakeholder(f"lg{i}", "p", f"Legal {i}", discipline="legal", answers=answers)
        for i in range(2)
    ]
    view = publish(screen(crowd + few, DEFAULT_METHOD), "team")
    layout = layout_map(view, (), WIDE)
    full = {view.disciplines[s.view_index].discipline.id: s.counted for s in layout.sectors}
    assert full["it"] is True
    assert full["legal"] is False
    assert {n.person.name for n in layout.nodes} == {"Legal 0", "Legal 1"}
    (bubble,) = layout.bubbles
    assert (bubble.discipline, bubble.count) == ("it", 60)


def test_a_bubble_grows_in_area_with_its_count():
    view = synthetic(1000)
    layout = layout_map(view, (), WIDE)
    # In the sectors; a ring's one count is as big as the ring is deep.
    bubbles = sorted((b for b in layout.bubbles if b.kind is None), key=lambda b: b.count)
    assert len({b.count for b in bubbles}) > 3
    for small, big in itertools.pairwise(bubbles):
        assert small.r <= big.r
    # Between the smallest readable size and the largest, area follows the count.
    largest = bubbles[-1]
    for bubble in bubbles:
        if bubble.r > 2 * FONT:
            assert bubble.r**2 / largest.r**2 == pytest.approx(bubble.count / largest.count)
    assert bubbles[0].r < largest.r


@pytest.mark.parametrize("count", [8, 15, 30])
def test_in_a_small_handbook_a_count_is_no_bigger_than_its_people(count):
    """The intranet counts the pending and excluded: a count of one or two must not
    look weightier than the named people beside it."""
    view = synthetic(count, audience="intranet")
    for canvas in (WIDE, NARROW):
        layout = layout_map(view, (Status.PENDING, Status.EXCLUDED), canvas)
        assert layout.bubbles
        for bubble in layout.bubbles:
            assert bubble.r <= max(bubble_min(bubble.count), NODE * math.sqrt(bubble.count))


def test_empty_external_rings_are_left_out_and_the_sectors_use_the_room():
    answers = {q.id: q.needed for q in QUESTIONS}
    inside = [
        Stakeholder(f"a{i}", "p", f"A {i}", discipline="it", answers=answers) for i in range(3)
    ]
    customer = Stakeholder("k", "p", "Klant", external="direct")
    alone = layout_map(publish(screen(inside, DEFAULT_METHOD), "team"), (), WIDE).onion
    with_customer = layout_map(
        publish(screen([*inside, customer], DEFAULT_METHOD), "team"), (), WIDE
    ).onion
    assert alone is not None and with_customer is not None
    assert alone.rings == ()
    assert [kind for kind, _, _ in with_customer.rings] == ["direct"]
    assert alone.r_internal > with_customer.r_internal


@pytest.mark.parametrize("disciplines", [8, 12, 20])
def test_many_disciplines_never_fail_the_build(disciplines):
    """A cramped map is acceptable; a build that stops because a drawing is full is not."""
    import dataclasses

    from pilotbook.method.model import Discipline, Wording

    method = dataclasses.replace(
        DEFAULT_METHOD,
        disciplines=tuple(
            Discipline(f"d{i}", Wording(f"Discipline {i}", f"Discipline {i}"))
            for i in range(disciplines)
        ),
    )
    people = [
        Stakeholder(
            f"p{i}",
            f"p{i}",
            f"Person {i}",
            discipline=f"d{i % disciplines}",
            answers={q.id: q.needed for q in QUESTIONS},
        )
        for i in range(disciplines * 40)
    ]
    people += [Stakeholder(f"x{i}", f"x{i}", f"Extern {i}", external="direct") for i in range(300)]
    people += [Stakeholder(f"y{i}", f"y{i}", f"Omg {i}", external="indirect") for i in range(300)]
    view = publish(screen(people, method), "team")
    for canvas in CANVASES:
        layout = layout_map(view, (), canvas)
        shown = sum(b.count for b in layout.bubbles) + len(layout.nodes)
        assert shown == len(people), canvas


def test_a_decided_discipline_shows_only_its_chosen_colleague_on_the_intranet():
    """Once a discipline has chosen, the intranet names only the chosen colleagues, and
    does not count the others either: a count would say how many were turned down."""
    answers = {q.id: q.needed for q in QUESTIONS}
    people = [
        Stakeholder(f"legal/{n}", n, n.title(), discipline="legal", answers=answers)
        for n in ("ann", "bob", "cas")
    ]
    people[0] = replace(people[0], interview="selected")
    people.append(Stakeholder("it/dan", "dan", "Dan", discipline="it", answers=answers))
    view = publish(screen(people, DEFAULT_METHOD), "intranet")
    for canvas in CANVASES:
        layout = layout_map(view, counted_for(view), canvas)
        legal = [b for b in layout.bubbles if b.discipline == "legal"]
        assert legal == []
        assert [n.person.name for n in layout.nodes] == ["Ann", "Dan"]
        assert not [b for b in layout.bubbles if b.discipline == "it"]  # Dan is drawn
        # Each sector (or band) is its own discipline's, in the method's order.
        ordered = list(range(len(view.disciplines)))
        if layout.onion is not None:
            assert [s.index for s in layout.sectors] == ordered
            assert [s.view_index for s in layout.sectors] == ordered
        else:
            headings = [band.lines[0][0] for band in layout.bands if "pb-sector" in band.cls]
            assert headings == [d.discipline.label("nl") for d in view.disciplines]


@pytest.mark.parametrize("audience", ["team", "intranet"])
@pytest.mark.parametrize("size", [10, 118, 150, 1000, 4000])
def test_every_drawing_shows_the_same_people_under_the_same_numbers(size, audience):
    """A number names the same person on a phone as on a laptop: both drawings draw one
    plan, numbered from 1 in the map's order (the disciplines' people first, then the
    externals), never past 99 (two digits fit a person's shape)."""
    view = synthetic(size, externals=0.05, audience=audience)
    drawn = []
    for canvas in CANVASES:
        layout = layout_map(view, counted_for(view), canvas)
        numbers = {node.number: node.person.id for node in layout.nodes}
        counts = sorted(
            (b.discipline or "", str(b.status), b.kind or "", b.count) for b in layout.bubbles
        )
        drawn.append((numbers, counts))
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), (size, canvas.ident)
        assert len(numbers) <= 99
        ordered = sorted(layout.nodes, key=lambda node: node.number)
        kinds = [node.status is None for node in ordered]
        assert kinds == sorted(kinds)
    assert drawn[0] == drawn[1]


def place_by_testing_every_place(
    region: Region, radii: list[float]
) -> list[tuple[float, float, float]] | None:
    """What `place` must answer: every row's every place tested, in order."""
    area = sum(math.pi * (r + GAP) ** 2 for r in radii)
    room = math.pi * (region.r_out**2 - region.r_in**2) * (region.end - region.start) / 360
    if area > room * 0.9:
        return None  # the same rule, to the last bit, for a region too full to try
    placed: list[tuple[float, float, float]] = []
    for radius in radii:
        for rho, thetas in region.rows(radius):
            found = None
            for theta in thetas:
                angle = math.radians(theta)
                x, y = rho * math.cos(angle), rho * math.sin(angle)
                if region.holds(rho, theta, radius) and all(
                    math.hypot(x - px, y - py) >= radius + pr + GAP for px, py, pr in placed
                ):
                    found = (x, y, radius)
                    break
            if found is not None:
                placed.append(found)
                break
        else:
            return None
    return placed


@pytest.mark.parametrize("seed", range(60))
def test_placing_skips_only_places_that_are_taken(seed):
    """`place` skips the stretches of a row that placed shapes block; it must still
    choose the very places that testing each place in turn chooses, or fail where
    that fails, for sectors of any width (in a narrow one the rows nearest the centre
    have no place at all) and shapes of mixed sizes."""
    rng = random.Random(seed)
    r_in = rng.uniform(10, 90)
    start = rng.uniform(-180, 180)
    span = rng.choice([360.0, rng.uniform(20, 200), rng.uniform(6, 30)])
    region = Region(r_in, r_in + rng.uniform(40, 220), start, start + span)
    sizes = [18.0] * rng.randint(0, 40) + [rng.uniform(18, 60) for _ in range(rng.randint(0, 6))]
    rng.shuffle(sizes)
    assert place(region, sizes) == place_by_testing_every_place(region, sizes)


@pytest.mark.parametrize("span", [10.0, 15.0, 30.0])
def test_a_narrow_sector_places_shapes_beyond_its_empty_inner_rows(span):
    """Near the centre a narrow sector's rows are too short for a shape; further out
    they are not, and that is where the shapes go."""
    region = Region(20.0, 400.0, -90.0, -90.0 + span)
    sizes = [18.0, 18.0, 25.0, 18.0]
    placed = place(region, sizes)
    assert placed is not None
    assert placed == place_by_testing_every_place(region, sizes)
