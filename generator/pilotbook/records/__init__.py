"""Records and their kinds: finding, reading and validating the files, their fields, the
JSON Schema, new files, and the same files at a git revision."""
