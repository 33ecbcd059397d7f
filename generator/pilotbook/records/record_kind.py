"""A record kind: one YAML file per record, below a folder of its own.

A kind names its folder (and the option that points at it), its table of fields,
its rules with their problem codes, and its page. Loading, validation, the JSON
Schema, `pilotbook new`, the reports, the diff, the audience's view and the build
cache are written once over every kind; the kinds are registered in
`pilotbook.records.kinds`, as yamllint registers its rules.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from pilotbook.method.model import Method
from pilotbook.problems.codes import Code
from pilotbook.records.fields import Field
from pilotbook.records.model import ONE_PILOT, Parts, part_class, record_class, values_of
from pilotbook.yaml.source import KeyPath, YamlDocument


class Check(Protocol):
    """One file being validated, as a rule sees it."""

    kind: Kind
    data: Mapping[str, Any]
    method: Method
    # Keys the author probably meant where they misspelled one.
    meant: set[str]

    def error(self, where: KeyPath, message: str, code: Code, *, key: bool = False) -> None: ...

    def read(self, key: str) -> Any:
        """The value of the field `key`, read and checked as its type says."""
        ...


@dataclass(frozen=True)
class Rule:
    """A check over a whole file beyond what each field's type checks: `check` reads the
    keys it decides (before the other fields) and returns their values; `codes` are the
    problems it reports; `schema` says the same in JSON Schema for editors, given the
    kind and the method."""

    id: str
    codes: tuple[Code, ...]
    check: Callable[[Check], Mapping[str, Any]]
    schema: Callable[[Kind, Method], Mapping[str, Any]] | None = None


@dataclass(frozen=True, eq=False)
class Kind:
    """A kind of record, such as the stakeholder::

        STAKEHOLDERS = Kind(
            name="stakeholder", plural="stakeholders", folder_option="stakeholders_dir",
            class_name="Stakeholder", module=__name__, fields=FIELDS, rules=(PLACEMENT,),
            page="stakeholder.md", ...)

    Each kind is its own object (compared by identity): a kind made with one more
    field is a kind of its own, with classes of its own.
    """

    # One record and many, as messages say them ("the stakeholders folder").
    name: str
    plural: str
    # The option that points at the folder, such as `stakeholders_dir`.
    folder_option: str
    # The class of a record, and the module that holds the kind (where classes live).
    class_name: str
    module: str
    fields: tuple[Field, ...]
    rules: tuple[Rule, ...] = ()
    # The template of each record's own page ("" for a kind whose records have none).
    page: str = ""
    # Behaviour every class of the kind shares (a stakeholder's `is_external`).
    methods: type = object
    # What an empty file lacks, and keys a file of the kind starts with, for messages.
    needs: str = "at least 'name'"
    example_keys: str = "'name:'"
    # How the folder is meant to be arranged, for a folder nested too deep.
    grouping: str = "a folder of its own"
    # The code of a missing folder; None where a handbook may have no such folder.
    missing_folder: Code | None = None
    # The JSON Schema's title and description of one file.
    description: str = ""

    @functools.cached_property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)

    @functools.cached_property
    def by_key(self) -> Mapping[str, Field]:
        return {f.key: f for f in self.fields}

    @property
    def codes(self) -> tuple[Code, ...]:
        """The problem codes of the kind's own rules, besides those of every file."""
        found = [*(c for r in self.rules for c in r.codes), self.missing_folder]
        found += [f.only_code for f in self.fields]
        return tuple(dict.fromkeys(c for c in found if c is not None))

    @functools.cached_property
    def identity(self) -> type:
        """Who a record is about, whatever the pilot."""
        fields = [f for f in self.fields if not f.pilot]
        name = self.class_name if self.judgement is None else f"{self.class_name}Identity"
        return record_class(name, fields, (self.methods,), self.module)

    @functools.cached_property
    def judgement(self) -> type | None:
        """One pilot's judgement of a record; None for a kind that no pilot judges."""
        fields = [f for f in self.fields if f.pilot]
        if not fields:
            return None
        return part_class(f"{self.class_name}Judgement", fields, self.module)

    @functools.cached_property
    def record(self) -> type:
        """A record as one pilot judges it: the identity and the judgement joined."""
        if self.judgement is None:
            return self.identity
        return record_class(self.class_name, self.fields, (self.methods,), self.module)

    def split(
        self, ident: str, path: str, document: YamlDocument | None, values: Mapping[str, Any]
    ) -> Parts:
        """A file's values as its identity and its one pilot's judgement (none for a
        kind without)."""
        if self.judgement is None:
            return self.split_pilots(ident, path, document, values, {})
        return self.split_pilots(ident, path, document, values, {ONE_PILOT: values})

    def split_pilots(
        self,
        ident: str,
        path: str,
        document: YamlDocument | None,
        values: Mapping[str, Any],
        judgements: Mapping[str, Mapping[str, Any]],
    ) -> Parts:
        """The identity `values` give, and each pilot's judgement from its own values."""
        identity = self.identity(
            id=ident,
            path=path,
            document=document,
            **{f.key: values[f.key] for f in self.fields if f.published and not f.pilot},
        )
        if self.judgement is None:
            return Parts(identity, {})
        pilot_keys = [f.key for f in self.fields if f.pilot]
        return Parts(
            identity,
            {
                pilot: self.judgement(**{key: given[key] for key in pilot_keys})
                for pilot, given in judgements.items()
            },
        )

    def join(self, identity: Any, judgement: Any, pilot: str = ONE_PILOT) -> Any:
        """The record of `identity` as `pilot` judges them (None: not judged yet)."""
        if self.judgement is None:
            return identity
        if judgement is None:
            return self.record(**values_of(identity), pilot=pilot)
        return self.record(**values_of(identity), **values_of(judgement), pilot=pilot)
