"""An agreement's registry entry, summed up from every report of it: its stages (the life cycle), its kind, the
organisations and signatories named, its value and how many articles and independent sources report it.

Linking keeps each entry as it stands (see :mod:`bilateral.store.rollups`), so a page of the registry reads a few
rows however many reports an agreement has.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from bilateral.copies import independent_sources
from bilateral.records import STAGES, ActorKind, Agreement, Event, EventDate, Stage, placed_date
from bilateral.registry.agreements import SPECIFIC
from bilateral.registry.agreements import signatories as signatories_of


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """One report of an agreement's stage, with the entry's fields and the date of the report's story."""

    id: str
    countries: tuple[str, ...]
    topic: str
    context: str
    stage: str
    kind: str
    phrase: str
    value: str | None
    event: Event
    source: str | None
    copy_group: str | None
    story_when: EventDate | None


def agreement_entry(reports: list[AgreementReport]) -> Agreement:
    """The entry of the agreement these are all the reports of (in the order their stories are dated)."""
    head = reports[0]
    stages: list[Stage] = []
    parties: dict[str, None] = {}
    signatories: dict[str, None] = {}
    members = set()
    for report in reports:
        event = report.event
        members.add((event.evidence.article_id, report.source, report.copy_group))
        when = placed_date(event.when, report.story_when)
        stages.append(Stage(report.stage, when, report.kind, report.phrase, event.id, event.evidence.article_id,
                            event.evidence.quote))  # fmt: skip
        for party in (*event.actor, *event.recipient):
            if party.kind in (ActorKind.ORGANISATION, ActorKind.IGO) and party.name:
                parties[party.name] = None
        for person in signatories_of(event) if report.stage in ("signed", "revised") else ():
            signatories[f"{person.name} ({person.office})" if person.office else str(person.name)] = None
    stages.sort(key=lambda item: (STAGES.index(item.stage), item.when.start or date.max))
    kind = min((stage.kind for stage in stages), key=SPECIFIC.index)
    values = [report.value for report in reports if report.value]
    return Agreement(
        id=head.id,
        title=f"{head.topic[:1].upper()}{head.topic[1:]} {kind}",
        kind=kind,
        topic=head.topic,
        context=head.context,
        countries=head.countries,
        parties=(*head.countries, *parties),
        signatories=tuple(signatories),
        aliases=tuple(dict.fromkeys(stage.phrase for stage in stages)),
        value=Counter(values).most_common(1)[0][0] if values else None,
        stages=tuple(_first_of_each(stages)),
        n_articles=len({article for article, _, _ in members}),
        n_sources=independent_sources(members),
    )


def _first_of_each(stages: list[Stage]) -> list[Stage]:
    """One stage per kind of step, the earliest report of it (the others are more evidence of the same)."""
    seen: dict[str, Stage] = {}
    for stage in stages:
        seen.setdefault(stage.stage, stage)
    return list(seen.values())
