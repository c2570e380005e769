"""Country code tables for exports, loaded once from ``data/country-codes.tsv``."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bilateral.actors.countries import countries
from bilateral.errors import DataFileError
from bilateral.records import ActorKind, Party


@dataclass(frozen=True, slots=True)
class CountryCodes:
    """One country's codes in the schemes other event datasets use."""

    iso3: str
    fips: str
    cow: int | None


@cache
def country_codes() -> dict[str, CountryCodes]:
    """ISO 3166-1 alpha-3 code to its FIPS 10-4 code and Correlates of War number."""
    path = resources.files("bilateral.export") / "data" / "country-codes.tsv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    table: dict[str, CountryCodes] = {}
    for number, row in enumerate(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), start=2):
        iso3, fips, cow = row["iso3"], row["fips"], row["cow"]
        if len(iso3) != 3 or len(fips) != 2 or not (cow == "" or cow.isdigit()):
            raise DataFileError(f"row {number} is not 'ISO3<TAB>FIPS<TAB>COW': {row}", origin=str(path))
        table[iso3] = CountryCodes(iso3, fips, int(cow) if cow else None)
    return table


def fips(code: str | None) -> str:
    """The FIPS 10-4 code of a country given by ISO alpha-3 ("" for IGOs and unknown codes)."""
    found = country_codes().get(code or "")
    return found.fips if found else ""


def cow(code: str | None) -> int | None:
    """The Correlates of War state number of a country given by ISO alpha-3, if it has one."""
    found = country_codes().get(code or "")
    return found.cow if found else None


def country_names() -> dict[str, str]:
    """Country and IGO codes to the names the bundled actor files give them (the table country arguments use)."""
    return countries().names


def party_name(party: Party) -> str:
    """A party's canonical name; for a country the coder inferred without naming it, the country's name."""
    if party.name:
        return party.name
    if party.kind is ActorKind.COUNTRY and party.country:
        return country_names().get(party.country, party.country)
    return party.text
