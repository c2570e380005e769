"""Partitions of the inputs, and what a worker does with one: analyse it, and store it too where the store is
PostgreSQL, which every worker can reach (linking stays with the client, in the order of the inputs).

A partition is a short list of parts: a file or URL a worker reads whole (:class:`Whole`), a run of
lines of a JSON Lines file (:class:`Lines`, read here and shipped, so that one long dump spreads
over every worker), or a failure already known here (a path that names nothing). Workers read
files by their path: a remote cluster needs the files at the same path on every worker.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bilateral.actors import gazetteer
from bilateral.code.model import Model
from bilateral.errors import UsageError
from bilateral.pipeline import analysed
from bilateral.read.jsonl import parse_lines
from bilateral.read.sources import guarded, inputs, lines_of, read_paths, reads_lines
from bilateral.records import CodedArticle, Document, Failure
from bilateral.store import Store
from bilateral.vocab import InputFormat


@dataclass(frozen=True, slots=True)
class Whole:
    """A file or URL that a worker reads as a serial ingest would."""

    path: str


@dataclass(frozen=True, slots=True)
class Lines:
    """Lines ``first``, ``first + 1``, ... of the JSON Lines file ``origin``, as read (and bounded) here."""

    origin: str
    first: int
    lines: tuple[bytes, ...]


Part = Whole | Lines | Failure


def partitions(paths: Iterable[str], *, as_format: InputFormat | None, size: int) -> Iterator[list[Part]]:
    """The parts of ``paths`` in the order a serial ingest reads them, about ``size`` articles a partition."""
    batch: list[Part] = []
    weight = 0
    for part in _parts(paths, as_format, size):
        batch.append(part)
        weight += len(part.lines) if isinstance(part, Lines) else 1
        if weight >= size:
            yield batch
            batch, weight = [], 0
    if batch:
        yield batch


def analyse_partition(
    partition: Sequence[Part], as_format: InputFormat | None, actors: tuple[Path, ...], model: Model = Model.OFF
) -> list[CodedArticle | Failure]:
    """Read, repair, recognise and code one partition on a worker (the gazetteer is built once a process)."""
    return list(analysed(_read(partition, as_format), gazetteer(actors), model=model))


def store_partition(
    partition: Sequence[Part], as_format: InputFormat | None, actors: tuple[Path, ...], model: Model, target: str
) -> list[CodedArticle | str | Failure]:
    """Analyse one partition on a worker and store its articles in ``target`` in one transaction, not linked. What
    goes back is small: the id of each article stored here, or of a later copy of one; the failures; and, in
    full, each article that was stored already when this worker came to it (another partition's copy, perhaps
    from later in the inputs: the client settles which copy stays, :meth:`Store.settle`)."""
    results = analyse_partition(partition, as_format, actors, model)
    coded = [result for result in results if isinstance(result, CodedArticle)]
    fresh = {item.reading.article.id for item in _store(target).add(coded).fresh} if coded else set()
    seen: set[str] = set()
    handed: list[CodedArticle | str | Failure] = []
    for result in results:
        if isinstance(result, Failure):
            handed.append(result)
            continue
        key = result.reading.article.id
        handed.append(key if key in fresh or key in seen else result)
        seen.add(key)
    return handed


_local = threading.local()


def _store(target: str) -> Store:
    """The store a worker thread writes to, opened once and kept while it lives: one connection a thread, since a
    worker may run several partitions at once (``dask worker --nthreads N``) and a transaction is a connection's."""
    stores: dict[str, Store] = _local.__dict__.setdefault("stores", {})
    if target not in stores:
        stores[target] = Store(target)
    return stores[target]


def _read(partition: Sequence[Part], as_format: InputFormat | None) -> Iterator[Document | Failure]:
    for part in partition:
        if isinstance(part, Failure):
            yield part
        elif isinstance(part, Whole):
            yield from read_paths([part.path], as_format=as_format)
        else:
            read = partial(parse_lines, part.lines, origin=part.origin, first=part.first, whole=False)
            yield from guarded(part.origin, read)


def _parts(paths: Iterable[str], as_format: InputFormat | None, size: int) -> Iterator[Part]:
    for found in inputs(paths, as_format=as_format):
        if isinstance(found, Failure):
            yield found
        elif found == "-":
            yield Failure("<stdin>", UsageError.code, "standard input is not read on a cluster: save it to a file")
        elif found.startswith(("http://", "https://")) or not reads_lines(found, as_format):
            yield Whole(found)
        else:
            yield from guarded(found, partial(_line_parts, found, size))


def _line_parts(path: str, size: int) -> Iterator[Part]:
    """A JSON Lines file in runs of ``size`` lines (runs of blank lines left out); the whole file, for a worker
    to say so, when no line holds anything. A file that breaks part-way gives the lines before, then fails."""
    chunk: list[bytes] = []
    first, held = 1, False
    try:
        for raw in lines_of(path):
            chunk.append(raw)
            if len(chunk) == size:
                if part := _run(path, first, chunk):
                    held = True
                    yield part
                first, chunk = first + size, []
    except Exception:
        if part := _run(path, first, chunk):
            yield part
        raise
    if part := _run(path, first, chunk):
        yield part
    elif not held:
        yield Whole(path)


def _run(path: str, first: int, chunk: list[bytes]) -> Lines | None:
    return Lines(path, first, tuple(chunk)) if any(line.strip() for line in chunk) else None
