"""Parquet: the flat columns of ``flat.py`` with their types, written in row groups as events stream."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import Any, BinaryIO

from bilateral.errors import ExportError
from bilateral.export.flat import COLUMNS, flat_row
from bilateral.records import SourcedEvent

BATCH = 10_000  # events per row group: bounds memory whatever the number of events


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as error:
        raise ExportError("the parquet format needs pyarrow: pip install 'bilateral[parquet]'") from error
    return pyarrow, pyarrow.parquet


def write(items: Iterable[SourcedEvent], out: BinaryIO) -> int:
    """Write every event to the binary file ``out``; return how many."""
    pa, pq = _pyarrow()
    types = {"string": pa.string(), "date": pa.date32(), "float": pa.float64(), "int": pa.int64(), "bool": pa.bool_()}
    schema = pa.schema([(name, types[kind]) for name, kind in COLUMNS])
    rows = iter(items)
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        while batch := [flat_row(item) for item in islice(rows, BATCH)]:
            columns = [list(column) for column in zip(*batch, strict=True)]
            writer.write_table(pa.Table.from_arrays(columns, schema=schema))
            count += len(batch)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count
