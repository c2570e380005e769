"""Publication dates in the shapes news dumps and feeds write them."""

from __future__ import annotations

import email.utils
import re
from datetime import date, datetime

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_published(value: object) -> date | None:
    """Return the calendar day of a publication timestamp, or ``None``.

    Accepts ISO 8601 (``2024-03-05``, ``2024-03-05T09:12:00Z``), RFC 822
    (``Tue, 05 Mar 2024 09:12:00 GMT``) and Unix seconds. Anything else is
    treated as no date: a wrong date is worse than none.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value).date()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    match = _ISO_DAY.match(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None
