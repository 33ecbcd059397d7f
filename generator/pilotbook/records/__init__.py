"""Records and their kinds: one YAML file per record, below the kind's folder.

- `record_kind`: what a kind is (its folder, field table, rules and page);
  `kinds`: the registered kinds; `stakeholders`: the first kind.
- `fields`: a field's declaration; `model`: the classes made from a kind's table
  (who someone is, the pilot's judgement of them, and both joined).
- `files` (finding and reading files), `ids` (ids and file names), `validation`
  and `values` (one file and its values), `loading` (a kind's folder, across files),
  `revisions` (the same files at a git revision).
- `schema` and `new`: the JSON Schema for editors and a new file to fill in.
"""
