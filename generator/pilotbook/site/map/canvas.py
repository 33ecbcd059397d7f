"""The map's canvases and units: the sizes its text, shapes and links are drawn at,
and the room a text or a count needs."""

from __future__ import annotations

from typing import NamedTuple

# Every text on the map is this size in map units; a canvas is only ever shown
# where a unit is at least 0.75 CSS pixels, so text is at least 12 pixels.
FONT = 16
# Average advance of a character at FONT, regular and bold, to fit text in space.
CHAR = 0.56 * FONT
CHAR_BOLD = 0.62 * FONT
LINE = FONT + 6
NODE = 14  # radius of a person's shape
HIT = 18  # radius of a person's link area: 36 units, 27 pixels or more
GAP = 2  # between two link areas
BUBBLE_MAX = 44  # radius of the largest count on a wide map
RING = 2 * HIT + 12  # depth of an external ring
LABELS_DEPTH = 2 * LINE + 4  # a sector's name and status along its outer edge
MARGIN = 8


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


# Wide: shown from 720 CSS pixels of screen (at least 600 pixels of map), and in print.
WIDE = Canvas("wide", 800, True, BUBBLE_MAX)
# Narrow: a phone's 358 pixels of map for 460 units.
NARROW = Canvas("narrow", 460, False, 30)
CANVASES = (WIDE, NARROW)


def text_width(text: str, bold: bool = False) -> float:
    return len(text) * (CHAR_BOLD if bold else CHAR)


def bubble_min(count: int) -> float:
    """The smallest bubble its number fits in, never smaller than a person's link."""
    return max(HIT, text_width(str(count), True) / 2 + 2)
