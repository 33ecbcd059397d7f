"""The generated pages of the handbook site: the stakeholder map, the shortlist, and the rest."""
