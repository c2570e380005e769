"""Rollups: each country pair's stories counted per day, week, month and year, so a timeline is a range read.

A story adds to the rollup of every pair among its countries, in the period of each length that
holds its whole date (a window longer than the period counts in none, as in the timeline):
one story, its PLOVER type and QuadClass, its Goldstein and PLOVER scores, its articles and its
independent sources. What a story added is kept on the story (the ``counted_*`` columns), so it
can be taken back whatever changed since. Linking marks a story ``stale`` when it gains a report
or a date; :func:`refresh` takes back what each stale story had added and adds it as it is now,
in the linking transaction. Scores are summed in hundredths, as integers, so taking back is exact.
An agreement's refresh also keeps the day of its first stage (``agreements.listed``), by which the registry lists it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

from bilateral.copies import independent_sources
from bilateral.days import period_of, period_start
from bilateral.ontology import plover_score
from bilateral.records import Event, EventDate, Precision, placed_date
from bilateral.registry.lifecycle import AgreementReport, Summary
from bilateral.serialise import agreement_dict, agreement_from, event_from
from bilateral.store.dialect import Database
from bilateral.store.rows import day, story_when
from bilateral.vocab import By

_CHUNK = 500
PERIODS_QUERY = """SELECT period, event, quad, stories, goldstein, intensity, scored, articles, sources
    FROM pair_periods WHERE first = ? AND second = ? AND by = ? AND period BETWEEN ? AND ?
    ORDER BY period, event, quad"""
"""A pair's rollup rows for one period length and a range of periods."""
ENTRIES_QUERY = """SELECT period, entries FROM entry_periods WHERE kind = ? AND key = ? AND by = ?
    AND period BETWEEN ? AND ?"""
"""Agreement stages (key: a pair) or project milestones (key: a project) per period."""


def lead(reports: Sequence[tuple[str, str]]) -> str:
    """The report that speaks for a story: the first (by id) of its most common CAMEO code, from its reports'
    (event id, CAMEO code): only the one chosen is read whole, so a story told a thousand times costs a thousand
    pairs of short strings, not a thousand records, each time it is counted again."""
    ordered = sorted(reports)
    commonest = Counter(cameo for _, cameo in ordered).most_common(1)[0][0]
    return next(key for key, cameo in ordered if cameo == commonest)


@dataclass(frozen=True, slots=True)
class Tally:
    """What one story adds to a pair's period."""

    event: str
    quad: int
    goldstein: int
    """Hundredths."""
    intensity: int | None
    """Hundredths; ``None`` where PLOVER gives the type no score."""
    articles: int
    sources: int


@dataclass(frozen=True, slots=True)
class PeriodRow:
    """One pair's stories of one type and QuadClass in one period, summed."""

    period: date
    event: str
    quad: int
    stories: int
    goldstein: int
    intensity: int
    scored: int
    """Stories with a PLOVER score (the denominator of ``intensity``)."""
    articles: int
    sources: int


def _hundredths(value: float) -> int:
    return round(value * 100)


def _pairs(countries: str) -> Iterator[tuple[str, str]]:
    yield from combinations(sorted(set(countries.split())), 2)


def _when(first: str | None, last: str | None, precision: str | None) -> EventDate:
    """A story's date as its row holds it (an open window's end is stored far in the future: no period)."""
    return EventDate(
        date.fromisoformat(first) if first else None,
        date.fromisoformat(last) if last else None,
        Precision(precision) if precision else None,
        "",
    )


def _period_rows(countries: str, when: EventDate, tally: Tally, sign: int) -> Iterator[tuple[Any, ...]]:
    """What one story adds to (``sign`` 1) or takes from (-1) each of its pairs' periods: a ``pair_periods`` row."""
    scored = tally.intensity is not None
    values = (sign, sign * tally.goldstein, sign * (tally.intensity or 0), sign * scored, sign * tally.articles,
              sign * tally.sources)  # fmt: skip
    for by in By:
        period = period_of(when, by)
        if period is None:
            continue
        for first, second in _pairs(countries):
            yield (first, second, by.value, period.isoformat(), tally.event, tally.quad, *values)


