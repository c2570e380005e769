"""The fast-path event coder: cues, roles, modality, dates and contexts per sentence.

Each sentence with a cue and at least two countries among its parties (one
suffices for MOBILIZE: "North Korea fired a missile") can yield an event;
the strongest cue speaks for the sentence, and another cue of a different
event type yields a second event when it is strong on its own.
Actor, act and recipient always come from the same sentence, or from an
explicit reference (a pronoun, "the two presidents", "his counterpart"); a
recipient inferred from the article's country pair lowers confidence. Events
repeated within one article (same CAMEO code, countries and date) collapse
into the first, which takes the contexts of the others.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date
from typing import Generic, TypeVar

from bilateral.actors import Gazetteer, recognise
from bilateral.actors.fold import fold
from bilateral.code import dates, domestic, lexicon, location, roles
from bilateral.code.modality import modality
from bilateral.ontology import CODEBOOK, cameo
from bilateral.phrases import Match
from bilateral.places import place
from bilateral.read import read_text
from bilateral.records import (
    ActorKind,
    ActorReading,
    Event,
    EventDate,
    Evidence,
    Field,
    Mention,
    Modality,
    Party,
    Sentence,
)
from bilateral.repair import repair

T = TypeVar("T")

CODER = "bilateral-rules"
CODER_VERSION = "0.1.0"
_DATELINE = re.compile(r"^[A-Z][A-Z .'/-]+,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?\s*(?:\([^)]*\))?\s*[-–—]+\s*")
# "…, who asked not to be named, …": what an aside says is not the sentence's act.
_WHO = r",\s*(?:who|which|whose)\b[^,]*"
_ASIDE = re.compile(_WHO + r"(?:,|$)|\bon condition of anonymity\b")
_RELATIVE_CLAUSE = re.compile(_WHO + ",")
_STATE_NEGATION = re.compile(
    r"\b(?:has|have|had|does|do)\s+(?:not|never)\b|\b(?:doesn't|don't|hasn't|haven't|never)\b", re.IGNORECASE
)
_TOWARD = re.compile(r"\b(?:toward|towards|against|near|around|border with|into|at)\b", re.IGNORECASE)
_EXERCISE = "062"
_TOGETHER = frozenset({"joint", "between", "passive joint"})
_WITH_OTHERS = re.compile(r"\b(?:with|alongside|together with)\b", re.IGNORECASE)
_UNILATERAL = frozenset({"MOBILIZE"})  # acts that need no second country ("North Korea fired a missile")
_PROMISABLE = {"CONSULT": "036", "SUPPORT": "030", "COOPERATE": "030", "AID": "033"}
_THREATENABLE = frozenset({"SANCTION", "COERCE", "ASSAULT"})
_NEXT_WORD = 12  # characters: "plans to impose restrictions"
_HOSTILE = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "THREATEN"})
_CONDITION = re.compile(r"\b(?:if|unless)\b", re.IGNORECASE)
_SPORTS = re.compile(
    r"\b(?:match|matches|goals?|coach|squad|striker|midfielder|qualifier|qualifiers|World Cup|tournament|league|"
    r"stadium|kick-off|scored|defeated|beat|crushed|fans)\b"
)
_SPORTS_WORDS = 4  # an article with this many sports words reports a game, not relations
_GOVERNING = frozenset(
    {"ACCUSE", "REQUEST", "THREATEN", "REJECT", "AGREE", "SUPPORT"}
)  # their objects are contents, not acts
_DENIAL = "016"
_SIGN = "057"  # a signing reports an act even as a noun ("oversaw the signing of …")
_SECONDARY_RANK = 7  # a second cue in a sentence must be this strong to make its own event
_INTENT_WORDS = frozenset({"will", "would", "plan~", "intend~", "aim~", "set", "ready", "willing", "expressed"})
_PLUPERFECT = re.compile(r"\bhad\s+(?:already\s+|previously\s+|earlier\s+|long\s+)?(?:been\s+)?$", re.IGNORECASE)
_NO_TIME_GIVEN = frozenset({"publication date", "office-holder window", "undated"})  # "had promised", no time: history
_BACKGROUND_REACH = 60  # characters after a cue in which an old year makes the act history
_NEAR = 90  # characters after a cue where "in <place>" says where the act happened
_LEAD = 25  # characters: a person this close to the sentence start or a verb of saying is its subject


def code(reading: ActorReading) -> tuple[Event, ...]:
    """The events of one read article."""
    article = reading.article
    text = article.text
    folded = fold(text)
    mentions = sorted((mention for mention in reading.mentions if mention.field is Field.TEXT), key=lambda m: m.start)
    dyad = roles.article_dyad(reading.mentions)
    if len(_SPORTS.findall(text)) >= _SPORTS_WORDS:
        return ()
    filed = location.dateline(mentions)
    people: list[Mention] = []
    speakers: list[Mention] = []
    pair: tuple[str, str] | None = None  # the two countries of the latest two-country event
    events: dict[tuple[object, ...], Event] = {}
    cues = _Spans(lexicon.cues().find(folded))
    topics = _Spans(lexicon.contexts().find(folded))
    mention_starts = [mention.start for mention in mentions]
    for sentence in reading.sentences:
        if sentence.field is not Field.TEXT:
            continue
        inside = mentions[bisect_left(mention_starts, sentence.start) : bisect_left(mention_starts, sentence.end)]
        asides = [
            (sentence.start + match.start(), sentence.start + match.end()) for match in _ASIDE.finditer(sentence.text)
        ]
        found = [
            cue
            for cue in (_reading(match, sentence) for match in cues.within(sentence.start, sentence.end))
            if cue is not None
            and not any(m.start < cue.end and cue.start < m.end for m in inside)
            and not any(first <= cue.start < last for first, last in asides)
        ]
        if found:
            context = roles.Context(tuple(people), tuple(speakers), dyad or pair, filed)
            here = _contexts(topics.within(sentence.start, sentence.end))
            for event in _code_sentence(reading, sentence, inside, found, context, here):
                if len(_codes(event.actor) | _codes(event.recipient)) == 2:
                    first, second = sorted(_codes(event.actor) | _codes(event.recipient))
                    pair = (first, second)
                key = (event.cameo, _codes(event.actor), _codes(event.recipient), event.when.start)
                if key in events:
                    kept = events[key]
                    events[key] = replace(kept, contexts=tuple(dict.fromkeys(kept.contexts + event.contexts)))
                else:
                    events[key] = event
        people += _people(inside)
        speakers += _speakers(sentence, _people(inside), found)
    return tuple(events.values())


@dataclass(frozen=True, slots=True)
class _Facts:
    """What one sentence says about all its events: topics and date."""

    topics: tuple[str, ...]
    when: EventDate


class _Spans(Generic[T]):
    """Matches over the whole article, looked up by sentence."""

    def __init__(self, matches: list[Match[T]]) -> None:
        self._matches = matches
        self._starts = [match.start for match in matches]

    def within(self, start: int, end: int) -> list[Match[T]]:
        return self._matches[bisect_left(self._starts, start) : bisect_left(self._starts, end)]


def code_text(text: str, gazetteer: Gazetteer, *, on: date | None = None, title: str = "") -> tuple[Event, ...]:
    """Code a text given directly (a sentence or an article); ``on`` is its date."""
    document = replace(read_text(text), title=title)
    if on is not None:
        document = replace(document, published=on)
    return code(recognise(repair(document), gazetteer))


def _reading(match: Match[lexicon.CueSpec], sentence: Sentence) -> Match[lexicon.CueSpec] | None:
    """The first reading of the cue's words whose conditions the sentence meets ("launched a missile")."""
    for spec in (match.value, *match.value.alternatives):
        cue = match._replace(value=spec)
        if _needs_met(cue, sentence):
            return cue
    return None


