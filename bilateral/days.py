"""The calendar the package trusts: the years read as publication dates, and date shifts that cannot overflow.

A publication date outside :data:`EARLIEST_YEAR` to :data:`LATEST_YEAR` is a typo
or a placeholder (``0001-01-01``, ``9999-12-31``), never news; it fails its record.
An event date read from a sentence ("on December 31, 9999") may still lie anywhere
Python's calendar reaches, so linking moves dates with :func:`shift`, which stops
at the calendar's ends instead of raising ``OverflowError``.
"""

from __future__ import annotations

from datetime import date, timedelta

from bilateral.records import EventDate
from bilateral.vocab import By

EARLIEST_YEAR = 1900
LATEST_YEAR = 2100


def is_sane(day: date) -> bool:
    """Whether ``day`` lies in the years read as publication dates."""
    return EARLIEST_YEAR <= day.year <= LATEST_YEAR


def out_of_range(day: date) -> str:
    """Why ``day`` is refused as a publication date (one line)."""
    return f"{day.isoformat()} is outside the years {EARLIEST_YEAR} to {LATEST_YEAR} read as publication dates"


def shift(day: date, delta: timedelta) -> date:
    """``day + delta``, held at ``date.min`` or ``date.max`` where that would leave the calendar."""
    ordinal = day.toordinal() + delta.days
    return date.fromordinal(min(max(ordinal, date.min.toordinal()), date.max.toordinal()))


def period_start(day: date, by: By) -> date:
    """The first day of the period of length ``by`` (weeks begin on Monday) that holds ``day``."""
    if by is By.day:
        return day
    if by is By.week:
        return shift(day, -timedelta(days=day.weekday()))
    if by is By.month:
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def period_of(when: EventDate, by: By) -> date | None:
    """The period a date falls in; ``None`` for an undated one or one (a window) that spans several periods."""
    if when.start is None or when.last is None:
        return None
    first = period_start(when.start, by)
    return first if period_start(when.last, by) == first else None
