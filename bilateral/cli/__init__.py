"""The ``bilateral`` command line: the only package that prints (shared pieces in :mod:`bilateral.cli.common`,
the record commands in :mod:`bilateral.cli.record`).

Only what the options and help need is imported here; each command imports the pipeline, the coder, the store
and their libraries when it runs, so that ``bilateral --help`` answers at once (``tests/test_startup.py``).
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import asdict, replace
from datetime import date
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from bilateral import __version__
from bilateral.cli import database, record
from bilateral.cli.common import (
    EXIT_SOME_FAILED,
    EventFormat,
    FirstCountry,
    Format,
    PairOption,
    SecondCountry,
    err,
    errors,
    failure_line,
    open_store,
    out,
    parse_day,
    parse_pair,
    parse_type,
    print_json,
    state,
)
from bilateral.cli.events import events_command, print_events
from bilateral.cli.group import Commands, command, elsewhere
from bilateral.errors import NotFound, NothingRead, UsageError, failure_error
from bilateral.vocab import TYPE_HELP, BriefFormat, ExportFormat, InputFormat, Model, Per

if TYPE_CHECKING:
    from bilateral.pipeline import IngestSummary
    from bilateral.records import ActorReading, CodedArticle, Failure, Mention
    from bilateral.store import Store


app = typer.Typer(
    cls=Commands,
    help="Turn news about relations between countries into a source-cited record of events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        out.print(f"bilateral {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    db: Annotated[
        str,
        typer.Option(
            envvar="BILATERAL_DB", help="The database: an SQLite file, or postgresql://user:pass@host:5432/name."
        ),
    ] = "bilateral.db",
    actors: Annotated[
        list[Path] | None, typer.Option(help="A folder of your own actor files (repeatable); also BILATERAL_ACTORS.")
    ] = None,
    model: Annotated[
        bool,
        typer.Option(
            "--model",
            help="Let the sentence model review the rules' acts between states: those it finds unlikely are left "
            "out (more precise, a little less recall; slower).",
        ),
    ] = False,
    propose: Annotated[
        bool,
        typer.Option(
            "--propose",
            help="As --model, and let it propose acts where the rules found none, acts at home too (more acts "
            "typed, less precise between states; several times slower).",
        ),
    ] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what each stage does.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """bilateral: a source-cited record of events between countries, from news."""
    state.db = db
    state.actors = tuple(actors or ())
    state.model = Model.PROPOSE if propose else Model.REVIEW if model else Model.OFF
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


def _run_ingest(
    results: Iterable[CodedArticle | str | Failure],
    store: Store,
    *,
    show_progress: bool,
    describe: Callable[[IngestSummary], str] | None = None,
    by_workers: bool = False,
) -> IngestSummary:
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from bilateral.pipeline import store_analysed

    if not show_progress:
        return store_analysed(results, store, on_failure=failure_line, by_workers=by_workers)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err, transient=True
    ) as bar:
        task = bar.add_task("reading")
        began = time.perf_counter()

        def progress(summary: IngestSummary) -> None:
            rate = summary.read / max(time.perf_counter() - began, 1e-9)
            line = f"read {summary.read} ({rate:.0f}/s), new {summary.new}, failed {summary.failed}"
            bar.update(task, description=describe(summary) if describe else line)

        return store_analysed(results, store, progress=progress, on_failure=failure_line, by_workers=by_workers)


def _until_read(results: Iterator[CodedArticle | str | Failure]) -> list[CodedArticle | str | Failure]:
    """The results up to and including the first article read; all of them when none is."""
    from bilateral.records import Failure

    head: list[CodedArticle | str | Failure] = []
    for result in results:
        head.append(result)
        if not isinstance(result, Failure):
            break
    return head


def _print_summary(summary: IngestSummary) -> None:
    out.print(f"read {summary.read}, new {summary.new}, duplicate {summary.duplicate}, failed {summary.failed}")


@command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, URLs, or - for standard input.")],
    as_format: Annotated[
        InputFormat | None,
        typer.Option(
            "--as",
            help="Read every file and stdin in this format, whatever its name (e.g. --as text for notes.md); "
            "a URL is read as its content type says.",
        ),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="ADDRESS",
            help="Read and analyse on a Dask cluster: tcp://HOST:8786 (a running scheduler; the workers read the "
            "files at the same paths) or local:N (N worker processes started here); with --db postgresql://… the "
            "workers store too. Needs bilateral[cluster].",
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Analyse in this many processes on this machine (1: in this one); storing and linking stay here.",
        ),
    ] = 1,
) -> None:
    """Read news from PATHS, repair it, find its actors and store it.

    The format comes from each file's extension (.txt, .jsonl, .json, .csv, .tsv, .html, .xml, .pdf, .urls,
    optionally .gz); a file named with another extension is refused unless --as gives its format. Re-running
    on the same input changes nothing. Exit status 3 means some inputs failed (each is named on standard
    error and kept in the store); 1, that every input failed and none was read (nothing is stored).
    With --workers or --dask, the workers send their results here, where they are stored and linked in the order
    of the inputs, batch by batch as a serial ingest does, while the workers go on: the record is the same.
    With --dask and a PostgreSQL store, the workers store the articles themselves and only linking stays here.
    """
    from bilateral.actors import gazetteer as load_gazetteer
    from bilateral.pipeline import analysed
    from bilateral.read import read_paths

    with errors():
        if dask is not None and workers > 1:
            raise UsageError("--workers and --dask: choose one (--dask local:N starts N workers here)")
        if workers > 1:
            from bilateral.parallel import analysed_in_processes

            load_gazetteer(state.actors)  # built once here, before the workers start from a copy of this process
            if state.model is not Model.OFF:
                from bilateral.code.model import sentence_model

                sentence_model()  # loaded once here too: the forked workers share its memory
            documents = read_paths(paths, as_format=as_format)
            in_processes = analysed_in_processes(documents, workers=workers, actors=state.actors, model=state.model)
            with closing(in_processes):
                summary = _store_results(in_processes)  # closed however storing ends: the workers stop at once
        elif dask is None:
            documents = read_paths(paths, as_format=as_format)
            summary = _store_results(analysed(documents, load_gazetteer(state.actors), model=state.model))
        else:
            from bilateral.cluster import Tally, analysed_on, connect
            from bilateral.store.postgres import SCHEME

            tally = Tally()
            store_in = state.db if SCHEME.match(state.db) else None  # PostgreSQL: the workers store, this links
            if store_in is not None:
                from bilateral.link import link

                with open_store(create=True) as store:
                    link(store)  # what an earlier run left unlinked, first: a batch's unlinked articles are its own
            with connect(dask) as client:
                results = analysed_on(
                    client, paths, as_format=as_format, actors=state.actors, tally=tally, model=state.model,
                    store_in=store_in,
                )  # fmt: skip
                summary = _store_results(results, describe=lambda _: tally.describe(), by_workers=store_in is not None)
            err.print(tally.describe(), markup=False)
    _print_summary(summary)
    if summary.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def _store_results(
    results: Iterator[CodedArticle | str | Failure],
    *,
    describe: Callable[[IngestSummary], str] | None = None,
    by_workers: bool = False,
) -> IngestSummary:
    """Store (and link) what an ingest read, a batch at a time; nothing at all when every input failed."""
    from bilateral.records import Failure

    head = _until_read(results)
    failures = [result for result in head if isinstance(result, Failure)]
    if failures and len(failures) == len(head):  # every input failed: no database is created or changed
        for failure in failures:
            failure_line(failure)
        raise NothingRead(f"nothing was read ({len(failures)} failed, each named above), so nothing was stored")
    with open_store(create=True) as store:
        return _run_ingest(
            chain(head, results), store, show_progress=sys.stderr.isatty(), describe=describe, by_workers=by_workers
        )


@command("articles")
def articles_command(
    output: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
) -> None:
    """List the stored articles."""
    with errors(), open_store() as store:
        articles = store.articles(limit=limit)
        placed = store.placements()
    if output is Format.json:
        rows = [
            {
                **asdict(article),
                "published": article.published.isoformat() if article.published else None,
                "placed_on": placed[article.id].isoformat() if article.id in placed else None,
                "repairs": list(article.repairs),
            }
            for article in articles
        ]
        print_json(rows)
        return
    table = Table("id", "published", "title", "origin", box=None)
    for article in articles:
        title = article.title or article.text[:60] + "…"
        when = (
            str(article.published)
            if article.published
            else f"placed {placed[article.id]}"
            if article.id in placed
            else "—"
        )
        table.add_row(article.id, when, title, article.origin)
    out.print(table)


@command("actors")
def actors_command(
    text_or_file: Annotated[str, typer.Argument(help="Text, or a file or folder of articles (- for standard input).")],
    on: Annotated[str | None, typer.Option("--date", help="Resolve offices on this day (YYYY-MM-DD).")] = None,
    output: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Find the countries, organisations and people in a text or file, with offsets."""
    with errors():
        day = parse_day(on)
        readings = [item.reading for item in _analysed(text_or_file, day)]
    if output is Format.json:
        rows = [_mention_json(reading, mention) for reading in readings for mention in reading.mentions]
        print_json(rows)
        return
    for reading in readings:
        _print_reading(reading)


