"""The brief's timeline chart: stories per period, stacked by QuadClass (matplotlib, Agg, no display).

The figure is drawn on a bare :class:`matplotlib.figure.Figure`, never through
pyplot, so no global state or GUI backend is involved and charts can be drawn
from several threads.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bilateral.ontology import quad_name
from bilateral.report.brief import Chart

COLOURS = ("#4c9a6a", "#1f6f43", "#e0a040", "#b03a2e")
"""Verbal and material cooperation in greens, verbal and material conflict in amber and red."""
_MAX_LABELS = 16


def figure(chart: Chart, title: str) -> Figure:
    """Stacked bars of stories per period; the brief's own period shaded."""
    fig = Figure(figsize=(7.0, 2.8), dpi=100, layout="constrained")
    axes = fig.add_subplot()
    positions = list(range(len(chart.labels)))
    bottom = [0] * len(positions)
    for quad in range(4):
        heights = [counts[quad] for counts in chart.quads]
        if any(heights):
            axes.bar(positions, heights, bottom=bottom, color=COLOURS[quad], label=quad_name(quad + 1), width=0.8)
            bottom = [low + high for low, high in zip(bottom, heights, strict=True)]
    if chart.first_in_period is not None and positions:
        axes.axvspan(
            chart.first_in_period - 0.5, positions[-1] + 0.5, color="#dde6f0", zorder=0, label="this brief's period"
        )
    step = max(1, len(positions) // _MAX_LABELS + (1 if len(positions) % _MAX_LABELS else 0))
    axes.set_xticks(positions[::step], [chart.labels[index] for index in positions[::step]], rotation=45, ha="right",
                    fontsize=8)  # fmt: skip
    axes.set_xlim(-0.6, max(positions, default=0) + 0.6)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel(f"stories per {chart.by.value}", fontsize=8)
    axes.set_title(title, fontsize=9)
    axes.tick_params(axis="y", labelsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    if not chart.empty:
        axes.legend(fontsize=7, frameon=False, loc="upper left")
    return fig


def png(chart: Chart, title: str, *, dpi: int = 150) -> bytes:
    buffer = io.BytesIO()
    figure(chart, title).savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def svg(chart: Chart, title: str) -> str:
    """The chart as SVG text (matplotlib escapes the text it draws); no date, so output is stable."""
    buffer = io.StringIO()
    figure(chart, title).savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
