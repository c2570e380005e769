"""The few pieces of SQL the two backends write differently: reading inside an event's JSON record, and a
case-insensitive LIKE. Everything else the store runs is one text for both (see :mod:`bilateral.store.postgres`).

A record is stored as JSON text in both; SQLite reads it with ``json_extract`` and ``json_each``, PostgreSQL
casts it to ``jsonb``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol


class Cursor(Protocol):
    """Rows are tuples of what the columns hold (``Any``: a query's columns are its own)."""

    @property
    def rowcount(self) -> int: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Database(Protocol):
    """What the store asks of a connection: an ``sqlite3.Connection`` or a
    :class:`bilateral.store.postgres.Connection`."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...
    def executemany(self, sql: str, rows: Any, /) -> Cursor: ...


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str

    @property
    def postgres(self) -> bool:
        return self.name == "postgresql"

    def text(self, column: str, *path: str) -> str:
        """The string (or number, as text) at ``path`` in the JSON text ``column``."""
        if self.postgres:
            return f"({column}::jsonb #>> '{{{','.join(path)}}}')"
        return f"json_extract({column}, '$.{'.'.join(path)}')"

    def number(self, column: str, key: str) -> str:
        """The number at ``key`` in the JSON text ``column``."""
        if self.postgres:
            return f"({column}::jsonb ->> '{key}')::float8"
        return f"json_extract({column}, '$.{key}')"

    def holds(self, column: str, array: str, key: str | None = None) -> str:
        """Whether the array at ``array`` in the JSON text ``column`` holds the value ``?`` (with ``key``: an
        object whose ``key`` is ``?``)."""
        if self.postgres:
            item = f"jsonb_build_object('{key}', ?::text)" if key else "to_jsonb(?::text)"
            return f"(({column}::jsonb -> '{array}') @> jsonb_build_array({item}))"
        value = f"json_extract(value, '$.{key}')" if key else "value"
        return f"EXISTS (SELECT 1 FROM json_each({column}, '$.{array}') WHERE {value} = ?)"

    @property
    def like(self) -> str:
        """LIKE without regard to case (SQLite's LIKE already is, for ASCII)."""
        return "ILIKE" if self.postgres else "LIKE"


SQLITE = Dialect("sqlite")
POSTGRES = Dialect("postgresql")
