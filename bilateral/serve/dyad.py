"""One country pair as the API and the pair page show it: timeline, sectors, people, agreements, projects."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from bilateral.ontology import quad_name
from bilateral.records import ActorKind, Agreement, Project, Story
from bilateral.registry import agreements, projects
from bilateral.store import Query, Store
from bilateral.stories import stories
from bilateral.timeline import By, Period, pair_timeline

QUADS = (1, 2, 3, 4)


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    office: str | None
    country: str | None
    stories: int


@dataclass(frozen=True, slots=True)
class DyadView:
    pair: tuple[str, str]
    by: By
    stories: list[Story]
    agreements: list[Agreement]
    projects: list[Project]
    periods: list[Period]
    sectors: list[tuple[str, int]]
    people: list[Person]


def _people(found: list[Story]) -> list[Person]:
    seen: dict[tuple[str, str | None, str | None], set[str]] = {}
    for story in found:
        for event in story.events:
            for party in (*event.actor, *event.recipient):
                if party.kind is ActorKind.PERSON and party.name:
                    seen.setdefault((party.name, party.office, party.country), set()).add(story.id)
    people = [Person(name, office, country, len(ids)) for (name, office, country), ids in seen.items()]
    return sorted(people, key=lambda person: (-person.stories, person.name))


def dyad_view(
    store: Store, pair: tuple[str, str], *, by: By = By.month, since: date | None = None, until: date | None = None
) -> DyadView:
    found = stories(store, Query(pair=pair, since=since, until=until))
    entries = agreements(store, Query(pair=pair))
    listed = projects(store, Query(pair=pair))
    sectors = Counter(context for story in found for context in story.contexts)
    return DyadView(
        pair=pair,
        by=by,
        stories=found,
        agreements=entries,
        projects=listed,
        periods=pair_timeline(store, pair, by, since=since, until=until),
        sectors=sectors.most_common(),
        people=_people(found),
    )


def period_dict(period: Period) -> dict[str, Any]:
    """A period as JSON holds it: its fields in order, the start as ISO text, the quads keyed by text (read field by
    field: ``dataclasses.asdict`` copies deeply, nearly as costly as reading the timeline)."""
    found = {name: getattr(period, name) for name in _PERIOD_FIELDS}
    return found | {"start": period.start.isoformat(), "types": dict(period.types),
                    "quads": {str(k): v for k, v in period.quads.items()}}  # fmt: skip


_PERIOD_FIELDS = tuple(item.name for item in fields(Period))


def chart_data(periods: list[Period]) -> dict[str, Any]:
    """What the pair page's charts draw: stories per period by PLOVER type and by quad."""
    labels = [period.label for period in periods]
    types = sorted({name for period in periods for name in period.types})
    return {
        "labels": labels,
        "types": [{"label": name, "data": [period.types.get(name, 0) for period in periods]} for name in types],
        "quads": [
            {"label": quad_name(quad), "quad": quad, "data": [period.quads.get(quad, 0) for period in periods]}
            for quad in QUADS
        ],
    }
