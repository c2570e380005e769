"""The CLI contract other tools rely on."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bilateral.cli import EXIT_SOME_FAILED, app
from bilateral.cli.common import EXIT_USAGE
from bilateral.ontology import EVENTS
from tests.conftest import BACKENDS, database

runner = CliRunner()


def run(*args: str, db: str | Path) -> Any:
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
    assert result.exit_code == EXIT_SOME_FAILED, result.output  # the corpus holds two boilerplate-only pages
    assert "failed 2" in result.stdout and "most mentioned countries:" in result.stdout
    assert json.loads(run("articles", "--format", "json", db=db).stdout)
    again = run("demo", db=db)
    assert again.exit_code == EXIT_SOME_FAILED, again.output
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    chained = re.findall(r"^\$ .*\bdemo\b[^;|\n]*&&.*$", readme, flags=re.MULTILINE)
    assert not chained  # demo exits 3 on the bundled corpus, so `demo && next` never runs next


def test_demo_refuses_to_overwrite_other_data(seeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "mine.db"
    run("ingest", str(seeds), db=db)
    result = run("demo", db=db)
    assert result.exit_code == EXIT_USAGE
    assert "--replace" in result.stderr


def test_errors_are_one_line(tmp_path: Path) -> None:
    db = tmp_path / "broken.db"
    db.write_bytes(b"not a database at all " * 200)
    result = run("articles", db=db)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "broken.db" in result.stderr
    bad_date = run("actors", "Some text.", "--date", "yesterday", db=tmp_path / "b.db")
    assert bad_date.exit_code == EXIT_USAGE and bad_date.stderr.startswith("error[usage]")
    for args, status, message in [
        (("events", "--since", "soon"), EXIT_USAGE, "error[usage]: --since 'soon'"),
        (("events", "--type", "FOO"), EXIT_USAGE, "error[usage]: --type 'FOO' is not one of AGREE"),
        (("code", ""), 1, "error[input.empty]: <text>"),
    ]:
        result = run(*args, db=tmp_path / "b.db")
        assert result.exit_code == status and result.stderr.startswith(message), result.stderr


COMMANDS_WITH_HELP = [
    [], ["ingest"], ["articles"], ["actors"], ["demo"], ["code"], ["events"], ["recode"], ["eval"], ["serve"],
    ["watch"], ["alerts"],
]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS_WITH_HELP)
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert len(result.stdout.split()) > 15


@pytest.mark.parametrize("command", [["events"], ["stories"], ["export"]])
def test_type_options_list_the_types(command: list[str]) -> None:
    listed = " ".join(runner.invoke(app, [*command, "--help"], terminal_width=200).stdout.split())
    assert "STATEMENT" in listed and all(name in listed for name in EVENTS)


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
    assert csv_lines[0].startswith("id,date,date_end,date_precision,placed_on,event")
    assert len(csv_lines) == len(everything) + 1
    recoded = run("recode", db=db)
    assert recoded.exit_code == 0 and f"{len(events)} events stored" in recoded.stdout
    assert json.loads(run("events", "--pair", "KOR-TUR", "--format", "json", db=db).stdout) == events
    assert run("events", "--pair", "TURKEY", db=db).exit_code == EXIT_USAGE


def test_events_take_the_apis_filters(seeds: Path, tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    run("ingest", str(seeds), db=db)
    everything = json.loads(run("events", "--format", "json", db=db).stdout)

    def listed(*options: str) -> list[str]:
        result = run("events", *options, "--format", "json", db=db)
        assert result.exit_code == 0, result.output
        return [event["id"] for event in json.loads(result.stdout)]

    def side(event: dict[str, Any], name: str, country: str) -> bool:
        return any(party["country"] == country for party in event[name])

    cases = {
        ("--from", "Turkey", "--to", "KR"): lambda e: side(e, "actor", "TUR") and side(e, "recipient", "KOR"),
        ("--from", "KOR"): lambda e: side(e, "actor", "KOR"),
        ("--to", "TUR", "--quad", "1"): lambda e: side(e, "recipient", "TUR") and e["quad"] == 1,
        ("--country", "KOR", "--goldstein-min", "4"): lambda e: (
            e["goldstein"] >= 4 and (side(e, "actor", "KOR") or side(e, "recipient", "KOR"))
        ),
        ("--goldstein-max", "2"): lambda e: e["goldstein"] <= 2,
        ("--context", "military"): lambda e: "military" in e["contexts"],
        ("--text", "Altay"): lambda e: "altay" in e["evidence"]["quote"].lower(),
    }
    for options, wanted in cases.items():
        expected = [event["id"] for event in everything if wanted(event)]
        assert expected and listed(*options) == expected, options
    assert listed("--modality", "future") == [] and listed("--modality", "asserted") == [e["id"] for e in everything]
    assert run("events", "--from", "Narnia", db=db).exit_code == EXIT_USAGE
    assert run("events", "--quad", "5", db=db).exit_code == EXIT_USAGE


SUMMIT = (
    " date 2025-11-24 1\nLeaders meet in Ankara\n"
    "Turkish President Recep Tayyip Erdogan hosted South Korean President Lee Jae-myung in Ankara on Monday. "
    "The two presidents signed a memorandum on nuclear energy cooperation. "
    "They agreed to cooperate on the Altay tank.\n"
)


@pytest.fixture(scope="module", params=BACKENDS)
def summit_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One summit article, ingested by the command, on each backend."""
    folder = tmp_path_factory.mktemp("summit")
    (folder / "summit.txt").write_text(SUMMIT)
    with database(request.param, folder) as db:
        assert run("ingest", str(folder / "summit.txt"), db=db).exit_code == 0
        yield db


