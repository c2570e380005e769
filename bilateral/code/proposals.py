"""The acts the sentence model proposes where the rules found none (``--propose``): which sentences it reads,
and the event it makes of its likeliest type there."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping
from functools import cache

from bilateral.actors.fold import fold
from bilateral.code import dates, domestic, lexicon
from bilateral.code.facts import Facts
from bilateral.code.model import MODEL, MODEL_VERSION, PROPOSE_AT_HOME, PROPOSE_PAIR, PROPOSED_CODE
from bilateral.code.roles import GUESSED_CONFIDENCE
from bilateral.code.slots import party_of
from bilateral.code.spans import Spans, sports_report, unasserted_spans
from bilateral.ontology import CODEBOOK, cameo
from bilateral.records import ActorKind, ActorReading, Event, Evidence, Field, Mention, Modality, Sentence

_NEGATION = re.compile(r"\b(?:not|never|no|neither|nor)\b|n['\u2019]t\b", re.IGNORECASE)


def added(
    reading: ActorReading,
    kept: list[Event],
    silent: list[tuple[Sentence, list[Mention]]],
    likely: Mapping[str, dict[str, float]],
) -> list[Event]:
    """The acts proposed in the ``silent`` sentences (:func:`unread`), each at most once: an act of a type between
    countries that ``kept`` or an earlier proposal already holds is not proposed again."""
    topics = cache(lambda: Spans(lexicon.contexts().find(fold(reading.article.text))))  # looked for once, if asked
    seen = {told(event) for event in kept}
    found: list[Event] = []
    for sentence, parties in silent:
        event = proposed(reading, sentence, parties, likely[sentence.text], topics)
        if event is not None and told(event) not in seen:
            seen.add(told(event))
            found.append(event)
    return found


def told(event: Event) -> tuple[str, frozenset[str]]:
    """What an act is, as far as proposing goes: its type and its countries."""
    return event.event, frozenset(party.country for party in (*event.actor, *event.recipient) if party.country)


def unread(reading: ActorReading, events: tuple[Event, ...]) -> Iterator[tuple[Sentence, list[Mention]]]:
    """The body sentences the rules said nothing about that name a state or organisation, each one's first
    mention there in order: no event of theirs, no negation and no act feared or hoped for (the model reads a type,
    not whether the act was done: what the rules dropped as denied or unasserted is not its to restore), and not
    in a sports report."""
    text = reading.article.text
    if sports_report(text):
        return
    told = {event.evidence.start for event in events}
    mentions = sorted((m for m in reading.mentions if m.field is Field.TEXT and m.country), key=lambda m: m.start)
    starts = [mention.start for mention in mentions]
    for sentence in reading.sentences:
        if sentence.field is not Field.TEXT or sentence.start in told:
            continue
        if _NEGATION.search(sentence.text) or unasserted_spans(sentence):
            continue
        first: dict[str, Mention] = {}
        for mention in mentions[bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)]:
            first.setdefault(mention.country or "", mention)
        if first:
            yield sentence, list(first.values())


def proposed(
    reading: ActorReading,
    sentence: Sentence,
    parties: list[Mention],
    likely: dict[str, float],
    topics: Callable[[], Spans[tuple[str, ...]]],
) -> Event | None:
    """The act the model reads in a sentence the rules found none in, when it is sure enough: the first party
    named acts, the others receive (the subject leads an English news sentence), and a state named alone acts at
    home; told as it is, dated as the sentence is; its confidence the model's probability at the lowest roles'."""
    kind = max(likely, key=likely.__getitem__)
    alone = len(parties) == 1
    if likely[kind] < (PROPOSE_AT_HOME if alone else PROPOSE_PAIR) or (
        alone and parties[0].kind is not ActorKind.COUNTRY
    ):
        return None
    article = reading.article
    code_row = cameo(PROPOSED_CODE[kind])
    facts = Facts(topics, sentence, reading)
    digest = hashlib.blake2b(f"{article.id}:{sentence.start}:{MODEL}:{kind}".encode(), digest_size=10)
    return Event(
        id=digest.hexdigest(),
        event=kind,
        mode=code_row.mode,
        contexts=tuple(dict.fromkeys(facts.topics + tuple(filter(None, (code_row.context or "").split(";"))))),
        cameo=code_row.code,
        goldstein=code_row.goldstein,
        quad=code_row.quad,
        actor=(party_of(parties[0]),),
        recipient=tuple(party_of(mention) for mention in parties[1:])
        or (domestic.recipient(article.text, parties[0].end, sentence.end, parties[0].country or "", parties),),
        modality=Modality.ASSERTED,
        when=facts.when,
        published=article.published,
        evidence=Evidence(article.id, sentence.field, sentence.start, sentence.end, sentence.text, ""),
        background=dates.is_background(sentence.text, article.published, reading.window),
        confidence=round(GUESSED_CONFIDENCE * likely[kind], 3),
        coder=MODEL,
        coder_version=MODEL_VERSION,
        codebook=CODEBOOK,
    )
