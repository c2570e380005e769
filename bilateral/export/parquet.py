"""Parquet: the flat columns of ``flat.py`` with their types, as a dataset partitioned by year and month.

The folder holds ``year=2024/month=05/part-0.parquet`` and so on (hive style), so that pyarrow, Dask, DuckDB
and pandas read it as one table and skip the months a query leaves out. An event's month is that of its
``date``, or for an undated report of the day its story placed it on (``placed_on``); an event with
neither is under ``year=__HIVE_DEFAULT_PARTITION__`` (read back as null). Rows are written in batches as
events stream, so memory stays flat whatever their number.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from bilateral.errors import ExportError
from bilateral.export.flat import COLUMNS, NAMES, Value, flat_row
from bilateral.records import SourcedEvent

BATCH = 10_000  # events per batch: bounds memory whatever the number of events
PARTITIONS = (("year", "int16"), ("month", "string"))  # month zero-padded ("05"), so that folders sort by date
_DATE, _PLACED = NAMES.index("date"), NAMES.index("placed_on")


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.dataset
        import pyarrow.parquet
    except ImportError as error:
        raise ExportError("the parquet format needs pyarrow: pip install 'bilateral[parquet]'") from error
    return pyarrow


def write(items: Iterable[SourcedEvent], folder: Path) -> int:
    """Write every event into the new folder ``folder``; return how many."""
    pa = _pyarrow()
    types = {"string": pa.string(), "date": pa.date32(), "float": pa.float64(), "int": pa.int64(), "bool": pa.bool_(),
             "int16": pa.int16()}  # fmt: skip
    columns = pa.schema([(name, types[kind]) for name, kind in COLUMNS])
    periods = pa.schema([(name, types[kind]) for name, kind in PARTITIONS])
    schema = pa.schema([*columns, *periods])
    count = 0

    def batches() -> Iterator[Any]:
        nonlocal count
        rows = iter(items)
        while batch := [flat_row(item) for item in islice(rows, BATCH)]:
            days = [_day(row) for row in batch]
            values = [list(column) for column in zip(*batch, strict=True)]
            years = [day.year if day else None for day in days]
            months = [f"{day.month:02d}" if day else None for day in days]
            yield pa.RecordBatch.from_arrays([*values, years, months], schema=schema)
            count += len(batch)

    folder.mkdir()
    pa.dataset.write_dataset(
        batches(), folder, schema=schema, format="parquet", basename_template="part-{i}.parquet",
        partitioning=pa.dataset.partitioning(periods, flavor="hive"), existing_data_behavior="error",
    )  # fmt: skip
    if count == 0:  # still a dataset: one empty file that says the columns
        pa.parquet.write_table(columns.empty_table(), folder / "part-0.parquet")
    return count


def is_dataset(folder: Path) -> bool:
    """Whether ``folder`` holds only what :func:`write` writes (so that a new export may replace it)."""
    return folder.is_dir() and all(
        (entry.is_dir() and entry.name.startswith("year=")) or entry.name == "part-0.parquet"
        for entry in folder.iterdir()
    )


def _day(row: tuple[Value, ...]) -> date | None:
    day = row[_DATE] or row[_PLACED]
    return day if isinstance(day, date) else None