def _needs_met(cue: Match[lexicon.CueSpec], sentence: Sentence) -> bool:
    if cue.value.needs is not None and not cue.value.needs.search(sentence.text):
        return False
    before = sentence.text[: cue.start - sentence.start]
    if before.endswith("-"):
        return False  # "British-supplied weapons", "U.N.-backed force": a modifier, not an act
    if cue.value.cameo == "042" and _AGAINST_TRAVEL.search(before):
        return False  # "advised against travel to Tunisia" is an advisory, not a visit
    if cue.value.phrase == "summit" and _NAMED_BEFORE.search(before):
        return False  # "a pledge made at the Camp David summit" names a past meeting
    when = _WHEN_AFTER.match(sentence.text, cue.end - sentence.start) if cue.value.phrase.endswith(" on") else None
    if when is not None:  # "agreed on Sunday to …": "on" starts a date; the agreement is "agreed … to"
        return cue.value.event == "AGREE" and sentence.text.startswith((" to ", " that "), when.end())
    if cue.value.event == "ACCUSE" and _MODIFIER_BEFORE.search(before):
        return False  # "a man accused of …" describes the man
    after = sentence.text[cue.end - sentence.start :]
    nominal = " " not in cue.value.phrase and cue.value.cameo != _SIGN and _DETERMINER_BEFORE.search(before)
    if nominal and not (cue.value.cameo == _TRUCE and _IN_EFFECT.match(after)):
        return False  # "the bans", "the meeting" name a thing; "the signing of" and "the truce held" report one
    return not (_MODIFIED_BEFORE.search(before) and _KINDS_AFTER.match(after))  # "two heavily sanctioned countries"


