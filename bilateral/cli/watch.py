"""``bilateral watch`` and ``bilateral alerts``: following sources round after round, and what fired.

Registered in :mod:`bilateral.cli`, which imports this module (and httpx, the pipeline) only when one runs.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from bilateral.cli.common import (
    EXIT_SOME_FAILED,
    Format,
    errors,
    failure_line,
    open_store,
    out,
    parse_day,
    print_json,
    rules_only,
    state,
)
from bilateral.errors import UsageError

if TYPE_CHECKING:
    from bilateral.store import Store
    from bilateral.watch.alerts import Alerter
    from bilateral.watch.rounds import RoundSummary
    from bilateral.watch.rules import Rules


def watch_command(
    sources: Annotated[list[str], typer.Argument(help="Feed or page URLs, .urls files, and drop folders.")],
    every: Annotated[str, typer.Option(help="How often each source is fetched: 90s, 15m, 1h, 1d.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Run one round and exit (for cron or a timer).")] = False,
    alerts: Annotated[Path | None, typer.Option(help="Alert rules and outputs, a TOML file (README).")] = None,
    workers: Annotated[int, typer.Option(min=1, max=32, help="Sources fetched at once.")] = 4,
    per_host: Annotated[int, typer.Option(min=1, max=16, help="Requests in flight to one host at once.")] = 2,
    host_interval: Annotated[
        float, typer.Option(min=0.0, help="Seconds between the starts of two requests to one host.")
    ] = 1.0,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds a request may take.")] = 15.0,
) -> None:
    """Follow feeds, pages and drop folders: each round stores and links what is new and checks the alert rules.

    A feed is fetched with the ETag and Last-Modified of its last answer, and an entry read once is never read
    again; a drop folder's new or changed files are read once; a .urls file is read again each round. A source
    that fails waits twice as long after each failure in a row (its failure is recorded once, when it starts).
    The state lives in the --db store, so a restart resumes, and two watchers on one store share the sources.
    Without --once it runs until SIGINT or SIGTERM, stopping between items. Exit status 3 with --once: some
    source or item failed.
    """
    from bilateral.actors import gazetteer as load_gazetteer
    from bilateral.watch.fetch import HostGate, PoliteFetcher
    from bilateral.watch.rounds import Watcher, WatchOptions
    from bilateral.watch.schedule import parse_every
    from bilateral.watch.sources import given

    with errors():
        rules_only("watch")
        try:
            interval = parse_every(every)
        except ValueError as error:
            raise UsageError(f"--every {error}") from error
        watched = given(sources)
        rules = _rules(alerts)  # a usage error here leaves no database behind
        names = load_gazetteer(state.actors)
        with open_store(create=True) as store, _stopping() as stop:
            fetcher = PoliteFetcher(gate=HostGate(per_host=per_host, interval=host_interval), timeout=timeout)
            alerter, close = _alerter(store, rules)
            watcher = Watcher(
                store, names, watched, fetcher=fetcher, options=WatchOptions(every=interval, workers=workers),
                stop=stop, on_failure=failure_line, on_new=alerter.articles_stored if alerter else None,
            )  # fmt: skip
            try:
                if once:
                    summary = watcher.round()
                    _print_round(summary)
                else:
                    watcher.run(on_round=_print_round)
                    summary = None
            finally:
                fetcher.close()
                close()
    if summary is not None and (summary.failed or summary.items.failed):
        raise typer.Exit(EXIT_SOME_FAILED)


def alerts_command(
    since: Annotated[str | None, typer.Option(help="Only alerts fired on or after this day (YYYY-MM-DD).")] = None,
    output: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """List the alerts that fired, oldest first: rule, story, why, and the first report's evidence."""
    import json

    with errors():
        start = parse_day(since, "--since")
        with open_store() as store:
            fired = store.watching().alerts(since=start.isoformat() if start else None)
    rows = [{"id": alert.id, "fired_at": alert.fired_at, **json.loads(alert.alert)} for alert in fired]
    if output is Format.json:
        print_json(rows)
        return
    table = Table("fired", "rule", "story", "event", "countries", "date", "why", box=None)
    for row in rows:
        table.add_row(
            row["fired_at"], row["rule"], row["story"], row["event"], "-".join(row["countries"]), row["date"] or "—",
            "; ".join(row["why"]),
        )  # fmt: skip
    out.print(table)


