"""A brief as one self-contained HTML page (Jinja2, autoescaped; the chart inline as an SVG data URI).

Article text, titles, outlets and quotes are hostile input: autoescaping turns
any markup in them into text, links are made only from http(s) URLs, and the
chart travels as an ``<img>`` data URI, where an SVG cannot run script.
"""

from __future__ import annotations

import base64
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from bilateral import __version__
from bilateral.report.brief import Brief, citation_ranges, grouped
from bilateral.report.markdown import safe_url


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("bilateral.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(ranges=citation_ranges, grouped=grouped, safe_url=safe_url)
    return environment


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def render(brief: Brief, *, chart_svg: str | None = None) -> str:
    """The brief as HTML; ``chart_svg`` is the timeline chart (see :mod:`bilateral.report.charts`)."""
    template = _environment().get_template("brief.html")
    return template.render(brief=brief, chart=data_uri(chart_svg) if chart_svg else None, version=__version__)