def _is_path(text: str) -> bool:
    """Whether ``text`` names an existing file or folder (a long text is no file name)."""
    try:
        return "\n" not in text and Path(text).exists()
    except (OSError, ValueError):
        return False


def _is_input(text: str) -> bool:
    """Whether TEXT_OR_FILE names an input to read rather than text; a path-like name that is missing is an error."""
    if text == "-" or text.startswith(("http://", "https://")) or (text.strip() and _is_path(text)):
        return True
    if _is_path_like(text):
        raise NotFound("no such file or folder", origin=text)
    return False


def _is_path_like(text: str) -> bool:
    """One word with a folder separator or the extension of a format read here ("/tmp/a", "NEWS.TXT", "a.ndjson")."""
    from bilateral.read import names_a_file

    word = text.strip()
    return (
        bool(word)
        and not any(character.isspace() for character in word)
        and ("/" in word or "\\" in word or names_a_file(word))
    )


def _analysed(text_or_file: str, day: date | None) -> list[CodedArticle]:
    """Analyse a text, or every article in a file or folder, without storing."""
    from bilateral.actors import gazetteer as load_gazetteer
    from bilateral.pipeline import analyse
    from bilateral.read import read_paths, read_text
    from bilateral.records import Failure

    gazetteer = load_gazetteer(state.actors)
    documents = read_paths([text_or_file]) if _is_input(text_or_file) else iter([read_text(text_or_file)])
    results: list[CodedArticle] = []
    for item in documents:
        if isinstance(item, Failure):
            raise failure_error(item)
        # --date: the day the text is read against, whatever the file says.
        result = analyse(replace(item, published=day) if day else item, gazetteer, on=day, model=state.model)
        if isinstance(result, Failure):
            raise failure_error(result)
        results.append(result)
    return results


