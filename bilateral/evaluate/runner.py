"""Run the gold sets: each read, coded and scored, or skipped with the reason why."""

from __future__ import annotations

import functools
import importlib.util
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bilateral.code.model import Model
from bilateral.errors import UsageError
from bilateral.evaluate import conflibert, dev, petrarch2_gsr, petrarch_unit, plover_gsr, realnews
from bilateral.evaluate.metrics import Report

log = logging.getLogger(__name__)

Results = dict[str, dict[str, object]]


@dataclass(frozen=True, slots=True)
class GoldSet:
    """A gold set: the files it needs (under the folder it lives in) and how to run it."""

    name: str
    files: tuple[str, ...]
    run: Callable[..., Report]  # (folder, model=) -> Report; the real-news set also takes texts=
    where: Literal["gold", "dev", "realnews"] = "gold"


SETS = {
    gold_set.name: gold_set
    for gold_set in (
        GoldSet("plover_gsr", (f"{plover_gsr.FOLDER}/{plover_gsr.RECORDS}",), plover_gsr.run),
        GoldSet("petrarch2_gsr", (f"{petrarch2_gsr.FOLDER}/{petrarch2_gsr.RECORDS}",), petrarch2_gsr.run),
        GoldSet(
            "petrarch_unit",
            tuple(f"{petrarch_unit.FOLDER}/{name}" for name in (petrarch_unit.RECORDS, petrarch_unit.ACTORS)),
            petrarch_unit.run,
        ),
        GoldSet(
            "conflibert",
            tuple(f"{conflibert.FOLDER}/{name}" for name in (conflibert.CLASSES, conflibert.SPANS)),
            conflibert.run,
        ),
        GoldSet("dev", (dev.ANNOTATIONS,), dev.run, "dev"),
        GoldSet("realnews", (realnews.MANIFEST, realnews.ANNOTATIONS), realnews.run, "realnews"),
    )
}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What running one set gave: a report, or the reason it was skipped; and how long it took."""

    name: str
    report: Report | None
    skipped: str | None
    seconds: float

    def results(self) -> dict[str, object]:
        if self.report is None:
            return {"skipped": self.skipped}
        results: dict[str, object] = dict(self.report.metrics)
        for metric, reason in self.report.unscored.items():
            results |= {metric: None, f"{metric}_skipped": reason}
        return results


def coder_missing() -> str | None:
    """Why the event coder cannot be called, or ``None`` when it can."""
    if importlib.util.find_spec("bilateral.code") is None:
        return "the event coder (bilateral.code) is not installed"
    module = importlib.import_module("bilateral.code")
    if not all(callable(getattr(module, name, None)) for name in ("code", "code_text")):
        return "bilateral.code does not provide code() and code_text() yet"
    return None


def run_sets(
    gold_dir: Path,
    dev_dir: Path,
    sets: Sequence[str] | None = None,
    *,
    realnews_dir: Path | None = None,
    texts: Path | None = None,
    model: Model = Model.OFF,
) -> list[Outcome]:
    """Run the named sets (all when ``None``), in the order :data:`SETS` lists them.

    The real-news set lives beside the development set unless ``realnews_dir``
    says otherwise; its texts are in ``texts`` (see :func:`realnews.texts_folder`). ``model`` off scores
    the rules alone.
    """
    names = list(SETS) if sets is None else list(dict.fromkeys(sets))
    unknown = [name for name in names if name not in SETS]
    if unknown:
        raise UsageError(f"unknown gold set {', '.join(unknown)}; the sets are {', '.join(SETS)}")
    folders = {"gold": gold_dir, "dev": dev_dir, "realnews": realnews_dir or dev_dir.parent / "realnews"}
    texts_dir = realnews.texts_folder(texts)
    no_coder = coder_missing()
    outcomes: list[Outcome] = []
    for name in names:
        gold_set = SETS[name]
        folder = folders[gold_set.where]
        absent = [file for file in gold_set.files if not (folder / file).is_file()]
        if absent:
            outcomes.append(Outcome(name, None, f"{', '.join(str(folder / file) for file in absent)} not found", 0.0))
            continue
        why = no_coder or (realnews.missing(folder, texts_dir) if gold_set.where == "realnews" else None)
        if why is not None:
            outcomes.append(Outcome(name, None, why, 0.0))
            continue
        run = functools.partial(gold_set.run, model=model)
        if gold_set.where == "realnews":
            run = functools.partial(run, texts=texts_dir)
        started = time.perf_counter()
        report = run(folder)
        seconds = time.perf_counter() - started
        log.info("%s: scored in %.1f s", name, seconds)
        outcomes.append(Outcome(name, report, None, seconds))
    return outcomes


def evaluate(
    gold_dir: Path,
    dev_dir: Path,
    sets: Sequence[str] | None = None,
    *,
    realnews_dir: Path | None = None,
    texts: Path | None = None,
    model: Model = Model.OFF,
) -> Results:
    """Every set's metrics (a number in [0, 1] or a count), or ``{"skipped": reason}``."""
    outcomes = run_sets(gold_dir, dev_dir, sets, realnews_dir=realnews_dir, texts=texts, model=model)
    return {outcome.name: outcome.results() for outcome in outcomes}
