"""Alert rules, read from a TOML file (``bilateral watch --alerts FILE``; an example is in the README).

Each ``[[rule]]`` has a ``name`` and any of: ``pair`` (``"TUR-KOR"``) or ``country``, ``events`` (PLOVER
types), ``quad`` (QuadClass numbers), ``goldstein_below`` or ``goldstein_above``, ``agreement`` (a new
agreement or a new stage of one), ``milestone`` (a new project milestone), ``spike`` (the pair's stories
on the story's day at least this many times their daily mean over the ``spike_days`` before, and at
least ``spike_min``). A story matches a rule when it meets every condition the rule gives. An
``[output]`` table may name a ``jsonl`` file and a ``webhook`` URL with a ``secret`` (or ``secret_env``,
the environment variable holding it) to sign its bodies with.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bilateral.errors import UsageError
from bilateral.ontology import event_type

Resolve = Callable[[str], str]
"""A country code or name as its code (an unknown one is a usage error naming the closest)."""

_RULE_KEYS = {
    "name", "pair", "country", "events", "quad", "goldstein_below", "goldstein_above", "agreement", "milestone",
    "spike", "spike_days", "spike_min",
}  # fmt: skip
_OUTPUT_KEYS = {"jsonl", "webhook", "secret", "secret_env", "retries"}


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pair: tuple[str, str] | None = None
    country: str | None = None
    events: frozenset[str] = frozenset()
    quads: frozenset[int] = frozenset()
    goldstein_below: float | None = None
    goldstein_above: float | None = None
    agreement: bool = False
    milestone: bool = False
    spike: float | None = None
    spike_days: int = 7
    spike_min: int = 3


@dataclass(frozen=True, slots=True)
class Outputs:
    jsonl: Path | None = None
    webhook: str | None = None
    secret: str | None = None
    retries: int = 3


@dataclass(frozen=True, slots=True)
class Rules:
    rules: tuple[Rule, ...]
    outputs: Outputs


def load_rules(path: Path, resolve: Resolve) -> Rules:
    """The rules and outputs of a TOML file; a malformed one is a :class:`UsageError` naming the file and key."""
    origin = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UsageError(f"cannot read the alert rules: {error.strerror or error}", origin=origin) from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise UsageError(f"the alert rules are not TOML: {error}", origin=origin) from error
    unknown = set(data) - {"rule", "output"}
    if unknown:
        raise UsageError(f"unknown table {sorted(unknown)[0]!r} (expected [[rule]] and [output])", origin=origin)
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not tables:
        raise UsageError("no [[rule]] tables", origin=origin)
    rules = tuple(_rule(table, number, resolve, origin) for number, table in enumerate(tables, 1))
    names = [rule.name for rule in rules]
    if len(set(names)) < len(names):
        raise UsageError("two rules have the same name", origin=origin)
    return Rules(rules, _outputs(data.get("output", {}), origin))


def _rule(table: dict[str, Any], number: int, resolve: Resolve, origin: str) -> Rule:
    where = f"{origin}: rule {number}"
    _known(table, _RULE_KEYS, where)
    name = _typed(table, "name", str, where)
    if not name:
        raise UsageError("every rule needs a name", origin=where)
    pair = _typed(table, "pair", str, where)
    country = _typed(table, "country", str, where)
    try:
        codes = tuple(resolve(part) for part in pair.split("-", 1)) if pair else None
        if codes is not None and len(codes) != 2:
            raise UsageError(f"pair {pair!r} is not two countries (TUR-KOR)")
        rule = Rule(
            name=name,
            pair=(codes[0], codes[1]) if codes else None,
            country=resolve(country) if country else None,
            events=frozenset(event_type(str(value), name="events") for value in _typed(table, "events", list, where)),
            quads=frozenset(_quads(_typed(table, "quad", list, where), where)),
            goldstein_below=_number(table, "goldstein_below", where),
            goldstein_above=_number(table, "goldstein_above", where),
            agreement=bool(_typed(table, "agreement", bool, where)),
            milestone=bool(_typed(table, "milestone", bool, where)),
            spike=_number(table, "spike", where),
            spike_days=_typed(table, "spike_days", int, where) or 7,
            spike_min=_typed(table, "spike_min", int, where) or 3,
        )
    except UsageError as error:
        raise UsageError(error.message, origin=f"{where} ({name})") from error
    return rule


def _outputs(table: Any, origin: str) -> Outputs:
    where = f"{origin}: [output]"
    if not isinstance(table, dict):
        raise UsageError("[output] is not a table", origin=origin)
    _known(table, _OUTPUT_KEYS, where)
    secret = _typed(table, "secret", str, where)
    variable = _typed(table, "secret_env", str, where)
    if variable:
        secret = os.environ.get(variable)
        if not secret:
            raise UsageError(f"the environment variable {variable} holding the webhook secret is not set", origin=where)
    webhook = _typed(table, "webhook", str, where)
    if webhook and not webhook.startswith(("http://", "https://")):
        raise UsageError(f"webhook {webhook!r} is not an http(s) URL", origin=where)
    jsonl = _typed(table, "jsonl", str, where)
    retries = _typed(table, "retries", int, where)
    return Outputs(Path(jsonl) if jsonl else None, webhook, secret or None, 3 if retries is None else retries)


def _known(table: dict[str, Any], keys: set[str], where: str) -> None:
    unknown = sorted(set(table) - keys)
    if unknown:
        raise UsageError(f"unknown key {unknown[0]!r} (known: {', '.join(sorted(keys))})", origin=where)


def _typed(table: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = table.get(key)
    if value is not None and (not isinstance(value, kind) or (kind is int and isinstance(value, bool))):
        raise UsageError(f"{key} = {value!r} is not a {kind.__name__}", origin=where)
    return value if value is not None else ([] if kind is list else None)


def _number(table: dict[str, Any], key: str, where: str) -> float | None:
    value = table.get(key)
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise UsageError(f"{key} = {value!r} is not a number", origin=where)
    return None if value is None else float(value)


def _quads(values: list[Any], where: str) -> list[int]:
    if any(isinstance(value, bool) or value not in (1, 2, 3, 4) for value in values):
        raise UsageError(f"quad = {values!r}: QuadClass is 1, 2, 3 or 4", origin=where)
    return [int(value) for value in values]