_WHEN_AFTER = re.compile(
    r"\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2}(?:st|nd|rd|th)?(?: \w+)?)", re.IGNORECASE
)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|these|those|such|its|their|this|that)\s+$", re.IGNORECASE)
_AGAINST_TRAVEL = re.compile(
    r"\b(?:against|warn(?:ed|s|ing)? (?:citizens )?against|advisory on|ban on)\s+(?:all\s+)?$", re.I
)
_NAMED_BEFORE = re.compile(r"\b(?:the|a|an)\s+(?:[A-Z][\w.&'-]*\s+){1,3}$")
_MODIFIED_BEFORE = re.compile(
    r"\b(?:a|an|two|three|both|of|and|or|between|among|against|with|other)\s+(?:\w+ly\s+)?$", re.IGNORECASE
)
_KINDS_AFTER = re.compile(
    r"\s+(?:countries|states|nations|entities|individuals|companies|firms|banks|groups|organi[sz]ations|officials|"
    r"vessels|tankers|goods|products|people|persons|regimes?|territor(?:y|ies)|areas?|zones?)\b",
    re.IGNORECASE,
)
_MODIFIER_BEFORE = re.compile(
    r"\b(?:a|an|the|two|three|several|\d+)\s+(?:\w+\s+)?(?:man|woman|men|women|people|person|suspects?|citizens?|nationals?)\s+$"
)


def _codes(parties: tuple[Party, ...]) -> frozenset[str]:
    return frozenset(party.country for party in parties if party.country)


def _speakers(sentence: Sentence, people: list[Mention], found: list[Match[lexicon.CueSpec]]) -> list[Mention]:
    """The person who speaks in the sentence ("Erdogan said", "…, said Erdogan"), else the one leading it."""
    for cue in (cue for cue in found if cue.value.shape == "statement"):
        before = [person for person in people if 0 <= cue.start - person.end <= _LEAD]
        if before:
            return before[-1:]
        after = [person for person in people if _postposed(sentence, cue, person)]
        if after:
            return after[:1]
    return [person for person in people if person.start - sentence.start <= _LEAD][:1]


def _postposed(sentence: Sentence, cue: Match[lexicon.CueSpec], person: Mention) -> bool:
    """ "…, said Erdogan": the speaker after the verb, which follows a comma or a quote."""
    lead = sentence.text[: cue.start - sentence.start].rstrip()
    return 0 <= person.start - cue.end <= 2 and lead.endswith((",", '"', "\u201d"))


