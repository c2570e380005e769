"""The fast-path event coder: cues, roles, modality, dates and contexts per sentence.

Each sentence with a cue and at least two countries among its parties (one
suffices for MOBILIZE: "North Korea fired a missile") can yield an event;
the strongest cue speaks for the sentence, and another cue of a different
event type yields a second event when it is strong on its own.
Actor, act and recipient always come from the same sentence, or from an
explicit reference (a pronoun, "the two presidents", "his counterpart"); a
recipient inferred from the article's country pair lowers confidence. Events
repeated within one article (same CAMEO code, countries and date, and for a
meeting the same counterpart) collapse into the first, which takes the
contexts of the others, unless they name agreements the first does not.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date
from functools import cache

from bilateral.actors import Gazetteer, recognise
from bilateral.actors.fold import fold
from bilateral.code import (
    cues,
    domestic,
    history,
    lexicon,
    location,
    pairs,
    proposals,
    reached,
    references,
    roles,
    sentence_slots,
)
from bilateral.code.discourse import Discourse, article_dyad, people
from bilateral.code.facts import Facts, dateline_end
from bilateral.code.modality import act_mood, by_mood
from bilateral.code.model import (
    Model,
    reviewable,
    reviewed,
    sentence_model,
)
from bilateral.code.roles import GUESSED_CONFIDENCE
from bilateral.code.slots import Context, Slot
from bilateral.code.spans import Covered, Spans, aside_spans, sports_report, unasserted_spans
from bilateral.ontology import CODEBOOK, cameo
from bilateral.phrases import Match
from bilateral.read import read_text
from bilateral.records import (
    ActorKind,
    ActorReading,
    Event,
    Evidence,
    Field,
    Mention,
    Modality,
    Party,
    Sentence,
)
from bilateral.registry.agreements import subjects
from bilateral.repair import repair

CODER = "bilateral-rules"
CODER_VERSION = "0.1.0"
_STATE_NEGATION = re.compile(
    r"\b(?:has|have|had|does|do)\s+(?:not|never)\b|\b(?:doesn|don|hasn|haven)['\u2019]t\b|\bnever\b", re.IGNORECASE
)
_TOWARD = re.compile(r"\b(?:toward|towards|against|near|around|border with|into|at)\b", re.IGNORECASE)
_THAT_AFTER = re.compile(r"(?:\s+[\w,]+){0,3}?\s+that\b")
_EXERCISE = "062"
_WITHDRAWAL = "087"
_HABITUAL = re.compile(
    r"\b(?:regularly|routinely|usually|habitually|traditionally|frequently|(?:has|have|had)\s+long)\s+(?:\w+\s+)?$"
    r"|\b(?:can|cannot|can't|able\s+to|ability\s+to)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)  # what a state does as a habit, has long done or is able to do is a stance or a capacity, not an act of the day
_WANTED = re.compile(
    r"\b(?:must|should|ought to|demand\w*|urg\w*|call\w* (?:on|for)|press\w*|pressure|ask\w*)\b[^.;]*?\bto\s+"
    r"(?:\w+ly\s+)?(?:and\s+)?$|\b(?:must|should)\s+(?:\w+ly\s+){0,2}(?:and\s+\w+ly\s+)?$",
    re.IGNORECASE,
)
_DECLARED = re.compile(
    r"\b(?:decided|decides|agreed|agrees|pledg\w*|promis\w*|announc\w*|plans?|planned|will|would|vow\w*|"
    r"ready|willing|intends?|intended)\s+(?:\w+\s+){0,2}?to\s+(?:\w+ly\s+)?$|\bwill\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_TOGETHER = frozenset({"joint", "between", "passive joint", "hyphened pair"})
_WITH_OTHERS = re.compile(r"\b(?:with|alongside|together with)\b", re.IGNORECASE)
_VOICED = frozenset({"REQUEST", "ACCUSE", "REJECT"})  # what a crowd voices is its protest, not a state's act
_CROWD_BEFORE = re.compile(
    r"\b(?:protesters|protestors|demonstrators|marchers|crowds?)\b(?:\s+[\w'’-]+){0,4}?\s+$", re.IGNORECASE
)
_CROWD_VERB = re.compile(r"\w+ing\b", re.IGNORECASE)  # "rallied …, denouncing X", "… to denounce": the rally's words
_AIMED = frozenset({"ACCUSE", "REQUEST", "SANCTION", "THREATEN", "COERCE", "ASSAULT"})
"""Acts several states do together at someone ("Taiwan and the United States condemned the action"): where the
sentence names no one, the article's other country (as for one state) is whom they aim at."""
_UNILATERAL = frozenset({"MOBILIZE"})  # acts that need no second country ("North Korea fired a missile")
_NEAR = 90  # characters after a cue where "in <place>" says where the act happened


