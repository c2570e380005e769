"""The JSON API: read endpoints over the store, and one token-guarded ingest endpoint."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field

from bilateral.errors import UsageError
from bilateral.ontology import event_type
from bilateral.records import MAX_TEXT, Document, Event, Modality
from bilateral.registry import agreement, agreements, projects
from bilateral.serialise import agreement_dict, article_dict, event_dict, links_dict, project_dict, story_dict
from bilateral.serve.coder import Coder
from bilateral.serve.context import ApiError, CountryQuery, DirectionQuery, PairPath, PairQuery, open_store, settings
from bilateral.serve.dyad import chart_data, dyad_view, period_dict
from bilateral.store import Store
from bilateral.store.browse import MATCH_END, MATCH_START
from bilateral.store.query import Query as Filter
from bilateral.store.watching import stamp
from bilateral.stories import links, stories
from bilateral.timeline import By, pair_timeline
from bilateral.vocab import TYPE_HELP


class ErrorDetail(BaseModel):
    code: str = Field(description="A stable error code, e.g. not_found, validation, unauthorized, usage.")
    message: str
    details: list[Any] | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


class Page(BaseModel):
    total: int = Field(description="How many items match in all.")
    limit: int
    offset: int
    next: str | None = Field(description="The URL of the next page; null on the last.")
    items: list[dict[str, Any]]


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    title: str = Field(default="", max_length=10_000)
    url: str | None = Field(default=None, max_length=10_000)
    source: str | None = Field(default=None, max_length=1_000)
    published: date | None = None
    language: str | None = Field(default=None, max_length=35)


class IngestIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=1000)


class IngestOut(BaseModel):
    read: int
    new: int
    duplicate: int
    failed: int
    failures: list[dict[str, str]]


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": description}
    for code, description in (
        (400, "Bad request"),
        (404, "Not found"),
        (422, "Invalid parameters (an unknown country among them)"),
        (503, "The database is missing"),
    )
}
router = APIRouter(prefix="/api", responses=ERRORS, tags=["api"])
StoreDep = Annotated[Store, Depends(open_store)]
Limit = Annotated[int, Query(ge=1, le=500, description="Items per page (at most 500).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Items to skip.")]
Since = Annotated[date | None, Query(description="On or after this day.")]
Until = Annotated[date | None, Query(description="On or before this day.")]
TypeQuery = Annotated[str | None, Query(alias="type", max_length=20, description=TYPE_HELP)]
bearer = HTTPBearer(auto_error=False, description="The token given to `bilateral serve --token`.")


def _page(request: Request, items: list[dict[str, Any]], total: int, limit: int, offset: int) -> Page:
    following = None
    if offset + limit < total:
        url = request.url.include_query_params(offset=offset + limit, limit=limit)
        following = f"{url.path}?{url.query}"
    return Page(total=total, limit=limit, offset=offset, next=following, items=items)


def _event_type(value: str | None) -> str | None:
    return None if value is None else event_type(value, name="type")


def highlight_dict(event: Event) -> dict[str, Any]:
    """Where an event's evidence sits in its article."""
    evidence = event.evidence
    return {"event_id": event.id, "event": event.event, "cameo": event.cameo, "field": evidence.field.value,
            "start": evidence.start, "end": evidence.end, "quote": evidence.quote}  # fmt: skip


@router.get("/events", response_model=Page, summary="Events, filtered and paginated")
def list_events(
    request: Request,
    store: StoreDep,
    pair: PairQuery,
    country: CountryQuery,
    direction: DirectionQuery,
    event_type: TypeQuery = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="GDELT QuadClass.")] = None,
    goldstein_min: Annotated[float | None, Query(ge=-10, le=10, description="Goldstein score at least.")] = None,
    goldstein_max: Annotated[float | None, Query(ge=-10, le=10, description="Goldstein score at most.")] = None,
    context: Annotated[str | None, Query(max_length=40, description="A PLOVER context, e.g. military.")] = None,
    modality: Annotated[Modality | None, Query(description="How the text asserts the event.")] = None,
    text: Annotated[str | None, Query(max_length=200, description="Words in the evidence sentence.")] = None,
    since: Since = None,
    until: Until = None,
    background: Annotated[bool, Query(description="Include background history.")] = False,
    newest_first: Annotated[bool, Query(description="Newest events first.")] = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page:
    actor, recipient = direction or (None, None)
    query = Filter(
        pair=pair, country=country, actor=actor, recipient=recipient, event=_event_type(event_type), quad=quad,
        goldstein_min=goldstein_min, goldstein_max=goldstein_max,
        context=context, modality=modality.value if modality else None, text=text, since=since, until=until,
        background=background, newest_first=newest_first, limit=limit, offset=offset,
    )  # fmt: skip
    found, total = store.events(query), store.count("event", query)
    placed = links(store, found)
    items = [event_dict(event) | links_dict(placed[event.id], event) for event in found]
    return _page(request, items, total, limit, offset)


