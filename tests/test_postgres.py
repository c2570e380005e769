"""The PostgreSQL backend: the same record as SQLite's, concurrent writers, and what it refuses.

The store, stories, registry, brief, export and API tests run on both backends (the ``db`` fixture and the
module fixtures of tests/conftest.py); these are PostgreSQL's own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilateral.actors import Gazetteer
from bilateral.cli import app
from bilateral.errors import SchemaError, StoreError
from bilateral.pipeline import ingest
from bilateral.registry import agreements, projects
from bilateral.samples import corpus_dir
from bilateral.store import SCHEMA_VERSION, Query, Store
from bilateral.store.postgres import shown, translate
from bilateral.stories import stories
from bilateral.timeline import By, pair_timeline
from tests.conftest import SHARED, database
from tests.test_store import reading

ROOT = Path(__file__).parent.parent


def test_translate_makes_placeholders_psycopgs_and_leaves_quoted_text() -> None:
    assert translate("SELECT ? WHERE a LIKE '%?%' AND b = ?") == "SELECT %s WHERE a LIKE '%%?%%' AND b = %s"
    assert translate("SELECT x FROM stories INDEXED BY stories_key WHERE y = 1") == "SELECT x FROM stories WHERE y = 1"
    assert translate("SELECT 100 % 7") == "SELECT 100 %% 7"


def test_a_url_is_shown_without_its_password() -> None:
    assert shown("postgresql://ana:s3cret@db.example:5432/record") == "postgresql://ana@db.example:5432/record"
    assert shown("postgresql://db.example/record") == "postgresql://db.example/record"


def _record(target: str) -> dict[str, object]:
    with Store(target) as store:
        return {
            "events": store.events(Query(background=True)),
            "stories": stories(store, Query()),
            "agreements": agreements(store),
            "projects": projects(store),
            "timelines": {
                (pair, by): pair_timeline(store, pair, by)
                for pair in [("TUR", "KOR"), ("KOR", "USA"), ("CHN", "JPN")]
                for by in (By.month, By.year)
            },
            "counts": store.counts(),
            "failures": store.failures(),
        }


def test_the_sample_corpus_and_the_seeds_give_the_same_record_on_both(tmp_path: Path, gaz: Gazetteer) -> None:
    seeds = SHARED / "seeds"  # the seeds where they are beside the checkout; the bundled corpus always
    inputs = [str(corpus_dir()), *([str(seeds)] if seeds.is_dir() else [])]
    records = []
    for backend in ("sqlite", "postgresql"):
        with database(backend, tmp_path) as target:
            with Store(target) as store:
                ingest(inputs, store, gaz)
            records.append(_record(target))
    sqlite, postgres = records
    assert sqlite["counts"] == postgres["counts"] and sqlite["failures"] == postgres["failures"]
    for part in ("events", "stories", "agreements", "projects", "timelines"):
        mine, theirs = sqlite[part], postgres[part]
        assert isinstance(mine, list | dict) and isinstance(theirs, list | dict)
        assert len(mine) == len(theirs), part
        if isinstance(mine, list) and isinstance(theirs, list):
            for first, second in zip(mine, theirs, strict=True):  # record by record, to name the first that differs
                assert first == second, part
        assert mine == theirs, part
    assert len(sqlite["events"]) > 100 and len(sqlite["stories"]) > 50 and sqlite["agreements"]  # type: ignore[arg-type]


def test_two_ingest_processes_on_overlapping_inputs_store_each_article_and_event_once(tmp_path: Path) -> None:
    files = sorted(str(path) for path in corpus_dir().iterdir() if path.is_file())
    halves = [files[: len(files) * 2 // 3], files[len(files) // 3 :]]  # the middle third in both
    with database("postgresql", tmp_path) as url:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "bilateral", "--db", url, "ingest"]
        runs = [
            subprocess.Popen(command + half, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            for half in halves
        ]
        outcomes = [run.communicate(timeout=300) for run in runs]
        assert all(run.returncode in (0, 3) for run in runs), outcomes  # 3: the corpus's boilerplate-only pages
        with Store(url) as store:
            counts = store.counts()
            (articles,) = store._db.execute("SELECT count(*) FROM articles").fetchone()
            (distinct,) = store._db.execute("SELECT count(DISTINCT origin) FROM articles").fetchone()
            (events,) = store._db.execute("SELECT count(*) FROM events").fetchone()
            (pending,) = store._db.execute("SELECT count(*) FROM articles WHERE linked = 0").fetchone()
    with database("sqlite", tmp_path) as path:
        CliRunner().invoke(app, ["--db", path, "ingest", *files])
        with Store(path) as store:
            serial = store.counts()
    assert articles == distinct == serial.articles
    assert events == serial.events and counts == serial
    assert pending == 0  # every stored article linked: counts (stories, copy groups, agreements) are serial's


def test_an_unreachable_server_is_one_clear_error() -> None:
    result = CliRunner().invoke(app, ["--db", "postgresql://nobody:pw@127.0.0.1:9/none", "events"])
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("error[store]: postgresql://nobody@127.0.0.1:9/none: cannot connect to PostgreSQL")
    assert "refused" in line and "pw" not in result.stderr  # the server's reason, not a pool's timeout


def test_a_database_that_does_not_exist_is_named_in_one_line(tmp_path: Path) -> None:
    with database("postgresql", tmp_path) as url:
        missing = url.rsplit("/", 1)[0] + "/no_such_record"
        result = CliRunner().invoke(app, ["--db", missing, "ingest", str(corpus_dir())])
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert 'database "no_such_record" does not exist' in line


def test_a_read_only_store_refuses_writes(db: str) -> None:
    with Store(db) as store:
        store.add([reading("a")])
    with Store(db, read_only=True) as store:
        assert store.counts().articles == 1
        with pytest.raises(Exception, match=r"(?i)read-?only"):
            store.add([reading("b")])


def test_a_newer_or_foreign_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    with database("postgresql", tmp_path) as url:
        with Store(url) as store:
            store.set_meta("schema_version", str(SCHEMA_VERSION + 1))
        with pytest.raises(SchemaError, match="newer"):
            Store(url)
    with database("postgresql", tmp_path) as url:
        import psycopg

        with psycopg.connect(url, autocommit=True) as raw:
            raw.execute("CREATE TABLE payroll (id int)")
        with pytest.raises(SchemaError, match="PostgreSQL database is not a bilateral database"):
            Store(url)
        with psycopg.connect(url) as raw:
            assert raw.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'").fetchone()
            assert raw.execute("SELECT to_regclass('meta')").fetchone() == (None,)


def test_reading_an_empty_database_says_ingest_first(tmp_path: Path) -> None:
    with database("postgresql", tmp_path) as url:
        with pytest.raises(StoreError, match="ingest first"):
            Store(url, create=False)
        with pytest.raises(SchemaError, match="empty"):
            Store(url, read_only=True)


def test_the_server_ingests_into_postgresql_from_its_coding_processes(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from bilateral.serve.app import create_app
    from tests.test_serve import ARTICLE, TEST_HOST, TOKEN

    with database("postgresql", tmp_path) as url:
        Store(url).close()  # the schema: the server opens existing records only
        with TestClient(create_app(url, token=TOKEN, hosts=TEST_HOST)) as client:
            headers = {"Authorization": f"Bearer {TOKEN}"}
            first = client.post("/api/ingest", json={"articles": [ARTICLE]}, headers=headers).json()
            again = client.post("/api/ingest", json={"articles": [ARTICLE]}, headers=headers).json()
            found = client.get("/api/search?q=kestrelyard").json()
    assert (first["new"], again["new"], again["duplicate"]) == (1, 0, 1)
    assert found["total"] == 1
