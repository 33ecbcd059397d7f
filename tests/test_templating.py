"""pilotbook's page templates ship compiled in the wheel: the pages read the same as
from the templates' source, and compiled templates that no longer match their source
or the installed jinja2 are never used."""

from __future__ import annotations

import json
import os
import shutil
import sys

import jinja2
import pytest
from conftest import REPO, copy_sample, load_bench, run, write

from pilotbook.build.site import make_site, templates_in
from pilotbook.config.handbook import Handbook
from pilotbook.problems.problem import HandbookError
from pilotbook.site import templating

bench = load_bench()


def _pages(project, audience="team"):
    handbook = Handbook(
        project / "stakeholders",
        base_dir=project,
        audience=audience,
        templates_dir=templates_in(project / "theme"),
    )
    return {page.path: page.content for page in make_site(handbook).pages}


@pytest.fixture
def packaged(tmp_path, monkeypatch):
    """A copy of pilotbook's templates, and a folder for them compiled, in place of the
    package's own."""
    source = tmp_path / "templates"
    shutil.copytree(templating.PACKAGED_TEMPLATES, source)
    monkeypatch.setattr(templating, "PACKAGED_TEMPLATES", source)
    monkeypatch.setattr(templating, "COMPILED_TEMPLATES", tmp_path / "compiled")
    return source


def _replace_compiled(name, source):
    """Put the compiled form of `source` where the compiled `name` is."""
    env = templating.environment(jinja2.DictLoader({}), sandboxed=False)
    filename = str(templating.PACKAGED_TEMPLATES / name)
    # As Environment.compile_templates writes them.
    code = env.compile(source, name, filename, raw=True, defer_init=True)
    module = templating.COMPILED_TEMPLATES / jinja2.ModuleLoader.get_module_filename(name)
    assert module.is_file()
    module.write_text(code)


def test_compiled_templates_give_the_pages_their_source_gives(packaged, tmp_path):
    project = copy_sample(tmp_path / "handbook")
    write(project, "theme/pages/external.md", "# Our own externals page\n")
    from_source = {audience: _pages(project, audience) for audience in ("team", "intranet")}
    templating.compile_packaged(templating.COMPILED_TEMPLATES)
    assert templating.compiled_current(templating.COMPILED_TEMPLATES)
    for audience, pages in from_source.items():
        assert _pages(project, audience) == pages
    # The handbook's own template still wins over the compiled one.
    assert "Our own externals page" in _pages(project)["stakeholders/external.md"]


def test_compiled_templates_are_used_only_while_they_match(packaged, tmp_path, monkeypatch):
    project = copy_sample(tmp_path / "handbook")
    templating.compile_packaged(templating.COMPILED_TEMPLATES)
    _replace_compiled("questions.md", "Compiled ahead\n")
    assert "Compiled ahead" in _pages(project)["stakeholders/questions.md"]

    # Another jinja2 than the one they were compiled by: compiled from source again.
    stamp = templating.COMPILED_TEMPLATES / templating.STAMP
    kept = stamp.read_text()
    stamp.write_text(json.dumps({**json.loads(kept), "jinja2": "0.0.1"}))
    assert "Compiled ahead" not in _pages(project)["stakeholders/questions.md"]

    # A template changed since it was compiled: its source is what counts.
    stamp.write_text(kept)
    (packaged / "questions.md").write_text("Edited since\n")
    questions = _pages(project)["stakeholders/questions.md"]
    assert "Edited since" in questions and "Compiled ahead" not in questions

    # A stamp that cannot be read is no stamp.
    shutil.copy(REPO / "generator/pilotbook/site/templates/questions.md", packaged)
    stamp.write_text("{not json")
    assert "Compiled ahead" not in _pages(project)["stakeholders/questions.md"]


def test_an_error_in_a_compiled_template_names_the_template(packaged, tmp_path):
    project = copy_sample(tmp_path / "handbook")
    templating.compile_packaged(templating.COMPILED_TEMPLATES)
    _replace_compiled("questions.md", "Fine\n{{ no_such_value }}\n")
    with pytest.raises(HandbookError) as raised:
        _pages(project)
    message = str(raised.value)
    assert f"{packaged / 'questions.md'}:2:1: error:" in message
    assert "no_such_value" in message


@pytest.mark.parametrize("people", [0, 300])
def test_a_handbook_that_copies_every_template_gets_the_same_pages(tmp_path, people):
    """pilotbook's templates run outside the sandbox, a handbook's inside it: the same
    template gives the same page either way (with 300 people, the pages that show the
    first ten of a longer list too)."""
    project = copy_sample(tmp_path / "handbook")
    if people:
        shutil.rmtree(project / "stakeholders")
        bench.write_stakeholders(project, people)
    ours = {audience: _pages(project, audience) for audience in ("team", "intranet")}
    shutil.copytree(templating.PACKAGED_TEMPLATES, project / "theme" / "pages")
    for audience, pages in ours.items():
        assert _pages(project, audience) == pages
    if people:
        assert "De eerste 10 van" in ours["team"]["stakeholders/shortlist.md"]


