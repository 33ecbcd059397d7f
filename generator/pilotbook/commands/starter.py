"""A new handbook, ready to build: `pilotbook init DIR --language en --pilot "..."`.

The starter is a complete, minimal handbook in one language: its `mkdocs.yml` (with
the method written out, so that the team sees what it can change), the guidance
pages, a stakeholder folder with the schema and one commented example per kind, a
callers folder with its schema and one commented example (and the call team written
out, commented), a `.gitignore` and the review pipeline of the team's CI system.
Nothing here knows of the terminal: the command line writes what `starter_files`
returns with `new.write_files`, all of it or nothing.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from pathlib import Path

from pilotbook.config.options import read_options
from pilotbook.method.model import DEFAULT_METHOD, Method, Wording
from pilotbook.method.pilots import Pilot, shared_method
from pilotbook.method.wording import label
from pilotbook.records.callers import CALLERS, new_caller_text
from pilotbook.records.ids import slugify
from pilotbook.records.new import unwritable, yaml_scalar
from pilotbook.records.schema import schema_text
from pilotbook.records.stakeholders import STAKEHOLDERS, new_stakeholder_text
from pilotbook.text.escaping import markdown_text

STARTER = Path(__file__).parents[1] / "starter"
# Where each CI system reads its pipeline, and the starter file written there.
PIPELINES = {
    "github": (".github/workflows/handbook.yml", "github-workflow.yml"),
    "gitlab": (".gitlab-ci.yml", "gitlab-ci.yml"),
    "azure": ("azure-pipelines.yml", "azure-pipelines.yml"),
}
CI_SYSTEMS = (*PIPELINES, "none")
# Builds stay out of git: the team's build (every answer) above all.
GITIGNORE = """\
# Builds: site/ for the intranet, site-team/ for the project team (every answer),
# site-offline/ to read from disk; any site-NAME/ of your own. A build writes into
# a folder beside its own (.site-team.pilotbook-...) before it swaps it in.
/site/
/site-*/
/.site.pilotbook-*/
/.site-*.pilotbook-*/
# A virtual environment kept in the handbook's folder.
/.venv/
"""
# The guidance pages of each language, in the order of the navigation.
PAGES = {
    "en": (
        ("index.md", "Home"),
        ("external-and-internal.md", "External and internal"),
        ("screening-and-interviews.md", "Screening and interviews"),
    ),
    "nl": (
        ("index.md", "Home"),
        ("extern-en-intern.md", "Extern en intern"),
        ("screenen-en-gesprekken.md", "Screenen en gesprekken"),
    ),
}
_WORDS = {
    "site_name": Wording("Handboek: {pilot}", "Handbook: {pilot}"),
    "about": Wording("Over stakeholders", "About stakeholders"),
    "to_dark": Wording("Donker thema", "Dark theme"),
    "to_light": Wording("Licht thema", "Light theme"),
    "stakeholders": Wording("Stakeholders", "Stakeholders"),
    "map": Wording("Kaart", "Map"),
    "shortlist": Wording("Shortlist", "Shortlist"),
    "external": Wording("Extern", "External"),
    "questions": Wording("Vragen", "Questions"),
    "example_internal": Wording("Voorbeeld Collega", "Example Colleague"),
    "example_internal_role": Wording("Teamleider", "Team lead"),
    "example_internal_expectation": Wording(
        "Zorgt dat het eigen team klaarstaat voor de pilot.",
        "Makes sure their team is ready for the pilot.",
    ),
    "example_direct": Wording("Deelnemers aan de pilot", "People taking part in the pilot"),
    "example_direct_expectation": Wording(
        "Doen mee aan de pilot en vertellen ons wat ze ervan vinden.",
        "Take part in the pilot and tell us what they think of it.",
    ),
    "example_indirect": Wording("Toezichthouder", "Regulator"),
    "example_indirect_expectation": Wording(
        "Voor de volledigheid: speelt in de pilot zelf geen rol.",
        "Listed for completeness: plays no part in the pilot itself.",
    ),
    "example_caller": Wording("Voorbeeld Beller", "Example Caller"),
    "example_caller_role": Wording("Medewerker", "Team member"),
    "example_caller_team": Wording("Team Noord", "Team North"),
    "example_caller_location": Wording("Hoofdkantoor", "Head office"),
    "externals_label": Wording("Deelnemers", "Participants"),
    "externals_guidance": Wording(
        "De mensen voor wie de pilot is: zonder hen is hij niet te toetsen.",
        "The people the pilot is for: without them it cannot be tested.",
    ),
    "call_team_reason": Wording(
        "Zo zegt de uitkomst iets over alle teams en locaties.",
        "So that the result speaks for every team and location.",
    ),
    "example_note": Wording(
        "Een voorbeeld: pas het aan of verwijder het. 'pilotbook new' schrijft nieuwe.",
        "An example: change it or delete it. 'pilotbook new' writes new ones.",
    ),
}


# What a CI system reads in a step before its shell does: GitHub's and Azure's
# expressions (`${{ }}`, `$[ ]`) and Azure's macros (`$(name)`).
_CI_EXPRESSION = re.compile(r"\$[{(\[]")


def install_problem(spec: str) -> str | None:
    """Why a pipeline cannot be told to install `spec`; None where it can."""
    if not spec.strip() or spec.startswith("-"):
        return (
            "give a requirement, a wheel's path or an address, such as 'pilotbook==0.1.0', "
            "'pilotbook>=0.1,<0.2' or 'wheels/pilotbook-0.1.0-py3-none-any.whl' (no pip "
            "options: the pipeline passes SPEC to pip as one argument)"
        )
    if re.search("[\t\n\r]", spec) or unwritable(spec):
        return "it holds a control character, such as a line break: give it on one line"
    if _CI_EXPRESSION.search(spec):
        return (
            "a CI system reads '${', '$(' and '$[' in a step itself, before the shell "
            "does: leave them out"
        )
    return None


def install_step(spec: str) -> str:
    """The YAML value of the step that runs `python -m pip install SPEC` in the shell of
    each CI system: bash on GitHub's and Azure's Ubuntu runners, sh or bash on GitLab's.
    Quoted for POSIX shells, so pip gets `spec` as one argument, as it is."""
    quoted = shlex.quote(spec)
    command = f"python -m pip install {quoted}"
    # shlex leaves only letters, digits and _@%+=:,./- unquoted: a plain YAML scalar.
    return command if quoted == spec else yaml_scalar(command)


def starter_files(
    language: str,
    pilot: str,
    *,
    ci: str = "github",
    install: str = "pilotbook",
    pilots: Sequence[tuple[str, str]] = (),
) -> dict[str, str]:
    """Every file of a new handbook, by its path relative to the handbook's folder.

    The pipeline installs `install`: a requirement, a wheel or an address. With
    `pilots` (each an id and a name), the handbook runs several over the same people:
    listed under `pilots:`, and each example judged under `pilots:` in its file."""
    words = {key: wording(language) for key, wording in _WORDS.items()}
    config = _mkdocs_yml(language, pilot, DEFAULT_METHOD, words)
    config = config.replace(_PILOTS_HERE, _pilots_option(pilots))
    files = {"mkdocs.yml": config.replace(_NAV_HERE, _nav(language, pilots))}
    for name, _ in PAGES[language]:
        page = (STARTER / language / name).read_text(encoding="utf-8")
        if pilots:  # the guidance shows the first pilot's pages
            page = page.replace("](stakeholders/", f"](stakeholders/{pilots[0][0]}/")
        files[f"content/{name}"] = page.replace("%PILOT%", markdown_text(pilot))
    # The schema of the method the written configuration describes (its texts in the
    # handbook's language), so that check finds it current from the start.
    written = read_options(files["mkdocs.yml"].encode(), "mkdocs.yml")
    listed = written.options.pilots
    method = shared_method(written.method, listed)
    files["stakeholders/schema.json"] = schema_text(STAKEHOLDERS, method, listed)
    files.update(_examples(language, words, listed))
    files["callers/schema.json"] = schema_text(CALLERS, written.method)
    files[f"callers/{_slug('example_caller', words)}.yml"] = _example_caller(language, words)
    files[".gitignore"] = GITIGNORE
    if ci in PIPELINES:
        files[PIPELINES[ci][0]] = pipeline(ci, install)
    return files


def _examples(language: str, words: dict[str, str], pilots: Sequence[Pilot] = ()) -> dict[str, str]:
    """The example stakeholders: a colleague and a direct and an indirect external one.
    With several pilots, the colleague is judged by the first, and the external ones
    take part in every pilot, so that no pilot starts without people."""
    note = f"# {words['example_note']}\n"
    schema = "# yaml-language-server: $schema=../schema.json\n"
    yes, no = ("yes", "no") if language == "en" else ("ja", "nee")
    several = bool(pilots)
    internal = new_stakeholder_text(
        words["example_internal"],
        DEFAULT_METHOD,
        discipline="it",
        role=words["example_internal_role"],
        language=language,
        several=several,
        pilot=pilots[0] if pilots else None,
    )
    for question in DEFAULT_METHOD.questions:
        internal = internal.replace(
            f"  {question.id}:\n", f"  {question.id}: {yes if question.needed else no}\n"
        )
    internal = internal.replace(
        "expectation:\n", f"expectation: {yaml_scalar(words['example_internal_expectation'])}\n"
    )
    examples = {f"stakeholders/it/{_slug('example_internal', words)}.yml": internal}
    for kind in ("direct", "indirect"):
        text = new_stakeholder_text(
            words[f"example_{kind}"], DEFAULT_METHOD, external=kind, language=language
        )
        expectation = f"expectation: {yaml_scalar(words[f'example_{kind}_expectation'])}"
        if several:
            text = new_stakeholder_text(
                words[f"example_{kind}"],
                DEFAULT_METHOD,
                external=kind,
                language=language,
                several=True,
            )
            text += "pilots:\n" + "".join(f"  {p.id}:\n    {expectation}\n" for p in pilots)
        else:
            text = text.replace("expectation:\n", f"{expectation}\n")
        examples[f"stakeholders/external/{_slug(f'example_{kind}', words)}.yml"] = text
    return {path: schema + note + text for path, text in examples.items()}


def _example_caller(language: str, words: dict[str, str]) -> str:
    text = new_caller_text(
        words["example_caller"],
        DEFAULT_METHOD,
        role=words["example_caller_role"],
        team=words["example_caller_team"],
        location=words["example_caller_location"],
        schema="schema.json",
        language=language,
    )
    return text.replace("\n", f"\n# {words['example_note']}\n", 1)


# Where `_mkdocs_yml` leaves room for the `pilots:` option (nothing, for one pilot).
_PILOTS_HERE = "%PILOTS%"
# Where it leaves room for the generated pages in the navigation.
_NAV_HERE = "%NAV%"
# The generated pages of a pilot in the navigation, by their title's label.
_NAV_PAGES = (
    ("map_title", "index.md"),
    ("shortlist_title", "shortlist.md"),
    ("external_title", "external.md"),
    ("questions_title", "questions.md"),
    ("grid_title", "grid.md"),
    ("involvement_title", "involvement.md"),
    ("register_title", "register/index.md"),
)
_CALL_TEAM_NAV = "call-team.md"


def _nav(language: str, pilots: Sequence[tuple[str, str]]) -> str:
    """The generated pages under 'Stakeholders' in the navigation: a handbook's one
    pilot's by their paths (titled by their pages); with several pilots, the portfolio
    and a section per pilot, named after it (its pages by their titles, which on the
    pages themselves carry the pilot's name)."""
    if not pilots:
        pages = "".join(f"      - stakeholders/{path}\n" for _, path in _NAV_PAGES)
        return pages + f"      # - stakeholders/{_CALL_TEAM_NAV}\n"
    portfolio = yaml_scalar(label("portfolio_title", language))
    lines = [f"      - {portfolio}: stakeholders/portfolio.md"]
    for ident, name in pilots:
        lines.append(f"      - {yaml_scalar(name)}:")
        lines += [
            f"          - {yaml_scalar(label(key, language))}: stakeholders/{ident}/{path}"
            for key, path in _NAV_PAGES
        ]
        call_team = yaml_scalar(label("call_team_title", language))
        lines.append(f"          # - {call_team}: stakeholders/{ident}/{_CALL_TEAM_NAV}")
    return "\n".join(lines) + "\n"


def _pilots_option(pilots: Sequence[tuple[str, str]]) -> str:
    """The `pilots:` option of a handbook started with several pilots."""
    if not pilots:
        return ""
    listed = "".join(
        f"        - id: {ident}\n          name: {yaml_scalar(name)}\n" for ident, name in pilots
    )
    return (
        "      # The pilots this handbook runs over the same people: each stakeholder file\n"
        "      # judges its person under 'pilots: <id>:'. A pilot may have its own\n"
        "      # disciplines, questions, phases, grid, call_team and audience; what it\n"
        "      # leaves out it takes from the options below.\n"
        f"      pilots:\n{listed}"
    )


def _slug(key: str, words: dict[str, str]) -> str:
    return slugify(words[key])


def _mkdocs_yml(language: str, pilot: str, method: Method, words: dict[str, str]) -> str:
    # Written as given (a tab or a line separator escaped), as `new` writes a name.
    pages = PAGES[language]
    disciplines = "\n".join(
        f"        - id: {d.id}\n          label: {yaml_scalar(d.label(language))}"
        for d in method.disciplines
    )
    questions = "\n".join(
        f"        - id: {q.id}\n"
        f"          text: {yaml_scalar(q.text(language))}\n"
        f"          short: {yaml_scalar(q.short(language))}\n"
        f"          needed: {'yes' if q.needed else 'no'}\n"
        f"          failed: {yaml_scalar(q.failed(language))}"
        for q in method.questions
    )
    guidance = "\n".join(f"      - {yaml_scalar(title)}: {name}" for name, title in pages[1:])
    return f"""\
site_name: {yaml_scalar(words["site_name"].format(pilot=pilot))}
docs_dir: content
# Every warning stops the build, so a broken link never reaches the intranet.
strict: true

theme:
  name: material
  language: {language}
  # Intranet readers are often behind a proxy: no fonts from Google.
  font: false
  features:
    - navigation.sections
    - navigation.indexes
    - toc.follow
  # A light and a dark palette, following the reader's system until they choose.
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      accent: teal
      toggle:
        icon: material/brightness-7
        name: {yaml_scalar(words["to_dark"])}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      accent: teal
      toggle:
        icon: material/brightness-4
        name: {yaml_scalar(words["to_light"])}
  # To change a page template or a part of the theme, create a folder 'theme/',
  # put the file there (for example theme/pages/external.md) and uncomment:
  # custom_dir: theme

plugins:
  - search:
      lang: {language}
  # PILOTBOOK_OFFLINE=true mkdocs build -d site-offline builds a copy that works
  # opened from disk (file://), search included.
  - offline:
      enabled: !ENV [PILOTBOOK_OFFLINE, false]
  - pilotbook:
      pilot: {yaml_scalar(pilot)}
      # Everyone on the intranet reads this build: no answers, and no names of
      # colleagues who are pending or excluded. PILOTBOOK_AUDIENCE=team shows all.
      audience: intranet
%PILOTS%      # The method. Rename, replace, add or remove disciplines and questions; then
      # run 'pilotbook schema > stakeholders/schema.json' for editors.
      disciplines:
{disciplines}
      questions:
{questions}
      # The external kinds: what the pages call them and say of them. Each label
      # and guidance is a text, or one per language ({{nl: ..., en: ...}}).
      # externals:
      #   direct:
      #     label: {yaml_scalar(words["externals_label"])}
      #     guidance: {yaml_scalar(words["externals_guidance"])}
      # The call team, where colleagues hold the pilot's calls (or sessions) with the
      # people it is for: a file each in callers/ (pilotbook new "Full Name" --caller).
      # Uncomment it, and its page in the nav below, to judge the group by the way it
      # is formed.
      # call_team:
      #   selection: cross-section   # appointed | cross-section | volunteers
      #   size: 8                    # how many callers the pilot needs
      #   spread: [team, location]   # cross-section: the fields the group must span
      #   reason: {yaml_scalar(words["call_team_reason"])}

markdown_extensions:
  - toc:
      permalink: true
  - tables
  - admonition
  - attr_list
  - md_in_html

nav:
  - {yaml_scalar(pages[0][1])}: {pages[0][0]}
  - {yaml_scalar(words["about"])}:
{guidance}
  - {yaml_scalar(words["stakeholders"])}:
%NAV%"""


def pipeline(ci: str, install: str) -> str:
    """The review pipeline of a handbook for CI system `ci`; `install` is what pip installs."""
    text = (STARTER / PIPELINES[ci][1]).read_text(encoding="utf-8")
    return text.replace("python -m pip install %INSTALL%", install_step(install))
