"""bilateral: a source-cited record of events between countries, from news.

The Python API does what the CLI does::

    from bilateral import Store, gazetteer, ingest
    with Store("bilateral.db") as store:
        summary = ingest(["news/"], store, gazetteer())
"""

__version__ = "0.1.0"

from bilateral.actors import Gazetteer, gazetteer, recognise
from bilateral.errors import BilateralError
from bilateral.frames import events_frame
from bilateral.pipeline import IngestSummary, analyse, ingest
from bilateral.read import read_paths, read_text
from bilateral.records import (
    ActorKind,
    ActorReading,
    Article,
    DateWindow,
    Document,
    Failure,
    Field,
    Mention,
    Sentence,
    Tenure,
)
from bilateral.repair import repair
from bilateral.sentences import sentences
from bilateral.store import Store

__all__ = [
    "ActorKind",
    "ActorReading",
    "Article",
    "BilateralError",
    "DateWindow",
    "Document",
    "Failure",
    "Field",
    "Gazetteer",
    "IngestSummary",
    "Mention",
    "Sentence",
    "Store",
    "Tenure",
    "__version__",
    "analyse",
    "events_frame",
    "gazetteer",
    "ingest",
    "read_paths",
    "read_text",
    "recognise",
    "repair",
    "sentences",
]
