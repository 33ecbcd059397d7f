"""Builds this case's files: they are too large, too odd or too risky to commit."""

from pathlib import Path


def make(root: Path) -> None:
    path = root / "stakeholders" / "it" / "a.yml"
    path.parent.mkdir(parents=True)
    # Block mappings 200 levels deep, one space of indentation per level.
    lines = [f"{' ' * (depth + 1)}k{depth}:" for depth in range(200)]
    path.write_text("name: Anna\ndiscipline: it\nextra:\n" + "\n".join(lines) + " x\n")
