"""The stakeholder map: drawn as SVG at build time, in the page's palette.

On a screen of 720 pixels or more, and in print, an onion. From the centre outwards:
the pilot; a ring of internal disciplines, one sector each, tinted by its coverage,
with its people placed by screening outcome (the chosen and the shortlisted closest
to the pilot, then pending, then excluded); the direct external stakeholders (the
people the pilot is for); and, on the outside, the indirect environment. A ring
nobody is in is left out. On a phone, the same people in a band per discipline, its name and status
in full, then a band per kind of external stakeholder (CSS shows one drawing).

What the map names and what it counts is decided once (`plan`), so both drawings
show the same people under the same numbers: a group too large for its sector, or
one the audience may not name, is one count, drawn as a stack with "times" before
its number, never like a person's number. The legend under the map names exactly
the shapes drawn; the key says who each number is, grouped by discipline and
outcome, and names the shortlisted a count stands for. Text stays at least 12 CSS
pixels on the onion and 14 on a phone, links at least 24 pixels. No script, no web
font, no request: the SVG is text in the page.

Its modules, in the order they build on each other: `canvas` (sizes and units),
`placement` (room for circles in part of a ring), `shapes` (marks, counts and the
onion's geometry), `plan` (who is named, who counted, and their numbers), `bands`
(the phone's layout), `layout` (the onion's), `glyph` (each kind of shape), `words`
(the map's own words), `key` (legend and key) and `drawing` (the SVG).
"""
