"""A new handbook, ready to build: `pilotbook init DIR --language en --pilot "..."`.

The starter is a complete, minimal handbook in one language: its `mkdocs.yml` (with
the method written out, so that the team sees what it can change), the guidance
pages, a stakeholder folder with the schema and one commented example per kind, a
`.gitignore` and the review pipeline of the team's CI system. Nothing here knows of
the terminal: the command line writes what `starter_files` returns with
`write_starter`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from pilotbook.escaping import markdown_text, one_line
from pilotbook.method import DEFAULT_METHOD, Method, Wording
from pilotbook.new import new_stakeholder_text, write_new
from pilotbook.schema import schema_text

STARTER = Path(__file__).parent / "starter"
# Where each CI system reads its pipeline, and the starter file written there.
PIPELINES = {
    "github": (".github/workflows/handbook.yml", "github-workflow.yml"),
    "gitlab": (".gitlab-ci.yml", "gitlab-ci.yml"),
    "azure": ("azure-pipelines.yml", "azure-pipelines.yml"),
}
CI_SYSTEMS = (*PIPELINES, "none")
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
    "example_internal_role": Wording("Productowner videoplatform", "Video platform owner"),
    "example_internal_expectation": Wording(
        "Zorgt dat het videoplatform klaarstaat voor de pilot.",
        "Makes sure the video platform is ready for the pilot.",
    ),
    "example_direct": Wording("Deelnemers aan de pilot", "People taking part in the pilot"),
    "example_direct_expectation": Wording(
        "Voeren de gesprekken en vertellen ons wat ze ervan vinden.",
        "Hold the calls and tell us what they think of them.",
    ),
    "example_indirect": Wording("Toezichthouder", "Regulator"),
    "example_indirect_expectation": Wording(
        "Voor de volledigheid: speelt in de pilot zelf geen rol.",
        "Listed for completeness: plays no part in the pilot itself.",
    ),
    "example_note": Wording(
        "Een voorbeeld: pas het aan of verwijder het. 'pilotbook new' schrijft nieuwe.",
        "An example: change it or delete it. 'pilotbook new' writes new ones.",
    ),
}


@dataclass(frozen=True)
class Written:
    """What `write_starter` did: the files it wrote and the ones it left alone."""

    written: tuple[str, ...]
    existing: tuple[str, ...]


def _yaml(text: str) -> str:
    """A YAML scalar for any text: JSON strings are valid YAML double-quoted scalars."""
    return json.dumps(text, ensure_ascii=False)


# What a pipeline may be told to install: a requirement, a wheel's path or an address,
# without spaces or YAML's and the shell's special characters.
INSTALLABLE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+/:=<>!~,\[\]-]*$")


def starter_files(
    language: str,
    pilot: str,
    *,
    ci: str = "github",
    version: str = "0",
    install: str | None = None,
) -> dict[str, str]:
    """Every file of a new handbook, by its path relative to the handbook's folder.

    The pipeline installs `install` (a requirement, a wheel or an address) or, by
    default, this version of pilotbook from the package index."""
    words = {key: wording(language) for key, wording in _WORDS.items()}
    files = {"mkdocs.yml": _mkdocs_yml(language, pilot, DEFAULT_METHOD, words)}
    for name, _ in PAGES[language]:
        page = (STARTER / language / name).read_text(encoding="utf-8")
        files[f"content/{name}"] = page.replace("%PILOT%", markdown_text(pilot))
    files["stakeholders/schema.json"] = schema_text(DEFAULT_METHOD)
    files.update(_examples(language, words))
    files[".gitignore"] = (
        "# The built handbook, and the folder a build writes before it swaps it in\n"
        "/site/\n/site-offline/\n/.site.pilotbook-*/\n/.site-offline.pilotbook-*/\n"
    )
    if ci in PIPELINES:
        files[PIPELINES[ci][0]] = pipeline(ci, install or f"pilotbook=={version}")
    return files


def _examples(language: str, words: dict[str, str]) -> dict[str, str]:
    note = f"# {words['example_note']}\n"
    schema = "# yaml-language-server: $schema=../schema.json\n"
    yes, no = ("yes", "no") if language == "en" else ("ja", "nee")
    internal = new_stakeholder_text(
        words["example_internal"],
        DEFAULT_METHOD,
        discipline="it",
        role=words["example_internal_role"],
        language=language,
    )
    for question in DEFAULT_METHOD.questions:
        internal = internal.replace(
            f"  {question.id}:\n", f"  {question.id}: {yes if question.needed else no}\n"
        )
    internal = internal.replace(
        "expectation:\n", f"expectation: {_yaml(words['example_internal_expectation'])}\n"
    )
    examples = {f"stakeholders/it/{_slug('example_internal', words)}.yml": internal}
    for kind in ("direct", "indirect"):
        text = new_stakeholder_text(
            words[f"example_{kind}"], DEFAULT_METHOD, external=kind, language=language
        )
        text = text.replace(
            "expectation:\n", f"expectation: {_yaml(words[f'example_{kind}_expectation'])}\n"
        )
        examples[f"stakeholders/external/{_slug(f'example_{kind}', words)}.yml"] = text
    return {path: schema + note + text for path, text in examples.items()}


def _slug(key: str, words: dict[str, str]) -> str:
    from pilotbook.stakeholders import slugify

    return slugify(words[key])


def _mkdocs_yml(language: str, pilot: str, method: Method, words: dict[str, str]) -> str:
    pilot = one_line(pilot)
    pages = PAGES[language]
    disciplines = "\n".join(
        f"        - id: {d.id}\n          label: {_yaml(d.label(language))}"
        for d in method.disciplines
    )
    questions = "\n".join(
        f"        - id: {q.id}\n"
        f"          text: {_yaml(q.text(language))}\n"
        f"          short: {_yaml(q.short(language))}\n"
        f"          needed: {'yes' if q.needed else 'no'}\n"
        f"          failed: {_yaml(q.failed(language))}"
        for q in method.questions
    )
    guidance = "\n".join(f"      - {_yaml(title)}: {name}" for name, title in pages[1:])
    return f"""\
