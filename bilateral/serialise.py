"""Records to plain JSON-ready dicts and back: one shape for the CLI, the store and exports."""

from __future__ import annotations

from datetime import date
from typing import Any

from bilateral.records import (
    ActorKind,
    Agreement,
    Article,
    Event,
    EventDate,
    EventLinks,
    Evidence,
    Field,
    Modality,
    Party,
    Precision,
    Project,
    Stage,
    Story,
    placed_date,
)  # fmt: skip


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def party_dict(party: Party) -> dict[str, Any]:
    return {
        "text": party.text,
        "name": party.name,
        "country": party.country,
        "kind": party.kind.value,
        "sector": party.sector,
        "office": party.office,
    }


def party_from(data: dict[str, Any]) -> Party:
    return Party(data["text"], data["name"], data["country"], ActorKind(data["kind"]), data["sector"], data["office"])


def event_dict(event: Event) -> dict[str, Any]:
    """The JSON shape of an event (see the README, "Event records")."""
    return {
        "id": event.id,
        "event": event.event,
        "mode": event.mode,
        "contexts": list(event.contexts),
        "cameo": event.cameo,
        "goldstein": event.goldstein,
        "quad": event.quad,
        "actor": [party_dict(party) for party in event.actor],
        "recipient": [party_dict(party) for party in event.recipient],
        "modality": event.modality.value,
        "scope": event.scope.value,
        "date": _day(event.when.start),
        "date_end": _day(event.when.end),
        "date_precision": event.when.precision.value if event.when.precision else None,
        "date_method": event.when.method,
        "published": _day(event.published),
        "location": event.location,
        "location_country": event.location_country,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "background": event.background,
        "evidence": {
            "article_id": event.evidence.article_id,
            "field": event.evidence.field.value,
            "start": event.evidence.start,
            "end": event.evidence.end,
            "quote": event.evidence.quote,
            "cue": event.evidence.cue,
        },
        "confidence": event.confidence,
        "coder": event.coder,
        "coder_version": event.coder_version,
        "codebook": event.codebook,
    }


def event_from(data: dict[str, Any]) -> Event:
    evidence = data["evidence"]
    return Event(
        id=data["id"],
        event=data["event"],
        mode=data["mode"],
        contexts=tuple(data["contexts"]),
        cameo=data["cameo"],
        goldstein=data["goldstein"],
        quad=data["quad"],
        actor=tuple(party_from(party) for party in data["actor"]),
        recipient=tuple(party_from(party) for party in data["recipient"]),
        modality=Modality(data["modality"]),
        when=_when_from(data),
        published=date.fromisoformat(data["published"]) if data["published"] else None,
        evidence=Evidence(
            evidence["article_id"],
            Field(evidence["field"]),
            evidence["start"],
            evidence["end"],
            evidence["quote"],
            evidence["cue"],
        ),
        location=data.get("location"),
        location_country=data["location_country"],
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        background=data["background"],
        confidence=data["confidence"],
        coder=data["coder"],
        coder_version=data["coder_version"],
        codebook=data["codebook"],
    )


def _when(value: EventDate) -> dict[str, Any]:
    """A date with its precision: ``date`` is a window's or a month's first day, never a day on its own."""
    return {
        "date": _day(value.start),
        "date_end": _day(value.end),
        "date_precision": value.precision.value if value.precision else None,
        "date_method": value.method,
        "date_placed": value.placed,
        "date_label": value.label(),
    }


def story_dict(story: Story) -> dict[str, Any]:
    """The JSON shape of a story: one event across its reports."""
    return {
        "id": story.id,
        "event": story.event,
        "cameo": story.cameo,
        "quad": story.quad,
        "goldstein": story.goldstein,
        "intensity": story.intensity,
        "direction": story.direction,
        "countries": list(story.countries),
        **_when(story.when),
        "contexts": list(story.contexts),
        "n_articles": story.n_articles,
        "n_sources": story.n_sources,
        "placed_articles": list(story.placed),
        "evidence": [
            {
                "event_id": event.id,
                "article_id": event.evidence.article_id,
                "quote": event.evidence.quote,
                "start": event.evidence.start,
                "end": event.evidence.end,
                "date": _day(event.when.start),
                "date_precision": event.when.precision.value if event.when.precision else None,
            }
            for event in story.events
        ],
    }


