"""A handbook's site as a folder that engines without MkDocs plugins build as it is.

`pilotbook generate OUT` writes:

    OUT/mkdocs.yml      the site's configuration, without the pilotbook plugin
    OUT/docs/           the content, the generated pages, pilotbook's stylesheets and
                        the register's script
    OUT/overrides/      the handbook's own theme overrides, without its page templates

Zensical reads `mkdocs.yml` but runs no plugins and publishes every `.md` under the
theme folder, so the configuration names only what it understands, and page templates
stay behind. Links between generated pages follow the URL style the configuration asks
for: folder-style (`people/x/`) or, for a copy read from disk, file-style (`x.html`).
"""

from __future__ import annotations

import errno
import html
import json
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from mkdocs.structure.files import File

from pilotbook.build.addresses import address, address_problems
from pilotbook.build.withheld import Withheld, Withholding, left_out
from pilotbook.config.handbook import Handbook
from pilotbook.problems.problem import HandbookError, Problem
from pilotbook.site.navigation import with_disciplines
from pilotbook.site.page import Page

CONFIG_FILE = "mkdocs.yml"
DOCS_DIR = "docs"
OVERRIDES_DIR = "overrides"
# pilotbook's Material overrides (stylesheet, partials, scripts), which the plugin puts
# after a handbook's own. An engine without plugins gets from it the stylesheet of the
# map and badges, and the Worker shim that offline search would load from a CDN.
PACKAGED_THEME = Path(__file__).parents[1] / "theme"
STYLESHEET = "assets/pilotbook.css"
WORKER_SHIM = "assets/javascripts/iframe-worker-shim.js"
# The register's stylesheet and script (pilotbook.site.register), which its page needs.
REGISTER_STYLESHEET = "assets/pilotbook-register.css"
REGISTER_SCRIPT = "assets/javascripts/pilotbook-register.js"
# Set to true, the build is the copy that works opened from disk (file://).
OFFLINE_VARIABLE = "PILOTBOOK_OFFLINE"
# Theme settings carried over as they are; the rest are the engine's own defaults.
THEME_KEYS = ("name", "language", "features", "palette", "icon")
# Theme settings that name a file in the docs folder.
THEME_FILES = ("logo", "favicon")


