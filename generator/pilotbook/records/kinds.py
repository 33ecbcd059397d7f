"""The registered record kinds, as yamllint registers its rules.

Whatever is written over every kind reads this list: the build cache's key covers
each kind's folder, and no site publishes any of them. Adding a kind is a module
that declares it (see `pilotbook.records.stakeholders`) and one entry here.
"""

from __future__ import annotations

from pilotbook.records.callers import CALLERS
from pilotbook.records.record_kind import Kind
from pilotbook.records.stakeholders import STAKEHOLDERS

KINDS: tuple[Kind, ...] = (STAKEHOLDERS, CALLERS)
