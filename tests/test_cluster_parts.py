"""Partitions for a cluster ingest, analysed here one by one: the same results, in the same order, as a serial read."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from bilateral.actors import Gazetteer
from bilateral.cluster import Lines, Whole, analyse_partition, partitions
from bilateral.pipeline import analysed
from bilateral.read import read_paths
from bilateral.records import Failure

TEXT = "Turkish and Korean ministers met in Seoul on Monday to discuss energy cooperation, officials said."


def line(number: int) -> str:
    return json.dumps(
        {"title": f"Talks {number}", "text": f"{TEXT} Round {number}.", "date": f"2024-05-0{1 + number % 9}"}
    )


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    """A dump with a broken line and a run of blank lines, a blank dump, a cut gzip dump, a folder, a missing path."""
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join([line(1), line(2), '{"text": "cut', "", "", "", "", line(3), *map(line, range(4, 12))]))
    (tmp_path / "blank.jsonl").write_text("\n\n\n   \n")
    whole = gzip.compress("\n".join(map(line, range(20, 30))).encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) * 2 // 3])
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT)
    (folder / "b.txt").write_text("Share this article\n")
    return [str(dump), str(tmp_path / "blank.jsonl"), str(tmp_path / "cut.jsonl.gz"), str(folder),
            str(tmp_path / "missing.jsonl")]  # fmt: skip


@pytest.mark.parametrize("size", [1, 3, 500])
def test_partitions_give_what_a_serial_read_gives(inputs: list[str], gaz: Gazetteer, size: int) -> None:
    serial = list(analysed(read_paths(inputs), gaz))
    planned = list(partitions(inputs, as_format=None, size=size))
    parted = [result for partition in planned for result in analyse_partition(partition, None, ())]
    assert parted == serial
    assert sum(isinstance(result, Failure) for result in serial) >= 4  # the cut line, blank file, gzip, missing


def test_a_long_dump_goes_out_in_runs_of_lines_numbered_as_in_the_file(inputs: list[str]) -> None:
    parts = [part for partition in partitions(inputs[:1], as_format=None, size=3) for part in partition]
    assert all(isinstance(part, Lines) for part in parts)
    assert [part.first for part in parts if isinstance(part, Lines)] == [1, 7, 10, 13, 16]  # lines 4-6: blank


def test_a_blank_dump_goes_whole_to_a_worker_to_be_named_empty(inputs: list[str]) -> None:
    assert list(partitions(inputs[1:2], as_format=None, size=3)) == [[Whole(inputs[1])]]


def test_standard_input_is_refused_on_a_cluster() -> None:
    [[failure]] = partitions(["-"], as_format=None, size=10)
    assert isinstance(failure, Failure) and failure.origin == "<stdin>" and "save it to a file" in failure.message