def code(reading: ActorReading, *, model: Model = Model.OFF) -> tuple[Event, ...]:
    """The events of one read article: the rules' events, reviewed by the sentence model, and with acts it proposes
    where the rules found none, as ``model`` says (:class:`bilateral.code.model.Model`)."""
    events = _by_rules(reading)
    if model is Model.OFF:
        return events
    silent = [] if model is Model.REVIEW else list(proposals.unread(reading, events))
    asked = list(dict.fromkeys([e.evidence.quote for e in events if reviewable(e)] + [s.text for s, _ in silent]))
    likely = dict(zip(asked, sentence_model().likelihoods(asked), strict=True))
    kept = reviewed(events, likely)
    kept += proposals.added(reading, kept, silent, likely)
    return tuple(sorted(kept, key=lambda event: event.evidence.start))


def _by_rules(reading: ActorReading) -> tuple[Event, ...]:
    article = reading.article
    text = article.text
    folded = fold(text)
    mentions = sorted((mention for mention in reading.mentions if mention.field is Field.TEXT), key=lambda m: m.start)
    dyad = article_dyad(reading.mentions)
    if sports_report(text):
        return ()
    filed = location.dateline(mentions)
    told = Discourse()
    events: dict[tuple[object, ...], Event] = {}
    phrases = Spans(lexicon.cues().find(folded))

    @cache
    def topics() -> Spans[tuple[str, ...]]:  # the context words, looked for once an event first asks
        return Spans(lexicon.contexts().find(folded))

    mention_starts = [mention.start for mention in mentions]
    for sentence in reading.sentences:
        if sentence.field is not Field.TEXT:
            continue
        inside = mentions[bisect_left(mention_starts, sentence.start) : bisect_left(mention_starts, sentence.end)]
        matches = phrases.within(sentence.start, sentence.end)
        found: list[Match[lexicon.CueSpec]] = []
        if matches:  # most sentences of real news name no act: nothing more to look at
            asides = aside_spans(sentence)
            covered = Covered([(mention.start, mention.end) for mention in inside])
            aside = Covered(asides)
            unasserted = Covered(unasserted_spans(sentence))
            found = [
                cue
                for cue in (cues.reading(match, sentence) for match in matches)
                if cue is not None
                and not covered.overlaps(cue.start, cue.end)
                and not aside.overlaps(cue.start, cue.start + 1)
                and not unasserted.overlaps(cue.start, cue.start + 1)
                and (cue.value.shape != "paired" or pairs.pair_before(text, inside, cue.start))
            ]
        if found:
            context = told.context(dyad, filed)
            facts = Facts(topics, sentence, reading)
            for event in _code_sentence(reading, sentence, inside, found, context, facts, asides):
                if len(_codes(event.actor) | _codes(event.recipient)) == 2:
                    first, second = sorted(_codes(event.actor) | _codes(event.recipient))
                    told.pair = (first, second)
                key: tuple[object, ...] = (event.cameo, _codes(event.actor), _codes(event.recipient), event.when.start)
                key += (_met(event),)
                if key in events and not (named := subjects(event)) <= subjects(events[key]):
                    key += (named,)  # "… new agreements on wind energy": another act than the first one told
                if key in events:
                    kept = events[key]
                    events[key] = replace(kept, contexts=tuple(dict.fromkeys(kept.contexts + event.contexts)))
                else:
                    events[key] = event
        told.advance(text, sentence, inside, found)
    return tuple(events.values())