def _mention_json(reading: ActorReading, mention: Mention) -> dict[str, Any]:
    window = reading.window
    return {
        "article_id": reading.article.id,
        "field": mention.field.value,
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "kind": mention.kind.value,
        "name": mention.name,
        "country": mention.country,
        "sector": mention.sector,
        "office": mention.office,
        "role": mention.role,
        "form": mention.form,
        "source": mention.source,
        "resolved_on": reading.article.published.isoformat()
        if reading.article.published
        else {"start": window.start.isoformat(), "end": window.end.isoformat() if window.end else None}
        if window
        else None,
    }


def _print_reading(reading: ActorReading) -> None:
    article = reading.article
    when = str(article.published) if article.published else "undated"
    if reading.window is not None:
        window = reading.window
        when += f"; offices read for {window.start} to {window.end or 'now'} ({', '.join(window.because)})"
    out.print(f"[bold]{article.title or article.origin}[/bold] ({when})")
    table = Table("field", "start", "end", "text", "kind", "name", "country", "office", box=None)
    for mention in sorted(reading.mentions, key=lambda mention: (mention.field != "title", mention.start)):
        table.add_row(
            mention.field.value,
            str(mention.start),
            str(mention.end),
            mention.text,
            mention.kind.value,
            mention.name or "?",
            mention.country or "",
            mention.office or "",
        )
    out.print(table)


