"""The stakeholder map: an onion drawn as SVG at build time.

From the centre outwards: the pilot; a ring of internal disciplines, one sector
each, tinted by its coverage, with its people placed by screening outcome
(shortlisted closest to the pilot, then pending, then excluded); the direct
external stakeholders (the people the pilot is for); and, on the outside, the indirect
environment. A ring nobody is in is left out. Every person is a numbered link to
their page; a numbered key under the map names them, for print and touch.

The map is laid out twice from the same rules: wide for screens and print, narrow
for phones (CSS shows one). Each is drawn in units chosen so that its text stays
at least 12 CSS pixels and its links at least 24 pixels wide at the smallest
width it is shown at. A sector, or an external ring, too full to draw one shape
per person shows bubbles with counts instead, whose area grows with the count.
No script, no web font, no request: the SVG is text in the page.

Its modules, in the order they build on each other: `canvas` (the sizes of the
map and its units), `placement` (room for circles in part of a ring), `layout`
(where the pilot, sectors, rings, people, counts and legend go on one canvas) and
`drawing` (the SVG, its legend and its numbered key).
"""
