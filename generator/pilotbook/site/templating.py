"""The page templates: the Jinja environments they render in, and pilotbook's own
templates compiled ahead of time.

A handbook's own templates (`<custom_dir>/pages/`) run in Jinja's sandbox: a template
that came in with a pull request reads the data it is given and cannot reach past
it. pilotbook's own templates are part of pilotbook, as its Python code is, and run
outside the sandbox, whose checks of every attribute and call took a third of the
time they take to render. A handbook's template of a page replaces pilotbook's one
file at a time, and whatever it includes is read in the sandbox too. The sandbox reads
only regular files inside the template folders: no symbolic link (the templates
folder itself, a file, or a folder on the way to it), so that no template reaches a
stakeholder file or `/proc/self/environ` through a link.

Compiling the eight packaged templates costs a build about as much as screening a
thousand stakeholder files. So the wheel ships them compiled, in the format of
Jinja's `ModuleLoader`, made when the wheel is built (see `setup.py`) in the
environment they render in. A stamp beside them names the jinja2 release and the
digest of each template. Where either no longer holds (another jinja2, an edited
template, an editable install, which has no compiled templates), the templates are
compiled from their source as before: what a page says never depends on which of
the two ran.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import json
import os
import stat
import warnings
from collections.abc import Callable, Container, MutableMapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

from pilotbook.method.wording import Trusted
from pilotbook.problems.codes import Code
from pilotbook.site.page import MAX_TEMPLATE_BYTES
from pilotbook.text.escaping import markdown_text

# The page templates pilotbook ships; a handbook overrides them in `<custom_dir>/pages/`.
PACKAGED_TEMPLATES = Path(__file__).parent / "templates"
# The same templates compiled by the build of the wheel; absent from a source checkout.
COMPILED_TEMPLATES = Path(__file__).parent / "compiled"
STAMP = "stamp.json"


def finalize(value: Any) -> str:
    """What a template prints: text escaped for Markdown, unless pilotbook built it."""
    if isinstance(value, Trusted):
        return value
    if value is None:
        return ""
    return markdown_text(str(value))


def environment(loader: jinja2.BaseLoader, *, sandboxed: bool) -> jinja2.Environment:
    """The environment page templates compile and render in: the sandbox for a
    handbook's own. Compiled templates hold some of these settings (whitespace,
    constants already finalized, the sandbox's calls), so the build of the wheel
    compiles pilotbook's templates in this environment too."""
    kind = SandboxedEnvironment if sandboxed else jinja2.Environment
    return kind(
        loader=loader,
        finalize=finalize,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class PageTemplates:
    """The page templates of one handbook: its own where it has one of that name (in
    the sandbox), else pilotbook's. None of them is a file whose (device, inode) is
    `withheld`: a record file under another name (a hard link)."""

    def __init__(
        self, override: Path | None, withheld: Container[tuple[int, int]] = frozenset()
    ) -> None:
        self._packaged = environment(packaged_loader(), sandboxed=False)
        # The handbook's folder of templates, and the sandbox they render in.
        self._own: tuple[str, jinja2.Environment] | None = None
        if override is not None and os.path.lexists(override):
            readable_folder(override)
            loader = RegularFiles([override], [PACKAGED_TEMPLATES], withheld)
            self._own = (str(override), environment(loader, sandboxed=True))

    def get(self, name: str) -> jinja2.Template:
        """The template of `name`; raises what Jinja raises for a template that cannot be
        read or compiled."""
        if self._own is not None:
            folder, sandbox = self._own
            # Anything of that name, so that a link is refused rather than passed over.
            if os.path.lexists(os.path.join(folder, name)):
                return sandbox.get_template(name)
        return self._packaged.get_template(name)


def readable_folder(folder: str | Path) -> None:
    """Raises `OSError` naming `folder` where it cannot be listed (permission denied):
    a folder of templates that cannot be read is never passed over in silence."""
    if stat.S_ISDIR(os.lstat(folder).st_mode):
        os.scandir(folder).close()


class RegularFiles(jinja2.BaseLoader):
    """Templates read from the handbook's folders (`own`), else from those of
    pilotbook and its theme (`packaged`), in that order, as regular files only. A
    symbolic link is refused, whether it is one of the handbook's folders, the file or
    a folder on the way to it, and so is anything but a regular file (a pipe, a
    device), and a file whose (device, inode) is `withheld` (a hard link to a
    stakeholder file): nothing outside the folders can be read. Raises `OSError`
    naming the file and saying why."""

    def __init__(
        self,
        own: Sequence[str | Path],
        packaged: Sequence[str | Path],
        withheld: Container[tuple[int, int]] = frozenset(),
    ) -> None:
        self.own = [os.fspath(folder) for folder in own]
        self.folders = [*self.own, *(os.fspath(folder) for folder in packaged)]
        self.withheld = withheld

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        # Imported here: the build of the wheel compiles the templates with jinja2 alone.
        from pilotbook.records.files import Unreadable, read_regular_file

        pieces = split_template_path(template)  # refuses '..'
        for folder in self.folders:
            path = os.path.join(folder, *pieces)
            if not os.path.lexists(path):
                continue
            # pilotbook's own folders may lie below links of the installation, the
            # handbook's may not be one; below either, nothing is a link.
            steps, below = [folder] if folder in self.own else [], folder
            for piece in pieces:
                below = os.path.join(below, piece)
                steps.append(below)
            if any(stat.S_ISLNK(os.lstat(step).st_mode) for step in steps):
                raise OSError(errno.ELOOP, _LINK, path)
            info = os.lstat(path)
            if (info.st_dev, info.st_ino) in self.withheld:
                raise OSError(errno.EPERM, _STAKEHOLDER_FILE, path)
            try:
                data = read_regular_file(path, MAX_TEMPLATE_BYTES)
            except Unreadable as refused:
                large = refused.code == Code.FILE_TOO_LARGE
                why = f"larger than {MAX_TEMPLATE_BYTES:,} bytes" if large else _NOT_REGULAR
                raise OSError(errno.EINVAL, why, path) from None
            modified = info.st_mtime_ns
            return data.decode("utf-8"), path, functools.partial(_unchanged, path, modified)
        raise jinja2.TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        """Every template of the folders (to the depth a stakeholders folder may have),
        by name; raises `OSError` for a link, or anything but a folder or regular
        file, in the handbook's folders, and for a folder that cannot be read."""
        from pilotbook.records.files import stats_below

        names = set()
        for folder in self.folders:
            if not os.path.lexists(folder):
                continue
            if folder in self.own and stat.S_ISLNK(os.lstat(folder).st_mode):
                raise OSError(errno.ELOOP, _LINK, folder)
            readable_folder(folder)
            start = len(os.path.join(folder, ""))
            for path, info in stats_below(Path(folder)):
                if stat.S_ISREG(info.st_mode):
                    names.add(path[start:].replace(os.sep, "/"))
                elif folder not in self.own:
                    continue
                elif stat.S_ISDIR(info.st_mode):
                    readable_folder(path)
                else:
                    why = _LINK if stat.S_ISLNK(info.st_mode) else _NOT_REGULAR
                    raise OSError(errno.EINVAL, why, path)
        return sorted(names)


_LINK = (
    "it is, or lies in, a symbolic link: templates are read only as regular files "
    "inside the template folders, never through a link"
)
_NOT_REGULAR = "it is not a regular file, the only kind a template is read from"
_STAKEHOLDER_FILE = (
    "it is a stakeholder file under another name (a hard link): templates never read "
    "the stakeholder files"
)


def _unchanged(path: str, modified: int) -> bool:
    try:
        return os.lstat(path).st_mtime_ns == modified
    except OSError:
        return False


def packaged_loader() -> jinja2.BaseLoader:
    """pilotbook's templates: compiled where the compiled ones are current, else from
    source."""
    source = jinja2.FileSystemLoader(str(PACKAGED_TEMPLATES))
    compiled = COMPILED_TEMPLATES
    if compiled_current(compiled):
        return jinja2.ChoiceLoader([_Compiled(compiled), source])
    return source


def compile_packaged(target: Path) -> None:
    """Compile pilotbook's templates into `target`, with the stamp that says what they
    were compiled from. Run by the build of the wheel."""
    env = environment(jinja2.FileSystemLoader(str(PACKAGED_TEMPLATES)), sandboxed=False)
    env.compile_templates(str(target), zip=None, ignore_errors=False)
    (target / STAMP).write_text(json.dumps(_stamp(), indent=1, sort_keys=True) + "\n")


def compiled_current(folder: Path) -> bool:
    """Whether the templates in `folder` were compiled from the packaged templates as
    they are now, by the jinja2 release installed now."""
    try:
        stamp = json.loads((folder / STAMP).read_text(encoding="utf-8"))
        return isinstance(stamp, dict) and stamp == _stamp()
    except (OSError, ValueError):
        return False


def _stamp() -> dict[str, Any]:
    templates = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(PACKAGED_TEMPLATES.glob("*.md"))
    }
    return {"jinja2": _jinja_release(), "templates": templates}


def _jinja_release() -> str:
    # The module's own attribute is immediate; the package metadata, where a later
    # release drops or deprecates it, takes a few hundredths of a second.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        release = getattr(jinja2, "__version__", None)
    if isinstance(release, str):
        return release
    import importlib.metadata

    return importlib.metadata.version("jinja2")


class _Compiled(jinja2.ModuleLoader):
    """Compiled templates that name their source file, as the source loader's do, so
    that a message about a template points at the template."""

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        template = super().load(environment, name, globals)
        template.filename = str(PACKAGED_TEMPLATES / name)
        return template
