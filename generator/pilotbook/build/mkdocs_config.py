"""MkDocs' side of the handbook's configuration, for both adapters.

- `PilotbookConfig` is the plugin's options as MkDocs holds them: each handed on as
  written, from the one declaration in `pilotbook.config.options`, which checks them;
- `describe` turns MkDocs' settings and those options into the core's `Handbook`;
- `load` reads `mkdocs.yml` through MkDocs for the commands, so that a build and a
  command read one configuration the same way, and `site_config` takes from it what an
  engine without plugins needs (`pilotbook generate`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.plugins import BasePlugin

from pilotbook.build.export import SiteConfig
from pilotbook.build.site import templates_in
from pilotbook.config.handbook import Handbook, SiteSettings
from pilotbook.config.handbook import describe as describe_handbook
from pilotbook.config.inherit import check_config_chain
from pilotbook.config.layout import check_layout
from pilotbook.config.numbers import too_long_number
from pilotbook.config.options import PLUGIN, WRITTEN_DEFAULTS, Locator
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Position, Problem, Severity
from pilotbook.yaml.source import decode, parse, parse_for_positions
from pilotbook.yaml.syntax import YamlSyntaxError, fits, number_too_long


class _Logged(logging.Handler):
    """The errors MkDocs logs while it reads a configuration, one for each wrong setting,
    before it gives up with only 'Aborted with a configuration error!'."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


# How MkDocs' messages name the setting they are about.
_SETTING = re.compile(r"Config value '([^']+)': ")


class _AsWritten(c.BaseConfigOption[Any]):
    """An option MkDocs hands on as written, for the core to check with its line in
    mkdocs.yml (`pilotbook.config.options.check_options`, which `diff` uses too)."""

    def __init__(self, default: Any = None) -> None:
        super().__init__()
        self.default = default


class PilotbookConfig(base.Config):
    """The plugin's options; what each means and takes: `config.options.PluginOptions`."""

    _schema = tuple((name, _AsWritten(default)) for name, default in WRITTEN_DEFAULTS.items())

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        """MkDocs' checks, less its warning about an unknown option: `check_options`
        reports that one as an error, with its line and the option meant.

        First mkdocs.yml and the files it inherits from are held to a stakeholder file's
        limits (see `check_config_chain`): MkDocs goes on to log every setting written
        out, which for an alias bomb is gigabytes, so a configuration error would come
        too late."""
        if self.config_file_path:
            config_file = Path(self.config_file_path)
            try:
                check_config_chain(config_file, config_file.name)
            except HandbookError as error:
                raise Abort(str(error)) from None
        failed, warnings = super().validate()
        known = {name for name, _ in self._schema}
        return failed, [(key, warning) for key, warning in warnings if key in known]


def describe(config: MkDocsConfig, options: PilotbookConfig) -> Handbook:
    """The handbook MkDocs' configuration and the plugin's options describe; a wrong
    option raises `HandbookError` with its line in mkdocs.yml."""
    custom_dir = config.theme.custom_dir
    settings = SiteSettings(
        config_file=Path(config.config_file_path or "mkdocs.yml"),
        site_name=config.site_name,
        docs_dir=config.docs_dir,
        theme_language=config.theme.get("language"),
        templates_dir=templates_in(Path(custom_dir)) if custom_dir else None,
        directory_urls=config.use_directory_urls,
        repo_url=config.repo_url,
        edit_uri=config.edit_uri,
    )
    handbook = describe_handbook(settings, dict(options))
    # One verdict on the record folders' places, for check and the build alike.
    config_file = settings.config_file
    locate = Locator(config_file).position
    check_layout(
        handbook, config.docs_dir, custom_dir, config_file, lambda option: locate((option,))
    )
    return handbook