def code_text(
    text: str, gazetteer: Gazetteer, *, on: date | None = None, title: str = "", model: Model = Model.OFF
) -> tuple[Event, ...]:
    """Code a text given directly (a sentence or an article); ``on`` is its date."""
    document = replace(read_text(text), title=title)
    if on is not None:
        document = replace(document, published=on)
    return code(recognise(repair(document), gazetteer), model=model)


def _visit(
    actor: tuple[Party, ...], recipient: tuple[Party, ...], place: str, code: str, *, city: bool
) -> tuple[tuple[Party, ...], tuple[Party, ...], str]:
    """A meeting in ``place`` (the country of a place the sentence names) between parties of whom one is at home
    there is a visit (042): the visitor acts and the host receives, whoever the sentence makes its subject. Two
    parties told together meet on one's ground only in a ``city`` of it ("held talks in New Delhi"), not where a
    country is named ("discussed the war in Ukraine" names what they discussed)."""
    acting, receiving = _codes(actor), _codes(recipient)
    if recipient and place not in receiving and acting == {place}:
        return recipient, actor, "042"  # "Japan hosted Korea in Tokyo"
    if recipient and place in receiving and place not in acting:
        return actor, recipient, "042"  # met the host on its ground
    if city and not recipient and len(acting) == 2 and place in acting:  # "Modi and Hasina held talks in New Delhi"
        return (
            tuple(party for party in actor if party.country != place),
            tuple(party for party in actor if party.country == place),
            "042",
        )
    return actor, recipient, code


def _exercise(
    sentence: str, cue_start: int, actor: tuple[Party, ...], recipient: tuple[Party, ...]
) -> tuple[str, str, tuple[Party, ...], tuple[Party, ...]]:
    """An exercise the sentence does not already tell as joint: held "with" the other party, every party holds it
    (a joint act, recipient empty); held alone, a show of force (MOBILIZE), aimed at a state only "toward" or
    "near" it (both guides)."""
    if any(party.text and _held_with(sentence, cue_start, party.text) for party in recipient):
        return "COOPERATE", _EXERCISE, actor + recipient, ()  # "Japan held a naval exercise with India"
    if _WITH_OTHERS.search(sentence, cue_start):
        return "COOPERATE", _EXERCISE, actor, recipient  # "… with dozens of warships": the warships are no partner
    return "MOBILIZE", "150", actor, recipient if _TOWARD.search(sentence) else ()


def _held_with(sentence: str, cue_start: int, name: str) -> bool:
    """Whether ``name`` is whom an exercise is held with ("with the United States and South Korea"), not a
    border it is held along ("along the border with Pakistan")."""
    pattern = rf"(?<!border )(?<!borders )\b(?:with|alongside)\s+(?:[\w'’.,-]+\s+){{0,6}}?{re.escape(name)}\b"
    return re.search(pattern, sentence[cue_start:], re.IGNORECASE) is not None


def _met(event: Event) -> frozenset[str]:
    """Whom a meeting was with: meeting another counterpart the same day is another meeting."""
    if event.event != "CONSULT":
        return frozenset()
    return frozenset(p.name for p in event.recipient if p.name and p.kind is not ActorKind.COUNTRY)


def _codes(parties: tuple[Party, ...]) -> frozenset[str]:
    return frozenset(party.country for party in parties if party.country)


