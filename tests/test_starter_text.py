"""What `pilotbook init` writes holds for any pilot and any method: the starter pages
say nothing that configuring the method makes untrue, the external kinds' labels and
guidance are options with defaults that fit any pilot, and the examples name nothing
of one kind of pilot (a video platform, calls)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import copy_sample, mkdocs_build_here, pilotbook, run, write

from pilotbook.commands.starter import PAGES
from pilotbook.config.options import read_options
from pilotbook.method.model import DEFAULT_METHOD
from pilotbook.urls import page_url

# Another team's method: six disciplines, four questions and two phases of its own,
# and its own words for the external kinds.
OTHER_METHOD = """\
      disciplines:
        - id: care
          label: {nl: Zorgverleners, en: Care staff}
        - id: planning
          label: {nl: Roosterplanning, en: Scheduling}
        - id: finance
          label: {nl: Financiën, en: Finance}
        - id: privacy
          label: {nl: Privacyteam, en: Privacy office}
        - id: comms
          label: {nl: Communicatie, en: Communications}
        - id: ops
          label: {nl: Beheer, en: Operations}
      questions:
        - id: touches
          text: {nl: "Raakt de pilot hun werk?", en: "Does the pilot touch their work?"}
          short: {nl: Raakt hun werk, en: Touches their work}
          needed: yes
        - id: time
          text: {nl: "Hebben ze er tijd voor?", en: "Do they have time for it?"}
          short: {nl: Heeft tijd, en: Has time}
          needed: yes
        - id: mandate
          text: {nl: "Mogen ze besluiten nemen?", en: "May they take decisions?"}
          short: {nl: Mag besluiten, en: May decide}
          needed: yes
        - id: elsewhere
          text: {nl: "Zitten ze al in een ander project?", en: "Are they in another project?"}
          short: {nl: Al elders, en: Already elsewhere}
          needed: no
      phases:
        - id: trial
          label: {nl: Proef, en: Trial}
        - id: review
          label: {nl: Terugblik, en: Review}
      externals:
        direct: {label: {nl: Bewoners, en: Residents}}
        indirect: {label: {nl: Omgeving, en: Surroundings}}