def test_a_csv_dump_is_read_by_its_header(tmp_path: Path) -> None:
    dump = tmp_path / "arts.csv"
    dump.write_text(f'title,text,date\n"Leaders meet","{SUMMIT.split(chr(10), 2)[2].strip()}",24 November 2025\n')
    db = tmp_path / "b.db"
    result = run("ingest", str(dump), db=db)
    assert result.exit_code == 0 and "read 1, new 1" in result.stdout, result.output
    (article,) = json.loads(run("articles", "--format", "json", db=db).stdout)
    assert (article["title"], article["published"]) == ("Leaders meet", "2025-11-24")


@pytest.mark.parametrize(
    ("name", "content", "extra", "code"),
    [
        ("notes.md", SUMMIT, (), "input.unsupported"),
        ("fake.pdf", SUMMIT, (), "input.format"),
        ("dump.jsonl", json.dumps({"text": SUMMIT, "date": "06/05/2024"}), (), "input.date"),
        ("notes.md", SUMMIT, ("--as", "text"), None),
    ],
)
def test_inputs_that_are_not_what_they_say_fail_by_name(
    tmp_path: Path, name: str, content: str, extra: tuple[str, ...], code: str | None
) -> None:
    (tmp_path / name).write_text(content)
    (tmp_path / "good.txt").write_text("The French and German ministers met in Paris.")
    db = tmp_path / "b.db"
    result = run("ingest", *extra, str(tmp_path / name), str(tmp_path / "good.txt"), db=db)
    if code is None:
        assert result.exit_code == 0 and "new 2" in result.stdout, result.output
        return
    assert result.exit_code == EXIT_SOME_FAILED and "read 1, new 1, duplicate 0, failed 1" in result.stdout
    assert result.stderr.startswith("failed: ") and result.stderr.rstrip().endswith(f"[{code}]")
    from bilateral.store import Store

    with Store(db) as store:
        assert [failure.code for failure in store.failures()] == [code]


@pytest.mark.parametrize(
    "inputs",
    [["{tmp}/nosuch.txt"], ["{tmp}/notes.md", "{tmp}/nosuch*.txt"], ["{tmp}/boilerplate.txt"], ["{tmp}/empty"]],
)
@pytest.mark.parametrize("existing", [False, True])
def test_when_every_input_fails_nothing_is_stored_and_it_is_an_error(
    tmp_path: Path, inputs: list[str], existing: bool
) -> None:
    (tmp_path / "notes.md").write_text(SUMMIT)
    (tmp_path / "boilerplate.txt").write_text("Share on Facebook\nRead more\n")
    (tmp_path / "empty").mkdir()
    db = tmp_path / "b.db"
    if existing:
        (tmp_path / "summit.txt").write_text(SUMMIT)
        assert run("ingest", str(tmp_path / "summit.txt"), db=db).exit_code == 0
    before = db.read_bytes() if existing else None
    result = run("ingest", *(item.format(tmp=tmp_path) for item in inputs), db=db)
    if inputs == ["{tmp}/empty"]:  # nothing to read is no failure
        assert result.exit_code == 0 and "read 0" in result.stdout, result.output
        return
    assert result.exit_code == 1 and result.stdout == "", result.output
    assert result.stderr.count("failed: ") == len(inputs)
    assert result.stderr.splitlines()[-1].startswith("error[input.nothing_read]: nothing was read")
    assert (db.read_bytes() if db.exists() else None) == before  # no database created, none changed


