"""Benchmark: what pilotbook costs on top of MkDocs, and how it grows with the data.

    python bench/run.py            # the table in docs/pages/performance.md (minutes)
    python bench/run.py --quick    # 50 stakeholders, one run: proves the script works

It writes N synthetic stakeholders (fixed seed: every discipline and status, some
externals, long and non-ASCII names) into a copy of the sample handbook and
measures, as the median of several runs, with peak memory of each process:

- `pilotbook check` on N files, and `yamllint` (relaxed) on the same files;
- `pilotbook diff` between a commit without those N files and one that adds them;
- a full `mkdocs build` with the plugin, for the team and for the intranet: once as
  a first build (`PILOTBOOK_CACHE=off`: every file read, screened and rendered), and
  once as a repeat build of unchanged stakeholder files (pages from the build cache,
  as when someone edits a Markdown page or `mkdocs build` runs again);
- the floor: `mkdocs build` of the Markdown `pilotbook generate` wrote, same theme
  and settings, without the plugin;
- several pilots: `pilotbook check`, `report --format json`, `diff` (every file
  added) and a first `mkdocs build` (team) of the same N people shared by 3 pilots
  (each person in one to three of them), against the one-pilot handbook of those
  people, and at N and N/2, to show that the work grows linearly with the pilots and
  with the people.

Ratios are taken within one repetition (full build next to its floor), then the
median over repetitions, so that noise on the machine cancels out. Timings are
printed, never asserted by the test suite.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# The team's build has a page for every stakeholder; the intranet's names only the
# shortlisted. Both are measured against a floor of their own.
AUDIENCES = ("team", "intranet")

DISCIPLINES = ("marketing", "sales", "legal", "facilities", "it")
QUESTIONS = ("impact", "expectations", "relationship", "replaceable", "appointed")
NEEDED = {
    "impact": "ja",
    "expectations": "ja",
    "relationship": "ja",
    "replaceable": "nee",
    "appointed": "nee",
}
OPPOSITE = {"ja": "nee", "nee": "ja"}
FIRST = (
    "Anna",
    "Jan-Willem",
    "Zoë",
    "Łukasz",
    "Mohammed",
    "Siobhán",
    "Björn",
    "Chloé",
    "Ngozi",
    "José María",
    "Saoirse",
    "Jürgen",
    "Aïcha",
    "Thanh Hương",
    "Oğuz",
)
LAST = (
    "de Vries",
    "van der Berg-Ångström",
    "Żółć",
    "El Amrani",
    "Ó Súilleabháin",
    "Nguyễn",
    "Müller-Lüdenscheidt",
    "Kowalczyk",
    "Janssen",
    "van 't Hek",
    "Østergaard",
    "Papadopoulou",
    "Dübendorfer-Wälchli",
    "Bakker",
    "Çelik",
)


# What the several-pilot case measures, in the names of its two ratios.
SEVERAL = "check + report + diff + first build"
# The pilots of the several-pilot case, each judging by the method at the top.
PILOTS = ("video", "chat", "cobrowse")


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def write_stakeholders(
    root: Path, count: int, seed: int = 20261128, pilots: tuple[str, ...] = ()
) -> None:
    """Synthetic but realistic stakeholder files below root/stakeholders. With `pilots`,
    the same people, each judged under `pilots:` by one to three of them (the same
    judgement in each, the first pilot's always): people shared by the pilots."""
    rng = random.Random(seed)
    shared = random.Random(seed + 1)
    folder = root / "stakeholders"
    for index in range(count):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if rng.random() < 0.05:
            name += " " + " ".join(rng.choice(LAST) for _ in range(6))  # a long name
        slug = re.sub(r"[^a-z0-9]+", "-", name.encode("ascii", "ignore").decode().lower())
        lines = [f'name: "{name}"', f"role: Medewerker {index}"]
        kind = rng.random()
        if kind < 0.03:
            path = folder / "klanten" / f"{slug.strip('-')}-{index}.yml"
            lines.append("external: direct")
        elif kind < 0.10:
            path = folder / "omgeving" / f"{slug.strip('-')}-{index}.yml"
            lines.append("external: indirect")
        else:
            discipline = DISCIPLINES[index % len(DISCIPLINES)]
            path = folder / discipline / f"{slug.strip('-')}-{index}.yml"
            lines += [f"discipline: {discipline}", "answers:"]
            outcome = rng.random()  # about a third each: shortlisted, pending, excluded
            for question in QUESTIONS:
                answer = NEEDED[question]
                if outcome > 0.66 and rng.random() < 0.3:
                    answer = OPPOSITE[answer]
                elif 0.33 < outcome <= 0.66 and rng.random() < 0.3:
                    answer = ""
                lines.append(f"  {question}: {answer}".rstrip())
            lines.append(f"expectation: Levert een bijdrage aan stap {index % 7 + 1} van de pilot.")
            if outcome <= 0.33 and rng.random() < 0.1:
                lines.append("interview: selected")
        if pilots:
            lines = _judged_by(lines, pilots[: shared.randint(1, len(pilots))])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# The keys of a file written by `write_stakeholders` that stand under a pilot, and
# the lines that belong to them.
_IDENTITY = ("name:", "role:", "discipline:", "external:")


def _judged_by(lines: list[str], pilots: tuple[str, ...]) -> list[str]:
    """A file's lines with the judgement under `pilots:` for each of `pilots`."""
    identity = [line for line in lines if line.startswith(_IDENTITY)]
    judgement = [line for line in lines if not line.startswith(_IDENTITY)]
    judged = [f"    {line}" for line in judgement]
    return [
        *identity,
        "pilots:",
        *(line for p in pilots for line in ((f"  {p}:", *judged) if judged else (f"  {p}: {{}}",))),
    ]


def prepare_pilots(workdir: Path, count: int, pilots: tuple[str, ...]) -> Path:
    """A copy of the sample handbook with `count` synthetic stakeholders shared by
    `pilots` (none: the handbook's one pilot judges them), committed as `commit_added`
    commits them (for `diff`)."""
    root = workdir / f"pilots{len(pilots) or 1}-{count}"
    root.mkdir()
    for name in ("content", "theme", "callers"):
        shutil.copytree(REPO / name, root / name)
    config = (REPO / "mkdocs.yml").read_text()
    if pilots:
        listed = "".join(f"        - id: {p}\n          name: Pilot {p}\n" for p in pilots)
        # Someone may be on every pilot's shortlist here: the strict sample would stop
        # at `stakeholder-overloaded` (more than 2), which is not what is measured.
        listed += f"      max_pilots_per_person: {len(pilots)}\n"
        config = config.replace("  - pilotbook:\n", f"  - pilotbook:\n      pilots:\n{listed}", 1)
        # The sample's nav and guidance pages name one pilot's pages: what a build of
        # several pilots costs is measured, not whether the sample's links fit them.
        config = config.replace("strict: true\n", "strict: false\n", 1)
    (root / "mkdocs.yml").write_text(config)
    write_stakeholders(root, count, pilots=pilots)
    commit_added(root)
    return root


def prepare(workdir: Path, count: int) -> Path:
    """A copy of the sample handbook with `count` synthetic stakeholders, and its floor."""
    root = workdir / f"n{count}"
    root.mkdir()
    for name in ("content", "theme", "callers"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    write_stakeholders(root, count)
    # The plugin puts pilotbook's theme (stylesheet, scripts, partials) after the
    # handbook's own overrides; the floor's one theme folder holds both, in that order.
    shutil.copytree(packaged_theme(), root / "floor-theme")
    shutil.copytree(root / "theme", root / "floor-theme", dirs_exist_ok=True)
    for audience in AUDIENCES:
        generated = root / f"generated-{audience}"
        run_checked([BIN / "pilotbook", "generate", str(generated)], root, audience=audience)
        config = (root / "mkdocs.yml").read_text()
        config = re.sub(r"  - pilotbook:\n(?:      .*\n)+", "", config)
        config = config.replace("docs_dir: content", f"docs_dir: generated-{audience}/docs")
        config = config.replace("custom_dir: theme\n", "custom_dir: floor-theme\n")
        # The navigation as `generate` wrote it: the discipline pages after the shortlist.
        nav = re.compile(r"^nav:\n(?:[ -].*\n)*", re.M)
        written = nav.search((generated / "mkdocs.yml").read_text())
        assert written is not None, "generate wrote no navigation"
        start, end = nav.search(config).span()
        config = config[:start] + written.group(0) + config[end:]
        config += "not_in_nav: |\n  /stakeholders/people/\n"
        (root / f"floor-{audience}.yml").write_text(config)
    return root


def packaged_theme() -> Path:
    """pilotbook's theme folder, asked of the installed pilotbook: imported here, it
    would grow this process, whose size each build it starts inherits as its peak."""
    asked = "import pilotbook.build.export as e; print(e.PACKAGED_THEME)"
    found = subprocess.run(
        [BIN / "python", "-c", asked], capture_output=True, text=True, check=True, env=ENV
    )
    return Path(found.stdout.strip())


def run_checked(
    command: list[object],
    cwd: Path,
    allowed: tuple[int, ...] = (0,),
    audience: str = "team",
    cache: str = "off",
) -> Run:
    """Run a command; its wall time and the peak memory of its process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(c) for c in command],
        cwd=cwd,
        env={**ENV, "PILOTBOOK_AUDIENCE": audience, "PILOTBOOK_CACHE": cache},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in allowed:
        raise SystemExit(f"{' '.join(map(str, command))} failed ({code}):\n{errors}")
    return Run(seconds, usage.ru_maxrss / 1024)


def commit_added(root: Path) -> None:
    """Two commits in `root`: the configuration alone, then the stakeholder files."""
    git = ["git", "-c", "user.email=bench@example.org", "-c", "user.name=bench"]
    for command in (
        ["init", "-q"],
        ["add", "mkdocs.yml"],
        ["commit", "-qm", "configuration"],
        ["add", "stakeholders"],
        ["commit", "-qm", "stakeholders"],
    ):
        run_checked([*git, *command], root)


def measure(root: Path, what: str, site: Path) -> Run:
    """`what` is check, report, diff, yamllint, or first/full/floor followed by the audience
    (full-team: a repeat build, its pages from the cache; first-team: no cache)."""
    if what == "check":
        return run_checked([BIN / "pilotbook", "check"], root, allowed=(0,))
    if what == "report":
        return run_checked([BIN / "pilotbook", "report", "--format", "json"], root)
    if what == "diff":
        diff = [BIN / "pilotbook", "diff", "HEAD~1", "HEAD", "--format", "json"]
        return run_checked(diff, root)
    if what == "yamllint":
        # yamllint exits 1 on warnings (line length and the like): it still read everything.
        return run_checked([BIN / "yamllint", "-d", "relaxed", "stakeholders"], root, (0, 1, 2))
    kind, audience = what.split("-")
    if kind in ("full", "first"):
        cache = "on" if kind == "full" else "off"
        build = [BIN / "mkdocs", "build", "-q", "-d", site]
        return run_checked(build, root, audience=audience, cache=cache)
    floor = f"floor-{audience}.yml"
    return run_checked(
        [BIN / "mkdocs", "build", "-q", "-f", floor, "-d", site], root, audience=audience
    )


def expect_cached(root: Path, audience: str, site: Path) -> None:
    """A repeat build must take its pages from the cache, or its timing means nothing."""
    result = subprocess.run(
        [BIN / "mkdocs", "build", "-d", site],
        cwd=root,
        env={**ENV, "PILOTBOOK_AUDIENCE": audience, "PILOTBOOK_CACHE": "on"},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or "come from the cache" not in result.stderr:
        why = result.stderr
        raise SystemExit(f"the repeat build of the {audience} did not use the cache:\n{why}")


# What the plugin's build adds to the site: the accent-folded words in the search
# index, and the mark that a build finished.
PLUGIN_ONLY = {"search/search_index.json", ".pilotbook-build"}


def expect_same_site(built: Path, floor: Path, audience: str) -> None:
    """The floor must build the site the plugin builds, or the ratio compares two sites.

    Compared file by file, a piece at a time: every build this script starts inherits
    its peak memory from this process, which must stay small."""

    def files(folder: Path) -> set[str]:
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}

    ours, theirs = files(built), files(floor)
    names = (ours | theirs) - PLUGIN_ONLY
    differ = sorted(
        n
        for n in names
        if n not in ours or n not in theirs or not filecmp.cmp(built / n, floor / n, shallow=False)
    )
    if differ:
        shown = ", ".join(differ[:5]) + (" ..." if len(differ) > 5 else "")
        raise SystemExit(f"the {audience}'s floor builds another site than the plugin: {shown}")


def median(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in runs), statistics.median(r.peak_mb for r in runs)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="N = 50 and one run of each")
    parser.add_argument("--runs", type=int, default=3, help="repetitions (default 3)")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    sizes = (
        {"small": 50, "large": 50, "lint": 50, "pilots": 50}
        if args.quick
        else {"small": 1000, "large": 4000, "lint": 5000, "pilots": 1000}
    )
    shared, half = sizes.pop("pilots"), sizes["small"] // 2
    with tempfile.TemporaryDirectory(prefix="pilotbook-bench-") as temp:
        workdir = Path(temp)
        roots = {n: prepare(workdir, n) for n in sorted(set(sizes.values()))}
        # The same people judged by one pilot and by three, and half as many by three.
        several = {
            (1, shared): prepare_pilots(workdir, shared, ()),
            (3, shared): prepare_pilots(workdir, shared, PILOTS),
            (3, half): prepare_pilots(workdir, half, PILOTS),
        }

        # Each kind of build has a site folder of its own, which each build replaces, as
        # a handbook's next build replaces its last: no build removes another's site.
        def site(n: int, what: str) -> Path:
            return workdir / "sites" / f"{n}-{what}"

        ENV["PILOTBOOK_CACHE_DIR"] = str(workdir / "cache")
        # Compiled modules are kept, as on any machine, for every program alike: in a
        # folder of the run's own, filled by one build of each kind before measuring.
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
        small = sizes["small"]
        for audience in AUDIENCES:  # the first full build fills the cache for the others
            for kind in ("full", "first", "floor"):
                measure(roots[small], f"{kind}-{audience}", site(small, f"{kind}-{audience}"))
            built, floor = (site(small, f"{kind}-{audience}") for kind in ("first", "floor"))
            expect_same_site(built, floor, audience)
            expect_cached(roots[small], audience, workdir / "sites" / "cached")
        commit_added(roots[sizes["lint"]])
        measure(roots[sizes["lint"]], "check", site(sizes["lint"], "check"))
        measure(roots[sizes["lint"]], "yamllint", site(sizes["lint"], "yamllint"))
        results: dict[tuple[int, str], list[Run]] = {}
        ratios: dict[str, list[float]] = {
            "overhead-team": [],
            "overhead-intranet": [],
            "first-team": [],
            "first-intranet": [],
            "linear": [],
            "lint": [],
            "diff": [],
            "memory": [],
            "pilots": [],
            "pilots-linear": [],
        }
        builds = [f"{kind}-{a}" for a in AUDIENCES for kind in ("full", "first", "floor")]
        for _ in range(runs):
            base = {w: measure(roots[small], w, site(small, w)) for w in builds}
            big = sizes["large"]
            large = {w: measure(roots[big], w, site(big, w)) for w in ("first-team", "floor-team")}
            many = sizes["lint"]
            lint = {
                w: measure(roots[many], w, site(many, w)) for w in ("check", "diff", "yamllint")
            }
            for n, measured in ((small, base), (big, large), (many, lint)):
                for what, result in measured.items():
                    results.setdefault((n, what), []).append(result)
            took: dict[tuple[int, int], float] = {}
            for (count, n), root in several.items():
                took[count, n] = 0.0
                for what in ("check", "report", "diff", "first-team"):
                    result = measure(root, what, site(n, f"pilots{count}-{what}"))
                    results.setdefault((n, f"pilots{count}-{what}"), []).append(result)
                    took[count, n] += result.seconds
            ratios["pilots"].append(took[3, shared] / took[1, shared])
            ratios["pilots-linear"].append(took[3, shared] / took[3, half])
            for audience in AUDIENCES:
                floor = base[f"floor-{audience}"].seconds
                ratios[f"overhead-{audience}"].append(base[f"full-{audience}"].seconds / floor)
                ratios[f"first-{audience}"].append(base[f"first-{audience}"].seconds / floor)
            ratios["linear"].append(large["first-team"].seconds / base["first-team"].seconds)
            ratios["lint"].append(lint["check"].seconds / lint["yamllint"].seconds)
            ratios["diff"].append(lint["diff"].seconds / lint["check"].seconds)
            ratios["memory"].append(large["first-team"].peak_mb / large["floor-team"].peak_mb)
    print(f"pilotbook benchmark: {runs} run(s) each, median; {os.cpu_count()} cores")
    print()
    print("| N | measurement | seconds | peak memory (MB) |")
    print("|--:|---|--:|--:|")
    names = {
        "full-team": "team: mkdocs build with the plugin, repeat build",
        "first-team": "team: mkdocs build with the plugin, first build (no cache)",
        "floor-team": "team: floor, mkdocs build of generated Markdown",
        "full-intranet": "intranet: mkdocs build with the plugin, repeat build",
        "first-intranet": "intranet: mkdocs build with the plugin, first build (no cache)",
        "floor-intranet": "intranet: floor, mkdocs build of generated Markdown",
        "check": "pilotbook check",
        "diff": "pilotbook diff, every file added",
        "yamllint": "yamllint (relaxed)",
        **{
            f"pilots{count}-{what}": f"{count} pilot{'s' if count > 1 else ''}: {label}"
            for count in (1, 3)
            for what, label in (
                ("check", "pilotbook check"),
                ("report", "pilotbook report --format json"),
                ("diff", "pilotbook diff, every file added"),
                ("first-team", "mkdocs build, first build (no cache)"),
            )
        },
    }
    for (n, what), measured in sorted(results.items()):
        result = median(measured)
        print(f"| {n:,} | {names[what]} | {result.seconds:.2f} | {result.peak_mb:.0f} |")
    print()
    at = f"N = {sizes['small']:,}"
    targets = (
        ("overhead-team", f"team repeat build / its floor, {at}", 1.10),
        ("overhead-intranet", f"intranet repeat build / its floor, {at}", 1.10),
        ("first-team", f"team first build / its floor, {at}", 1.10),
        ("first-intranet", f"intranet first build / its floor, {at}", 1.10),
        ("linear", f"first build N = {sizes['large']:,} / {at}", 4.4),
        ("lint", f"pilotbook check / yamllint, N = {sizes['lint']:,}", 0.4),
        ("diff", f"pilotbook diff, N added / pilotbook check, N = {sizes['lint']:,}", 2.0),
        ("memory", f"peak memory first build / floor, N = {sizes['large']:,}", 1.5),
        # Linear in the pilots: three cost at most three times one; in the people:
        # twice as many cost at most a little over twice as much.
        ("pilots", f"3 pilots / 1 pilot, {SEVERAL}, N = {shared:,}", 3.0),
        ("pilots-linear", f"3 pilots, {SEVERAL}, N = {shared:,} / N = {half:,}", 2.2),
    )
    # The range shows how far one run can stray on this machine: a median a few
    # hundredths from its target is within it.
    print("| ratio | measured | lowest–highest run | target |")
    print("|---|--:|--:|--:|")
    met = True
    for key, label, target in targets:
        value = statistics.median(ratios[key])
        spread = f"{min(ratios[key]):.2f}–{max(ratios[key]):.2f}"
        ok = value <= target
        met &= ok
        print(f"| {label} | {value:.2f} | {spread} | at most {target}{'' if ok else ' (missed)'} |")
    if args.quick:
        print("\n(quick mode: sizes too small for the targets to mean anything)")
        return 0
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