def _governs(text: str, cue: Match[lexicon.CueSpec], later: Match[lexicon.CueSpec]) -> bool:
    """Whether ``later`` is the content of ``cue`` rather than an act of its own.

    "agreed to continue cooperation" is AGREE; "accused Ukraine of shelling"
    is ACCUSE alone; "refused to sign a statement criticising Russia" is REJECT.
    """
    if later.start <= cue.start:
        return False
    if cue.value.phrase.endswith(" to") and later.start - cue.end <= 3:
        return True
    if cue.value.event not in _GOVERNING:
        return False
    between = text[cue.end : later.start]
    if _CLAUSE_BREAK.search(between):
        return False  # "failed to sign a deal after talks", "agreed …, the White House said, hours after X threatened"
    return " and " not in between or between.endswith(" to ") or " and to " in between  # "invited X and Y to meet"


_CLAUSE_BREAK = re.compile(
    r";|\b(?:after|before|when|while|whereas|but|during|said|says|told|added)\b|,\s*(?:saying|adding|and)\b|\band\s+$"
)


def _chosen(found: list[Match[lexicon.CueSpec]], text: str) -> list[Match[lexicon.CueSpec]]:
    """The strongest cue, and strong cues of other event types; statements only alone."""
    denied = {
        later.start
        for cue in found
        if cue.value.cameo == _DENIAL
        for later in found
        if later.start > cue.end and not _CLAUSE_BREAK.search(text, cue.end, later.start)
    }  # "denied that Tehran had sent drones": what is denied did not happen by the speaker's word
    found = [cue for cue in found if cue.start not in denied]
    acts = [cue for cue in found if cue.value.shape != "statement"] or [cue for cue in found if cue.value.rank > 0]
    if not acts:
        return []  # "said" alone attributes; it is not an event
    governed: set[int] = set()
    for cue in acts:
        for later in acts:
            if _governs(text, cue, later):  # "plans to impose restrictions": the restriction, still to come
                intended = (
                    _is_intent(cue.value) and later.value.event in _HOSTILE and later.start - cue.end <= _NEXT_WORD
                )
                governed.add(cue.start if intended else later.start)
    acts = [cue for cue in acts if cue.start not in governed] or acts
    primary = max(acts, key=lambda cue: cue.value.rank)
    chosen = [primary]
    for cue in acts:
        if (
            cue is not primary
            and cue.value.rank >= _SECONDARY_RANK
            and cue.value.event not in {c.value.event for c in chosen}
        ):
            chosen.append(cue)
    return sorted(chosen, key=lambda cue: cue.start)


def _code_sentence(
    reading: ActorReading,
    sentence: Sentence,
    inside: list[Mention],
    found: list[Match[lexicon.CueSpec]],
    context: roles.Context,
    topics: tuple[str, ...],
) -> list[Event]:
    text = reading.article.text
    asides = [
        (sentence.start + match.start(), sentence.start + match.end()) for match in _ASIDE.finditer(sentence.text)
    ]
    dateline = _DATELINE.match(sentence.text)
    if dateline is not None:  # "SEOUL, May 28 -" says where the report was filed, not who acted
        asides.append((sentence.start, sentence.start + dateline.end()))
    slots = [
        slot
        for slot in roles.slots(text, sentence.start, sentence.end, inside, context)
        if not any(first <= slot.start < last for first, last in asides)  # "X, who met Y, said": Y is not a party
    ]
    facts = _Facts(topics, dates.resolve(_main_clause(sentence.text), reading.article.published, reading.window))
    found = [_appeal(text, _in_effect(text, _eased(text, sentence.start, cue))) for cue in found]
    statements = [cue for cue in found if cue.value.shape == "statement"]
    events = []
    for cue in _chosen(found, text):
        reported_from = _reported_clause(text, cue, statements, slots, sentence.start)
        until = _clause_end(text, cue, found, sentence.end)
        assigned = roles.assign(
            text, sentence.start, sentence.end, (cue.start, cue.end, cue.value), slots, reported_from, until
        )
        if assigned is None:
            possessive = roles.possessive_actor(text, sentence.start, cue.start, _people(inside), context)
            if possessive is not None:
                assigned = roles.assign(
                    text,
                    sentence.start,
                    sentence.end,
                    (cue.start, cue.end, cue.value),
                    [possessive, *slots],
                    sentence.start,
                )
        if assigned is None:
            continue
        event = _event(reading, sentence, cue, assigned, inside, slots, context, facts, until)
        if event is not None:
            events.append(event)
    return events


