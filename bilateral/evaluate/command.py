"""``bilateral eval``: score the coder on the gold sets and hold it to the floors.

Registered in :mod:`bilateral.cli`; like the rest of the CLI, the only code
here that prints. Exit status 4 means a gated metric fell below its floor.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bilateral.code.model import Model
from bilateral.errors import BilateralError, UsageError
from bilateral.evaluate.floors import check, load_floors, raise_floors, save_floors
from bilateral.evaluate.readme import scores_table, update_readme
from bilateral.evaluate.runner import SETS, Outcome, run_sets

EXIT_ERROR = 1
EXIT_BELOW_FLOOR = 4
CHECKOUT = Path(__file__).resolve().parents[2]
"""The repository this package runs from (an editable install): the sets are read there, whatever the working
folder. An installed wheel has no ``eval/``: a set whose folder is missing is skipped with the reason."""
FLOORS = Path(__file__).with_name("floors.json")
"""The floors ship with the package."""
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Output(StrEnum):
    table = "table"
    json = "json"


def evaluate_command(
    *,
    gold: Annotated[Path, typer.Option(help="The gold sets folder.")] = CHECKOUT.parent / "shared" / "gold",
    dev: Annotated[Path, typer.Option(help="The development set folder.")] = CHECKOUT / "eval" / "dev",
    realnews: Annotated[Path, typer.Option(help="The real-news set folder (manifest and annotations).")] = CHECKOUT
    / "eval"
    / "realnews",
    texts: Annotated[
        Path | None,
        typer.Option(help="The real-news texts folder [default: $BILATERAL_REALNEWS, else ../realnews/texts]."),
    ] = None,
    sets: Annotated[
        list[str] | None, typer.Option("--set", help=f"Run only this set (repeatable): {', '.join(SETS)}.")
    ] = None,
    output: Annotated[Output, typer.Option("--format", help="Output format.")] = Output.table,
    floors_path: Annotated[Path, typer.Option("--floors", help="The floors file.")] = FLOORS,
    update_floors: Annotated[
        bool, typer.Option("--update-floors", help="Raise the floors to the current scores (never lowers one).")
    ] = False,
    readme: Annotated[
        bool, typer.Option("--readme", help="Rewrite the scores table between the markers in README.md.")
    ] = False,
    mistakes: Annotated[int, typer.Option(help="List up to this many mistakes per set.")] = 0,
) -> None:
    """Score the event coder on the gold sets and check the floors.

    A set whose files are missing is skipped with the reason. Exit status 4
    means a gated metric is below its floor (each is named on standard error).
    The floors are the default coder's (the rules): with --model or --propose the
    scores are printed and no floor is checked or raised.
    """
    from bilateral.cli.common import state

    try:
        floors = load_floors(floors_path)
        if state.model is not Model.OFF and (update_floors or readme):
            raise UsageError(f"the model {state.model}: the floors and the README's table are the default coder's")
        outcomes = run_sets(gold, dev, sets, realnews_dir=realnews, texts=texts, model=state.model)
        results = {outcome.name: outcome.results() for outcome in outcomes}
        if update_floors:
            floors = raise_floors(results, floors)
            save_floors(floors, floors_path)
        if readme:
            update_readme(CHECKOUT / "README.md", scores_table(results, floors))
    except BilateralError as error:
        err.print(f"error[{error.code}]: {error}", markup=False)
        raise typer.Exit(EXIT_ERROR) from error
    if output is Output.json:
        out.print(json.dumps(results, indent=2), markup=False)
    else:
        _print_table(outcomes)
    for outcome in outcomes:
        for mistake in outcome.report.mistakes[:mistakes] if outcome.report else ():
            err.print(
                f"{outcome.name} {mistake.item}: gold {mistake.gold} | got {mistake.predicted} | {mistake.text}",
                markup=False,
            )
    if update_floors:
        err.print(f"floors written to {floors_path}", markup=False)
    if state.model is not Model.OFF:
        err.print(f"the model {state.model}: the floors are the default coder's and were not checked", markup=False)
        return
    problems = check(results, floors)
    for problem in problems:
        err.print(f"below floor: {problem}", markup=False)
    if problems:
        raise typer.Exit(EXIT_BELOW_FLOOR)


def _print_table(outcomes: list[Outcome]) -> None:
    """Per set: its plain metrics, then one row per type, class or quad (``type.AGREE.f1`` …)."""
    for outcome in outcomes:
        if outcome.report is None:
            out.print(f"[bold]{outcome.name}[/bold]: skipped ({outcome.skipped})")
            continue
        out.print(f"[bold]{outcome.name}[/bold] ({outcome.seconds:.1f} s)")
        plain = Table("metric", "value", box=None)
        groups: dict[str, dict[str, dict[str, str]]] = {}
        for metric, value in outcome.report.metrics.items():
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            group, _, rest = metric.partition(".")
            label, _, field = rest.rpartition(".")
            if label:
                groups.setdefault(group, {}).setdefault(label, {})[field] = shown
            else:
                plain.add_row(metric, shown)
        for metric, reason in outcome.report.unscored.items():
            plain.add_row(metric, f"— ({reason})")
        out.print(plain)
        for group, rows in groups.items():
            fields = list(dict.fromkeys(field for row in rows.values() for field in row))
            table = Table(group, *fields, box=None)
            for label, row in rows.items():
                table.add_row(label, *(row.get(field, "") for field in fields))
            out.print(table)
