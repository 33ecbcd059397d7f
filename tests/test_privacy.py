"""Personal assessments stay with the project team; private fields stay in the repository."""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
import sys

import htmltext
import pytest
from conftest import REPO, built, copy_sample, load_bench, pilotbook, run

from pilotbook.build.site import make_site
from pilotbook.config.handbook import Handbook

# Values that stand in the sample's `notes:` and `private:` fields.
NEVER = (
    "Wil liever niet meedoen",
    "Door het MT aangewezen, maar heeft er nauwelijks tijd voor",
    "06-12345678",
    "Houdt vrijdagmiddag vrij",
)


def _report():
    return json.loads(pilotbook("report", "--format", "json", cwd=REPO).stdout)


def _everything(site) -> str:
    """Every text the site serves: pages, search index, sitemap (also gzipped), assets."""
    texts = []
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".js", ".css", ".svg", ".txt"):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
        elif path.name.endswith(".gz"):
            texts.append(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
    return "\n".join(texts)


@pytest.fixture
def intranet(intranet_site):
    """The sample's intranet site, built once for the whole run: read, never changed."""
    return intranet_site


def _forms(text: str) -> set[str]:
    return {text, html.escape(text), json.dumps(text)[1:-1]}


def test_intranet_names_no_pending_or_excluded_colleague(intranet):
    everything = _everything(intranet)
    hidden = [
        p["name"] for p in _report()["stakeholders"] if p["status"] in ("pending", "excluded")
    ]
    assert len(hidden) >= 10
    for name in hidden:
        assert not any(form in everything for form in _forms(name)), name
    for name in ("Marieke Smits", "Peter Visser", "Particuliere klanten"):
        assert name in everything


def test_intranet_shows_no_answers_reasons_or_rejections(intranet):
    everything = _everything(intranet)
    for text in (
        "voldoet niet",
        "Afgevallen. Deze stakeholder",
        "heeft geen invloed op de uitkomst",
        "Niet gekozen na gesprek",
        "Privacy office",
    ):
        assert text not in everything, text
    page = (intranet / "stakeholders/people/legal/marieke-smits/index.html").read_text()
    assert "Heeft de stakeholder invloed" not in page


def test_a_decided_discipline_names_only_the_chosen_on_the_intranet(intranet):
    """Naming the other shortlisted colleagues next to "chosen: Marieke Smits" would
    tell everyone who was turned down, and so would counting them: the intranet's
    shortlist of a decided discipline is its chosen colleagues."""
    assert "Thomas de Graaf" not in _everything(intranet)
    assert not (intranet / "stakeholders/people/legal/thomas-de-graaf").exists()
    shortlist = htmltext.text(intranet / "stakeholders/shortlist/index.html")
    legal = shortlist.split("Juridisch en compliance¶")[1].split("Facilitair¶")[0]
    assert "Op de shortlist (1)" in legal
    assert "niet gekozen" not in shortlist.lower()
    overview = htmltext.text(intranet / "stakeholders/index.html")
    assert "Juridisch en compliance ★ Besloten 1 1 2 " in overview  # shortlist, pending, excluded


def test_intranet_counts_those_it_does_not_name(intranet):
    page = (intranet / "stakeholders/shortlist/index.html").read_text()
    assert "Nog niet beoordeeld: 3 · Afgevallen: 2" in page  # Facilitair
    svg = (intranet / "stakeholders/index.html").read_text()
    assert 'aria-label="Facilitair: 2 afgevallen"' in svg
    assert not (intranet / "stakeholders/people/legal/anouk-peters").exists()


def test_private_fields_appear_in_no_build_and_no_report(intranet, sample_site):
    team = sample_site
    for site in (intranet, team):
        everything = _everything(site)
        for value in NEVER:
            assert not any(form in everything for form in _forms(value)), value
    assert "Anouk Peters" in _everything(team)  # the team does see the names
    for fmt in ("json", "csv", "markdown"):
        output = pilotbook("report", "--format", fmt, cwd=REPO).stdout
        assert not any(value in output for value in NEVER)


def test_audience_comes_from_the_environment_or_mkdocs_yml(project, tmp_path):
    result = pilotbook("generate", str(tmp_path / "intranet"), cwd=project)
    assert result.returncode == 0

    intranet = pilotbook(
        "generate", str(tmp_path / "i"), cwd=project, env={"PILOTBOOK_AUDIENCE": ""}
    )
    assert intranet.returncode == 0
    assert not (tmp_path / "i/docs/stakeholders/people/legal/anouk-peters.md").exists()
    assert (tmp_path / "intranet/docs/stakeholders/people/legal/anouk-peters.md").exists()
    wrong = run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "s")],
        project,
        env={"PILOTBOOK_AUDIENCE": "everyone"},
    )
    assert wrong.returncode == 1
    assert "'everyone' is not an audience: set PILOTBOOK_AUDIENCE to team or intranet" in (
        wrong.stderr
    )


