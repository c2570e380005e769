"""Dates shown with their precision, end to end (issue 15, finding 1), and the export options of finding 4.

The second seed is undated: its office holders give the window 2021-05-14 to 2022-05-11.
With the seeds alone nothing places it; with the bundled corpus, a dated report of the same
visit places it on 2021-10-22. A window is never shown, or exported, as its first day.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import networkx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from bilateral.actors import Gazetteer
from bilateral.cli import app
from bilateral.export.days import LeftOut, reason
from bilateral.export.gdelt import COLUMNS as GDELT
from bilateral.export.links import source_link
from bilateral.export.polecat import COLUMNS as POLECAT
from bilateral.pipeline import ingest
from bilateral.places import geonames_id, place
from bilateral.records import ArticleRef, EventDate, Precision, placed_date
from bilateral.report.brief import build
from bilateral.report.markdown import render
from bilateral.samples import corpus_dir
from bilateral.serve import create_app
from bilateral.store import Store

runner = CliRunner()
WINDOW = EventDate(date(2021, 5, 14), date(2022, 5, 11), Precision.WINDOW, "office-holder window")
DAY = EventDate(date(2021, 10, 22), date(2021, 10, 22), Precision.DAY, "weekday 'on Friday' before publication")
SHOWN = "2021-05-14 to 2022-05-11 (window)"
PLACED = "2021-10-22 (placed by a dated story)"


@pytest.mark.parametrize(
    ("when", "label", "day"),
    [
        (DAY, "2021-10-22", date(2021, 10, 22)),
        (WINDOW, SHOWN, None),
        (EventDate(date(2025, 6, 4), None, Precision.WINDOW, "office-holder window"), "from 2025-06-04 (window)", None),
        (EventDate(date(2025, 10, 1), date(2025, 10, 31), Precision.MONTH, "month"), "2025-10-01 to 2025-10-31 (month)",
         None),
        (EventDate(None, None, None, "undated"), "undated", None),
        (placed_date(WINDOW, DAY), PLACED, date(2021, 10, 22)),
    ],
)  # fmt: skip
def test_a_date_says_its_precision(when: EventDate, label: str, day: date | None) -> None:
    assert when.label() == label
    assert when.day == day


@pytest.mark.parametrize(
    ("own", "story", "expected"),
    [
        (WINDOW, None, WINDOW),
        (WINDOW, WINDOW, WINDOW),  # a story of undated reports alone places nothing
        (WINDOW, DAY, EventDate(DAY.start, DAY.end, DAY.precision, DAY.method, placed=True)),
        (DAY, DAY, DAY),  # a dated report is not "placed"
    ],
)
def test_a_dated_story_places_an_undated_report(own: EventDate, story: EventDate | None, expected: EventDate) -> None:
    assert placed_date(own, story) == expected


@pytest.mark.parametrize(
    ("when", "why"),
    [
        (WINDOW, "dated only by an office-holder window"),
        (EventDate(date(2025, 10, 1), date(2025, 10, 31), Precision.MONTH, "month"), "dated only to the month"),
        (EventDate(None, None, None, "undated"), "undated"),
    ],
)
def test_why_a_row_has_no_day(when: EventDate, why: str) -> None:
    assert reason(when) == why


def test_left_out_rows_are_described_in_one_line() -> None:
    left = LeftOut()
    left.reasons.update({"dated only by an office-holder window": 3, "dated only to the month": 1})
    assert left.describe() == (
        "left out 4 rows with no known day (3 dated only by an office-holder window; 1 dated only to the month)"
    )


@pytest.mark.parametrize(
    ("url", "origin", "expected"),
    [
        ("https://example.org/a", "feed.xml", "https://example.org/a"),
        (None, "https://example.org/b", "https://example.org/b"),
        (None, "-", ""),
        (None, "<text>", ""),
    ],
)
def test_source_links(url: str | None, origin: str, expected: str) -> None:
    assert source_link(ArticleRef("x", origin, "", url)) == expected


def test_a_local_file_is_an_absolute_file_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "news.jsonl").write_text("{}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for origin in ("news.jsonl", "news.jsonl:12", str(tmp_path / "news.jsonl")):
        link = source_link(ArticleRef("x", origin, ""))
        assert link.startswith("file:///")
        assert Path(url2pathname(urlparse(link).path)) == tmp_path / "news.jsonl"


def test_geonames_ids_only_for_geonames_coordinates() -> None:
    ankara = place("Ankara")
    assert ankara is not None and ankara.geonames_id == 323786
    assert geonames_id("Ankara", ankara.latitude, ankara.longitude) == 323786
    assert geonames_id("Ankara", 1.0, 2.0) is None


# -- end to end on the seeds ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, gaz: Gazetteer, seeds: Path) -> Path:
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Store(path) as store:
        ingest([str(seeds)], store, gaz)
    return path


@pytest.fixture(scope="module")
def placed_db(tmp_path_factory: pytest.TempPathFactory, gaz: Gazetteer, seeds: Path) -> Path:
    path = tmp_path_factory.mktemp("placed") / "placed.db"
    with Store(path) as store:
        ingest([str(corpus_dir()), str(seeds)], store, gaz)
    return path


def cli(db: Path, *args: str) -> tuple[str, str]:
    result = runner.invoke(app, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def window_events(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        (count,) = connection.execute(
            """SELECT count(*) FROM events WHERE background = 0
            AND json_extract(record, '$.date_precision') = 'window'"""
        ).fetchone()
    return int(count)


def test_registry_stages_show_the_window(seeds_db: Path) -> None:
    table, _ = cli(seeds_db, "agreements", "--pair", "TUR-KOR")
    assert "(window)" in " ".join(table.split())
    entries = json.loads(cli(seeds_db, "agreements", "--format", "json")[0])
    taxation = next(entry for entry in entries if entry["topic"] == "double taxation")
    (revised,) = taxation["stages"]
    assert (revised["date"], revised["date_end"], revised["date_precision"], revised["date_placed"]) == (
        "2021-05-14", "2022-05-11", "window", False,
    )  # fmt: skip
    assert revised["date_label"] == SHOWN


def test_the_brief_shows_the_window_not_its_first_day(seeds_db: Path) -> None:
    with Store(seeds_db) as store:
        text = render(build(store, ("TUR", "KOR"), since=date(2021, 1, 1)))
    assert f"Signed {SHOWN}" in text
    assert "Signed 2021-05-14 (" not in text


def test_day_formats_leave_windows_out_and_say_how_many(seeds_db: Path) -> None:
    windows = window_events(seeds_db)
    assert windows > 0
    for fmt, columns, day in (("gdelt-tsv", GDELT, "Day"), ("polecat-tsv", POLECAT, "Event Date")):
        rows, stderr = cli(seeds_db, "export", "--format", fmt)
        lines = [line.split("\t") for line in rows.splitlines()]
        records = [dict(zip(columns, line, strict=True)) for line in (lines[1:] if fmt == "polecat-tsv" else lines)]
        assert records and {record[day] for record in records} <= {"20251124", "2025-11-24"}
        assert "left out" in stderr and "dated only by an office-holder window" in stderr
    _, stderr = cli(seeds_db, "export", "--format", "polecat-tsv")
    assert f"left out {windows} rows with no known day ({windows} dated only by an office-holder window)" in stderr


def test_formats_that_carry_a_window_carry_it_whole(seeds_db: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(cli(seeds_db, "export", "--format", "csv")[0])))
    undated = [row for row in rows if row["date_precision"] == "window"]
    assert undated and all((row["date"], row["date_end"], row["placed_on"]) == ("2021-05-14", "2022-05-11", "")
                           for row in undated)  # fmt: skip
    for line in cli(seeds_db, "export", "--format", "plover-jsonl")[0].splitlines():
        record = json.loads(line)
        if record["date_precision"] == "window":
            assert record["enddate"] == "2022-05-11" and record["story"]["placed_on"] is None


def test_graphml_dates_come_from_known_days_only(seeds_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "pairs.graphml"
    cli(seeds_db, "export", "--format", "graphml", "-o", str(path))
    edge = networkx.read_graphml(path).edges["KOR", "TUR"]
    assert edge["first"] == "2025-11-24" and edge["events"] > 0


def test_api_and_dashboard_show_the_window(seeds_db: Path) -> None:
    with TestClient(create_app(seeds_db, hosts=["testserver"])) as client:
        entries = client.get("/api/agreements?pair=TUR-KOR").json()["items"]
        labels = {stage["date_label"] for entry in entries for stage in entry["stages"]}
        assert SHOWN in labels
        events = client.get("/api/events?pair=TUR-KOR&limit=500").json()["items"]
        assert {event["placed_on"] for event in events} == {None}
        page = client.get("/pairs/TUR-KOR").text
        assert SHOWN in page
        dyad = client.get("/api/dyads").json()["items"][0]
        assert dyad["first_date"] == "2025-11-24"


def test_a_placed_report_says_so_everywhere(placed_db: Path) -> None:
    entries = json.loads(cli(placed_db, "agreements", "--pair", "TUR-KOR", "--format", "json")[0])
    science = next(entry for entry in entries if entry["topic"] == "science and technology")
    revised = next(stage for stage in science["stages"] if stage["stage"] == "revised")  # told by the undated seed
    assert (revised["date"], revised["date_precision"], revised["date_placed"]) == ("2021-10-22", "day", True)
    assert revised["date_label"] == PLACED
    events = json.loads(cli(placed_db, "events", "--pair", "TUR-KOR", "--format", "json")[0])
    placed = [event for event in events if event["placed_on"]]
    assert placed and {event["placed_on"] for event in placed} == {"2021-10-22"}
    assert all(event["date_precision"] == "window" for event in placed)
    rows, _ = cli(placed_db, "export", "--format", "gdelt-tsv", "--pair", "TUR-KOR", "--until", "2021-12-31")
    days = {line.split("\t")[1] for line in rows.splitlines()}
    assert days == {"20211022"}  # the placed day, never the window's first
    with TestClient(create_app(placed_db, hosts=["testserver"])) as client:
        assert PLACED in client.get("/pairs/TUR-KOR").text


# -- finding 4: per story, DATEADDED, GeoNames, file links --------------------------------------------------------


def test_per_story_is_one_row_per_story_with_its_counts(placed_db: Path) -> None:
    args = ("export", "--format", "csv", "--pair", "TUR-KOR", "--type", "CONSULT")
    per_event = list(csv.DictReader(io.StringIO(cli(placed_db, *args)[0])))
    per_story = list(csv.DictReader(io.StringIO(cli(placed_db, *args, "--per", "story")[0])))
    stories = json.loads(cli(placed_db, "stories", "--pair", "TUR-KOR", "--type", "CONSULT", "--format", "json")[0])
    assert len(per_story) == len(stories) < len(per_event)
    assert len({row["story"] for row in per_story}) == len(per_story)
    counts = {story["id"]: (story["n_articles"], story["n_sources"]) for story in stories}
    assert {row["story"]: (int(row["n_articles"]), int(row["n_sources"])) for row in per_story} == counts
    summit = next(row for row in per_story if row["date"] == "2025-11-24")
    assert int(summit["n_articles"]) > 1
    gdelt = cli(placed_db, "export", "--format", "gdelt-tsv", "--pair", "TUR-KOR", "--type", "CONSULT",
                "--per", "story")[0]  # fmt: skip
    assert len({line.split("\t")[1] for line in gdelt.splitlines()}) <= len(stories)


def test_gdelt_dateadded_is_when_the_article_was_stored(seeds_db: Path) -> None:
    with sqlite3.connect(seeds_db) as connection:
        stored = {
            datetime.fromisoformat(added).astimezone(UTC).strftime("%Y%m%d%H%M%S")
            for (added,) in connection.execute("SELECT ingested_at FROM articles")
        }
    rows = [dict(zip(GDELT, line.split("\t"), strict=True)) for line in cli(seeds_db, "export", "--format",
                                                                           "gdelt-tsv")[0].splitlines()]  # fmt: skip
    assert rows and {row["DATEADDED"] for row in rows} <= stored
    assert all(row["DATEADDED"] != row["Day"] + "000000" for row in rows)


def test_polecat_geonames_ids_and_file_links(seeds_db: Path, seeds: Path) -> None:
    lines = cli(seeds_db, "export", "--format", "polecat-tsv")[0].splitlines()
    records = [dict(zip(POLECAT, line.split("\t"), strict=True)) for line in lines[1:]]
    ankara = [record for record in records if record["Placename"] == "Ankara" and record["Latitude"]]
    assert ankara and {record["GeoNames ID"] for record in ankara} == {"323786"}
    assert all(record["GeoNames ID"] == "" for record in records if not record["Latitude"])
    links = {line.split("\t")[-1] for line in cli(seeds_db, "export", "--format", "gdelt-tsv")[0].splitlines()}
    assert links and all(link.startswith("file:///") for link in links)
    assert {Path(url2pathname(urlparse(link).path)).resolve() for link in links} <= {
        path.resolve() for path in seeds.iterdir()
    }