@router.get("/events/{event_id}", summary="One event")
def get_event(store: StoreDep, event_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    event = store.browse().event(event_id)
    if event is None:
        raise ApiError(404, "not_found", f"no event {event_id!r}")
    return event_dict(event) | links_dict(links(store, [event])[event.id], event)


@router.get("/dyads", response_model=Page, summary="Country pairs by number of events")
def list_dyads(request: Request, store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> Page:
    found, total = store.browse().dyads(limit=limit, offset=offset)
    items = [
        {"pair": f"{dyad.first}-{dyad.second}", "countries": [dyad.first, dyad.second], "events": dyad.events,
         "first_date": dyad.first_date.isoformat() if dyad.first_date else None,
         "last_date": dyad.last_date.isoformat() if dyad.last_date else None}
        for dyad in found
    ]  # fmt: skip
    return _page(request, items, total, limit, offset)


@router.get("/dyads/{pair}", summary="One country pair: sectors, people, counts")
def get_dyad(store: StoreDep, pair: PairPath) -> dict[str, Any]:
    view = dyad_view(store, pair)
    return {
        "countries": list(view.pair),
        "stories": len(view.stories),
        "agreements": [entry.id for entry in view.agreements],
        "projects": [project.name for project in view.projects],
        "sectors": dict(view.sectors),
        "people": [asdict(person) for person in view.people],
    }


@router.get("/timeline/{pair}", response_model=dict[str, Any], summary="A pair's timeline, period by period")
def get_timeline(
    store: StoreDep, pair: PairPath, by: By = By.month, since: Since = None, until: Until = None
) -> JSONResponse:
    periods = pair_timeline(store, pair, by, since=since, until=until)
    content = {
        "countries": list(pair),
        "by": by.value,
        "periods": [period_dict(period) for period in periods],
        "chart": chart_data(periods),
    }
    return JSONResponse(content)  # JSON's own types already: FastAPI's encoder would walk them again


@router.get("/stories", response_model=Page, summary="Stories: one real-world event across its reports")
def list_stories(
    request: Request,
    store: StoreDep,
    pair: PairQuery,
    since: Since = None,
    until: Until = None,
    event_type: TypeQuery = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page:
    query = Filter(pair=pair, since=since, until=until, event=_event_type(event_type), limit=limit, offset=offset)
    found, total = stories(store, query), store.count("story", query)
    return _page(request, [story_dict(story) for story in found], total, limit, offset)


@router.get("/agreements", response_model=Page, summary="The agreement registry")
def list_agreements(
    request: Request,
    store: StoreDep,
    pair: PairQuery,
    on: Annotated[date | None, Query(description="Status as of this day (default: latest).")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page:
    query = Filter(pair=pair, limit=limit, offset=offset)
    items = [agreement_dict(entry, on) for entry in agreements(store, query)]
    return _page(request, items, store.count("agreement", query), limit, offset)


@router.get("/agreements/{agreement_id}", summary="One agreement with its stages and evidence")
def get_agreement(store: StoreDep, agreement_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    entry = agreement(store, agreement_id)
    if entry is not None:
        return agreement_dict(entry)
    raise ApiError(404, "not_found", f"no agreement {agreement_id!r}")


@router.get("/projects", response_model=Page, summary="The project registry")
def list_projects(request: Request, store: StoreDep, pair: PairQuery, limit: Limit = 50, offset: Offset = 0) -> Page:
    found = projects(store, Filter(pair=pair))
    return _page(request, [project_dict(project) for project in found[offset : offset + limit]], len(found),
                 limit, offset)  # fmt: skip


@router.get("/projects/{name}", summary="One project with its milestones")
def get_project(store: StoreDep, name: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    for project in projects(store):
        if project.name.casefold() == name.casefold():
            return project_dict(project)
    raise ApiError(404, "not_found", f"no project {name!r}")


@router.get("/articles", response_model=Page, summary="Stored articles, newest first (no text)")
def list_articles(request: Request, store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> Page:
    found, total = store.browse().articles(limit=limit, offset=offset)
    return _page(request, [article_dict(article) for article in found], total, limit, offset)


@router.get("/articles/{article_id}", summary="One article with its text and where each event's evidence sits")
def get_article(store: StoreDep, article_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    browse = store.browse()
    article = browse.article(article_id)
    if article is None:
        raise ApiError(404, "not_found", f"no article {article_id!r}")
    return {
        **article_dict(article),
        "text": article.text,
        "repairs": list(article.repairs),
        "highlights": [highlight_dict(event) for event in browse.article_events(article.id)],
    }


@router.get("/search", response_model=Page, summary="Full-text search over article titles and texts")
def search(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="Words, all of which must appear.")],
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page:
    hits, total = store.browse().search(q, limit=limit, offset=offset)
    items = [
        {"article_id": hit.article_id, "title": hit.title, "source": hit.source,
         "published": hit.published.isoformat() if hit.published else None, "snippet": snippet_parts(hit.snippet)}
        for hit in hits
    ]  # fmt: skip
    return _page(request, items, total, limit, offset)


def snippet_parts(snippet: str) -> list[dict[str, Any]]:
    """A search snippet as plain-text pieces, each saying whether it matched."""
    parts: list[dict[str, Any]] = []
    for index, piece in enumerate(snippet.split(MATCH_START)):
        matched, _, rest = piece.partition(MATCH_END) if index else ("", "", piece)
        if matched:
            parts.append({"text": matched, "match": True})
        if rest:
            parts.append({"text": rest, "match": False})
    return parts


class Changes(Page):
    since: str = Field(description="The time the changes are counted from (UTC).")
    stories: list[str] = Field(description="The stories this page's articles report, each once.")
    alerts: int = Field(description="Alerts fired since then.")


@router.get("/changes", response_model=Changes, summary="What is new since a time: articles, their stories, alerts")
def changes(
    request: Request,
    store: StoreDep,
    since: Annotated[str, Query(max_length=40, description="A day or a time (ISO 8601; UTC unless it says).")],
    limit: Limit = 50,
    offset: Offset = 0,
) -> Changes:
    moment = stamp(_moment(since))
    watching = store.watching()
    found = watching.new_articles(since=moment, limit=limit, offset=offset)
    items = [{"id": item.id, "title": item.title, "url": item.url, "source": item.source,
              "ingested_at": item.ingested_at} for item in found]  # fmt: skip
    page = _page(request, items, watching.count_new_articles(since=moment), limit, offset)
    return Changes(**page.model_dump(), since=moment, stories=watching.stories_of(item.id for item in found),
                   alerts=watching.count_alerts(since=moment))  # fmt: skip


@router.get("/watch", response_model=Page, summary="Each watched source's state: last success, failures, when due")
def watch_status(request: Request, store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> Page:
    watching = store.watching()
    items = [{**asdict(state), "status": "failing" if state.failures else "ok" if state.last_success else "new"}
             for state in watching.sources(limit=limit, offset=offset)]  # fmt: skip
    return _page(request, items, watching.count_sources(), limit, offset)


@router.get("/alerts", response_model=Page, summary="The alerts that fired, oldest first")
def list_alerts(
    request: Request,
    store: StoreDep,
    since: Annotated[str | None, Query(max_length=40, description="A day or a time (ISO 8601).")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page:
    watching = store.watching()
    moment = stamp(_moment(since)) if since else None
    fired = watching.alerts(since=moment, limit=limit, offset=offset)
    items = [{"id": alert.id, **json.loads(alert.alert), "fired_at": alert.fired_at} for alert in fired]
    return _page(request, items, watching.count_alerts(since=moment), limit, offset)


def _moment(text: str) -> datetime:
    """A day or a time given as a parameter, in UTC when it names no zone."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise UsageError(f"since {text!r} is not a day or a time (2026-03-06 or 2026-03-06T09:00:00Z)") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@router.post(
    "/ingest",
    response_model=IngestOut,
    summary="Analyse and store articles (needs the server's token)",
    responses={401: {"model": ErrorBody, "description": "Missing or wrong token"},
               403: {"model": ErrorBody, "description": "Ingest is disabled (no token configured)"},
               413: {"model": ErrorBody, "description": "The body is over the server's limit"}},
    dependencies=[Depends(bearer)],  # names the scheme in the schema; the guard checks the token before the body
)  # fmt: skip
async def ingest(request: Request, body: IngestIn) -> IngestOut:
    # coded in the worker process (bilateral.serve.coder): neither on the event loop nor in the reads' threads
    configured = settings(request)
    documents = [
        Document(origin=f"api#{number}", text=item.text, title=item.title, url=item.url, source=item.source,
                 published=item.published, language=item.language)
        for number, item in enumerate(body.articles)
    ]  # fmt: skip
    coder: Coder = request.app.state.coder
    done = await coder.ingest(configured.db, configured.actors, documents, configured.ingest_seconds)
    failures = [
        {"origin": failure.origin, "code": failure.code, "message": failure.message} for failure in done.failures
    ]
    return IngestOut(read=done.read, new=done.new, duplicate=done.duplicate, failed=len(failures), failures=failures)
