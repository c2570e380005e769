"""The record as pandas DataFrames, for notebooks.

``events_frame``: one row per event with the columns of the CSV and Parquet
exports (``bilateral.export.flat``). ``stories_frame``, ``agreements_frame``
(one row per stage), ``projects_frame`` (one row per milestone) and
``timeline_frame`` (one row per period) carry the fields of the CLI's JSON.
Dates are ``datetime64`` columns. Needs pandas (``pip install 'bilateral[frames]'``)::

    from bilateral.frames import events_frame, timeline_frame
    frame = events_frame("bilateral.db", pair=("TUR", "KOR"))
    frame.groupby("event").size()
    timeline_frame("bilateral.db", ("TUR", "KOR"), by="year")
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from bilateral.errors import ExportError
from bilateral.export.flat import COLUMNS, NAMES, flat_row
from bilateral.registry import agreements, projects
from bilateral.serialise import agreement_dict, project_dict, story_dict
from bilateral.store import Query, Store
from bilateral.stories import stories, with_links
from bilateral.timeline import By, pair_timeline


@contextmanager
def _using(store: Store | str | Path) -> Iterator[Store]:
    """The given store, or one opened on a path for the call and closed after it."""
    if isinstance(store, Store):
        yield store
        return
    with Store(store, create=False) as opened:
        yield opened


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
    with _using(store) as opened:
        query = Query(pair=pair, since=since, until=until, event=event, background=include_background)
        items = opened.sourced_events(query)
        frame = pd.DataFrame.from_records([flat_row(item) for item in with_links(opened, items)], columns=list(NAMES))
    kinds = {"date": "datetime64[ns]", "float": "float64", "int": "int64", "bool": "bool"}
    return frame.astype({name: kinds[kind] for name, kind in COLUMNS if kind in kinds})


def _frame(records: list[dict[str, Any]], dates: tuple[str, ...]) -> Any:
    pd = _pandas()
    frame = pd.DataFrame.from_records(records)
    for name in dates:
        if name in frame:
            frame[name] = pd.to_datetime(frame[name])
    return frame


def stories_frame(store: Store | str | Path, *, pair: tuple[str, str] | None = None, since: date | None = None,
                  until: date | None = None, event: str | None = None) -> Any:  # fmt: skip
    """One row per story (one real-world event across its reports), oldest first."""
    with _using(store) as opened:
        found = stories(opened, Query(pair=pair, since=since, until=until, event=event))
    rows = [{key: value for key, value in story_dict(story).items() if key != "evidence"} for story in found]
    return _frame(rows, ("date", "date_end"))


def agreements_frame(store: Store | str | Path, *, pair: tuple[str, str] | None = None) -> Any:
    """One row per agreement stage, with the entry's fields repeated."""
    with _using(store) as opened:
        entries = agreements(opened, Query(pair=pair))
    rows = []
    for entry in entries:
        fields = agreement_dict(entry)
        stages = fields.pop("stages")
        rows += [fields | {f"stage_{key}": value for key, value in stage.items()} for stage in stages]
    return _frame(rows, ("stage_date", "stage_date_end"))


def projects_frame(store: Store | str | Path, *, pair: tuple[str, str] | None = None) -> Any:
    """One row per project milestone, with the project's fields repeated."""
    with _using(store) as opened:
        found = projects(opened, Query(pair=pair))
    rows = []
    for project in found:
        fields = project_dict(project)
        steps = fields.pop("milestones")
        rows += [fields | step for step in steps]
    return _frame(rows, ("date", "date_end"))


def timeline_frame(store: Store | str | Path, pair: tuple[str, str], *, by: By | str = By.month) -> Any:
    """One row per period of a dyad: stories, sources, scores, balance, agreements, milestones, counts per type."""
    with _using(store) as opened:
        periods = pair_timeline(opened, pair, By(by))
    rows = [
        {key: value for key, value in asdict(period).items() if key not in ("types", "quads")}
        | {f"type_{name}": count for name, count in period.types.items()}
        | {f"quad_{quad}": count for quad, count in period.quads.items()}
        for period in periods
    ]
    return _frame(rows, ("start",)).fillna({column: 0 for column in _count_columns(rows)})


def _count_columns(rows: list[dict[str, Any]]) -> list[str]:
    return sorted({key for row in rows for key in row if key.startswith(("type_", "quad_"))})
