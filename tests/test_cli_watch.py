"""``bilateral watch`` and ``bilateral alerts`` from the command line, against a loopback site."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.cli.common import EXIT_SOME_FAILED, EXIT_USAGE
from tests.test_watch import ITEMS, NEW_ITEM, POWER_PAGE
from tests.watch_server import Site, feed, start

runner = CliRunner()
RULES = """
[[rule]]
name = "friction"
quad = [3, 4]

[output]
jsonl = "{jsonl}"
"""


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()
    server = start(site)
    site.put("/news/power-deal", POWER_PAGE)
    site.put("/feed.xml", feed(site.base, ITEMS), "application/rss+xml")
    yield site
    server.shutdown()
    server.server_close()


def test_watch_once_stores_and_alerts_and_alerts_lists_them(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    rules = tmp_path / "rules.toml"
    rules.write_text(RULES.format(jsonl=tmp_path / "fired.jsonl"))
    url = f"{site.base}/feed.xml"
    first = runner.invoke(app, ["--db", str(db), "watch", url, "--once", "--every", "1s", "--alerts", str(rules)])
    assert first.exit_code == 0, first.output
    assert "read 2, new 2" in first.stdout and "alerts 0" in first.stdout
    site.put("/feed.xml", feed(site.base, [NEW_ITEM, *ITEMS]), "application/rss+xml")
    time.sleep(1.1)  # one interval: the source is due again
    second = runner.invoke(app, ["--db", str(db), "watch", url, "--once", "--every", "1s", "--alerts", str(rules)])
    assert second.exit_code == 0, second.output
    assert "read 1, new 1" in second.stdout and "alert friction: ACCUSE PRT-VEN" in second.stdout
    assert "Portugal condemned Venezuela" in second.stdout
    listed = runner.invoke(app, ["--db", str(db), "alerts", "--format", "json"])
    (alert,) = json.loads(listed.stdout)
    assert alert["rule"] == "friction" and alert["countries"] == ["PRT", "VEN"]
    (line,) = (tmp_path / "fired.jsonl").read_text().splitlines()
    assert json.loads(line)["story"] == alert["story"]
    table = runner.invoke(app, ["--db", str(db), "alerts", "--since", "2000-01-01"])
    assert "friction" in table.stdout and "PRT-VEN" in table.stdout
    assert (
        json.loads(runner.invoke(app, ["--db", str(db), "alerts", "--since", "2999-01-01", "--format", "json"]).stdout)
        == []
    )


def test_watch_refuses_bad_arguments_in_one_line(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    url = f"{site.base}/feed.xml"
    for args, message in [
        (["watch", url, "--every", "soon"], "error[usage]: --every 'soon' is not an interval"),
        (["watch", str(tmp_path / "nowhere")], "a watched source is a feed or page URL"),
        (["watch", url, "--alerts", str(tmp_path / "none.toml")], "cannot read the alert rules"),
    ]:
        result = runner.invoke(app, ["--db", str(db), *args])
        assert result.exit_code == EXIT_USAGE and message in result.stderr, result.stderr
        assert not db.exists()  # a usage error leaves no database behind
    site.put("/feed.xml", "gone", "text/plain", status=500)
    failing = runner.invoke(app, ["--db", str(db), "watch", url, "--once"])
    assert failing.exit_code == EXIT_SOME_FAILED and "HTTP 500" in failing.stderr


def test_the_loop_stops_cleanly_on_sigterm(site: Site, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
    command = [sys.executable, "-m", "bilateral", "--db", str(tmp_path / "w.db"), "watch", f"{site.base}/feed.xml",
               "--every", "1h"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        first = _first_line(process, within=60)  # the first round is done: the loop now waits for the next
        assert "new 2" in first, first
        process.send_signal(signal.SIGTERM)
        rest, errors = process.communicate(timeout=60)
    finally:
        if process.poll() is None:  # a failed step must not leave a watcher sleeping for an hour under the run
            process.kill()
            process.wait()
    assert process.returncode == 0, errors
    assert "stopping after the current item (SIGTERM)" in rest and "Traceback" not in errors


def _first_line(process: subprocess.Popen[str], within: float) -> str:
    """The first line ``process`` prints, read on a thread so that a silent process fails the test in time, with
    what it wrote to stderr."""
    assert process.stdout is not None and process.stderr is not None
    stdout, lines = process.stdout, list[str]()
    reader = threading.Thread(target=lambda: lines.append(stdout.readline()), daemon=True)
    reader.start()
    reader.join(within)
    if not lines:
        process.kill()
        pytest.fail(f"no round line within {within:.0f} s; stderr: {process.stderr.read()}")
    return lines[0]


def test_a_stop_signal_is_announced_by_a_thread_not_in_the_handler(monkeypatch: pytest.MonkeyPatch) -> None:
    """A handler that wrote could interrupt the main thread's own write to stdout (a reentrant write raises)."""
    from bilateral.cli import watch

    printed: list[tuple[str, str]] = []
    monkeypatch.setattr(watch.out, "print", lambda text, **_: printed.append((threading.current_thread().name, text)))
    with watch._stopping() as stop:
        os.kill(os.getpid(), signal.SIGTERM)
        assert stop.wait(5)
    assert printed == [("bilateral-stop", "stopping after the current item (SIGTERM)")]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the handler before is back


def test_a_signal_while_the_stop_event_is_busy_does_not_hang_the_watch() -> None:
    """The signal lands while the main thread holds the stop event's own lock (as it does inside a wait between
    rounds): a handler that set the event there would wait on that lock forever."""
    script = (
        "import os, signal\n"
        "from bilateral.cli import watch\n"
        "with watch._stopping() as stop:\n"
        "    with stop._cond:\n"  # the lock Event.wait and Event.set take
        "        os.kill(os.getpid(), signal.SIGTERM)\n"
        "        sum(range(1000))\n"  # bytecodes after the signal: its handler runs here, the lock held
        "    assert stop.wait(5)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
    command = [sys.executable, "-c", script]
    done = subprocess.run(command, check=False, env=env, capture_output=True, text=True, timeout=20)
    assert done.returncode == 0, done.stderr
