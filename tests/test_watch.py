"""``bilateral watch``: rounds against a loopback site whose feed and pages change between rounds."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

from bilateral import __version__
from bilateral.actors import Gazetteer, gazetteer
from bilateral.store import Store
from bilateral.watch.alerts import Alerter
from bilateral.watch.fetch import HostGate, PoliteFetcher
from bilateral.watch.rounds import NewArticles, Watcher, WatchOptions
from bilateral.watch.rules import Rule
from bilateral.watch.schedule import MAX_BACKOFF, after_failure, parse_every
from bilateral.watch.sources import given
from tests.watch_server import Site, feed, page, start

EVERY = timedelta(minutes=15)
ITEMS = [
    {"guid": "nor-chl", "title": "Oslo talks", "date": "Mon, 02 Mar 2026 09:00:00 GMT",
     "text": "Norway's foreign minister met her Chilean counterpart in Oslo on Monday to discuss fisheries and trade."},
    {"guid": "ken-eth", "title": "Power deal", "date": "Wed, 04 Mar 2026 09:00:00 GMT", "page": "/news/power-deal"},
]  # fmt: skip
POWER_PAGE = page(
    "Power deal",
    "Kenya and Ethiopia signed an agreement on cross-border electricity trade in Nairobi on Wednesday.",
    "2026-03-04",
)
NEW_ITEM = {
    "guid": "prt-ven", "title": "Lisbon protest", "date": "Thu, 05 Mar 2026 09:00:00 GMT",
    "text": "Portugal condemned Venezuela over the detention of an opposition politician on Thursday.",
}  # fmt: skip


class Clock:
    """The watcher's time, moved on by the test."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 6, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, by: timedelta) -> None:
        self.now += by


@dataclass
class Rig:
    site: Site
    clock: Clock
    db: str
    names: Gazetteer

    def watcher(
        self, store: Store, *sources: str, stop: threading.Event | None = None, on_new: NewArticles | None = None
    ) -> Watcher:
        fetcher = PoliteFetcher(gate=HostGate(interval=0), timeout=5)
        return Watcher(
            store, self.names, given(list(sources) or [f"{self.site.base}/feed.xml"]), fetcher=fetcher,
            options=WatchOptions(every=EVERY, workers=2), clock=self.clock, rng=random.Random(7), stop=stop,
            on_new=on_new,
        )  # fmt: skip

    def serve_feed(self, items: list[dict[str, str]], **options: bool) -> None:
        self.site.put("/feed.xml", feed(self.site.base, items), "application/rss+xml", **options)


@pytest.fixture(scope="module")
def names() -> Gazetteer:
    return gazetteer()


@pytest.fixture
def rig(db: str, names: Gazetteer) -> Iterator[Rig]:
    """A loopback site and a store on each backend."""
    site = Site()
    server = start(site)
    rig = Rig(site, Clock(), db, names)
    site.put("/news/power-deal", POWER_PAGE)
    rig.serve_feed(ITEMS)
    yield rig
    server.shutdown()
    server.server_close()


def pairs(store: Store) -> set[tuple[str, ...]]:
    return {
        tuple(sorted({party.country for party in (*event.actor, *event.recipient) if party.country}))
        for event in store.events()
    }


