"""One query record for every list the CLI, the API and the frames serve, and the SQL it becomes.

A list of events, stories or agreements with countries is read from the ``parties`` index (see
:mod:`bilateral.store.parties`) in date order, the first country's rows driving and each other country
a primary-key probe; without countries, from the table's own date-order index (``events_order``,
``events_newest``, ``stories_order``, ``agreements_listed``). Either way a page stops after ``limit`` rows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from bilateral.store.dialect import Dialect
from bilateral.store.rows import EVERY_ROW, day


@dataclass(frozen=True, slots=True)
class Query:
    """Filters (``None``: any) and a page (``limit`` ``None``: every match, from ``offset``).

    Events take every filter; stories take ``pair``, ``country``, ``event``, ``since``, ``until`` (and the
    countries of ``actor`` and ``recipient`` as parties, whatever their roles);
    agreements and projects take ``pair``.
    """

    pair: tuple[str, str] | None = None
    country: str | None = None
    actor: str | None = None
    """A country among an event's actors (who did it)."""
    recipient: str | None = None
    """A country among an event's recipients (to whom)."""
    event: str | None = None
    """A PLOVER type."""
    quad: int | None = None
    goldstein_min: float | None = None
    goldstein_max: float | None = None
    context: str | None = None
    modality: str | None = None
    text: str | None = None
    """Words in the evidence sentence."""
    since: date | None = None
    until: date | None = None
    background: bool = False
    """Include background history (events told as before the article's time)."""
    newest_first: bool = False
    limit: int | None = None
    offset: int = 0

    def countries(self) -> tuple[str, ...]:
        """Every country asked for (the pair's and ``country``), each once."""
        named = (*(self.pair or ()), self.country, self.actor, self.recipient)
        return tuple(dict.fromkeys(country for country in named if country))

    def page(self, limit: int | None, offset: int = 0) -> Query:
        return replace(self, limit=limit, offset=offset)


EVERYTHING = Query()
"""Every row, no filter."""

_TABLES = {"event": ("events", "date_start"), "story": ("stories", "date_start"), "agreement": ("agreements", "listed")}
"""Each kind's table and the day it is listed by (an agreement's: its first stage's, see the rollups)."""


_SHOWN = "events.background = 0"
"""The clause that leaves background events out, unless asked for."""


def _chosen(clauses: list[tuple[str, object]]) -> tuple[list[str], list[object]]:
    """The clauses whose value is given (not ``None``), and their values."""
    given = [(clause, value) for clause, value in clauses if value is not None]
    return [clause for clause, _ in given], [value for _, value in given]


def _event_filters(query: Query, sql: Dialect) -> tuple[list[str], list[object]]:
    escaped = query.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") if query.text else None
    record = "events.record"
    clauses, values = _chosen([
        ("coalesce(events.date_end, events.date_start) >= ?", day(query.since)),
        ("events.date_start <= ?", day(query.until)),
        ("events.event = ?", query.event),
        ("events.quad = ?", query.quad),
        (f"{sql.number(record, 'goldstein')} >= ?", query.goldstein_min),
        (f"{sql.number(record, 'goldstein')} <= ?", query.goldstein_max),
        ("events.modality = ?", query.modality),
        (sql.holds(record, "contexts"), query.context),
        (f"{sql.text(record, 'evidence', 'quote')} {sql.like} ? ESCAPE '\\'", escaped and f"%{escaped}%"),
        # a country in one role of the event (its row in ``parties`` says only that the country takes part)
        (sql.holds(record, "actor", "country"), query.actor),
        (sql.holds(record, "recipient", "country"), query.recipient),
    ])  # fmt: skip
    return ([*clauses, _SHOWN] if not query.background else clauses), values


def _story_filters(query: Query) -> tuple[list[str], list[object]]:
    return _chosen([
        ("stories.event = ?", query.event),
        ("stories.date_end >= ?", day(query.since)),
        ("stories.date_start <= ?", day(query.until)),
    ])  # fmt: skip


def _filters(kind: str, query: Query, sql: Dialect) -> tuple[list[str], list[object]]:
    if kind == "event":
        return _event_filters(query, sql)
    return _story_filters(query) if kind == "story" else ([], [])


def _source(
    kind: str, countries: tuple[str, ...], *, joined: bool = True
) -> tuple[str, list[str], list[object], tuple[str, str]]:
    """FROM, the WHERE clauses it needs with their values, and the columns of the date order (day, id); with
    countries and not ``joined``, the parties index alone (for a count without filters on the table)."""
    table, listed = _TABLES[kind]
    if not countries:
        return table, [], [], (f"{table}.{listed}", f"{table}.id")
    joins = "".join(
        f" JOIN parties AS p{n} ON p{n}.kind = p0.kind AND p{n}.id = p0.id AND p{n}.country = ?"
        for n in range(1, len(countries))
    )
    source = f"parties AS p0{joins}" + (f" JOIN {table} ON {table}.id = p0.id" if joined else "")
    return source, ["p0.kind = ?", "p0.country = ?"], [*countries[1:], kind, countries[0]], ("p0.day", "p0.id")


def listing(kind: str, query: Query, columns: str, sql: Dialect) -> tuple[str, list[object]]:
    """``SELECT columns`` of one page of events, stories or agreements (``kind`` 'event', 'story' or 'agreement')
    matching ``query``, in date order (undated last, then by id), and its values."""
    source, clauses, values, (day, key) = _source(kind, query.countries())
    filters, more = _filters(kind, query, sql)
    order = f"{day} IS NULL, {day}{' DESC' if query.newest_first else ''}, {key}"
    where = " AND ".join([*clauses, *filters]) or "1 = 1"
    statement = f"SELECT {columns} FROM {source} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
    return statement, [*values, *more, EVERY_ROW if query.limit is None else query.limit, query.offset]


def counting(kind: str, query: Query, sql: Dialect) -> tuple[str, list[object]]:
    """How many events, stories or agreements match ``query`` (whatever its page): one look-up in
    ``party_counts`` for a country or a pair and no other filter (background events aside), else a count."""
    filters, more = _filters(kind, query, sql)
    countries = query.countries()
    if 1 <= len(countries) <= 2 and not [clause for clause in filters if clause != _SHOWN]:
        first, second = (*sorted(countries), "")[:2]
        shown = "" if query.background or kind != "event" else " AND hidden = 0"
        return (
            f"SELECT coalesce(sum(n), 0) FROM party_counts WHERE kind = ? AND first = ? AND second = ?{shown}",
            [kind, first, second],
        )
    source, clauses, values, _ = _source(kind, query.countries(), joined=bool(filters))
    where = " AND ".join([*clauses, *filters]) or "1 = 1"
    return f"SELECT count(*) FROM {source} WHERE {where}", [*values, *more]
