"""The ingest pipeline: read → repair → sentences → actors → events → store, in batches."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import date

from bilateral.actors import Gazetteer, recognise
from bilateral.code import code
from bilateral.code.model import Model
from bilateral.days import is_sane, out_of_range
from bilateral.errors import DateOutOfRange, EmptyInput, EncodingError, InternalError
from bilateral.link import link
from bilateral.read import InputFormat, read_paths
from bilateral.read.fetch import Fetcher
from bilateral.records import Article, CodedArticle, Document, Failure
from bilateral.repair import repair
from bilateral.store import Store

log = logging.getLogger(__name__)

_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(slots=True)
class IngestSummary:
    read: int = 0
    new: int = 0
    duplicate: int = 0
    failed: int = 0


def analyse(
    document: Document, gazetteer: Gazetteer, *, on: date | None = None, model: Model = Model.OFF
) -> CodedArticle | Failure:
    """Repair one document, find its actors and code its events; a document that fails is a failure.

    A publication date outside the years of :mod:`bilateral.days`, and a field holding a lone
    surrogate, fail the document, whichever reader (or API request) gave it. ``model`` says how far the
    sentence model goes (see :func:`bilateral.code.code`; the rules alone by default).
    """
    if document.published is not None and not is_sane(document.published):
        return Failure(document.origin, DateOutOfRange.code, out_of_range(document.published))
    broken = _lone_surrogate(document)
    if broken is not None:
        return Failure(document.origin, EncodingError.code, f"the {broken} holds a lone surrogate (half a UTF-16 pair)")
    try:
        article = repair(document)
        if not article.text:
            return Failure(document.origin, EmptyInput.code, "no article text left after removing boilerplate")
        return analyse_article(article, gazetteer, on=on, model=model)
    except Exception as error:  # one broken article must not stop the batch
        return _internal(document.origin, error)


def _lone_surrogate(document: Document) -> str | None:
    """The first field holding half a UTF-16 pair (JSON's "\\ud800"), which no UTF-8 store can hold."""
    fields = {"text": document.text, "title": document.title, "url": document.url, "source": document.source,
              "language": document.language}  # fmt: skip
    return next((name for name, value in fields.items() if value and _SURROGATE.search(value)), None)


def _internal(origin: str, error: Exception) -> Failure:
    log.exception("%s: failed while analysing", origin)
    return Failure(origin, InternalError.code, f"{type(error).__name__}: {error}")


def analyse_article(
    article: Article, gazetteer: Gazetteer, *, on: date | None = None, model: Model = Model.OFF
) -> CodedArticle:
    """Actors and events of an already repaired article (ingest and re-coding share this)."""
    reading = recognise(article, gazetteer, on=on)
    return CodedArticle(reading, code(reading, model=model))


def ingest(
    paths: Iterable[str],
    store: Store,
    gazetteer: Gazetteer,
    *,
    batch_size: int = 500,
    fetcher: Fetcher | None = None,
    as_format: InputFormat | None = None,
    progress: Callable[[IngestSummary], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    linking: bool = True,
    model: Model = Model.OFF,
) -> IngestSummary:
    """Read, analyse and store everything under ``paths``; safe to re-run.

    ``as_format`` reads every input in that format whatever its name (see :func:`bilateral.read.read_paths`).

    Each stored batch is linked (copies, stories, registries) unless ``linking`` is off;
    :func:`bilateral.link.link` links what is left pending at any later time.
    """
    return ingest_documents(
        read_paths(paths, fetcher=fetcher, as_format=as_format), store, gazetteer,
        batch_size=batch_size, progress=progress, on_failure=on_failure, linking=linking, model=model,
    )  # fmt: skip


def ingest_documents(
    documents: Iterable[Document | Failure],
    store: Store,
    gazetteer: Gazetteer,
    *,
    batch_size: int = 500,
    progress: Callable[[IngestSummary], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    linking: bool = True,
    model: Model = Model.OFF,
) -> IngestSummary:
    """Analyse and store documents already read (or the failures of reading them), as :func:`ingest` does."""
    return store_analysed(
        analysed(documents, gazetteer, model=model), store,
        batch_size=batch_size, progress=progress, on_failure=on_failure, linking=linking,
    )  # fmt: skip


def analysed(
    documents: Iterable[Document | Failure], gazetteer: Gazetteer, *, model: Model = Model.OFF
) -> Iterator[CodedArticle | Failure]:
    """Each document analysed (:func:`analyse`), each failure of reading passed on, lazily and in order."""
    for item in documents:
        yield item if isinstance(item, Failure) else analyse(item, gazetteer, model=model)


TEXT_BULK = 20_000
"""New articles an ingest stores before it puts their words into the full-text index in one pass (and the rest at its
end): FTS5 writes a segment per transaction and merges them as they pile up, so indexing each batch of 500 as it
commits costs three times as much (SQLite; PostgreSQL's index follows each insert)."""


def store_analysed(
    results: Iterable[CodedArticle | str | Failure],
    store: Store,
    *,
    batch_size: int = 500,
    progress: Callable[[IngestSummary], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    linking: bool = True,
    by_workers: bool = False,
) -> IngestSummary:
    """Store analysed articles and failures in batches of ``batch_size``, each linked unless ``linking`` is off.
    Their words reach the full-text index every :data:`TEXT_BULK` new articles and at the end, also an end by an
    error or an interrupt (a process killed outright leaves them to the next store opened for writing).

    ``by_workers``: the workers stored what they analysed (``ingest --dask`` on PostgreSQL), and ``results`` are
    the ids of the articles they stored, and the copies they found stored already: each batch is settled
    (:meth:`Store.settle`) and linked in the order of ``results``, so that the record is a serial ingest's.
    """
    summary = IngestSummary()
    articles: list[CodedArticle | str] = []
    failures: list[Failure] = []
    unindexed = 0

    def flush() -> None:
        nonlocal unindexed
        if by_workers:
            written = store.settle(articles, failures)
        else:
            written = store.add([item for item in articles if not isinstance(item, str)], failures, in_step=False)
            unindexed += written.new
            if unindexed >= TEXT_BULK:
                store.index_text()
                unindexed = 0
        if linking:
            among = (
                [item if isinstance(item, str) else item.reading.article.id for item in articles]
                if by_workers
                else None
            )
            link(store, batch_size=batch_size, handed=written.fresh, among=among)
        summary.new += written.new
        summary.duplicate += written.duplicate
        articles.clear()
        failures.clear()
        if progress is not None:
            progress(summary)

    try:
        for result in results:
            if isinstance(result, Failure):
                summary.failed += 1
                failures.append(result)
                if on_failure is not None:
                    on_failure(result)
            else:
                summary.read += 1
                articles.append(result)
            if len(articles) + len(failures) >= batch_size:
                flush()
        flush()
    except BaseException:
        with suppress(Exception):
            store.index_text()  # what the batches committed so far stays searchable
        raise
    store.index_text()
    if linking and by_workers:  # what a worker stored before the cluster gave up on its partition
        link(store, batch_size=batch_size)
    return summary


def recode(store: Store, gazetteer: Gazetteer, *, since: date | None = None, model: Model = Model.OFF) -> int:
    """Re-code stored articles with the current coder and actor files; returns how many.

    An article the coder fails on keeps its stored analysis, and the failure is stored.
    """
    done = 0
    for articles in store.article_batches(since=since):
        results = [_recoded(article, gazetteer, model) for article in articles]
        coded = [result for result in results if isinstance(result, CodedArticle)]
        store.replace_analysis(coded)
        store.add((), [result for result in results if isinstance(result, Failure)])
        done += len(coded)
    link(store)
    return done


def _recoded(article: Article, gazetteer: Gazetteer, model: Model) -> CodedArticle | Failure:
    try:
        return analyse_article(article, gazetteer, model=model)
    except Exception as error:  # one stored article the coder cannot read must not stop the re-coding
        return _internal(article.origin, error)