def test_rounds_store_new_items_once_and_fetch_with_validators(rig: Rig) -> None:
    with Store(rig.db) as store:
        watcher = rig.watcher(store)
        first = watcher.round()
        assert (first.fetched, first.items.new, first.items.failed) == (1, 2, 0)
        assert sorted(rig.site.paths()) == ["/feed.xml", "/news/power-deal"]
        assert all(headers["user-agent"].startswith(f"bilateral/{__version__}") for _, headers in rig.site.take())
        assert store.counts().stories >= 2  # linked in the round
        assert pairs(store) == {("CHL", "NOR"), ("ETH", "KEN")}

        assert watcher.round().not_due == 1 and rig.site.take() == []  # not due yet: nothing fetched

        rig.clock.advance(EVERY)
        unchanged = watcher.round()
        assert (unchanged.unchanged, unchanged.items.read, unchanged.items.new) == (1, 0, 0)
        ((path, headers),) = rig.site.take()
        assert path == "/feed.xml" and headers["if-none-match"] == rig.site.resources["/feed.xml"].etag
        assert headers["if-modified-since"] == rig.site.resources["/feed.xml"].last_modified

        rig.serve_feed([NEW_ITEM, *ITEMS])
        rig.clock.advance(EVERY)
        grown = watcher.round()
        assert (grown.items.read, grown.items.new) == (1, 1)
        assert rig.site.paths() == ["/feed.xml"]  # the page of an entry read before is not fetched again
        assert ("PRT", "VEN") in pairs(store)
        assert store.counts().articles == 3


def test_a_new_item_alerts_once(rig: Rig) -> None:
    rule = Rule("iberian-friction", pair=("PRT", "VEN"), quads=frozenset({3, 4}))
    with Store(rig.db) as store:
        fired: list[dict[str, object]] = []
        alerter = Alerter(store, [rule], [fired.append], clock=rig.clock)
        watcher = rig.watcher(store, on_new=alerter.articles_stored)
        assert watcher.round().alerts == 0 and fired == []
        rig.serve_feed([NEW_ITEM, *ITEMS])
        rig.clock.advance(EVERY)
        assert watcher.round().alerts == 1
        (alert,) = fired
        assert alert["rule"] == "iberian-friction" and alert["event"] == "ACCUSE"
        assert alert["evidence"][0]["url"] == f"{rig.site.base}/story/prt-ven"  # type: ignore[index]
        second = {**NEW_ITEM, "guid": "prt-ven-2", "title": "Lisbon protest, again"}  # the same report, re-posted
        rig.serve_feed([second, NEW_ITEM, *ITEMS])
        rig.clock.advance(EVERY)
        assert watcher.round().alerts == 0 and len(fired) == 1


def test_a_failing_source_backs_off_is_recorded_once_and_recovers(rig: Rig) -> None:
    rig.site.put("/feed.xml", "down for maintenance", "text/plain", status=503)
    with Store(rig.db) as store:
        watcher = rig.watcher(store)
        assert watcher.round().failed == 1
        state = store.watching().state(f"{rig.site.base}/feed.xml")
        assert state.failures == 1 and "503" in (state.last_error or "")
        first_due = datetime.fromisoformat(state.next_due or "")
        first_wait = first_due - rig.clock.now
        assert first_wait > EVERY  # backed off beyond one interval
        rig.clock.advance(EVERY)
        assert watcher.round().not_due == 1
        rig.clock.now = first_due
        assert watcher.round().failed == 1
        state = store.watching().state(f"{rig.site.base}/feed.xml")
        assert state.failures == 2
        assert datetime.fromisoformat(state.next_due or "") - rig.clock.now > first_wait  # the wait grew
        (failure,) = store.failures()  # once, when it began failing, not at every round
        assert failure.origin == f"{rig.site.base}/feed.xml" and failure.code == "input.fetch"

        rig.serve_feed(ITEMS)
        rig.clock.now = datetime.fromisoformat(state.next_due or "")
        recovered = watcher.round()
        assert (recovered.failed, recovered.items.new) == (0, 2)
        state = store.watching().state(f"{rig.site.base}/feed.xml")
        assert state.failures == 0 and state.last_error is None and state.last_success is not None


def test_a_host_that_was_down_is_tried_again_next_round(rig: Rig) -> None:
    site = Site()
    server = start(site)
    port = server.server_address[1]
    server.shutdown()
    server.server_close()  # nothing listens: connection refused
    with Store(rig.db) as store:
        watcher = rig.watcher(store, f"http://127.0.0.1:{port}/feed.xml")
        assert watcher.round().failed == 1
        revived = start(site, port)
        try:
            site.put("/feed.xml", feed(site.base, ITEMS[:1]), "application/rss+xml")
            rig.clock.now = datetime.fromisoformat(store.watching().sources()[0].next_due or "")
            assert watcher.round().items.new == 1  # the same fetcher, which had marked the host unreachable
        finally:
            revived.shutdown()
            revived.server_close()


