"""One real-world event across articles and outlets.

Events of one type and act (CAMEO's three digits; every meeting, talk and visit
is one act) between the same countries whose dates agree are one story: "on
Monday" in one report and "Nov. 24" in another resolve to the same day, so they
meet; a summons of the same ambassador a year later does not, nor does a welcome
of an investment on the day of a signing. An event from an undated article
(dated only by its office-holder window) joins a story only when exactly one
story of its kind falls in the window, and that places the article in time; else
it joins the story the same article's other report of it began, so an undated
visit with five meetings is one story, as a dated one is.

:func:`bilateral.link.link` runs this for every article not linked yet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from bilateral import copies
from bilateral.code.dates import PUBLICATION_DATE
from bilateral.days import shift
from bilateral.ontology import plover_score
from bilateral.records import Article, Event, EventDate, EventLinks, Precision, SourcedEvent, Story, placed_date
from bilateral.store import Store
from bilateral.store.links import Linking, StoryRow
from bilateral.store.query import EVERYTHING, Query
from bilateral.store.reads import StoryMember
from bilateral.store.rows import OPEN_END

SLACK = timedelta(days=1)
"""Two reports of one day may differ by a day (time zones, 'late on Monday')."""
LAG = timedelta(days=3)
"""An event dated only by its article's publication may have happened up to this long before."""

_RANK = {Precision.DAY: 0, Precision.WEEK: 1, Precision.MONTH: 2, Precision.YEAR: 3, Precision.WINDOW: 4}
_UNDIRECTED = {"CONSULT"}
"""Types whose reports often disagree on who was host and who guest."""


@dataclass(frozen=True, slots=True)
class StoryKey:
    event: str
    countries: str
    negated: bool


def key(event: Event) -> StoryKey | None:
    """What a story's events share; ``None`` for background history and country-less events."""
    if event.background:
        return None
    countries = sorted({party.country for party in (*event.actor, *event.recipient) if party.country})
    if not countries:
        return None
    return StoryKey(event.event, " ".join(countries), event.modality.value == "negated")


def direction(event: Event) -> str:
    """``'KOR>TUR'`` for a directed event, ``'KOR+TUR'`` for a joint one."""
    actors = "+".join(sorted({party.country for party in event.actor if party.country}))
    recipients = "+".join(sorted({party.country for party in event.recipient if party.country}))
    return f"{actors}>{recipients}" if recipients else actors


def act(event: str, cameo: str) -> str:
    """What a story's events have in common beyond their type: the CAMEO act ("057" signing, "051" praise), so a
    signing and a welcome on one day are two stories; a visit's meetings, talks and hosting are one."""
    return "" if event in _UNDIRECTED else cameo[:3]


def _compatible(event: Event, story: StoryRow) -> bool:
    if story.cameo is not None and act(event.event, story.cameo) != act(event.event, event.cameo):
        return False
    mine = direction(event)
    if ">" not in mine or ">" not in story.direction or event.event in _UNDIRECTED:
        return True
    return mine == story.direction


def _span(event: Event) -> tuple[date, date] | None:
    start = event.when.start
    if start is None:
        return None
    end = event.when.end or (OPEN_END if event.when.precision is Precision.WINDOW else start)
    if event.when.method == PUBLICATION_DATE:
        return shift(start, -LAG), end
    return start, end


def rank(when: EventDate) -> float:
    """How precisely a date is known: lower is better; a publication-date fallback ranks below a stated day."""
    if when.precision is None:
        return 5.0
    return _RANK[when.precision] + (0.5 if when.method == PUBLICATION_DATE else 0.0)


def _overlaps(first: tuple[date, date], second: tuple[date, date]) -> bool:
    return shift(first[0], -SLACK) <= second[1] and shift(second[0], -SLACK) <= first[1]


def _story_span(story: StoryRow) -> tuple[date, date]:
    return (shift(story.start, -LAG), story.end) if story.when.method == PUBLICATION_DATE else (story.start, story.end)


def place(event: Event, story_key: StoryKey, linking: Linking) -> StoryRow | None:
    """The existing story this event reports, if there is exactly one it can be."""
    span = _span(event)
    if span is None:
        return None
    start, end = span
    candidates = [
        story
        for story in linking.story_candidates(story_key.event, story_key.countries, story_key.negated,
                                              shift(start, -SLACK), shift(end, SLACK + LAG))
        if _overlaps(span, _story_span(story)) and _compatible(event, story)
    ]  # fmt: skip
    if event.when.precision is Precision.WINDOW:
        dated = [story for story in candidates if rank(story.when) < _RANK[Precision.WINDOW]]
        if len(dated) == 1:
            return dated[0]
        told = [story for story in candidates if story.article == event.evidence.article_id and story not in dated]
        # the same undated article's other report of it: one visit, one story (the least id: rows come in no order)
        return min(told, key=lambda story: story.id) if told else None
    if not candidates:
        return None
    precise = [story for story in candidates if rank(story.when) <= rank(event.when)]
    pool = precise or candidates
    return min(pool, key=lambda story: (abs((story.start - start).days), story.id))


