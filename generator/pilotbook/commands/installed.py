"""The pilotbook that runs here, as a new handbook's pipeline installs it.

Installed from a package index (no `direct_url.json`, PEP 610), the pipeline asks an
index for the same version; whether the runners reach an index that has it, nothing
here can tell. Installed any other way (a wheel, an sdist, a checkout, editable or
not, an address), the runners could not get it as this machine did: the handbook
gets a wheel of the pilotbook that runs here, made from its installed files, and the
pipeline installs that.
"""

from __future__ import annotations

import base64
import hashlib
import re
import zipfile
from dataclasses import dataclass, field
from importlib.metadata import Distribution, PackageNotFoundError, distribution
from io import BytesIO
from pathlib import Path

import pilotbook

# What an installer writes about one installation (PEP 376, 610); a wheel has none.
_INSTALLER_FILES = {"INSTALLER", "REQUESTED", "RECORD", "direct_url.json"}
# Every file gets this time, so that the same pilotbook makes the same wheel.
_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Install:
    """What the pipeline gives pip (`spec`), and the files (by their path in the
    handbook) that the handbook must hold for it."""

    spec: str
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def from_index(self) -> bool:
        return not self.files


def this_pilotbook() -> Install:
    """How a pipeline installs the pilotbook that runs here."""
    try:
        installed = distribution("pilotbook")
    except PackageNotFoundError:  # run from its source folder, never installed
        return Install("pilotbook")
    if installed.read_text("direct_url.json") is None:
        return Install(f"pilotbook=={installed.version}")
    name, wheel = wheel_of(installed)
    return Install(f"wheels/{name}", {f"wheels/{name}": wheel})


def wheel_of(installed: Distribution) -> tuple[str, bytes]:
    """A wheel of `installed` (its file name and its bytes): the package as it runs
    here, with the metadata it was installed with (PEP 427)."""
    package = Path(pilotbook.__file__).parent
    files = {
        f"pilotbook/{path.relative_to(package).as_posix()}": path.read_bytes()
        for path in sorted(package.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }
    info = ""
    for record in installed.files or ():
        if record.parts[0].endswith(".dist-info"):
            info = record.parts[0]
            if record.name not in _INSTALLER_FILES:
                files[record.as_posix()] = record.locate().read_bytes()
    files[f"{info}/RECORD"] = _record(files, f"{info}/RECORD")
    # Names and versions escaped as a wheel's file name needs them.
    name = re.sub(r"[-_.]+", "_", installed.metadata["Name"]).lower()
    version = installed.version.replace("-", "_")
    written = BytesIO()
    with zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in files.items():
            entry = zipfile.ZipInfo(path, _EPOCH)
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, content, zipfile.ZIP_DEFLATED)
    return f"{name}-{version}-py3-none-any.whl", written.getvalue()


def _record(files: dict[str, bytes], record: str) -> bytes:
    """The wheel's RECORD: each file with its SHA-256 and size; RECORD itself without."""
    rows = []
    for path, content in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=")
        rows.append(f"{path},sha256={digest.decode()},{len(content)}\n")
    return "".join([*rows, f"{record},,\n"]).encode()
