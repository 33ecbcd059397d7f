"""Shared helpers: a copy of the sample handbook, and the real commands to run on it."""

from __future__ import annotations

import contextlib
import csv
import importlib.util
import io
import logging
import math
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import traceback
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from pilotbook.commands.cli import main

REPO = Path(__file__).resolve().parent.parent
# Most tests read the project team's view, where every screening rule shows; the
# tests of the intranet's view set PILOTBOOK_AUDIENCE=intranet themselves.
# Builds keep their cache in a folder of this test run's, never in the user's own, and
# use it in CI too, so that every test also goes through it.
CACHE = tempfile.mkdtemp(prefix="pilotbook-test-cache-")
ENV = {
    **os.environ,
    "NO_MKDOCS_2_WARNING": "1",
    "PYTHONUTF8": "1",
    "PILOTBOOK_AUDIENCE": "team",
    "PILOTBOOK_CACHE_DIR": CACHE,
}


# pilotbook's own documentation: README.md starts a newcomer off and links the reference,
# the pages of docs/ (built as a site of its own with docs/mkdocs.yml).
README = REPO / "README.md"
DOCS = REPO / "docs"
DOCS_PAGES = DOCS / "pages"


def docs_page(name: str) -> str:
    """The text of `docs/pages/NAME.md`, a page of pilotbook's own documentation, for the
    tests that hold what it says to what pilotbook does."""
    return (DOCS_PAGES / f"{name}.md").read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """What Markdown `text` says under the line `heading` (`## A caller file`), up to the
    next heading of its level or above; a line in a code block (a YAML comment) is none."""
    lines = text.splitlines(keepends=True)
    assert f"{heading}\n" in lines, f"no heading {heading!r}"
    start = lines.index(f"{heading}\n") + 1
    above = re.compile(rf"#{{1,{len(heading) - len(heading.lstrip('#'))}}} ")
    fenced = False
    for end in range(start, len(lines)):
        fenced ^= lines[end].startswith("```")
        if not fenced and above.match(lines[end]):
            return "".join(lines[start:end])
    return "".join(lines[start:])


