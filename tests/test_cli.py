"""The CLI contract other tools rely on."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bilateral.cli import EXIT_SOME_FAILED, app

runner = CliRunner()


def run(*args: str, db: Path) -> Any:
    return runner.invoke(app, ["--db", str(db), *args], catch_exceptions=False)


def test_ingest_seeds_twice(seeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    first = run("ingest", str(seeds), db=db)
    assert first.exit_code == 0, first.output
    assert "read 2, new 2, duplicate 0, failed 0" in first.stdout
    again = run("ingest", str(seeds), db=db)
    assert "read 2, new 0, duplicate 2, failed 0" in again.stdout
    articles = json.loads(run("articles", "--format", "json", db=db).stdout)
    assert len(articles) == 2
    dated, undated = articles
    assert dated["published"] == "2025-11-24"
    assert dated["title"].startswith("Turkiye's Pres.: Ankara Focused On Steps To Advance Defense Cooperation")
    assert "Türkiye's support for Korean companies" in dated["text"]
    assert undated["published"] is None
    assert undated["text"].startswith("The Turkish foreign minister on Friday met")


def test_bad_files_are_named_stored_and_the_exit_status_says_so(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(" date 2024-03-05 10\nTalks\nThe French and German ministers met in Paris.\n")
    (inbox / "latin1.txt").write_bytes(
        "Die französische Außenministerin traf ihren Amtskollegen in München.".encode("latin-1")
    )
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (inbox / "cut.txt.gz").write_bytes(
        gzip.compress(b" date 2024-03-05 10\nT\nBody text that will be cut.\n" * 50)[:40]
    )
    db = tmp_path / "b.db"
    result = run("ingest", str(inbox), db=db)
    assert result.exit_code == EXIT_SOME_FAILED
    assert "read 2, new 2, duplicate 0, failed 3" in result.stdout
    failed_lines = [line for line in result.stderr.splitlines() if line.startswith("failed:")]
    assert len(failed_lines) == 3
    for name in ("empty.txt", "binary.txt", "cut.txt.gz"):
        assert sum(name in line for line in failed_lines) == 1
    texts = [article["text"] for article in json.loads(run("articles", "--format", "json", db=db).stdout)]
    assert any("Außenministerin traf ihren Amtskollegen in München" in text for text in texts)
    from bilateral.store import Store

    with Store(db) as store:
        assert {Path(failure.origin).name for failure in store.failures()} == {"empty.txt", "binary.txt", "cut.txt.gz"}


def mentions(path: Path, *extra: str, db: Path) -> list[dict[str, Any]]:
    result = run("actors", str(path), "--format", "json", *extra, db=db)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    for row in rows:
        assert row["start"] < row["end"]
    return rows


def test_actors_on_the_first_seed(seeds: Path, tmp_path: Path) -> None:
    rows = mentions(seeds / "000_71c7a69bdbeef647.txt", db=tmp_path / "b.db")
    names = {(row["country"], row["text"]) for row in rows if row["kind"] == "country"}
    for surface in ("Turkiye", "Turkish", "Ankara", "Türkiye"):
        assert ("TUR", surface) in names or ("TUR", surface.upper()) in names, surface
    for surface in ("S. Korea", "South Korea", "South Korean", "Korean", "Seoul"):
        assert ("KOR", surface) in names, surface
    people = {(row["name"], row["office"]) for row in rows if row["kind"] == "person"}
    assert ("Recep Tayyip Erdoğan", "President") in people
    assert ("Lee Jae-myung", "President") in people
    orgs = {row["name"] for row in rows if row["kind"] == "organisation"}
    assert {"Korea Electric Power Corporation", "Turkish Nuclear Energy Corporation", "Hyundai"} <= orgs
    igos = {row["country"] for row in rows if row["kind"] == "igo"}
    assert {"UN", "G20", "MIKTA"} <= igos
    lee = [row for row in rows if row["name"] == "Lee Jae-myung"]
    assert {row["text"] for row in lee} >= {"Lee Jae Myung", "Lee"}


def test_lee_is_president_only_from_june_2025(seeds: Path, tmp_path: Path) -> None:
    rows = mentions(seeds / "000_71c7a69bdbeef647.txt", "--date", "2025-05-01", db=tmp_path / "b.db")
    lee = [row for row in rows if row["name"] == "Lee Jae-myung"]
    assert lee and all(row["office"] is None for row in lee)


def test_actors_on_the_undated_seed(seeds: Path, tmp_path: Path) -> None:
    rows = mentions(seeds / "003_cd6dde936e8eb133.txt", db=tmp_path / "b.db")
    window = rows[0]["resolved_on"]
    assert window["start"].startswith("2021-05") and window["end"].startswith("2022-05")
    people = {(row["text"], row["name"], row["office"]) for row in rows if row["kind"] == "person"}
    assert ("foreign minister", "Mevlüt Çavuşoğlu", "Foreign Minister") in people
    assert ("counterpart", "Chung Eui-yong", "Foreign Minister") in people  # "his South Korean counterpart"
    assert any(name == "Mevlüt Çavuşoğlu" and text == "Çavuşoğlu" for text, name, _ in people)
    assert any(name == "Chung Eui-yong" and office for _, name, office in people)
    assert any(name == "Kim Boo-kyum" and office == "Prime Minister" for _, name, office in people)
    assert any(name == "Kang Eun-ho" for _, name, _ in people)
    assert any(name == "Ban Ki-moon" and office is None for _, name, office in people)
    orgs = {row["name"] for row in rows if row["kind"] == "organisation"}
    assert {"Daelim", "SK Engineering & Construction", "Defense Acquisition Program Administration"} <= orgs
    assert {"TUR", "KOR"} <= {row["country"] for row in rows if row["kind"] == "country"}


def test_actors_on_inline_text(tmp_path: Path) -> None:
    result = run("actors", "NATO and the ROK held talks in Brussels.", "--format", "json", db=tmp_path / "b.db")
    rows = json.loads(result.stdout)
    assert {(row["text"], row["country"]) for row in rows} >= {("NATO", "NATO"), ("ROK", "KOR")}


def test_demo(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = run("demo", db=db)
    assert result.exit_code == 0, result.output
    assert "most mentioned countries:" in result.stdout
    assert json.loads(run("articles", "--format", "json", db=db).stdout)
    again = run("demo", db=db)
    assert again.exit_code == 0, again.output


def test_demo_refuses_to_overwrite_other_data(seeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "mine.db"
    run("ingest", str(seeds), db=db)
    result = run("demo", db=db)
    assert result.exit_code == 1
    assert "--replace" in result.stderr


def test_errors_are_one_line(tmp_path: Path) -> None:
    db = tmp_path / "broken.db"
    db.write_bytes(b"not a database at all " * 200)
    result = run("articles", db=db)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "broken.db" in result.stderr
    bad_date = run("actors", "Some text.", "--date", "yesterday", db=tmp_path / "b.db")
    assert bad_date.exit_code == 1 and bad_date.stderr.startswith("error[usage]")
    for args, message in [
        (("events", "--since", "soon"), "error[usage]: --since 'soon'"),
        (("events", "--type", "FOO"), "error[usage]: --type 'FOO' is not one of AGREE"),
        (("code", ""), "error[input.empty]: <text>"),
    ]:
        result = run(*args, db=tmp_path / "b.db")
        assert result.exit_code == 1 and result.stderr.startswith(message), result.stderr


@pytest.mark.parametrize(
    "command",
    [[], ["ingest"], ["articles"], ["actors"], ["demo"], ["code"], ["events"], ["recode"], ["eval"], ["serve"]],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert len(result.stdout.split()) > 15


REQUIRED_EVENT_KEYS = {
    "event", "mode", "contexts", "cameo", "goldstein", "quad", "actor", "recipient",
    "date", "date_precision", "modality", "evidence",
}  # fmt: skip


def test_code_prints_events_with_evidence(tmp_path: Path) -> None:
    text = "Estonia expelled a Russian diplomat on Tuesday."
    result = run("code", text, "--date", "2025-03-14", "--format", "json", db=tmp_path / "b.db")
    assert result.exit_code == 0, result.output
    (event,) = json.loads(result.stdout)
    assert set(event) >= REQUIRED_EVENT_KEYS
    assert (event["event"], event["cameo"], event["date"]) == ("SANCTION", "166", "2025-03-11")
    assert [party["country"] for party in event["actor"]] == ["EST"]
    assert {"name", "country", "sector", "office"} <= set(event["actor"][0])
    assert event["evidence"]["quote"] == text
    assert not (tmp_path / "b.db").exists()  # code does not store


def test_code_takes_a_text_longer_than_a_file_name_can_be(tmp_path: Path) -> None:
    text = "Estonia expelled a Russian diplomat on Tuesday. " + "Officials gave no further details. " * 20
    result = run("code", text, "--date", "2025-03-14", "--format", "json", db=tmp_path / "b.db")
    assert result.exit_code == 0, result.output
    assert [event["event"] for event in json.loads(result.stdout)] == ["SANCTION"]


def test_events_from_the_store_and_recode(seeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    run("ingest", str(seeds), db=db)
    events = json.loads(run("events", "--pair", "KOR-TUR", "--format", "json", db=db).stdout)
    assert events and all({"TUR", "KOR"} <= {p["country"] for p in e["actor"] + e["recipient"]} for e in events)
    assert {e["date"] for e in events} >= {"2025-11-24", "2021-05-14"}
    consults = json.loads(run("events", "--type", "consult", "--format", "json", db=db).stdout)
    assert consults and {e["event"] for e in consults} == {"CONSULT"}
    recent = json.loads(run("events", "--since", "2025-01-01", "--format", "json", db=db).stdout)
    assert recent and all(e["date"] >= "2025-01-01" for e in recent)
    everything = json.loads(run("events", "--format", "json", db=db).stdout)
    csv_lines = run("events", "--format", "csv", db=db).stdout.splitlines()
    assert csv_lines[0].startswith("id,date,date_precision,event") and len(csv_lines) == len(everything) + 1
    recoded = run("recode", db=db)
    assert recoded.exit_code == 0 and f"{len(events)} events stored" in recoded.stdout
    assert json.loads(run("events", "--pair", "KOR-TUR", "--format", "json", db=db).stdout) == events
    assert run("events", "--pair", "TURKEY", db=db).exit_code == 1
