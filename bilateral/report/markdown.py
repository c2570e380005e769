"""A brief as Markdown: headings, statements with [n] citations, quotes, the chart, the references.

Article text is hostile input: a Markdown viewer passes raw HTML through, so
``<`` and ``&`` become entities, Markdown's own marks are backslash-escaped,
and only http(s) URLs become links.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from bilateral.report.brief import Brief, Reference, Statement, citation_label

_MARKS = re.compile(r"([\\`*_\[\]|~])")
_LEADING = re.compile(r"^([#>+=-]|\d+[.)])")
_SPACE = re.compile(r"\s+")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def escape(text: str) -> str:
    """Text that renders as itself in Markdown and carries no HTML."""
    flat = _ENTITY.sub("&amp;", _SPACE.sub(" ", text).strip()).replace("<", "&lt;")
    flat = _MARKS.sub(r"\\\1", flat)
    return _LEADING.sub(r"\\\1", flat)


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for a link target (no spaces or brackets), else ``None``."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def _cited(statement: Statement) -> str:
    return escape(statement.text) + (" " + citation_label(statement.citations) if statement.citations else "")


def _reference(reference: Reference) -> str:
    parts = [escape(reference.outlet), escape(reference.dated)]
    if reference.title:
        parts.append(f"“{escape(reference.title)}”")
    url = safe_url(reference.url)
    if url:
        parts.append(f"<{url}>")
    return f"{reference.number}. " + ", ".join(parts)


def render(brief: Brief, *, chart: str | None = None) -> str:
    """The brief as Markdown; ``chart`` is the chart image's path relative to the file, else a sparkline is shown."""
    lines = [f"# {escape(brief.title)}", ""]
    for section in brief.sections:
        lines += [f"## {escape(section.heading)}", ""]
        if section.key == "state":
            if chart:
                lines += [f"![Stories per {brief.chart.by.value} by QuadClass]({quote(chart)})", ""]
            elif brief.sparkline.strip():
                labels = brief.chart.labels
                lines += [f"Stories per {brief.chart.by.value}, {labels[0]} to {labels[-1]}: `{brief.sparkline}`", ""]
        if not section.statements:
            lines += [f"*{escape(section.empty)}*", ""]
            continue
        for statement in section.statements:
            indent = "  " * statement.level
            lines.append(f"{indent}- {_cited(statement)}")
            if statement.quote:
                lines.append(f"{indent}  > {escape(statement.quote)}")
        lines.append("")
    lines += ["## References", ""]
    lines += [_reference(reference) for reference in brief.references] or ["*No articles cited.*"]
    lines.append("")
    return "\n".join(lines)
