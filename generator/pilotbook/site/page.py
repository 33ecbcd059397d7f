"""A generated page: where it goes in the site and its Markdown, and how large a template
it is made from may be."""

from __future__ import annotations

from dataclasses import dataclass

# Page templates are small: one this large is read afresh on every build, and a
# larger one not at all (by the template loader and the build cache alike).
MAX_TEMPLATE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Page:
    path: str  # below the site's root, with '/' separators
    content: str
    in_nav: bool
    # Where to edit what the page is made from: a person's YAML file, if the handbook
    # names its repository; None for pages made from many files.
    edit_url: str | None = None