def _code_sentence(
    reading: ActorReading,
    sentence: Sentence,
    inside: list[Mention],
    found: list[Match[lexicon.CueSpec]],
    context: Context,
    facts: Facts,
    asides: list[tuple[int, int]],
) -> list[Event]:
    """The events of one sentence; ``asides`` are its asides' spans (:func:`~bilateral.code.spans.aside_spans`),
    which it extends."""
    text = reading.article.text
    found = [cues.reinterpret(text, sentence.start, cue) for cue in found]
    acts = cues.chosen(found, text)
    if not acts:
        return []  # "said" alone reports no act: no parties to look for
    dateline = dateline_end(sentence, inside)
    if dateline:  # "SEOUL, May 28 -", "JAKARTA -" say where the report was filed, not who acted
        asides.append((sentence.start, sentence.start + dateline))
    slots = [
        slot
        for slot in sentence_slots.slots(text, sentence.start, sentence.end, inside, context)
        if not any(first <= slot.start < last for first, last in asides)  # "X, who met Y, said": Y is not a party
    ]
    statements = [cue for cue in found if cue.value.shape == "statement"]
    events = []
    previous: roles.Roles | None = None
    protested = False  # an earlier act of the sentence was a protest: "in protest at" only says why
    rally = next((cue.start for cue in found if cue.value.event == "PROTEST"), None)
    for act in acts:
        voiced = act.value.event in _VOICED and rally is not None and rally < act.start  # "rallied …, denouncing X"
        voiced = voiced and (_CROWD_VERB.match(text, act.start) is not None or text.endswith("to ", 0, act.start))
        cue = act._replace(value=replace(act.value, event="PROTEST", cameo="140", mode="demo")) if voiced else act
        reported_from = _reported_clause(text, cue, statements, slots, sentence.start)
        until = cues.clause_end(text, cue, found, sentence.end)
        assigned = roles.assign(
            text, sentence.start, sentence.end, (cue.start, cue.end, cue.value), slots, reported_from, until
        )
        if _ADVERBIAL.match(cue.value.phrase) and protested:
            continue
        if previous is not None and _ADVERBIAL.match(cue.value.phrase):  # "recalled its envoy in protest at X's war":
            named = [slot for slot in slots if cue.end <= slot.start < until and slot.agent]  # who recalled protests
            target = named[0].parties if named and not named[0].countries & _codes(previous.actor) else ()
            assigned = roles.Roles(previous.actor, target or previous.recipient, "adverbial")
        previous = assigned or previous
        protested = protested or cue.value.event == "PROTEST"
        if assigned is None:
            possessive = references.possessive_actor(text, sentence.start, cue.start, people(inside), context)
            if possessive is not None:
                assigned = roles.assign(
                    text,
                    sentence.start,
                    sentence.end,
                    (cue.start, cue.end, cue.value),
                    [possessive, *slots],
                    sentence.start,
                )
        assigned = _coordinated(text, sentence, cue, found, slots, assigned)
        if assigned is None:
            continue
        event = _event(reading, sentence, cue, assigned, inside, slots, context, facts, until)
        if event is not None:
            events.append(event)
    return events


def _coordinated(
    text: str,
    sentence: Sentence,
    cue: Match[lexicon.CueSpec],
    found: list[Match[lexicon.CueSpec]],
    slots: list[Slot],
    assigned: roles.Roles | None,
) -> roles.Roles | None:
    """ "X accused Moscow of … and called on partners to …": a verb joined by "and" shares the first verb's subject."""
    lead = next(
        (
            earlier
            for earlier in reversed(found)
            if earlier.end <= cue.start
            and not _GERUND_AFTER_PREPOSITION.search(
                text, max(sentence.start, earlier.end - _GERUND_REACH), earlier.end
            )
        ),
        None,
    )  # the verb it joins: "accused X of supplying Y … and vowed to respond" joins "accused", not "supplying"
    light = _LIGHT_VERB_BEFORE.search(text, max(sentence.start, cue.start - 40), cue.start)
    verb = light["verb"] if light else text[cue.start : cue.end].split(maxsplit=1)[0].lower()
    if lead is None or not (verb.endswith("ed") or verb in _PAST_TENSES):
        return assigned  # "… for training and joint exercises" joins nouns, not verbs
    joined = (
        light is not None
        or _AND_BEFORE.search(text, max(sentence.start, cue.start - 12), cue.start) is not None
        or (
            lead.value.shape != "statement"  # "he said Kang, the minister, signed": an apposition ends at the comma
            and cues.next_verb(text, text[lead.end : cue.start], cue)
        )
    )  # "… condemned X, warned Y"
    if not joined:
        return assigned
    first = roles.assign(text, sentence.start, sentence.end, (lead.start, lead.end, lead.value), slots, sentence.start)
    if first is None or (assigned is not None and assigned.actor == first.actor):
        return assigned
    taken = _codes(first.actor)
    recipient = tuple(party for party in (assigned.recipient if assigned else ()) if party.country not in taken)
    if not recipient and lead.value.shape != "statement":
        recipient = first.recipient  # "summoned the British ambassador and warned": Britain was warned
    return roles.Roles(first.actor, recipient, "coordinated")


