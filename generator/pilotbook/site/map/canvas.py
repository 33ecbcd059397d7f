"""The map's canvases and units: the sizes its text, shapes and links are drawn at,
and the room a text or a count needs."""

from __future__ import annotations

import math
from typing import NamedTuple

# Every text on the map is this size in map units; the wide canvas is only ever shown
# where a unit is at least 0.75 CSS pixels, so its text is at least 12 pixels.
FONT = 16
# Average advance of a character at FONT, regular and bold, to fit text in space.
CHAR = 0.56 * FONT
CHAR_BOLD = 0.62 * FONT
LINE = FONT + 6
NODE = 14  # radius of a person's shape
HIT = 18  # radius of a person's link area: 36 units, 27 pixels or more
GAP = 2  # between two link areas
BUBBLE_MAX = 40  # radius of the largest count on a wide map
RING = 2 * HIT + 12  # depth of an external ring
LABELS_DEPTH = 2 * LINE + 4  # a sector's name and status along its outer edge
MARGIN = 8
# A count reads "\u00d712" (times twelve), never a bare number as a person's mark does; it
# is drawn as a stack, its front shape this much inside its link's circle.
TIMES = "\u00d7"
STACK = 4


class Canvas(NamedTuple):
    """One size of the map: its width in units, and whether the pilot's name fits in
    the centre (otherwise it heads the map)."""

    name: str
    width: int
    pilot_inside: bool
    bubble_max: float

    @property
    def ident(self) -> str:
        return "pb-map" if self.name == "wide" else f"pb-map-{self.name}"


# Wide: the onion, shown from 720 CSS pixels of screen (at least 600 pixels of map),
# and in print.
WIDE = Canvas("wide", 800, True, BUBBLE_MAX)
# Narrow: the same people in a band per discipline, for phones: a 390-pixel phone's
# 358 pixels of map for 400 units, so its text is 14 pixels or more (CSS keeps it at
# most 480 pixels wide on larger screens).
NARROW = Canvas("narrow", 400, False, 30)
CANVASES = (WIDE, NARROW)


def text_width(text: str, bold: bool = False) -> float:
    return len(text) * (CHAR_BOLD if bold else CHAR)


def bubble_min(count: int) -> float:
    """The smallest bubble its number fits in, never smaller than a person's link."""
    return max(HIT, text_width(TIMES + str(count), True) / 2 + STACK + 2)


def bubble_radius(count: int, biggest: int, canvas: Canvas) -> float:
    """A count's radius on `canvas`: area in proportion to the count, the `biggest`
    count at the canvas's largest size, from a readable minimum up, and a count never
    larger than as many people's shapes would be (a count of one is no bigger than a
    person)."""
    scale = min(canvas.bubble_max / math.sqrt(max(biggest, 1)), NODE * 0.7)
    return max(bubble_min(count), scale * math.sqrt(count))