def load(config_file: Path, shown: str) -> tuple[Handbook, SiteConfig]:
    """The handbook and site that `config_file` (named `shown` in problems) describes,
    read by MkDocs as a build reads it. Raises `HandbookError` for a configuration that
    cannot be used, located where it can be."""
    # Within a stakeholder file's limits before MkDocs reads it (an alias bomb), as diff
    # reads a revision's.
    check_config_chain(config_file, shown)
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.setLevel(logging.ERROR)
    logged = _Logged()
    mkdocs_log.addHandler(logged)
    try:
        config = load_config(str(config_file))
        if _holds_too_long_number(config):
            _raise_located(config_file, shown)
            too_long = number_too_long(Position(1, 1))
            raise _unusable(config_file, shown, [too_long.message], too_long.code)
        options = getattr(config.plugins.get(PLUGIN), "config", None)
        if not isinstance(options, PilotbookConfig):
            message = "the 'pilotbook' plugin is not enabled: add it under 'plugins:'"
            raise _unusable(config_file, shown, [message])
        handbook = describe(config, options)
    except HandbookError as error:
        # `describe` names the file as a build does, by its name: MkDocs runs beside it.
        problems = error.problems
        raise HandbookError(
            p._replace(path=shown) if p.path == config_file.name else p for p in problems
        ) from None
    except (MkDocsException, ValueError) as error:
        # MkDocs' YAML reader says little of where (and nothing, for a number too long to
        # read): the file is read again to say where and what would be right.
        _raise_located(config_file, shown)
        if isinstance(error, ValueError):
            raise
        raise _unusable(config_file, shown, logged.messages or [str(error)]) from None
    finally:
        mkdocs_log.removeHandler(logged)
    return handbook, site_config(config, handbook)


def _unusable(
    config_file: Path, shown: str, messages: list[str], code: Code = Code.UNUSABLE_CONFIG
) -> HandbookError:
    """MkDocs' own problems with the configuration, each at the setting it names."""
    try:
        document = parse_for_positions(decode(config_file.read_bytes()))
    except (OSError, YamlSyntaxError):
        document = None

    def where(message: str) -> Position:
        setting = _SETTING.match(message)
        if document is None or setting is None:
            return Position(1, 1)
        return document.position((setting[1],), key=True)

    return HandbookError(Problem(shown, where(m), Severity.ERROR, m, code) for m in messages)


def _holds_too_long_number(config: MkDocsConfig) -> bool:
    """Whether a number in the configuration has more digits than Python turns into
    text (see `syntax.fits`): pilotbook would fail the moment it showed one."""
    pending: list[Any] = [config]
    seen: set[int] = set()  # YAML can make a list that holds itself
    while pending:
        value = pending.pop()
        if isinstance(value, int) and not fits(value):
            return True
        if isinstance(value, BasePlugin):
            value = value.config
        if isinstance(value, Mapping | list | tuple) and id(value) not in seen:
            seen.add(id(value))
            pending.extend(value.values() if isinstance(value, Mapping) else value)
    return False


def _raise_located(config_file: Path, shown: str) -> None:
    """Raise the YAML problem of a configuration file with its place, if it has one."""
    try:
        text = decode(config_file.read_bytes())
        parse(text)
        if (where := too_long_number(text)) is not None:
            raise number_too_long(where)  # a number only MkDocs' YAML 1.1 reads as one
    except YamlSyntaxError as error:
        where = Problem(shown, error.position, Severity.ERROR, error.message, error.code)
        raise HandbookError([where]) from None
    except OSError:
        pass


def site_config(config: MkDocsConfig, handbook: Handbook) -> SiteConfig:
    """The parts of MkDocs' configuration an engine without plugins needs."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    options = search.config if search is not None else {}
    return SiteConfig(
        site_name=config.site_name,
        site_description=config.site_description,
        docs_dir=Path(config.docs_dir),
        custom_dir=Path(config.theme.custom_dir) if config.theme.custom_dir else None,
        templates_dir=handbook.templates_dir,
        theme=dict(config.theme.items()),
        markdown_extensions=[
            {name: config.mdx_configs[name]} if config.mdx_configs.get(name) else name
            for name in config.markdown_extensions
        ],
        nav=config.nav,
        search={key: options[key] for key in ("lang", "separator") if options.get(key)},
        extra_css=list(config.extra_css),
        extra_javascript=[str(script) for script in config.extra_javascript],
        extra=dict(config.extra),
        directory_urls=config.use_directory_urls
        and not (offline is not None and offline.config.get("enabled", True)),
        strict=bool(config.strict),
    )