def print_alert(alert: dict[str, Any]) -> None:
    """One alert on the terminal: the rule, the story, why, the first quote and the sources."""
    evidence = alert["evidence"][0] if alert["evidence"] else {}
    out.print(
        f"alert {alert['rule']}: {alert['event']} {'-'.join(alert['countries'])} {alert['date'] or 'undated'} "
        f"(story {alert['story']}): {'; '.join(alert['why'])}",
        markup=False,
    )
    if evidence:
        out.print(f"  “{evidence['quote']}” ({', '.join(alert['sources'])})", markup=False)


def _rules(path: Path | None) -> Rules | None:
    if path is None:
        return None
    from bilateral.actors.countries import countries
    from bilateral.watch.rules import load_rules

    return load_rules(path, countries(state.actors).resolve)


def _alerter(store: Store, rules: Rules | None) -> tuple[Alerter | None, Callable[[], None]]:
    """The alerter for ``rules`` (``None`` without rules), and what closes its outputs."""
    if rules is None:
        return None, lambda: None
    from bilateral.watch.alerts import Alerter
    from bilateral.watch.outputs import JsonLines, Output, Webhook
    from bilateral.watch.rounds import utc_now

    outputs: list[Output] = [print_alert]
    if rules.outputs.jsonl is not None:
        outputs.append(JsonLines(rules.outputs.jsonl))
    hook = None
    if rules.outputs.webhook is not None:
        hook = Webhook(rules.outputs.webhook, secret=rules.outputs.secret, retries=rules.outputs.retries)
        outputs.append(hook)
    return Alerter(store, rules.rules, outputs, clock=utc_now), (hook.close if hook else lambda: None)


@contextmanager
def _stopping() -> Iterator[threading.Event]:
    """An event set by SIGINT or SIGTERM while the block runs; a second signal acts as it did before (a second
    Ctrl-C stops at once), and the handlers before are put back after the block.

    The handler only notes the signal, taking no lock: one that set the event itself could deadlock on the lock
    the interrupted main thread holds inside that same event (it waits on it between rounds), and one that
    wrote could interrupt the main thread's own write to the same stream. A thread of its own sees the note, sets
    the event and prints the line that says so.
    """
    stop, finished = threading.Event(), threading.Event()
    received: list[str] = []
    previous: dict[int, Any] = {}

    def handle(number: int, _: FrameType | None) -> None:
        received.append(signal.Signals(number).name)
        signal.signal(number, previous[number])

    def announce() -> None:
        while not received and not finished.wait(_NOTICE):
            pass
        if received:
            stop.set()
            out.print(f"stopping after the current item ({received[0]})")

    announcer = threading.Thread(target=announce, name="bilateral-stop", daemon=True)
    announcer.start()
    previous.update({number: signal.signal(number, handle) for number in (signal.SIGINT, signal.SIGTERM)})
    try:
        yield stop
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        finished.set()
        announcer.join()


_NOTICE = 0.05  # seconds: how soon a signal noted by the handler stops the watch


def _print_round(summary: RoundSummary) -> None:
    items = summary.items
    out.print(
        f"round: fetched {summary.fetched}, unchanged {summary.unchanged}, failed {summary.failed}, "
        f"not due {summary.not_due}; read {items.read}, new {items.new}, duplicate {items.duplicate}, "
        f"failed {items.failed}; alerts {summary.alerts}" + ("; stopped" if summary.stopped else "")
    )
