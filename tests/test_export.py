"""Exports: each format opens in its target tool's reader, with the columns and codes that tool expects."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import networkx
import pandas
import pyarrow.dataset
import pytest
from typer.testing import CliRunner

from bilateral.actors import Gazetteer
from bilateral.actors.countries import countries
from bilateral.actors.data import bundled_dir
from bilateral.cli import app
from bilateral.export import DAY_FORMATS, ExportFormat, export
from bilateral.export.codes import country_codes, country_names, cow, fips
from bilateral.export.flat import NAMES
from bilateral.export.gdelt import COLUMNS as GDELT_COLUMNS
from bilateral.export.gdelt import gdelt_rows
from bilateral.export.icews import COLUMNS as ICEWS_COLUMNS
from bilateral.export.icews import icews_rows
from bilateral.export.pairs import directed_pairs
from bilateral.export.polecat import COLUMNS as POLECAT_COLUMNS
from bilateral.frames import agreements_frame, events_frame, projects_frame, stories_frame, timeline_frame
from bilateral.ontology import EVENTS, cameo_table
from bilateral.pipeline import ingest
from bilateral.records import (
    ActorKind,
    ArticleRef,
    Event,
    EventDate,
    Evidence,
    Field,
    Modality,
    Party,
    Precision,
    SourcedEvent,
)
from bilateral.samples import corpus_dir
from bilateral.store import Query, Store
from tests.conftest import BACKENDS, database

runner = CliRunner()


@pytest.fixture(scope="module", params=BACKENDS)
def sample_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, gaz: Gazetteer
) -> Iterator[str]:
    """A store holding the bundled sample corpus (the demo database)."""
    with database(request.param, tmp_path_factory.mktemp("export")) as db:
        with Store(db) as store:
            ingest([str(corpus_dir())], store, gaz)
        yield db


def exported(db: Path, fmt: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", str(db), "export", "--format", fmt, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def stored(db: Path) -> list[SourcedEvent]:
    with Store(db) as store:
        return list(store.sourced_events())


def party(country: str, kind: ActorKind = ActorKind.COUNTRY, name: str | None = None) -> Party:
    return Party(name or country, name or country, country, kind)


def sourced(actor: tuple[Party, ...], recipient: tuple[Party, ...] = (), **extra: Any) -> SourcedEvent:
    fields: dict[str, Any] = {"modality": Modality.ASSERTED, **extra}
    event = Event(
        id="e1", event="CONSULT", mode=None, contexts=("diplomatic",), cameo="036", goldstein=4.0, quad=1,
        actor=actor, recipient=recipient,
        when=EventDate(date(2025, 11, 24), None, Precision.DAY, "published"), published=date(2025, 11, 24),
        evidence=Evidence("a1", Field.TEXT, 0, 20, "They met in Ankara.", "meet~"), **fields,
    )  # fmt: skip
    article = ArticleRef("a1", "news/a1.txt", "Talks", "https://example.org/a1", "Example Wire", "en")
    return SourcedEvent(event, article)


# -- PLOVER JSON lines --------------------------------------------------------------------------------------------


def test_plover_jsonl_has_plovers_fields_and_our_evidence(sample_db: Path) -> None:
    lines = exported(sample_db, "plover-jsonl").splitlines()
    assert len(lines) == len(stored(sample_db)) > 100
    for line in lines:
        record = json.loads(line)
        assert {"id", "date", "actor", "recipient", "event", "mode", "context", "quad_code", "event_text"} <= set(
            record
        )
        assert record["actor"] and all({"code", "sector", "entity_text"} <= set(entity) for entity in record["actor"])
        assert len(record["event"]) == 1 and record["event"][0] in EVENTS
        assert record["quad_code"] in (1, 2, 3, 4)
        assert record["event_text"] == [record["evidence"]["quote"]]
        assert record["cite_info"]["citation"] == record["evidence"]["article_id"]
    joint = [json.loads(line) for line in lines if not json.loads(line)["recipient"]]
    assert any(len({entity["code"] for entity in record["actor"]}) > 1 for record in joint)


@pytest.mark.parametrize(
    ("modality", "background", "added"),
    [
        (Modality.ASSERTED, False, []),
        (Modality.FUTURE, False, ["future"]),
        (Modality.NEGATED, False, ["negation"]),
        (Modality.HYPOTHETICAL, True, ["hypothetical", "historical"]),
    ],
)
def test_plover_auxiliary_modes_go_in_context(modality: Modality, background: bool, added: list[str]) -> None:
    item = sourced((party("TUR"),), (party("KOR"),), modality=modality, background=background)
    out = io.StringIO()
    export([item], ExportFormat.plover_jsonl, out)
    assert json.loads(out.getvalue())["context"] == ["diplomatic", *added]


# -- POLECAT TSV --------------------------------------------------------------------------------------------------


def test_polecat_tsv_has_polecats_columns(sample_db: Path) -> None:
    text = exported(sample_db, "polecat-tsv", "--pair", "TUR-KOR")
    frame = pandas.read_csv(io.StringIO(text), sep="\t", quoting=csv.QUOTE_NONE, dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == POLECAT_COLUMNS and len(POLECAT_COLUMNS) == 40
    assert len(frame) > 5
    assert set(frame["Quad Code"]) <= {
        "VERBAL COOPERATION",
        "MATERIAL COOPERATION",
        "VERBAL CONFLICT",
        "MATERIAL CONFLICT",
    }
    turkish = frame[frame["Actor Country"] == "TUR"]
    assert len(turkish) and set(turkish["Actor COW"]) == {"640"}
    assert set(frame[frame["Recipient Country"] == "KOR"]["Recipient COW"]) == {"732"}
    assert pandas.to_numeric(frame["Intensity"]).between(-10, 10).all()


# -- GDELT TSV ----------------------------------------------------------------------------------------------------


def gdelt_frame(text: str) -> pandas.DataFrame:
    codes = {name: str for name in GDELT_COLUMNS if name.endswith(("Code", "CountryCode", "ADM1Code"))}
    return pandas.read_csv(
        io.StringIO(text), sep="\t", header=None, names=list(GDELT_COLUMNS), quoting=csv.QUOTE_NONE, dtype=codes
    )


def test_gdelt_rows_have_61_typed_columns(sample_db: Path) -> None:
    text = exported(sample_db, "gdelt-tsv")
    assert all(line.count("\t") == 60 for line in text.splitlines())
    frame = gdelt_frame(text)
    assert len(GDELT_COLUMNS) == 61 and frame.shape[1] == 61
    assert frame["GlobalEventID"].dtype == "int64" and frame["GlobalEventID"].is_unique
    assert frame["QuadClass"].dtype == "int64" and set(frame["QuadClass"]) <= {1, 2, 3, 4}
    assert frame["GoldsteinScale"].dtype == "float64" and frame["GoldsteinScale"].between(-10, 10).all()
    assert frame["EventCode"].isin(list(cameo_table())).all()
    assert (frame["EventCode"].str[:2] == frame["EventRootCode"]).all()
    assert (frame["EventCode"].str[:3] == frame["EventBaseCode"]).all()
    assert (frame[["NumMentions", "NumSources", "NumArticles"]] >= 1).all().all()
    dated = frame.dropna(subset=["Day"])
    assert pandas.to_datetime(dated["Day"].astype("int64").astype(str), format="%Y%m%d").notna().all()
    iso = frame["Actor1CountryCode"].dropna()
    assert iso.str.fullmatch("[A-Z]{3}").all()
    assert frame["ActionGeo_CountryCode"].dropna().isin({codes.fips for codes in country_codes().values()}).all()
    assert frame["IsRootEvent"].isin([0, 1]).all()


def test_gdelt_places_use_fips_codes(sample_db: Path) -> None:
    frame = gdelt_frame(exported(sample_db, "gdelt-tsv", "--pair", "TUR-KOR"))
    places = set(zip(frame["ActionGeo_FullName"], frame["ActionGeo_CountryCode"], strict=True))
    assert ("Ankara", "TU") in places and ("Seoul", "KS") in places
    assert {"TUR", "KOR"} <= set(frame["Actor1CountryCode"])


@pytest.mark.parametrize(
    ("iso3", "fips_code", "cow_number"),
    [("TUR", "TU", 640), ("KOR", "KS", 732), ("PRK", "KN", 731), ("DEU", "GM", 255), ("GBR", "UK", 200),
     ("USA", "US", 2), ("CHN", "CH", 710), ("RUS", "RS", 365), ("AUT", "AU", 305), ("AUS", "AS", 900),
     ("HKG", "HK", None), ("NATO", "", None)],
)  # fmt: skip
def test_country_code_table(iso3: str, fips_code: str, cow_number: int | None) -> None:
    assert (fips(iso3), cow(iso3)) == (fips_code, cow_number)


def test_every_country_the_actor_files_know_has_a_fips_code() -> None:
    lines = (bundled_dir() / "countries.tsv").read_text(encoding="utf-8").splitlines()
    known = {line.split("\t")[0] for line in lines[1:] if line and not line.startswith(("#", "iso3"))}
    table = country_codes()
    assert known <= set(table)
    assert len({codes.fips for codes in table.values()}) == len(table)
    numbers = [codes.cow for codes in table.values() if codes.cow is not None]
    assert len(set(numbers)) == len(numbers)


@pytest.mark.parametrize(
    ("actor", "recipient", "pairs"),
    [
        (("TUR",), ("KOR",), [("TUR", "KOR")]),
        (("TUR", "KOR"), (), [("TUR", "KOR"), ("KOR", "TUR")]),
        (("FRA", "DEU", "GBR"), (),
         [("FRA", "DEU"), ("FRA", "GBR"), ("DEU", "FRA"), ("DEU", "GBR"), ("GBR", "FRA"), ("GBR", "DEU")]),
        (("EST",), (), [("EST", None)]),
        (("TUR", "TUR"), ("KOR",), [("TUR", "KOR")]),
        (("USA",), ("CHN", "RUS"), [("USA", "CHN"), ("USA", "RUS")]),
        (("TUR",), ("TUR",), [("TUR", None)]),
    ],
)  # fmt: skip
def test_directed_pairs(
    actor: tuple[str, ...], recipient: tuple[str, ...], pairs: list[tuple[str, str | None]]
) -> None:
    item = sourced(tuple(party(code) for code in actor), tuple(party(code) for code in recipient))
    assert directed_pairs(item.event) == pairs


def test_a_joint_event_is_a_gdelt_row_each_way() -> None:
    item = sourced(
        (party("TUR", name="Türkiye"), party("KOR", name="South Korea")),
        location="Ankara", location_country="TUR", latitude=39.92, longitude=32.85,
    )  # fmt: skip
    rows = list(gdelt_rows(item))
    assert len(rows) == 2 and all(len(row) == 61 for row in rows)
    column = {name: index for index, name in enumerate(GDELT_COLUMNS)}
    pairs = {(row[column["Actor1CountryCode"]], row[column["Actor2CountryCode"]]) for row in rows}
    assert pairs == {("TUR", "KOR"), ("KOR", "TUR")}
    for row in rows:
        assert row[column["EventCode"]] == "036" and row[column["EventRootCode"]] == "03"
        assert row[column["ActionGeo_CountryCode"]] == "TU" and row[column["ActionGeo_Type"]] == "4"
        assert row[column["Day"]] == "20251124" and row[column["SOURCEURL"]] == "https://example.org/a1"
    assert rows[0][column["GlobalEventID"]] != rows[1][column["GlobalEventID"]]


# -- ICEWS TSV ----------------------------------------------------------------------------------------------------


def test_icews_tsv_has_icews_columns_one_row_per_dyad(sample_db: Path) -> None:
    text = exported(sample_db, "icews-tsv", "--pair", "TUR-KOR")
    frame = pandas.read_csv(io.StringIO(text), sep="\t", quoting=csv.QUOTE_NONE, dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == ICEWS_COLUMNS and len(ICEWS_COLUMNS) == 20
    assert len(frame) > 5 and frame["Event ID"].str.isdigit().all() and frame["Event ID"].is_unique
    assert set(frame["Source Country"]) | set(frame["Target Country"]) <= {"Türkiye", "South Korea", ""}
    labels = {code: row.label for code, row in cameo_table().items()}
    assert (frame["Event Text"] == frame["CAMEO Code"].map(labels)).all()
    assert pandas.to_numeric(frame["Intensity"]).between(-10, 10).all()
    assert pandas.to_datetime(frame["Event Date"], format="%Y-%m-%d").notna().all()


def test_a_joint_event_is_an_icews_row_each_way() -> None:
    item = sourced(
        (party("TUR", name="Türkiye"), party("KOR", name="South Korea")),
        location="Ankara", location_country="TUR", latitude=39.92, longitude=32.85,
    )  # fmt: skip
    rows = [dict(zip(ICEWS_COLUMNS, row, strict=True)) for row in icews_rows(item)]
    assert {(row["Source Country"], row["Target Country"]) for row in rows} == {
        ("Türkiye", "South Korea"),
        ("South Korea", "Türkiye"),
    }
    for row in rows:
        assert (row["Event Date"], row["CAMEO Code"], row["Intensity"]) == ("2025-11-24", "036", "4")
        assert (row["City"], row["Country"], row["Story ID"], row["Publisher"]) == (
            "Ankara",
            "Türkiye",
            "a1",
            "Example Wire",
        )


# -- CSV, Parquet, data frames --------------------------------------------------------------------------------------


def test_csv_is_one_row_per_event(sample_db: Path) -> None:
    frame = pandas.read_csv(io.StringIO(exported(sample_db, "csv")), dtype={"cameo": str})
    assert len(frame) == len(stored(sample_db))
    assert frame["id"].is_unique and frame["joint"].dtype == "bool" and frame["joint"].any()
    assert frame["cameo"].str.fullmatch("[0-9]{2,4}").all()
    assert frame["quote"].str.len().gt(0).all()


def export_parquet(db: Path, folder: Path, *args: str) -> None:
    result = runner.invoke(app, ["--db", str(db), "export", "--format", "parquet", "-o", str(folder), *args])
    assert result.exit_code == 0, result.output


def test_parquet_is_a_dataset_by_year_and_month_with_typed_columns(sample_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "events"
    export_parquet(sample_db, folder)
    months = sorted(path.relative_to(folder).parent.as_posix() for path in folder.rglob("*.parquet"))
    assert months and all(re.fullmatch(r"year=\d{4}/month=\d\d|year=__HIVE_DEFAULT_PARTITION__/month=.*", month)
                          for month in months)  # fmt: skip
    table = pyarrow.dataset.dataset(folder, partitioning="hive").to_table()
    assert table.num_rows == len(stored(sample_db))
    assert str(table.schema.field("date").type) == "date32[day]" and str(table.schema.field("quad").type) == "int64"
    for row in table.select(["date", "placed_on", "year", "month"]).to_pylist():
        day = row["date"] or row["placed_on"]
        assert (row["year"], row["month"]) == ((day.year, day.month) if day else (None, None))
    frame = pandas.read_parquet(folder)
    assert len(frame) == table.num_rows and frame["goldstein"].dtype == "float64" and frame["joint"].dtype == "bool"
    assert (frame["cameo"].str.len() >= 2).all()


def test_dask_reads_the_parquet_dataset_as_one_table(sample_db: Path, tmp_path: Path) -> None:
    dataframe = pytest.importorskip("dask.dataframe", reason="dask is not installed")
    folder = tmp_path / "events"
    export_parquet(sample_db, folder)
    frame = dataframe.read_parquet(str(folder)).compute()
    assert sorted(frame["id"]) == sorted(item.event.id for item in stored(sample_db))
    assert {"year", "month"} <= set(frame.columns)


def test_duckdb_reads_the_parquet_dataset_as_one_table(sample_db: Path, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb", reason="duckdb is not installed")
    folder = tmp_path / "events"
    export_parquet(sample_db, folder)
    query = f"SELECT count(*) FROM read_parquet('{folder}/**/*.parquet', hive_partitioning = true)"
    assert duckdb.sql(query).fetchone()[0] == len(stored(sample_db))


def test_parquet_export_replaces_its_own_dataset_and_nothing_else(sample_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "events"
    export_parquet(sample_db, folder)
    export_parquet(sample_db, folder, "--type", "CONSULT")
    consults = [item for item in stored(sample_db) if item.event.event == "CONSULT"]
    assert pyarrow.dataset.dataset(folder, partitioning="hive").count_rows() == len(consults)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["events"]
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    result = runner.invoke(app, ["--db", str(sample_db), "export", "--format", "parquet", "-o", str(mine)])
    assert result.exit_code == 1 and "is not a Parquet export" in result.stderr
    assert (mine / "notes.txt").read_text() == "mine"


def test_parquet_of_no_events_is_still_a_dataset(sample_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "none"
    export_parquet(sample_db, folder, "--since", "2999-01-01")
    assert pandas.read_parquet(folder).shape == (0, len(NAMES))


def test_events_frame(sample_db: Path) -> None:
    frame = events_frame(sample_db, pair=("TUR", "KOR"))
    assert len(frame) > 5 and str(frame["date"].dtype).startswith("datetime64")
    assert frame["actor_countries"].str.contains("TUR|KOR").all()
    with Store(sample_db) as store:
        assert len(events_frame(store, event="CONSULT")) == len(store.events(Query(event="CONSULT")))


def test_registry_and_timeline_frames(sample_db: Path) -> None:
    pair = ("TUR", "KOR")
    timeline = timeline_frame(sample_db, pair, by="year")
    assert list(timeline["label"]) == [str(year) for year in range(2021, 2026)]
    assert timeline.loc[timeline["label"] == "2022", "stories"].item() == 0
    told = stories_frame(sample_db, pair=pair)
    assert timeline["stories"].sum() == len(told[told["date_precision"] != "window"])  # a window is in no year
    assert str(timeline["start"].dtype).startswith("datetime64")
    stages = agreements_frame(sample_db, pair=pair)
    memorandum = stages[stages["topic"] == "nuclear energy"]
    assert set(memorandum["stage_stage"]) >= {"signed"} and memorandum["id"].nunique() == 1
    milestones = projects_frame(sample_db, pair=pair)
    assert set(milestones.loc[milestones["name"] == "Altay tank", "date"].dt.year) >= {2021, 2025}


# -- GraphML ----------------------------------------------------------------------------------------------------


def test_graphml_opens_in_networkx(sample_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    result = runner.invoke(app, ["--db", str(sample_db), "export", "--format", "graphml", "-o", str(path)])
    assert result.exit_code == 0, result.output
    graph = networkx.read_graphml(path)
    assert graph.is_directed() and graph.number_of_edges() > 20
    assert graph.nodes["TUR"]["name"] == "Türkiye" and graph.has_edge("TUR", "KOR") and graph.has_edge("KOR", "TUR")
    for _, _, edge in graph.edges(data=True):
        assert sum(edge[f"quad{quad}"] for quad in (1, 2, 3, 4)) == edge["events"] >= 1
        assert -10 <= edge["goldstein_mean"] <= 10


# -- streaming, filters and errors --------------------------------------------------------------------------------


class Lines(io.StringIO):
    """A text stream that counts the lines written to it."""

    def lines(self) -> int:
        return self.getvalue().count("\n")


@pytest.mark.parametrize(
    ("fmt", "header"), [(ExportFormat.plover_jsonl, 0), (ExportFormat.polecat_tsv, 1), (ExportFormat.csv, 1)]
)
def test_text_formats_stream(sample_db: Path, fmt: ExportFormat, header: int) -> None:
    out = Lines()

    written = 0

    def items() -> Iterator[SourcedEvent]:
        nonlocal written
        with Store(sample_db) as store:
            for item in store.sourced_events():
                assert out.lines() == written + header  # each event is written before the next is read
                written += fmt not in DAY_FORMATS or item.when.day is not None
                yield item

    assert export(items(), fmt, out) == out.lines() - header


def test_filters_reach_every_format(sample_db: Path) -> None:
    for line in exported(sample_db, "plover-jsonl", "--pair", "KOR-TUR").splitlines():
        record = json.loads(line)
        assert {"TUR", "KOR"} <= {entity["code"] for entity in record["actor"] + record["recipient"]}
    consults = pandas.read_csv(io.StringIO(exported(sample_db, "csv", "--type", "consult")))
    assert len(consults) and set(consults["event"]) == {"CONSULT"}
    early = gdelt_frame(exported(sample_db, "gdelt-tsv", "--until", "2021-12-31"))
    assert len(early) and (early["Day"] <= 20211231).all()
    recent = [json.loads(line) for line in exported(sample_db, "plover-jsonl", "--since", "2025-01-01").splitlines()]
    assert recent and all((record["enddate"] or record["date"]) >= "2025-01-01" for record in recent)


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("--format", "parquet"), 2, "error[usage]: --format parquet writes a folder of files: give -o FOLDER"),
        (("--format", "csv", "-o", "/nonexistent/x.csv"), 1, "error[export]: /nonexistent/x.csv: cannot write"),
        (("--format", "csv", "--pair", "TURKEY"), 2, "error[usage]: pair 'TURKEY' must be two countries joined by '-'"),
        (("--format", "csv", "--pair", "TUR-XYZ"), 2, "error[usage.country]: unknown country 'XYZ'"),
    ],
)  # fmt: skip
def test_errors_are_one_line(sample_db: Path, args: tuple[str, ...], status: int, message: str) -> None:
    result = runner.invoke(app, ["--db", str(sample_db), "export", *args])
    assert result.exit_code == status
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr


def test_a_failed_export_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"

    def failing() -> Iterator[SourcedEvent]:
        yield sourced((party("TUR"),), (party("KOR"),))
        raise RuntimeError("store went away")

    with pytest.raises(RuntimeError):
        export(failing(), ExportFormat.plover_jsonl, target)
    assert list(tmp_path.iterdir()) == []


def test_export_has_help() -> None:
    result = runner.invoke(app, ["export", "--help"])
    assert result.exit_code == 0 and "--format" in result.stdout and "plover-jsonl" in result.stdout


def test_an_igo_in_a_gdelt_row_is_a_known_group_not_a_country() -> None:
    item = sourced((party("NATO", ActorKind.IGO, "North Atlantic Treaty Organization"),), (party("RUS"),))
    (row,) = gdelt_rows(item)
    column = {name: index for index, name in enumerate(GDELT_COLUMNS)}
    assert row[column["Actor1Code"]] == "NATO" and row[column["Actor1KnownGroupCode"]] == "NATO"
    assert row[column["Actor1CountryCode"]] == "" and row[column["Actor1Type1Code"]] == "IGO"
    assert row[column["Actor2CountryCode"]] == "RUS" and row[column["Actor2Name"]] == "RUS"


def test_exports_name_countries_from_the_table_country_arguments_use() -> None:
    assert country_names() is countries().names  # one table, built once
