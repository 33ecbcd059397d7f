"""Reading built pages the way a reader sees them: text, links, and the sidebar."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.scripts: list[str] = []
        self._skip = 0
        self._in_script = False
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in ("style",):
            self._skip += 1
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag == "style":
            self._skip -= 1
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        elif not self._skip:
            self.text.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def text(path: Path) -> str:
    """The page's visible text with whitespace folded."""
    return " ".join("".join(parse(path).text).split())


def between(haystack: str, start: str, end: str) -> str:
    """The part of `haystack` from `start` up to the next `end`."""
    begin = haystack.index(start)
    stop = haystack.find(end, begin + len(start))
    return haystack[begin : stop if stop >= 0 else None]
