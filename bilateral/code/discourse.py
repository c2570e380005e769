"""What earlier sentences of an article tell a later one: the people named and who spoke, the pair of the latest
two-country act, and whom "they", "the three countries", "the world body" or "the kingdom" means
(see :class:`bilateral.code.slots.Context`)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bilateral.code import described, lexicon
from bilateral.code.facts import dateline_end
from bilateral.code.location import Where
from bilateral.code.slots import Context
from bilateral.phrases import Match
from bilateral.records import ActorKind, Mention, Sentence

_PRONOUN_FIRST = re.compile(r"\s*(?:they|he|she|it|we)\b", re.IGNORECASE)
_LEAD = 25  # characters: a person this close to the sentence start or a verb of saying is its subject


@dataclass(slots=True)
class Discourse:
    """What the sentences read so far tell the next one; a mutable accumulator, read through :meth:`context`. Its
    sequences are tuples, grown only when a sentence adds to them, so that a context copies nothing."""

    people: tuple[Mention, ...] = ()
    speakers: tuple[Mention, ...] = ()
    pair: tuple[str, str] | None = None  # the two countries of the latest two-country event
    group: tuple[Mention, ...] = ()  # the organisation, or the states listed, that led a recent sentence
    listed: tuple[Mention, ...] = ()  # the latest list of three or more states: whom "the three countries" means
    body: tuple[Mention, ...] = ()  # the international organisation named last: whom "the world body" means
    states: tuple[Mention, ...] = ()  # the states named so far: whom "the kingdom" means
    leader: Mention | None = None  # the state that led the latest sentence led by one: whom "the government" means

    def context(self, dyad: tuple[str, str] | None, filed: Where | None) -> Context:
        """What the next sentence may draw on; ``dyad``: the article's two main countries, ``filed``: its
        dateline."""
        return Context(
            self.people,
            self.speakers,
            dyad or self.pair,
            filed,
            self.group,
            self.listed,
            self.body,
            self.states,
            self.leader,
        )

    def advance(
        self, text: str, sentence: Sentence, inside: list[Mention], found: list[Match[lexicon.CueSpec]]
    ) -> None:
        """Take in ``sentence``, whose mentions are ``inside`` and whose cues are ``found``."""
        if not inside:
            return  # a sentence that names no one changes none of it
        named = people(inside)
        if named:
            self.people += tuple(named)
            self.speakers += tuple(_speakers(sentence, named, found))
        self.group = _group_after(text, sentence, inside, self.group)
        self.listed = _listed(text, inside) or self.listed
        self.body = next((tuple([mention]) for mention in reversed(inside) if mention.kind is ActorKind.IGO), self.body)
        self.states += tuple(described.states(inside))
        self.leader = _leader(sentence, inside)  # only the sentence just before: "the government" refers back one


def _leader(sentence: Sentence, inside: list[Mention]) -> Mention | None:
    """The state whose mention, or whose person's, opens the sentence (past a dateline): its subject."""
    begins = sentence.start + dateline_end(sentence, inside)  # past the dateline: no one leads there
    first = next((mention for mention in inside if mention.start >= begins), None)
    if first is None or first.start - begins > _LEAD or first.kind is ActorKind.IGO or first.sector == "MED":
        return None
    return first if first.country else None


def people(mentions: list[Mention]) -> list[Mention]:
    return [mention for mention in mentions if mention.kind is ActorKind.PERSON]


def _group_after(
    text: str, sentence: Sentence, inside: list[Mention], group: tuple[Mention, ...]
) -> tuple[Mention, ...]:
    """Whom a later "they" means after ``sentence``: the organisation that leads it ("G7 leaders met …"); no one
    after states listed ("France and Germany signed …"); else still ``group``, for one state alone is not "they"."""
    begins = sentence.start + dateline_end(
        sentence, inside
    )  # past the dateline: no one leads there  # "RIYADH — GCC ministers …": the ministers lead
    leading = [mention for mention in inside if 0 <= mention.start - begins <= _LEAD][:1]
    if not leading or _PRONOUN_FIRST.match(sentence.text, begins - sentence.start):
        return group
    if leading[0].kind is ActorKind.IGO:
        return (leading[0],)
    listed = [leading[0]]  # the states listed with it: "France, Germany and Italy"
    for mention in inside[inside.index(leading[0]) + 1 :]:
        if not _LIST_GAP.fullmatch(text, listed[-1].end, mention.start):
            break
        listed.append(mention)
    return () if len({mention.country for mention in listed}) >= 2 else group


def _listed(text: str, inside: list[Mention]) -> tuple[Mention, ...]:
    """The first list of three or more states in a sentence ("Egypt, Ethiopia and Sudan"), if it names one."""
    run: list[Mention] = []
    for mention in inside:
        if mention.kind is not ActorKind.COUNTRY or not mention.country:
            continue
        if run and not _LIST_GAP.fullmatch(text, run[-1].end, mention.start):
            if len({m.country for m in run}) >= 3:
                break
            run = []
        run.append(mention)
    return tuple(run) if len({mention.country for mention in run}) >= 3 else ()


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)(?:the\s+)?")


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


def article_dyad(mentions: tuple[Mention, ...]) -> tuple[str, str] | None:
    """The two countries an article is about, when two stand out."""
    counts = Counter(
        mention.country
        for mention in mentions
        if mention.country and mention.kind is not ActorKind.IGO and mention.sector != "MED"
    )
    top = counts.most_common(3)
    if len(top) < 2 or top[1][1] < 2 or (len(top) == 3 and top[2][1] * 2 > top[1][1]):
        return None
    first, second = sorted((top[0][0], top[1][0]))
    return first, second
