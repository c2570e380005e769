"""One watch round, and the loop of rounds: each due source claimed, fetched (conditionally), its new items run
through the pipeline into the store and linked, the alert rules checked on the stories they touched.

Feeds are fetched a few at a time (threads, through a :class:`~bilateral.watch.fetch.HostGate`); reading,
storing and linking run one source at a time on the calling thread, which alone uses the store. A stop
(``stop.set()``, from SIGINT or SIGTERM) is honoured between items: what was stored stays stored and
remembered, and the source, its validators left as they were, is read again next time past what was read.
"""

from __future__ import annotations

import hashlib
import logging
import random
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from uuid import uuid4

from bilateral.actors import Gazetteer
from bilateral.errors import BilateralError, InternalError
from bilateral.pipeline import IngestSummary, analysed, store_analysed
from bilateral.read import read_paths
from bilateral.read.fetch import Response
from bilateral.read.sources import read_response
from bilateral.records import CodedArticle, Document, Failure
from bilateral.store import Store
from bilateral.watch.fetch import PoliteFetcher
from bilateral.watch.schedule import LEASE, after_failure, after_success
from bilateral.watch.sources import Given, Source, SourceKind, dropped

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
NewArticles = Callable[[list[str]], Sized]
"""Called with the ids of the articles a source stored in a round, once they are linked; returns the alerts
that fired (:meth:`bilateral.watch.alerts.Alerter.articles_stored`)."""


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class RoundSummary:
    """What one round did: sources fetched (changed or not), failed, not due; items stored as ingest counts them."""

    fetched: int = 0
    unchanged: int = 0
    failed: int = 0
    not_due: int = 0
    items: IngestSummary = field(default_factory=IngestSummary)
    alerts: int = 0
    stopped: bool = False


@dataclass(frozen=True, slots=True)
class WatchOptions:
    every: timedelta = timedelta(minutes=15)
    workers: int = 4
    """Sources fetched at once (each host still takes at most the gate's ``per_host``); at least one."""
    batch_size: int = 100


