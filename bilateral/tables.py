"""The package's data tables: tab-separated, a header row, ``#`` lines for sources and notes."""

from __future__ import annotations

import csv
from importlib import resources


def package_rows(package: str, name: str) -> list[dict[str, str]]:
    """The rows of ``data/<name>`` inside ``package``, as dicts keyed by the header."""
    text = (resources.files(package) / "data" / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
