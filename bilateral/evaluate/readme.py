"""The scores table the README shows, kept between two markers."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from bilateral.errors import UsageError
from bilateral.evaluate.floors import Floors

START = "<!-- scores:start -->"
END = "<!-- scores:end -->"
# The count each set is measured over, by the metric that holds it.
ITEMS = {"sentences": "sentences", "articles": "articles"}


def scores_table(results: Mapping[str, Mapping[str, object]], floors: Floors) -> str:
    """A Markdown table: one row per set, its size and its gated metrics (floor in brackets)."""
    lines = ["| set | measured on | scores (floor) |", "|---|---|---|"]
    for name, metrics in results.items():
        if "skipped" in metrics:
            lines.append(f"| `{name}` | — | skipped: {metrics['skipped']} |")
            continue
        size = next((f"{metrics[key]} {label}" for key, label in ITEMS.items() if key in metrics), "—")
        scores = [
            f"{metric} {value:.3f} ({floor:.2f})"
            for metric, floor in sorted(floors.get(name, {}).items())
            for value in [metrics.get(metric)]
            if isinstance(value, int | float)
        ]
        lines.append(f"| `{name}` | {size} | {', '.join(scores) or '—'} |")
    return "\n".join(lines)


def with_scores(readme: str, table: str) -> str:
    """``readme`` with everything between the markers replaced by ``table``."""
    start, end = readme.find(START), readme.find(END)
    if start < 0 or end < start:
        raise UsageError(f"README.md has no {START} … {END} markers; add them where the scores table goes")
    return f"{readme[: start + len(START)]}\n{table}\n{readme[end:]}"


def update_readme(path: Path, table: str) -> None:
    """Rewrite the scores table in the README at ``path``."""
    if not path.is_file():
        raise UsageError(f"{path} not found; run from the repository root")
    path.write_text(with_scores(path.read_text(encoding="utf-8"), table), encoding="utf-8")
