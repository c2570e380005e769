"""Publication dates in the shapes news dumps and feeds write them.

A date that is absent is no date; a date that is present but cannot be read as
one day, or that could be two days ("06/05/2024": 6 May or 5 June), is a
:class:`~bilateral.errors.DateError`, which the readers record as that record's
failure: a wrong date is worse than none, and a dropped one should be seen. A
month alone ("2024-06", "June 2024") is read as no date, with a log line, in
every reader: it is a true date, only not a day.
"""

from __future__ import annotations

import email.utils
import logging
import re
from datetime import UTC, date, datetime

from bilateral.days import is_sane, out_of_range
from bilateral.errors import DateError, DateOutOfRange

log = logging.getLogger(__name__)

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![\d])")
# ISO 8601 basic format, as GDELT's seendate writes it: "20240605", "20240605T120000Z"
_ISO_BASIC = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T\d{2}(?:\d{2}(?:\d{2}(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?")
_UNIX_SECONDS = re.compile(r"\d{9,10}(?:\.\d+)?")  # 1973-03-03 to 2286-11-20, written as a string (a CSV value)
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")  # fmt: skip
_MONTHS = {
    **{name.lower(): number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name.lower()[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WORDED = (
    re.compile(rf"^(?:[A-Za-z]+,?\s+)?{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),  # "5 June 2024", "Wed, 5 Jun. 2024"
    re.compile(rf"^(?:[A-Za-z]+,?\s+)?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),  # "June 5, 2024", "Wednesday, June 5 2024"
)
_MONTH_ALONE = (
    re.compile(r"(?P<year>\d{4})[-/](?P<month>\d{1,2})"),  # "2024-06", "2024/6"
    re.compile(rf"{_MONTH},?\s+{_YEAR}"),  # "June 2024", "Jun. 2024"
)
_YEAR_FIRST = re.compile(r"^(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})\b")  # 2024/06/05
_NUMERIC = re.compile(r"^(?P<first>\d{1,2})[/.-](?P<second>\d{1,2})[/.-](?P<year>\d{4})\b")  # 06/05/2024


def parse_published(value: object, *, origin: str) -> date | None:
    """Return the calendar day of a publication timestamp; ``None`` when there is none or it names a month alone.

    Reads ISO 8601 (``2024-03-05``, ``2024-03-05T09:12:00Z``), RFC 2822
    (``Tue, 05 Mar 2024 09:12:00 GMT``), English day and month names
    (``5 June 2024``, ``June 5, 2024``), year-first numbers (``2024/06/05``),
    day and month numbers that can be read only one way (``13/05/2024``), ISO 8601
    basic format (``20240605``, GDELT's ``20240605T120000Z``), and Unix seconds
    (a number, or a string of 9 or 10 digits), whose day is taken in UTC. Raises
    :class:`DateError` for anything else, and for ``06/05/2024``, which is 6 May in
    most of the world and 5 June in the US; :class:`DateOutOfRange` for a day
    outside the years of :mod:`bilateral.days`.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and _is_month(value.strip()):
        log.info("%s: the date %r names a month, not a day: read as undated", origin, value.strip())
        return None
    day = _unix(value) if isinstance(value, int | float) and not isinstance(value, bool) else _written(value)
    if not is_sane(day):
        raise DateOutOfRange(out_of_range(day))
    return day


def _is_month(text: str) -> bool:
    for pattern in _MONTH_ALONE:
        match = pattern.fullmatch(text)
        if match:
            month = match["month"]
            return month.lower() in _MONTHS if month.isalpha() else 1 <= int(month) <= 12
    return False


def _unix(value: float) -> date:
    try:
        return datetime.fromtimestamp(value, tz=UTC).date()
    except (OverflowError, OSError, ValueError) as error:
        raise DateError(f"{value!r} is not a date (as Unix seconds: {error})") from error


def _written(value: object) -> date:
    if not isinstance(value, str):
        raise DateError(f"{value!r} is not a date")
    text = value.strip()
    if _UNIX_SECONDS.fullmatch(text):
        return _unix(float(text))
    day = _iso(text) or _iso_basic(text) or _rfc2822(text) or _worded(text) or _numeric(text)
    if day is None:
        raise DateError(f"{text!r} is not a date in a form read here; write it as YYYY-MM-DD")
    return day


def _day(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise DateError(f"{text!r} is not a date ({error})") from error


def _iso(text: str) -> date | None:
    match = _ISO_DAY.match(text)
    return _day(int(match[1]), int(match[2]), int(match[3]), text) if match else None


def _iso_basic(text: str) -> date | None:
    match = _ISO_BASIC.fullmatch(text)
    return _day(int(match[1]), int(match[2]), int(match[3]), text) if match else None


def _rfc2822(text: str) -> date | None:
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _worded(text: str) -> date | None:
    for pattern in _WORDED:
        match = pattern.match(text)
        if match and match["month"].lower() in _MONTHS:
            return _day(int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"]), text)
    return None


def _numeric(text: str) -> date | None:
    match = _YEAR_FIRST.match(text)
    if match:
        return _day(int(match["year"]), int(match["month"]), int(match["day"]), text)
    match = _NUMERIC.match(text)
    if match is None:
        return None
    first, second, year = int(match["first"]), int(match["second"]), int(match["year"])
    if first != second and first <= 12 and second <= 12:
        raise DateError(
            f"{text!r} is ambiguous ({first} {_MONTH_NAMES[second - 1]} or {_MONTH_NAMES[first - 1]} {second}); "
            "write it as YYYY-MM-DD"
        )
    return _day(year, second, first, text) if first > 12 or first == second else _day(year, first, second, text)
