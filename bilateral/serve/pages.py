"""The dashboard: server-rendered pages over the same queries as the API.

Article text is hostile input. Templates autoescape everything; the only markup
built here is the highlighted article text, where each piece of text is escaped
before the ``<mark>`` around the evidence is added.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from bilateral.ontology import EVENTS, event_type, quad_name
from bilateral.records import Agreement, Event, EventDate, Field, placed_date
from bilateral.registry import agreement, agreements, projects
from bilateral.serve.api import snippet_parts
from bilateral.serve.context import ApiError, PairPath, open_store
from bilateral.serve.dyad import chart_data, dyad_view
from bilateral.store import Store
from bilateral.store.query import Query as Filter
from bilateral.stories import links
from bilateral.timeline import By

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
StoreDep = Annotated[Store, Depends(open_store)]
templates = Environment(
    loader=PackageLoader("bilateral.serve", "templates"),
    autoescape=select_autoescape(["html"], default_for_string=True, default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
templates.filters["quad_name"] = quad_name
EVENTS_SHOWN = 200
ALERTS_SHOWN = 50


def render(name: str, **context: Any) -> str:
    return templates.get_template(name).render(**context)


def error_page(status: int, code: str, message: str) -> str:
    return render("error.html", status=status, code=code, message=message)


def highlighted(text: str, spans: Iterable[tuple[int, int, str]]) -> Markup:
    """``text`` escaped, with each (start, end, event id) span inside ``<mark id="e-…">``.

    Overlapping spans merge into one mark; the ids of the events merged into it
    sit as empty anchors at its start, so every event's link lands on its sentence.
    """
    merged: list[tuple[int, int, list[str]]] = []
    clipped = sorted((min(max(start, 0), len(text)), min(max(end, 0), len(text)), key) for start, end, key in spans)
    for start, end, key in clipped:
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            first, last, keys = merged[-1]
            merged[-1] = (first, max(last, end), [*keys, key])
        else:
            merged.append((start, end, [key]))
    pieces: list[Markup] = []
    cursor = 0
    for start, end, keys in merged:
        pieces.append(escape(text[cursor:start]))
        anchors = Markup("").join(Markup('<span class="anchor" id="e-{}"></span>').format(key) for key in keys[1:])
        pieces.append(Markup('<mark id="e-{}">{}{}</mark>').format(keys[0], anchors, escape(text[start:end])))
        cursor = end
    pieces.append(escape(text[cursor:]))
    return Markup("").join(pieces)


def _spans(events: list[Event], field: Field) -> list[tuple[int, int, str]]:
    return [(event.evidence.start, event.evidence.end, event.id) for event in events if event.evidence.field is field]


def _latest_stage(entry: Agreement) -> date:
    return max((stage.when.start for stage in entry.stages if stage.when.start is not None), default=date.min)


def _dates(store: Store, events: list[Event]) -> dict[str, EventDate]:
    """Each event's date as the record knows it: an undated report's window, or the day its dated story placed it."""
    found = links(store, events)
    return {event.id: placed_date(event.when, found[event.id].story_when) for event in events}


def _outlets(store: Store, events: list[Event]) -> dict[str, str]:
    """The outlet of each event's article, by article id (articles that name none are left out)."""
    refs = store.article_refs([event.evidence.article_id for event in events])
    return {key: ref.source for key, ref in refs.items() if ref.source}


@router.get("/")
def home(store: StoreDep) -> str:
    browse = store.browse()
    dyads, _ = browse.dyads(limit=12)
    latest = store.events(Filter(newest_first=True, limit=15))
    total = store.count("event", Filter())
    recent = sorted(agreements(store), key=_latest_stage, reverse=True)[:10]
    counts = store.counts()
    return render(
        "home.html",
        dyads=dyads,
        events=latest,
        dates=_dates(store, latest),
        outlets=_outlets(store, latest),
        total_events=total,
        agreements=recent,
        counts=counts,
    )


# What the pair page's filter form sends: each field may come back empty, which means any.
FormType = Annotated[str, Query(alias="type", max_length=20, pattern=r"^[A-Za-z]*$")]
FormQuad = Annotated[str, Query(max_length=1, pattern="^[1-4]?$")]
FormDay = Annotated[str, Query(max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$")]


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as error:
        raise ApiError(422, "validation", f"{value!r} is not a day (YYYY-MM-DD)") from error


@router.get("/pairs/{pair}")
def pair_page(
    store: StoreDep,
    countries: PairPath,
    by: Annotated[By, Query()] = By.month,
    kind: FormType = "",
    quad: FormQuad = "",
    since: FormDay = "",
    until: FormDay = "",
) -> str:
    view = dyad_view(store, countries, by=by)
    query = Filter(
        pair=countries,
        event=event_type(kind, name="type") if kind else None,
        quad=int(quad) if quad else None,
        since=_day(since),
        until=_day(until),
        newest_first=True,
        limit=EVENTS_SHOWN,
    )
    events, total = store.events(query), store.count("event", query)
    chosen = {"type": query.event or "", "quad": quad, "since": since, "until": until}
    return render(
        "pair.html",
        view=view,
        chart=chart_data(view.periods),
        events=events,
        dates=_dates(store, events),
        outlets=_outlets(store, events),
        total_events=total,
        by=by,
        chosen=chosen,
        api_filters="".join(f"&{key}={value}" for key, value in chosen.items() if value),
        types=EVENTS,
    )


@router.get("/agreements/{agreement_id}")
def agreement_page(store: StoreDep, agreement_id: Annotated[str, Path(max_length=64)]) -> str:
    entry = agreement(store, agreement_id)
    if entry is None:
        raise ApiError(404, "not_found", f"no agreement {agreement_id!r}")
    return render("agreement.html", entry=entry)


@router.get("/projects/{name}")
def project_page(store: StoreDep, name: Annotated[str, Path(max_length=200)]) -> str:
    project = next((item for item in projects(store) if item.name.casefold() == name.casefold()), None)
    if project is None:
        raise ApiError(404, "not_found", f"no project {name!r}")
    return render("project.html", project=project)


@router.get("/articles/{article_id}")
def article_page(store: StoreDep, article_id: Annotated[str, Path(max_length=64)]) -> str:
    browse = store.browse()
    article = browse.article(article_id)
    if article is None:
        raise ApiError(404, "not_found", f"no article {article_id!r}")
    events = browse.article_events(article.id)
    link = article.url if article.url and article.url.startswith(("https://", "http://")) else None
    return render(
        "article.html",
        article=article,
        link=link,
        events=events,
        dates=_dates(store, events),
        title=highlighted(article.title, _spans(events, Field.TITLE)),
        body=highlighted(article.text, _spans(events, Field.TEXT)),
    )


@router.get("/search")
def search_page(
    store: StoreDep,
    q: Annotated[str, Query(max_length=200)] = "",
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
) -> str:
    hits, total = store.browse().search(q, limit=20, offset=offset) if q.strip() else ([], 0)
    results = [(hit, snippet_parts(hit.snippet)) for hit in hits]
    return render("search.html", q=q, results=results, total=total, offset=offset, limit=20)


@router.get("/watch")
def watch_page(store: StoreDep) -> str:
    """Each watched source's state, and the latest alerts (newest first)."""
    watching = store.watching()
    total = watching.count_alerts()
    fired = watching.alerts(limit=ALERTS_SHOWN, offset=max(0, total - ALERTS_SHOWN))[::-1]
    alerts = [(alert, json.loads(alert.alert)) for alert in fired]
    return render("watch.html", sources=watching.sources(), alerts=alerts, total_alerts=total)