def load_bench() -> ModuleType:
    """bench/run.py as a module, for its generator of synthetic stakeholders."""
    if "bench_run" in sys.modules:
        return sys.modules["bench_run"]
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = bench
    spec.loader.exec_module(bench)
    return bench


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def run(
    args: list[str], cwd: Path, timeout: float = 120, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env={**ENV, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def pilotbook_process(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m pilotbook ARGS` in a process of its own: for what only a process
    shows (its start, its exit status, how the terminal gets its output)."""
    return run([sys.executable, "-m", "pilotbook", *args], cwd, env=env)


# The warnings filters Python starts with (without -W): what a command run in a
# process of its own would print of a warning.
_STARTING_FILTERS = (
    ("default", DeprecationWarning, "__main__"),
    ("ignore", DeprecationWarning, ""),
    ("ignore", PendingDeprecationWarning, ""),
    ("ignore", ImportWarning, ""),
    ("ignore", ResourceWarning, ""),
)


def pilotbook(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`pilotbook ARGS` run in this process, as `pilotbook_process` runs it in a new one.

    For tests of what a command says and does, where starting Python (most of a
    command's time) is not the point. `main` runs as the console script runs it: in
    `cwd`, with the environment `ENV` (and `env`) alone, exit statuses as the process
    would have them, its output written as UTF-8 (in UTF-8 mode, as `ENV` asks) and
    read back as `run` reads a process's; log records and warnings that nobody
    handles are printed to its stderr, a traceback too, as Python prints them.
    """
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="surrogateescape")
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace")
    with (
        _as_a_process(cwd, env),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        try:
            status = main(list(args))
        except SystemExit as exit:  # argparse: wrong usage, --help, --version
            status = _exit_status(exit.code)
        except Exception:
            traceback.print_exc()
            status = 1
        stdout.flush()
        stderr.flush()
    return subprocess.CompletedProcess(
        ["pilotbook", *args], status, _as_text(out.getvalue()), _as_text(err.getvalue())
    )


@contextlib.contextmanager
def _as_a_process(cwd: Path, env: dict[str, str] | None) -> Iterator[None]:
    """This process as a new one would start: in `cwd`, with `ENV` and `env` as its
    environment, no log handler (Python's last resort prints to stderr) and Python's
    own warnings filters. What the command changes of these is put back."""
    environ, folder = dict(os.environ), os.getcwd()
    root = logging.getLogger()
    handlers = root.handlers[:]
    levels = {name: logger.level for name, logger in _loggers()}
    try:
        os.environ.clear()
        os.environ.update({**ENV, **(env or {})})
        os.chdir(cwd)
        root.handlers = []
        with warnings.catch_warnings():
            warnings.resetwarnings()
            for action, category, module in reversed(_STARTING_FILTERS):
                warnings.filterwarnings(action, category=category, module=module)
            yield
    finally:
        root.handlers = handlers
        for name, logger in _loggers():  # those the command made too
            logger.setLevel(levels.get(name, logging.NOTSET))
        os.chdir(folder)
        os.environ.clear()
        os.environ.update(environ)


# A `python -m pilotbook` process holds about this much address space before it reads
# a file (Python and pilotbook's code): what a limit of a process's address space left
# the command itself, where it runs in this process.
STARTED_BYTES = 40 * 1024**2


class OverLimit(BaseException):
    """A command ran past its time: no Exception, so that `main` cannot report it as a
    bug of its own and carry on."""


def _over_limit(signum: int, frame: object) -> None:
    raise OverLimit(signal.Signals(signum).name)


def _address_space() -> int:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"^VmSize:\s*(\d+) kB$", status, re.M)[1]) * 1024


@contextlib.contextmanager
def limits(
    *, memory_bytes: int, cpu_seconds: int | None = None, wall_seconds: float = 60
) -> Iterator[None]:
    """What runs inside, in this process, as in a process of its own given at most
    `memory_bytes` of address space (RLIMIT_AS), `cpu_seconds` of CPU (RLIMIT_CPU: the
    kernel counts whole seconds, so between one second less and that) and
    `wall_seconds` in all. The soft limits are lowered for the while; past them, an
    allocation fails (MemoryError), and SIGXCPU or the timer raise OverLimit."""
    cpu, memory = (resource.getrlimit(r) for r in (resource.RLIMIT_CPU, resource.RLIMIT_AS))
    used = resource.getrusage(resource.RUSAGE_SELF)
    handlers = {
        signum: signal.signal(signum, _over_limit) for signum in (signal.SIGXCPU, signal.SIGALRM)
    }
    try:
        if cpu_seconds is not None:
            spent = math.floor(used.ru_utime + used.ru_stime)
            resource.setrlimit(resource.RLIMIT_CPU, (spent + cpu_seconds, cpu[1]))
        more = memory_bytes - STARTED_BYTES
        resource.setrlimit(resource.RLIMIT_AS, (_address_space() + more, memory[1]))
        signal.setitimer(signal.ITIMER_REAL, wall_seconds)
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        resource.setrlimit(resource.RLIMIT_AS, memory)
        resource.setrlimit(resource.RLIMIT_CPU, cpu)
        for signum, handler in handlers.items():
            signal.signal(signum, handler)


def _loggers() -> list[tuple[str, logging.Logger]]:
    return [
        (name, logger)
        for name, logger in logging.Logger.manager.loggerDict.items()
        if isinstance(logger, logging.Logger)
    ]


def _exit_status(code: object) -> int:
    """The exit status of `sys.exit(code)`, printing what Python prints for it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _as_text(output: bytes) -> str:
    """A process's output as `run` reads it: UTF-8, line endings as text mode gives them."""
    return output.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def mkdocs_build(
    project: Path, site: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "mkdocs", "build", "-d", str(site)], project, env=env)


def mkdocs_build_here(
    project: Path, site: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build -d SITE` in `project` as `mkdocs_build` runs it, in this process:
    what MkDocs' `build` command does (its configuration read, its plugins' startup
    and shutdown around the build, its log printed as it prints it). For tests of
    many handbooks where the build is the same but the files differ."""
    out, err = io.StringIO(), io.StringIO()
    printed = logging.StreamHandler(err)
    printed.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    log = logging.getLogger("mkdocs")
    propagate = log.propagate
    with (
        _as_a_process(project, env),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        log.setLevel(logging.INFO)
        log.propagate = False
        log.addHandler(printed)
        try:
            config = load_config(site_dir=str(site))
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
            status = 0
        except MkDocsException as error:  # what its command line says of it, and exit 1
            print("\n" + error.format_message())
            status = 1
        except Exception:
            traceback.print_exc()
            status = 1
        finally:
            log.removeHandler(printed)
            log.propagate = propagate
    return subprocess.CompletedProcess(["mkdocs", "build"], status, out.getvalue(), err.getvalue())


def built(project: Path, site: Path, env: dict[str, str] | None = None) -> Path:
    """Build `project` into `site`, which must succeed; returns `site`."""
    result = mkdocs_build(project, site, env)
    assert result.returncode == 0, result.stderr
    return site


# The sample's plugin options after `stakeholders_dir`, which tests replace.
SAMPLE_OPTIONS = "      pilot: Videobellen met klanten\n"


def _sample_call_team() -> str:
    """The sample's `call_team` option (with its comment): what follows `pilot:`."""
    config = (REPO / "mkdocs.yml").read_text()
    start = config.index(SAMPLE_OPTIONS) + len(SAMPLE_OPTIONS)
    call_team = config[start : config.index("\nmarkdown_extensions:", start)]
    assert "      call_team:\n" in call_team and call_team.endswith("\n"), call_team
    return call_team


SAMPLE_CALL_TEAM = _sample_call_team()


def copy_sample(target: Path, *, stakeholders: bool = True) -> Path:
    """A copy of the sample handbook at `target` (its stakeholder and caller files
    optional)."""
    target.mkdir(parents=True)
    for name in ("content", "theme") + (("stakeholders", "callers") if stakeholders else ()):
        shutil.copytree(REPO / name, target / name)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


# Where the sample shows its call team's page: in its nav, and a link from its guidance.
SAMPLE_CALL_TEAM_NAV = "      - stakeholders/call-team.md\n"
SAMPLE_CALL_TEAM_LINK = ("[Belteam](stakeholders/call-team.md)", "Belteam")


def _without_call_team_page(project: Path, config: str) -> str:
    """`config` (the sample's mkdocs.yml) and its guidance page without the links to a
    call-team page, for a handbook that has no call team."""
    guidance = project / "content" / "bellers-kiezen.md"
    if guidance.exists():
        guidance.write_text(guidance.read_text().replace(*SAMPLE_CALL_TEAM_LINK))
    return config.replace(SAMPLE_CALL_TEAM_NAV, "")


def configure(project: Path, options: str, extensions: str = "") -> str:
    """Give the plugin `options` instead of the sample's (its call team too, and the
    links to its page unless `options` has a call team), and add Markdown extensions."""
    config = (project / "mkdocs.yml").read_text()
    assert SAMPLE_OPTIONS in config
    options = textwrap.indent(textwrap.dedent(options).strip("\n"), " " * 6)
    config = config.replace(SAMPLE_OPTIONS + SAMPLE_CALL_TEAM, SAMPLE_OPTIONS)
    config = config.replace(SAMPLE_OPTIONS, options + "\n")
    if "call_team:" not in options:
        config = _without_call_team_page(project, config)
    config = config.replace("markdown_extensions:\n", "markdown_extensions:\n" + extensions)
    (project / "mkdocs.yml").write_text(config)
    return config


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the sample handbook that a test may change."""
    return copy_sample(tmp_path / "handbook")


def without_call_team(project: Path) -> Path:
    """A copy of the sample without its call team: no callers, no `call_team` option,
    and no link to a call-team page."""
    shutil.rmtree(project / "callers", ignore_errors=True)
    config = project / "mkdocs.yml"
    text = config.read_text().replace(SAMPLE_CALL_TEAM, "")
    config.write_text(_without_call_team_page(project, text))
    return project


@pytest.fixture
def empty_project(project: Path) -> Path:
    """The sample handbook's site with no stakeholder files yet, and no call team."""
    shutil.rmtree(project / "stakeholders")
    (project / "stakeholders").mkdir()
    return without_call_team(project)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample handbook, built once with a real `mkdocs build` (for the project
    team): to be read, not changed."""
    return built(REPO, tmp_path_factory.mktemp("sample") / "site")


@pytest.fixture(scope="session")
def intranet_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample handbook built once for the intranet: to be read, not changed."""
    site = tmp_path_factory.mktemp("intranet") / "site"
    return built(REPO, site, env={"PILOTBOOK_AUDIENCE": "intranet"})


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `bin` folder of a fresh virtual environment with pilotbook installed from a
    wheel built from this repository: no editable install, no access to its files."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(
        REPO / "generator",
        source / "generator",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    wheels = root / "dist"
    result = run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), "."],
        source,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = wheels.glob("pilotbook-*.whl")
    venv = root / "venv"
    assert run([sys.executable, "-m", "venv", str(venv)], root).returncode == 0
    result = run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], root, timeout=600)
    assert result.returncode == 0, result.stderr
    return venv / "bin"


