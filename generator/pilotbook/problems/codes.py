"""Problem codes: one stable, short name for each kind of problem pilotbook reports.

Like yamllint's rule ids, a code names what is wrong independently of the wording,
so a CI system can group problems, a team can look one up, and a message can be
reworded without breaking anyone's tooling. Each code is defined here once, with a
line that explains it and a short example of what triggers it; the documentation's
table of codes (docs/pages/problem-codes.md) is made from this registry::

    a.yml:2:1: error: unknown key 'dicipline': did you mean 'discipline'? (...) (unknown-key)
"""

from __future__ import annotations

import enum


class Code(enum.StrEnum):
    """A problem's code; its value is the name users see, its fields the explanation."""

    explanation: str
    example: str

    def __new__(cls, value: str, explanation: str, example: str) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.explanation = explanation
        member.example = example
        return member

    @property
    def warns(self) -> bool:
        """A rule that reports a warning, whose level a handbook may set (`levels:`);
        the rest are errors of a file or a setting, which nothing can lower."""
        return self.explanation.startswith("(warning)")

    # Which files are read --------------------------------------------------------
    NO_STAKEHOLDERS_FOLDER = (
        "no-stakeholders-folder",
        "The stakeholders folder that `stakeholders_dir` names does not exist.",
        "stakeholders_dir: stakeholderz",
    )
    INVALID_FILE_NAME = (
        "invalid-file-name",
        "A file or folder name cannot be part of a stakeholder id (and so of a page address).",
        "stakeholders/it/Anna de Vries.yml",
    )
    INVALID_EXTENSION = (
        "invalid-extension",
        "The extension is not written `.yml` or `.yaml` in lower case.",
        "stakeholders/it/anna.YML",
    )
    DUPLICATE_ID = (
        "duplicate-id",
        "Two files give the same stakeholder id.",
        "stakeholders/it/anna.yml next to stakeholders/it/anna.yaml",
    )
    PAGE_ADDRESS_COLLISION = (
        "page-address-collision",
        "Two stakeholders' pages would have the same address (an `index` file stands for "
        "its folder).",
        "stakeholders/legal/dup.yml next to stakeholders/legal/dup/index.yml",
    )
    SYMBOLIC_LINK = (
        "symbolic-link",
        "A stakeholder file or folder is a symbolic link, which pilotbook does not follow.",
        "stakeholders/it/copy.yml -> ../legal/anna.yml",
    )
    GIT_SUBMODULE = (
        "git-submodule",
        "A folder below the stakeholders folder is a git submodule or a repository of its own.",
        "git submodule add ../people stakeholders/legal/people",
    )
    FOLDER_TOO_DEEP = (
        "folder-too-deep",
        "Folders are nested more than 32 levels deep below the stakeholders folder.",
        "stakeholders/it/a/a/a/.../a/anna.yml",
    )
    NOT_A_REGULAR_FILE = (
        "not-a-regular-file",
        "A name ending in `.yml` is a named pipe, a device or a socket, not a file.",
        "mkfifo stakeholders/it/a.yml",
    )
    UNREADABLE = (
        "unreadable",
        "A stakeholder file or folder cannot be read, for example for lack of permission.",
        "chmod 000 stakeholders/it/anna.yml",
    )
    FILE_TOO_LARGE = (
        "file-too-large",
        "A stakeholder file has more than 262,144 bytes.",
        "notes: (a pasted report of 300 KB)",
    )
    # Plain YAML --------------------------------------------------------------------
    NOT_UTF8 = (
        "not-utf8",
        "The file is not saved as UTF-8.",
        "name: José (saved as Latin-1)",
    )
    CONTROL_CHARACTER = (
        "control-character",
        "The file holds a control character that YAML does not allow.",
        "name: Anna\\x07 (a raw BEL character)",
    )
    YAML_SYNTAX = (
        "yaml-syntax",
        "The file is not valid YAML: a stray colon, a tab as indentation, an unclosed quote.",
        "name: Anna: de Vries",
    )
    DUPLICATE_KEY = (
        "duplicate-key",
        "A key appears twice in the same mapping.",
        "answers: {impact: yes, impact: no}",
    )
    COMPLEX_KEY = (
        "complex-key",
        "A key is a list or a mapping instead of a plain word.",
        "extra: {[a, b]: value}",
    )
    NESTING_TOO_DEEP = (
        "nesting-too-deep",
        "Lists and mappings are nested more than 20 levels deep.",
        "extra: {a: [[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]}",
    )
    MULTIPLE_DOCUMENTS = (
        "multiple-documents",
        "The file holds more than one YAML document.",
        "name: Anna (then a line '---' and another stakeholder)",
    )
    YAML_DIRECTIVE = (
        "yaml-directive",
        "The file starts with a `%YAML` or `%TAG` directive.",
        "%YAML 1.2",
    )
    YAML_ANCHOR = (
        "yaml-anchor",
        "A value is named for reuse with a YAML anchor.",
        "role: &role Jurist",
    )
    YAML_ALIAS = (
        "yaml-alias",
        "A value repeats another one with a YAML alias.",
        "role: *role",
    )
    YAML_TAG = (
        "yaml-tag",
        "A value carries a YAML tag.",
        "impact: !!bool yes",
    )
    ESCAPED_SURROGATE = (
        "escaped-surrogate",
        "A quoted text holds an escaped surrogate, which is not a character on its own.",
        'name: "\\ud800"',
    )
    NUMBER_TOO_LONG = (
        "number-too-long",
        "A number has more than 4,300 digits, more than Python converts to or from text.",
        "notes: 1111...1 (5,000 digits)",
    )
    # What a stakeholder file says --------------------------------------------------
    EMPTY_FILE = (
        "empty-file",
        "The file holds nothing but comments or blank lines.",
        "# Anna, to be filled in",
    )
    NOT_A_MAPPING = (
        "not-a-mapping",
        "The file, or the value of `answers`, `extra` or `private`, is not a mapping of "
        "keys to values.",
        "answers: [yes, yes, yes]",
    )
    UNKNOWN_KEY = (
        "unknown-key",
        "A stakeholder file has a key pilotbook does not know, often a misspelling.",
        "dicipline: it",
    )
    MISSING_NAME = (
        "missing-name",
        "The stakeholder has no `name`, or an empty one.",
        "name:",
    )
    NOT_TEXT = (
        "not-text",
        "A text field holds a number, yes/no, a list or a mapping.",
        "role: [Jurist, Privacy]",
    )
    NOT_A_NUMBER = (
        "not-a-number",
        "A number field, such as a caller's `hours`, holds text, yes/no or a number below 0.",
        "hours: a few",
    )
    INVISIBLE_TEXT = (
        "invisible-text",
        "A text shows nothing: it holds only invisible characters such as zero-width spaces.",
        'name: "\\u200b"',
    )
    INTERNAL_AND_EXTERNAL = (
        "internal-and-external",
        "A stakeholder has both a `discipline` and `external`.",
        "{discipline: legal, external: direct}",
    )
    MISSING_DISCIPLINE = (
        "missing-discipline",
        "A stakeholder has neither a `discipline` nor `external`.",
        "{name: Anna de Vries, role: Architect}",
    )
    UNKNOWN_VALUE = (
        "unknown-value",
        "A `discipline`, `external`, `interview` or caller's `status` value is not one of "
        "its choices.",
        "discipline: hr",
    )
    INVALID_DATE = (
        "invalid-date",
        "`reviewed` (or a caller's `trained`) is not a date written YYYY-MM-DD.",
        "reviewed: last week",
    )
    IMPOSSIBLE_DATE = (
        "impossible-date",
        "`reviewed` is written as a date, but no calendar has that day.",
        "reviewed: 2024-02-30",
    )
    FUTURE_DATE = (
        "future-date",
        "`reviewed` is a day after today: a review cannot have happened yet (a caller's "
        "`trained` may be planned ahead).",
        "reviewed: 2099-06-01",
    )
    UNKNOWN_QUESTION = (
        "unknown-question",
        "`answers` names a question the method does not ask.",
        "answers: {replacable: no}",
    )
    UNKNOWN_PHASE = (
        "unknown-phase",
        "`involvement` names a phase the method does not have.",
        "involvement: {launch: inform}",
    )
    INVALID_INVOLVEMENT = (
        "invalid-involvement",
        "`involvement` is not a mapping of phase to level, or a level is not one of none, "
        "inform, consult, involve, collaborate, empower.",
        "involvement: {setup: informed}",
    )
    INVALID_ANSWER = (
        "invalid-answer",
        "An answer, or a yes/no field such as a caller's `volunteered`, is not yes, no or "
        "unknown (in one of the accepted spellings).",
        "answers: {impact: maybe}",
    )
    ANSWERS_ON_EXTERNAL = (
        "answers-on-external",
        "An external stakeholder has `answers`, but only internal ones are screened.",
        "{external: direct, answers: {impact: yes}}",
    )
    INTERVIEW_ON_EXTERNAL = (
        "interview-on-external",
        "An external stakeholder has `interview`, but only the shortlist is interviewed.",
        "{external: indirect, interview: selected}",
    )
    NESTED_EXTRA = (
        "nested-extra",
        "A value under `extra` is a mapping, where a text, a number or a list is needed.",
        "extra: {team: {name: Privacy office}}",
    )
    # Several pilots in one handbook -----------------------------------------------
    UNKNOWN_PILOT = (
        "unknown-pilot",
        "A stakeholder file judges the person under `pilots:` for a pilot id that the "
        "handbook's `pilots:` option does not list.",
        "pilots: {chatt: {expectation: ...}}",
    )
    JUDGEMENT_OUTSIDE_PILOT = (
        "judgement-outside-pilot",
        "In a handbook with several pilots, a pilot's judgement (`answers`, `expectation`, "
        "`interview`, `involvement`, `influence`, `interest`) stands at the top of a file "
        "instead of under `pilots: <id>:`.",
        "answers: {impact: yes} (at the top, beside name and discipline)",
    )
    DISCIPLINE_OUTSIDE_PILOT = (
        "discipline-outside-pilot",
        "A colleague is judged under `pilots: <id>:` for a pilot whose disciplines do not "
        "include theirs.",
        "discipline: facilities, pilots: {chat: {...}} (chat screens legal and it)",
    )
    # Warnings about the screening -------------------------------------------------
    STALE_REVIEW = (
        "stale-review",
        "(warning) `reviewed` is older than the handbook's `review_after_days` allow.",
        "reviewed: 2020-01-31",
    )
    INTERVIEW_NOT_SHORTLISTED = (
        "interview-not-shortlisted",
        "(warning) `interview` is set for someone who is not on the shortlist.",
        "{answers: {impact: no}, interview: selected}",
    )
    CUSTOMER_NOT_IN_EXECUTION = (
        "customer-not-in-execution",
        "(warning) Involvement is planned, but no direct external stakeholder takes part in "
        "running the pilot.",
        "external: direct, without involvement: {execution: ...}",
    )
    NO_PART_IN_SETUP = (
        "no-part-in-setup",
        "(warning) A covered or decided discipline's shortlisted people have no part in "
        "setting the pilot up.",
        "discipline: legal, shortlisted, without involvement: {setup: ...}",
    )
    PILOT_WITHOUT_PEOPLE = (
        "pilot-without-people",
        "(warning) A pilot that `pilots:` lists has no stakeholder file that takes part "
        "in it (an entry under the file's `pilots:`).",
        "pilots: [{id: cobrowse, ...}], and no file with 'cobrowse:' under 'pilots:'",
    )
    TEAM_PILOT_ON_INTRANET = (
        "team-pilot-on-intranet",
        "(warning) A pilot names `audience: team` on a site built for the intranet: its "
        "pages and its part of each person's page show every answer and name colleagues "
        "who are pending or excluded to everyone who reads the site.",
        "audience: intranet, and pilots: [{id: chat, ..., audience: team}]",
    )
    STAKEHOLDER_OVERLOADED = (
        "stakeholder-overloaded",
        "(warning) With several pilots, one person is shortlisted or selected in more "
        "pilots than `max_pilots_per_person` allows (2 unless set).",
        "pilots: {video: ..., chat: ..., cobrowse: ...}, shortlisted in all three",
    )
    STALE_SCHEMA = (
        "stale-schema",
        "(warning) A kind's `schema.json` (for editors) is not what `pilotbook schema` "
        "prints for the handbook, for example after a change of disciplines or questions.",
        "stakeholders/schema.json, written before a discipline was added",
    )
    # Warnings about the call team -------------------------------------------------
    CALL_TEAM_SHORT = (
        "call-team-short",
        "(warning) Fewer callers have `status: selected` than the call team's `size`.",
        "call_team: {size: 8}, with 6 selected callers",
    )
    CALL_TEAM_NOT_VOLUNTEERED = (
        "call-team-not-volunteered",
        "(warning) The call team is formed from volunteers, and a selected caller has no "
        "`volunteered: yes`.",
        "{status: selected, volunteered: no}",
    )
    CALL_TEAM_NOT_APPOINTED = (
        "call-team-not-appointed",
        "(warning) The call team is appointed, and a selected caller has no `appointed_by`.",
        "{status: selected}, without appointed_by",
    )
    CALL_TEAM_NOT_SPREAD = (
        "call-team-not-spread",
        "(warning) The call team is a cross-section, and a value of a `spread` field that "
        "the callers have (a team, a location) has no selected caller.",
        "spread: [location], no selected caller in Zwolle",
    )
    # The handbook's configuration --------------------------------------------------
    INVALID_OPTION = (
        "invalid-option",
        "An option of the pilotbook plugin in mkdocs.yml (or PILOTBOOK_AUDIENCE) cannot be used.",
        "pages_dir: ../elsewhere",
    )
    CONFIG_LIMIT = (
        "config-limit",
        "The handbook's configuration, as it stands or in a git revision, is larger, nested "
        "deeper or repeats more values by aliases than pilotbook reads.",
        "x: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a] (an alias bomb)",
    )
    UNUSABLE_CONFIG = (
        "unusable-config",
        "MkDocs cannot use the handbook's configuration, such as a `docs_dir` that does not "
        "exist or a theme that is not installed, or it does not enable the pilotbook plugin.",
        "docs_dir: docz (no such folder)",
    )
    OFFLINE_NOT_CONFIGURED = (
        "offline-not-configured",
        "PILOTBOOK_OFFLINE is set, but Material's offline plugin does not follow it.",
        "plugins: [search, pilotbook]",
    )
    TEMPLATE_ERROR = (
        "template-error",
        "A page template of the handbook's own cannot be used.",
        "{% if public %} without {% endif %}",
    )
    # Changing a handbook's files (`pilotbook add-pilot`) ------------------------------
    UNCOMMITTED_CHANGES = (
        "uncommitted-changes",
        "`pilotbook add-pilot` would change a file that has changes git has not committed "
        "(or that git does not track), whose last version it could then not give back.",
        "stakeholders/it/anna.yml, edited and not committed",
    )
    NOT_IN_GIT = (
        "not-in-git",
        "`pilotbook add-pilot` would change files that no git repository holds: it does so "
        "only with `--force`.",
        "pilotbook add-pilot chat --name Chat, in a folder without git",
    )
    NOT_MOVABLE = (
        "not-movable",
        "`pilotbook add-pilot` cannot move a stakeholder file's judgement under `pilots:` "
        "without losing or changing a value, such as in a file YAML cannot read.",
        "answers: {impact: ja (the closing brace missing)",
    )
    # What the site publishes -------------------------------------------------------
    SITE_ADDRESS_COLLISION = (
        "site-address-collision",
        "Two files would be published at one address of the site, such as a hand-written "
        "page and a generated one.",
        "pages_dir: privacy next to content/privacy.md",
    )
    YAML_IN_SITE = (
        "yaml-in-site",
        "(warning) A YAML file in the docs or theme folder is left out of the site: "
        "stakeholder files are YAML, and pilotbook publishes none.",
        "content/old-stakeholders/it/anna.yml",
    )
    LINK_OUT_OF_DOCS = (
        "link-out-of-docs",
        "(warning) A file of the docs folder is left out of the site: a symbolic link leads "
        "it outside the docs folder, or it is not a regular file.",
        "content/env.txt -> /proc/self/environ",
    )
    CACHE_IN_SITE = (
        "cache-in-site",
        "PILOTBOOK_CACHE_DIR names a folder inside the docs, theme or site folder, which "
        "would publish the cache.",
        "PILOTBOOK_CACHE_DIR=content/.cache",
    )


def readme_table() -> str:
    """The documentation's table of every code, made from this registry so the two agree."""
    lines = ["| code | what it means | example |", "|---|---|---|"]
    lines += [f"| `{c}` | {c.explanation} | `{c.example}` |" for c in Code]
    return "\n".join(lines) + "\n"