"""
# The method as init writes it: the disciplines and the questions, every line below
# them indented further.
WRITTEN_METHOD = re.compile(r"      disciplines:\n(?:        .*\n|      questions:\n)+")
NUMBERS = {
    "en": ("zero one two three four five six seven eight nine ten eleven twelve").split(),
    # "een" is Dutch for "a" as well as "one": only "één" counts.
    "nl": ("nul één twee drie vier vijf zes zeven acht negen tien elf twaalf").split(),
}
# The plural nouns a count can stand before, and which part of the method each counts.
COUNTED = {
    "disciplines": "disciplines",
    "questions": "questions",
    "vragen": "questions",
    "screeningsvragen": "questions",
    "phases": "phases",
    "fases": "phases",
    "fasen": "phases",
}


def init(tmp_path: Path, language: str) -> Path:
    folder = tmp_path / language
    result = pilotbook("init", str(folder), "--language", language, "--pilot", "P", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return folder


def build(handbook: Path, site: Path) -> Path:
    result = mkdocs_build_here(handbook, site)
    assert result.returncode == 0, result.stderr
    return site


def schemas_renewed(handbook: Path) -> None:
    """What mkdocs.yml tells a team to do after changing the method."""
    for kind in ("stakeholders", "callers"):
        result = pilotbook("schema", kind, cwd=handbook)
        assert result.returncode == 0, result.stderr
        (handbook / kind / "schema.json").write_text(result.stdout)


def article(page: Path) -> tuple[str, list[str]]:
    """A built page's own text (not the navigation's), folded, and its code spans."""
    body = page.read_text(encoding="utf-8")
    body = body[body.index("<article") : body.index("</article>")]
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    return words, [html.unescape(code) for code in re.findall(r"<code>(.*?)</code>", body, re.S)]


def vocabulary(method) -> tuple[set[str], set[str]]:
    """The words a method gives its parts: their labels and texts in both languages,
    and their ids."""
    texts = [d.label for d in method.disciplines] + [p.label for p in method.phases]
    texts += [q.short for q in method.questions] + [q.text for q in method.questions]
    texts += [e.label for e in method.externals]
    ids = {d.id for d in method.disciplines} | {q.id for q in method.questions}
    ids |= {p.id for p in method.phases}
    return {t(language) for t in texts for language in ("nl", "en")}, ids


def names(text: str, words: str) -> bool:
    """Whether `text` names `words` as words of its own: an acronym such as IT as it
    is written, anything else in any case."""
    flags = 0 if len(words) <= 3 else re.IGNORECASE
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text, flags) is not None


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_starter_pages_say_nothing_another_method_makes_untrue(tmp_path, language):
    handbook = init(tmp_path, language)
    config = handbook / "mkdocs.yml"
    assert WRITTEN_METHOD.search(config.read_text())
    config.write_text(WRITTEN_METHOD.sub(OTHER_METHOD, config.read_text(), count=1))
    method = read_options(config.read_bytes(), "mkdocs.yml").method
    assert [len(method.disciplines), len(method.questions), len(method.phases)] == [6, 4, 2]
    # The example colleague's discipline is gone: the team starts its own list.
    for example in (handbook / "stakeholders").glob("*/example-*.yml"):
        example.unlink()
    for example in (handbook / "stakeholders").glob("*/voorbeeld-*.yml"):
        example.unlink()
    schemas_renewed(handbook)
    site = build(handbook, tmp_path / "site")

    texts, ids = vocabulary(method)
    old_texts, old_ids = vocabulary(DEFAULT_METHOD)
    counts = {
        "disciplines": len(method.disciplines),
        "questions": len(method.questions),
        "phases": len(method.phases),
    }
    numbers = NUMBERS[language]
    counted = re.compile(
        rf"(?<!\w)(\d+|{'|'.join(numbers)})\s+(?:\w+\s+)?({'|'.join(COUNTED)})(?!\w)",
        re.IGNORECASE,
    )
    for name, _ in PAGES[language]:
        words, code = article(site / page_url(name, True) / "index.html")
        assert len(words) > 200, name  # the page's text, not an empty shell
        for said in sorted(old_texts - texts):
            assert not names(words, said), f"{name} names {said!r}, which is not configured"
        for said in sorted(old_ids - ids):
            assert not any(names(c, said) for c in code), f"{name} gives the id {said!r}"
        for number, noun in counted.findall(words):
            count = int(number) if number.isdigit() else numbers.index(number.lower())
            part = COUNTED[noun.lower()]
            assert count == counts[part], f"{name} says {number} {noun}: {counts[part]} are set"


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_starters_examples_and_external_page_fit_any_pilot(tmp_path, language):
    handbook = init(tmp_path, language)
    site = build(handbook, tmp_path / "site")
    # Words of one kind of pilot: the bank's video calls with its customers.
    one_kind = re.compile(
        r"(?<!\w)(video\w*|\w*platform\w*|calls?|bel(len|t)|klant\w*|customers?)(?!\w)", re.I
    )
    examples = [*(handbook / "stakeholders").rglob("*.yml"), *(handbook / "callers").rglob("*.yml")]
    assert len(examples) == 4
    for example in examples:
        assert not one_kind.search(example.read_text()), example
    external, _ = article(site / "stakeholders" / "external" / "index.html")
    assert not one_kind.search(external), external
    for name, _ in PAGES[language]:
        words, _ = article(site / page_url(name, True) / "index.html")
        assert not re.search(r"(?<!\w)(video\w*|\w*platform\w*)(?!\w)", words, re.I), name
    # The guidance on each kind is there, in the handbook's language.
    for kind in DEFAULT_METHOD.externals:
        assert kind.label(language) in external
        assert kind.guidance(language) in external


# The sample's externals option (its guidance on its customers), which tests replace.
SAMPLE_EXTERNALS = re.compile(r"      externals:\n(?:        .*\n)+")
OWN_EXTERNALS = """\
      externals:
        direct:
          label: {nl: "Bewoners *van* de wijk", en: Residents}
          guidance: {nl: "Voor <b>hen</b> doen we het.", en: We do it for them.}
        indirect:
          label: Omgeving
