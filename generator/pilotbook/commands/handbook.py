"""Finding the handbook a command works on, and reading its configuration through MkDocs
(`pilotbook.build.mkdocs_config`), as a build reads it."""

from __future__ import annotations

import argparse
import dataclasses
from dataclasses import dataclass
from pathlib import Path

from pilotbook.build.export import SiteConfig
from pilotbook.build.mkdocs_config import load
from pilotbook.commands.usage import UsageError, shown
from pilotbook.config.handbook import CONFIG_NAMES, Handbook, find_config
from pilotbook.config.options import DEFAULTS
from pilotbook.text.escaping import log_line


@dataclass(frozen=True)
class Found:
    """The handbook a command works on, and the configuration it was read from."""

    handbook: Handbook
    # None where no configuration was found: pilotbook's defaults are used.
    config_file: Path | None = None
    site: SiteConfig | None = None

    @property
    def note(self) -> str:
        """Which method the command judged the files by, for the reader of its output."""
        if self.config_file is None:
            return (
                "no mkdocs.yml or properdocs.yml found here or above: checked with pilotbook's "
                "default disciplines and questions"
            )
        return log_line(f"configuration: {shown(self.config_file)}")


def find(args: argparse.Namespace, *, need_config: bool = False) -> Found:
    """The handbook described by its configuration (when there is one) and the command line.

    The configuration is `--config-file`, or else found like git finds a repository:
    in the folder given (or the current one) or the nearest folder above it.
    """
    folder = getattr(args, "dir", None)
    if args.config_file:
        config_file: Path | None = Path(args.config_file)
        if not config_file.is_file():
            raise UsageError(f"{config_file}: no such file: name the handbook's mkdocs.yml")
    else:
        config_file = find_config(Path(folder or "."))
    site = None
    if config_file is not None:
        handbook, site = load(config_file, shown(config_file))
        if folder and not _holds_config(Path(folder)):
            # A folder of stakeholder files (or part of one), judged by the handbook's method.
            handbook = dataclasses.replace(handbook, stakeholders_dir=Path(folder))
    elif need_config:
        raise UsageError(
            f"no {' or '.join(CONFIG_NAMES[::2])} here or in any folder above: run pilotbook "
            "in the handbook's folder, or name its configuration with --config-file"
        )
    else:
        handbook = Handbook(stakeholders_dir=Path(folder or DEFAULTS.stakeholders_dir))
    return Found(dataclasses.replace(handbook, base_dir=Path.cwd()), config_file, site)


def _holds_config(folder: Path) -> bool:
    return any((folder / name).is_file() for name in CONFIG_NAMES)
