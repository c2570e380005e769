"""A brief on one pair of countries, as plain data: sections of statements, each citing numbered articles.

:func:`build` reads the stories, the registries and the timeline of a pair and
writes down what an analyst would send on: the state of the relationship in a
period and its trend against the period before, what is new since the period
began, the agreements and projects, the people acting most, and the most
reported stories. Every statement carries the numbers of the articles it rests
on; :attr:`Brief.references` lists them in order of first citation. The
renderers (Markdown, HTML, PDF) only lay this model out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path, PurePath
from statistics import fmean
from urllib.parse import urlsplit

from bilateral.actors.countries import countries
from bilateral.days import period_start
from bilateral.errors import UsageError
from bilateral.export.codes import country_names
from bilateral.ontology import cameo, quad_name
from bilateral.records import ActorKind, Agreement, ArticleRef, Event, Party, Project, Story
from bilateral.registry import agreements, projects
from bilateral.store import Query, Store
from bilateral.stories import stories
from bilateral.timeline import CONFLICT, COOPERATION, By, new_since, pair_timeline, sparkline

DEFAULT_SPAN = timedelta(days=365)
"""Without ``since``, a brief covers the year up to the latest story."""
TOP_STORIES = 5
TOP_PEOPLE = 8


@dataclass(frozen=True, slots=True)
class Reference:
    """One cited article: outlet (or the file it was read from), date, title and link."""

    number: int
    article_id: str
    outlet: str
    published: date | None
    title: str
    url: str | None
    placed_on: date | None = None
    """For an undated article, the day the dated reports of its story place it on."""

    @property
    def dated(self) -> str:
        if self.published is not None:
            return self.published.isoformat()
        if self.placed_on is not None:
            return f"undated (placed by its story on {self.placed_on.isoformat()})"
        return "undated"


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence of the brief and the references behind it; ``quote`` is article text, shown as such."""

    text: str
    citations: tuple[int, ...]
    quote: str | None = None
    level: int = 0
    """0 for a statement, 1 for a detail of the statement before it (a stage, a milestone)."""


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    heading: str
    statements: tuple[Statement, ...]
    empty: str = ""
    """What to say when there are no statements."""


@dataclass(frozen=True, slots=True)
class Chart:
    """Stories per period by QuadClass over the whole record, for the timeline chart."""

    by: By
    labels: tuple[str, ...]
    quads: tuple[tuple[int, int, int, int], ...]
    first_in_period: int | None
    """Index of the first period inside the brief's period, if any."""

    @property
    def empty(self) -> bool:
        return not any(sum(counts) for counts in self.quads)


@dataclass(frozen=True, slots=True)
class Brief:
    pair: tuple[str, str]
    names: tuple[str, str]
    since: date
    until: date
    title: str
    sections: tuple[Section, ...]
    references: tuple[Reference, ...]
    chart: Chart
    sparkline: str


