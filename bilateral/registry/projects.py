"""Long-running programmes named in event sentences, from the project list in ``data/projects.tsv``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from bilateral.actors.fold import fold
from bilateral.phrases import PhraseMatcher
from bilateral.records import Event
from bilateral.tables import package_rows


@dataclass(frozen=True, slots=True)
class ListedProject:
    name: str
    kind: str
    context: str
    countries: tuple[str, ...]
    requires: str | None


@cache
def projects() -> dict[str, ListedProject]:
    """Every listed project by name."""
    return {
        row["name"]: ListedProject(
            row["name"], row["kind"], row["context"], tuple(row["countries"].split("|")), fold(row["requires"]) or None
        )
        for row in package_rows("bilateral.registry", "projects.tsv")
    }


@cache
def _aliases() -> PhraseMatcher[str]:
    return PhraseMatcher(
        (alias, row["name"])
        for row in package_rows("bilateral.registry", "projects.tsv")
        for alias in row["aliases"].split("|")
    )


def read_projects(event: Event) -> list[ListedProject]:
    """The listed projects an event's sentence names."""
    folded = fold(event.evidence.quote)
    named: dict[str, ListedProject] = {}
    for match in _aliases().find(folded):
        project = projects()[match.value]
        if project.requires is None or project.requires in folded:
            named[project.name] = project
    return list(named.values())
