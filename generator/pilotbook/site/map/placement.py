"""Room for circles in part of a ring: a person's shape or a count's bubble each at
the first free place from the inside out, people spread along an external ring, and
counts that always fit."""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from pilotbook.screening.shortlist import Status
from pilotbook.site.map.canvas import GAP, HIT, bubble_min

# Distance between candidate positions when looking for room for a shape.
STEP = 3.0
# How much shorter than exact a placed shape's blocked stretch of a row is taken
# (degrees): the places at its ends get the exact test.
_SHORT = 1e-3
# One row of places for a circle: its distance from the centre, and its angles.
_Row = tuple[float, list[float]]


class Region(NamedTuple):
    """Part of a ring: radii from the centre, and the angles (degrees, clockwise
    from three o'clock) it runs between."""

    r_in: float
    r_out: float
    start: float
    end: float

    def holds(self, rho: float, theta: float, radius: float) -> bool:
        """Whether a circle at (rho, theta) of `radius` lies wholly inside."""
        if rho - radius < self.r_in or rho + radius > self.r_out:
            return False
        if not self.start <= theta <= self.end:
            return False
        if self.end - self.start >= 360:
            return True
        for edge in (theta - self.start, self.end - theta):
            away = rho * math.sin(math.radians(edge)) if edge < 90 else rho
            if away < radius + GAP:
                return False
        return True

    def rows(self, radius: float) -> Iterator[_Row]:
        """Places for a circle, row by row from the inside out: each row's distance
        from the centre and its angles. A row leaves out the places too close to the
        region's edges for `holds` (a little fewer, to be safe)."""
        rho = self.r_in + radius
        while rho + radius <= self.r_out:
            step = math.degrees(STEP / rho)
            first, last = self.start, self.end
            if self.end - self.start < 360:
                near = (radius + GAP) / rho
                edge = math.degrees(math.asin(near)) - 1e-6 if near < 1 else 0.0
                first, last = self.start + edge, self.end - edge
            theta = self.start
            while theta < first:
                theta += step
            thetas = []
            while theta <= last:
                thetas.append(theta)
                theta += step
            yield rho, thetas
            rho += STEP


def place(region: Region, radii: Sequence[float]) -> list[tuple[float, float, float]] | None:
    """Positions (relative to the centre) for circles of `radii` in order, each at the
    first free place row by row from the inside out; None if one does not fit."""
    area = sum(math.pi * (r + GAP) ** 2 for r in radii)
    room = math.pi * (region.r_out**2 - region.r_in**2) * (region.end - region.start) / 360
    if area > room * 0.9:
        return None  # too full, whatever the arrangement
    placed: list[tuple[float, float, float]] = []
    polar: list[tuple[float, float, float]] = []  # the same circles: rho, degrees, radius
    # Once a place is taken, no earlier one frees up: the same size resumes there.
    resume: dict[float, tuple[Iterator[_Row], _Row, int]] = {}
    for radius in radii:
        if radius in resume:
            rows, row, first = resume[radius]
        else:
            rows, first = region.rows(radius), 0
            row = next(rows, None)
        # A row may have no place at all (near the centre of a narrow sector): the
        # search ends only when the rows do.
        while row is not None:
            rho, thetas = row
            index = _free(region, rho, thetas, first, radius, placed, polar)
            if index is not None:
                theta = thetas[index]
                angle = math.radians(theta)
                placed.append((rho * math.cos(angle), rho * math.sin(angle), radius))
                polar.append((rho, theta, radius))
                resume[radius] = (rows, row, index + 1)
                break
            row, first = next(rows, None), 0
        else:
            return None
    return placed


def _free(
    region: Region,
    rho: float,
    thetas: list[float],
    first: int,
    radius: float,
    placed: list[tuple[float, float, float]],
    polar: list[tuple[float, float, float]],
) -> int | None:
    """The first of a row's places from `first` on where a circle of `radius` fits.

    Each placed circle blocks a stretch of the row, worked out from the triangle of
    centre, circle and place; the stretch is taken a little short, and every place
    outside it gets the exact test, so the answer is the one testing every place
    would give, without testing most."""
    blocked: list[tuple[float, float]] = []
    for prho, ptheta, pr in polar:
        reach = radius + pr + GAP
        if abs(rho - prho) >= reach:
            continue
        cosine = (rho * rho + prho * prho - reach * reach) / (2 * rho * prho)
        half = (180.0 if cosine <= -1 else math.degrees(math.acos(min(cosine, 1.0)))) - _SHORT
        if half > 0:
            for turn in (-360.0, 0.0, 360.0):
                blocked.append((ptheta + turn - half, ptheta + turn + half))
    index = first
    while index < len(thetas):
        theta = thetas[index]
        for low, high in blocked:
            if low < theta < high:
                index = bisect.bisect_left(thetas, high, index + 1)
                break
        else:
            if region.holds(rho, theta, radius):
                angle = math.radians(theta)
                x, y = rho * math.cos(angle), rho * math.sin(angle)
                if all(math.hypot(x - px, y - py) >= radius + pr + GAP for px, py, pr in placed):
                    return index
            index += 1
    return None


def place_group(
    region: Region, people: int, counts: Sequence[float]
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]] | None:
    """Places for `people` shapes and for counts of `counts` radii: the people first,
    from the inside out; where that leaves no room, the counts first and the people in
    the room left. None if neither fits."""
    placed = place(region, [HIT] * people + list(counts))
    if placed is not None:
        return placed[:people], placed[people:]
    placed = place(region, list(counts) + [HIT] * people)
    if placed is not None:
        return placed[len(counts) :], placed[: len(counts)]
    return None


def spread(region: Region, count: int) -> list[tuple[float, float, float]] | None:
    """Positions for `count` people spread evenly along a ring; None if they do not fit."""
    rho = (region.r_in + region.r_out) / 2
    margin = math.degrees((HIT + GAP) / rho)
    start, end = region.start + margin, region.end - margin
    step = (end - start) / max(1, count - 1) if count > 1 else 0
    if count > 1 and 2 * rho * math.sin(math.radians(step) / 2) < 2 * HIT + GAP:
        return None
    angles = [start + step * i for i in range(count)] if count > 1 else [90.0]
    return [(rho * math.cos(math.radians(a)), rho * math.sin(math.radians(a)), HIT) for a in angles]


def place_bubbles(
    region: Region,
    counts: Sequence[tuple[Status | None, int]],
    radius: Callable[[int], float],
    limit: float | None = None,
) -> list[tuple[float, float, float]]:
    """Counts always fit: if the proportional sizes do not, every bubble shrinks alike
    towards the smallest that holds its number."""
    for shrink in (1.0, 0.85, 0.7, 0.55, 0.4, 0.0):
        radii = [max(bubble_min(c), radius(c) * shrink) for _, c in counts]
        if limit is not None:
            radii = [
                max(bubble_min(c), min(r, limit)) for r, (_, c) in zip(radii, counts, strict=True)
            ]
        placed = place(region, radii)
        if placed is not None:
            return placed
    # Last resort (many disciplines on the narrow drawing): each count in the middle of
    # its region, as large as the region allows. The map is cramped, never a failed build.
    rho = (region.r_in + region.r_out) / 2
    middle = math.radians((region.start + region.end) / 2)
    half_arc = math.radians(min(region.end - region.start, 180) / 2)
    room = max(4.0, min((region.r_out - region.r_in) / 2, rho * math.sin(half_arc)) - GAP)
    x, y = rho * math.cos(middle), rho * math.sin(middle)
    return [(x, y, room) for _ in counts]
