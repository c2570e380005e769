"""The client's side of a cluster ingest: connect, keep the workers busy, hand back results in input order.

A few partitions per worker thread are out or waiting to be handed on at any time (a slow first partition
holds back new ones), so that memory stays flat however many inputs there are. Results come back as
partitions complete (``as_completed``) and are handed on in the order of the inputs: the store then
receives exactly what a serial ingest writes, in the same order.
A worker that dies takes its running partitions with it; the scheduler runs them again elsewhere, and as
a partition's results are handed on once, nothing is lost or written twice.

Where the store is PostgreSQL the workers store what they analyse themselves, and hand back each article's id (or,
for an article they found stored already, its analysis): the client settles and links them batch by batch in
input order, so that the record is still a serial ingest's, and no longer has every article pass through one
process. A partition run again after its worker died finds its articles stored already (ids come from the
content): nothing twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilateral.cluster.parts import Lines, Part, Whole, analyse_partition, partitions, store_partition
from bilateral.code.model import Model
from bilateral.errors import ClusterError, InternalError, UsageError
from bilateral.records import CodedArticle, Failure
from bilateral.vocab import InputFormat

if TYPE_CHECKING:
    from distributed import Client

INSTALL = "pip install 'bilateral[cluster]'"
PER_THREAD = 3  # partitions in flight per worker thread: one running, the next ones already shipped


@dataclass(slots=True)
class Tally:
    """How far a cluster ingest has come: partitions handed on, and the articles and failures in them."""

    workers: int = 0
    partitions: int = 0
    articles: int = 0
    failed: int = 0
    began: float = field(default_factory=time.monotonic)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.began

    def describe(self) -> str:
        seconds = self.seconds
        return (
            f"{self.partitions} partitions ({self.partitions / seconds:.2f}/s), {self.articles} articles "
            f"({self.articles / seconds:.0f}/s), {self.failed} failed, on {self.workers} workers"
        )


@contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the scheduler at ``address`` (``tcp://HOST:8786``), or of a cluster of N one-thread worker
    processes started here and stopped afterwards (``local:N``)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise ClusterError(f"--dask needs dask and distributed, which are not installed: {INSTALL}") from error
    logging.getLogger("distributed").setLevel(max(logging.WARNING, logging.getLogger().getEffectiveLevel()))
    if address.startswith("local:"):
        workers = _count(address)
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):  # fmt: skip
            yield client
        return
    if "://" not in address:
        raise UsageError(f"--dask takes a scheduler address (tcp://HOST:8786) or local:N, not {address!r}")
    try:
        client = Client(address, timeout="20s")
    except OSError as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from error
    with client:
        yield client


def analysed_on(
    client: Client,
    paths: Iterable[str],
    *,
    as_format: InputFormat | None = None,
    actors: tuple[Path, ...] = (),
    size: int = 500,
    tally: Tally | None = None,
    model: Model = Model.OFF,
    store_in: str | None = None,
) -> Iterator[CodedArticle | str | Failure]:
    """What :func:`bilateral.pipeline.analysed` gives for ``paths``, in the same order, analysed on the cluster
    in partitions of about ``size`` articles; ``tally`` counts what has been handed on. With ``store_in`` (a
    PostgreSQL URL) the workers store the articles there and hand back what :func:`store_partition` says, for
    :func:`bilateral.pipeline.store_analysed` with ``by_workers``."""
    from distributed import as_completed

    tally = tally or Tally()
    planned = enumerate(partitions(paths, as_format=as_format, size=size))
    running = as_completed()
    sent: dict[Any, tuple[int, list[Part]]] = {}
    done: dict[int, list[CodedArticle | str | Failure]] = {}
    written = 0

    def refill() -> None:
        """Keep a few partitions a worker thread sent or waiting to be handed on (workers may join or leave)."""
        threads = client.nthreads()
        tally.workers = len(threads)
        while len(sent) + len(done) < PER_THREAD * max(1, sum(threads.values())):
            item = next(planned, None)
            if item is None:
                return
            if store_in is None:
                future = client.submit(analyse_partition, item[1], as_format, actors, model, pure=False)
            else:
                future = client.submit(store_partition, item[1], as_format, actors, model, store_in, pure=False)
            sent[future.key] = item
            running.add(future)

    refill()
    for future in running:
        index, partition = sent.pop(future.key)
        done[index] = _outcome(future, partition)
        future.release()
        ready = []
        while written in done:
            ready.append(done.pop(written))
            written += 1
        refill()
        for results in ready:
            tally.partitions += 1
            tally.failed += sum(isinstance(result, Failure) for result in results)
            tally.articles += sum(not isinstance(result, Failure) for result in results)
            yield from results


def _outcome(future: Any, partition: Sequence[Part]) -> list[CodedArticle | str | Failure]:
    """A partition's results; where the cluster gave up on it (its workers died each time), a failure a part."""
    error = future.exception()
    if error is None:
        results: list[CodedArticle | str | Failure] = future.result()
        return results
    message = f"the cluster gave up on this input: {type(error).__name__}: {error}"
    return [part if isinstance(part, Failure) else Failure(_origin(part), InternalError.code, message)
            for part in partition]  # fmt: skip


def _origin(part: Whole | Lines) -> str:
    if isinstance(part, Whole):
        return part.path
    return f"{part.origin}:{part.first}-{part.first + len(part.lines) - 1}"


def _count(address: str) -> int:
    count = address.removeprefix("local:")
    if not count.isdigit() or int(count) < 1:
        raise UsageError(f"--dask local:N takes a number of workers N of 1 or more, not {address!r}")
    return int(count)
