"""What every command shares: the consoles, output formats, the global options, and argument parsing.

The CLI is the only place that prints; its commands live in :mod:`bilateral.cli` and
:mod:`bilateral.cli.record`. What a command needs beyond typer and rich (the store, the country
names, the coder, the readers' libraries) is imported when it runs, so that ``--help`` starts fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console

from bilateral.errors import BilateralError, UsageError
from bilateral.vocab import Model

if TYPE_CHECKING:
    from bilateral.records import Failure
    from bilateral.store import Store

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_SOME_FAILED = 3


class Format(StrEnum):
    table = "table"
    json = "json"


class EventFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class State:
    db: str = "bilateral.db"
    """A path (SQLite) or a postgresql:// URL."""
    actors: tuple[Path, ...] = ()
    model: Model = Model.OFF
    """How far the sentence model goes (``--model``, ``--propose``); the rules alone by default."""

    def postgres(self) -> bool:
        from bilateral.store.postgres import SCHEME

        return SCHEME.match(self.db) is not None

    def where(self) -> str:
        """The database as messages show it (a URL without its password)."""
        from bilateral.store.postgres import shown

        return shown(self.db)


state = State()

PairOption = Annotated[
    str | None, typer.Option("--pair", help="Only between two countries: codes or names, e.g. TUR-KOR, TR-KR.")
]
FirstCountry = Annotated[str, typer.Argument(help="A country: a code or a name, e.g. TUR, TR or Turkey.")]
SecondCountry = Annotated[str, typer.Argument(help="The other country, e.g. KOR, KR or 'South Korea'.")]
FormatOption = Annotated[Format, typer.Option("--format", help="Output format.")]


def rules_only(command: str) -> None:
    """Refuse the sentence model's options for a command that codes without them (the server, the watcher)."""
    if state.model is not Model.OFF:
        raise UsageError(f"--model and --propose apply to ingest, code, recode, demo and eval, not to {command}")


@contextmanager
def errors() -> Iterator[None]:
    """Print a package error as one line and exit 2 for a usage error, else 1.

    What SQLite raises on the ``--db`` file (damaged, locked, disk full) is such an error too
    (:func:`bilateral.store.health.store_error`), wherever in a command it is found.
    """
    try:
        yield
    except BilateralError as error:
        _exit(error)
    except Exception as error:
        from bilateral.store.health import store_error

        translated = store_error(error, path=state.where())
        if translated is None:
            raise
        _exit(translated, error)


def _exit(error: BilateralError, cause: BaseException | None = None) -> NoReturn:
    err.print(f"error[{error.code}]: {error}", markup=False)
    raise typer.Exit(EXIT_USAGE if isinstance(error, UsageError) else EXIT_ERROR) from cause or error


def failure_line(failure: Failure) -> None:
    """An input that failed, as one line on standard error (the batch goes on)."""
    err.print(f"failed: {failure.origin}: {failure.message} [{failure.code}]", markup=False)


def print_json(data: Any) -> None:
    """``data`` as indented JSON on standard output: highlighted by rich on a terminal; to a pipe or a file,
    the same text written straight by the standard library (rich took 80 % of a large ``--format json``)."""
    if out.is_terminal:
        out.print_json(data=data)
        return
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
    sys.stdout.write("\n")


def print_json_lines(rows: Iterable[Any]) -> None:
    """One compact JSON document per line on standard output."""
    write = sys.stdout.write
    for row in rows:
        write(json.dumps(row, ensure_ascii=False))
        write("\n")


def open_store(*, create: bool = False) -> Store:
    """The ``--db`` store; only a command that writes articles creates a missing one (reads never do)."""
    from bilateral.store import Store

    return Store(state.db, create=create)


def parse_day(value: str | None, option: str = "--date") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise UsageError(f"{option} {value!r} is not a YYYY-MM-DD date") from error


def parse_type(value: str | None) -> str | None:
    from bilateral.ontology import event_type

    return None if value is None else event_type(value, name="--type")


def parse_pair(value: str | None) -> tuple[str, str] | None:
    """``--pair`` as two codes (``TUR-KOR``, ``TR-KR``, ``Turkey-South Korea``); ``None`` when not given."""
    from bilateral.actors.countries import countries

    return countries(state.actors).pair(value) if value else None


def parse_country(value: str) -> str:
    """One country option (a code or a name) as its code; an unknown one is a usage error naming the closest."""
    from bilateral.actors.countries import countries

    return countries(state.actors).resolve(value)


def parse_countries(first: str, second: str) -> tuple[str, str]:
    """Two country arguments (codes or names) as codes; an unknown one is a usage error naming the closest."""
    from bilateral.actors.countries import countries

    return countries(state.actors).two(first, second)


def shorten(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
