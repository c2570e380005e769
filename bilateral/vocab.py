"""The choices the command line offers: input formats, export formats and rows, brief formats, timeline periods,
the sentence model's modes and the event types.

Plain enums that import nothing of the package, so that the command line builds its options (and answers
``--help``) without loading the readers, the exporters or the report code. Each is re-exported where it is
used: ``bilateral.read.InputFormat``, ``bilateral.export.ExportFormat`` and ``bilateral.export.Per``,
``bilateral.report.BriefFormat``, ``bilateral.timeline.By``, ``bilateral.code.model.Model``.
"""

from __future__ import annotations

from enum import StrEnum

PLOVER_EVENTS = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
EVENTS = (*PLOVER_EVENTS, "STATEMENT")
"""The event types: PLOVER's sixteen and STATEMENT (re-exported by :mod:`bilateral.ontology`)."""
TYPE_HELP = f"Only this event type (any case): {', '.join(EVENTS)}."


class InputFormat(StrEnum):
    """The shapes of input read: a news record or plain text, dumps, pages, feeds, PDFs, lists of URLs."""

    text = "text"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    html = "html"
    feed = "feed"
    pdf = "pdf"
    urls = "urls"


class ExportFormat(StrEnum):
    plover_jsonl = "plover-jsonl"
    polecat_tsv = "polecat-tsv"
    gdelt_tsv = "gdelt-tsv"
    icews_tsv = "icews-tsv"
    csv = "csv"
    parquet = "parquet"
    graphml = "graphml"


class Per(StrEnum):
    """What one exported row stands for: an event as one article reports it, or a story (one happening)."""

    event = "event"
    story = "story"


class BriefFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"


class By(StrEnum):
    """The length of a timeline's periods."""

    day = "day"
    week = "week"
    month = "month"
    year = "year"


class Model(StrEnum):
    """How far the model goes: not at all (the default), reviewing the rules' acts, or also proposing acts."""

    OFF = "off"
    """The rules alone: the fast default."""
    REVIEW = "review"
    """The rules' acts between two or more parties reviewed, an act whose type the model finds unlikely in its
    sentence left out (``--model``): precision first, and only the sentences the rules coded are read."""
    PROPOSE = "propose"
    """Also an act proposed where the rules found none and a sentence names two parties, or one state (an act at
    home, as PLOVER codes every act) (``--propose``): more acts typed, less precise between states, every sentence
    naming a party read."""
