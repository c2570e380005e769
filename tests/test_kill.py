"""An ingest killed with SIGKILL and run again stores every article once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bilateral.samples.generate import write_jsonl

ARTICLES = 6_000


def count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
def test_sigkill_mid_ingest_then_resume(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "big.jsonl", ARTICLES)
    db = tmp_path / "k.db"
    command = [sys.executable, "-m", "bilateral", "--db", str(db), "ingest", str(corpus)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while count(db) == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    if process.poll() is not None:
        pytest.fail("the ingest finished before it could be killed; raise ARTICLES")
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    partial = count(db)
    assert 0 < partial < ARTICLES
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    assert finished.returncode == 0, finished.stderr
    with sqlite3.connect(db) as connection:
        total, distinct = connection.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        (integrity,) = connection.execute("PRAGMA integrity_check").fetchone()
    assert integrity == "ok"
    assert total == distinct == ARTICLES
    assert f"duplicate {partial}" in finished.stdout
