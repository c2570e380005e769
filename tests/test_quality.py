"""Lint, format and type checks run with the tests, so one command checks all."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def tool(name: str) -> str:
    path = shutil.which(name, path=str(Path(sys.executable).parent))
    if path is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return path


@pytest.mark.parametrize("arguments", [["check", "."], ["format", "--check", "."]])
def test_ruff(arguments: list[str]) -> None:
    result = subprocess.run([tool("ruff"), *arguments], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy() -> None:
    result = subprocess.run([tool("mypy")], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_public_api_is_complete() -> None:
    import bilateral

    exported = set(bilateral.__all__)
    public = {name for name in vars(bilateral) if not name.startswith("_") and name not in {"actors", "errors"}}
    modules = {name for name in public if type(getattr(bilateral, name)).__name__ == "module"}
    assert public - modules <= exported
    assert all(hasattr(bilateral, name) for name in exported)
