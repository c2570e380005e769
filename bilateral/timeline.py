"""Dyad timelines, the relationship index, and what is new since a date.

Everything here counts stories, not rows: a summit told by nine outlets is one
event in the series, with nine articles and its independent sources behind it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bilateral.days import period_start
from bilateral.records import ActorKind, Agreement, Project, Story
from bilateral.vocab import By as By  # noqa: PLC0414 (re-exported: bilateral.timeline.By as before)

if TYPE_CHECKING:
    from bilateral.store import Store
    from bilateral.store.rollups import PeriodRow

COOPERATION = (1, 2)
CONFLICT = (3, 4)
_BARS = "▁▂▃▄▅▆▇█"
MAX_PERIODS = 2000
"""Gaps between periods are filled up to this many periods, so sparklines keep their time axis."""


@dataclass(frozen=True, slots=True)
class Period:
    """One period of a dyad's relationship."""

    start: date
    label: str
    stories: int = 0
    articles: int = 0
    sources: int = 0
    types: dict[str, int] = field(default_factory=dict)
    quads: dict[int, int] = field(default_factory=dict)
    goldstein: float | None = None
    intensity: float | None = None
    balance: float | None = None
    """(cooperation - conflict) / stories, from -1 (all conflict) to +1 (all cooperation)."""
    agreements: int = 0
    milestones: int = 0


def _next(start: date, by: By) -> date:
    if by is By.day:
        return start + timedelta(days=1)
    if by is By.week:
        return start + timedelta(days=7)
    if by is By.month:
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def _label(start: date, by: By) -> str:
    if by is By.week:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if by is By.month:
        return start.strftime("%Y-%m")
    if by is By.year:
        return str(start.year)
    return start.isoformat()


def _period(start: date, by: By, rows: list[PeriodRow], agreements: int, milestones: int) -> Period:
    stories = sum(row.stories for row in rows)
    if not stories:
        return Period(start, _label(start, by), agreements=agreements, milestones=milestones)
    types: Counter[str] = Counter()
    quads: Counter[int] = Counter()
    for row in rows:
        types[row.event] += row.stories
        quads[row.quad] += row.stories
    scored = sum(row.scored for row in rows)
    cooperation = sum(quads[quad] for quad in COOPERATION)
    conflict = sum(quads[quad] for quad in CONFLICT)
    return Period(
        start=start,
        label=_label(start, by),
        stories=stories,
        articles=sum(row.articles for row in rows),
        sources=sum(row.sources for row in rows),
        types=dict(types.most_common()),
        quads=dict(sorted(quads.items())),
        goldstein=round(sum(row.goldstein for row in rows) / 100 / stories, 2),
        intensity=round(sum(row.intensity for row in rows) / 100 / scored, 2) if scored else None,
        balance=round((cooperation - conflict) / stories, 2),
        agreements=agreements,
        milestones=milestones,
    )


def timeline(rows: Sequence[PeriodRow], stages: Counter[date], steps: Counter[date], by: By) -> list[Period]:
    """Periods from the first dated story, stage or milestone to the last, gaps included.

    ``rows`` are a pair's rollup rows for periods of length ``by`` (``Browse.periods``), ``stages``
    and ``steps`` its agreement stages and project milestones per period. What is dated only by a
    window longer than a period (an undated report's office-holder window) falls in no period and is
    left out, rather than put in the window's first one. A period's articles and sources are summed
    over its stories: an article that tells two of them counts for each.
    """
    buckets: dict[date, list[PeriodRow]] = {}
    for row in rows:
        buckets.setdefault(row.period, []).append(row)
    starts = sorted({*buckets, *stages, *steps})
    if not starts:
        return []
    periods: list[Period] = []
    current = starts[0]
    while len(periods) < MAX_PERIODS:
        periods.append(_period(current, by, buckets.get(current, []), stages[current], steps[current]))
        if current >= starts[-1]:  # never step past the last period: it may end the calendar (9999-12-31)
            break
        current = _next(current, by)
    return periods


def pair_timeline(
    store: Store, pair: tuple[str, str], by: By, *, since: date | None = None, until: date | None = None
) -> list[Period]:
    """A pair's timeline: the whole periods touching ``since``–``until``, read from the store's rollups."""
    from bilateral.registry.projects import projects

    browse = store.browse()
    listed = [name for name, project in projects().items() if set(pair) <= set(project.countries)]
    periods = timeline(
        browse.periods(pair, by, since=since, until=until),
        browse.stages(pair, by, since=since, until=until),
        browse.milestones(listed, by, since=since, until=until),
        by,
    )
    low, high = (period_start(since, by) if since else date.min), (period_start(until, by) if until else date.max)
    return [period for period in periods if low <= period.start <= high]


def sparkline(values: list[int]) -> str:
    """One block character per value, scaled to the largest."""
    top = max(values, default=0)
    if top == 0:
        return " " * len(values)
    return "".join(
        " " if value == 0 else _BARS[min(len(_BARS) - 1, value * len(_BARS) // (top + 1))] for value in values
    )


@dataclass(frozen=True, slots=True)
class News:
    """What appears for the first time since a date."""

    since: date
    agreements: tuple[Agreement, ...]
    projects: tuple[Project, ...]
    sectors: tuple[str, ...]
    people: tuple[str, ...]
    stories: int


def new_since(stories: list[Story], agreements: list[Agreement], projects: list[Project], since: date) -> News:
    """Agreements, projects, sectors and people first seen on or after ``since``."""
    first_sector: dict[str, date] = {}
    first_person: dict[str, date] = {}
    for story in stories:
        if story.when.start is None:
            continue
        for context in story.contexts:
            first_sector[context] = min(first_sector.get(context, date.max), story.when.start)
        for event in story.events:
            for party in (*event.actor, *event.recipient):
                if party.kind is ActorKind.PERSON and party.name:
                    label = f"{party.name} ({party.office})" if party.office else party.name
                    first_person[label] = min(first_person.get(label, date.max), story.when.start)
    return News(
        since=since,
        agreements=tuple(
            entry for entry in agreements if entry.stages and (entry.stages[0].when.start or date.min) >= since
        ),
        projects=tuple(
            project
            for project in projects
            if project.milestones and (project.milestones[0].when.start or date.min) >= since
        ),
        sectors=tuple(sorted(sector for sector, first in first_sector.items() if first >= since)),
        people=tuple(sorted(person for person, first in first_person.items() if first >= since)),
        stories=sum(1 for story in stories if story.when.start is not None and story.when.start >= since),
    )