def _write_periods(db: Database, rows: Iterable[tuple[Any, ...]]) -> None:
    """Add ``rows`` to ``pair_periods``, summed by period first (one upsert a period, however many stories moved);
    a period left with no story goes, by its key, not by a scan of the table."""
    summed: dict[tuple[Any, ...], list[int]] = {}
    for row in rows:
        found = summed.get(row[:6])
        if found is None:
            summed[row[:6]] = list(row[6:])
        else:
            for index, value in enumerate(row[6:]):
                found[index] += value
    db.executemany(
        """INSERT INTO pair_periods VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (first, second, by, period, event, quad) DO UPDATE SET
            stories = pair_periods.stories + excluded.stories, goldstein = pair_periods.goldstein + excluded.goldstein,
            intensity = pair_periods.intensity + excluded.intensity, scored = pair_periods.scored + excluded.scored,
            articles = pair_periods.articles + excluded.articles, sources = pair_periods.sources + excluded.sources""",
        [(*key, *values) for key, values in summed.items() if any(values)],
    )
    db.executemany(
        """DELETE FROM pair_periods WHERE first = ? AND second = ? AND by = ? AND period = ? AND event = ?
        AND quad = ? AND stories = 0""",
        [key for key, values in summed.items() if values[0] < 0],
    )


def discount_articles(db: Database, article_ids: Sequence[str]) -> tuple[list[str], list[str]]:
    """Take back what the stories, agreements and projects these articles report had added, and mark them stale
    (before the articles' events are replaced); returns the stories and the agreements."""
    found: dict[str, set[str]] = {"story": set(), "agreement": set(), "project": set()}
    for key in article_ids:
        for kind, entry in db.execute(
            """WITH mine AS (SELECT id FROM events WHERE article_id = ?)
            SELECT 'story', story_id FROM story_events WHERE event_id IN (SELECT id FROM mine)
            UNION ALL SELECT 'agreement', agreement_id FROM agreement_events WHERE event_id IN (SELECT id FROM mine)
            UNION ALL SELECT 'project', project FROM project_events WHERE event_id IN (SELECT id FROM mine)""",
            (key,),
        ):
            found[kind].add(entry)
    stories, agreements = sorted(found["story"]), sorted(found["agreement"])
    discount_stories(db, stories)
    discount_agreements(db, agreements)
    discount_projects(db, sorted(found["project"]))
    return stories, agreements


def discount_stories(db: Database, story_ids: Sequence[str]) -> None:
    """Take back what these stories added, and mark them stale (before they lose reports or are deleted)."""
    for start in range(0, len(story_ids), _CHUNK):
        _write_periods(db, _discounted(db, list(story_ids[start : start + _CHUNK])))


def _discounted(db: Database, part: list[str]) -> list[tuple[Any, ...]]:
    """The rows that take back what these stories added (at most :data:`_CHUNK`), the stories marked stale."""
    marks = ",".join("?" * len(part))
    found = db.execute(
        f"""SELECT id, countries, event, counted_quad, counted_goldstein, counted_intensity, counted_articles,
            counted_sources, counted_start, counted_end, counted_precision
        FROM stories WHERE id IN ({marks}) AND counted_quad IS NOT NULL""",
        part,
    ).fetchall()
    rows = [
        row
        for _, countries, event, quad, goldstein, intensity, articles, sources, first, last, precision in found
        for row in _period_rows(countries, _when(first, last, precision),
                                Tally(event, quad, goldstein, intensity, articles, sources), -1)
    ]  # fmt: skip
    db.execute(
        f"""UPDATE stories SET stale = 1, counted_quad = NULL, counted_goldstein = NULL, counted_intensity = NULL,
            counted_articles = NULL, counted_sources = NULL, counted_start = NULL, counted_end = NULL,
            counted_precision = NULL
        WHERE id IN ({marks})""",
        part,
    )
    return rows