def test_a_restart_resumes_without_refetching(rig: Rig) -> None:
    rig.serve_feed(ITEMS, validators=False)  # a server that ignores validators: entries are remembered
    with Store(rig.db) as store:
        assert rig.watcher(store).round().items.new == 2
    rig.site.take()
    rig.serve_feed([NEW_ITEM, *ITEMS], validators=False)
    rig.clock.advance(EVERY)
    with Store(rig.db) as store:
        resumed = rig.watcher(store).round()
        assert (resumed.items.read, resumed.items.new) == (1, 1)
        assert rig.site.paths() == ["/feed.xml"]
        rig.clock.advance(EVERY)
        again = rig.watcher(store).round()  # the same bytes again: not even parsed
        assert (again.unchanged, again.items.read) == (1, 0)


def test_two_watchers_never_fetch_one_source_at_once(rig: Rig) -> None:
    with Store(rig.db) as first, Store(rig.db) as second:
        holder = rig.watcher(first)
        url = f"{rig.site.base}/feed.xml"
        now = rig.clock.now
        assert first.watching().claim(url, owner=holder.owner, now=now, every=EVERY, until=now + EVERY)
        assert rig.watcher(second).round().not_due == 1 and rig.site.take() == []
        rig.clock.advance(EVERY * 2)  # the holder died: its lease ran out
        assert rig.watcher(second).round().items.new == 2


def test_a_stop_between_items_keeps_what_was_read(rig: Rig) -> None:
    stop = threading.Event()
    rig.site.on_request = lambda path: stop.set() if path == "/news/power-deal" else None
    rig.serve_feed([*ITEMS, NEW_ITEM])
    with Store(rig.db) as store:
        stopped = rig.watcher(store, stop=stop).round()
        assert stopped.stopped and stopped.items.new == 2  # the third entry was not read
        assert store.watching().state(f"{rig.site.base}/feed.xml").etag is None  # read again next time
    rig.site.on_request = None
    rig.site.take()
    with Store(rig.db) as store:
        resumed = rig.watcher(store).round()
        assert (resumed.items.read, resumed.items.new) == (1, 1)
        assert rig.site.paths() == ["/feed.xml"]


def test_a_drop_folder_reads_each_new_file_once(rig: Rig, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "one.txt").write_text("Ghana and Senegal signed a memorandum of understanding on fisheries on Tuesday.")
    (drop / ".partial.txt").write_text("Hidden files are still being written.")
    with Store(rig.db) as store:
        watcher = rig.watcher(store, str(drop))
        assert watcher.round().items.new == 1
        rig.clock.advance(EVERY)
        assert watcher.round().items.read == 0
        (drop / "two.txt").write_text("Portugal condemned Venezuela over the detention of a journalist on Friday.")
        rig.clock.advance(EVERY)
        assert (watcher.round().items.read, store.counts().articles) == (1, 2)
        for file in drop.iterdir():
            file.unlink()
        drop.rmdir()
        rig.clock.advance(EVERY)
        assert watcher.round().items.failed == 1
        assert [failure.message for failure in store.failures()] == ["the drop folder is gone"]


def test_a_url_list_is_read_again_each_round_and_changed_pages_are_stored(rig: Rig, tmp_path: Path) -> None:
    listing = tmp_path / "follow.urls"
    listing.write_text(f"# pages to follow\n{rig.site.base}/news/power-deal\n")
    with Store(rig.db) as store:
        watcher = rig.watcher(store, str(listing))
        assert watcher.round().items.new == 1
        rig.site.put("/news/power-deal", POWER_PAGE.replace("on Wednesday", "on Wednesday, officials said"))
        listing.write_text(listing.read_text() + f"{rig.site.base}/feed.xml\n")  # a line added: followed now
        rig.clock.advance(EVERY)
        changed = watcher.round()
        # the page's new version, and the feed's two entries, one of which links to that same page
        assert (changed.fetched, changed.items.new, changed.items.duplicate) == (2, 2, 1)
        rig.clock.advance(EVERY)
        assert (watcher.round().unchanged, store.counts().articles) == (2, 3)


