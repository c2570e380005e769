"""An agreement's registry entry, summed up from every report of it: its stages (the life cycle), its kind, the
organisations and signatories named, its value and how many articles and independent sources report it.

Linking keeps each entry as it stands (see :mod:`bilateral.store.rollups`), so a page of the registry reads a few
rows however many reports an agreement has. It also keeps the entry's :class:`Summary`: for each item of the entry,
the first report of it in the order reports are read, so a batch adds its new reports to it without reading the old
ones again, and the entry is the one that reading them all at once gives.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bilateral.copies import Outlets
from bilateral.records import STAGES, ActorKind, Agreement, Event, EventDate, Stage, placed_date
from bilateral.registry.agreements import SPECIFIC
from bilateral.registry.agreements import signatories as signatories_of

Order = tuple[str, str]
"""Where a report stands in the order an agreement's reports are read: its story's first day (else its own, else
''), then its event id."""


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """One report of an agreement's stage, with the date of the report's story and its place in the reading order."""

    id: str
    stage: str
    kind: str
    phrase: str
    value: str | None
    event: Event
    source: str | None
    copy_group: str | None
    story_when: EventDate | None
    order: Order


@dataclass(slots=True)
class Summary:
    """What an agreement's entry is summed up from, each item with the first report of it; reports may be added
    in any order (a mutable accumulator, unlike the records)."""

    kind: str | None = None
    stages: dict[str, tuple[tuple[str, Order], Stage]] = field(default_factory=dict)
    """Each step's earliest report: (its day, or the last day there is, and order), the stage."""
    parties: dict[str, tuple[Order, int]] = field(default_factory=dict)
    """Organisations named, by the first report naming them and their place among its parties."""
    signatories: dict[str, tuple[Order, int]] = field(default_factory=dict)
    aliases: dict[str, tuple[int, str, Order]] = field(default_factory=dict)
    """The names it goes by, ordered as the stages that use them: (step, day, order) of the first."""
    values: dict[str, tuple[int, Order]] = field(default_factory=dict)
    """Each value stated: how many reports state it, and the first that does."""
    outlets: Outlets = field(default_factory=Outlets)

    def add(self, report: AgreementReport, *, again: bool = False) -> None:
        """Add a report; ``again``: one added before that has a new date (it heads no item, see :meth:`heads`)."""
        event, order = report.event, report.order
        when = placed_date(event.when, report.story_when)
        day = (when.start or date.max).isoformat()
        if self.kind is None or SPECIFIC.index(report.kind) < SPECIFIC.index(self.kind):
            self.kind = report.kind
        kept = self.stages.get(report.stage)
        if kept is None or (day, order) < kept[0]:
            stage = Stage(report.stage, when, report.kind, report.phrase, event.id, event.evidence.article_id,
                          event.evidence.quote)  # fmt: skip
            self.stages[report.stage] = ((day, order), stage)
        _keep_first(self.aliases, report.phrase, (STAGES.index(report.stage), day, order))
        named = (party for party in (*event.actor, *event.recipient) if party.kind in _ORGANISATIONS and party.name)
        for position, party in enumerate(named):
            _keep_first(self.parties, str(party.name), (order, position))
        signing = signatories_of(event) if report.stage in ("signed", "revised") else []
        for position, person in enumerate(signing):
            name = f"{person.name} ({person.office})" if person.office else str(person.name)
            _keep_first(self.signatories, name, (order, position))
        if report.value:
            count, first = self.values.get(report.value, (0, order))
            self.values[report.value] = (count + (not again), min(first, order))
        self.outlets.add(event.evidence.article_id, report.source, report.copy_group)

    def heads(self, events: Collection[str]) -> bool:
        """Whether a report of one of these events is the first of an item: a new date may make it no longer the
        first, and what comes next is known only by reading every report again."""
        if not events:
            return False
        firsts = [
            *(stage.event_id for _, stage in self.stages.values()),
            *(order[1] for _, _, order in self.aliases.values()),
            *(order[1] for order, _ in (*self.parties.values(), *self.signatories.values())),
            *(first[1] for _, first in self.values.values()),
        ]
        return not set(events).isdisjoint(firsts)

    def entry(self, key: str, countries: tuple[str, ...], topic: str, context: str, articles: int) -> Agreement:
        """The entry of agreement ``key``, reported by ``articles`` articles."""
        if self.kind is None:
            raise ValueError("an entry is summed up from one report at least")
        stages = sorted(self.stages.values(), key=lambda item: (STAGES.index(item[1].stage), item[0]))
        value = min(self.values.items(), key=lambda item: (-item[1][0], item[1][1]))[0] if self.values else None
        return Agreement(
            id=key,
            title=f"{topic[:1].upper()}{topic[1:]} {self.kind}",
            kind=self.kind,
            topic=topic,
            context=context,
            countries=countries,
            parties=(*countries, *_ordered(self.parties)),
            signatories=_ordered(self.signatories),
            aliases=_ordered(self.aliases),
            value=value,
            stages=tuple(stage for _, stage in stages),
            n_articles=articles,
            n_sources=self.outlets.count(),
        )

    def to_json(self) -> dict[str, Any]:
        """The summary as kept beside its entry (whose stages are the chosen ones): the same reports give the same
        text whatever the order they were added in (keys sorted, each outlet under the least of its own)."""
        return {
            "kind": self.kind,
            "stages": {name: key for name, (key, _) in sorted(self.stages.items())},
            "parties": dict(sorted(self.parties.items())),
            "signatories": dict(sorted(self.signatories.items())),
            "aliases": dict(sorted(self.aliases.items())),
            "values": dict(sorted(self.values.items())),
            "outlets": self.outlets.canonical(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None, entry: Agreement | None) -> Summary:
        """The summary :meth:`to_json` wrote beside ``entry``; an empty one for an agreement with no report."""
        if data is None or entry is None:
            return cls()
        chosen = {stage.stage: stage for stage in entry.stages}
        return cls(
            kind=data["kind"],
            stages={name: ((day, tuple(order)), chosen[name]) for name, (day, order) in data["stages"].items()},
            parties={name: (tuple(order), position) for name, (order, position) in data["parties"].items()},
            signatories={name: (tuple(order), position) for name, (order, position) in data["signatories"].items()},
            aliases={name: (step, day, tuple(order)) for name, (step, day, order) in data["aliases"].items()},
            values={value: (count, tuple(first)) for value, (count, first) in data["values"].items()},
            outlets=Outlets(data["outlets"]),
        )


_ORGANISATIONS = (ActorKind.ORGANISATION, ActorKind.IGO)


def _keep_first(found: dict[str, Any], name: str, key: Any) -> None:
    if name not in found or key < found[name]:
        found[name] = key


def _ordered(found: dict[str, Any]) -> tuple[str, ...]:
    return tuple(sorted(found, key=found.__getitem__))
