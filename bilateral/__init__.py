"""bilateral: a source-cited record of events between countries, from news.

The Python API does what the CLI does::

    from bilateral import Store, gazetteer, ingest
    with Store("bilateral.db") as store:
        summary = ingest(["news/"], store, gazetteer())

Each name is imported on first use, so that ``import bilateral`` (and ``bilateral --help``) stays fast.
"""

import importlib
import sys
import types
import typing

__version__ = "0.1.0"

if typing.TYPE_CHECKING:
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
    from bilateral.store import Query, Store
    from bilateral.stories import stories
    from bilateral.timeline import By, new_since, timeline

# Where each public name lives: ``bilateral.NAME`` imports that module on first use.
_HOMES = {
    "bilateral.actors": ("Gazetteer", "gazetteer", "recognise"),
    "bilateral.code": ("code", "code_text"),
    "bilateral.errors": ("BilateralError",),
    "bilateral.frames": ("agreements_frame", "events_frame", "projects_frame", "stories_frame", "timeline_frame"),
    "bilateral.link": ("link",),
    "bilateral.pipeline": ("IngestSummary", "analyse", "ingest", "recode"),
    "bilateral.read": ("read_paths", "read_text"),
    "bilateral.records": (
        *("ActorKind", "ActorReading", "Agreement", "Article", "DateWindow", "Document", "Event", "Failure"),
        *("Field", "Mention", "Project", "Sentence", "Story", "Tenure"),
    ),
    "bilateral.registry": ("agreements", "projects"),
    "bilateral.repair": ("repair",),
    "bilateral.sentences": ("sentences",),
    "bilateral.store": ("Query", "Store"),
    "bilateral.stories": ("stories",),
    "bilateral.timeline": ("By", "new_since", "timeline"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

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
    "Query",
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


class _Package(types.ModuleType):
    """The package module, with its public names imported on first use.

    Some public functions share their name with a submodule (``code``, ``link``, ``repair``, ``sentences``,
    ``stories``, ``timeline``). Importing such a submodule would bind the module to the package attribute; the
    package keeps the function there instead, as an eager ``from bilateral.code import code`` did.
    """

    def __getattr__(self, name: str) -> typing.Any:
        home = _HOME.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        super().__setattr__(name, value)
        return value

    def __setattr__(self, name: str, value: typing.Any) -> None:
        if not (name in _HOME and isinstance(value, types.ModuleType)):
            super().__setattr__(name, value)

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *__all__})


sys.modules[__name__].__class__ = _Package
