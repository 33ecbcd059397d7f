"""pilotbook's page templates ship compiled in the wheel: the pages read the same as
from the templates' source, and compiled templates that no longer match their source
or the installed jinja2 are never used."""

from __future__ import annotations

import json
import shutil

import jinja2
import pytest
from conftest import REPO, copy_sample, load_bench, write

from pilotbook.handbook import Handbook
from pilotbook.problems import HandbookError
from pilotbook.site import templating
from pilotbook.site.build import make_site, templates_in

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