def _eased(text: str, start: int, cue: Match[lexicon.CueSpec]) -> Match[lexicon.CueSpec]:
    """ "lifted long-standing sanctions", "eased the embargo": a sanction undone is a concession (CAMEO 081);
    "lifted a day-old blockade" a retreat (0872)."""
    undone = _UNDONE.get(cue.value.cameo)
    if undone is None:
        return cue
    lead = _EASING_BEFORE.search(text, max(start, cue.start - 40), cue.start)
    if lead is None or lead.end() != cue.start:
        return cue
    event, code = undone
    return cue._replace(value=replace(cue.value, event=event, cameo=code, mode=None))


_UNDONE = {"163": ("CONCEDE", "081"), "191": ("RETREAT", "0872")}  # sanctions eased; a blockade lifted


_EASING_BEFORE = re.compile(
    r"\b(?:lift|lifts|lifted|lifting|ease|eases|eased|easing|remove|removes|removed|removing|scrap|scraps|scrapped|"
    r"reduce|reduces|reduced|reducing|cut|cuts|cutting|waive|waives|waived|rescind|rescinds|rescinded|relax|relaxes|"
    r"relaxed|repeal|repeals|repealed|suspend|suspends|suspended)\s+(?:[\w$%.,-]+\s+){0,5}?$",
    re.IGNORECASE,
)


def _in_effect(text: str, cue: Match[lexicon.CueSpec]) -> Match[lexicon.CueSpec]:
    """ "a ceasefire … took effect", "the truce has held": a ceasefire done, RETREAT, not only declared."""
    if cue.value.cameo != _TRUCE or not _IN_EFFECT.match(text, cue.end):
        return cue
    return cue._replace(value=replace(cue.value, event="RETREAT"))


_TRUCE = "0871"
_IN_EFFECT = re.compile(
    r"[^.;]{0,60}?\b(?:took|takes|came|comes|went|goes|entered)\s+(?:into\s+)?(?:effect|force|hold)\b|"
    r"\s+(?:has|had|largely|mostly|appeared to|seemed to)?\s*(?:held|holding|hold)\b",
    re.IGNORECASE,
)


def _appeal(text: str, cue: Match[lexicon.CueSpec]) -> Match[lexicon.CueSpec]:
    """ "urged all parties to …", "called for restraint": an appeal to no one in particular is a STATEMENT (02x)."""
    if cue.value.event != "REQUEST" or not _NO_ADDRESSEE.match(text, cue.end):
        return cue
    return cue._replace(value=replace(cue.value, event="STATEMENT", cameo="020", mode=None, shape="statement"))


_NO_ADDRESSEE = re.compile(
    r"\s+(?:only\s+)?(?:on\s+|upon\s+|for\s+)?(?:all\s+(?:parties|sides|countries|nations|states)|both\s+sides|"
    r"the\s+international\s+community|the\s+world|restraint|calm|de-?escalation|dialogue|peace)\b",
    re.IGNORECASE,
)


def _clause_end(text: str, cue: Match[lexicon.CueSpec], found: list[Match[lexicon.CueSpec]], end: int) -> int:
    """Where the cue's clause ends: at the next cue coordinated with it ("… and urged", ", saying")."""
    for later in found:
        between = text[cue.end : later.start]
        if later.start > cue.end and _NEXT_CLAUSE.search(between) and not _SHARED_OBJECT.fullmatch(between):
            return later.start
    return end