def offline_asked(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether PILOTBOOK_OFFLINE asks for the copy that works opened from disk."""
    return environ.get(OFFLINE_VARIABLE, "").strip().lower() in ("true", "1", "yes")


@dataclass(frozen=True)
class SiteConfig:
    """What an engine needs to build the handbook's site without pilotbook's plugin,
    read from its configuration by an adapter:

        site_name: Pilot videobellen met klanten
        docs_dir: content
        theme: {name: material, language: nl, custom_dir: theme, palette: ...}
        markdown_extensions: [toc: {permalink: true}, tables, admonition]
        nav: [Home: index.md, Stakeholders: [stakeholders/index.md, ...]]
    """

    site_name: str
    docs_dir: Path
    site_description: str | None = None
    # The handbook's theme folder; its `pages/` (page templates) is never exported.
    custom_dir: Path | None = None
    templates_dir: Path | None = None
    theme: Mapping[str, Any] = field(default_factory=dict)
    # Names, or one-entry mappings of a name to its options, as in mkdocs.yml.
    markdown_extensions: Sequence[Any] = ()
    nav: Sequence[Any] | None = None
    search: Mapping[str, Any] = field(default_factory=dict)
    # The handbook's own stylesheets, scripts and `extra` settings, as in mkdocs.yml.
    extra_css: Sequence[str] = ()
    extra_javascript: Sequence[str] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)
    # False when the configuration asks for file-style URLs (or the offline plugin).
    directory_urls: bool = True
    # `strict: true`: a warning fails the build (and `pilotbook check`).
    strict: bool = False


def config_text(site: SiteConfig, pages: Sequence[Page], *, directory_urls: bool) -> str:
    """The configuration that builds the exported folder, as YAML."""
    theme: dict[str, Any] = {
        key: site.theme[key] for key in THEME_KEYS if site.theme.get(key) is not None
    }
    for key in THEME_FILES:
        value = site.theme.get(key)
        if isinstance(value, str) and (site.docs_dir / value).is_file():
            theme[key] = value
    # Intranet readers are often behind a proxy: no fonts from Google.
    theme["font"] = False
    if _overrides(site):
        theme["custom_dir"] = OVERRIDES_DIR
    config: dict[str, Any] = {"site_name": site.site_name}
    if site.site_description:
        config["site_description"] = site.site_description
    config |= {
        "docs_dir": DOCS_DIR,
        "use_directory_urls": directory_urls,
        "theme": theme,
        "extra_css": [STYLESHEET, REGISTER_STYLESHEET, *site.extra_css],
        "extra_javascript": [REGISTER_SCRIPT, *site.extra_javascript],
        "plugins": [{"search": dict(site.search)}],
    }
    extra = dict(site.extra)
    if not directory_urls:
        # The offline plugin makes search work from disk; the shim it needs is local.
        config["plugins"].append({"offline": {"enabled": True}})
        extra["polyfills"] = [*extra.get("polyfills", []), WORKER_SHIM]
    if extra:
        config["extra"] = extra
    if site.markdown_extensions:
        config["markdown_extensions"] = list(site.markdown_extensions)
    if site.nav:
        config["nav"] = list(site.nav)
    hidden = _not_in_nav(pages)
    if hidden:
        config["not_in_nav"] = "".join(f"{pattern}\n" for pattern in hidden)
    # Based on the plain Dumper, which writes a Python callable in an extension's options as
    # `!!python/name:...`, the tag MkDocs and Zensical read.
    return (
        "# Written by `pilotbook generate`: the handbook's site without the pilotbook\n"
        "# plugin, for Zensical or MkDocs. Change the handbook, not this file.\n"
        + yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    )


class _Dumper(yaml.Dumper):
    """Writes text of several lines as a block (`|`), as a person would."""


def _text(dumper: yaml.Dumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def write_site(
    folder: Path,
    site: SiteConfig,
    pages: Sequence[Page],
    *,
    directory_urls: bool,
    handbook: Handbook,
) -> list[Problem]:
    """Write the content, the generated pages, the assets and the configuration into
    `folder`, which must be empty. A file of the content published where a generated
    page is raises `HandbookError` naming both (see build.addresses). No stakeholder
    file is written (see pilotbook.build.withheld); returns the warnings about the files
    left out that lie outside the stakeholders folder (YAML files, links out of the docs)."""
    docs = folder / DOCS_DIR
    withholding = Withholding(handbook, docs_dir=site.docs_dir)
    found: dict[Withheld, list[str]] = {}

    def withheld(where: str, names: list[str]) -> set[str]:
        ignored = set()
        for name in names:
            why = withholding(os.path.join(where, name))
            if why is not None:
                ignored.add(name)
                if why is not Withheld.INPUT:
                    found.setdefault(why, []).append(os.path.join(where, name))
        return ignored

    _copy_tree(site.docs_dir, docs, withheld)
    own = {
        address(_destination(path, directory_urls)): path
        for path in (p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
        if not any(part.startswith(".") for part in path.split("/"))
    }
    problems = address_problems(
        [(page.path, _destination(page.path, directory_urls), True) for page in pages]
        + [
            (handbook.display(site.docs_dir / p), _destination(p, directory_urls), False)
            for p in own.values()
        ]
    )
    if problems:
        raise HandbookError(problems)
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(titled(page.content), encoding="utf-8")
    assets = [STYLESHEET, REGISTER_STYLESHEET, REGISTER_SCRIPT]
    assets += [] if directory_urls else [WORKER_SHIM]
    for asset in assets:
        target = docs / asset
        if not target.exists():  # the handbook's own copy wins
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(PACKAGED_THEME / asset, target)
    if _overrides(site):
        assert site.custom_dir is not None
        overrides = _not_overrides(site)
        _copy_tree(
            site.custom_dir,
            folder / OVERRIDES_DIR,
            lambda where, names: overrides(where, names) | withheld(where, names),
        )
    site = replace(site, nav=with_disciplines(site.nav, pages, handbook))
    text = config_text(site, pages, directory_urls=directory_urls)
    (folder / CONFIG_FILE).write_text(text, encoding="utf-8")
    return left_out({why: sorted(paths) for why, paths in found.items()}, handbook)


def titled(content: str) -> str:
    """A page whose title holds `<`, `>` or `&` (a name such as "</title><script>")
    with that title, escaped, in its front matter. Without one, MkDocs and Zensical
    take the title from the page's heading and print it through `striptags`, which
    turns the heading's escaped `&#60;` back into markup in `<title>`; the plugin's
    own theme escapes it there (pilotbook-base.html), but `generate`'s output is built
    without it. A title from the front matter is printed as it stands."""
    matter, body = "", content
    if content.startswith("---\n") and (end := content.find("\n---\n", 3)) != -1:
        matter, body = content[4 : end + 1], content[end + 5 :]
    heading = next((line for line in body.splitlines() if line.startswith("# ")), None)
    if heading is None or any(line.startswith("title:") for line in matter.splitlines()):
        return content
    plain = html.unescape(heading[2:].strip())
    if not any(c in plain for c in "<>&"):
        return content
    title = json.dumps(html.escape(plain, quote=False), ensure_ascii=False)
    return f"---\ntitle: {title}\n{matter}---\n{body if matter else chr(10) + body}"


def _copy_tree(source: Path, target: Path, ignore: Callable[[str, list[str]], set[str]]) -> None:
    """`shutil.copytree`, raising the `OSError` of the first file that could not be
    read, which names that file: never the temporary folder the copy goes to."""
    try:
        shutil.copytree(source, target, ignore=ignore)
    except shutil.Error as error:
        for path, _, _ in error.args[0]:
            with open(path, "rb") if not os.path.isdir(path) else os.scandir(path):
                pass
        raise OSError(errno.EIO, "a file of the handbook could not be copied") from None


def _destination(path: str, directory_urls: bool) -> str:
    """Where MkDocs publishes the content's file at `path` in the site."""
    return File(path, "", "", directory_urls).dest_uri


def _overrides(site: SiteConfig) -> bool:
    """Whether the handbook's theme folder holds anything but page templates."""
    if site.custom_dir is None or not site.custom_dir.is_dir():
        return False
    return any(p.is_file() and not _left_out(site, p) for p in site.custom_dir.rglob("*"))


def _left_out(site: SiteConfig, path: Path) -> bool:
    """Page templates, and any Markdown, which Zensical would publish as pages."""
    templates = site.templates_dir
    return path.suffix == ".md" or (templates is not None and path.is_relative_to(templates))


def _not_overrides(site: SiteConfig) -> Callable[[str, list[str]], set[str]]:
    """`_left_out` as `copytree`'s ignore function."""
    return lambda folder, names: {n for n in names if _left_out(site, Path(folder, n))}


def _not_in_nav(pages: Sequence[Page]) -> list[str]:
    """Patterns for the generated pages that stay out of the navigation: their folders
    where a folder holds no page in it, else the pages themselves."""
    listed = {PurePosixPath(page.path).parent for page in pages if page.in_nav}
    patterns = set()
    for page in pages:
        if page.in_nav:
            continue
        path = PurePosixPath(page.path)
        folder = next(
            (
                parent
                for parent in reversed(path.parents)
                if parent != PurePosixPath(".")
                and not any(p == parent or p.is_relative_to(parent) for p in listed)
            ),
            None,
        )
        patterns.add(f"/{folder}/" if folder else f"/{path}")
    return sorted(patterns)
