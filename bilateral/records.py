"""Domain records: frozen dataclasses that flow between the pipeline stages.

A stage takes records and returns new ones; nothing here does I/O.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any


class _Record:
    """A record pickles as its class and its fields' values and is rebuilt by its constructor: in about half the
    time of the default for a frozen dataclass with slots (``ingest --workers`` and ``--dask`` send every analysed
    article from a worker to the writer)."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        kind = type(self)
        names = _NAMES.get(kind)
        if names is None:
            names = _NAMES[kind] = tuple(item.name for item in fields(self))  # type: ignore[arg-type]
        return kind, tuple(getattr(self, name) for name in names)


_NAMES: dict[type, tuple[str, ...]] = {}


class Field(enum.StrEnum):
    """Which part of an article an offset points into."""

    TITLE = "title"
    TEXT = "text"


class ActorKind(enum.StrEnum):
    COUNTRY = "country"
    PERSON = "person"
    ORGANISATION = "organisation"
    IGO = "igo"


# The longest article text read, in characters: the API's bound on a posted article and a CSV/TSV field's.
MAX_TEXT = 1_000_000


@dataclass(frozen=True, slots=True)
class Document(_Record):
    """What a reader found: text and metadata, before repair."""

    origin: str
    text: str
    title: str = ""
    url: str | None = None
    source: str | None = None
    published: date | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Article(_Record):
    """A repaired document with a content-derived id.

    ``text`` is the repaired body; offsets of sentences and mentions point
    into it (or into ``title`` where their field says so).
    """

    id: str
    origin: str
    title: str
    text: str
    url: str | None = None
    source: str | None = None
    published: date | None = None
    language: str | None = None
    repairs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure(_Record):
    """One input that could not be read, with a stable error code."""

    origin: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Sentence(_Record):
    field: Field
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Tenure(_Record):
    """An office held from ``start`` to ``end`` (``None``: still in office)."""

    office: str
    title: str
    start: date
    end: date | None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class DateWindow(_Record):
    """A period an undated article must fall in, and the people that imply it."""

    start: date
    end: date | None
    because: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Mention(_Record):
    """An actor found in an article, with offsets into ``field``."""

    field: Field
    start: int
    end: int
    text: str
    kind: ActorKind
    name: str | None
    country: str | None
    sector: str | None = None
    office: str | None = None
    role: str | None = None
    form: str = "name"
    source: str = ""


@dataclass(frozen=True, slots=True)
class ActorReading(_Record):
    """The actors of one article and how its offices were dated."""

    article: Article
    mentions: tuple[Mention, ...]
    window: DateWindow | None = None
    sentences: tuple[Sentence, ...] = field(default=())


class Modality(enum.StrEnum):
    ASSERTED = "asserted"
    FUTURE = "future"
    HYPOTHETICAL = "hypothetical"
    NEGATED = "negated"
    REPORTED = "reported"


class Scope(enum.StrEnum):
    """Whom an act is between: states or IGOs (two or more), one state toward no other, or one state at home."""

    INTERNATIONAL = "international"
    UNILATERAL = "unilateral"  # a missile test, a build-up: one party, no recipient
    DOMESTIC = "domestic"  # police, courts, protests at home: the same country on both sides


