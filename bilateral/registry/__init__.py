"""The registries: agreements with their life cycle, and projects with their milestones."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any

from bilateral.copies import independent_sources
from bilateral.ontology import cameo as cameo_row
from bilateral.records import ActorKind, Agreement, Milestone, Project, Stage, placed_date
from bilateral.registry.agreements import SPECIFIC, STAGES
from bilateral.registry.agreements import signatories as signatories_of
from bilateral.registry.projects import projects as listed_projects
from bilateral.serialise import event_from
from bilateral.store import Store
from bilateral.store.rows import stored_when

__all__ = ["agreements", "projects"]


def _agreement(rows: list[tuple[Any, ...]]) -> Agreement:
    key, countries, topic, context = rows[0][:4]
    stages: list[Stage] = []
    parties: dict[str, None] = {}
    signatories: dict[str, None] = {}
    members = set()
    for _, _, _, _, stage, kind, phrase, _, record, source, group, first, last, precision, method in rows:
        event = event_from(json.loads(record))
        members.add((event.evidence.article_id, source, group))
        when = placed_date(event.when, stored_when(first, last, precision, method) if first else None)
        stages.append(Stage(stage, when, kind, phrase, event.id, event.evidence.article_id, event.evidence.quote))
        for party in (*event.actor, *event.recipient):
            if party.kind in (ActorKind.ORGANISATION, ActorKind.IGO) and party.name:
                parties[party.name] = None
        for person in signatories_of(event) if stage in ("signed", "revised") else ():
            signatories[f"{person.name} ({person.office})" if person.office else str(person.name)] = None
    stages.sort(key=lambda item: (STAGES.index(item.stage), item.when.start or date.max))
    kind = min((stage.kind for stage in stages), key=SPECIFIC.index)
    values = [row[7] for row in rows if row[7]]
    return Agreement(
        id=key,
        title=f"{topic[:1].upper()}{topic[1:]} {kind}",
        kind=kind,
        topic=topic,
        context=context,
        countries=tuple(countries.split()),
        parties=(*countries.split(), *parties),
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


def agreements(store: Store, *, pair: tuple[str, str] | None = None) -> list[Agreement]:
    """Registry entries, earliest first, optionally between one pair of countries."""
    grouped: dict[str, list[tuple[Any, ...]]] = {}
    for row in store.agreement_rows(pair=pair):
        grouped.setdefault(row[0], []).append(row)
    entries = [_agreement(rows) for rows in grouped.values()]
    return sorted(entries, key=lambda entry: (entry.stages[0].when.start or date.max, entry.id))


def _milestone(rows: list[tuple[Any, ...]]) -> Milestone:
    events = [event_from(json.loads(row[1])) for row in rows]
    lead = events[0]
    _, _, _, first, last, precision, method, _, _ = rows[0]
    when = placed_date(lead.when, stored_when(first, last, precision, method) if first else None)
    return Milestone(
        when=when,
        event=lead.event,
        cameo=lead.cameo,
        summary=cameo_row(lead.cameo).label,
        quote=lead.evidence.quote,
        article_id=lead.evidence.article_id,
        event_id=lead.id,
        background=lead.background,
        n_articles=len({event.evidence.article_id for event in events}),
    )


def projects(store: Store, *, name: str | None = None, pair: tuple[str, str] | None = None) -> list[Project]:
    """Projects with milestones, one per story that reports a step of them."""
    by_project: dict[str, dict[str, list[tuple[Any, ...]]]] = {}
    for row in store.project_rows(project=name):
        event_id = json.loads(row[1])["id"]
        by_project.setdefault(row[0], {}).setdefault(row[2] or event_id, []).append(row)
    found = []
    for project_name, steps in by_project.items():
        listed = listed_projects()[project_name]
        milestones = sorted((_milestone(rows) for rows in steps.values()), key=lambda item: item.when.start or date.max)
        participants = {listed.countries[0]: "site", **dict.fromkeys(listed.countries[1:], "party")}
        for rows in steps.values():
            for row in rows:
                event = event_from(json.loads(row[1]))
                for party in (*event.actor, *event.recipient):
                    if party.kind in (ActorKind.ORGANISATION, ActorKind.IGO) and party.name:
                        participants.setdefault(party.name, f"{party.kind.value} of {party.country}")
        roles = tuple(f"{who} ({role})" for who, role in participants.items())
        project = Project(listed.name, listed.kind, listed.context, listed.countries, roles, tuple(milestones))
        if pair is None or set(pair) <= set(project.countries):
            found.append(project)
    return found
