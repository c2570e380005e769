"""The registries: agreements with their life cycle, and projects with their milestones."""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import groupby

from bilateral.copies import independent_sources
from bilateral.ontology import cameo as cameo_row
from bilateral.records import STAGES, ActorKind, Agreement, Milestone, Project, Stage, placed_date
from bilateral.registry.agreements import SPECIFIC
from bilateral.registry.agreements import signatories as signatories_of
from bilateral.registry.projects import projects as listed_projects
from bilateral.store import Store
from bilateral.store.query import EVERYTHING, Query
from bilateral.store.reads import AgreementReport, ProjectReport

__all__ = ["agreement", "agreements", "projects"]


def _agreement(reports: list[AgreementReport]) -> Agreement:
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


def agreements(store: Store, query: Query = EVERYTHING) -> list[Agreement]:
    """Registry entries, earliest first (by their first stage), between ``query``'s countries; one page of them if
    ``query`` has a limit."""
    grouped = groupby(store.agreement_reports(query), key=lambda report: report.id)
    entries = [_agreement(list(reports)) for _, reports in grouped]
    return sorted(entries, key=lambda entry: (entry.stages[0].when.start or date.max, entry.id))


def agreement(store: Store, key: str) -> Agreement | None:
    """The registry entry ``key``, if there is one."""
    reports = list(store.agreement_reports(key=key))
    return _agreement(reports) if reports else None


def _milestone(reports: list[ProjectReport]) -> Milestone:
    events = [report.event for report in reports]
    lead = events[0]
    when = placed_date(lead.when, reports[0].story_when)
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


def projects(store: Store, query: Query = EVERYTHING, *, name: str | None = None) -> list[Project]:
    """Projects with milestones, one per story that reports a step of them; of one ``name``, and with both
    countries of ``query.pair`` among their countries, if given."""
    by_project: dict[str, dict[str, list[ProjectReport]]] = {}
    for report in store.project_reports(project=name):
        by_project.setdefault(report.project, {}).setdefault(report.story_id or report.event.id, []).append(report)
    found = []
    for project_name, steps in by_project.items():
        listed = listed_projects()[project_name]
        milestones = sorted((_milestone(reports) for reports in steps.values()),
                            key=lambda item: item.when.start or date.max)  # fmt: skip
        participants = {listed.countries[0]: "site", **dict.fromkeys(listed.countries[1:], "party")}
        for reports in steps.values():
            for report in reports:
                for party in (*report.event.actor, *report.event.recipient):
                    if party.kind in (ActorKind.ORGANISATION, ActorKind.IGO) and party.name:
                        participants.setdefault(party.name, f"{party.kind.value} of {party.country}")
        roles = tuple(f"{who} ({role})" for who, role in participants.items())
        project = Project(listed.name, listed.kind, listed.context, listed.countries, roles, tuple(milestones))
        if query.pair is None or set(query.pair) <= set(project.countries):
            found.append(project)
    return found
