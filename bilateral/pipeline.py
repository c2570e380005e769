"""The ingest pipeline: read → repair → sentences → actors → store, in batches."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from bilateral.actors import Gazetteer, recognise
from bilateral.errors import EmptyInput
from bilateral.read import read_paths
from bilateral.read.fetch import Fetcher
from bilateral.records import ActorReading, Document, Failure
from bilateral.repair import repair
from bilateral.store import Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestSummary:
    read: int = 0
    new: int = 0
    duplicate: int = 0
    failed: int = 0


def analyse(document: Document, gazetteer: Gazetteer, *, on: date | None = None) -> ActorReading | Failure:
    """Repair one document and find its actors; a document that fails is a failure."""
    try:
        article = repair(document)
        if not article.text:
            return Failure(document.origin, EmptyInput.code, "no article text left after removing boilerplate")
        return recognise(article, gazetteer, on=on)
    except Exception as error:  # one broken article must not stop the batch
        log.exception("%s: failed while analysing", document.origin)
        return Failure(document.origin, "internal", f"{type(error).__name__}: {error}")


def ingest(
    paths: Iterable[str],
    store: Store,
    gazetteer: Gazetteer,
    *,
    batch_size: int = 500,
    fetcher: Fetcher | None = None,
    progress: Callable[[IngestSummary], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> IngestSummary:
    """Read, analyse and store everything under ``paths``; safe to re-run."""
    summary = IngestSummary()
    readings: list[ActorReading] = []
    failures: list[Failure] = []

    def flush() -> None:
        written = store.add(readings, failures)
        summary.new += written.new
        summary.duplicate += written.duplicate
        readings.clear()
        failures.clear()
        if progress is not None:
            progress(summary)

    for item in read_paths(paths, fetcher=fetcher):
        result = item if isinstance(item, Failure) else analyse(item, gazetteer)
        if isinstance(result, Failure):
            summary.failed += 1
            failures.append(result)
            if on_failure is not None:
                on_failure(result)
        else:
            summary.read += 1
            readings.append(result)
        if len(readings) + len(failures) >= batch_size:
            flush()
    flush()
    return summary
