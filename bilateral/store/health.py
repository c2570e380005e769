"""Whether a database file is sound: SQLite's errors as the package's, and the check behind ``bilateral check``.

A damaged file (a malformed page, or bytes that are no SQLite database) is :class:`DamagedDatabase`
wherever SQLite finds it: on opening, or at any later read or write of any command, which is why the
CLI and the API translate SQLite's errors with :func:`store_error` at their one boundary rather than
each query doing so. :func:`check` runs SQLite's integrity check and the store's own checks (schema
version, application) without writing to the file.
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from bilateral.errors import DamagedDatabase, MissingDatabase, SchemaError, StoreError
from bilateral.store.schema import APPLICATION, SCHEMA_VERSION

REMEDY = "restore a backup, or ingest your inputs again into a new --db"
ADVICE = f"run `bilateral check` to see what is damaged, then {REMEDY}"
MAX_PROBLEMS = 20
"""How many of the integrity check's findings are shown."""

_DAMAGE = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


def damaged(error: sqlite3.DatabaseError) -> bool:
    """Whether SQLite raised ``error`` because the file is damaged (a malformed page, or no database at all)."""
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in _DAMAGE


def store_error(error: Exception, *, path: str | Path) -> StoreError | None:
    """The package error for what the database at ``path`` raised.

    From SQLite, a malformed page or a file that is no database is :class:`DamagedDatabase`; an operational error
    (locked, disk full, I/O) is a :class:`StoreError` saying so, as is PostgreSQL's (the server gone, refused, out
    of space); anything else (a bad statement, not a database error) is a bug: ``None``.
    """
    psycopg = sys.modules.get("psycopg")  # imported only where a store on PostgreSQL was opened
    if psycopg is not None and isinstance(error, psycopg.OperationalError):
        return StoreError(f"the database could not be used: {error}".strip(), origin=str(path))
    if not isinstance(error, sqlite3.DatabaseError):
        return None
    if damaged(error):
        return DamagedDatabase(f"the database file is damaged ({error}); {ADVICE}", origin=str(path))
    if isinstance(error, sqlite3.OperationalError):
        return StoreError(f"the database could not be used: {error}", origin=str(path))
    return None


@dataclass(frozen=True, slots=True)
class Identity:
    """What a file says it is: its schema version, how many tables it has, and the application that wrote it."""

    version: int
    tables: int
    application: str | None


def identity(db: sqlite3.Connection) -> Identity:
    """Read (never write) what the open file says it is."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    application = None
    if "meta" in names:
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
        except sqlite3.OperationalError:  # another program's meta table, without these columns
            row = None
        application = row[0] if row else None
    return Identity(version, len(names), application)


def refusal(found: Identity, *, path: str | Path) -> SchemaError | None:
    """Why the store refuses a file (newer, or not a bilateral database), or ``None`` when it opens it."""
    if found.version > SCHEMA_VERSION:
        return SchemaError(
            f"schema version {found.version} is newer than this bilateral reads ({SCHEMA_VERSION}); upgrade "
            "bilateral (the file was left unchanged)",
            origin=str(path),
        )
    if found.tables and found.application != APPLICATION:
        what = "PostgreSQL database" if "://" in str(path) else "SQLite file"
        return SchemaError(f"this {what} is not a bilateral database (it was left unchanged)", origin=str(path))
    return None


@dataclass(frozen=True, slots=True)
class Checked:
    """What :func:`check` found."""

    path: str
    size: int
    problems: tuple[str, ...]
    """SQLite's integrity findings (at most :data:`MAX_PROBLEMS`); empty when it found none."""
    found: Identity | None = None
    """What the file says it is, read when it is sound."""

    def error(self) -> StoreError | None:
        """Why a command would refuse this file, or ``None`` when it would use it."""
        if self.problems:
            more = " and more, listed above" if len(self.problems) > 1 else ""
            first = self.problems[0]
            return DamagedDatabase(f"the database file is damaged ({first}{more}); {REMEDY}", origin=self.path)
        assert self.found is not None
        return refusal(self.found, path=self.path)

    def summary(self) -> str:
        """One line on a file :meth:`error` has nothing against."""
        assert self.found is not None
        if not self.found.tables:
            return f"{self.path}: an empty SQLite file ({self.size:,} bytes); `bilateral ingest` makes it a database"
        version = self.found.version
        state = "current" if version == SCHEMA_VERSION else "older: the next ingest, recode or serve migrates it"
        return (
            f"{self.path}: sound ({self.size:,} bytes): SQLite's integrity check found nothing; "
            f"schema version {version} of {SCHEMA_VERSION} ({state})"
        )


def check(path: str | Path) -> Checked:
    """Run SQLite's integrity check and the store's checks on the file at ``path``, writing nothing to it."""
    where = Path(path)
    if not where.is_file():
        raise MissingDatabase("no such database", origin=str(path))
    size = where.stat().st_size
    db = sqlite3.connect(f"{where.resolve().as_uri()}?mode=rw", uri=True)  # never creates a missing file
    try:
        db.execute("PRAGMA query_only = ON")
        db.execute("PRAGMA busy_timeout = 10000")
        try:
            found = [row[0] for row in db.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})")]
        except sqlite3.DatabaseError as error:
            if not damaged(error):
                raise
            return Checked(str(path), size, (str(error),))
        if found != ["ok"]:
            problems = [line for row in found for line in row.splitlines() if not line.startswith("***")]
            return Checked(str(path), size, tuple(problems[:MAX_PROBLEMS]))
        return Checked(str(path), size, (), identity(db))
    finally:
        db.close()