class Watcher:
    """Follows sources into one store; :meth:`round` runs once, :meth:`run` until ``stop`` is set."""

    def __init__(
        self,
        store: Store,
        gazetteer: Gazetteer,
        sources: list[Given],
        *,
        fetcher: PoliteFetcher,
        options: WatchOptions | None = None,
        clock: Clock = utc_now,
        rng: random.Random | None = None,
        stop: threading.Event | None = None,
        on_failure: Callable[[Failure], None] | None = None,
        on_new: NewArticles | None = None,
    ) -> None:
        self._store = store
        self._watching = store.watching()
        self._gazetteer = gazetteer
        self._given = sources
        self._fetcher = fetcher
        self._options = options or WatchOptions()
        self._clock = clock
        self._rng = rng or random.Random()
        self.stop = stop or threading.Event()
        self._on_failure = on_failure
        self._on_new = on_new
        self.owner = f"watch-{uuid4().hex[:12]}"

    # -- the loop -------------------------------------------------------------

    def run(self, *, on_round: Callable[[RoundSummary], None] | None = None) -> None:
        """Rounds until ``stop`` is set, sleeping until the next source is due (at most one interval)."""
        while not self.stop.is_set():
            summary = self.round()
            if on_round is not None:
                on_round(summary)
            self.stop.wait(self.seconds_to_next())

    def seconds_to_next(self) -> float:
        """Seconds until the earliest of the watched sources is due (at least one, at most one interval)."""
        every = self._options.every
        dues = [due for state in self._watching.sources() if (due := state.due(every)) is not None]
        if not dues:
            return every.total_seconds()
        return max(1.0, min(every.total_seconds(), (min(dues) - self._clock()).total_seconds()))

    # -- one round -------------------------------------------------------------

    def round(self) -> RoundSummary:
        """Fetch every due source once; returns what was done."""
        summary = RoundSummary()
        self._fetcher.forget_unreachable()
        found: dict[str, Source] = {}
        for given in self._given:
            sources, failures = given.expand()
            self._failed_items(failures, summary)
            found.update((source.name, source) for source in sources if source.name not in found)
        for folder in [source for source in found.values() if source.kind is SourceKind.folder]:
            if self._claim(folder.name, summary):
                self._folder(folder, summary)
        urls = iter([source for source in found.values() if source.kind is SourceKind.url])
        window: deque[tuple[Source, Future[Response]]] = deque()
        with ThreadPoolExecutor(max_workers=self._options.workers) as pool:
            while True:  # a source is claimed as its fetch starts, and at most two per worker wait fetched
                while len(window) < 2 * self._options.workers and (source := next(urls, None)) is not None:
                    if self._claim(source.name, summary):  # the store is read here: the threads only fetch
                        state = self._watching.state(source.name)
                        get = partial(self._fetcher.fetch, etag=state.etag, last_modified=state.last_modified)
                        window.append((source, pool.submit(get, source.name)))
                if not window:
                    break
                source, fetch = window.popleft()
                if self.stop.is_set():
                    fetch.cancel()
                    self._watching.release(source.name, owner=self.owner)
                else:
                    self._url(source, fetch, summary)
        summary.stopped = self.stop.is_set()
        return summary

    def _claim(self, name: str, summary: RoundSummary) -> bool:
        if self.stop.is_set():
            return False
        now = self._clock()
        claimed = self._watching.claim(name, owner=self.owner, now=now, every=self._options.every, until=now + LEASE)
        summary.not_due += not claimed
        return claimed

    def _url(self, source: Source, fetch: Future[Response], summary: RoundSummary) -> None:
        name = source.name
        try:
            response = fetch.result()
            state = self._watching.state(name)
            if response.unchanged:
                summary.unchanged += 1
                self._succeeded(name, state.etag, state.last_modified, state.digest)
                return
            digest = hashlib.sha256(response.content).hexdigest()
            summary.fetched += 1
            if digest == state.digest:
                summary.unchanged += 1
                self._succeeded(name, response.etag, response.last_modified, digest)
                return
            accepted: list[str] = []
            documents = read_response(response, fetcher=self._fetcher, wanted=self._wanted(name, accepted))
            if not self._ingest(name, documents, accepted, summary):
                return
            self._succeeded(name, response.etag, response.last_modified, digest)
        except BilateralError as error:
            self._failed(name, Failure(error.origin or name, error.code, error.message), summary)
        except Exception as error:  # what no check foresaw: this source's failure, and the round goes on
            log.exception("%s: failed while watching", name)
            self._failed(name, Failure(name, InternalError.code, f"{type(error).__name__}: {error}"), summary)

    def _wanted(self, name: str, accepted: list[str]) -> Callable[[str], bool]:
        """A feed entry is read when this source has not read its key before (nor earlier in this response)."""
        taken: set[str] = set()

        def wanted(key: str) -> bool:
            if key in taken or self._watching.seen(name, [key]):
                return False
            taken.add(key)
            accepted.append(key)
            return True

        return wanted

    def _folder(self, source: Source, summary: RoundSummary) -> None:
        files, failures = dropped(source.name)
        self._failed_items(failures, summary)
        seen = self._watching.seen(source.name, [file.key for file in files])
        fresh = [file for file in files if file.key not in seen]
        summary.fetched += 1
        for file in fresh:
            if not self._ingest(source.name, read_paths([str(file.path)]), [file.key], summary, whole=True):
                return
        self._succeeded(source.name, None, None, None)

    def _ingest(
        self,
        name: str,
        documents: Iterable[Document | Failure],
        keys: list[str],
        summary: RoundSummary,
        *,
        whole: bool = False,
    ) -> bool:
        """Store and link the items, remember their keys, tell the alert rules; ``False`` when stopped first.

        ``keys`` grows as the items are read (a feed's entries); ``whole`` keys name all the items together
        (a dropped file), remembered only when no stop came while reading them.
        """
        stored: list[str] = []
        done = store_analysed(
            _kept(analysed(self._until_stopped(documents), self._gazetteer), stored), self._store,
            batch_size=self._options.batch_size, on_failure=self._on_failure,
        )  # fmt: skip
        if self.stop.is_set():  # the source is read again next time, past the keys remembered
            self._watching.release(name, owner=self.owner)
            if whole:
                keys = []
        self._watching.remember(name, keys, now=self._clock())
        summary.items.read += done.read
        summary.items.new += done.new
        summary.items.duplicate += done.duplicate
        summary.items.failed += done.failed
        if stored and self._on_new is not None:
            summary.alerts += len(self._on_new(stored))
        return not self.stop.is_set()

    def _until_stopped(self, documents: Iterable[Document | Failure]) -> Iterator[Document | Failure]:
        for document in documents:
            yield document
            if self.stop.is_set():
                return

    def _succeeded(self, name: str, etag: str | None, last_modified: str | None, digest: str | None) -> None:
        now = self._clock()
        ended = self._watching.succeeded(
            name, owner=self.owner, now=now, next_due=after_success(now, self._options.every),
            etag=etag, last_modified=last_modified, digest=digest,
        )  # fmt: skip
        if ended:
            log.warning("%s: recovered after %d failures in a row", name, ended)

    def _failed(self, name: str, failure: Failure, summary: RoundSummary) -> None:
        summary.failed += 1
        now = self._clock()
        state = self._watching.state(name)
        next_due = after_failure(now, self._options.every, state.failures + 1, rng=self._rng)
        failures = self._watching.failed(name, owner=self.owner, next_due=next_due, error=failure.message)
        if failures == 1:  # recorded once when the source starts failing, not at every round it goes on
            log.warning("%s: failing (%s); backing off", name, failure.message)
            self._store.add((), [failure])
            if self._on_failure is not None:
                self._on_failure(failure)

    def _failed_items(self, failures: list[Failure], summary: RoundSummary) -> None:
        if not failures:
            return
        summary.items.failed += len(failures)
        self._store.add((), failures)
        for failure in failures:
            if self._on_failure is not None:
                self._on_failure(failure)


def _kept(results: Iterable[CodedArticle | Failure], stored: list[str]) -> Iterator[CodedArticle | Failure]:
    """The results passed on, each article's id noted in ``stored``."""
    for result in results:
        if isinstance(result, CodedArticle):
            stored.append(result.reading.article.id)
        yield result