def _link_to_notes(project, pages):
    """A link to a stakeholder file with notes."""
    (pages / "notes.md").symlink_to(project / "stakeholders/legal/anouk-peters.yml")


def _link_on_the_way(project, pages):
    """A folder on the way to the file is a link."""
    (pages / "env").symlink_to(project / "stakeholders/legal")
    (pages / "map.md").write_text('# Map\n{% include "env/anouk-peters.yml" %}\n')


def _the_environment(project, pages):
    """The CI's tokens, through a link to /proc/self."""
    (pages / "proc").symlink_to("/proc/self")
    (pages / "map.md").write_text('# Map\n{% include "proc/environ" %}\n')


def _the_template_a_link(project, pages):
    (pages / "map.md").unlink()
    (pages / "map.md").symlink_to(project / "stakeholders/legal/anouk-peters.yml")


def _the_folder_a_link(project, pages):
    """The templates folder itself is a link to where a template can reach the notes."""
    write(project, "elsewhere/map.md", '# Map\n{% include "legal/anouk-peters.yml" %}\n')
    for path in (project / "stakeholders").iterdir():
        (project / "elsewhere" / path.name).symlink_to(path)
    shutil.rmtree(pages)
    pages.symlink_to(project / "elsewhere")


def _a_hard_link(project, pages):
    """The stakeholder file itself under another name: no link to refuse on the way."""
    os.link(project / "stakeholders/legal/anouk-peters.yml", pages / "notes.md")


def _a_named_pipe(project, pages):
    os.mkfifo(pages / "notes.md")


@pytest.mark.parametrize(
    ("route", "named"),
    [
        (_link_to_notes, "theme/pages/notes.md"),
        (_link_on_the_way, "theme/pages/env/anouk-peters.yml"),
        (_the_environment, "theme/pages/proc/environ"),
        (_the_template_a_link, "theme/pages/map.md"),
        (_the_folder_a_link, "theme/pages/map.md"),
        (_a_named_pipe, "theme/pages/notes.md"),
        (_a_hard_link, "theme/pages/notes.md"),
    ],
)
def test_a_template_reads_only_regular_files_inside_its_folder(tmp_path, route, named):
    """A template that includes a file through a symbolic link (or anything but a
    regular file) stops the build with a message naming it: nothing it reaches shows."""
    project = copy_sample(tmp_path / "handbook")
    pages = project / "theme" / "pages"
    write(project, "theme/pages/map.md", '# Map\n{% include "notes.md" %}\n')
    route(project, pages)
    with pytest.raises(HandbookError) as raised:
        _pages(project)
    message = str(raised.value)
    assert message.startswith(f"{named}:1:1: error: the page template cannot be read (")
    assert message.endswith("(template-error)")
    assert "niet opnieuw vragen" not in message and "PATH=" not in message


def test_a_template_includes_regular_files_of_its_folder_and_pilotbooks(tmp_path):
    project = copy_sample(tmp_path / "handbook")
    write(project, "theme/pages/parts/intro.md", "Our own introduction.\n")
    write(project, "theme/pages/map.md", '{% include "parts/intro.md" %}\n{% include "grid.md" %}')
    page = _pages(project)["stakeholders/index.md"]
    assert "Our own introduction." in page
    assert "# Invloed en belang" in page  # pilotbook's own grid template, included


_NO_DAC = [
    "setpriv",
    "--bounding-set=-dac_override,-dac_read_search,-fowner",
    "--inh-caps=-dac_override,-dac_read_search,-fowner",
]


@pytest.mark.skipif(
    os.geteuid() == 0 and not shutil.which("setpriv"), reason="root reads every folder"
)
@pytest.mark.parametrize("folder", ["theme", "theme/pages", "theme/partials"])
def test_a_theme_folder_that_cannot_be_read_stops_the_build_naming_it(tmp_path, folder):
    """Not a traceback, and never pilotbook's own templates in silence."""
    project = copy_sample(tmp_path / "handbook")
    write(project, "theme/pages/shortlist.md", "# Our own shortlist\n")
    write(project, "theme/partials/copyright.html", "<p>Ours</p>\n")
    (project / folder).chmod(0)
    prefix = _NO_DAC if os.geteuid() == 0 else []
    try:
        for command in (
            ["mkdocs", "build", "-d", str(tmp_path / "site")],
            ["pilotbook", "generate", str(tmp_path / "out")],
        ):
            result = run([*prefix, sys.executable, "-m", *command], project)
            assert result.returncode == 1, result.stderr
            assert (
                f"{folder}:1:1: error: this folder of the theme (custom_dir) cannot be read "
                "(permission denied): give the user who builds the site permission to read it"
            ) in result.stderr
            assert "(unreadable)" in result.stderr and "Traceback" not in result.stderr
    finally:
        (project / folder).chmod(0o755)
    assert not (tmp_path / "site").exists() and not (tmp_path / "out").exists()
