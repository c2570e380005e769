"""Exports of stored events to the formats other event-data tools read, one module per format.

``export(items, fmt, path)`` writes to a file (atomically: a failed export
leaves no half-written file) or, for text formats, to a stream. Text formats
stream: memory stays flat whatever the number of events (graphml holds one
entry per country pair).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from bilateral.errors import ExportError
from bilateral.export import flat, gdelt, graphml, icews, parquet, plover, polecat
from bilateral.export.days import LeftOut
from bilateral.records import SourcedEvent
from bilateral.vocab import ExportFormat, Per

BINARY = frozenset({ExportFormat.parquet})
DAY_FORMATS = frozenset({ExportFormat.gdelt_tsv, ExportFormat.polecat_tsv, ExportFormat.icews_tsv})
"""Formats whose rows need a day (GDELT's SQLDATE, POLECAT's Event Date): see :mod:`bilateral.export.days`."""

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
    """Write ``items`` in ``fmt`` to a file path or a text stream; return the rows (edges for graphml) written.

    A format that needs a day (:data:`DAY_FORMATS`) leaves out the events with no known day,
    counted by reason in ``left_out``.
    """
    if fmt in DAY_FORMATS:
        items = (left_out or LeftOut()).dated(items)
    if not isinstance(target, Path):
        if fmt in BINARY:
            raise ExportError(f"{fmt} is a binary format: give a file to write it to (-o FILE)")
        return _TEXT[fmt](items, target)
    partial = target.with_name(target.name + ".partial")
    try:
        if fmt in BINARY:
            with partial.open("wb") as binary:
                count = parquet.write(items, binary)
        else:
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


__all__ = ["BINARY", "DAY_FORMATS", "ExportFormat", "LeftOut", "Per", "export"]
