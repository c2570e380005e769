"""GraphML: countries as nodes, directed edges aggregated over events.

Each edge (actor country -> recipient country, pairs as in ``pairs.py``,
so a joint act counts both ways) carries ``events``, ``goldstein_mean``,
``quad1``..``quad4`` (events per GDELT QuadClass), ``first`` and ``last``
(the first and last known day: stated, or placed by a dated story; an event dated
only by a window or to the month counts in ``events`` and sets neither). Nodes
are country (or IGO) codes and carry ``name``. Written with the standard library;
networkx, Gephi, igraph and yEd read it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TextIO
from xml.etree import ElementTree

from bilateral.export.codes import country_names
from bilateral.export.pairs import directed_pairs
from bilateral.records import SourcedEvent

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"

# (id, for, type) of every GraphML attribute key.
KEYS = (
    ("name", "node", "string"),
    ("events", "edge", "int"),
    ("goldstein_mean", "edge", "double"),
    ("quad1", "edge", "int"),
    ("quad2", "edge", "int"),
    ("quad3", "edge", "int"),
    ("quad4", "edge", "int"),
    ("first", "edge", "string"),
    ("last", "edge", "string"),
)


@dataclass(slots=True)
class Edge:
    events: int = 0
    goldstein: float = 0.0
    quads: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    first: date | None = None
    last: date | None = None

    def add(self, goldstein: float, quad: int, day: date | None) -> None:
        self.events += 1
        self.goldstein += goldstein
        self.quads[quad - 1] += 1
        if day is not None:
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)


def aggregate(items: Iterable[SourcedEvent]) -> dict[tuple[str, str], Edge]:
    """Edges over every directed pair with two countries."""
    edges: dict[tuple[str, str], Edge] = {}
    for item in items:
        event = item.event
        for actor, recipient in directed_pairs(event):
            if recipient is not None:
                edges.setdefault((actor, recipient), Edge()).add(event.goldstein, event.quad, item.when.day)
    return edges


def write(items: Iterable[SourcedEvent], out: TextIO) -> int:
    """Write the graph; return how many edges."""
    edges, names = aggregate(items), country_names()
    ElementTree.register_namespace("", NAMESPACE)
    root = ElementTree.Element(f"{{{NAMESPACE}}}graphml")
    for key, scope, kind in KEYS:
        ElementTree.SubElement(
            root, f"{{{NAMESPACE}}}key", {"id": key, "for": scope, "attr.name": key, "attr.type": kind}
        )
    graph = ElementTree.SubElement(root, f"{{{NAMESPACE}}}graph", {"id": "bilateral", "edgedefault": "directed"})
    for code in sorted({code for pair in edges for code in pair}):
        node = ElementTree.SubElement(graph, f"{{{NAMESPACE}}}node", {"id": code})
        _data(node, "name", names.get(code, code))
    for (source, target), edge in sorted(edges.items()):
        element = ElementTree.SubElement(graph, f"{{{NAMESPACE}}}edge", {"source": source, "target": target})
        _data(element, "events", str(edge.events))
        _data(element, "goldstein_mean", f"{edge.goldstein / edge.events:.4f}")
        for quad, count in enumerate(edge.quads, start=1):
            _data(element, f"quad{quad}", str(count))
        if edge.first and edge.last:
            _data(element, "first", edge.first.isoformat())
            _data(element, "last", edge.last.isoformat())
    ElementTree.indent(root)
    out.write(ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n")
    return len(edges)


def _data(parent: ElementTree.Element, key: str, value: str) -> None:
    ElementTree.SubElement(parent, f"{{{NAMESPACE}}}data", {"key": key}).text = value
