"""The register: everyone the audience may see, in one table to filter, sort, search
and download.

Its page (`register/index.md` below the pages folder) lists each person of the
audience's view (`pilotbook.audience.view`), and no one else, by name: name, role,
discipline or external kind, status, approach on the grid and involvement per phase,
all of them fields the view holds. The table is plain HTML that reads whole without
a script. `assets/javascripts/pilotbook-register.js` adds, from the table's own rows
(nothing is fetched, so it works opened from disk), a filter per discipline, status,
approach and phase, a find box that folds accents, sorting by any column and a CSV
download of the rows shown. Each row carries what those need in four short
attributes, so that a thousand rows stay light:

    <tr data-d="legal" data-s="shortlisted" data-q="manage-closely" data-p="3 1 0">

`data-d` is a discipline's id or `external:direct`/`external:indirect` (an id holds no
colon), `data-p` the level of each phase as its rank on the spectrum (0: no part).
An address chooses a filter with an anchor: `register/#pb-r-d-legal` shows legal's
people, `#pb-r-q-monitor` those to monitor (the script reads it).

The page is a folder's `index.md`: its links are raw HTML, which every engine reads
alike only on such a page (see pilotbook.urls).
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections import Counter
from collections.abc import Callable

from pilotbook.audience.view import Person, View
from pilotbook.method.wording import Labels, Trusted
from pilotbook.records.stakeholders import EXTERNAL_KINDS
from pilotbook.screening.engagement import Quadrant, level_rank
from pilotbook.screening.shortlist import Status
from pilotbook.text.escaping import html_text
from pilotbook.text.folding import fold, name_key

EXTERNAL = "external:"
UNPLACED = "unplaced"
# The statuses in the order the status column sorts them: the chosen first.
STATUSES = ("selected", "shortlisted", "rejected", "pending", "excluded", "external")
SORTED = ' aria-sort="ascending"'
# The file the download is saved as.
CSV_NAME = "register.csv"


def draw_register(
    view: View,
    t: Labels,
    language: str,
    href: Callable[[Person], str],
    badge: Callable[[str, str | None], str],
    level: Callable[[str | None], str],
) -> Trusted:
    """The register's tools and table as one HTML block without blank lines, safe in a
    Markdown page: every value escaped here, `href` a person's address from the page."""
    phases = view.method.phases
    places = {d.id: d.label(language) for d in view.method.disciplines}
    places |= {EXTERNAL + kind: t[kind] for kind in EXTERNAL_KINDS}
    counts: dict[str, Counter[str]] = {key: Counter() for key in "dsqp"}
    rows = []
    for person in sorted(view.stakeholders, key=lambda p: name_key(p.name)):
        engagement = view.engagement[person.id]
        place = EXTERNAL + person.external if person.external else person.discipline or ""
        status = _status(view, person)
        quadrant = str(engagement.quadrant or UNPLACED)
        levels = [engagement.involvement.get(phase.id) for phase in phases]
        ranks = [level_rank(value) for value in levels]
        counts["d"][place] += 1
        counts["s"][status] += 1
        counts["q"][quadrant] += 1
        counts["p"].update(str(i) for i, rank in enumerate(ranks) if rank)
        cells = [
            f'<td><a href="{html_text(href(person))}">{html_text(person.name)}</a></td>',
            f"<td>{html_text(person.role or '')}</td>",
            f"<td>{html_text(places.get(place, place))}</td>",
            f"<td>{t.not_screened if status == 'external' else badge(status, None)}</td>",
            _labelled(t.quadrant, html_text(_quadrant(t, quadrant))),
            *(
                _labelled(phase.label(language), level(value))
                for phase, value in zip(phases, levels, strict=True)
            ),
        ]
        rows.append(
            f'<tr data-d="{html_text(place)}" data-s="{status}" data-q="{quadrant}" '
            f'data-p="{" ".join(map(str, ranks))}">{" ".join(cells)}</tr>'
        )
    # The columns a filter chooses by, each under its own heading's words.
    filtered = (("d", t.place), ("s", t.status), ("q", t.quadrant))
    headings = [
        ("", t.name),
        ("", t.role),
        *filtered,
        *((f"p{i}", phase.label(language)) for i, phase in enumerate(phases)),
    ]
    # The rows come sorted by name: the name's heading says so, until another sorts them.
    # Cells (here and in each row) apart by a space, so that a row's text, as the site's
    # search and the find box read it, is words ("Medewerker 218 Facilitair"), not one.
    head = " ".join(
        f'<th scope="col" data-sort="{key}"{"" if index else SORTED}>{html_text(words)}</th>'
        for index, (key, words) in enumerate(headings)
    )
    options = {
        "d": list(places.items()),
        "s": [(key, t.not_screened if key == "external" else t[key]) for key in STATUSES],
        "q": [(str(q), t[q]) for q in Quadrant] + [(UNPLACED, t.grid_not_placed)],
        "p": [(str(i), phase.label(language)) for i, phase in enumerate(phases)],
    }
    filters = "".join(
        _select(key, words, options[key], counts[key], t.register_all)
        for key, words in (*filtered, ("p", t.register_phase))
    )
    # An address can choose a filter (`register/#pb-r-d-legal`): each choice an anchor.
    anchors = "".join(
        f'<span id="pb-r-{key}-{html_text(value)}"></span>'
        for key, choices in options.items()
        for value, _ in choices
        if counts[key][value]
    )
    count = len(rows)
    shown = t.register_shown.format(shown=count, count=count)
    title = html_text(t.register_title)
    return Trusted(
        f'<div class="pb-register" data-search-exclude>{anchors}\n'
        f'<form class="pb-register-tools" hidden aria-label="{html_text(t.register_tools)}" '
        f'data-letters="{html_text(_letters())}">\n'
        f'<p class="pb-register-hint">{html_text(t.register_hint)}</p>\n'
        f'<div class="pb-register-filters">{filters}'
        f'<label class="pb-register-find"><span>{html_text(t.register_find)}</span>'
        f'<input type="search" autocomplete="off" spellcheck="false"></label></div>\n'
        f'<button type="button" class="md-button pb-register-download" '
        f'data-file="{CSV_NAME}">{html_text(t.register_download)}</button>\n'
        f"</form>\n"
        f'<p class="pb-register-count" aria-live="polite" '
        f'data-words="{html_text(t.register_shown)}">{html_text(shown)}</p>\n'
        f'<p class="pb-register-nobody" hidden>{html_text(t.register_nobody)}</p>\n'
        f'<div class="pb-register-frame" role="region" aria-label="{title}" tabindex="0">\n'
        f'<table class="pb-register-table">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</div>\n</div>"
    )