def _tally(event: str, speaker: Event, members: list[tuple[str, str | None, str | None, str, str]]) -> Tally:
    intensity = plover_score(speaker.event, speaker.mode)
    reports = {(article, source, group) for article, source, group, _, _ in members}
    return Tally(
        event=event,
        quad=speaker.quad,
        goldstein=_hundredths(speaker.goldstein),
        intensity=None if intensity is None else _hundredths(intensity),
        articles=len({article for article, _, _ in reports}),
        sources=independent_sources(reports),
    )


@dataclass(slots=True)
class Linked:
    """What one linking transaction did, for :func:`refresh` to count without reading it back."""

    events: dict[str, Event] = field(default_factory=dict)
    """The events it put in stories, by id."""
    reports: dict[str, list[str]] = field(default_factory=dict)
    """The reports it attached to each agreement (agreement: event ids), added to their kept summaries."""
    redated: set[str] = field(default_factory=set)
    """The stories it dated anew: their agreements' entries take their reports' new dates."""


def refresh(db: Database, linked: Linked | None = None) -> None:
    """Count every stale story, agreement and project as it is now (taking back what each had added), with what
    the linking transaction that calls it did (``linked``)."""
    linked = linked or Linked()
    _refresh_stories(db, linked.events)
    _refresh_agreements(db, linked.reports, linked.redated)
    _refresh_projects(db)


def _refresh_stories(db: Database, known: Mapping[str, Event]) -> None:
    """Count each stale story as its reports give it now; ``known``: events at hand, not read back."""
    while stale := [row[0] for row in db.execute(f"SELECT id FROM stories WHERE stale = 1 LIMIT {_CHUNK}")]:
        changes = _discounted(db, stale)
        marks = ",".join("?" * len(stale))
        members: dict[str, list[tuple[str, str | None, str | None, str, str]]] = {}
        for story_id, article, source, group, key, cameo in db.execute(
            f"""SELECT story_events.story_id, story_events.article_id, articles.source, copies.copy_group, events.id,
                events.cameo
            FROM story_events JOIN events ON events.id = story_events.event_id
            JOIN articles ON articles.id = story_events.article_id
            LEFT JOIN copies ON copies.article_id = story_events.article_id
            WHERE story_events.story_id IN ({marks})""",
            stale,
        ):
            members.setdefault(story_id, []).append((article, source, group, key, cameo))
        leads = {story_id: lead([(key, cameo) for *_, key, cameo in told]) for story_id, told in members.items()}
        speakers = {key: known[key] for key in leads.values() if key in known}
        speakers |= _events(db, [key for key in leads.values() if key not in speakers])
        counted, emptied = [], []
        for story_id, countries, event, first, last, precision in db.execute(
            f"SELECT id, countries, event, date_start, date_end, precision FROM stories WHERE id IN ({marks})", stale
        ).fetchall():
            if story_id not in members:  # no report left: nothing to count until one joins
                emptied.append((story_id,))
                continue
            tally = _tally(event, speakers[leads[story_id]], members[story_id])
            changes += _period_rows(countries, _when(first, last, precision), tally, +1)
            counted.append((tally.quad, tally.goldstein, tally.intensity, tally.articles, tally.sources, first, last,
                            precision, story_id))  # fmt: skip
        db.executemany("UPDATE stories SET stale = 0 WHERE id = ?", emptied)
        db.executemany(
            """UPDATE stories SET stale = 0, counted_quad = ?, counted_goldstein = ?, counted_intensity = ?,
                counted_articles = ?, counted_sources = ?, counted_start = ?, counted_end = ?, counted_precision = ?
            WHERE id = ?""",
            counted,
        )
        _write_periods(db, changes)