# A team that replaces one of the five disciplines with its own.
REPLACED_DISCIPLINE = {
    "en": (
        '- id: sales\n          label: "Sales"',
        '- id: clinical\n          label: "Clinical staff"',
    ),
    "nl": ('- id: sales\n          label: "Sales"', '- id: zorg\n          label: "Zorgverleners"'),
}
NEW_PEOPLE = {
    "en": [("Søren Ørsted", "clinical"), ("Łukasz Nowak", "legal")],
    "nl": [("Đorđe Petrović", "zorg"), ("Straße Müller", "it")],
}


def start_handbook(bin_dir: Path, folder: Path, language: str) -> Path:
    """What a new team does: init, its own discipline, two people added with `new`."""
    pilot = "E-consult by video" if language == "en" else "E-consult via video"
    result = run(
        [str(bin_dir / "pilotbook"), "init", str(folder), "--language", language, "--pilot", pilot],
        folder.parent,
    )
    assert result.returncode == 0, result.stderr
    config = folder / "mkdocs.yml"
    old, new = REPLACED_DISCIPLINE[language]
    assert old in config.read_text()
    config.write_text(config.read_text().replace(old, new))
    for name, discipline in NEW_PEOPLE[language]:
        result = run(
            [str(bin_dir / "pilotbook"), "new", name, "--discipline", discipline],
            folder / "stakeholders",
        )
        assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture(scope="session")