def citation_ranges(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """Runs of three or more consecutive numbers joined: ``[1, 2, 3, 5, 6]`` → ``[(1, 3), (5, 5), (6, 6)]``."""
    runs: list[tuple[int, int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    split: list[tuple[int, int]] = []
    for first, last in runs:
        split += [(first, last)] if last - first >= 2 else [(number, number) for number in range(first, last + 1)]
    return split


def grouped(statements: Iterable[Statement]) -> list[tuple[Statement, list[Statement]]]:
    """Each top-level statement with the detail statements (stages, milestones) that follow it."""
    groups: list[tuple[Statement, list[Statement]]] = []
    for statement in statements:
        if statement.level and groups:
            groups[-1][1].append(statement)
        else:
            groups.append((statement, []))
    return groups


def citation_label(numbers: Iterable[int]) -> str:
    """``[1–3, 7]``: the plain-text form every renderer starts from."""
    runs = citation_ranges(numbers)
    return "[" + ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs) + "]" if runs else ""


class _Citations:
    """Numbers articles in order of first citation."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def cite(self, article_ids: Iterable[str]) -> tuple[int, ...]:
        cited = [self.numbers.setdefault(article, len(self.numbers) + 1) for article in dict.fromkeys(article_ids)]
        return tuple(sorted(cited))


def _lead(story: Story) -> Event:
    """The event a story is told by: the first of its most common CAMEO code."""
    return next(event for event in story.events if event.cameo == story.cameo)


def _articles(story: Story) -> list[str]:
    return [article for article, _, _ in story.reports] or [event.evidence.article_id for event in story.events]


def _in(story: Story, start: date, end: date) -> bool:
    return story.when.start is not None and start <= story.when.start <= end


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.2f}"


class _Names:
    def __init__(self) -> None:
        self.table = country_names()

    def __call__(self, code: str) -> str:
        return self.table.get(code, code)

    def direction(self, way: str) -> str:
        if ">" in way:
            actors, recipients = way.split(">", 1)
            return f"{self.joined(actors)} → {self.joined(recipients)}"
        return f"{self.joined(way)} (jointly)"

    def joined(self, codes: str) -> str:
        return " and ".join(self(code) for code in codes.split("+") if code)


def _balance(found: list[Story]) -> float:
    quads = Counter(story.quad for story in found)
    return (sum(quads[q] for q in COOPERATION) - sum(quads[q] for q in CONFLICT)) / len(found)


def _state(current: list[Story], previous: list[Story], before: str, cites: _Citations) -> Section:
    statements: list[Statement] = []
    for quad in sorted({story.quad for story in current}):
        group = [story for story in current if story.quad == quad]
        types = ", ".join(f"{name} {n}" for name, n in Counter(story.event for story in group).most_common())
        statements.append(
            Statement(f"{quad_name(quad).capitalize()}: {_stories(len(group))} ({types}).",
                      cites.cite(_lead(story).evidence.article_id for story in group))
        )  # fmt: skip
    if current:
        intensities = [story.intensity for story in current if story.intensity is not None]
        statements.append(Statement(
            f"Mean Goldstein score {_score(fmean(story.goldstein for story in current))}, mean PLOVER score "
            f"{_score(fmean(intensities) if intensities else None)}; cooperation–conflict balance "
            f"{_score(_balance(current))} (−1: all conflict, +1: all cooperation).",
            cites.cite(_lead(story).evidence.article_id for story in current),
        ))  # fmt: skip
    if current and previous:
        statements.append(Statement(
            f"Against {before}: {len(current)} stories against {len(previous)} ({len(current) - len(previous):+d}); "
            f"mean Goldstein {_score(fmean(s.goldstein for s in current))} against "
            f"{_score(fmean(s.goldstein for s in previous))}; balance {_score(_balance(current))} against "
            f"{_score(_balance(previous))}.",
            cites.cite(_lead(story).evidence.article_id for story in (*current, *previous)),
        ))  # fmt: skip
    elif current:
        statements.append(Statement(
            f"Against {before}: no stories then, {len(current)} in this period.",
            cites.cite(_lead(story).evidence.article_id for story in current),
        ))  # fmt: skip
    elif previous:
        statements.append(Statement(
            f"Against {before}: {len(previous)} stories then, none in this period.",
            cites.cite(_lead(story).evidence.article_id for story in previous),
        ))  # fmt: skip
    return Section("state", "State of the relationship", tuple(statements), "No stories in this period.")


def _first(found: list[Story], since: date, wanted: str, *, people: bool) -> Story | None:
    """The earliest story on or after ``since`` with the sector (or the person, as ``new_since`` labels them)."""
    for story in sorted(found, key=lambda item: item.when.start or date.max):
        if story.when.start is None or story.when.start < since:
            continue
        if people:
            persons = {_person(party) for event in story.events for party in (*event.actor, *event.recipient)
                       if party.kind is ActorKind.PERSON}  # fmt: skip
            if wanted in persons:
                return story
        elif wanted in story.contexts:
            return story
    return None


def _person(party: Party) -> str:
    return f"{party.name} ({party.office})" if party.office else str(party.name)


def _changed(found: list[Story], entries: list[Agreement], listed: list[Project], since: date,
             cites: _Citations) -> Section:  # fmt: skip
    news = new_since(found, entries, listed, since)
    statements: list[Statement] = []
    for entry in news.agreements:
        statements.append(Statement(
            f"New agreement: {entry.title}, first reported {entry.stages[0].when.label()}, now {entry.status()}.",
            cites.cite(stage.article_id for stage in entry.stages),
        ))  # fmt: skip
    for project in news.projects:
        first = project.milestones[0]
        statements.append(Statement(
            f"New project: {project.name} ({project.kind}), first milestone {first.when.label()}: "
            f"{_label(first.cameo)}.",
            cites.cite(step.article_id for step in project.milestones),
        ))  # fmt: skip
    for label, names, people in (("sectors", news.sectors, False), ("people", news.people, True)):
        firsts = [(name, _first(found, since, name, people=people)) for name in names]
        shown = [(name, story) for name, story in firsts if story is not None]
        if shown:
            statements.append(Statement(
                f"New {label}: {', '.join(name.replace('_', ' ') for name, _ in shown)}.",
                cites.cite(_lead(story).evidence.article_id for _, story in shown),
            ))  # fmt: skip
    nothing = f"Nothing new since {since.isoformat()}: no new agreements, projects, sectors or people."
    return Section("changed", f"What changed since {since.isoformat()}", tuple(statements), nothing)


def _agreements(entries: list[Agreement], cites: _Citations) -> Section:
    statements: list[Statement] = []
    for entry in entries:
        parties = ", ".join(entry.parties[len(entry.countries) :])
        details = [f"status: {entry.status()}"]
        if parties:
            details.append(f"parties: {parties}")
        if entry.signatories:
            details.append(f"signed by {', '.join(entry.signatories)}")
        if entry.value:
            details.append(f"value {entry.value}")
        details.append(f"{_count(entry.n_articles, 'article')}, {_count(entry.n_sources, 'independent source')}")
        statements.append(
            Statement(f"{entry.title} ({'; '.join(details)}).", cites.cite(stage.article_id for stage in entry.stages))
        )
        for stage in entry.stages:
            statements.append(Statement(f"{stage.stage.capitalize()} {stage.when.label()} ({stage.phrase}).",
                                        cites.cite([stage.article_id]), quote=stage.quote, level=1))  # fmt: skip
    return Section("agreements", "Agreements", tuple(statements), "No agreements recorded between them.")


def _projects(listed: list[Project], cites: _Citations) -> Section:
    statements: list[Statement] = []
    for project in listed:
        participants = ", ".join(project.participants[len(project.countries) :]) or "the two states"
        statements.append(Statement(
            f"{project.name} ({project.kind}, {project.context.replace('_', ' ')}); participants: {participants}; "
            f"{_count(len(project.milestones), 'milestone')}.",
            cites.cite(step.article_id for step in project.milestones),
        ))  # fmt: skip
        for step in project.milestones:
            history = " (told as history)" if step.background else ""
            text = f"{step.when.label()}: {_label(step.cameo)} ({step.event}){history}."
            statements.append(Statement(text, cites.cite([step.article_id]), level=1))
    return Section("projects", "Projects", tuple(statements), "No listed projects between them.")


def _people(current: list[Story], names: _Names, cites: _Citations) -> Section:
    acting: dict[tuple[str, str | None, str | None], list[Story]] = {}
    for story in current:
        seen: set[tuple[str, str | None, str | None]] = set()
        for event in story.events:
            for party in event.actor:
                if party.kind is ActorKind.PERSON and party.name:
                    seen.add((party.name, party.office, party.country))
        for person in seen:
            acting.setdefault(person, []).append(story)
    ranked = sorted(acting.items(), key=lambda item: (-len(item[1]), item[0][0]))[:TOP_PEOPLE]
    statements = []
    for (name, office, country), found in ranked:
        role = ", ".join(part for part in (office, names(country) if country else None) if part)
        types = ", ".join(dict.fromkeys(story.event for story in found))
        articles = [event.evidence.article_id for story in found for event in story.events
                    if any(party.name == name for party in event.actor)]  # fmt: skip
        statements.append(Statement(f"{name}{f' ({role})' if role else ''} acts in {_stories(len(found))}: {types}.",
                                    cites.cite(articles[:6])))  # fmt: skip
    return Section("people", "Key people", tuple(statements), "No named people act in this period's stories.")


def _top(current: list[Story], names: _Names, cites: _Citations) -> Section:
    ranked = sorted(current, key=lambda story: (-story.n_sources, -story.n_articles, story.when.start or date.max))
    statements = []
    for story in ranked[:TOP_STORIES]:
        lead = _lead(story)
        placed = f", {len(story.placed)} undated placed by it" if story.placed else ""
        statements.append(Statement(
            f"{story.when.label()}: {_label(story.cameo)} ({story.event}), {names.direction(story.direction)}; "
            f"{_count(story.n_articles, 'article')}, {_count(story.n_sources, 'independent source')}{placed}.",
            cites.cite([lead.evidence.article_id, *_articles(story)]),
            quote=lead.evidence.quote,
        ))  # fmt: skip
    return Section("stories", "Most reported stories", tuple(statements), "No stories in this period.")


def _outlet(article: ArticleRef) -> str:
    """The outlet; else the host an article was fetched from, or the file it was read from."""
    if article.source:
        return article.source
    if article.origin.startswith(("http://", "https://")):
        return urlsplit(article.origin).hostname or article.origin
    return PurePath(article.origin.split("#", 1)[0]).name or article.origin


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _stories(number: int) -> str:
    return "1 story" if number == 1 else f"{number} stories"


def _label(code: str) -> str:
    """A CAMEO label without the codebook's 'not specified below'."""
    return cameo(code).label.removesuffix(", not specified below")


def auto_by(first: date, last: date) -> By:
    """A period length that gives a readable number of bars for the record's span."""
    days = (last - first).days
    if days > 3 * 365:
        return By.year
    if days > 120:
        return By.month
    return By.week if days > 21 else By.day


def _chart(store: Store, pair: tuple[str, str], found: list[Story], since: date, by: By | None) -> Chart:
    dated = [story.when.start for story in found if story.when.start is not None]
    step = by or (auto_by(min(dated), max(dated)) if dated else By.month)
    periods = pair_timeline(store, pair, step)
    start = period_start(since, step)
    first = next((index for index, period in enumerate(periods) if period.start >= start), None)
    return Chart(
        by=step,
        labels=tuple(period.label for period in periods),
        quads=tuple((p.quads.get(1, 0), p.quads.get(2, 0), p.quads.get(3, 0), p.quads.get(4, 0)) for p in periods),
        first_in_period=first,
    )


def country_pair(first: str, second: str, *, actors: tuple[Path, ...] = ()) -> tuple[str, str]:
    """Two different countries (or IGOs), each a code or a name (``TUR``, ``TR``, ``Turkey``), as codes;
    a usage error otherwise (:class:`~bilateral.errors.UnknownCountry` suggests the closest names)."""
    pair = countries(actors).two(first, second)
    if pair[0] == pair[1]:
        raise UsageError(f"a brief needs two different countries, not {pair[0]} twice")
    return pair


def build(
    store: Store, pair: tuple[str, str], *, since: date | None = None, until: date | None = None, by: By | None = None
) -> Brief:
    """The brief on ``pair`` from ``since`` (default: a year before the latest story) to ``until`` (the latest)."""
    found = stories(store, Query(pair=pair))
    entries = agreements(store, Query(pair=pair))
    listed = projects(store, Query(pair=pair))
    dated = [story.when.start for story in found if story.when.start is not None]
    end = until or max([*dated, *([since] if since else [])], default=date.today())
    start = since or end - DEFAULT_SPAN + timedelta(days=1)
    current = [story for story in found if _in(story, start, end)]
    length = end - start + timedelta(days=1)
    previous = [story for story in found if _in(story, start - length, start - timedelta(days=1))]
    before = f"the {length.days} days before ({(start - length).isoformat()} to {(start - timedelta(days=1))})"
    names = _Names()
    cites = _Citations()
    sections = (
        _state(current, previous, before, cites),
        _changed([story for story in found if _in(story, date.min, end)], entries, listed, start, cites),
        _agreements(entries, cites),
        _projects(listed, cites),
        _people(current, names, cites),
        _top(current, names, cites),
    )
    placed = {article: story.when.start for story in found for article in story.placed}
    refs = store.article_refs(list(cites.numbers))
    references = tuple(
        Reference(number, article, _outlet(refs[article]), refs[article].published, refs[article].title,
                  refs[article].url, placed.get(article) if refs[article].published is None else None)
        for article, number in cites.numbers.items()
        if article in refs
    )  # fmt: skip
    chart = _chart(store, pair, found, start, by)
    title = f"{names(pair[0])} – {names(pair[1])}: {start.isoformat()} to {end.isoformat()}"
    line = sparkline([sum(counts) for counts in chart.quads])
    return Brief(pair, (names(pair[0]), names(pair[1])), start, end, title, sections, references, chart, line)
