"""The calendar the package trusts: the years read as publication dates, and date shifts that cannot overflow.

A publication date outside :data:`EARLIEST_YEAR` to :data:`LATEST_YEAR` is a typo
or a placeholder (``0001-01-01``, ``9999-12-31``), never news; it fails its record.
An event date read from a sentence ("on December 31, 9999") may still lie anywhere
Python's calendar reaches, so linking moves dates with :func:`shift`, which stops
at the calendar's ends instead of raising ``OverflowError``.
"""

from __future__ import annotations

from datetime import date, timedelta

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