site_name: {_yaml(words["site_name"].format(pilot=pilot))}
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
        name: {_yaml(words["to_dark"])}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      accent: teal
      toggle:
        icon: material/brightness-4
        name: {_yaml(words["to_light"])}
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
      pilot: {_yaml(pilot)}
      # Everyone on the intranet reads this build: no answers, and no names of
      # colleagues who are pending or excluded. PILOTBOOK_AUDIENCE=team shows all.
      audience: intranet
      # The method. Rename, replace, add or remove disciplines and questions; then
      # run 'pilotbook schema > stakeholders/schema.json' for editors.
      disciplines:
{disciplines}
      questions:
{questions}

markdown_extensions:
  - toc:
      permalink: true
  - tables
  - admonition
  - attr_list
  - md_in_html

nav:
  - {_yaml(pages[0][1])}: {pages[0][0]}
  - {_yaml(words["about"])}:
{guidance}
  - {_yaml(words["stakeholders"])}:
      - stakeholders/index.md
      - stakeholders/shortlist.md
      - stakeholders/external.md
      - stakeholders/questions.md
      - stakeholders/grid.md
      - stakeholders/involvement.md
"""


def pipeline(ci: str, install: str) -> str:
    """The review pipeline of a handbook for CI system `ci`; `install` is what pip installs."""
    text = (STARTER / PIPELINES[ci][1]).read_text(encoding="utf-8")
    return text.replace("%INSTALL%", install)


def write_starter(folder: Path, files: dict[str, str]) -> Written:
    """Write every file that does not exist yet; an existing file is left alone."""
    written, existing = [], []
    for relative, text in files.items():
        path = folder / relative
        try:
            write_new(path, text)
        except FileExistsError:
            existing.append(relative)
        else:
            written.append(relative)
    return Written(tuple(written), tuple(existing))