def _events(db: Database, keys: list[str]) -> dict[str, Event]:
    """Stored events by id."""
    if not keys:
        return {}
    rows = db.execute(f"SELECT id, record FROM events WHERE id IN ({','.join('?' * len(keys))})", keys)
    return {key: event_from(json.loads(record)) for key, record in rows}


# -- registry entries: agreement stages and project milestones per period -----------------------------------------

_PROJECT_REPORTS = """SELECT project, events.id, events.record, stories.id, stories.date_start, stories.date_end,
        stories.precision, stories.date_method
    FROM project_events JOIN events ON events.id = project_events.event_id
    LEFT JOIN story_events ON story_events.event_id = events.id LEFT JOIN stories ON stories.id = story_events.story_id
    WHERE project IN ({marks}) ORDER BY project, coalesce(stories.date_start, events.date_start), events.id"""
"""A project's reports in the order its milestones are read, each with its story's date."""


def _dates(whens: list[EventDate]) -> str:
    return json.dumps([[day(when.start), day(when.end), when.precision.value if when.precision else None]
                       for when in whens])  # fmt: skip


def _undated(counted: str) -> list[EventDate]:
    return [_when(first, last, precision) for first, last, precision in json.loads(counted)]


def _apply_entry(db: Database, kind: str, keys: list[str], whens: list[EventDate], sign: int) -> None:
    rows = []
    for by in By:
        periods = Counter(period for when in whens if (period := period_of(when, by)) is not None)
        rows += [(kind, key, by.value, period.isoformat(), sign * n) for period, n in periods.items() for key in keys]
    db.executemany(
        """INSERT INTO entry_periods VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (kind, key, by, period) DO UPDATE SET entries = entry_periods.entries + excluded.entries""",
        rows,
    )
    if sign < 0:  # a period left with no entry goes, by its key
        db.executemany(
            "DELETE FROM entry_periods WHERE kind = ? AND key = ? AND by = ? AND period = ? AND entries = 0",
            [row[:4] for row in rows],
        )


def _agreement_keys(countries: str) -> list[str]:
    return [f"{first} {second}" for first, second in _pairs(countries)]


def discount_agreements(db: Database, agreement_ids: Sequence[str]) -> None:
    """Take back the stages these agreements added, and mark them to be summed up anew (before they lose reports)."""
    for start in range(0, len(agreement_ids), _CHUNK):
        part = list(agreement_ids[start : start + _CHUNK])
        _take_back(db, part)
        db.execute(f"UPDATE agreements SET stale = 1, counted = NULL WHERE id IN ({','.join('?' * len(part))})", part)


def _take_back(db: Database, part: list[str]) -> None:
    marks = ",".join("?" * len(part))
    query = f"SELECT countries, counted FROM agreements WHERE id IN ({marks}) AND counted IS NOT NULL"
    for countries, counted in db.execute(query, part).fetchall():
        _apply_entry(db, "agreement", _agreement_keys(countries), _undated(counted), -1)


def discount_projects(db: Database, projects: Sequence[str]) -> None:
    """Take back the milestones these projects added, and mark them stale (before they lose reports)."""
    if not projects:
        return  # "IN ()" is SQLite's, not PostgreSQL's
    for name, counted in db.execute(
        f"SELECT project, counted FROM project_counts WHERE project IN ({','.join('?' * len(projects))})"
        " AND counted IS NOT NULL",
        list(projects),
    ).fetchall():
        _apply_entry(db, "project", [name], _undated(counted), -1)
    db.executemany(
        "UPDATE project_counts SET stale = 1, counted = NULL WHERE project = ?", [(name,) for name in projects]
    )


def _report_when(
    record: str, first: str | None, last: str | None, precision: str | None, method: str | None
) -> EventDate:
    return placed_date(event_from(json.loads(record)).when, story_when(first, last, precision, method))


