"""The handbook's theme folder (`custom_dir`): never a way to the stakeholder files.

MkDocs reads the theme's templates (`main.html`, its partials, the static templates
such as `404.html`) with a loader that follows every link, and publishes every other
file of the theme folder as it is. A theme template that came in with a pull request
could then include a stakeholder file or `/proc/self/environ`. So:

- a stakeholders folder (or the folder of any other record kind) inside the theme
  folder (its `pages/` included) is refused, as is any symbolic link in the theme
  folder (named as the way to the stakeholders folder where it leads there), and a
  theme folder that cannot be read;
- the theme's templates are read as the handbook's page templates are
  (`pilotbook.site.templating.RegularFiles`): regular files only, no link in the
  handbook's theme folder, and no file that is a record file under another name;
- a static template is never YAML, nor a file the site withholds
  (`pilotbook.build.withheld`): MkDocs writes static templates without asking.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Container, Sequence
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from pilotbook.build.withheld import Withholding, inside
from pilotbook.config.handbook import Handbook
from pilotbook.config.options import Locator
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Position, Problem, Severity, format_problem
from pilotbook.records.files import EXTENSIONS, stats_below
from pilotbook.records.kinds import KINDS
from pilotbook.site.templating import RegularFiles, readable_folder
from pilotbook.yaml.source import decode, parse
from pilotbook.yaml.syntax import YamlSyntaxError


def confine_theme(config: MkDocsConfig, handbook: Handbook) -> None:
    """Raises `HandbookError` for a theme folder that is refused (see the module), and
    makes every Jinja environment of the theme read its templates as regular files
    only: MkDocs' own, and those Material makes to translate."""
    config_file = Path(config.config_file_path or "mkdocs.yml")
    withholding = Withholding(handbook)
    custom_dir = config.theme.custom_dir
    problems = theme_problems(handbook, custom_dir, config_file)
    if not problems:
        problems = _static_template_problems(config, config_file, withholding, handbook)
    if problems:
        raise HandbookError(problems)
    theme, get_env = config.theme, config.theme.get_env
    own = [custom_dir] if custom_dir else []

    def confined() -> jinja2.Environment:
        env = get_env()
        others = [folder for folder in theme.dirs if folder not in own]
        env.loader = _ThemeFiles(own, others, withholding.identities, handbook)
        return env

    # Theme.get_env makes a new environment for each caller (the build, Material's
    # search and blog plugins): each gets the confined loader.
    theme.get_env = confined  # type: ignore[method-assign]


def theme_problems(
    handbook: Handbook, custom_dir: str | Path | None, config_file: Path
) -> list[Problem]:
    """What is refused of the theme folder `custom_dir`, for the build and `generate`
    alike: a folder of it that cannot be read, a stakeholders folder in it, a symbolic
    link in it."""
    if not custom_dir or not os.path.lexists(custom_dir):
        return []
    templates = handbook.templates_dir
    try:
        readable_folder(custom_dir)
        if templates is not None and os.path.lexists(templates):
            readable_folder(templates)
        below = list(stats_below(Path(custom_dir)))
        for path, info in below:
            if stat.S_ISDIR(info.st_mode):
                readable_folder(path)
    except OSError as error:
        shown = handbook.display(os.fsdecode(error.filename or custom_dir))
        why = (error.strerror or "unreadable").lower()
        return [
            Problem(
                shown,
                Position(1, 1),
                Severity.ERROR,
                f"this folder of the theme (custom_dir) cannot be read ({why}): give the "
                "user who builds the site permission to read it and its files (chmod -R "
                "u+rX), or remove 'custom_dir' from mkdocs.yml to build without it",
                Code.UNREADABLE,
            )
        ]
    theme = os.path.realpath(custom_dir)
    kinds = [(kind, os.path.realpath(handbook.folder(kind))) for kind in KINDS]
    inner = [
        Problem(
            handbook.display(config_file),
            Locator(config_file).position((kind.folder_option,)),
            Severity.ERROR,
            f"the {kind.plural} folder {handbook.display(handbook.folder(kind))} lies in the "
            f"theme folder (custom_dir) {handbook.display(custom_dir)}, whose templates could "
            f"show its files: keep the {kind.plural} files in a folder of their own outside "
            f"the theme folder, such as '{kind.plural}' beside mkdocs.yml",
            Code.INVALID_OPTION,
        )
        for kind, real in kinds
        if inside(real, theme)
    ]
    if inner:
        return inner
    problems = []
    for path, info in below:
        if not stat.S_ISLNK(info.st_mode):
            continue
        target = os.path.realpath(path)
        reached = [k for k, real in kinds if inside(target, real) or inside(real, target)]
        if reached:
            why = (
                f"this link in the theme folder leads to the {reached[0].plural} folder "
                f"{handbook.display(handbook.folder(reached[0]))}, whose files no template "
                "may show: delete the link"
            )
        else:
            why = (
                "this is a symbolic link in the theme folder, whose files are read and "
                "published only as regular files inside it, never through a link (which "
                "could reach a stakeholder file or /proc/self/environ): replace the link "
                "with a copy of what it points to"
            )
        problems.append(
            Problem(handbook.display(path), Position(1, 1), Severity.ERROR, why, Code.SYMBOLIC_LINK)
        )
    return problems


def _static_template_problems(
    config: MkDocsConfig, config_file: Path, withholding: Withholding, handbook: Handbook
) -> list[Problem]:
    """A static template that is YAML, or a file the site withholds: MkDocs would
    write it into the site without asking which files may go there."""
    problems = []
    for name in config.theme.static_templates:
        found = (os.path.join(folder, name) for folder in config.theme.dirs)
        path = next((p for p in found if os.path.lexists(p)), None)
        if not name.lower().endswith(EXTENSIONS) and (path is None or not withholding(path)):
            continue
        problems.append(
            Problem(
                handbook.display(config_file),
                _static_templates_position(config_file),
                Severity.ERROR,
                f"the static template '{name}' is a YAML file, or one the site never "
                "publishes (a stakeholder file or the build cache): take it out of "
                "theme.static_templates",
                Code.TEMPLATE_ERROR,
            )
        )
    return problems


def _static_templates_position(config_file: Path) -> Position:
    """Where `theme.static_templates` is in the configuration file."""
    try:
        document = parse(decode(config_file.read_bytes()))
    except (OSError, YamlSyntaxError):
        return Position(1, 1)
    return document.position(("theme", "static_templates"))


class _ThemeFiles(RegularFiles):
    """The theme's templates, as regular files only; what cannot be read stops the
    build with a located message instead of a traceback."""

    def __init__(
        self,
        own: Sequence[str],
        packaged: Sequence[str],
        withheld: Container[tuple[int, int]],
        handbook: Handbook,
    ) -> None:
        super().__init__(own, packaged, withheld)
        self.handbook = handbook

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        try:
            return super().get_source(environment, template)
        except OSError as error:
            raise self._refused(error, template) from None

    def list_templates(self) -> list[str]:
        try:
            return super().list_templates()
        except OSError as error:
            raise self._refused(error, "") from None

    def _refused(self, error: OSError, template: str) -> PluginError:
        filename = os.fsdecode(error.filename) if error.filename else template
        problem = Problem(
            self.handbook.display(filename),
            Position(1, 1),
            Severity.ERROR,
            f"this file of the theme cannot be read ({(error.strerror or '').lower()}): make "
            "it a readable regular file inside the theme folder, or delete it",
            Code.TEMPLATE_ERROR,
        )
        return PluginError(format_problem(problem))