@command("code")
def code_command(
    text_or_file: Annotated[str, typer.Argument(help="Text, or a file or folder of articles (- for standard input).")],
    on: Annotated[
        str | None, typer.Option("--date", help="The publication date to resolve against (YYYY-MM-DD).")
    ] = None,
    output: Annotated[EventFormat, typer.Option("--format", help="Output format.")] = EventFormat.table,
) -> None:
    """Code the events in a text or file without storing them."""
    with errors():
        events = [event for item in _analysed(text_or_file, parse_day(on)) for event in item.events]
    print_events(events, output)


command("events")(events_command)


@command("recode")
def recode_command(
    since: Annotated[str | None, typer.Option(help="Only articles published on or after this day.")] = None,
) -> None:
    """Re-code stored articles after the coder or the actor files changed, without reading inputs again."""
    from bilateral.actors import gazetteer as load_gazetteer
    from bilateral.pipeline import recode

    with errors():
        start = parse_day(since, "--since")
        with open_store() as store:
            done = recode(store, load_gazetteer(state.actors), since=start, model=state.model)
            counts = store.counts()
    out.print(f"re-coded {done} articles; {counts.events} events stored")


elsewhere(
    "serve",
    "bilateral.cli.serve:serve_command",
    help="Serve the JSON API (schema at /openapi.json) and the dashboard; read-only unless a token is given.",
)
elsewhere(
    "watch",
    "bilateral.cli.watch:watch_command",
    help="Follow feeds, pages and drop folders: each round stores and links what is new and checks the alert rules.",
)
elsewhere(
    "alerts",
    "bilateral.cli.watch:alerts_command",
    help="List the alerts that fired, oldest first: rule, story, why, and the first report's evidence.",
)
elsewhere(
    "eval",
    "bilateral.evaluate.command:evaluate_command",
    help="Score the event coder on the gold sets and check the floors.",
)
command("stories")(record.stories_command)
command("timeline")(record.timeline_command)
command("diff")(record.diff_command)
command("agreements")(record.agreements_command)
command("projects")(record.projects_command)
command("check")(database.check_command)


@command("brief")
def brief_command(
    first: FirstCountry,
    second: SecondCountry,
    since: Annotated[
        str | None, typer.Option(help="Start of the period (default: a year before the latest story).")
    ] = None,
    fmt: Annotated[BriefFormat, typer.Option("--format", help="md (stdout unless -o), html or pdf.")] = BriefFormat.md,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (html/pdf: brief-A-B.EXT).")
    ] = None,
) -> None:
    """A brief on two countries with a citation behind every statement: state, changes, agreements, projects, people."""
    from bilateral.report import write as write_brief
    from bilateral.report.brief import build as build_brief
    from bilateral.report.brief import country_pair
    from bilateral.report.markdown import render as render_markdown

    with errors():
        pair, start = country_pair(first, second, actors=state.actors), parse_day(since, "--since")
        with open_store() as store:
            found = build_brief(store, pair, since=start)
        if output is None and fmt is BriefFormat.md:
            out.print(render_markdown(found), markup=False, end="")
            return
        written = write_brief(found, fmt, output or Path(f"brief-{found.pair[0]}-{found.pair[1]}.{fmt.value}"))
    err.print(f"wrote {', '.join(map(str, written))} ({len(found.references)} references)", markup=False)