def attach(event: Event, linking: Linking) -> EventDate:
    """Put ``event`` in its story; returns its date as the story knows it (placed, for an undated report)."""
    story_key = key(event)
    if story_key is None:
        return event.when
    story = place(event, story_key, linking)
    placement = linking.article_placement(event.evidence.article_id) if story is None and undated(event) else None
    if placement is not None:  # another report of the same undated article was placed: so is this act
        story_id = linking.add_story(replace(event, when=placement), story_key.countries, story_key.negated,
                                     direction(event))  # fmt: skip
        linking.attach(story_id, event, placed=True)
        return placed_date(event.when, placement)
    if story is None:
        linking.add_story(event, story_key.countries, story_key.negated, direction(event))
        return event.when
    placed = event.when.precision is Precision.WINDOW and story.when.precision is not Precision.WINDOW
    linking.attach(story.id, event, placed=placed)
    if rank(event.when) < rank(story.when):
        linking.narrow_story(story.id, event.when)
        return event.when
    return placed_date(event.when, story.when)


def undated(event: Event) -> bool:
    """Dated only by its article's office-holder window."""
    return event.when.precision is Precision.WINDOW


def placed_first(events: list[Event], linking: Linking) -> list[Event]:
    """Undated reports, those a dated story places first: their article is placed before its other acts are
    linked, and those acts take its day."""

    def placeable(event: Event) -> bool:
        story_key = key(event)
        story = place(event, story_key, linking) if story_key else None
        return story is not None and story.when.precision is not Precision.WINDOW

    return sorted(events, key=lambda event: (not placeable(event), event.id))


def group(article: Article, linking: Linking) -> None:
    """Join the article to the copy group of its closest earlier copy, or start one."""
    signature = copies.signature(article)
    if signature is None:
        linking.add_copy(article.id, article.id, None)
        return
    best: tuple[float, str] | None = None
    for _, group, stored in linking.copy_candidates(signature.bands()):
        similarity = signature.similarity(copies.Signature.from_bytes(stored))
        if similarity >= copies.SAME and (best is None or similarity > best[0]):
            best = (similarity, group)
    linking.add_copy(article.id, best[1] if best else article.id, signature)


def _story(members: list[StoryMember]) -> Story:
    first = members[0]
    events = [member.event for member in members]
    cameos = Counter(event.cameo for event in events)
    lead = next(event for event in events if event.cameo == cameos.most_common(1)[0][0])
    contexts = Counter(context for event in events for context in event.contexts)
    reports = {(member.event.evidence.article_id, member.source, member.copy_group) for member in members}
    return Story(
        id=first.story_id,
        event=lead.event,
        cameo=lead.cameo,
        quad=lead.quad,
        goldstein=lead.goldstein,
        intensity=plover_score(lead.event, lead.mode),
        direction=first.direction,
        countries=tuple(sorted({party.country for event in events for party in (*event.actor, *event.recipient)
                                if party.country})),
        when=first.when,
        contexts=tuple(context for context, _ in contexts.most_common()),
        n_articles=len({event.evidence.article_id for event in events}),
        n_sources=copies.independent_sources(reports),
        events=tuple(events),
        reports=tuple(sorted(reports, key=str)),
        placed=tuple(sorted({member.event.evidence.article_id for member in members if member.placed})),
    )  # fmt: skip


def stories(store: Store, query: Query = EVERYTHING) -> list[Story]:
    """Stored stories matching ``query``, oldest first, with their reports (one page, if it has a limit)."""
    grouped: dict[str, list[StoryMember]] = {}
    for member in store.story_members(query):
        grouped.setdefault(member.story_id, []).append(member)
    return [_story(members) for members in grouped.values()]


def links(store: Store, events: Sequence[Event]) -> dict[str, EventLinks]:
    """Each stored event's story (with its article and independent-source counts) and registry entries."""
    ids = [event.id for event in events]
    members: dict[str, set[tuple[str, str | None, str | None]]] = {}
    story_of: dict[str, tuple[str, EventDate]] = {}
    for link in store.story_links(ids):
        story_of[link.event_id] = (link.story_id, link.story_when)
        members.setdefault(link.story_id, set()).add((link.article_id, link.source, link.copy_group))
    entries: dict[str, dict[str, list[str]]] = {}
    for entry in store.entry_links(ids):
        entries.setdefault(entry.event_id, {}).setdefault(entry.kind, []).append(entry.entry)
    found = {}
    for event in events:
        story_id, story_when = story_of.get(event.id, (None, None))
        reports = members.get(story_id, set()) if story_id else {(event.evidence.article_id, None, None)}
        mine = entries.get(event.id, {})
        found[event.id] = EventLinks(
            story=story_id,
            story_when=story_when,
            n_articles=len({article for article, _, _ in reports}),
            n_sources=copies.independent_sources(reports),
            agreements=tuple(sorted(mine.get("agreement", []))),
            projects=tuple(sorted(mine.get("project", []))),
        )
    return found


def with_links(store: Store, items: Iterable[SourcedEvent], *, batch: int = 1000) -> Iterator[SourcedEvent]:
    """``items`` with each event's story and registry entries, looked up ``batch`` events at a time."""
    chunk: list[SourcedEvent] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= batch:
            yield from _linked(store, chunk)
            chunk = []
    yield from _linked(store, chunk)


def _linked(store: Store, chunk: list[SourcedEvent]) -> Iterator[SourcedEvent]:
    found = links(store, [item.event for item in chunk]) if chunk else {}
    for item in chunk:
        yield replace(item, links=found[item.event.id])
