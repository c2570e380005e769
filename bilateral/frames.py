"""Stored events as a pandas DataFrame, for notebooks.

One row per event with the columns of the CSV and Parquet exports
(``bilateral.export.flat``); dates are ``datetime64`` columns. Needs pandas
(``pip install 'bilateral[frames]'``)::

    from bilateral.frames import events_frame
    frame = events_frame("bilateral.db", pair=("TUR", "KOR"))
    frame.groupby("event").size()
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from bilateral.errors import ExportError
from bilateral.export.flat import COLUMNS, NAMES, flat_row
from bilateral.store import Store


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as error:
        raise ExportError("data frames need pandas: pip install 'bilateral[frames]'") from error
    return pandas


def events_frame(
    store: Store | str | Path,
    *,
    pair: tuple[str, str] | None = None,
    since: date | None = None,
    until: date | None = None,
    event: str | None = None,
    include_background: bool = False,
) -> Any:
    """Stored events (same filters as ``Store.events``) as a ``pandas.DataFrame``, oldest first."""
    pd = _pandas()
    owned = not isinstance(store, Store)
    opened = store if isinstance(store, Store) else Store(store)
    try:
        items = opened.sourced_events(
            pair=pair, since=since, until=until, event=event, include_background=include_background
        )
        frame = pd.DataFrame.from_records([flat_row(item) for item in items], columns=list(NAMES))
    finally:
        if owned:
            opened.close()
    kinds = {"date": "datetime64[ns]", "float": "float64", "int": "int64", "bool": "bool"}
    return frame.astype({name: kinds[kind] for name, kind in COLUMNS if kind in kinds})
