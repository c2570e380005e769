"""A baseline to measure against in the same run: a git worktree of another commit, its package run in fresh
processes (``PYTHONPATH`` puts its ``bilateral`` before the installed one)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def worktree(commit: str, folder: Path) -> Iterator[Path]:
    """``commit`` checked out at ``folder`` for the duration, then removed."""
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), commit], check=True, capture_output=True
    )
    try:
        yield folder
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)], check=True)


def run_in(tree: Path, script: str, arguments: list[str]) -> Any:
    """Run ``script`` with ``tree``'s package in a fresh process; the JSON on its last line of output."""
    environment = {**os.environ, "PYTHONPATH": str(tree)}
    output = subprocess.run(
        [sys.executable, script, *arguments], env=environment, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.splitlines()[-1])


def merge_base() -> str:
    found = subprocess.run(
        ["git", "-C", str(ROOT), "merge-base", "HEAD", "main"], check=False, capture_output=True, text=True
    )
    return found.stdout.strip() or "main"