_NEXT_CLAUSE = re.compile(r"(?:,|;|\band|\bbut)\s+(?:\w+\s+)?$")
_SHARED_OBJECT = re.compile(r"\s*(?:with|to|on|for|from|in|against)\s+and\s+")  # "ties with and an embassy in X"


def _people(mentions: list[Mention]) -> list[Mention]:
    return [mention for mention in mentions if mention.kind is ActorKind.PERSON]


def _reported_clause(
    text: str,
    cue: Match[lexicon.CueSpec],
    statements: list[Match[lexicon.CueSpec]],
    slots: list[roles.Slot],
    start: int,
) -> int:
    """Where the clause reported by "X said (that)" begins, when the cue is inside it."""
    earlier = [statement for statement in statements if statement.end <= cue.start]
    if not earlier:
        return start
    said = earlier[-1]
    if any(said.end <= slot.start and slot.end <= cue.start for slot in slots):
        return said.end
    return start


def _event(
    reading: ActorReading,
    sentence: Sentence,
    cue: Match[lexicon.CueSpec],
    assigned: roles.Roles,
    inside: list[Mention],
    slots: list[roles.Slot],
    context: roles.Context,
    facts: _Facts,
    until: int,
) -> Event | None:
    """The event of one cue; ``until`` is where the cue's clause ends."""
    spec = cue.value
    actor, recipient = assigned.actor, assigned.recipient
    if spec.event in _UNILATERAL and recipient and not _TOWARD.search(sentence.text):
        recipient = ()  # "fired a missile …, South Korea's military said": reported by, not aimed at
    confidence = 0.7 if assigned.how in ("subject-object", "joint", "between", "passive") else 0.6
    if not recipient and spec.event in _AT_A_PLACE and len(_codes(actor)) == 1:
        recipient = _place_struck(reading.article.text, cue.end, until, _codes(actor))
    appeal = spec.event == "STATEMENT" and spec.cameo.startswith("02")
    if not recipient and len(_codes(actor)) < 2 and spec.event not in _UNILATERAL and not appeal:
        recipient = _fallback_recipient(
            actor, [slot for slot in slots if slot.start < until], context, article_pair=spec.shape != "symmetric"
        )
        confidence = 0.45
    countries = _codes(actor) | _codes(recipient)
    acting = _at_home(reading.article.text, sentence, cue, actor, slots) if len(countries) == 1 else None
    if acting is not None and not recipient:
        (home,) = countries
        if spec.event in domestic.AT_HOME:
            event, code = domestic.AT_HOME[spec.event]
            spec = replace(spec, event=event, cameo=code, mode=None)
        actor = (replace(actor[0], text=domestic.phrase(reading.article.text, acting)),)
        recipient = (domestic.recipient(reading.article.text, cue.end, sentence.end, home, inside),)
        confidence = 0.5
    elif len(countries) < 2 and not (
        actor and (spec.event in _UNILATERAL or spec.cameo == _EXERCISE or _speaks_alone(spec))
    ):
        return None
    text = reading.article.text
    here = location.where(text, sentence.start, sentence.end, cue.end, inside, near=_NEAR)
    at = here or context.location  # the sentence's own place, else the dateline
    place = here.country if here else None  # only a place the sentence names decides who visited whom
    relative_start = cue.start - sentence.start
    code = spec.cameo
    if spec.event == "CONSULT" and place and recipient and place not in _codes(recipient) and _codes(actor) == {place}:
        actor, recipient = recipient, actor  # the visitor acts; the host receives
        code = "042"
    elif spec.event == "CONSULT" and place and recipient and place in _codes(recipient) and place not in _codes(actor):
        code = "042"  # met the host on its ground: a visit
    mood = _mood(sentence, spec, relative_start, relative_start + cue.end - cue.start)
    if mood is Modality.NEGATED and _STATE_NEGATION.search(sentence.text[:relative_start]):
        return None  # "has not condemned": the absence of an act, not an event
    event_type = spec.event
    if code == _EXERCISE and assigned.how not in _TOGETHER and not _WITH_OTHERS.search(sentence.text, relative_start):
        event_type, code = "MOBILIZE", "150"  # one country's drills are a show of force (eval/dev/GUIDE.md)
        recipient = recipient if _TOWARD.search(sentence.text) else ()
    if code == "042" and actor and _FORCES.match(text, _end_of(text, actor[0], sentence)):
        event_type, code = "AID", "074"  # police or peacekeepers arriving to help another state (eval/dev/GUIDE.md)
    event_type, code = _by_mood(event_type, code, mood, sentence)
    code_row = cameo(code)
    extra = tuple(part.strip() for part in (code_row.context or "").split(";") if part.strip())
    contexts = tuple(dict.fromkeys(facts.topics + extra))
    digest = hashlib.blake2b(f"{reading.article.id}:{sentence.start}:{cue.start}:{event_type}".encode(), digest_size=10)
    return Event(
        id=digest.hexdigest(),
        event=event_type,
        mode=code_row.mode if code != spec.cameo else spec.mode or code_row.mode,
        contexts=contexts,
        cameo=code,
        goldstein=code_row.goldstein,
        quad=code_row.quad,
        actor=actor,
        recipient=recipient,
        modality=mood,
        when=facts.when,
        published=reading.article.published,
        evidence=Evidence(reading.article.id, sentence.field, sentence.start, sentence.end, sentence.text, spec.phrase),
        location=at.name if at else None,
        location_country=at.country if at else None,
        latitude=at.latitude if at else None,
        longitude=at.longitude if at else None,
        background=dates.is_background(
            sentence.text[: cue.end - sentence.start + _BACKGROUND_REACH], reading.article.published, reading.window
        )
        or _told_as_history(sentence.text[:relative_start], facts.when),
        confidence=confidence,
        coder=CODER,
        coder_version=CODER_VERSION,
        codebook=CODEBOOK,
    )


