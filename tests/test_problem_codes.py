"""Problem codes: each kind of problem has one stable code, defined once and documented.

A code is what CI systems and people look problems up by, so the registry in
`pilotbook.problems.codes`, the codes the package uses and the documentation's table
(docs/pages/problem-codes.md) must agree.
"""

from __future__ import annotations

import ast
import re

from conftest import REPO, docs_page, pilotbook, write

from pilotbook.problems.codes import Code, readme_table

PACKAGE = REPO / "generator" / "pilotbook"


def _codes_used() -> dict[str, list[str]]:
    """Every `Code.NAME` the package refers to, outside the registry, and where."""
    used: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "Code"
            ):
                used.setdefault(node.attr, []).append(f"{path.relative_to(REPO)}:{node.lineno}")
    return used


def test_every_code_the_package_uses_is_registered():
    unknown = {name: where for name, where in _codes_used().items() if name not in Code.__members__}
    assert not unknown


def test_every_registered_code_is_used():
    assert sorted(set(Code.__members__) - set(_codes_used())) == []


def test_codes_are_short_kebab_case_and_explained_on_one_line():
    for code in Code:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", code), code
        assert len(code) <= 30, code
        for text in (code.explanation, code.example):
            assert text.strip() and "\n" not in text and "|" not in text, code


def test_the_documentation_lists_every_code_as_the_registry_does():
    page = docs_page("problem-codes")
    table = page[page.index("| code |") :].split("\n\n", 1)[0].rstrip("\n") + "\n"
    assert table == readme_table()


def test_a_problem_line_ends_with_its_code(tmp_path):
    write(tmp_path, "stakeholders/a.yml", "name: A\ndicipline: legal\n")
    result = pilotbook("check", cwd=tmp_path)
    assert result.stdout.splitlines()[0].startswith(
        "stakeholders/a.yml:2:1: error: unknown key 'dicipline': did you mean 'discipline'?"
    )
    assert result.stdout.splitlines()[0].endswith(" (unknown-key)")
