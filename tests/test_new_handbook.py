"""Any team can start its own handbook: `pilotbook init`, the packaged theme, English
end to end, readable file names, and a configuration found from any folder below it."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from importlib.metadata import version

import pytest
import yaml
from conftest import (
    ENV,
    NEW_PEOPLE,
    REPO,
    built,
    configure,
    copy_sample,
    mkdocs_build,
    pilotbook,
    run,
    write,
)
from htmltext import text
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pilotbook.records.ids import slugify


def _people_files(handbook):
    return sorted(
        p.relative_to(handbook / "stakeholders").as_posix()
        for p in (handbook / "stakeholders").rglob("*.yml")
    )


def test_a_new_english_handbook_from_the_wheel_builds_with_its_own_discipline(new_handbooks):
    handbook = new_handbooks["en"]
    site = handbook / "site"
    assert not (handbook / "theme").exists()  # no copy of pilotbook's theme needed
    assert _people_files(handbook) == [
        "clinical/soren-orsted.yml",
        "external/people-taking-part-in-the-pilot.yml",
        "external/regulator.yml",
        "it/example-colleague.yml",
        "legal/lukasz-nowak.yml",
    ]
    shortlist = text(site / "stakeholders" / "shortlist" / "index.html")
    assert "Shortlist per discipline" in shortlist
    assert "Clinical staff" in shortlist and "Sales" not in shortlist
    assert "Example Colleague" in shortlist  # the example is shortlisted
    questions = text(site / "stakeholders" / "questions" / "index.html")
    assert "Does the stakeholder have impact on the outcome of the pilot?" in questions
    home = text(site / "index.html")
    assert "E-consult by video" in home and "What success means here" in home
    assert (site / "assets" / "pilotbook.css").is_file()
    assert (site / "external-and-internal" / "index.html").is_file()
    # No page template is published as a file of the site.
    assert not list(site.rglob("*.md"))


def test_a_new_dutch_handbook_from_the_wheel_builds_in_dutch(new_handbooks):
    handbook = new_handbooks["nl"]
    site = handbook / "site"
    shortlist = text(site / "stakeholders" / "shortlist" / "index.html")
    assert "Zorgverleners" in shortlist and "Niet gedekt" in shortlist
    assert "Voorbeeld Collega" in shortlist
    assert "Wat succes hier betekent" in text(site / "index.html")
    assert (handbook / "stakeholders" / "zorg" / "dorde-petrovic.yml").is_file()
    assert (handbook / "stakeholders" / "it" / "strasse-muller.yml").is_file()


def test_new_writes_its_prompts_in_the_handbooks_language(new_handbooks):
    english = (new_handbooks["en"] / "stakeholders" / "clinical" / "soren-orsted.yml").read_text()
    assert 'name: "Søren Ørsted"' in english
    # ja/nee pass in an English handbook too, and the prompt says so.
    assert "# Answer each question yes or no (ja/nee and true/false mean the same)." in english
    assert "Does the stakeholder have impact on the outcome of the pilot? (needed: yes)" in english
    dutch = (new_handbooks["nl"] / "stakeholders" / "zorg" / "dorde-petrovic.yml").read_text()
    assert "# Beantwoord elke vraag met ja of nee (yes/no en true/false betekenen" in dutch
    assert "(nodig: ja)" in dutch


def test_the_installed_check_finds_the_handbook_from_a_subfolder(installed, new_handbooks):
    handbook = new_handbooks["en"]
    here = handbook / "stakeholders" / "clinical"
    result = run([str(installed / "pilotbook"), "check"], here)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "configuration: ../../mkdocs.yml" in result.stderr
    # The team replaced a discipline: the schema editors read is stale, and check says
    # which command writes it anew, from where it was run.
    schema = handbook / "stakeholders" / "schema.json"
    command = f"pilotbook schema stakeholders > {schema}"
    assert f"{schema}:1:1: warning: " in result.stdout
    assert f"run '{command}' (stale-schema)" in result.stdout
    assert run(["sh", "-c", f"{installed}/{command}"], here).returncode == 0
    result = run([str(installed / "pilotbook"), "check"], here)
    # Every record file init and start_handbook wrote, init's example caller among them.
    assert "6 files checked, no problems" in result.stdout


def test_an_offline_copy_of_a_new_handbook_builds_with_file_links(
    installed, new_handbooks, tmp_path
):
    handbook = new_handbooks["en"]
    out = tmp_path / "offline"
    result = run(
        [str(installed / "mkdocs"), "build", "--strict", "-d", str(out)],
        handbook,
        env={"PILOTBOOK_OFFLINE": "true"},
    )
    assert result.returncode == 0, result.stderr
    assert (out / "stakeholders" / "shortlist.html").is_file()
    assert (out / "search" / "search_index.js").is_file()
    assert "stakeholders/index.html" in (out / "index.html").read_text()


def test_the_wheel_renders_with_its_compiled_templates_as_the_source_does(installed, tmp_path):
    """The wheel ships the page templates compiled, current for the jinja2 it was
    installed with; the pages are the ones this checkout renders from the templates."""
    script = (
        "from pilotbook.site import templating as t; "
        "print(t.compiled_current(t.COMPILED_TEMPLATES), t.COMPILED_TEMPLATES.is_relative_to"
        f"({str(REPO)!r}))"
    )
    result = run([str(installed / "python"), "-c", script], tmp_path)
    assert result.stdout.split() == ["True", "False"], result.stderr
    project = copy_sample(tmp_path / "handbook")
    for audience in ("team", "intranet"):
        from_wheel, from_source = tmp_path / f"wheel-{audience}", tmp_path / f"source-{audience}"
        env = {"PILOTBOOK_AUDIENCE": audience}
        result = run([str(installed / "pilotbook"), "generate", str(from_wheel)], project, env=env)
        assert result.returncode == 0, result.stderr
        result = pilotbook("generate", str(from_source), cwd=project, env=env)
        assert result.returncode == 0, result.stderr
        written = sorted(p.relative_to(from_wheel) for p in from_wheel.rglob("*") if p.is_file())
        assert written == sorted(
            p.relative_to(from_source) for p in from_source.rglob("*") if p.is_file()
        )
        for path in written:
            assert (from_wheel / path).read_bytes() == (from_source / path).read_bytes(), path


@pytest.mark.parametrize("language", ["en", "nl"])
def test_init_writes_every_part_of_a_handbook(tmp_path, language):
    folder = tmp_path / "hb"
    result = pilotbook("init", str(folder), "--language", language, "--pilot", "X", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert ".gitignore" in files and ".github/workflows/handbook.yml" in files
    assert "stakeholders/schema.json" in files
    assert sum(f.startswith("content/") for f in files) == 3
    config = (folder / "mkdocs.yml").read_text()
    for line in ("strict: true", "font: false", "enabled: !ENV [PILOTBOOK_OFFLINE, false]"):
        assert line in config
    assert f"language: {language}" in config
    assert "/site/" in (folder / ".gitignore").read_text()
    check = pilotbook("check", "--format", "json", cwd=folder)
    assert check.returncode == 0
    assert json.loads(check.stdout)["problems"] == []


def test_init_never_overwrites_and_writes_nothing_where_anything_is_in_the_way(tmp_path):
    folder = tmp_path / "hb"
    mine = write(folder, "mkdocs.yml", "site_name: Ours\n")
    write(folder, "content", "a file where init writes a folder\n")
    (folder / "stakeholders").symlink_to(tmp_path)
    result = pilotbook("init", str(folder), "--pilot", "X", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "pilotbook: error: hb/mkdocs.yml: already exists, and init overwrites nothing: move "
        "it away and run init again, or start the handbook in a new folder",
        "pilotbook: error: hb/content: this file stands where init needs a folder: rename or "
        "move it",
        "pilotbook: error: hb/stakeholders: this is a symbolic link, which pilotbook does not "
        "follow: put a real folder in its place",
        f"pilotbook: error: wrote nothing in {folder}: a new handbook is written whole or not "
        "at all",
    ]
    assert sorted(p.name for p in folder.iterdir()) == ["content", "mkdocs.yml", "stakeholders"]
    assert mine.read_text() == "site_name: Ours\n"
    for path in (mine, folder / "content", folder / "stakeholders"):
        path.unlink()
    assert pilotbook("init", str(folder), "--pilot", "X", cwd=tmp_path).returncode == 0
    again = pilotbook("init", str(folder), "--pilot", "X", cwd=tmp_path)
    assert again.returncode == 1
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert again.stderr.count("already exists") == len(files) == 13


def test_init_writes_a_pilot_name_as_data_not_markup(tmp_path):
    hostile = 'Video "pilot" <b>x</b> [a](javascript:1) !ENV #'
    result = pilotbook("init", str(tmp_path / "hb"), "--pilot", hostile, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    site = built(tmp_path / "hb", tmp_path / "site")
    for page in (site / "index.html", site / "stakeholders" / "index.html"):
        html = page.read_text()
        assert "<b>" not in html and 'href="javascript' not in html
        assert hostile in text(page)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Søren Ørsted", "soren-orsted"),
        ("Łukasz Żółw", "lukasz-zolw"),
        ("Straße", "strasse"),
        ("Đorđe Đoković", "dorde-dokovic"),
        ("Дмитрий Шостакович", "dmitriy-shostakovich"),
        ("Zoë van der Berg-Øye", "zoe-van-der-berg-oye"),
    ],
)
def test_file_names_from_names_are_readable_ascii(name, slug):
    assert slugify(name) == slug


def test_new_makes_a_readable_file_name_from_any_name(empty_project):
    result = pilotbook("new", "Søren Ørsted", "--discipline", "it", cwd=empty_project)
    assert result.returncode == 0, result.stderr
    assert (empty_project / "stakeholders" / "it" / "soren-orsted.yml").is_file()
    long = pilotbook("new", "Jan " * 100, "--discipline", "it", cwd=empty_project)
    assert long.returncode == 0, long.stderr
    (made,) = (empty_project / "stakeholders" / "it").glob("jan-*.yml")
    assert len(made.stem) <= 80


def test_check_uses_the_handbooks_own_method_from_any_folder(project):
    configure(
        project,
        """
        pilot: P
        disciplines:
          - id: legal
            label: Legal
        """,
    )
    expected = "unknown 'discipline' value 'marketing'"
    for cwd, args in (
        (project, ()),
        (project / "stakeholders" / "legal", ()),
        (project.parent, (str(project.name),)),
        (project.parent, (f"{project.name}/stakeholders",)),
    ):
        result = pilotbook("check", *args, cwd=cwd)
        assert result.returncode == 1, (cwd, args)
        assert expected in result.stdout, (cwd, args)
        assert "configuration: " in result.stderr and "mkdocs.yml" in result.stderr


def test_config_file_wins_and_properdocs_yml_is_found(project):
    (project / "mkdocs.yml").rename(project / "properdocs.yml")
    configure_file = project / "properdocs.yml"
    config = configure_file.read_text().replace(
        "      pilot: Videobellen met klanten\n",
        "      pilot: P\n      disciplines:\n        - id: legal\n",
    )
    configure_file.write_text(config)
    result = pilotbook("check", cwd=project / "stakeholders")
    assert result.returncode == 1
    assert "configuration: ../properdocs.yml" in result.stderr
    shutil.copy(REPO / "mkdocs.yml", project / "other.yml")
    assert pilotbook("check", "-f", "other.yml", cwd=project).returncode == 0


def test_check_without_any_configuration_says_it_used_the_default_method(tmp_path):
    write(tmp_path, "stakeholders/it/a.yml", "name: A\ndiscipline: it\n")
    result = pilotbook("check", cwd=tmp_path)
    assert result.returncode == 0
    assert "default disciplines and questions" in result.stderr


def test_question_text_in_the_handbooks_language_alone_is_enough(project, tmp_path):
    options = """
        pilot: P
        language: {language}
        questions:
          - id: impact
            text: {{{language}: "Does it matter?"}}
            needed: yes
        """
    config = (project / "mkdocs.yml").read_text()
    configure(project, options.format(language="en"))
    shutil.rmtree(project / "stakeholders")
    write(project, "stakeholders/it/a.yml", "name: A\ndiscipline: it\nanswers: {impact: yes}\n")
    site = built(project, tmp_path / "site")
    assert "Does it matter?" in text(site / "stakeholders" / "questions" / "index.html")
    (project / "mkdocs.yml").write_text(config)
    configure(project, options.format(language="en").replace("language: en", "language: nl"))
    result = pilotbook("check", cwd=project)
    assert result.returncode == 1
    assert "has one for this handbook's language (for example {nl: ...}" in result.stderr


def test_a_handbook_overrides_one_page_template_and_keeps_the_others(project, tmp_path):
    write(project, "theme/pages/external.md", "# Our own externals page\n\n{{ t.direct }}\n")
    site = built(project, tmp_path / "site")
    assert "Our own externals page" in text(site / "stakeholders" / "external" / "index.html")
    assert "Shortlist per discipline" in text(site / "stakeholders" / "shortlist" / "index.html")
    assert not (site / "pages").exists()


def test_a_handbook_that_overrides_main_html_keeps_pilotbooks_theme(project, tmp_path):
    write(
        project,
        "theme/main.html",
        '{% extends "pilotbook-base.html" %}\n{% block announce %}Intern{% endblock %}\n',
    )
    site = built(project, tmp_path / "site")
    home = (site / "index.html").read_text()
    assert "Intern" in home and "assets/pilotbook.css" in home


def test_offline_switch_without_the_offline_plugin_is_an_error_not_silence(project, tmp_path):
    config = (project / "mkdocs.yml").read_text()
    start = config.index("  - offline:")
    end = config.index("  - pilotbook:")
    (project / "mkdocs.yml").write_text(config[:start] + config[end:])
    result = mkdocs_build(project, tmp_path / "site", env={"PILOTBOOK_OFFLINE": "true"})
    assert result.returncode == 1
    assert "PILOTBOOK_OFFLINE is set, but the offline plugin does not follow it" in result.stderr
    assert "Traceback" not in result.stderr


# Where each CI system reads the pipeline `init` writes, and the sample's copy of it.
PIPELINES = {
    "github": (".github/workflows/handbook.yml", ".github/workflows/handbook.yml"),
    "gitlab": (".gitlab-ci.yml", "ci/gitlab/.gitlab-ci.yml"),
    "azure": ("azure-pipelines.yml", "ci/azure/azure-pipelines.yml"),
}


@pytest.mark.parametrize("ci", PIPELINES)
def test_init_writes_the_samples_pipeline_of_each_ci_system(tmp_path, ci):
    folder = tmp_path / "hb"
    result = pilotbook("init", str(folder), "--pilot", "X", "--ci", ci, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written, sample = PIPELINES[ci]
    others = {path for path, _ in PIPELINES.values()} - {written}
    assert not [path for path in others if (folder / path).exists()]
    pipeline = (folder / written).read_text()
    # The sample installs pilotbook from its checkout; a handbook started with pilotbook
    # installed from a checkout (as here), the wheel that init made of it.
    installs = re.findall(r"python -m pip install (\S+)$", pipeline, re.M)
    assert installs and set(installs) == {
        f"wheels/pilotbook-{version('pilotbook')}-py3-none-any.whl"
    }
    assert pipeline.replace(installs[0], "-e .") == (REPO / sample).read_text()


def test_init_without_ci_writes_no_pipeline(tmp_path):
    folder = tmp_path / "hb"
    result = pilotbook("init", str(folder), "--pilot", "X", "--ci", "none", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == [
        ".gitignore",
        "callers",
        "content",
        "mkdocs.yml",
        "stakeholders",
    ]


def test_copy_of_the_sample_without_its_theme_folder_builds(tmp_path):
    project = copy_sample(tmp_path / "hb")
    shutil.rmtree(project / "theme")
    config = (project / "mkdocs.yml").read_text().replace("  custom_dir: theme\n", "")
    (project / "mkdocs.yml").write_text(config)
    site = built(project, tmp_path / "site")
    assert "Stakeholderkaart" in text(site / "stakeholders" / "index.html")


def test_people_added_with_new_appear_in_the_team_build(installed, new_handbooks, tmp_path):
    handbook = new_handbooks["en"]
    result = run(
        [str(installed / "mkdocs"), "build", "-d", str(tmp_path / "team")],
        handbook,
        env={"PILOTBOOK_AUDIENCE": "team"},
    )
    assert result.returncode == 0, result.stderr
    shortlist = text(tmp_path / "team" / "stakeholders" / "shortlist" / "index.html")
    for name, _ in NEW_PEOPLE["en"]:
        assert name in shortlist


def test_new_writes_only_below_the_stakeholders_folder(empty_project):
    for folder in ("../content", str(empty_project / "content"), "legal/../../x"):
        result = pilotbook(
            "new", "A B", "--discipline", "it", "--folder", folder, cwd=empty_project
        )
        assert result.returncode == 1, folder
        assert "name a folder below the stakeholders folder" in result.stderr
    assert not list((empty_project / "content").rglob("*.yml"))
    assert not (empty_project / "x").exists()


def test_reports_of_an_english_handbook_are_in_english(installed, new_handbooks):
    result = run([str(installed / "pilotbook"), "report"], new_handbooks["en"])
    assert result.returncode == 0, result.stderr
    assert "# Shortlist per discipline" in result.stdout
    assert "## Clinical staff: Uncovered" in result.stdout
    assert "Pending" in result.stdout and "Nog niet" not in result.stdout


def test_pages_dir_must_stay_inside_the_site(project, tmp_path):
    for value in ("/", "../content/generated", "a/../../b", "Stake Holders"):
        configure(project, f"pilot: P\npages_dir: {json.dumps(value)}\n")
        for result in (
            mkdocs_build(project, tmp_path / "site"),
            pilotbook("generate", str(tmp_path / "out"), cwd=project),
        ):
            assert result.returncode == 1, value
            assert f"'pages_dir: {value}' must be a folder inside the site" in result.stderr
            assert "Traceback" not in result.stderr
        (project / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text())
    assert not (tmp_path / "site").exists() and not (tmp_path / "out").exists()
    assert not (project / "content" / "generated").exists()


def test_generate_does_not_follow_a_link_into_the_sources(project, tmp_path):
    (tmp_path / "out").symlink_to(project / "content")
    result = pilotbook("generate", str(tmp_path / "out"), cwd=project)
    assert result.returncode == 1
    assert "this is a symbolic link" in result.stderr
    (tmp_path / "deeper").symlink_to(project)
    result = pilotbook("generate", str(tmp_path / "deeper" / "content" / "x"), cwd=project)
    assert result.returncode == 1
    assert "choose an output folder outside the handbook's sources" in result.stderr


def test_init_tells_the_pipeline_what_to_install(tmp_path):
    wheel = "wheels/pilotbook-0.1.0-py3-none-any.whl"
    result = pilotbook("init", "hb", "--pilot", "X", "--install", wheel, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    workflow = (tmp_path / "hb/.github/workflows/handbook.yml").read_text()
    assert f"python -m pip install {wheel}" in workflow
    assert "/.site.pilotbook-*/" in (tmp_path / "hb/.gitignore").read_text()
    # The wheel is not in the handbook yet: the pipeline would fail until it is.
    assert f"{wheel}, which is not in the handbook yet: copy it to hb/{wheel}" in result.stderr
    (tmp_path / "kept" / "wheels").mkdir(parents=True)
    (tmp_path / "kept" / wheel).write_bytes(b"")
    kept = pilotbook("init", "kept", "--pilot", "X", "--install", wheel, cwd=tmp_path)
    assert kept.returncode == 0 and "note:" not in kept.stderr
    required = pilotbook(
        "init", "req", "--pilot", "X", "--install", "pilotbook==0.1.0", cwd=tmp_path
    )
    assert required.returncode == 0 and "note:" not in required.stderr
    for spec, says in (
        ("-e .", "give a requirement, a wheel's path or an address"),
        ("--index-url=https://example.org", "give a requirement, a wheel's path or an address"),
        ("pilotbook\n==0.1", "give it on one line"),
        ("${{ secrets.TOKEN }}", "a CI system reads '${', '$(' and '$[' in a step itself"),
        ("x$(System.AccessToken)", "a CI system reads '${', '$(' and '$[' in a step itself"),
    ):
        bad = pilotbook("init", "hb2", "--pilot", "X", f"--install={spec}", cwd=tmp_path)
        assert bad.returncode == 1, spec
        assert says in bad.stderr, spec
        assert not (tmp_path / "hb2").exists()


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_init_and_new_follow_the_umask(tmp_path, umask):
    def pilotbook_with_umask(*args: str, cwd):
        return subprocess.run(
            [sys.executable, "-m", "pilotbook", *args],
            cwd=cwd,
            env=ENV,
            capture_output=True,
            text=True,
            preexec_fn=lambda: os.umask(umask),
            check=False,
        )

    folder = tmp_path / "hb"
    assert pilotbook_with_umask("init", "hb", "--pilot", "X", cwd=tmp_path).returncode == 0
    new = pilotbook_with_umask("new", "Anna", "--discipline", "legal", cwd=folder)
    assert new.returncode == 0, new.stderr
    assert (folder / "stakeholders" / "legal" / "anna.yml").is_file()
    modes = {
        p.relative_to(tmp_path).as_posix(): stat.S_IMODE(p.stat().st_mode)
        for p in (folder, *folder.rglob("*"))
    }
    expected = {path: (0o777 if (tmp_path / path).is_dir() else 0o666) & ~umask for path in modes}
    assert modes == expected


@pytest.mark.parametrize("character", ["\ufffe", "\uffff", "\ufdd0", "\x1b", "\x85"])
def test_init_refuses_a_pilot_name_that_no_file_should_hold(tmp_path, character):
    result = pilotbook("init", "hb", "--pilot", f"Video{character}", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"pilotbook: error: --pilot holds U+{ord(character):04X}")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "pilot", ['Video\u2028calls\ufeff "quoted" \\ # x: y \U0001f4de', "Video\tcalls  twice"]
)
def test_init_writes_any_other_pilot_name_so_that_mkdocs_reads_it_back(tmp_path, pilot):
    result = pilotbook("init", "hb", "--pilot", pilot, "--language", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # As given: a line separator or a tab is written escaped, not as a space.
    config = yaml.load((tmp_path / "hb/mkdocs.yml").read_text(), Loader=_MkDocsLike)
    (options,) = [
        p["pilotbook"] for p in config["plugins"] if isinstance(p, dict) and "pilotbook" in p
    ]
    assert options["pilot"] == pilot
    assert pilotbook("check", cwd=tmp_path / "hb").returncode == 0
    site = built(tmp_path / "hb", tmp_path / "site")
    assert "Video calls" in text(site / "index.html")


class _MkDocsLike(yaml.SafeLoader):
    """A reader that takes MkDocs' `!ENV` as the list it is written as."""


_MkDocsLike.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node))


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters() | st.sampled_from(list("\u2028\u2029\ufeff\x85\"'\\#:\t\n"))))
def test_every_yaml_reader_reads_a_written_scalar_back(value):
    from ruamel.yaml import YAML

    from pilotbook.records.new import unwritable, yaml_scalar

    assume(unwritable(value) is None)
    text = f"k: {yaml_scalar(value)}\n"
    for loader in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        assert yaml.load(text, Loader=loader) == {"k": value}
    assert YAML(typ="rt").load(text) == {"k": value}