_ADVERBIAL = re.compile(r"in (?:condemnation|protest)\b")  # a phrase that says why the clause's actor acted
_PAST_TENSES = frozenset({"met", "sent", "gave", "held", "told", "said", "struck", "threw", "took", "made", "left"})
_AND_BEFORE = re.compile(r"(?<!\w)and\s+(?:also\s+|then\s+)?$")
_GERUND_REACH = 40  # characters before a cue's end where a preposition makes it a gerund
_GERUND_AFTER_PREPOSITION = re.compile(r"\b(?:of|for|by|from|about|against|over|after|before)\s+\w+ing(?:\s+\S+)?$")
_LIGHT_VERB_BEFORE = re.compile(
    r"(?<!\w)and\s+(?:also\s+|then\s+)?(?P<verb>imposed|announced|issued|lodged|filed|slapped|levied|adopted|approved)"
    r"\s+(?:(?:new|fresh|further|more|additional|a|an|its|their|retaliatory|sweeping|formal)\s+){0,2}$"
)  # "condemned the sale and imposed sanctions on …": the noun's act has the first verb's subject


def _reported_clause(
    text: str,
    cue: Match[lexicon.CueSpec],
    statements: list[Match[lexicon.CueSpec]],
    slots: list[Slot],
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
    slots: list[Slot],
    context: Context,
    facts: Facts,
    until: int,
) -> Event | None:
    """The event of one cue; ``until`` is where the cue's clause ends."""
    lead = reading.article.text[max(sentence.start, cue.start - 60) : cue.start]
    spec = _as_led(cue.value, lead)
    if spec is None:
        return None
    actor, recipient = assigned.actor, assigned.recipient
    if spec.event in _UNILATERAL and recipient and not reached.aimed_at(reading.article.text, sentence, recipient[0]):
        recipient = ()  # "fired a missile into the sea, South Korea's military said": reported by, not aimed at
    confidence = 0.7 if assigned.how in ("subject-object", "joint", "between", "passive") else 0.6
    if not recipient and _codes(actor):  # "Saudi Arabia, Kuwait and the UAE deposited $3 billion in Egypt's …"
        recipient = reached.place_reached(reading.article.text, cue.end, until, _codes(actor), inside, spec.event)
    if not recipient and _wants_recipient(reading.article.text, cue.end, spec, actor):
        first = cue.end if assigned.how == "coordinated" else sentence.start  # "… and called on partners": after it
        last = roles.clause_end(reading.article.text, cue.end, until, conjunctions=False)  # not in ", as X …"
        recipient = _fallback_recipient(
            actor,
            [slot for slot in slots if first <= slot.start < last],
            context,
            article_pair=spec.shape != "symmetric",
        )
        confidence = GUESSED_CONFIDENCE
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
    if spec.event == "CONSULT" and place:
        actor, recipient, code = _visit(
            actor, recipient, place, code, city=here is not None and here.latitude is not None
        )
    mood = act_mood(sentence.text, spec, relative_start, relative_start + cue.end - cue.start)
    if mood is Modality.NEGATED and _STATE_NEGATION.search(sentence.text[:relative_start]):
        return None  # "has not condemned": the absence of an act, not an event
    event_type = spec.event
    if code == _EXERCISE and assigned.how not in _TOGETHER:
        event_type, code, actor, recipient = _exercise(sentence.text, relative_start, actor, recipient)
    if code == "042" and actor and _FORCES.match(text, _end_of(text, actor[0], sentence)):
        event_type, code = "AID", "074"  # police or peacekeepers arriving to help another state (eval/dev/GUIDE.md)
    event_type, code, mood = by_mood(event_type, code, mood, sentence.text, spec=spec, start=relative_start)
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
        background=history.is_history(reading, sentence, relative_start, cue.end - sentence.start, facts.when),
        confidence=confidence,
        coder=CODER,
        coder_version=CODER_VERSION,
        codebook=CODEBOOK,
    )