@command("demo")
def demo_command(
    replace: Annotated[bool, typer.Option(help="Replace an existing database that is not a demo database.")] = False,
) -> None:
    """Ingest the bundled sample corpus into a fresh database and summarise it.

    Exit status 3, as for `ingest`, says some inputs failed: the corpus holds two pages that are only boilerplate.
    """
    from bilateral.actors import gazetteer as load_gazetteer
    from bilateral.pipeline import analysed
    from bilateral.read import read_paths
    from bilateral.samples import corpus_dir
    from bilateral.store import Store

    with errors():
        if state.postgres():
            raise UsageError("the demo writes an SQLite file: give --db a path (ingest fills a PostgreSQL database)")
        if Path(state.db).exists():
            with Store(state.db) as store:
                is_demo = store.meta("demo") == "1"
            if not (is_demo or replace):
                raise UsageError(f"{state.db} holds other data; use --replace or another --db")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{state.db}{suffix}").unlink(missing_ok=True)
        with Store(state.db) as store:
            store.set_meta("demo", "1")
            gazetteer = load_gazetteer(state.actors)
            summary = _run_ingest(
                analysed(read_paths([str(corpus_dir())]), gazetteer, model=state.model), store, show_progress=False
            )
            counts = store.counts()
            top = store.top_countries(limit=8)
    out.print(f"demo database: {state.db}")
    _print_summary(summary)
    out.print(
        f"{counts.articles} articles ({counts.undated} undated), "
        f"{counts.mentions} actor mentions, {counts.events} events in {counts.stories} stories, "
        f"{counts.agreements} agreements"
    )
    out.print("most mentioned countries: " + ", ".join(f"{country} ({n})" for country, n in top))
    out.print("next: bilateral timeline TUR KOR --by year | bilateral stories --pair TUR-KOR | bilateral agreements")
    if summary.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


@command("export")
def export_command(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="The format to write.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The file to write (default: stdout); for parquet, a folder.")
    ] = None,
    pair: PairOption = None,
    since: Annotated[str | None, typer.Option(help="Only events on or after this day (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only events on or before this day (YYYY-MM-DD).")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help=TYPE_HELP)] = None,
    background: Annotated[bool, typer.Option(help="Include background history.")] = False,
    per: Annotated[
        Per, typer.Option(help="One row per event (each article's report) or per story (one happening).")
    ] = Per.event,
) -> None:
    """Export stored events as PLOVER JSON lines, POLECAT or GDELT TSV, CSV, Parquet or a GraphML country graph.

    Takes the same filters as `events`. Parquet needs -o FOLDER (a dataset partitioned by year and month,
    year=2024/month=05/, replacing an earlier export there); the others stream to standard output without -o.
    GDELT and POLECAT rows need a day: events without one are left out, and how many is said on standard error.
    """
    from bilateral.export import BINARY as EXPORT_BINARY
    from bilateral.export import export
    from bilateral.export.days import LeftOut, within
    from bilateral.store import Query
    from bilateral.stories import with_links

    with errors():
        if output is None and fmt in EXPORT_BINARY:
            raise UsageError(f"--format {fmt} writes a folder of files: give -o FOLDER")
        countries, start, end = parse_pair(pair), parse_day(since, "--since"), parse_day(until, "--until")
        kind = parse_type(event_type)
        with open_store() as store:
            query = Query(pair=countries, since=start, until=end, event=kind, background=background)
            items = store.sourced_events(query, per_story=per is Per.story)
            left_out = LeftOut()
            placed = within(with_links(store, items), start, end)
            count = export(placed, fmt, output or sys.stdout, left_out=left_out)
    if left_out.total:
        err.print(left_out.describe(), markup=False)
    if output is not None:
        unit = "edges" if fmt is ExportFormat.graphml else "rows"
        err.print(f"wrote {count} {unit} to {output}", markup=False)


def run() -> None:
    """Console entry point."""
    os.environ.setdefault("COLUMNS", str(shutil.get_terminal_size((120, 24)).columns))
    app()
