"""A generated page: where it goes in the site and its Markdown."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    path: str  # below the site's root, with '/' separators
    content: str
    in_nav: bool
    # Where to edit what the page is made from: a person's YAML file, if the handbook
    # names its repository; None for pages made from many files.
    edit_url: str | None = None
