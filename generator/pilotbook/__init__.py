"""pilotbook: a pilot's stakeholders as YAML, screened at build time, published with MkDocs."""
