"""Floors: the lowest score each gated metric may fall to.

``bilateral/evaluate/floors.json`` (shipped with the package) maps a set to ``{metric: floor}``; only the metrics
listed there are gated. :func:`raise_floors` moves floors up to the current
scores less a small margin and never down: lowering a floor, or gating a new
metric, is a hand edit reviewed in a commit.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path

from bilateral.errors import DataFileError

Floors = dict[str, dict[str, float]]
MARGIN = 0.01


def load_floors(path: Path) -> Floors:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise DataFileError(
            "no floors file: give --floors FILE, or leave it out for the floors shipped with bilateral",
            origin=str(path),
        ) from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataFileError(f"cannot read floors: {error}", origin=str(path)) from error
    if not isinstance(data, dict) or not all(
        isinstance(metrics, dict) and all(isinstance(value, int | float) for value in metrics.values())
        for metrics in data.values()
    ):
        raise DataFileError("expected {set: {metric: number}}", origin=str(path))
    return {name: {metric: float(value) for metric, value in metrics.items()} for name, metrics in data.items()}


def save_floors(floors: Floors, path: Path) -> None:
    path.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def check(results: Mapping[str, Mapping[str, object]], floors: Floors) -> list[str]:
    """One line for every gated metric below its floor, missing, or in a set that was skipped."""
    problems: list[str] = []
    for name, gated in sorted(floors.items()):
        metrics = results.get(name)
        if metrics is None:
            continue  # not run this time
        if "skipped" in metrics:
            raised = sorted(metric for metric, floor in gated.items() if floor > 0)
            if raised:
                problems.append(f"{name}: skipped ({metrics['skipped']}) but gated on {', '.join(raised)}")
            continue
        for metric, floor in sorted(gated.items()):
            value = metrics.get(metric)
            if not isinstance(value, int | float):
                if floor > 0:
                    problems.append(f"{name}.{metric}: no score, floor {floor:.3f}")
            elif value < floor:
                problems.append(f"{name}.{metric}: {value:.3f} is below its floor {floor:.3f}")
    return problems


def raise_floors(results: Mapping[str, Mapping[str, object]], floors: Floors, *, margin: float = MARGIN) -> Floors:
    """Floors raised to each current score less ``margin`` (rounded down to 0.001), never lowered."""
    raised: Floors = {}
    for name, gated in floors.items():
        metrics = results.get(name, {})
        raised[name] = {}
        for metric, floor in gated.items():
            value = metrics.get(metric)
            if isinstance(value, int | float) and "skipped" not in metrics:
                raised[name][metric] = max(floor, math.floor(max(value - margin, 0.0) * 1000 + 1e-9) / 1000)
            else:
                raised[name][metric] = floor
    return raised
