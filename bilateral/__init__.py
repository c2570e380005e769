"""bilateral: a source-cited record of events between countries, from news.

The Python API does what the CLI does::

    from bilateral import Store, gazetteer, ingest
    with Store("bilateral.db") as store:
        summary = ingest(["news/"], store, gazetteer())
"""

__version__ = "0.1.0"

from bilateral.actors import Gazetteer, gazetteer, recognise
from bilateral.code import code, code_text
from bilateral.errors import BilateralError
from bilateral.frames import agreements_frame, events_frame, projects_frame, stories_frame, timeline_frame
from bilateral.link import link
from bilateral.pipeline import IngestSummary, analyse, ingest, recode
from bilateral.read import read_paths, read_text
from bilateral.records import (
    ActorKind,
    ActorReading,
    Agreement,
    Article,
    DateWindow,
    Document,
    Event,
    Failure,
    Field,
    Mention,
    Project,
    Sentence,
    Story,
    Tenure,
)
from bilateral.registry import agreements, projects
from bilateral.repair import repair
from bilateral.sentences import sentences
from bilateral.store import Store
from bilateral.stories import stories
from bilateral.timeline import By, new_since, timeline

__all__ = [
    "ActorKind",
    "ActorReading",
    "Agreement",
    "Article",
    "BilateralError",
    "By",
    "DateWindow",
    "Document",
    "Event",
    "Failure",
    "Field",
    "Gazetteer",
    "IngestSummary",
    "Mention",
    "Project",
    "Sentence",
    "Store",
    "Story",
    "Tenure",
    "__version__",
    "agreements",
    "agreements_frame",
    "analyse",
    "code",
    "code_text",
    "events_frame",
    "gazetteer",
    "ingest",
    "link",
    "new_since",
    "projects",
    "projects_frame",
    "read_paths",
    "read_text",
    "recode",
    "recognise",
    "repair",
    "sentences",
    "stories",
    "stories_frame",
    "timeline",
    "timeline_frame",
]