@pytest.mark.parametrize("argument", ["/tmp/nosuch.txt", "nosuch/", "news.jsonl"])
def test_a_missing_file_is_an_error_not_a_text(tmp_path: Path, argument: str) -> None:
    for command in ("actors", "code"):
        result = run(command, argument, db=tmp_path / "b.db")
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr == f"error[input.not_found]: {argument}: no such file or folder\n"


@pytest.mark.parametrize(
    ("first", "second", "codes"),
    [
        ("TUR", "KOR", ("TUR", "KOR")),
        ("TR", "KR", ("TUR", "KOR")),
        ("Turkey", "South Korea", ("TUR", "KOR")),
        ("türkiye", "Republic of Korea", ("TUR", "KOR")),
        ("kr", "Turkiye", ("KOR", "TUR")),
    ],
)
def test_countries_are_codes_or_names_everywhere(
    summit_db: str, first: str, second: str, codes: tuple[str, str]
) -> None:
    pair = f"{first}-{second}"
    canonical_args = {first: codes[0], second: codes[1], pair: "-".join(codes)}
    for args in (
        ("timeline", first, second, "--format", "json"),
        ("diff", first, second, "--since", "2025-01-01", "--format", "json"),
        ("events", "--pair", pair, "--format", "json"),
        ("stories", "--pair", pair, "--format", "json"),
        ("agreements", "--pair", pair, "--format", "json"),
        ("projects", "--pair", pair, "--format", "json"),
        ("export", "--format", "csv", "--pair", pair),
        ("brief", first, second),
    ):
        result = run(*args, db=summit_db)
        canonical = run(*[canonical_args.get(arg, arg) for arg in args], db=summit_db)
        assert result.exit_code == 0, (args, result.output)
        assert result.stdout == canonical.stdout, args
        assert result.stdout.strip() not in ("", "[]"), args


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("timeline", "TUR", "XYZ"), "unknown country 'XYZ'"),
        (("timeline", "Turkey", "South Kora"), "unknown country 'South Kora'; did you mean South Korea (KOR)"),
        (("diff", "Tukey", "KOR", "--since", "2025-01-01"), "unknown country 'Tukey'; did you mean Türkiye (TUR)?"),
        (("brief", "TUR", "XYZ"), "unknown country 'XYZ'"),
        (("events", "--pair", "TUR-XYZ"), "unknown country 'XYZ'"),
        (("stories", "--pair", "Germny-FRA"), "did you mean Germany (DEU)?"),
        (("agreements", "--pair", "TUR-XX"), "unknown country 'XX'"),
        (("projects", "--pair", "XX-KOR"), "unknown country 'XX'"),
        (("export", "--format", "csv", "--pair", "TUR-XYZ"), "unknown country 'XYZ'"),
    ],
)
def test_an_unknown_country_is_a_usage_error_with_suggestions(
    summit_db: str, args: tuple[str, ...], message: str
) -> None:
    result = run(*args, db=summit_db)
    assert result.exit_code == EXIT_USAGE and result.stdout == ""
    assert result.stderr.startswith("error[usage.country]: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


READS = [
    ("articles",), ("events",), ("stories",), ("timeline", "TUR", "KOR"),
    ("diff", "TUR", "KOR", "--since", "2025-01-01"), ("agreements",), ("projects",), ("brief", "TUR", "KOR"),
    ("export", "--format", "csv"), ("recode",), ("serve",),
]  # fmt: skip


@pytest.mark.parametrize("args", READS)
def test_reads_never_create_a_database(tmp_path: Path, args: tuple[str, ...]) -> None:
    db = tmp_path / "typo.db"
    result = run(*args, db=db)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"error[store.missing]: {db}: no such database: ingest first")
    assert not list(tmp_path.iterdir())


