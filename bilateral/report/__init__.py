"""Briefs on a pair of countries: one data model (:mod:`.brief`), rendered as Markdown, HTML or PDF.

``write(brief, fmt, path)`` writes a file whole or not at all; a Markdown brief
gets its chart as a PNG file beside it (``NAME-timeline.png``), an HTML brief
carries its chart inline, a PDF embeds it. The renderers and their libraries
(matplotlib, reportlab, Jinja2) are imported when a brief is written, so the
rest of the command line starts without them; so is :mod:`.brief` (which reads the store), on first
use of ``build`` or ``Brief``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilateral.errors import ReportError
from bilateral.vocab import BriefFormat

if TYPE_CHECKING:
    from bilateral.report.brief import Brief, build


def chart_title(brief: Brief) -> str:
    return f"{brief.names[0]} – {brief.names[1]}: stories per {brief.chart.by.value} by QuadClass"


def chart_path(path: Path) -> Path:
    """Where a Markdown brief written to ``path`` keeps its chart."""
    return path.with_name(f"{path.stem}-timeline.png")


def _replace(path: Path, content: str | bytes) -> None:
    partial = path.with_name(path.name + ".partial")
    try:
        if isinstance(content, bytes):
            partial.write_bytes(content)
        else:
            partial.write_text(content, encoding="utf-8")
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ReportError(f"cannot write: {error.strerror or error}", origin=str(path)) from error


def write(brief: Brief, fmt: BriefFormat, path: Path) -> list[Path]:
    """Write the brief to ``path`` in ``fmt``; returns the files written (the brief last)."""
    from bilateral.report import charts, html, markdown, pdf

    written: list[Path] = []
    content: str | bytes
    if fmt is BriefFormat.md:
        image = None
        if not brief.chart.empty:
            image = chart_path(path)
            _replace(image, charts.png(brief.chart, chart_title(brief)))
            written.append(image)
        content = markdown.render(brief, chart=image.name if image else None)
    elif fmt is BriefFormat.html:
        content = html.render(
            brief, chart_svg=None if brief.chart.empty else charts.svg(brief.chart, chart_title(brief))
        )
    else:
        content = pdf.render(
            brief, chart_png=None if brief.chart.empty else charts.png(brief.chart, chart_title(brief))
        )
    _replace(path, content)
    return [*written, path]


def __getattr__(name: str) -> Any:
    """``Brief`` and ``build``, from :mod:`.brief` on first use."""
    if name in {"Brief", "build"}:
        from bilateral.report import brief

        return getattr(brief, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Brief", "BriefFormat", "build", "chart_path", "write"]
