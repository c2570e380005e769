"""The registries: agreements with their life cycle, and projects with their milestones."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from bilateral.ontology import cameo as cameo_row
from bilateral.records import ActorKind, Agreement, Milestone, Project, placed_date
from bilateral.registry.agreements import SPECIFIC  # noqa: F401 (its module loaded first: the function below keeps the name)
from bilateral.registry.projects import projects as listed_projects
from bilateral.store.query import EVERYTHING, Query
from bilateral.store.reads import ProjectReport

if TYPE_CHECKING:  # the store keeps each agreement's entry with bilateral.registry.lifecycle: no import cycle
    from bilateral.store import Store

__all__ = ["agreement", "agreements", "projects"]


def agreements(store: Store, query: Query = EVERYTHING) -> list[Agreement]:
    """Registry entries by their first stage, earliest first (latest first with ``query.newest_first``), between
    ``query``'s countries; one page of them if ``query`` has a limit."""
    return store.agreement_entries(query)


def agreement(store: Store, key: str) -> Agreement | None:
    """The registry entry ``key``, if there is one."""
    found = store.agreement_entries(key=key)
    return found[0] if found else None


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
