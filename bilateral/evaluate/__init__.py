"""The accuracy gate: gold-set readers, scorers and the floors they are held to."""

from bilateral.evaluate.floors import check, load_floors, raise_floors
from bilateral.evaluate.runner import SETS, evaluate, run_sets

__all__ = ["SETS", "check", "evaluate", "load_floors", "raise_floors", "run_sets"]