class Precision(enum.StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    WINDOW = "window"


@dataclass(frozen=True, slots=True)
class Party(_Record):
    """One actor or recipient of an event: what the text said and who that is."""

    text: str
    name: str | None
    country: str | None
    kind: ActorKind
    sector: str | None = None
    office: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence(_Record):
    """Where an event was read: the sentence, its offsets into the field, the cue."""

    article_id: str
    field: Field
    start: int
    end: int
    quote: str
    cue: str


@dataclass(frozen=True, slots=True)
class EventDate(_Record):
    """When an event happened, how precisely, and how that was worked out.

    ``placed`` is true where the date is not the report's own but that of the dated
    story an undated report joined (see :func:`placed_date`).
    """

    start: date | None
    end: date | None
    precision: Precision | None
    method: str
    placed: bool = False

    @property
    def day(self) -> date | None:
        """The day, where one is known (a day-precise date, stated or placed); else ``None``."""
        return self.start if self.precision is Precision.DAY else None

    @property
    def last(self) -> date | None:
        """The latest day the event can have happened on; ``None`` for an undated one or an open window."""
        if self.end is not None:
            return self.end
        return None if self.precision is Precision.WINDOW else self.start

    def label(self) -> str:
        """The date as a person reads it, its precision said: ``2021-05-14 to 2022-05-11 (window)``."""
        if self.start is None:
            return "undated"
        if self.precision is Precision.DAY or self.precision is None:
            text = self.start.isoformat()
        elif self.end is None:
            text = f"from {self.start.isoformat()} ({self.precision.value})"
        else:
            text = f"{self.start.isoformat()} to {self.end.isoformat()} ({self.precision.value})"
        return f"{text} (placed by a dated story)" if self.placed else text


def placed_date(own: EventDate, story: EventDate | None) -> EventDate:
    """A report's date as the record knows it: its story's, marked placed where the story dated an undated report."""
    if story is None or story.start is None:
        return own
    if own.precision in (Precision.WINDOW, None) and story.precision not in (Precision.WINDOW, None):
        return EventDate(story.start, story.end, story.precision, story.method, placed=True)
    return story


@dataclass(frozen=True, slots=True)
class Event(_Record):
    """One coded event with its evidence (see DESIGN.md, "An event record")."""

    id: str
    event: str
    mode: str | None
    contexts: tuple[str, ...]
    cameo: str
    goldstein: float
    quad: int
    actor: tuple[Party, ...]
    recipient: tuple[Party, ...]
    modality: Modality
    when: EventDate
    published: date | None
    evidence: Evidence
    location: str | None = None
    location_country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    background: bool = False
    confidence: float = 0.5
    coder: str = ""
    coder_version: str = ""
    codebook: str = ""

    @property
    def scope(self) -> Scope:
        actors = {party.country for party in self.actor}
        recipients = {party.country for party in self.recipient}
        if len(actors | recipients) >= 2:
            return Scope.INTERNATIONAL
        return Scope.DOMESTIC if recipients else Scope.UNILATERAL


@dataclass(frozen=True, slots=True)
class CodedArticle(_Record):
    """An article with its actors and the events coded from it."""

    reading: ActorReading
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class Story(_Record):
    """One real-world event as every article that reports it tells it."""

    id: str
    event: str
    cameo: str
    quad: int
    goldstein: float
    intensity: float | None
    direction: str
    countries: tuple[str, ...]
    when: EventDate
    contexts: tuple[str, ...]
    n_articles: int
    n_sources: int
    events: tuple[Event, ...]
    reports: tuple[tuple[str, str | None, str | None], ...] = ()
    """(article id, outlet, copy group) of every report."""
    placed: tuple[str, ...] = ()
    """Undated articles that this story's dated reports placed in time."""


@dataclass(frozen=True, slots=True)
class EventLinks(_Record):
    """Where a stored event sits in the record: its story and the registry entries it reports."""

    story: str | None
    story_when: EventDate | None
    """The story's date (its most precise report's)."""
    n_articles: int
    n_sources: int
    agreements: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()


STAGES = ("announced", "negotiated", "signed", "ratified", "in force", "delivered", "revised", "suspended")
"""The steps of an agreement's life, in order."""


@dataclass(frozen=True, slots=True)
class Stage(_Record):
    """One step in an agreement's life, with the sentence that reports it."""

    stage: str
    when: EventDate
    kind: str
    phrase: str
    event_id: str
    article_id: str
    quote: str


@dataclass(frozen=True, slots=True)
class Agreement(_Record):
    """A registry entry: one agreement across every report and stage of it."""

    id: str
    title: str
    kind: str
    topic: str
    context: str
    countries: tuple[str, ...]
    parties: tuple[str, ...]
    signatories: tuple[str, ...]
    aliases: tuple[str, ...]
    value: str | None
    stages: tuple[Stage, ...]
    n_articles: int
    n_sources: int

    def status(self, on: date | None = None) -> str | None:
        """The latest stage reached on ``on`` (default: the latest known); a stage dated by a window is reached
        once the whole window lies on or before ``on``."""
        reached = [stage for stage in self.stages if on is None or (stage.when.last or date.max) <= on]
        return reached[-1].stage if reached else None


@dataclass(frozen=True, slots=True)
class Milestone(_Record):
    """A dated step of a project: one story (or one background event) about it."""

    when: EventDate
    event: str
    cameo: str
    summary: str
    quote: str
    article_id: str
    event_id: str
    background: bool
    n_articles: int


@dataclass(frozen=True, slots=True)
class Project(_Record):
    """A long-running programme with its participants and milestones."""

    name: str
    kind: str
    context: str
    countries: tuple[str, ...]
    participants: tuple[str, ...]
    """'name (role)': the site country, the other countries concerned, the organisations in its milestones."""
    milestones: tuple[Milestone, ...]


@dataclass(frozen=True, slots=True)
class ArticleRef(_Record):
    """What an export cites about an event's article: where it came from, not its text."""

    id: str
    origin: str
    title: str
    url: str | None = None
    source: str | None = None
    language: str | None = None
    published: date | None = None
    ingested: datetime | None = None
    """When the article was stored (UTC)."""


@dataclass(frozen=True, slots=True)
class SourcedEvent(_Record):
    """An event with a reference to the article it was read in."""

    event: Event
    article: ArticleRef
    links: EventLinks | None = None
    """The event's story and registry entries, where the exporter looked them up."""

    @property
    def when(self) -> EventDate:
        """The event's date as the record knows it: its own, or the day its dated story placed it on."""
        return placed_date(self.event.when, self.links.story_when if self.links else None)