def _at_home(
    text: str, sentence: Sentence, cue: Match[lexicon.CueSpec], actor: tuple[Party, ...], slots: list[roles.Slot]
) -> Mention | None:
    """The mention of a country's agent acting at home in a one-country act (see ``domestic``), if it is one."""
    if cue.value.event not in domestic.TYPES or len(actor) != 1:
        return None
    if len({country for slot in slots for country in slot.countries}) != 1:
        return None  # another country is named: not a domestic act
    acting = next((slot.mention for slot in slots if slot.parties == actor and slot.end <= cue.start), None)
    if acting is None or not domestic.is_agent(text, acting, sentence.start, cue.value.event, cue.value.cameo):
        return None
    return acting


def _place_struck(text: str, cue_end: int, until: int, taken: frozenset[str]) -> tuple[Party, ...]:
    """ "struck Odesa", "flew tents to the city of Adana": the country of the town the act reached."""
    match = _PLACE_AFTER.match(text, cue_end, until)
    name = (match["name"] or match["name2"]) if match else None
    found = place(name) if name else None
    if name is None or found is None or found.country in taken:
        return ()
    return (Party(name, found.name, found.country, ActorKind.COUNTRY),)


_AT_A_PLACE = frozenset({"AID", "ASSAULT"})
_PLACE_AFTER = re.compile(
    r"[^.;]{0,50}?\b(?:to|in|on|at|near|into|over|targeting)\s+(?:the\s+(?:[a-z]+\s+){0,2}(?:city|town|port|region|"
    r"province|village|capital)\s+(?:of\s+)?)?(?P<name>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)"
    r"|\s+(?P<name2>[A-Z][\w'’-]+)"
)


def _end_of(text: str, party: Party, sentence: Sentence) -> int:
    """Where the party's surface text ends in the sentence (its first occurrence), else the sentence end."""
    at = text.find(party.text, sentence.start, sentence.end) if party.text else -1
    return sentence.end if at < 0 else at + len(party.text)


_FORCES = re.compile(
    r"\s+(?:police(?:\s+officers)?|peacekeepers|peacekeeping (?:troops|forces)|troops|soldiers|marines|forces|"
    r"contingent|rescue (?:teams|workers)|search-and-rescue teams)\b",
    re.IGNORECASE,
)


