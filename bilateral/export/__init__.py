"""Exports of stored events to the formats other event-data tools read, one module per format.

``export(items, fmt, path)`` writes to a file, or for Parquet a folder (atomically: a failed export
leaves no half-written file), or, for text formats, to a stream. Text formats
stream: memory stays flat whatever the number of events (graphml holds one
entry per country pair).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from bilateral.errors import ExportError
from bilateral.export import flat, gdelt, graphml, icews, parquet, plover, polecat
from bilateral.export.days import LeftOut
from bilateral.records import SourcedEvent
from bilateral.vocab import ExportFormat, Per

BINARY = frozenset({ExportFormat.parquet})
"""Formats written to a path only: Parquet, a folder partitioned by year and month (:mod:`bilateral.export.parquet`)."""
DAY_FORMATS = frozenset({ExportFormat.gdelt_tsv, ExportFormat.polecat_tsv, ExportFormat.icews_tsv})
"""Formats whose rows need a day (GDELT's SQLDATE, POLECAT's and ICEWS's Event Date): see ``days.py``."""

_TEXT: dict[ExportFormat, Callable[[Iterable[SourcedEvent], TextIO], int]] = {
    ExportFormat.plover_jsonl: plover.write,
    ExportFormat.polecat_tsv: polecat.write,
    ExportFormat.gdelt_tsv: gdelt.write,
    ExportFormat.icews_tsv: icews.write,
    ExportFormat.csv: flat.write_csv,
    ExportFormat.graphml: graphml.write,
}


def export(
    items: Iterable[SourcedEvent], fmt: ExportFormat, target: Path | TextIO, *, left_out: LeftOut | None = None
) -> int:
    """Write ``items`` in ``fmt`` to a file path (a folder for Parquet) or a text stream; return the rows
    (edges for graphml) written.

    A format that needs a day (:data:`DAY_FORMATS`) leaves out the events with no known day,
    counted by reason in ``left_out``.
    """
    if fmt in DAY_FORMATS:
        items = (left_out or LeftOut()).dated(items)
    if not isinstance(target, Path):
        if fmt in BINARY:
            raise ExportError(f"{fmt} is written to a folder: give one to write it to (-o FOLDER)")
        return _TEXT[fmt](items, target)
    if fmt in BINARY:
        return _write_dataset(items, target)
    partial = target.with_name(target.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            count = _TEXT[fmt](items, out)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ExportError(f"cannot write: {error.strerror or error}", origin=str(target)) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count


def _write_dataset(items: Iterable[SourcedEvent], target: Path) -> int:
    """A Parquet folder written beside ``target`` and moved into place; an earlier export there is replaced,
    anything else is left alone."""
    if target.exists() and not parquet.is_dataset(target):
        raise ExportError("exists and is not a Parquet export: give a new folder", origin=str(target))
    partial, former = (target.with_name(f"{target.name}.{suffix}") for suffix in ("partial", "former"))
    shutil.rmtree(partial, ignore_errors=True)  # left by an export that was killed
    try:
        count = parquet.write(items, partial)
        if target.exists():
            os.replace(target, former)
        os.replace(partial, target)
    except OSError as error:
        raise ExportError(f"cannot write: {error.strerror or error}", origin=str(target)) from error
    finally:
        shutil.rmtree(partial, ignore_errors=True)
        shutil.rmtree(former, ignore_errors=True)
    return count


__all__ = ["BINARY", "DAY_FORMATS", "ExportFormat", "LeftOut", "Per", "export"]