# A template that prints everything a page is given, whatever its name.
PRINT_EVERYTHING = """# Everything
{{ screening }} {{ method }} {{ pilot }} {{ public }} {{ page_paths }} {{ summary }}
{% for s in screening.stakeholders %}{{ s }} {{ s.answers }} {{ s.interview }} {{ s.extra }}
{% endfor %}{% for o in screening.disciplines %}{{ o }} {{ o.longlist }}
{% endfor %}{% for k, a in screening.assessments.items() %}{{ a }} {{ reason(a) }}
{% endfor %}{{ stakeholder | default("") }} {{ assessment | default("") }}
{{ checks | default("") }} {{ outcome | default("") }} {{ svg | default("") }}
"""


def test_a_template_that_prints_everything_it_is_given_publishes_nothing_private(project, tmp_path):
    from pilotbook.site.templating import PACKAGED_TEMPLATES

    for template in PACKAGED_TEMPLATES.glob("*.md"):
        (project / "theme" / "pages").mkdir(parents=True, exist_ok=True)
        (project / "theme" / "pages" / template.name).write_text(PRINT_EVERYTHING)
    site = built(project, tmp_path / "site", env={"PILOTBOOK_AUDIENCE": "intranet"})
    everything = _everything(site)
    assert "Marieke Smits" in everything and "Particuliere klanten" in everything
    for hidden in ("Anouk Peters", "Linda Vos", "Ruben Kok", "Daan Mulder", *NEVER):
        assert not any(form in everything for form in _forms(hidden)), hidden
    # No answer, reason or rejection (Thomas de Graaf was not chosen: not named at all).
    for text in ("'impact': True", "'rejected'", "Afgevallen. Deze stakeholder", "Privacy office"):
        assert not any(form in everything for form in _forms(text)), text
    # Reasons are empty on the intranet ('=' is escaped in the generated Markdown).
    assert "failed&#61;()" in everything and "failed&#61;('" not in everything
    assert "unanswered&#61;('" not in everything


@pytest.mark.parametrize(
    "reach",
    [
        "{{ screening.__class__.__init__.__globals__ }}",
        "{{ reason.__globals__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    ],
)
def test_a_template_cannot_reach_past_the_data_it_is_given(project, tmp_path, reach):
    (project / "theme" / "pages").mkdir(parents=True)
    (project / "theme" / "pages" / "map.md").write_text(f"# Map\n\n{reach}\n")
    result = run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")],
        project,
        env={"PILOTBOOK_AUDIENCE": "intranet"},
    )
    assert result.returncode == 1
    assert "theme/pages/map.md:3:1: error: the page template cannot be used" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_intranet_report_holds_what_the_intranet_site_shows():
    data = json.loads(
        pilotbook("report", "--format", "json", "--audience", "intranet", cwd=REPO).stdout
    )
    statuses = {p["status"] for p in data["stakeholders"]}
    assert statuses == {"shortlisted", None}  # colleagues on the shortlist, and externals
    assert all(p["failed"] == [] and p["unanswered"] == [] for p in data["stakeholders"])
    names = {p["name"] for p in data["stakeholders"]}
    assert "Marieke Smits" in names and "Anouk Peters" not in names
    csv = pilotbook("report", "--format", "csv", "--audience", "intranet", cwd=REPO).stdout
    assert "Anouk Peters" not in csv and "Marieke Smits" in csv


def test_the_intranet_counts_only_the_shortlisted_it_names_with_hundreds_of_people(tmp_path):
    """Where a decided discipline names only the chosen, no list counts the others:
    every count of the shortlisted equals the names it stands for, and "the first 10
    of N" counts the names of the whole list."""
    project = copy_sample(tmp_path / "handbook")
    shutil.rmtree(project / "stakeholders")
    load_bench().write_stakeholders(project, 600)
    handbook = Handbook(project / "stakeholders", base_dir=project, audience="intranet")
    pages = {p.path: p.content for p in make_site(handbook).pages}
    decided = 0
    for path, content in pages.items():
        if not path.startswith("stakeholders/disciplines/"):
            continue
        shortlist = content.split('<a id="pb-shortlisted"></a>')[1].split('<a id="pb-pending">')[0]
        total = int(re.search(r"## Op de shortlist \((\d+)\)", shortlist)[1])
        names = re.findall(r"^- \[.*$", shortlist, re.M)
        assert len(names) == total, path
        decided += "Besloten" in content and all("Gekozen" in n for n in names)
    assert decided, "no decided discipline: the test proves nothing"
    summary = pages["stakeholders/shortlist.md"]
    for section in summary.split('<a id="pb-d-')[1:]:
        names = section.split("### ")[1]
        listed = len(re.findall(r"^- \[", names, re.M))
        first = re.search(r"De eerste 10 van (\d+)", names)
        total = int(re.search(r"Op de shortlist \((\d+)\)", section)[1])
        assert listed == 10 if first else listed == total or total == 0
        assert int(first[1]) == total if first else True, section[:40]


def test_the_handbooks_own_pages_take_their_examples_from_no_real_colleague():
    """A guidance page is published to everyone: an example copied from a stakeholder
    file would show that colleague's answers. Examples use invented people."""
    names = {p["name"] for p in _report()["stakeholders"] if p["discipline"]}
    assert len(names) > 20
    for page in (REPO / "content").rglob("*.md"):
        written = page.read_text(encoding="utf-8")
        assert not [name for name in names if name in written], page.name