"""


def externals_as(project: Path, externals: str) -> None:
    config = project / "mkdocs.yml"
    assert SAMPLE_EXTERNALS.search(config.read_text())
    config.write_text(SAMPLE_EXTERNALS.sub(externals, config.read_text(), count=1))


def test_a_handbook_names_the_external_kinds_in_its_own_words_on_every_page(project, tmp_path):
    externals_as(project, OWN_EXTERNALS)
    site = build(project, tmp_path / "site")
    generated = site / "stakeholders"
    pages = {
        "external": generated / "external/index.html",
        "map": generated / "index.html",
        "involvement": generated / "involvement/index.html",
        "a direct external's own": generated / "people/klanten/particulieren/index.html",
    }
    for page, path in pages.items():
        words, _ = article(path)
        raw = path.read_text(encoding="utf-8")
        assert "Bewoners *van* de wijk" in words, page
        assert "Extern, direct" not in words and "Extern, indirect" not in words, page
        # The handbook's text is shown as written, never read as markup.
        assert "<em>van</em>" not in raw and "<b>hen</b>" not in raw, page
    external, _ = article(pages["external"])
    assert "Voor <b>hen</b> doen we het." in external and "Omgeving" in external
    svg = pages["map"].read_text(encoding="utf-8")
    assert "Bewoners *van* de wijk" in html.unescape(svg) and "Omgeving" in svg
    report = pilotbook("report", "--format", "markdown", cwd=project)
    assert report.returncode == 0, report.stderr
    # Escaped as Markdown: read as typed, never as emphasis.
    assert "*van*" not in report.stdout and "(Omgeving)" in report.stdout
    assert "(Bewoners *van* de wijk)" in html.unescape(report.stdout)
    # A handbook's own template of the page says them too, escaped as any value.
    write(project, "theme/pages/external.md", "# Ours\n\n{{ t.direct }}: {{ t.direct_guidance }}\n")
    words, _ = article(build(project, tmp_path / "own") / "stakeholders/external/index.html")
    assert "Bewoners *van* de wijk: Voor <b>hen</b> doen we het." in words


def test_inits_commented_externals_work_once_uncommented(tmp_path):
    handbook = init(tmp_path, "en")
    config = handbook / "mkdocs.yml"
    commented = re.search(r"^      # (externals:\n(?:      #   .*\n)+)", config.read_text(), re.M)
    assert commented
    lines = commented[1].replace("      #   ", "        ")
    config.write_text(config.read_text().replace(commented[0], "      " + lines))
    assert pilotbook("check", cwd=handbook).returncode == 0
    external, _ = article(build(handbook, tmp_path / "site") / "stakeholders/external/index.html")
    method = read_options(config.read_bytes(), "mkdocs.yml").method
    assert method.external("direct").label("en") == "Participants"
    assert method.external("direct").guidance("en") in external
    assert "Participants" in external and "External, direct" not in external


PLUGIN = "plugins:\n  - pilotbook:\n"


@pytest.mark.parametrize(
    ("option", "at", "message"),
    [
        ("externals: [direct]", "[", "'externals' must be a mapping of the external kinds"),
        (
            "externals: {outside: {label: x}}",
            "outside",
            "unknown key 'outside': expected one of direct, indirect",
        ),
        ("externals: {direct: Residents}", "Residents", "'externals: direct' must be a mapping"),
        (
            "externals: {indirect: {colour: red}}",
            "colour",
            "unknown key 'colour': expected one of label, guidance",
        ),
        (
            "externals: {direct: {label: ''}}",
            "''",
            "'label' must be a text, or a mapping of language",
        ),
        ("externals: {direct: {label: {fr: Résidents}}}", "{fr", "'label' must be a text"),
        # A Dutch handbook needs its Dutch text.
        ("externals: {direct: {guidance: {en: For them.}}}", "{en", "'guidance' must be a text"),
    ],
)
def test_a_wrong_externals_option_is_an_invalid_option_where_it_stands(option, at, message):
    line = f"      {option}\n"
    checked = read_options(f"{PLUGIN}      language: nl\n{line}".encode(), "mkdocs.yml")
    ((problem,),) = [checked.problems]
    assert problem.code == "invalid-option"
    assert problem.message.startswith(message), problem.message
    assert (problem.position.line, problem.position.column) == (4, line.index(at) + 1)


def test_a_wrong_externals_option_stops_check_and_the_build_with_its_line(project, tmp_path):
    externals_as(project, "      externals:\n        direct: {label: [Residents]}\n")
    line = (project / "mkdocs.yml").read_text().splitlines().index(
        "        direct: {label: [Residents]}"
    ) + 1
    for result in (pilotbook("check", cwd=project), mkdocs_build_here(project, tmp_path / "site")):
        assert result.returncode == 1
        assert f"mkdocs.yml:{line}:25: error: 'label' must be a text" in result.stderr
        assert "(invalid-option)" in result.stderr and "Traceback" not in result.stderr


def test_relabelling_an_external_kind_is_a_method_change_in_the_diff(tmp_path):
    repo = copy_sample(tmp_path / "repo")
    for args in (
        ("init", "-q", "-b", "main"),
        ("add", "-A"),
        ("-c", "user.name=L", "-c", "user.email=l@x", "commit", "-qm", "sample"),
    ):
        assert run(["git", *args], repo).returncode == 0
    externals_as(repo, OWN_EXTERNALS)
    result = pilotbook("diff", "main", "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    method = json.loads(result.stdout)["method"]
    assert [(m["part"], m["id"], m["change"], m["before"], m["after"]) for m in method] == [
        ("external", "direct", "changed", "Extern, direct", "Bewoners *van* de wijk"),
        ("external", "indirect", "changed", "Extern, indirect", "Omgeving"),
    ]
    markdown = pilotbook("diff", "main", cwd=repo).stdout
    assert "**De methode is gewijzigd.**" in markdown
    assert "*van*" not in markdown
    assert (
        "- Externe soort Bewoners *van* de wijk (direct): naam “Extern, direct” → "
        "“Bewoners *van* de wijk”"
    ) in html.unescape(markdown)
