"""What every command shares: the consoles, output formats, the global options, and argument parsing.

The CLI is the only place that prints; its commands live in :mod:`bilateral.cli` and
:mod:`bilateral.cli.record`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bilateral.errors import BilateralError, UsageError
from bilateral.ontology import EVENTS
from bilateral.store import Store

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_ERROR = 1
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
    db: Path = Path("bilateral.db")
    actors: tuple[Path, ...] = ()


state = State()

PairOption = Annotated[str | None, typer.Option("--pair", help="Only between two countries, e.g. TUR-KOR.")]
FormatOption = Annotated[Format, typer.Option("--format", help="Output format.")]


@contextmanager
def errors() -> Iterator[None]:
    """Print a package error as one line and exit non-zero."""
    try:
        yield
    except BilateralError as error:
        err.print(f"error[{error.code}]: {error}", markup=False)
        raise typer.Exit(EXIT_ERROR) from error


def open_store() -> Store:
    return Store(state.db)


def parse_day(value: str | None, option: str = "--date") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise UsageError(f"{option} {value!r} is not a YYYY-MM-DD date") from error


def parse_type(value: str | None) -> str | None:
    if value is None:
        return None
    if value.upper() not in EVENTS:
        raise UsageError(f"--type {value!r} is not one of {', '.join(EVENTS)}")
    return value.upper()


def parse_pair(value: str) -> tuple[str, str]:
    parts = value.upper().replace("–", "-").split("-")
    if len(parts) != 2 or not all(parts):
        raise UsageError(f"--pair {value!r} must look like TUR-KOR")
    return parts[0], parts[1]


def shorten(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