def test_fetching_is_bounded(rig: Rig) -> None:
    rig.site.put("/big.html", page("Big", "Word " * 5000, "2026-03-01"))
    for hop in range(7):
        rig.site.put(f"/hop/{hop}", f"{rig.site.base}/hop/{hop + 1}", status=302)
    rig.site.put("/hop/7", POWER_PAGE)
    with Store(rig.db) as store:
        fetcher = PoliteFetcher(gate=HostGate(interval=0), timeout=5, max_bytes=10_000)
        watcher = Watcher(
            store, rig.names, given([f"{rig.site.base}/big.html", f"{rig.site.base}/hop/0"]), fetcher=fetcher,
            options=WatchOptions(every=EVERY), clock=rig.clock,
        )  # fmt: skip
        assert watcher.round().failed == 2
        messages = {failure.origin: failure.message for failure in store.failures()}
        assert "over 10,000 bytes" in messages[f"{rig.site.base}/big.html"]
        assert "redirect" in messages[f"{rig.site.base}/hop/0"].lower()


def test_the_host_gate_spaces_and_limits_requests() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    gate = HostGate(per_host=1, interval=2.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        with gate.visit("wire.example"):
            pass
    with gate.visit("other.example"):
        pass
    assert slept == [2.0, 2.0]  # the second and third visit wait; another host does not
    inside = threading.Event()
    release = threading.Event()
    entered: list[str] = []

    def hold() -> None:
        with gate.visit("slow.example"):
            inside.set()
            release.wait(5)

    holder = threading.Thread(target=hold)
    holder.start()
    inside.wait(5)

    def wait() -> None:
        with gate.visit("slow.example"):
            entered.append("in")

    waiter = threading.Thread(target=wait)
    waiter.start()
    waiter.join(0.2)
    assert entered == []  # one slot per host: the second request waits for the first
    release.set()
    holder.join(5)
    waiter.join(5)
    assert entered == ["in"]


PAIRS = [("Norway", "Chile"), ("Kenya", "Ethiopia"), ("Portugal", "Brazil"), ("Ghana", "Senegal")]


def minute_item(number: int) -> dict[str, str]:
    """The item a feed adds in minute ``number``: its own text, so each is a new article."""
    first, second = PAIRS[number % len(PAIRS)]
    day = 1 + number % 28
    return {
        "guid": f"minute-{number}", "title": f"Talks, round {number}",
        "date": f"{['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][(day + 6) % 7]}, {day:02d} Feb 2027 09:00:00 GMT",
        "text": f"Officials of {first} and {second} held round {number} of their talks on fisheries and energy "
        f"on Monday, the {number}th meeting of the joint commission.",
    }  # fmt: skip


@pytest.mark.slow
def test_an_hour_of_a_feed_adding_an_item_a_minute_stores_each_once_with_memory_flat(rig: Rig) -> None:
    import tracemalloc

    every = timedelta(minutes=1)
    minutes = 60
    with Store(rig.db) as store:
        fetcher = PoliteFetcher(gate=HostGate(interval=0), timeout=5)
        watcher = Watcher(
            store, rig.names, given([f"{rig.site.base}/feed.xml"]), fetcher=fetcher,
            options=WatchOptions(every=every), clock=rig.clock, rng=random.Random(3),
        )  # fmt: skip
        sizes: list[int] = []
        tracemalloc.start()
        try:
            for minute in range(minutes):
                newest = [minute_item(number) for number in range(max(0, minute - 19), minute + 1)]
                rig.serve_feed(newest[::-1])  # the 20 newest, newest first, as a wire's feed keeps them
                rig.clock.advance(every)
                done = watcher.round()
                assert (done.failed, done.items.read, done.items.new) == (0, 1, 1), minute
                sizes.append(tracemalloc.get_traced_memory()[0])
        finally:
            tracemalloc.stop()
        rig.site.take()
        assert store.counts().articles == minutes
        assert len(store.watching().seen(f"{rig.site.base}/feed.xml", [f"minute-{n}" for n in range(minutes)])) == 60
    settled, last = sizes[9], sizes[-1]
    assert last - settled < 2_000_000, sizes  # flat: what a round holds is let go (loosely: under 2 MB over 50)


def test_the_api_answers_changes_watch_status_and_alerts(rig: Rig) -> None:
    from fastapi.testclient import TestClient

    from bilateral.serve import create_app

    rule = Rule("iberian-friction", pair=("PRT", "VEN"))
    with Store(rig.db) as store:
        alerter = Alerter(store, [rule], [], clock=rig.clock)
        watcher = rig.watcher(store, f"{rig.site.base}/feed.xml", f"{rig.site.base}/gone.xml",
                              on_new=alerter.articles_stored)  # fmt: skip
        watcher.round()
        rig.serve_feed([NEW_ITEM, *ITEMS])
        rig.clock.advance(EVERY)
        watcher.round()
    with TestClient(create_app(rig.db, hosts=["testserver"])) as client:
        status = {item["source"]: item for item in client.get("/api/watch").json()["items"]}
        assert status[f"{rig.site.base}/feed.xml"]["status"] == "ok"
        gone = status[f"{rig.site.base}/gone.xml"]
        assert (gone["status"], gone["failures"]) == ("failing", 1) and "404" in gone["last_error"]
        alerts = client.get("/api/alerts").json()
        assert alerts["total"] == 1 and alerts["items"][0]["countries"] == ["PRT", "VEN"]
        assert client.get("/api/alerts", params={"since": "2999-01-01"}).json()["total"] == 0
        everything = client.get("/api/changes", params={"since": "2000-01-01"}).json()
        assert everything["total"] == 3 and everything["alerts"] == 1 and len(everything["stories"]) >= 3
        assert client.get("/api/changes", params={"since": "2999-01-01T00:00:00Z"}).json()["total"] == 0
        bad = client.get("/api/changes", params={"since": "last week"})
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "usage"
        assert client.get("/api/changes").status_code == 422  # since is required
        dashboard = client.get("/watch")
        assert dashboard.status_code == 200 and "iberian-friction" in dashboard.text and "failing" in dashboard.text
        assert "Portugal condemned Venezuela" in dashboard.text


@pytest.mark.parametrize(("text", "seconds"), [("90s", 90), ("15m", 900), ("1h", 3600), ("2d", 172800), (" 15M ", 900)])
def test_intervals_read_as_every_takes_them(text: str, seconds: int) -> None:
    assert parse_every(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize("text", ["", "15", "m", "0m", "-5m", "1.5h", "15 minutes"])
def test_other_intervals_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not an interval"):
        parse_every(text)


def test_back_off_doubles_with_jitter_up_to_its_cap() -> None:
    now = datetime(2026, 3, 6, tzinfo=UTC)
    rng = random.Random(11)
    waits = [after_failure(now, EVERY, failures, rng=rng) - now for failures in range(1, 12)]
    assert EVERY * 2 * 0.8 <= waits[0] <= EVERY * 2 * 1.2  # the first failure waits two intervals
    assert all(later > earlier for earlier, later in pairwise(waits[:4]))  # 30 min, 1 h, 2 h, 4 h (± 20 %)
    assert max(waits) <= MAX_BACKOFF * 1.2 and waits[-1] >= MAX_BACKOFF * 0.8
    daily = timedelta(days=1)  # an interval longer than the cap is the cap
    assert after_failure(now, daily, 5, rng=rng) - now >= daily * 0.8
