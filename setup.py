"""The one build step pyproject.toml cannot declare: the wheel ships pilotbook's page
templates compiled (see generator/pilotbook/site/templating.py). Everything else
about the package is in pyproject.toml."""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPy(build_py):
    def run(self) -> None:
        super().run()
        # An editable install runs pilotbook from its source, which compiles the
        # templates when they are used; nothing is written beside the source.
        if self.editable_mode or self.dry_run:
            return
        # The package just copied into the build folder compiles its own templates.
        sys.path.insert(0, self.build_lib)
        try:
            from pilotbook.site.templating import compile_packaged

            compile_packaged(Path(self.build_lib, "pilotbook", "site", "compiled"))
        finally:
            sys.path.remove(self.build_lib)


setup(cmdclass={"build_py": BuildPy})