def agreement_dict(entry: Agreement, on: date | None = None) -> dict[str, Any]:
    """The JSON shape of an agreement registry entry, its status as of ``on`` (default: latest)."""
    return {
        "id": entry.id,
        "title": entry.title,
        "kind": entry.kind,
        "topic": entry.topic,
        "context": entry.context,
        "countries": list(entry.countries),
        "parties": list(entry.parties),
        "signatories": list(entry.signatories),
        "aliases": list(entry.aliases),
        "value": entry.value,
        "status": entry.status(on),
        "status_on": _day(on),
        "stages": [
            {"stage": stage.stage, **_when(stage.when), "kind": stage.kind, "phrase": stage.phrase,
             "event_id": stage.event_id, "article_id": stage.article_id, "quote": stage.quote}
            for stage in entry.stages
        ],
        "n_articles": entry.n_articles,
        "n_sources": entry.n_sources,
    }  # fmt: skip


def agreement_from(data: dict[str, Any]) -> Agreement:
    """The entry :func:`agreement_dict` wrote (its status is worked out again from the stages)."""
    return Agreement(
        id=data["id"],
        title=data["title"],
        kind=data["kind"],
        topic=data["topic"],
        context=data["context"],
        countries=tuple(data["countries"]),
        parties=tuple(data["parties"]),
        signatories=tuple(data["signatories"]),
        aliases=tuple(data["aliases"]),
        value=data["value"],
        stages=tuple(_stage_from(stage) for stage in data["stages"]),
        n_articles=data["n_articles"],
        n_sources=data["n_sources"],
    )


def _stage_from(data: dict[str, Any]) -> Stage:
    return Stage(
        data["stage"],
        _when_from(data),
        data["kind"],
        data["phrase"],
        data["event_id"],
        data["article_id"],
        data["quote"],
    )


def _when_from(data: dict[str, Any]) -> EventDate:
    """The date :func:`_when` wrote (or an event's own, never placed)."""
    return EventDate(
        date.fromisoformat(data["date"]) if data["date"] else None,
        date.fromisoformat(data["date_end"]) if data["date_end"] else None,
        Precision(data["date_precision"]) if data["date_precision"] else None,
        data["date_method"],
        data.get("date_placed", False),
    )


def project_dict(project: Project) -> dict[str, Any]:
    """The JSON shape of a project with its milestones."""
    return {
        "name": project.name,
        "kind": project.kind,
        "context": project.context,
        "countries": list(project.countries),
        "participants": list(project.participants),
        "milestones": [
            {**_when(step.when), "event": step.event, "cameo": step.cameo, "summary": step.summary,
             "quote": step.quote, "article_id": step.article_id, "event_id": step.event_id,
             "background": step.background, "n_articles": step.n_articles}
            for step in project.milestones
        ],
    }  # fmt: skip


def links_dict(links: EventLinks, event: Event) -> dict[str, Any]:
    """An event's place in the record, added to its JSON by commands that read the store.

    ``placed_on`` is the day the event's dated story placed it on, for an event whose own
    date is an office-holder window; ``None`` otherwise.
    """
    story = links.story_when
    placed = placed_date(event.when, story)
    return {
        "story": links.story,
        "story_date": _day(story.start) if story else None,
        "story_date_end": _day(story.end) if story else None,
        "story_date_precision": story.precision.value if story and story.precision else None,
        "placed_on": _day(placed.day) if placed.placed else None,
        "n_articles": links.n_articles,
        "n_sources": links.n_sources,
        "agreements": list(links.agreements),
        "projects": list(links.projects),
    }


def article_dict(article: Article) -> dict[str, Any]:
    """The JSON shape of an article's metadata (its text is added where it is asked for)."""
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": _day(article.published),
        "language": article.language,
    }