def _readme_exit_statuses() -> dict[int, str]:
    """The README's exit-status table: status -> meaning."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `?(\d)`? \| (.+?) \|$", readme.split("### Exit status", 1)[1], flags=re.MULTILINE)
    return {int(status): meaning for status, meaning in rows}


MEANINGS = {"ok": "success", "error": "an error", "usage": "a usage error", "partial": "some inputs failed"}


@pytest.mark.parametrize(
    ("args", "outcome"),
    [
        (("ingest", "{summit}"), "ok"),
        (("ingest", "{summit}", "{missing}"), "partial"),
        (("ingest", "{notes}"), "error"),  # nothing read: no database
        (("ingest", "{missing}"), "error"),
        (("ingest", "{notes}", "{summit}"), "partial"),
        (("ingest", "--as", "text", "{notes}"), "ok"),
        (("ingest", "--as", "docx", "{notes}"), "usage"),
        (("ingest",), "usage"),
        (("demo",), "partial"),
        (("actors", "{missing}"), "error"),
        (("actors", "news.ndjson"), "error"),  # a missing file in the working folder, named by its format
        (("actors", "NEWS.TXT"), "error"),
        (("code", "dump.Csv.gz"), "error"),
        (("actors", "U.S."), "ok"),  # a word, not a file name
        (("actors", "Turkey and Korea.", "--date", "soon"), "usage"),
        (("code", ""), "error"),
        (("articles", "--limit", "many"), "usage"),
        (("events", "--pair", "TUR-KOR"), "ok"),
        (("events", "--pair", "TURKEY"), "usage"),
        (("events", "--type", "PARTY"), "usage"),
        (("events", "--since", "soon"), "usage"),
        (("stories", "--pair", "TUR-XYZ"), "usage"),
        (("timeline", "TR", "KR"), "ok"),
        (("timeline", "TUR"), "usage"),
        (("timeline", "TUR", "XYZ"), "usage"),
        (("diff", "TUR", "KOR"), "usage"),
        (("brief", "TUR", "TUR"), "usage"),
        (("agreements", "--on", "soon"), "usage"),
        (("export", "--format", "parquet"), "usage"),
        (("export", "--format", "gdelt-tsv", "--pair", "Turkey-South Korea"), "ok"),
        (("articles",), "ok"),
        (("articles", "--db-less"), "usage"),
    ],
)
def test_exit_statuses_follow_the_readme(
    summit_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], outcome: str
) -> None:
    monkeypatch.chdir(tmp_path)
    statuses = _readme_exit_statuses()
    (expected,) = [status for status, meaning in statuses.items() if meaning.startswith(MEANINGS[outcome])]
    (tmp_path / "summit.txt").write_text(SUMMIT)
    (tmp_path / "notes.md").write_text(SUMMIT)
    paths = {"summit": tmp_path / "summit.txt", "notes": tmp_path / "notes.md", "missing": tmp_path / "nosuch.txt"}
    db = tmp_path / "demo.db" if args[0] in ("ingest", "demo") else summit_db
    result = run(*(arg.format(**paths) for arg in args), db=db)
    assert result.exit_code == expected, result.output
    if outcome in ("error", "usage"):
        assert result.stderr.count("\n") >= 1 and result.stdout == ""
        assert args[0] != "ingest" or not db.exists()


@pytest.mark.parametrize(
    "data",
    [
        [{"quote": "Ankara :thumbs_up: [bold]signed[/bold] in Türkiye", "goldstein": 4.0, "recipient": []}],
        {"since": "2024-01-01", "stories": 3, "people": ["Hakan Fidan"], "agreements": None},
        [],
    ],
)
def test_json_to_a_pipe_is_the_standard_librarys_text(data: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from bilateral.cli.common import print_json, print_json_lines

    print_json(data)
    assert capsys.readouterr().out == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    rows = data if isinstance(data, list) else [data]
    print_json_lines(rows)
    assert capsys.readouterr().out == "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