_AGREEMENT_REPORTS = """SELECT agreement_events.agreement_id, agreement_events.stage, agreement_events.kind,
        agreement_events.phrase, agreement_events.value, events.id, events.record, articles.source,
        copies.copy_group, stories.date_start, stories.date_end, stories.precision, stories.date_method,
        coalesce(stories.date_start, events.date_start, '')
    FROM agreement_events JOIN events ON events.id = agreement_events.event_id
    LEFT JOIN articles ON articles.id = agreement_events.article_id
    LEFT JOIN copies ON copies.article_id = agreement_events.article_id
    LEFT JOIN story_events ON story_events.event_id = events.id
    LEFT JOIN stories ON stories.id = story_events.story_id
    WHERE agreement_events.{column} IN ({marks})"""
"""Reports of agreements (``column``: by agreement, or by event), each with its outlet, its copy group and its
story's date."""
_AGREEMENT_ARTICLES = """SELECT agreement_id, count(DISTINCT article_id) FROM agreement_events
    WHERE agreement_id IN ({marks}) GROUP BY agreement_id"""


def _reports(db: Database, column: str, keys: list[str]) -> Iterator[AgreementReport]:
    rows = db.execute(_AGREEMENT_REPORTS.format(column=column, marks=",".join("?" * len(keys))), keys).fetchall()
    for agreement, stage, kind, phrase, value, event_id, record, source, group, *when, read in rows:
        yield AgreementReport(agreement, stage, kind, phrase, value, event_from(json.loads(record)), source, group,
                              story_when(*when), (read, event_id))  # fmt: skip


def _refresh_agreements(db: Database, fresh: Mapping[str, Sequence[str]], redated: Collection[str]) -> None:
    """Sum up each stale agreement's entry again from all its reports; add to the others' kept summaries the
    reports ``fresh`` gives (agreement: new event ids) and, again, their reports in the ``redated`` stories. The
    registry reads these entries. Count their stages per period."""
    again: dict[str, list[str]] = {}
    stories = sorted(redated)
    for start in range(0, len(stories), _CHUNK):
        part = stories[start : start + _CHUNK]
        for key, event in db.execute(
            f"""SELECT agreement_events.agreement_id, agreement_events.event_id FROM story_events
            JOIN agreement_events ON agreement_events.event_id = story_events.event_id
            WHERE story_events.story_id IN ({",".join("?" * len(part))})""",
            part,
        ):
            if event not in fresh.get(key, ()):
                again.setdefault(key, []).append(event)
    whole: set[str] = set()
    while stale := [row[0] for row in db.execute(f"SELECT id FROM agreements WHERE stale = 1 LIMIT {_CHUNK}")]:
        _sum_up(db, stale, anew=set(stale))
        whole.update(stale)
    adding = sorted({*fresh, *again} - whole)
    for start in range(0, len(adding), _CHUNK):
        _sum_up(db, adding[start : start + _CHUNK], fresh=fresh, again=again)


