"""PLOVER and CAMEO tables, built from the sourced data file ``data/cameo.tsv``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from bilateral.errors import UsageError
from bilateral.tables import package_rows
from bilateral.vocab import EVENTS, PLOVER_EVENTS

__all__ = [
    "CODEBOOK",
    "EVENTS",
    "PLOVER_EVENTS",
    "Code",
    "cameo",
    "cameo_table",
    "event_type",
    "plover_score",
    "quad_name",
]

CODEBOOK = "PLOVER 2021 (manual draft 0.8) + STATEMENT; CAMEO 1.1b3"


def event_type(value: str, *, name: str) -> str:
    """An event type in any case, as written in the tables (``consult`` → ``CONSULT``).

    Anything else is a :class:`UsageError` naming the option or parameter (``name``): the CLI
    exits 2 and the API answers 422, as for every other malformed argument.
    """
    if value.upper() not in EVENTS:
        raise UsageError(f"{name} {value!r} is not one of {', '.join(EVENTS)}")
    return value.upper()


@dataclass(frozen=True, slots=True)
class Code:
    """A CAMEO code with its Goldstein score, GDELT QuadClass and PLOVER mapping."""

    code: str
    label: str
    goldstein: float
    quad: int
    plover: str
    mode: str | None
    context: str | None


@cache
def cameo_table() -> dict[str, Code]:
    table: dict[str, Code] = {}
    for row in package_rows("bilateral.ontology", "cameo.tsv"):
        table[row["code"]] = Code(
            row["code"], row["label"], float(row["goldstein"]), int(row["quad"]), row["plover"],
            row["mode"] or None, row["context"] or None,
        )  # fmt: skip
    return table


def cameo(code: str) -> Code:
    """The row for ``code``, falling back to its nearest listed parent."""
    table = cameo_table()
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    raise KeyError(f"unknown CAMEO code {code!r}")


def quad_name(quad: int) -> str:
    return {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}[quad]


@cache
def _plover_scores() -> dict[tuple[str, str], float]:
    rows = package_rows("bilateral.ontology", "plover_scores.tsv")
    return {(row["event"], row["mode"]): float(row["score"]) for row in rows}


def plover_score(event: str, mode: str | None = None) -> float | None:
    """PLOVER's conflict-cooperation score (-10 to +10) for a type and mode; the type's own for an unlisted mode."""
    scores = _plover_scores()
    return scores.get((event, mode or ""), scores.get((event, "")))
