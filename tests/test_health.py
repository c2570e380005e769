"""A damaged or foreign database: refused unchanged, one clear error in every command and in the API, and
``bilateral check`` (bilateral.store.health)."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from bilateral.cli import app
from bilateral.errors import DamagedDatabase, SchemaError
from bilateral.samples.generate import write_jsonl
from bilateral.serve import create_app
from bilateral.store import Store
from bilateral.store.schema import SCHEMA_VERSION

runner = CliRunner()
TOKEN = "s3cret-token"


def run(*args: str, db: Path) -> object:
    return runner.invoke(app, ["--db", str(db), *args], catch_exceptions=False)


def damage(path: Path) -> None:
    """Write garbage over every other page from the third on, as a failing disk or a bad copy leaves a file."""
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    rng = random.Random(17)
    for page in range(2, len(data) // size, 2):
        data[page * size : (page + 1) * size] = rng.randbytes(size)
    path.write_bytes(bytes(data))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A database made by ingesting 30 generated articles, and 5 other articles to ingest into it."""
    folder = tmp_path_factory.mktemp("health")
    db = folder / "sound.db"
    result = runner.invoke(app, ["--db", str(db), "ingest", str(write_jsonl(folder / "a.jsonl", 30))])
    assert result.exit_code == 0, result.output
    return db, write_jsonl(folder / "more.jsonl", 5, seed=3)


@pytest.fixture
def damaged(inputs: tuple[Path, Path], tmp_path: Path) -> Path:
    path = tmp_path / "damaged.db"
    shutil.copy(inputs[0], path)
    damage(path)
    return path


COMMANDS = [
    ("articles",), ("events",), ("events", "--pair", "TUR-KOR"), ("timeline", "TUR", "KOR"), ("stories",),
    ("agreements",), ("projects",), ("diff", "TUR", "KOR", "--since", "2020-01-01"), ("brief", "TUR", "KOR"),
    ("export", "--format", "csv"), ("export", "--format", "plover-jsonl"), ("recode",), ("ingest", "{more}"),
    ("serve",),
]  # fmt: skip


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_on_a_damaged_file_gives_one_error(
    inputs: tuple[Path, Path], damaged: Path, args: tuple[str, ...]
) -> None:
    result = runner.invoke(app, ["--db", str(damaged), *(arg.format(more=inputs[1]) for arg in args)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)  # no traceback
    assert result.stderr.startswith(f"error[store.damaged]: {damaged}: the database file is damaged")
    assert "bilateral check" in result.stderr and "restore a backup" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "url", ["/api/events", "/api/articles", "/api/stories", "/api/agreements", "/api/dyads", "/api/search?q=Ankara"]
)
def test_the_api_answers_503_with_the_error_when_the_file_is_damaged_while_serving(
    inputs: tuple[Path, Path], tmp_path: Path, url: str
) -> None:
    path = tmp_path / "served.db"
    shutil.copy(inputs[0], path)
    client = TestClient(create_app(path, token=TOKEN, hosts=["testserver"]), raise_server_exceptions=False)
    damage(path)
    response = client.get(url)
    assert response.status_code == 503, response.text
    error = response.json()["error"]
    assert error["code"] == "store.damaged" and "restore a backup" in error["message"]
    posted = client.post(
        "/api/ingest",
        json={"articles": [{"text": "France and Germany signed a memorandum on Monday.", "date": "2024-03-04"}]},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert posted.status_code == 503 and posted.json()["error"]["code"] == "store.damaged"


def test_check_says_a_sound_file_is_sound(inputs: tuple[Path, Path]) -> None:
    before = sha256(inputs[0])
    result = run("check", db=inputs[0])
    assert result.exit_code == 0, result.output
    assert f"sound ({inputs[0].stat().st_size:,} bytes)" in result.stdout
    assert f"schema version {SCHEMA_VERSION} of {SCHEMA_VERSION} (current)" in result.stdout
    assert sha256(inputs[0]) == before


def test_check_lists_what_is_damaged_and_what_to_do(damaged: Path) -> None:
    before = sha256(damaged)
    result = run("check", db=damaged)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{damaged}: ")
    assert result.stderr.startswith(f"error[store.damaged]: {damaged}: the database file is damaged")
    assert "restore a backup" in result.stderr
    assert sha256(damaged) == before


def _foreign(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (x)")
        db.execute("INSERT INTO notes VALUES ('mine')")
    sqlite3.connect(path).close()


def _newer(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('application', 'bilateral')")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def _foreign_with_a_version(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (name TEXT)")
        db.execute("PRAGMA user_version = 2")


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"minutes of the meeting, not a database\n" * 200)


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (_foreign, SchemaError, "not a bilateral database"),
        (_foreign_with_a_version, SchemaError, "not a bilateral database"),
        (_newer, SchemaError, "newer than this bilateral reads"),
        (_not_sqlite, DamagedDatabase, "file is not a database"),
    ],
)
@pytest.mark.parametrize("read_only", [False, True])
def test_a_refused_file_is_left_byte_for_byte(
    tmp_path: Path, make: object, error: type[Exception], message: str, read_only: bool
) -> None:
    path = tmp_path / "theirs.db"
    make(path)  # type: ignore[operator]
    before = sha256(path)
    with pytest.raises(error, match=message):
        Store(path, read_only=read_only)
    assert sha256(path) == before
    result = run("check", db=path)
    assert result.exit_code == 1 and message in result.stderr
    assert sha256(path) == before


def test_ingest_into_a_foreign_file_leaves_it_unchanged(inputs: tuple[Path, Path], tmp_path: Path) -> None:
    path = tmp_path / "theirs.db"
    _foreign(path)
    before = sha256(path)
    result = run("ingest", str(inputs[1]), db=path)
    assert result.exit_code == 1 and result.stderr.startswith(f"error[store.schema]: {path}: this SQLite file is not")
    assert sha256(path) == before
