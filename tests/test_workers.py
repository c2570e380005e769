"""``ingest --workers N``: analysis in N processes here, the same record as a serial ingest."""

from __future__ import annotations

import os
import pickle
import subprocess
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest
from test_kill import command, tables, write_corpus

from bilateral import parallel, records
from bilateral.actors import gazetteer
from bilateral.code.model import MODEL, Model
from bilateral.errors import ClusterError
from bilateral.parallel import CHUNK, analysed_in_processes
from bilateral.pipeline import analysed
from bilateral.read import read_paths
from bilateral.samples import corpus_dir


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Generated articles with broken lines, the bundled corpus, a file of boilerplate only, a missing file."""
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "empty.txt").write_text("Share this article\n")
    return [str(write_corpus(folder / "news.jsonl")), str(corpus_dir()), str(folder / "empty.txt"),
            str(folder / "missing.jsonl")]  # fmt: skip


def test_two_workers_give_the_serial_record(inputs: list[str], tmp_path: Path) -> None:
    serial, parallel = tmp_path / "serial.db", tmp_path / "parallel.db"
    done = subprocess.run(command(serial, "ingest", *inputs), capture_output=True, text=True, check=False)
    assert done.returncode == 3, done.stderr  # the broken lines, the empty file and the missing file fail
    both = subprocess.run(command(parallel, "ingest", "--workers", "2", *inputs), capture_output=True, text=True,
                          check=False)  # fmt: skip
    assert both.returncode == 3, both.stderr
    assert both.stdout == done.stdout  # read, new, duplicate and failed alike
    assert sorted(both.stderr.splitlines()) == sorted(done.stderr.splitlines())  # each failure named once
    expected, found = tables(serial), tables(parallel)
    assert expected["failures"] and expected["stories"], "the inputs were meant to hold failures and stories"
    for table, rows in expected.items():
        assert found[table] == rows, table


def test_results_come_back_in_input_order(inputs: list[str]) -> None:
    serial = [_key(item) for item in analysed(read_paths(inputs), gazetteer())]
    parallel = [_key(item) for item in analysed_in_processes(read_paths(inputs), workers=3)]
    assert len(serial) > 10 * CHUNK  # many chunks, in flight at once
    assert parallel == serial


def test_workers_code_with_the_model_they_are_asked_for() -> None:
    """The mode reaches the worker processes: their events are the serial ones, coder names included."""
    documents = list(read_paths([str(corpus_dir())]))
    serial = [_coded(item) for item in analysed(documents, gazetteer(), model=Model.REVIEW)]
    parallel = [_coded(item) for item in analysed_in_processes(documents, workers=2, model=Model.REVIEW)]
    assert parallel == serial
    assert any(MODEL in coder for article in serial for _, coder in article)  # the model did read them


def _coded(item: object) -> list[tuple[str, str]]:
    return [(event.id, event.coder) for event in getattr(item, "events", ())]


def _key(item: object) -> object:
    reading = getattr(item, "reading", None)
    return (reading.article.id, len(item.events)) if reading else (item.origin, item.code)  # type: ignore[attr-defined]


def test_workers_and_dask_are_one_or_the_other(tmp_path: Path) -> None:
    done = subprocess.run(command(tmp_path / "x.db", "ingest", "--workers", "2", "--dask", "local:2", "a.txt"),
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 2 and "choose one" in done.stderr
    assert not (tmp_path / "x.db").exists()


def _die(*_: object, **__: object) -> None:
    os._exit(9)


def test_a_worker_that_dies_stops_the_ingest_with_a_clear_error(
    inputs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "analyse", _die)  # the workers fork from this process, patched
    with pytest.raises(ClusterError, match="a worker process stopped"):
        list(analysed_in_processes(read_paths(inputs), workers=2))


def test_every_record_comes_back_from_pickle_as_it_went(inputs: list[str]) -> None:
    documents = list(read_paths(inputs))
    items = list(analysed(iter(documents), gazetteer()))
    assert any(getattr(item, "events", ()) for item in items)
    assert pickle.loads(pickle.dumps(documents)) == documents
    assert pickle.loads(pickle.dumps(items)) == items


def test_every_record_is_rebuilt_by_its_constructor_from_all_its_fields() -> None:
    """``_Record.__reduce__`` passes every field's value to the constructor, in order: a field the constructor does
    not take (``init=False``) or takes by keyword only would break it."""
    kinds = [kind for kind in vars(records).values() if isinstance(kind, type) and issubclass(kind, records._Record)]
    assert len(kinds) > 10
    for kind in kinds:
        if kind is records._Record:
            continue
        assert is_dataclass(kind) and kind.__reduce__ is records._Record.__reduce__, kind
        assert all(item.init and not item.kw_only for item in fields(kind)), kind
