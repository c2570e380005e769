"""When a source is due again: one interval after a good round, and after a failure an interval that doubles
with each failure in a row (up to :data:`MAX_BACKOFF`), spread by a random jitter so that sources failing
together do not all come back at once.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

MAX_BACKOFF = timedelta(hours=6)
"""The longest a failing source waits between tries (or one interval, when that is longer)."""
JITTER = 0.2
"""A back-off is stretched or shortened by up to this share, at random."""
LEASE = timedelta(minutes=10)
"""How long a watcher holds a source it is reading; another may take it over once this has passed."""


def parse_every(text: str) -> timedelta:
    """An interval as ``--every`` takes it: a number and a unit (``90s``, ``15m``, ``1h``, ``1d``)."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    number, unit = text.strip()[:-1], text.strip()[-1:].lower()
    if unit not in units or not number.isdigit() or int(number) == 0:
        raise ValueError(f"{text!r} is not an interval (e.g. 90s, 15m, 1h, 1d)")
    return timedelta(seconds=int(number) * units[unit])


def after_success(now: datetime, every: timedelta) -> datetime:
    return now + every


def after_failure(now: datetime, every: timedelta, failures: int, *, rng: random.Random) -> datetime:
    """When to try again after ``failures`` failures in a row (the first waits two intervals)."""
    backoff = min(every * (1 << min(failures, 16)), max(MAX_BACKOFF, every))
    return now + backoff * rng.uniform(1 - JITTER, 1 + JITTER)
