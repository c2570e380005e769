"""Event dates from the sentence, resolved against the publication date.

"on Monday" is the latest Monday on or before publication; "Nov. 24" and
"24 November" take the publication's year (the year before when that would
put them weeks after publication); "last week", "earlier this month",
"in March" carry their precision. A sentence with no date expression takes
the publication date, and an undated article its office-holder window.
A year before the article's ("unveiled in 2011") marks background history.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import MAXYEAR, MINYEAR, date, timedelta

from bilateral.records import DateWindow, EventDate, Precision

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_MONTH = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s+(?P<year>\d{4}))?\b", re.IGNORECASE
)
_MONTH_DAY = re.compile(
    r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{4}))?", re.IGNORECASE
)
_WEEKDAY = re.compile(r"\b(?P<which>last|next|this|on)?\s*(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(?P<phrase>yesterday|today|last week|this week|earlier this week|next week|last month|earlier this month|"
    r"this month|next month|last year|earlier this year|this year|next year)\b",
    re.IGNORECASE,
)
_IN_MONTH = re.compile(
    r"\b(?:in|since|during|by|until|early|late|mid-?)\s+" + _MONTH + r"(?:\s+(?P<year>\d{4}))?\b", re.IGNORECASE
)
_YEAR = re.compile(
    r"\b(?:in|since|during|until|a)\s+(?:(?:early|mid|late)[\s-]+)?(?i:"
    + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")?\.?,?\s*(?P<year>(?:19|20)\d{2})\b(?!-)"
)  # "in 1974", "in February 2019", "since mid-2014"; not "a 2000-strong force"


# Substrings every date expression contains; a sentence with none of them has no date.
_DATE_HINTS = (
    *sorted({name[:3] for name in MONTHS}),
    *(day[:3] for day in WEEKDAYS),
    "yesterday",
    "today",
    "week",
    "year",
)
_DIGIT = re.compile(r"\d")
PUBLICATION_DATE = "publication date"
"""How an event is dated when its sentence names no time: the day its article was published."""


def resolve(sentence: str, published: date | None, window: DateWindow | None) -> EventDate:
    """The event date for a sentence."""
    lowered = sentence.lower()
    if published is not None and not any(hint in lowered for hint in _DATE_HINTS):
        return EventDate(published, published, Precision.DAY, PUBLICATION_DATE)
    if published is None:
        if window is not None:
            return EventDate(window.start, window.end, Precision.WINDOW, "office-holder window")
        return EventDate(None, None, None, "undated")
    found = (
        (_explicit_day(sentence, published) if _DIGIT.search(sentence) else None)  # a day of the month is a number
        or (_weekday(sentence, published) if "day" in lowered else None)  # every weekday ends in "day"
        or _relative(sentence, published)
        or _in_month(sentence, published)
    )
    return found or EventDate(published, published, Precision.DAY, PUBLICATION_DATE)


def _explicit_day(sentence: str, published: date) -> EventDate | None:
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        match = pattern.search(sentence)
        if match is None:
            continue
        month = MONTHS[match["month"].lower()]
        year = int(match["year"]) if match["year"] else published.year
        try:
            day = date(year, month, int(match["day"]))
        except ValueError:
            continue
        if not match["year"] and day > published + timedelta(days=31):
            day = day.replace(year=year - 1)
        return EventDate(day, day, Precision.DAY, f"explicit date {match[0].strip()!r}")
    return None


def _weekday(sentence: str, published: date) -> EventDate | None:
    match = _WEEKDAY.search(sentence)
    if match is None:
        return None
    target = WEEKDAYS.index(match["weekday"].lower())
    back = (published.weekday() - target) % 7
    if (match["which"] or "").lower() == "next":
        day = published + timedelta(days=(target - published.weekday()) % 7 or 7)
    elif _AHEAD.search(sentence, max(0, match.start() - _AHEAD_REACH), match.start()):
        day = published + timedelta(days=(target - published.weekday()) % 7)  # "are due to meet on Tuesday"
        return EventDate(day, day, Precision.DAY, f"weekday {match[0].strip()!r} after publication")
    else:
        day = published - timedelta(days=back + (7 if (match["which"] or "").lower() == "last" and back == 0 else 0))
    return EventDate(day, day, Precision.DAY, f"weekday {match[0].strip()!r} before publication")


_AHEAD_REACH = 40  # characters before the weekday searched for what puts it ahead of publication
_AHEAD = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:due|set|scheduled|expected)\s+to|(?:is|are)\s+to\s+be\s+held)\b"
    r"(?![^.;]*\b(?:said|says|told|announced|added)\b)[^.;]*$",
    re.IGNORECASE,
)


def _relative(sentence: str, published: date) -> EventDate | None:
    match = _RELATIVE.search(sentence)
    if match is None:
        return None
    phrase = match["phrase"].lower()
    monday = published - timedelta(days=published.weekday())
    first = published.replace(day=1)
    previous_month_end = first - timedelta(days=1)
    spans = {
        "yesterday": (published - timedelta(days=1), published - timedelta(days=1), Precision.DAY),
        "today": (published, published, Precision.DAY),
        "last week": (monday - timedelta(days=7), monday - timedelta(days=1), Precision.WEEK),
        "this week": (monday, published, Precision.WEEK),
        "earlier this week": (monday, published, Precision.WEEK),
        "next week": (monday + timedelta(days=7), monday + timedelta(days=13), Precision.WEEK),
        "last month": (previous_month_end.replace(day=1), previous_month_end, Precision.MONTH),
        "earlier this month": (first, published, Precision.MONTH),
        "this month": (first, published, Precision.MONTH),
        "next month": _next_month(published),
        "last year": (date(published.year - 1, 1, 1), date(published.year - 1, 12, 31), Precision.YEAR),
        "earlier this year": (date(published.year, 1, 1), published, Precision.YEAR),
        "this year": (date(published.year, 1, 1), date(published.year, 12, 31), Precision.YEAR),
        "next year": (date(published.year + 1, 1, 1), date(published.year + 1, 12, 31), Precision.YEAR),
    }
    start, end, precision = spans[phrase]
    return EventDate(start, end, precision, f"relative {phrase!r}")


def _next_month(published: date) -> tuple[date, date, Precision]:
    start = (published.replace(day=28) + timedelta(days=4)).replace(day=1)
    end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return start, end, Precision.MONTH


def _in_month(sentence: str, published: date) -> EventDate | None:
    match = _IN_MONTH.search(sentence)
    if match is None:
        return None
    month = MONTHS[match["month"].lower()]
    year = int(match["year"]) if match["year"] else published.year
    if not match["year"] and month > published.month + 1:
        year -= 1
    if not MINYEAR <= year <= MAXYEAR:
        return None  # "in December 0" names no month we can hold
    start = date(year, month, 1)
    end = start.replace(day=monthrange(year, month)[1])
    return EventDate(start, end, Precision.MONTH, f"month {match[0].strip()!r}")


def is_background(sentence: str, published: date | None, window: DateWindow | None) -> bool:
    """Whether the words around an act date it well before the article ("unveiled in 2011")."""
    return bool(old_years(sentence, published, window))


def old_years(sentence: str, published: date | None, window: DateWindow | None) -> list[re.Match[str]]:
    """The expressions in ``sentence`` of a year well before the article ("in 2011", "since 2016")."""
    reference = published.year if published else window.start.year if window else None
    if reference is None or not _DIGIT.search(sentence):
        return []
    return [match for match in _YEAR.finditer(sentence) if int(match["year"]) < reference - 1]
