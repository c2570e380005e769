"""``ingest --dask``: the same record as a serial ingest, whether or not a worker dies on the way."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_kill import command, tables, write_corpus

distributed = pytest.importorskip("distributed", reason="the cluster extra (dask, distributed) is not installed")

from bilateral.cluster import analysed_on, connect  # noqa: E402
from bilateral.pipeline import store_analysed  # noqa: E402
from bilateral.records import CodedArticle, Failure  # noqa: E402
from bilateral.store import Store  # noqa: E402
from tests.conftest import database  # noqa: E402
from tests.test_postgres import _record  # noqa: E402

pytestmark = pytest.mark.slow

Handed = CodedArticle | str | Failure


def killing(results: Iterator[Handed], victim: int) -> Iterator[Handed]:
    """``results`` as they come, the worker process ``victim`` killed once the first is here (the other partitions
    run or wait on both workers then)."""
    for number, result in enumerate(results):
        if number == 0:
            os.kill(victim, signal.SIGKILL)
        yield result


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Generated articles with broken lines, a folder of two text files (one only boilerplate), a missing file."""
    folder = tmp_path_factory.mktemp("inputs")
    notes = folder / "notes"
    notes.mkdir()
    (notes / "a.txt").write_text("Ankara, 3 May 2024. Turkish and Korean ministers met in Seoul on Monday.\n")
    (notes / "b.txt").write_text("Share this article\n")
    return [str(write_corpus(folder / "news.jsonl")), str(notes), str(folder / "missing.jsonl")]


@pytest.fixture(scope="module")
def serial(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("serial") / "serial.db"
    done = subprocess.run(command(db, "ingest", *inputs), capture_output=True, text=True, check=False)
    assert done.returncode == 3, done.stderr  # some inputs fail: the broken lines, the missing file
    return db


def test_local_cluster_gives_the_serial_record(inputs: list[str], serial: Path, tmp_path: Path) -> None:
    db = tmp_path / "dask.db"
    arguments = command(db, "ingest", "--dask", "local:2", *inputs)
    done = subprocess.run(arguments, capture_output=True, text=True, check=False)
    assert done.returncode == 3, done.stderr
    assert "partitions" in done.stderr and "on 2 workers" in done.stderr
    expected, found = tables(serial), tables(db)
    assert expected["failures"], "the corpus was meant to hold failures"
    for table, rows in expected.items():
        assert found[table] == rows, table


def test_a_worker_killed_mid_run_changes_nothing(inputs: list[str], serial: Path, tmp_path: Path) -> None:
    with connect("local:2") as client:
        before = client.run(os.getpid)
        victim = next(iter(before.values()))

        with Store(tmp_path / "killed.db") as store:
            store_analysed(killing(analysed_on(client, inputs, size=100), victim), store)
        client.wait_for_workers(2)
        assert victim not in client.run(os.getpid).values()  # the nanny started a new worker in its place
    expected, found = tables(serial), tables(tmp_path / "killed.db")
    for table, rows in expected.items():
        assert found[table] == rows, table


def test_workers_store_in_postgresql_and_the_record_is_the_serial_one(
    inputs: list[str], serial: Path, tmp_path: Path
) -> None:
    with database("postgresql", tmp_path) as url:
        done = subprocess.run(command(url, "ingest", "--dask", "local:2", *inputs), capture_output=True, text=True,
                              check=False)  # fmt: skip
        assert done.returncode == 3, done.stderr
        with Store(url) as store:
            (pending,) = store._db.execute("SELECT count(*) FROM articles WHERE linked = 0").fetchone()
        assert pending == 0
        assert _record(url) == _record(str(serial))


def test_a_worker_killed_while_storing_in_postgresql_changes_nothing(
    inputs: list[str], serial: Path, tmp_path: Path
) -> None:
    with database("postgresql", tmp_path) as url, connect("local:2") as client:
        victim = next(iter(client.run(os.getpid).values()))
        stored = analysed_on(client, inputs, size=100, store_in=url)
        with Store(url) as store:
            store_analysed(killing(stored, victim), store, by_workers=True)
        client.wait_for_workers(2)
        assert victim not in client.run(os.getpid).values()
        assert _record(url) == _record(str(serial))


def test_dask_without_the_extra_says_how_to_install_it(tmp_path: Path) -> None:
    blocker = tmp_path / "distributed.py"
    blocker.write_text("raise ImportError('blocked for this test')\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-m", "bilateral", "--db", str(tmp_path / "x.db"), "ingest", "--dask", "local:1", "x.txt"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "pip install 'bilateral[cluster]'" in done.stderr


@pytest.mark.parametrize("address", ["local:0", "local:two", "8786"])
def test_a_malformed_address_is_refused(address: str, tmp_path: Path) -> None:
    done = subprocess.run(command(tmp_path / "x.db", "ingest", "--dask", address, "x.txt"), capture_output=True,
                          text=True, check=False)  # fmt: skip
    assert done.returncode == 2
    assert address in done.stderr


def test_each_worker_thread_stores_through_its_own_connection(tmp_path: Path) -> None:
    import threading

    from bilateral.cluster.parts import _store

    target = str(tmp_path / "threads.db")
    turn = threading.Event()
    found: dict[int, tuple[object, object]] = {}

    def work(number: int) -> None:  # two partitions on one worker started with --nthreads 2
        if number == 1:
            turn.wait()  # the first thread's store is open by then
        found[number] = (_store(target), _store(target))
        turn.set()

    threads = [threading.Thread(target=work, args=(number,)) for number in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    (first, again), (second, twice) = found[0], found[1]
    assert first is again and second is twice  # kept while the thread lives
    assert first is not second  # a transaction is one connection's: never two partitions on one