def _as_led(spec: lexicon.CueSpec, lead: str) -> lexicon.CueSpec | None:
    """The cue as the words before it make it: no act when habitual ("Egypt regularly holds exercises"), a protest
    when a crowd voices it ("protesters in London called for …"), a withdrawal read by what is withdrawn."""
    if _HABITUAL.search(lead):
        return None
    if spec.event in _VOICED and _CROWD_BEFORE.search(lead):
        return replace(spec, event="PROTEST", cameo="140", mode="demo")
    return _withdrawal(spec, lead)


def _withdrawal(spec: lexicon.CueSpec, lead: str) -> lexicon.CueSpec | None:
    """A withdrawal asked for is none ("must withdraw", "pressure on Russia … to withdraw"); one declared
    and not yet done is a concession ("decided to withdraw its forces"); ``lead`` is the text before the cue."""
    if spec.event != "RETREAT" or spec.cameo != _WITHDRAWAL:
        return spec
    if _WANTED.search(lead):
        return None
    return replace(spec, event="CONCEDE", cameo="080", mode=None) if _DECLARED.search(lead) else spec


def _at_home(
    text: str, sentence: Sentence, cue: Match[lexicon.CueSpec], actor: tuple[Party, ...], slots: list[Slot]
) -> Mention | None:
    """The mention of a country's agent acting at home in a one-country act (see ``domestic``), if it is one."""
    if len(actor) != 1 or len({country for slot in slots for country in slot.countries}) != 1:
        return None  # another country is named: not a domestic act
    acting = next((slot.mention for slot in slots if slot.parties == actor and slot.end <= cue.start), None)
    if acting is None:
        return None
    if acting.sector == domestic.ARMED_MOVEMENT and cue.value.event != "STATEMENT":
        return acting  # "the Taliban rejected talks with the Afghan government": a conflict's sides
    if cue.value.event not in domestic.TYPES:
        return None
    return acting if domestic.is_agent(text, acting, sentence.start, cue.value.event, cue.value.cameo) else None


def _end_of(text: str, party: Party, sentence: Sentence) -> int:
    """Where the party's surface text ends in the sentence (its first occurrence), else the sentence end."""
    at = text.find(party.text, sentence.start, sentence.end) if party.text else -1
    return sentence.end if at < 0 else at + len(party.text)


_FORCES = re.compile(
    r"\s+(?:police(?:\s+officers)?|peacekeepers|peacekeeping (?:troops|forces)|troops|soldiers|marines|forces|"
    r"contingent|rescue (?:teams|workers)|search-and-rescue teams)\b",
    re.IGNORECASE,
)


def _speaks_alone(spec: lexicon.CueSpec) -> bool:
    """A statement that needs no second country: concern, condolences, a denial, an appeal to all sides; not a
    warning against something ("warned against steps that could harm regional peace"), which says too little
    without the state it is aimed at."""
    return spec.event == "STATEMENT" and spec.rank > 0 and not spec.phrase.startswith("warn")


def _wants_recipient(text: str, cue_end: int, spec: lexicon.CueSpec, actor: tuple[Party, ...]) -> bool:
    """Whether an act the sentence gives no recipient is aimed at someone all the same: one state's act, or several
    states' act at someone (:data:`_AIMED`); not an act that needs none, nor an appeal to all or a denial "that …"."""
    appeal = spec.event == "STATEMENT" and (
        spec.cameo.startswith("02") or (spec.cameo == "016" and bool(_THAT_AFTER.match(text, cue_end)))
    )
    several = len(_codes(actor)) >= 2 and spec.shape == "directed" and spec.event in _AIMED
    return (len(_codes(actor)) < 2 or several) and spec.event not in _UNILATERAL and not appeal


def _fallback_recipient(
    actor: tuple[Party, ...], slots: list[Slot], context: Context, *, article_pair: bool
) -> tuple[Party, ...]:
    """The one other party the sentence names, else (``article_pair``) the other country of the article's pair."""
    taken = _codes(actor)
    others = [slot for slot in slots if slot.via != "joint" and slot.countries and not slot.countries & taken]
    if len({country for slot in others for country in slot.countries}) == 1:
        return others[0].parties
    partner = next((code for code in context.dyad if code not in taken), None) if context.dyad else None
    if article_pair and not others and partner is not None and taken & set(context.dyad or ()):
        return (Party("(the article's other country)", None, partner, ActorKind.COUNTRY),)
    return ()
