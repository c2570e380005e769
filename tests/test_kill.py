"""Kill -9 at random points of an ingest and of a ``recode``, run again: every table as a clean run leaves it."""

from __future__ import annotations

import json
import random
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bilateral.samples.generate import articles

ARTICLES = 2_000
KILLS = 2  # a fresh process each, killed at a random point of the first 60% of the clean run's duration
SEED = 17
# Every table a run writes, and the columns that say when rather than what (a resumed run may differ there).
TABLES = [
    "articles", "mentions", "events", "parties", "stories", "story_events", "agreements", "agreement_events",
    "project_events", "copies", "copy_bands", "failures", "articles_fts", "party_counts", "pair_periods",
    "entry_periods", "project_counts",
]  # fmt: skip
WHEN = {"articles": {"ingested_at"}, "failures": {"first_seen", "last_seen", "seen"}}
# An actor file the recode reads: Germany without its capital, so Berlin's sentences lose a party.
COUNTRIES = (
    "iso3\tname\taliases\tadjectives\tcapitals\tiso2\nDEU\tGermany\tFederal Republic of Germany\tGerman|Germans\t\tDE\n"
)


def write_corpus(path: Path) -> Path:
    """Generated articles cut to three sentences (so that the test stays short), and a broken line every 500."""
    with path.open("w", encoding="utf-8") as stream:
        for number, record in enumerate(articles(ARTICLES, seed=SEED)):
            record["text"] = "\n".join(record["text"].splitlines()[:3])
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            if number % 500 == 0:
                stream.write('{"text": "a line cut short\n')
    return path


def tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows without their timestamps, in a stable order; the file must pass SQLite's integrity check."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        found = {}
        for table in TABLES:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            kept = ", ".join(f'"{column}"' for column in columns if column not in WHEN.get(table, ()))
            found[table] = sorted(connection.execute(f"SELECT {kept} FROM {table}").fetchall(), key=repr)
    return found


def command(db: Path | str, *arguments: str) -> list[str]:
    return [sys.executable, "-m", "bilateral", "--db", str(db), *arguments]


def clean_run(arguments: list[str]) -> tuple[float, str]:
    """Run to the end; how long it took, and its output."""
    began = time.monotonic()
    finished = subprocess.run(arguments, capture_output=True, text=True, check=False)
    assert finished.returncode in (0, 3), finished.stderr  # 3: some inputs failed (the broken lines)
    return time.monotonic() - began, finished.stdout


def killed_then_resumed(
    arguments: list[str], db: Path, *, rng: random.Random, duration: float, rerunnable: bool = False
) -> tuple[int, int, str]:
    """Start ``arguments`` until KILLS of them were killed with SIGKILL at a random point, then once to the end.

    A process that ends before its kill ends the kills, unless the command is ``rerunnable`` (a recode
    redoes all its work each time; an ingest finished has nothing left to kill). Returns how many kills
    landed, the articles stored before the last run, and its output.
    """
    landed = 0
    for _ in range(2 * KILLS):
        process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            process.wait(timeout=rng.uniform(0.1, 0.6) * duration)
            if not rerunnable:
                break
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            landed += 1
        if landed == KILLS:
            break
    before = stored(db)
    finished = subprocess.run(arguments, capture_output=True, text=True, check=False)
    assert finished.returncode in (0, 3), finished.stderr
    return landed, before, finished.stdout


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as connection:
        return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])


@pytest.mark.slow
def test_sigkill_at_random_points_of_ingest_and_recode_then_resume(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl")
    actors = tmp_path / "actors"
    actors.mkdir()
    (actors / "countries-mine.tsv").write_text(COUNTRIES, encoding="utf-8")
    rng = random.Random(SEED)
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"

    duration, output = clean_run(command(clean, "ingest", str(corpus)))
    new, duplicate = (int(value) for value in re.findall(r"new (\d+), duplicate (\d+)", output)[0])
    ingested = tables(clean)
    assert len(ingested["articles"]) == new > ARTICLES * 0.9 and len(ingested["failures"]) == ARTICLES // 500
    landed, before, output = killed_then_resumed(command(killed, "ingest", str(corpus)), killed, rng=rng,
                                                 duration=duration)  # fmt: skip
    assert landed >= 1 and 0 <= before <= new
    assert f"new {new - before}, duplicate {duplicate + before}" in output  # what the killed runs stored, once
    assert tables(killed) == ingested

    recode = ["--actors", str(actors), "recode"]
    duration, _ = clean_run(command(clean, *recode))
    recoded = tables(clean)
    assert recoded["mentions"] != ingested["mentions"]  # the recode changed what the test compares
    landed, _, _ = killed_then_resumed(command(killed, *recode), killed, rng=rng, duration=duration,
                                       rerunnable=True)  # fmt: skip
    assert landed >= 1
    assert tables(killed) == recoded
