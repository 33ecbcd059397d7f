"""The method as data: disciplines, screening questions, phases, the grid, and its wording."""
