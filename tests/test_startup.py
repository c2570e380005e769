"""What `import bilateral` and `bilateral --help` load: the package's names and the CLI's commands on first use."""

from __future__ import annotations

import importlib
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bilateral
from bilateral.cli import app
from bilateral.cli.group import COMMANDS

ROOT = Path(__file__).resolve().parents[1]

# Libraries and stages that showing help must not load: each costs from tens of milliseconds to a second.
HEAVY = (
    "fastapi", "starlette", "uvicorn", "jinja2", "matplotlib", "reportlab", "trafilatura", "lxml", "pandas",
    "pyarrow", "numpy", "scipy", "datasketch", "pypdf", "feedparser", "httpx", "ftfy", "ahocorasick",
    "bilateral.code", "bilateral.pipeline", "bilateral.store", "bilateral.stories", "bilateral.serve",
    "bilateral.evaluate", "bilateral.frames",
)  # fmt: skip


def imported(*arguments: str) -> set[str]:
    """The modules that ``python -X importtime -m bilateral ARGUMENTS`` imports."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bilateral", *arguments],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in {0, 2}, result.stderr[-2000:]  # 2: no command given (help shown)
    return {
        line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")
    } - {"package"}


@pytest.mark.parametrize("arguments", [["--help"], [], ["--version"], ["timeline", "--help"]])
def test_help_loads_no_heavy_module(arguments: list[str]) -> None:
    modules = imported(*arguments)
    assert "typer" in modules  # the parse saw the imports
    loaded = sorted(name for name in modules if name.split(".")[0] in HEAVY or name.startswith(HEAVY))
    assert loaded == []


def test_each_command_is_listed_with_its_own_help() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for name, entry in COMMANDS.items():
        first = inspect.cleandoc(entry.help).split("\n\n")[0].replace("\n", " ")
        assert f"{name} " in result.stdout
        assert first[:60] in result.stdout


def test_eval_is_listed_with_the_first_paragraph_of_its_function() -> None:
    from bilateral.evaluate.command import evaluate_command

    doc = inspect.getdoc(evaluate_command) or ""
    assert COMMANDS["eval"].help == doc.split("\n\n")[0].replace("\n", " ")


def test_a_command_is_built_when_called() -> None:
    result = CliRunner().invoke(app, ["eval", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "--update-floors" in result.stdout
    missing = CliRunner().invoke(app, ["evl"])
    assert missing.exit_code == 2
    assert "Did you mean 'eval'?" in missing.output


def test_package_names_load_on_first_use() -> None:
    importlib.import_module("bilateral.code.coder")  # binds submodules; the package keeps its functions' names

    for name in ("code", "stories", "timeline", "repair", "sentences", "link"):
        assert callable(getattr(bilateral, name)), name
    assert bilateral.Store.__name__ == "Store"
    assert "ingest" in dir(bilateral)
    with pytest.raises(AttributeError):
        _ = bilateral.no_such_name
