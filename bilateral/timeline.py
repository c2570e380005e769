"""Dyad timelines, the relationship index, and what is new since a date.

Everything here counts stories, not rows: a summit told by nine outlets is one
event in the series, with nine articles and its independent sources behind it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import fmean

from bilateral.copies import independent_sources
from bilateral.records import ActorKind, Agreement, EventDate, Project, Story
from bilateral.vocab import By as By  # noqa: PLC0414 (re-exported: bilateral.timeline.By as before)

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


def period_start(day: date, by: By) -> date:
    if by is By.day:
        return day
    if by is By.week:
        return day - timedelta(days=day.weekday())
    if by is By.month:
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def period_of(when: EventDate, by: By) -> date | None:
    """The period a date falls in; ``None`` for an undated one or one (a window) that spans several periods."""
    if when.start is None or when.last is None:
        return None
    first = period_start(when.start, by)
    return first if period_start(when.last, by) == first else None


def _periods(dates: Iterable[EventDate], by: By) -> Iterator[date]:
    for when in dates:
        if (period := period_of(when, by)) is not None:
            yield period


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


def _period(start: date, by: By, stories: list[Story], agreements: int, milestones: int) -> Period:
    if not stories:
        return Period(start, _label(start, by), agreements=agreements, milestones=milestones)
    quads = Counter(story.quad for story in stories)
    intensities = [story.intensity for story in stories if story.intensity is not None]
    cooperation = sum(quads[quad] for quad in COOPERATION)
    conflict = sum(quads[quad] for quad in CONFLICT)
    reports = {report for story in stories for report in story.reports}
    return Period(
        start=start,
        label=_label(start, by),
        stories=len(stories),
        articles=len({article for article, _, _ in reports}),
        sources=independent_sources(reports),
        types=dict(Counter(story.event for story in stories).most_common()),
        quads=dict(sorted(quads.items())),
        goldstein=round(fmean(story.goldstein for story in stories), 2),
        intensity=round(fmean(intensities), 2) if intensities else None,
        balance=round((cooperation - conflict) / len(stories), 2),
        agreements=agreements,
        milestones=milestones,
    )


def timeline(stories: list[Story], agreements: list[Agreement], projects: list[Project], by: By) -> list[Period]:
    """Periods from the first dated story, stage or milestone to the last, gaps included.

    What is dated only by a window longer than a period (an undated report's office-holder
    window) falls in no period and is left out, rather than put in the window's first one.
    """
    buckets: dict[date, list[Story]] = {}
    for story in stories:
        if (period := period_of(story.when, by)) is not None:
            buckets.setdefault(period, []).append(story)
    stages = Counter(_periods((stage.when for entry in agreements for stage in entry.stages), by))
    steps = Counter(_periods((step.when for project in projects for step in project.milestones), by))
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