def _mood(sentence: Sentence, spec: lexicon.CueSpec, start: int, end: int) -> Modality:
    """The act's modality; a cue that carries its own modal ("will supply arms") is future, or conditional."""
    mood = modality(sentence.text, start, end, intent=_is_intent(spec))
    if mood is Modality.ASSERTED and spec.event in _PROMISABLE and spec.phrase.startswith(("will ", "would ")):
        conditional = spec.phrase.startswith("would") and _CONDITION.search(sentence.text)
        return Modality.HYPOTHETICAL if conditional else Modality.FUTURE
    return mood


def _by_mood(event_type: str, code: str, mood: Modality, sentence: Sentence) -> tuple[str, str]:
    """A cooperative act still to come is a promise (AGREE); a hostile one made conditional a THREATEN."""
    if mood in (Modality.FUTURE, Modality.HYPOTHETICAL) and event_type in _PROMISABLE:
        return "AGREE", _PROMISABLE[event_type]
    if mood is Modality.HYPOTHETICAL and event_type in _THREATENABLE and _CONDITION.search(sentence.text):
        return "THREATEN", _threat(code)  # "could impose sanctions if …" warns (eval/dev/GUIDE.md)
    return event_type, code


def _speaks_alone(spec: lexicon.CueSpec) -> bool:
    """A statement that needs no second country: concern, condolences, a denial, an appeal to all sides."""
    return spec.event == "STATEMENT" and spec.rank > 0


def _told_as_history(before: str, when: EventDate) -> bool:
    """ "Scholz had promised to …" with no time: settled past, not news (eval/dev/GUIDE.md §1).

    Not in reported speech, where "had" is only the tense of "said": "she said she had spoken with …".
    """
    return when.method in _NO_TIME_GIVEN and bool(_PLUPERFECT.search(before)) and not _REPORTING.search(before)


_REPORTING = re.compile(r"\b(?:said|says|told|added|announced|stated|confirmed|noted)\b", re.IGNORECASE)


def _threat(code: str) -> str:
    """The CAMEO threat of a conditional hostile act: of relations cut, of sanctions, of force."""
    if code in ("160", "161", "164", "166"):
        return "1313"
    if code.startswith("16"):
        return "1312"
    if code.startswith("17"):
        return "132"
    return "138"


def _is_intent(spec: lexicon.CueSpec) -> bool:
    """An AGREE cue that states an intention ("plans to", "will visit") is about the future.

    An agreement or a pledge already made ("agreed to continue", "pledged that") is
    asserted: the AGREE type says it looks ahead (eval/dev/GUIDE.md).
    """
    words = spec.phrase.split()
    return spec.event == "AGREE" and words[0] in _INTENT_WORDS


def _fallback_recipient(
    actor: tuple[Party, ...], slots: list[roles.Slot], context: roles.Context, *, article_pair: bool
) -> tuple[Party, ...]:
    """The one other party the sentence names, else (``article_pair``) the other country of the article's pair."""
    taken = _codes(actor)
    others = [slot for slot in slots if slot.via != "joint" and slot.countries and not slot.countries & taken]
    if len({country for slot in others for country in slot.countries}) == 1:
        return others[0].parties
    if article_pair and not others and context.dyad is not None and taken & set(context.dyad):
        partner = next(code for code in context.dyad if code not in taken)
        return (Party("(the article's other country)", None, partner, ActorKind.COUNTRY),)
    return ()


def _main_clause(text: str) -> str:
    """The sentence without its dateline and relative clauses ("Lee, who took office in June, is …").

    A dateline ("BERLIN, Sept 14 -") gives the day of the report, not of the act.
    """
    return _RELATIVE_CLAUSE.sub(",", _DATELINE.sub("", text))


def _contexts(matches: list[Match[tuple[str, ...]]]) -> tuple[str, ...]:
    """The contexts the words of a sentence point to, in order of first mention."""
    return tuple(dict.fromkeys(label for match in matches for label in match.value))
