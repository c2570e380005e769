"""The server's read-only stores, kept open between requests (``serve.context.Readers``): used again while the file and
its schema are the same, opened anew when the file was replaced or migrated, closed when their request failed."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bilateral.actors.gazetteer import Gazetteer
from bilateral.pipeline import ingest_documents
from bilateral.records import Document
from bilateral.serve import create_app
from bilateral.serve.context import Readers, open_store
from bilateral.store import Store


def _store(path: Path, gaz: Gazetteer, *visits: str) -> Path:
    documents = [
        Document(f"test#{number}", f"Turkish Foreign Minister Hakan Fidan met {host} officials in {city} on Monday.",
                 published=date(2025, 3, 3))
        for number, (host, city) in enumerate(visit.split("/") for visit in visits)
    ]  # fmt: skip
    with Store(path) as store:
        ingest_documents(documents, store, gaz)
    return path


def _events(client: TestClient) -> int:
    answer = client.get("/api/events?limit=1")
    assert answer.status_code == 200, answer.text
    total: int = answer.json()["total"]
    return total


def test_a_store_serves_one_request_after_another(tmp_path: Path, gaz: Gazetteer) -> None:
    readers = Readers(str(_store(tmp_path / "r.db", gaz, "South Korean/Seoul")))
    first = readers.take()
    readers.give(first)
    assert readers.take() is first
    assert readers.take() is not first  # taken: the next request gets its own
    readers.close()


def test_a_replaced_file_is_read_anew(tmp_path: Path, gaz: Gazetteer) -> None:
    path = _store(tmp_path / "r.db", gaz, "South Korean/Seoul")
    other = _store(tmp_path / "other.db", gaz, "South Korean/Seoul", "Japanese/Tokyo", "Indian/New Delhi")
    with TestClient(create_app(path, hosts=["testserver"])) as client:
        before = _events(client)
        shutil.copy(other, tmp_path / "new.db")
        os.replace(tmp_path / "new.db", path)  # another file at the same path, as a restore from a backup leaves it
        assert _events(client) > before


def test_a_migrated_schema_is_checked_again(tmp_path: Path, gaz: Gazetteer) -> None:
    path = _store(tmp_path / "r.db", gaz, "South Korean/Seoul")
    readers = Readers(str(path))
    first = readers.take()
    readers.give(first)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE added_by_a_migration (x)")
    second = readers.take()
    assert second is not first
    readers.give(second)
    assert readers.take() is second
    readers.close()


def test_a_store_whose_request_failed_is_not_used_again(tmp_path: Path, gaz: Gazetteer) -> None:
    path = _store(tmp_path / "r.db", gaz, "South Korean/Seoul")
    app = create_app(path)
    readers: Readers = app.state.readers

    class Request:
        class App:
            state = app.state

        app = App

    dependency = open_store(Request)  # type: ignore[arg-type]
    store = next(dependency)
    with pytest.raises(sqlite3.OperationalError):
        dependency.throw(sqlite3.OperationalError("database is locked"))
    assert readers.take() is not store
    with pytest.raises(sqlite3.ProgrammingError):  # closed
        store.counts()


def test_a_file_changed_on_disk_or_replaced_during_a_request_is_read_anew(tmp_path: Path, gaz: Gazetteer) -> None:
    path = _store(tmp_path / "r.db", gaz, "South Korean/Seoul")
    other = _store(tmp_path / "other.db", gaz, "South Korean/Seoul", "Japanese/Tokyo")
    readers = Readers(str(path))
    first = readers.take()
    readers.give(first)
    stat = os.stat(path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # copied over in place, as cp does
    second = readers.take()
    assert second is not first
    shutil.copy(other, tmp_path / "new.db")
    os.replace(tmp_path / "new.db", path)  # replaced while the request reads the old file
    readers.give(second)
    third = readers.take()
    assert third is not second
    readers.close()


def test_stores_given_back_after_closing_or_past_the_cap_are_closed(tmp_path: Path, gaz: Gazetteer) -> None:
    readers = Readers(str(_store(tmp_path / "r.db", gaz, "South Korean/Seoul")))
    taken = [readers.take() for _ in range(Readers.IDLE + 2)]
    for store in taken:
        readers.give(store)
    kept = [readers.take() for _ in range(Readers.IDLE + 2)]
    assert len({id(store) for store in kept} & {id(store) for store in taken}) == Readers.IDLE
    readers.close()
    for store in kept:
        readers.give(store)
    for store in kept:
        with pytest.raises(sqlite3.ProgrammingError):
            store.counts()
