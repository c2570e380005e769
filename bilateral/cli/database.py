"""``bilateral check``: whether the ``--db`` file is sound, and what to do when it is not."""

from __future__ import annotations

from bilateral.cli.common import errors, out, state
from bilateral.errors import UsageError


def check_command() -> None:
    """Check the database: SQLite's integrity check, its schema version and that bilateral wrote it.

    Exit status 0 when it is sound; 1, with what was found and what to do, when it is damaged,
    newer than this version reads, or not a bilateral database. The file is never written to.
    """
    from bilateral.store.health import check

    with errors():
        if state.postgres():
            raise UsageError("check reads an SQLite file; on PostgreSQL use its own tools (amcheck, pg_dump)")
        checked = check(state.db)
        for problem in checked.problems:
            out.print(f"{checked.path}: {problem}", markup=False)
        refused = checked.error()
        if refused is not None:
            raise refused
    out.print(checked.summary(), markup=False)
