"""Analysis in several processes on one machine, results in input order, for the one process that stores them.

``ingest --workers N``: reading stays in the calling process (it is cheap: a few hundredths of a millisecond an
article), repair, actors and coding run in N worker processes, a chunk of articles at a time, and the results come
back in the order the documents were read, so storing and linking see exactly what a serial ingest sees and give
the same record. At most :data:`AHEAD` chunks (or 4 a worker, if more) are in flight: memory stays flat.
A failure to read an input passes through in its place. A worker that dies takes the ingest down with a clear
error; what was stored stays stored, and running the same command again finishes the rest.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from pathlib import Path

from bilateral.actors import gazetteer
from bilateral.code.model import Model
from bilateral.errors import ClusterError
from bilateral.pipeline import analyse
from bilateral.records import CodedArticle, Document, Failure

CHUNK = 16
"""Articles sent to a worker at once: enough to make the round trip cheap, few enough to keep workers even."""
AHEAD = 64
"""Chunks in flight (analysed or being analysed, not yet taken by the writer): 1,024 articles, two of the writer's
batches, so that the workers go on while the writer stores and links a batch (with 4 chunks a worker they sat idle
for most of it: 1.19 times the serial rate with 2 workers)."""


def _analyse(chunk: list[Document | Failure], actors: tuple[Path, ...], model: Model) -> list[CodedArticle | Failure]:
    found = gazetteer(actors)  # built once per process (inherited from the parent where it forks)
    return [item if isinstance(item, Failure) else analyse(item, found, model=model) for item in chunk]


def analysed_in_processes(
    documents: Iterable[Document | Failure], *, workers: int, actors: Iterable[Path] = (), model: Model = Model.OFF
) -> Generator[CodedArticle | Failure, None, None]:
    """Each document analysed (:func:`bilateral.pipeline.analyse`) in one of ``workers`` processes, in input order."""
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    items, folders = iter(documents), tuple(actors)
    pool = ProcessPoolExecutor(workers, mp_context=context)
    pending: deque[Future[list[CodedArticle | Failure]]] = deque()
    try:
        while True:
            while len(pending) < max(AHEAD, 4 * workers) and (chunk := list(islice(items, CHUNK))):
                pending.append(pool.submit(_analyse, chunk, folders, model))
            if not pending:
                return
            yield from pending.popleft().result()
    except BrokenProcessPool as error:
        stopped = f"a worker process stopped ({error}); what was stored stays: run the command again"
        raise ClusterError(stopped) from error
    finally:  # stopped early (an error in storing, ^C): what is queued is dropped, the workers end
        pool.shutdown(wait=True, cancel_futures=True)