def _status(view: View, person: Person) -> str:
    """A person's status as the register shows it: external people are not screened; a
    shortlisted colleague chosen, or turned down (only the team's view holds that),
    after an interview says so."""
    outcome = view.assessments.get(person.id)
    if outcome is None:
        return "external"
    if outcome.selected:
        return "selected"
    if outcome.status is Status.SHORTLISTED and person.interview == "rejected":
        return "rejected"
    return str(outcome.status)


def _labelled(label: str, content: str) -> str:
    """A cell that names its column on a phone's card (where it holds anything)."""
    return f'<td data-label="{html_text(label)}">{content}</td>' if content else "<td></td>"


def _quadrant(t: Labels, quadrant: str) -> str:
    return t.grid_not_placed if quadrant == UNPLACED else t[quadrant]


def _select(
    key: str,
    words: str,
    options: list[tuple[str, str]],
    counts: Counter[str],
    everyone: str,
) -> str:
    """A labelled filter: every value that some row has, with how many rows have it."""
    shown = "".join(
        f'<option value="{html_text(value)}">{html_text(text)} ({counts[value]})</option>'
        for value, text in options
        if counts[value]
    )
    return (
        f"<label><span>{html_text(words)}</span>"
        f'<select data-filter="{key}"><option value="">{html_text(everyone)}</option>'
        f"{shown}</select></label>"
    )


@functools.cache
def _letters() -> str:
    """The Latin letters that folding turns into other letters (ø → o, ß → ss), as
    JSON for the find box, which takes the marks off every other letter itself: one
    rule with the site's search (pilotbook.text.folding)."""
    pairs = {}
    for char in map(chr, range(0xC0, 0x250)):
        bare = "".join(
            c for c in unicodedata.normalize("NFD", char) if unicodedata.category(c) != "Mn"
        )
        if fold(char) != bare:
            pairs[char] = fold(char)
    return json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))
