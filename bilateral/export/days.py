"""The day a row of a day-format (GDELT, POLECAT) carries, and the rows left out for want of one.

A row gets the event's day where one is known: stated in its sentence, or placed by
the dated story an undated report joined. An event dated only by an office-holder
window, or only to the week, month or year, has no day to give: its row is left out
and counted by reason, never given the first day of its span.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from bilateral.records import EventDate, Precision, SourcedEvent


def reason(when: EventDate) -> str:
    """Why a date gives no day, in words."""
    if when.start is None:
        return "undated"
    if when.precision is Precision.WINDOW:
        return "dated only by an office-holder window"
    return f"dated only to the {when.precision.value if when.precision else 'period'}"


def within(items: Iterable[SourcedEvent], since: date | None, until: date | None) -> Iterator[SourcedEvent]:
    """The items whose date as the record knows it (placed, for an undated report) meets ``since``–``until``.

    The store filters on each report's own date, so an undated report whose window meets the
    range is read even when its story placed it outside; this drops it.
    """
    for item in items:
        when = item.when
        if since is not None and when.last is not None and when.last < since:
            continue
        if until is not None and when.start is not None and when.start > until:
            continue
        yield item


@dataclass(slots=True)
class LeftOut:
    """Rows a format left out, by reason."""

    reasons: Counter[str] = field(default_factory=Counter)

    def dated(self, items: Iterable[SourcedEvent]) -> Iterator[SourcedEvent]:
        """The items with a known day; the others counted."""
        for item in items:
            if item.when.day is None:
                self.reasons[reason(item.when)] += 1
            else:
                yield item

    @property
    def total(self) -> int:
        return sum(self.reasons.values())

    def describe(self) -> str:
        """One line: how many rows were left out and why."""
        why = "; ".join(f"{count} {text}" for text, count in self.reasons.most_common())
        return f"left out {self.total} {'row' if self.total == 1 else 'rows'} with no known day ({why})"
