"""Loading actor files: the bundled ones, then the user's.

Every file is tab-separated with a header line; ``#`` starts a comment line;
lists inside a field are ``|``-separated. A user folder (``--actors DIR`` or
``BILATERAL_ACTORS``) may hold files named like the bundled ones
(``countries*.tsv``, ``igos*.tsv``, ``organisations*.tsv``, ``people*.tsv``,
``offices*.tsv``); a user row whose key matches a bundled entry replaces it.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from bilateral.errors import DataFileError
from bilateral.records import ActorKind, Tenure

KINDS = ("countries", "igos", "organisations", "people", "offices")
OFFICES = frozenset(
    {
        "head_of_state",
        "head_of_government",
        "foreign_minister",
        "defence_minister",
        "igo_head",
        "minister",
        "spokesperson",
        "official",
    }
)
_COLUMNS = {
    "countries": ("iso3", "name", "aliases", "adjectives", "capitals"),
    "igos": ("code", "name", "aliases", "kind"),
    "organisations": ("name", "aliases", "country", "sector", "kind"),
    "people": ("name", "aliases", "short", "country", "office", "title", "start", "end"),
    "offices": ("phrase", "office", "title"),
}


@dataclass(frozen=True, slots=True)
class Alias:
    """A surface form and how it names its entry (name, adjective, capital, …)."""

    text: str
    form: str


@dataclass(slots=True)
class Entry:
    """One actor: a country, IGO, organisation or person, with where it came from."""

    kind: ActorKind
    key: str
    name: str
    country: str | None
    source: str
    aliases: list[Alias] = field(default_factory=list)
    sector: str | None = None
    short: str | None = None
    tenures: list[Tenure] = field(default_factory=list)
    iso2: str | None = None


@dataclass(frozen=True, slots=True)
class OfficeNoun:
    phrase: str
    office: str
    title: str


@dataclass(slots=True)
class ActorData:
    entries: list[Entry]
    offices: list[OfficeNoun]


def bundled_dir() -> Path:
    return Path(str(resources.files("bilateral.actors") / "data"))


def user_dirs(extra: tuple[Path, ...] = ()) -> tuple[Path, ...]:
    from_env = tuple(Path(part) for part in os.environ.get("BILATERAL_ACTORS", "").split(os.pathsep) if part)
    return from_env + extra


def load(extra: tuple[Path, ...] = ()) -> ActorData:
    """Read the bundled actor files, then every user folder, later rows winning."""
    entries: dict[tuple[ActorKind, str], Entry] = {}
    offices: dict[str, OfficeNoun] = {}
    for folder in (bundled_dir(), *user_dirs(extra)):
        if not folder.is_dir():
            raise DataFileError("actor folder not found", origin=str(folder))
        user_people: set[str] = set()
        for kind in KINDS:
            for path in sorted(folder.glob(f"{kind}*.tsv")):
                for row in _rows(path, kind):
                    if kind == "offices":
                        noun = _office_noun(row, path)
                        offices[noun.phrase.lower()] = noun
                    else:
                        _merge(entries, _entry(kind, row, path), replace_people=user_people, folder=folder)
    return ActorData(list(entries.values()), list(offices.values()))


def _merge(
    entries: dict[tuple[ActorKind, str], Entry], entry: Entry, *, replace_people: set[str], folder: Path
) -> None:
    """Add ``entry``; people rows of one person accumulate their tenures."""
    slot = (entry.kind, entry.key)
    existing = entries.get(slot)
    if entry.kind is not ActorKind.PERSON or existing is None:
        entries[slot] = entry
        return
    if folder != bundled_dir() and entry.key not in replace_people:
        replace_people.add(entry.key)
        entries[slot] = entry
        return
    known = {alias.text for alias in existing.aliases}
    existing.aliases += [alias for alias in entry.aliases if alias.text not in known]
    existing.tenures += entry.tenures
    existing.short = existing.short or entry.short


def _rows(path: Path, kind: str) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(f"cannot read: {error}", origin=str(path)) from error
    numbered = [
        (number, line) for number, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")
    ]
    if not numbered:
        return
    header_number, header = numbered[0]
    columns = tuple(header.split("\t"))
    expected = _COLUMNS[kind]
    if columns[: len(expected)] != expected:
        raise DataFileError(f"line {header_number}: header must start with {'	'.join(expected)!r}", origin=str(path))
    for number, line in numbered[1:]:
        values = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(values) > len(columns):
            raise DataFileError(f"line {number}: {len(values)} fields, header has {len(columns)}", origin=str(path))
        values += [""] * (len(columns) - len(values))
        yield number, {column: value.strip() for column, value in zip(columns, values, strict=True)}


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _entry(kind: str, numbered_row: tuple[int, dict[str, str]], path: Path) -> Entry:
    number, row = numbered_row
    source = f"{path.name}:{number}"

    def need(column: str) -> str:
        if not row[column]:
            raise DataFileError(f"line {number}: empty {column}", origin=str(path))
        return row[column]

    if kind == "countries":
        code = need("iso3").upper()
        entry = Entry(ActorKind.COUNTRY, code, need("name"), code, source, iso2=row.get("iso2", "").upper() or None)
        entry.aliases = [Alias(entry.name, "name")]
        entry.aliases += [Alias(text, "name") for text in _split(row["aliases"])]
        entry.aliases += [Alias(text, "adjective") for text in _split(row["adjectives"])]
        entry.aliases += [Alias(text, "capital") for text in _split(row["capitals"])]
        return entry
    if kind == "igos":
        code = need("code").upper()
        entry = Entry(ActorKind.IGO, code, need("name"), code, source)
        entry.aliases = [Alias(text, "name") for text in [entry.name, *_split(row["aliases"])]]
        return entry
    if kind == "organisations":
        name = need("name")
        entry = Entry(ActorKind.ORGANISATION, name, name, need("country").upper(), source, sector=row["sector"] or None)
        entry.aliases = [Alias(text, "name") for text in [name, *_split(row["aliases"])]]
        return entry
    name = need("name")
    office = need("office")
    if office not in OFFICES:
        raise DataFileError(
            f"line {number}: office {office!r} is not one of {', '.join(sorted(OFFICES))}", origin=str(path)
        )
    start = _date(need("start"), number, path)
    end = _date(row["end"], number, path) if row["end"] else None
    if end is not None and end < start:
        raise DataFileError(f"line {number}: tenure ends before it starts", origin=str(path))
    entry = Entry(
        ActorKind.PERSON, name, name, need("country").upper(), source, sector="GOV", short=row["short"] or None
    )
    entry.aliases = [Alias(text, "name") for text in [name, *_split(row["aliases"])]]
    entry.tenures = [Tenure(office, row["title"] or office.replace("_", " "), start, end)]
    return entry


def _office_noun(numbered_row: tuple[int, dict[str, str]], path: Path) -> OfficeNoun:
    number, row = numbered_row
    if row["office"] not in OFFICES:
        raise DataFileError(
            f"line {number}: office {row['office']!r} is not one of {', '.join(sorted(OFFICES))}", origin=str(path)
        )
    return OfficeNoun(row["phrase"], row["office"], row["title"] or row["phrase"].title())


def _date(value: str, number: int, path: Path) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise DataFileError(f"line {number}: {value!r} is not a YYYY-MM-DD date", origin=str(path)) from error