def new_handbooks(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An English and a Dutch handbook started with the installed wheel, each built with
    `mkdocs build --strict` for the intranet into its `site/`."""
    handbooks = {}
    for language in ("en", "nl"):
        folder = start_handbook(installed, tmp_path_factory.mktemp(language) / "handbook", language)
        result = run(
            [str(installed / "mkdocs"), "build", "--strict"],
            folder,
            env={"PILOTBOOK_AUDIENCE": "intranet"},
        )
        assert result.returncode == 0, result.stderr
        handbooks[language] = folder
    return handbooks


def csv_rows(text: str) -> list[dict[str, str]]:
    """The rows of a CSV report, read as a CSV reader for spreadsheets' files reads them:
    the byte-order mark that tells Excel the CSV is UTF-8 skipped (`utf-8-sig`)."""
    data = text.encode("utf-8", "surrogateescape").decode("utf-8-sig", "surrogateescape")
    return list(csv.DictReader(io.StringIO(data)))


# A handbook with three pilots over one set of people ---------------------------------

THREE_PILOTS_CONFIG = """\
site_name: Klantcontact op afstand
docs_dir: content
theme:
  name: material
  language: nl
plugins:
  - search
  - pilotbook:
      audience: intranet
      # cobrowse is published for the team on this intranet site, as meant.
      levels:
        team-pilot-on-intranet: info
      phases:
        - id: setup
          label: Opzetten
        - id: execution
          label: Uitvoeren
      pilots:
        - id: video
          name: Videobellen met klanten
          call_team:
            selection: appointed
            size: 1
        - id: chat
          name: Chatten met klanten
          disciplines:
            - id: legal
              label: Juridisch
            - id: it
              label: IT
        - id: cobrowse
          name: Meekijken met klanten
          audience: team
          questions:
            - id: impact
              text: Heeft de stakeholder invloed op de uitkomst?
              short: Invloed
              needed: yes
            - id: expectations
              text: Is helder wat we van de stakeholder verwachten?
              short: Verwachting helder
              needed: yes
"""

# The answers that shortlist a colleague by the method at the top.
SHORTLISTED = "{impact: ja, expectations: ja, relationship: ja, replaceable: nee, appointed: nee}"
# Each person's file: who they are at the top, each pilot's judgement under `pilots:`
# (`*shortlisted` stands for SHORTLISTED).
THREE_PILOTS_PEOPLE = {
    # In all three: shortlisted in video and chat, excluded in cobrowse.
    "legal/linda-vos.yml": """\
        name: Linda Vos
        role: Functionaris gegevensbescherming
        discipline: legal
        pilots:
          video:
            answers: *shortlisted
            expectation: Toetst het opnamebeleid.
            involvement: {setup: involve}
          chat:
            answers: *shortlisted
            expectation: Toetst de bewaartermijn van chats.
            involvement: {setup: consult}
          cobrowse:
            answers: {impact: nee, expectations: ja}
        """,
    # Pending in video, shortlisted in chat.
    "it/hanna-bos.yml": """\
        name: Hanna Bos
        role: Product owner klantportaal
        discipline: it
        pilots:
          video:
            answers: {impact: ja, expectations: ja}
          chat:
            answers: *shortlisted
            involvement: {setup: involve}
        """,
    # Only in video, shortlisted.
    "facilities/bram-willems.yml": """\
        name: Bram Willems
        role: Beheerder vergaderruimtes
        discipline: facilities
        pilots:
          video:
            answers: *shortlisted
            involvement: {setup: inform}
        """,
    # Excluded in video, shortlisted in cobrowse.
    "marketing/eva-bakker.yml": """\
        name: Eva Bakker
        role: Marketeer digitale kanalen
        discipline: marketing
        pilots:
          video:
            answers: {impact: nee}
          cobrowse:
            answers: {impact: ja, expectations: ja}
            involvement: {setup: consult}
        """,
    # In every pilot.
    "external/klanten.yml": """\
        name: Particuliere klanten
        external: direct
        pilots:
          video:
            expectation: Bellen met hun adviseur.
            involvement: {execution: involve}
          chat:
            involvement: {execution: inform}
          cobrowse:
            involvement: {execution: consult}
        """,
    # In cobrowse, not judged yet: pending.
    "legal/ruben-kok.yml": """\
        name: Ruben Kok
        role: Risicomanager
        discipline: legal
        pilots:
          cobrowse: {}
        """,
    # In no pilot (yet).
    "sales/peter-visser.yml": """\
        name: Peter Visser
        role: Adviseur
        discipline: sales
        """,
}
THREE_PILOTS_CALLER = """\
    name: Sanne de Boer
    team: Noord
    status: selected
    appointed_by: Teamleider klantcontact
    """


def three_pilots(root: Path) -> Path:
    """A handbook at `root` with three pilots over shared people: `video` (the method
    at the top, with a call team), `chat` (its own disciplines: legal and it) and
    `cobrowse` (its own two questions, for the team). Linda Vos is in all three, Hanna
    Bos in video and chat, Eva Bakker in video and cobrowse, Bram Willems in video
    alone, the customers (external) in all three, Ruben Kok in cobrowse (not judged
    yet), Peter Visser in none. `check` finds no problem in it; tests change it to find
    one."""
    write(root, "mkdocs.yml", THREE_PILOTS_CONFIG)
    write(root, "content/index.md", "# Klantcontact op afstand\n")
    for relative, text in THREE_PILOTS_PEOPLE.items():
        write(root, f"stakeholders/{relative}", text.replace("*shortlisted", SHORTLISTED))
    write(root, "callers/sanne-de-boer.yml", THREE_PILOTS_CALLER)
    return root
