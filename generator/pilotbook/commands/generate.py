"""`pilotbook generate OUT`: the site's Markdown and a configuration without the plugin,
for engines that run no MkDocs plugins (Zensical); see `pilotbook.build.export`."""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sys
from pathlib import Path

from pilotbook.build.export import CONFIG_FILE, DOCS_DIR, offline_asked, write_site
from pilotbook.build.site import make_site, with_board
from pilotbook.build.theme import theme_problems
from pilotbook.commands.handbook import find
from pilotbook.commands.usage import UsageError
from pilotbook.problems.problem import HandbookError, format_problem
from pilotbook.records.new import folder_beside

# Left in a folder that `generate` wrote, so a later run may replace it safely.
GENERATED_MARKER = ".pilotbook-generated"


def run(args: argparse.Namespace) -> int:
    found = find(args, need_config=True)
    handbook, site = found.handbook, found.site
    assert site is not None and found.config_file is not None
    problems = theme_problems(handbook, site.custom_dir, found.config_file)
    if problems:
        raise HandbookError(problems)
    if Path(args.out).is_symlink():
        raise UsageError(f"{args.out}: this is a symbolic link: name a real folder to write")
    # Resolved, so that no link in the path leads the output into the sources.
    out = Path(args.out).resolve()
    sources = [site.docs_dir.resolve(), handbook.stakeholders_dir.resolve()]
    if any(out == s or out.is_relative_to(s) or s.is_relative_to(out) for s in sources):
        raise UsageError(f"{args.out}: choose an output folder outside the handbook's sources")
    if out.exists() and any(out.iterdir()) and not (out / GENERATED_MARKER).exists():
        raise UsageError(
            f"{args.out}: the folder is not empty and was not written by pilotbook: "
            "choose a new or empty folder"
        )
    # The map's links must match the URLs the written configuration gives the pages.
    directory_urls = site.directory_urls and not (args.offline or offline_asked())
    handbook = dataclasses.replace(handbook, directory_urls=directory_urls)
    made = make_site(handbook)
    # Write next to OUT, then swap it in, so OUT is never half written.
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = folder_beside(out)
    try:
        warnings = write_site(
            staging, site, made.pages, directory_urls=directory_urls, handbook=handbook
        )
        for warning in warnings:
            print(format_problem(warning), file=sys.stderr)
        home = staging / DOCS_DIR / "index.md"
        if made.board is not None and home.is_file():
            home.write_text(with_board(home.read_text("utf-8"), made.board), encoding="utf-8")
        (staging / GENERATED_MARKER).write_text("written by pilotbook generate\n")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    print(
        f"wrote {len(made.pages)} generated pages and the content of {site.docs_dir} to "
        f"{args.out}/{DOCS_DIR}, and {args.out}/{CONFIG_FILE} to build them with: "
        f"cd {args.out} && zensical build"
    )
    return 0
