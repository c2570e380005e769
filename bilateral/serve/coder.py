"""Coding for ``POST /api/ingest`` in a process of its own, within the request's time limit.

The coder is CPU-bound Python. In one of the server's threads it would hold the interpreter lock against every
read request, which gives the lock up each time SQLite steps a row and then waits for it again: an ingest made
the reads' p99 several times longer. In its own process it shares nothing with them but the database file, whose
WAL mode lets readers go on while it writes, and it runs at a lower CPU priority, so that where the cores are
busy the reads go first. One worker process, started on the first ingest: requests queue for it, as writers
queue for SQLite anyway.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from time import monotonic

from bilateral.actors import Gazetteer
from bilateral.actors import gazetteer as load_gazetteer
from bilateral.errors import TimeLimit
from bilateral.pipeline import ingest_documents
from bilateral.records import Document, Failure
from bilateral.serve.context import ApiError
from bilateral.store import Store

log = logging.getLogger(__name__)
WORKER_NICENESS = 10
_gazetteers: dict[tuple[Path, ...], Gazetteer] = {}
"""The worker's gazetteer for each set of actor folders, loaded on its first request."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one ingest request did."""

    read: int
    new: int
    duplicate: int
    failures: tuple[Failure, ...]


def in_time(documents: Iterable[Document], *, seconds: float) -> Iterator[Document | Failure]:
    """``documents`` while ``seconds`` last (counted from the first), then each one left as its failure."""
    deadline = monotonic() + seconds
    for document in documents:
        if monotonic() < deadline:
            yield document
        else:
            yield Failure(document.origin, TimeLimit.code, f"not analysed: the request's time limit of {seconds:g} s "
                          "ran out before it (what came before it is stored); post it again")  # fmt: skip


def ingest_request(db: str, actors: tuple[Path, ...], documents: list[Document], seconds: float) -> Outcome:
    """Analyse and store ``documents`` within ``seconds`` (run in the worker process)."""
    if actors not in _gazetteers:
        _gazetteers[actors] = load_gazetteer(actors)
    failures: list[Failure] = []
    with Store(db, create=False) as store:
        summary = ingest_documents(
            in_time(documents, seconds=seconds), store, _gazetteers[actors], on_failure=failures.append
        )
    return Outcome(summary.read, summary.new, summary.duplicate, tuple(failures))


def _yield_to_reads() -> None:
    """Lower the worker's CPU priority: where the cores are busy, the reads go first and the coding waits."""
    os.nice(WORKER_NICENESS)


class Coder:
    """The worker process: started on first use, started again if it dies, stopped by :meth:`close`."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _worker(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # spawn, not fork: the server has threads, and a forked copy of their locks can deadlock
                self._pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_yield_to_reads
                )
            return self._pool

    async def ingest(self, db: str, actors: tuple[Path, ...], documents: list[Document], seconds: float) -> Outcome:
        pool = self._worker()
        try:
            return await asyncio.wrap_future(pool.submit(ingest_request, db, actors, documents, seconds))
        except BrokenProcessPool as error:
            log.error("the ingest worker stopped: %s", error)
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            raise ApiError(503, "ingest.worker", "the coding process stopped (out of memory?): try again") from error

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
                self._pool = None