def _sum_up(
    db: Database, keys: list[str], *, anew: Collection[str] = (), fresh: Mapping[str, Sequence[str]] | None = None,
    again: Mapping[str, Sequence[str]] | None = None,
) -> None:  # fmt: skip
    """Write the entries of agreements ``keys``: those ``anew`` (and those whose summary a re-dated report
    heads) from all their reports, the others from their kept summaries, their ``fresh`` reports and, again,
    their re-dated ones."""
    fresh, again = fresh or {}, again or {}
    marks = ",".join("?" * len(keys))
    rows = db.execute(
        f"SELECT id, countries, topic, context, entry, summary FROM agreements WHERE id IN ({marks})", keys
    ).fetchall()
    _take_back(db, keys)
    summaries = {key: Summary() if key in anew else
                 Summary.from_json(json.loads(summary) if summary else None,
                                   agreement_from(json.loads(entry)) if entry else None)
                 for key, _, _, _, entry, summary in rows}  # fmt: skip
    lost = {key for key, _, _, _, entry, summary in rows if entry and not summary}  # kept by no summary: sum it up
    whole = [key for key in keys if key in anew or key in lost or summaries[key].heads(again.get(key, ()))]
    for key in whole:
        summaries[key] = Summary()
    for report in _reports(db, "agreement_id", whole) if whole else ():
        summaries[report.id].add(report)
    new = {(key, event) for key in keys if key not in whole for event in fresh.get(key, ())}
    told = {(key, event) for key in keys if key not in whole for event in again.get(key, ())}
    for report in _reports(db, "event_id", sorted({event for _, event in new | told})) if new or told else ():
        if (report.id, report.event.id) in new:
            summaries[report.id].add(report)
        elif (report.id, report.event.id) in told:
            summaries[report.id].add(report, again=True)
    articles = dict(db.execute(_AGREEMENT_ARTICLES.format(marks=marks), keys).fetchall())
    kept, emptied = [], []
    for key, countries, topic, context, _, _ in rows:
        summary = summaries[key]
        if summary.kind is None:  # an agreement left with no report lists nothing
            emptied.append((key,))
            continue
        entry = summary.entry(key, tuple(countries.split()), topic, context, articles[key])
        whens = [stage.when for stage in entry.stages]
        _apply_entry(db, "agreement", _agreement_keys(countries), whens, +1)
        kept.append((_dates(whens), day(whens[0].start), json.dumps(agreement_dict(entry)),
                     json.dumps(summary.to_json()), key))  # fmt: skip
    db.executemany(
        "UPDATE agreements SET stale = 0, counted = ?, listed = ?, entry = ?, summary = ? WHERE id = ?", kept
    )
    db.executemany(
        "UPDATE agreements SET stale = 0, counted = '[]', listed = NULL, entry = NULL, summary = NULL WHERE id = ?",
        emptied,
    )


def _refresh_projects(db: Database) -> None:
    stale = [row[0] for row in db.execute("SELECT project FROM project_counts WHERE stale = 1")]
    if not stale:
        return
    discount_projects(db, stale)
    marks = ",".join("?" * len(stale))
    steps: dict[str, dict[str, EventDate]] = {name: {} for name in stale}
    query = _PROJECT_REPORTS.format(marks=marks)
    for name, event_id, record, story, first, last, precision, method in db.execute(query, stale).fetchall():
        if (story or event_id) not in steps[name]:  # one milestone per story, dated by its first report
            steps[name][story or event_id] = _report_when(record, first, last, precision, method)
    for name in stale:
        whens = list(steps[name].values())
        _apply_entry(db, "project", [name], whens, +1)
        db.execute("UPDATE project_counts SET stale = 0, counted = ? WHERE project = ?", (_dates(whens), name))


def _range(by: By, since: date | None, until: date | None) -> tuple[str, str]:
    return (period_start(since, by).isoformat() if since else "0000"), (
        period_start(until, by).isoformat() if until else "9999-99"
    )


def entry_counts(
    db: Database, kind: str, keys: Sequence[str], by: By, since: date | None, until: date | None
) -> Counter[date]:
    """Stages (``kind`` 'agreement', keys 'A B' pairs) or milestones ('project', keys project names) per period."""
    low, high = _range(by, since, until)
    found: Counter[date] = Counter()
    for key in keys:
        for period, entries in db.execute(ENTRIES_QUERY, (kind, key, by.value, low, high)):
            found[date.fromisoformat(period)] += entries
    return found


def period_rows(db: Database, pair: tuple[str, str], by: By, since: date | None, until: date | None) -> list[PeriodRow]:
    """A pair's rollup rows for periods of length ``by``, those touching ``since``–``until`` (whole periods)."""
    first, second = sorted(pair)
    low, high = _range(by, since, until)
    rows = db.execute(PERIODS_QUERY, (first, second, by.value, low, high))
    return [PeriodRow(date.fromisoformat(period), *rest) for period, *rest in rows]
