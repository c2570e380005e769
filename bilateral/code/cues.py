"""Which cues of a sentence speak, and what each one says.

A phrase can be read several ways ("launched" a working group or a rocket):
``reading`` keeps the first reading whose condition the sentence meets, and
drops nominal uses ("the bans"), modifiers ("British-supplied") and the like.
``reinterpret`` turns a cue into what its context makes it (sanctions lifted
are a concession, a ceasefire in effect a retreat, an appeal to all sides a
statement). ``chosen`` picks the acts a sentence reports: the strongest cue,
strong cues of other types, never the content of a governing cue ("agreed to
continue cooperation") or of a denial; ``clause_end`` says where a cue's clause
ends, so that its objects are its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache

from bilateral.code import lexicon
from bilateral.phrases import Match
from bilateral.records import Sentence

_NEXT_WORD = 12  # characters: "plans to impose restrictions"
_LOOK_BACK = 60  # characters before a cue that can make it a noun or a modifier
_VOWS = frozenset({"vow~", "pledge~", "promise~"})
_HOSTILE = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "THREATEN"})
_GOVERNING = frozenset(
    {"ACCUSE", "REQUEST", "THREATEN", "REJECT", "AGREE", "SUPPORT"}
)  # their objects are contents, not acts
_DENIAL = "016"
_DISAPPROVE = "111"  # condemning, criticising: of an act the text gives as fact
_CALLED_OFF = frozenset({"withdraw", "discontinue"})  # "cancelled a visit", "halted aid deliveries": no visit, no aid
_LISTED = re.compile(r",\s*(?:including|such as)\s+(?:[\w'’-]+,?\s+(?:and\s+)?){0,8}$")
"""What a suspension lists it stops: "suspended military ties, including exercises, port visits and meetings"."""
_LISTED_WORDS = 16
_VERB_FIRST = re.compile(r"(?:held|met|sent|made|took|gave|began|\w+ed)\b", re.IGNORECASE)
_SIGN = "057"  # a signing reports an act even as a noun ("oversaw the signing of …")
_SECONDARY_RANK = 7  # a second cue in a sentence must be this strong to make its own event
_AGREED_TO = "agree~ to"  # agreeing among themselves to a hostile act is that act, not cooperation with its target
_TO_IMPOSE = re.compile(
    r"\s*(?:(?:introduce|impose|adopt|apply|extend|slap|place|put|levy)\s+(?:(?:a|an|new|fresh|further|more|"
    r"additional|the|tougher)\s+){0,3})?"
)  # "agreed to impose new sanctions", "agreed to introduce a price cap"
_ANNOUNCED = "announce~"  # an announcement of aid is AGREE; of a hostile act, that act
_INTENT_WORDS = frozenset({"will", "would", "plan~", "intend~", "aim~", "set", "ready", "willing", "expressed"})


def reading(match: Match[lexicon.CueSpec], sentence: Sentence) -> Match[lexicon.CueSpec] | None:
    """The first reading of the cue's words whose conditions the sentence meets ("launched a missile")."""
    if _needs_met(match, sentence):
        return match
    for spec in match.value.alternatives:
        cue = Match(match.start, match.end, spec)
        if _needs_met(cue, sentence):
            return cue
    return None


def _needs_met(cue: Match[lexicon.CueSpec], sentence: Sentence) -> bool:
    needs = cue.value.needs
    if needs is not None and cue.value.anchored and not needs.match(sentence.text, cue.start - sentence.start):
        return False  # "cut aid": the object is the verb's own, not any "aid" elsewhere in the sentence
    if needs is not None and not cue.value.anchored and not _anywhere(needs, sentence.text):
        return False
    before = sentence.text[max(0, cue.start - sentence.start - _LOOK_BACK) : cue.start - sentence.start]
    if (
        cue.value.phrase.endswith(("~", "ed"))
        and " " not in cue.value.phrase
        and sentence.text[: cue.end - sentence.start].endswith(("ed", "en"))
        and _BE_AFTER.match(sentence.text, cue.end - sentence.start)
    ):
        return False  # "the Ukrainians released were …": a participle describing a noun, not an act
    if before.endswith("-") and not before.endswith("counter-"):
        return False  # "British-supplied weapons", "U.N.-backed force": a modifier ("counter-tariffs" is an act)
    if cue.value.cameo == "042" and _AGAINST_TRAVEL.search(before):
        return False  # "advised against travel to Tunisia" is an advisory, not a visit
    at = cue.end - sentence.start
    if cue.value.event == "REQUEST" and _FOR_COMMENT_AFTER.match(sentence.text, at) and _A_BEFORE.search(before):
        return False  # "did not respond to a request for comment": the reporter asked
    word = sentence.text[cue.start - sentence.start : at].lower()
    if _MET.search(sentence.text, cue.start - sentence.start, at) and _RECEPTION_AFTER.match(sentence.text, at):
        return False  # "the plan was met with scepticism", "met with protests": how a thing was received
    if cue.value.phrase == "summit" and _NAMED_BEFORE.search(before):
        return False  # "a pledge made at the Camp David summit" names a past meeting
    if cue.value.phrase.startswith("round of ") and _ROUND_NOT_HELD.search(before):
        return False  # "ready for a second round of talks", "proposed a new round": no talks held
    if cue.value.phrase.startswith("call~ ") and _A_CALL_BEFORE.search(before):
        return False  # "answering a call for help" names a call; "joined the call for a ceasefire" makes one
    when = _WHEN_AFTER.match(sentence.text, cue.end - sentence.start) if cue.value.phrase.endswith(" on") else None
    if when is not None:  # "agreed on Sunday to …": "on" starts a date; the agreement is "agreed … to"
        return cue.value.event == "AGREE" and sentence.text.startswith((" to ", " that "), when.end())
    if " " not in word and not word.endswith("ed") and _TOPIC_AFTER.match(sentence.text, at) and _OWNER.search(before):
        return False  # "Russia’s mobilization efforts", "its sanctions policy": a topic named, not an act told
    if cue.value.event == "REQUEST" and _OWN_PEOPLE_AFTER.match(sentence.text, at):
        return False  # "urged its citizens to leave Lebanon": advice to its own people, no demand of Lebanon
    if (
        cue.value.event == "SANCTION"
        and not word.endswith("ed")
        and _UNDER_BEFORE.search(before)
        and not _PLACED_UNDER.search(before)
    ):
        return False  # "Iran, under US sanctions since 1979, …": a state it is in, not an act
    if cue.value.event == "ACCUSE" and _MODIFIER_BEFORE.search(before):
        return False  # "a man accused of …" describes the man
    nominal = " " not in cue.value.phrase and cue.value.cameo != _SIGN and _DETERMINER_BEFORE.search(before)
    told = (cue.value.cameo == _TRUCE and _IN_EFFECT.match(sentence.text[at:])) or _OF_BY_AFTER.match(sentence.text, at)
    if nominal and not told:
        return False  # "the bans", "the meeting" name a thing; "the truce held", "the seizure of … by Iran" report one
    if cue.value.cameo == _TRUCE and not told and _TRUCE_AS_SETTING.search(before):
        return False  # "fighting resumed despite a truce", "under a ceasefire brokered by Qatar": a setting, no act
    if cue.value.event == "ASSAULT" and (_NATURE_BEFORE.search(before) or _UNNAMED_BEFORE.search(before)):
        return False  # "after floods killed dozens", "a day after gunmen killed 26": no state's attack
    held_in = word == "jail" and _PLACE_OF_BEFORE.search(before)
    if cue.value.event == "COERCE" and (held_in or _RELEASED_BEFORE.search(before)):
        return False  # "returns detained Taiwanese fishermen", "two years in Evin jail": who was held, or where
    if cue.value.event == "CONSULT" and (_DURATION_BEFORE.search(before) or _VISA_AFTER.match(sentence.text, at)):
        return False  # "after three years of negotiations", "visit visas": how long it took, a kind of visa
    if cue.value.mode == "visit" and _HELD_PEOPLE_AFTER.match(sentence.text, at):
        return False  # "diplomats visited a U.S. citizen jailed in Venezuela": a consular call, no meeting of states
    if word == "free" and _FREE_FROM_AFTER.match(sentence.text, at):
        return False  # "free from external interference": no one freed
    if word == "strike" and _FORMATION_AFTER.match(sentence.text, at):
        return False  # "an aircraft carrier strike group": a unit, not a strike
    if cue.value.event == "AID" and _SHOW_OF_FORCE_AFTER.match(sentence.text, at):
        return False  # "sending dozens of warships and fighter jets close to the island": a show of force
    if cue.value.cameo == _TRUCE and (_TOPIC_OF_TALKS.search(before) or _TRUCE_AS_MODIFIER.match(sentence.text, at)):
        return False  # "talks on the Gaza ceasefire", "a ceasefire plan": what is discussed, not a truce declared
    if cue.value.phrase in _OFFERS and _CONDOLENCES_AFTER.match(sentence.text, at):
        return False  # "offered its deepest condolences": sympathy, not an offer
    if cue.value.event == "SANCTION" and _STANDING_AFTER.match(sentence.text, at):
        return False  # "while sanctions remained in place": a standing state, not a new act
    if cue.value.phrase.endswith("~") and sentence.text[at - 3 : at] == "ing" and _OPINION_BEFORE.search(before):
        return False  # "60 percent oppose sending missiles": what people think of an act, not the act
    kinds = _KINDS_AFTER.match(sentence.text, at)  # (no look-behind in it: matching from ``at`` needs no slice)
    return not (kinds and _MODIFIED_BEFORE.search(before))  # "two heavily sanctioned countries"


@lru_cache(maxsize=256)
def _anywhere(needs: re.Pattern[str], text: str) -> bool:
    """Whether a sentence meets an unanchored condition: searched once per sentence, not once per cue."""
    return needs.search(text) is not None


_TIME_WORD = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|morning|afternoon|evening|night|week|weekend|month|year|\d{1,4})"
)
_BE_AFTER = re.compile(
    r"\s+(?:(?:on|in|at|last|this|overnight|early|late)\s+(?:(?:the|last|this|early|late)\s+)?"
    + _TIME_WORD
    + r"(?:\s+"
    + _TIME_WORD
    + r")?\s+)?(?:were|was|are|is|have|has|had)\b",
    re.IGNORECASE,
)  # "the missiles launched on Tuesday evening were intercepted"
_WHEN_AFTER = re.compile(
    r"\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d{1,2}(?:st|nd|rd|th)?(?: \w+)?)", re.IGNORECASE
)
_A_BEFORE = re.compile(r"\b(?:a|an|our|repeated|multiple)\s+$", re.IGNORECASE)
_FOR_COMMENT_AFTER = re.compile(r"\s+(?:for|seeking)\s+(?:further\s+)?comments?\b", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|these|those|such|its|their|this|that)\s+$", re.IGNORECASE)
BY_AGENT = r"\s+(?:(?!by\b)[\w'’-]+\s+){1,6}?by\s+(?:the\s+)?"  # "… a tanker by (the) ", up to the act's agent
_AGENT_AFTER = re.compile(r"(?:\s+of)?" + BY_AGENT + r"(?-i:[A-Z])", re.IGNORECASE)  # "… of its ship by the Russian …"
_OF_BY_AFTER = re.compile(r"\s+of" + BY_AGENT + r"(?-i:[A-Z])", re.IGNORECASE)  # "the seizure of a tanker by Iran"


_AGAINST_TRAVEL = re.compile(
    r"\b(?:against|warn(?:ed|s|ing)? (?:citizens )?against|advisory on|ban on|avoid(?:ed|s|ing)?|suspend(?:ed|s|ing)?)"
    r"\s+(?:all\s+|non-essential\s+|unnecessary\s+)?$",
    re.I,
)
_A_CALL_BEFORE = re.compile(
    r"\b(?:answer\w*|heed\w*|respond\w* to|receiv\w*|ignor\w*)\s+(?:a|an|the|this|that)\s+$", re.IGNORECASE
)
_MET = re.compile(r"\b(?:met|meet|meets)(?:\s+with)?$", re.IGNORECASE)  # the cue ends "met", "meets with"
_RECEPTION_AFTER = re.compile(
    r"(?i:\s+with)?\s+(?:[a-z]+\s+){0,2}(?i:criticism|concerns?|scepticism|skepticism|resistance|opposition|"
    r"protests?|anger|outrage|condemnation|derision|silence|approval|applause|dismay|alarm|suspicion|hostility|"
    r"indifference|praise|relief|disapproval|reactions?|response|backlash|fury|ridicule|disbelief|caution|"
    r"enthusiasm|resentment|objections?)\b"
)  # "met with strong criticism", "met with a cool response": lower-case words before, no name
_NAMED_BEFORE = re.compile(r"\b(?:the|a|an)\s+(?:[A-Z][\w.&'-]*\s+){1,3}$")


_NATURE_BEFORE = re.compile(
    r"\b(?:floods?|flooding|earthquakes?|quakes?|storms?|cyclones?|typhoons?|hurricanes?|landslides?|mudslides?|"
    r"wildfires?|(?:a|the)\s+fire|blazes?|heatwaves?|heat|disease|outbreaks?|epidemics?|avalanches?|tsunamis?|droughts?|"
    r"famine|accidents?|crash(?:es)?|collapses?)(?:\s+[\w'’-]+){0,6}?\s+(?:that\s+|which\s+|have\s+|has\s+|had\s+)?$",
    re.IGNORECASE,
)
_UNNAMED_BEFORE = re.compile(
    r"\b(?:after|when|as|while|where|and|but|that|which|who|the|a|an|unidentified|unknown|armed|suspected|masked|"
    r"some|several|\d+)\s+(?:gunmen|militants|attackers|assailants|insurgents|rebels|bandits|terrorists|jihadists|"
    r"extremists|pirates)\s+(?:have\s+|had\s+|who\s+)?$",
    re.IGNORECASE,
)
_RELEASED_BEFORE = re.compile(
    r"\b(?:free[sd]?|freeing|release[sd]?|releasing|return(?:s|ed|ing)?|swap(?:s|ped|ping)?|exchang(?:e|es|ed|ing)|"
    r"hand(?:s|ed|ing)? (?:over|back))\s+(?:(?:the|a|an|two|three|four|five|six|\d+|all|its|their)\s+)?$",
    re.IGNORECASE,
)
_PLACE_OF_BEFORE = re.compile(r"\b(?:in|from|at|out of|inside)\s+(?:(?:the|a)\s+)?(?:[A-Z][\w'’-]*\s+){0,2}$")
_VISA_AFTER = re.compile(r"\s+(?:visas?|permits?)\b", re.IGNORECASE)
_HELD_PEOPLE_AFTER = re.compile(
    r"\s+(?:(?:the|a|an|its|their|his|her|two|three|four|five|several|\d+)\s+)?(?:[\w.'’-]+\s+){0,3}?"
    r"(?:(?:detainees?|prisoners?|hostages?)\b(?!['’])"
    r"|(?:fishermen|nationals?|citizens?|sailors?|crew members?)\b(?!['’])[^.;]{0,40}?"
    r"\b(?:held|detained|jailed|imprisoned|arrested|in (?:custody|detention|prison|jail))\b)",
    re.IGNORECASE,
)  # whom a diplomat visits in detention: people, not a state ("the detainees", "two citizens held in …")
_FREE_FROM_AFTER = re.compile(r"\s+(?:from|of)\b", re.IGNORECASE)
_DURATION_BEFORE = re.compile(r"\b(?:years?|months?|weeks?|decades?)\s+of\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_FORMATION_AFTER = re.compile(r"\s+(?:groups?|fighters?|capabilit(?:y|ies)|packages?|teams?|forces?)\b", re.IGNORECASE)
_SHOW_OF_FORCE_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,4}?(?:warships|fighter jets|bombers|warplanes)\b[^.;,]{0,30}?"
    r"\b(?:close to|near|towards?|around|off the coast|into waters)\b",
    re.IGNORECASE,
)
_TOPIC_OF_TALKS = re.compile(
    r"\b(?:(?:talks|negotiations|discussions|consultations|proposals?|plans?|efforts?|bids?|hopes?)\s+"
    r"(?:on|about|over|for|towards?|of)|(?:push|press|call|appeal)\w*\s+for|seek\w*|sought|urg\w*|demand\w*)\s+"
    r"(?:(?:a|an|the|its|their)\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)  # "talks on the Gaza ceasefire", "pushing for a ceasefire": a truce sought, not declared
_TRUCE_AS_MODIFIER = re.compile(
    r"\s+(?:plan|proposals?|talks|negotiations|efforts|framework|terms|monitors|monitoring|mission|line|violations?)\b",
    re.IGNORECASE,
)
_TOPIC_AFTER = re.compile(
    r"\s+(?:efforts|plans|policy|policies|capabilities|capability|strategy|strategies|doctrine)\b", re.IGNORECASE
)
_OWNER = re.compile(r"(?:['’]s|\b(?:its|their|his|her|our))\s+$", re.IGNORECASE)  # right before the noun
_OWN_PEOPLE_AFTER = re.compile(
    r"\s+(?:on\s+|upon\s+)?(?:its|their|his|her)\s+(?:own\s+)?(?:citizens|nationals|people|residents|diplomats|staff|"
    r"students|tourists|travell?ers|expatriates|compatriots)\b",
    re.IGNORECASE,
)
_UNDER_BEFORE = re.compile(
    r"(?<!came )(?<!come )(?<!comes )\bunder\s+"
    r"(?:(?:the|tough|heavy|harsh|crippling|sweeping|international|western|economic|(?-i:[A-Z])[\w.’'-]*)\s+){0,3}$",
    re.IGNORECASE,
)
_PLACED_UNDER = re.compile(r"\b(?:plac|put|brought|bring)\w*\s+(?:[\w'’-]+\s+){0,3}?under\s", re.IGNORECASE)
_TRUCE_AS_SETTING = re.compile(
    r"\b(?:despite|under|amid|during|since|throughout)\s+(?:(?:a|an|the|its|their|this|that)\s+)?"
    r"(?:(?-i:[a-z])[\w-]*\s+){0,2}$",
    re.IGNORECASE,
)
_OFFERS = frozenset({"offered", "offering"})
_CONDOLENCES_AFTER = re.compile(
    r"\s+(?:(?:its|his|her|their|our|deep|deepest|sincere|sincerest|heartfelt)\s+){0,2}"
    r"(?:condolences|sympath(?:y|ies)|congratulations|thanks|gratitude|prayers)\b",
    re.IGNORECASE,
)
_STANDING_AFTER = re.compile(
    r"\s+(?:\w+\s+){0,3}?(?:remain|remains|remained|stay|stays|stayed|are still|were still)\s+in\s+(?:place|force)\b",
    re.IGNORECASE,
)
_OPINION_BEFORE = re.compile(
    r"\b(?:oppos(?:e|es|ed|ing)|favou?r(?:s|ed|ing)?|support(?:s|ed|ing)?|against|consider(?:s|ed|ing)?|"
    r"debat(?:e|es|ed|ing)|weigh(?:s|ed|ing)?)\s+$",
    re.IGNORECASE,
)
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


def _reaction(cue: Match[lexicon.CueSpec]) -> bool:
    """ "…, drawing criticism from China": another state's act, beside whatever act drew it (the lowest rank, so
    that the act it follows leads the sentence)."""
    return cue.value.shape == "host" and cue.value.event == "ACCUSE"


def _governs(text: str, cue: Match[lexicon.CueSpec], later: Match[lexicon.CueSpec]) -> bool:
    """Whether ``later`` is the content of ``cue`` rather than an act of its own.

    "agreed to continue cooperation" is AGREE; "accused Ukraine of shelling"
    is ACCUSE alone; "refused to sign a statement criticising Russia" is REJECT;
    "cancelled a planned visit" and "halted aid deliveries" report no visit and no aid.
    """
    if later.start <= cue.start or later.start - cue.end > _REACH or _reaction(later):
        return False  # a reaction to an act is never what the act contains
    if cue.value.phrase.endswith(" to") and later.start - cue.end <= 3:
        return True
    if cue.value.mode in _CALLED_OFF:  # SANCTION modes: what is withdrawn or discontinued
        called_off = text[cue.end : later.start]  # "cancelled a planned visit", not "…, accusing it of …"
        listed = (
            _LISTED.search(called_off) is not None
            and len(called_off.split()) <= _LISTED_WORDS
            and not _VERB_FIRST.match(text, later.start)  # "…, including food deliveries, and held talks with …"
        )
        near = "," not in called_off and " and " not in called_off and len(called_off.split()) <= 4  # not "… and met"
        return later.value.event in ("CONSULT", "AID", "COOPERATE") and (near or listed)
    if cue.value.event not in _GOVERNING:
        return False
    if cue.value.cameo == _DISAPPROVE and later.value.event in _HOSTILE and _AGENT_AFTER.match(text, later.end):
        return False  # "condemned the seizure of a tanker by Iran": an act condemned, its agent named, is a fact
    between = text[cue.end : later.start]
    if next_verb(text, between, later):
        return False  # "condemned the invasion, warned China …": a second verb of the same subject
    if _CONTENT_CLAUSE.search(between):
        return True  # "signed an agreement … that will allow … joint exercises": what the agreement allows
    if cue.value.event == "REQUEST" and _THAT_SUBJUNCTIVE.match(text, cue.end, later.start):
        return True  # "requested that the ship and its crew … be released": what is asked for
    if _CLAUSE_BREAK.search(between):
        return False  # "failed to sign a deal after talks", "agreed …, the White House said, hours after X threatened"
    return " and " not in between or between.endswith(" to ") or " and to " in between  # "invited X and Y to meet"


_ROUND_NOT_HELD = re.compile(
    r"\b(?:ready|open|prepared|willing|calls?|called|calling|urged?|propos\w*|hopes?|hoped|wants?|wanted|seeks?|"
    r"sought|push\w* for|plans?|planned|expects?|expected|future|possible|next)\b(?:\s+(?:for|to hold|to))?\s+"
    r"(?:(?:a|an|the|another|new|second|third|fourth|fifth|fresh|further)\s+){0,3}$",
    re.IGNORECASE,
)
_REACH = 200  # characters: a cue governs (or denies) only what follows it this closely; keeps the choice linear
_CLAUSE_BREAK = re.compile(
    r";|\b(?:after|before|when|while|whereas|but|during|said|says|told|added)\b|,\s*(?:saying|adding|and)\b|\band\s+$"
)


def chosen(found: list[Match[lexicon.CueSpec]], text: str) -> list[Match[lexicon.CueSpec]]:
    """The strongest cue, and strong cues of other event types; statements only alone."""
    found = sorted(found, key=lambda cue: cue.start)
    reach = _Reach(found)
    denied = {
        later.start
        for cue in found
        if cue.value.cameo == _DENIAL
        for later in reach.after(cue)
        if later.start > cue.end and not _CLAUSE_BREAK.search(text, cue.end, later.start)
    }  # "denied that Tehran had sent drones": what is denied did not happen by the speaker's word
    found = [cue for cue in found if cue.start not in denied]
    acts = [cue for cue in found if cue.value.shape != "statement"] or [cue for cue in found if cue.value.rank > 0]
    if not acts:
        return []  # "said" alone attributes; it is not an event
    governed: set[int] = set()
    vowed: set[int] = set()
    reach = _Reach(acts)
    for cue in acts:
        for later in reach.after(cue):
            if not _governs(text, cue, later):
                continue
            hostile = later.value.event in _HOSTILE and later.start - cue.end <= _NEXT_WORD
            if hostile and cue.value.phrase.split()[0] in _VOWS:
                governed.add(cue.start)  # "vowed to retaliate": a promise of harm is a threat
                vowed.add(later.start)
            elif hostile and is_intent(cue.value):
                governed.add(cue.start)  # "plans to impose restrictions": the restriction, still to come
            elif (
                cue.value.phrase == _AGREED_TO
                and later.value.event in _HOSTILE
                and _TO_IMPOSE.fullmatch(text, cue.end, later.start)
            ):
                governed.add(cue.start)  # "EU ministers agreed to impose sanctions": a decision to sanction
            elif later.value.event in _HOSTILE and cue.value.phrase == _ANNOUNCED:
                governed.add(cue.start)  # "announced it was suspending aid": the suspension is the act
            else:
                governed.add(later.start)
    for later in acts:  # "demonstrated …, calling for independence": the demand is how they protested
        word = text[later.start : later.end].split(maxsplit=1)[0]
        if later.value.event == "REQUEST" and word.endswith("ing") and any(c.start < later.start for c in acts):
            governed.add(later.start)
    acts = [_as_threat(cue) if cue.start in vowed else cue for cue in acts if cue.start not in governed] or acts
    primary = max(acts, key=lambda cue: cue.value.rank)
    chosen = [primary]
    for cue in acts:
        if cue is not primary and (cue.value.rank >= _SECONDARY_RANK or _reaction(cue)) and _own_act(text, cue, chosen):
            chosen.append(cue)
    return sorted(chosen, key=lambda cue: cue.start)


def _own_act(text: str, cue: Match[lexicon.CueSpec], chosen: list[Match[lexicon.CueSpec]]) -> bool:
    """Whether a cue tells an act of its own beside those chosen: one of another type, or of the same type in a
    clause with a subject of its own ("Mexico imposed tariffs and Canada put tariffs on US goods")."""
    same = [other for other in chosen if other.value.event == cue.value.event]
    if not same:
        return True
    nearest = min(same, key=lambda other: abs(other.start - cue.start))
    first, last = min(nearest.end, cue.end), max(nearest.end, cue.end)
    return _new_subject(text, max(first, last - _CLAUSE_REACH), last) is not None  # the link is near the later


class _Reach:
    """Cues sorted by start, looked up by what follows one of them closely (a bisection, not a scan)."""

    def __init__(self, found: list[Match[lexicon.CueSpec]]) -> None:
        self.found = found
        self.starts = [cue.start for cue in found]

    def after(self, cue: Match[lexicon.CueSpec]) -> list[Match[lexicon.CueSpec]]:
        """The cues that start after ``cue`` does and at most :data:`_REACH` characters after its end."""
        return self.found[bisect_right(self.starts, cue.start) : bisect_left(self.starts, cue.end + _REACH + 1)]


def _eased(text: str, start: int, cue: Match[lexicon.CueSpec]) -> Match[lexicon.CueSpec]:
    """ "lifted long-standing sanctions", "eased the embargo": a sanction undone is a concession (CAMEO 081);
    "lifted a day-old blockade" a retreat (0872)."""
    undone = _UNDONE.get(cue.value.cameo)
    if undone is None:
        return cue
    lead = _EASING_BEFORE.search(text, max(start, cue.start - 40), cue.start)
    if (lead is None or lead.end() != cue.start) and not _EASED_AFTER.match(text, cue.end):
        return cue  # "lifted long-standing sanctions", "the ban was partly lifted"
    event, code = undone
    return cue._replace(value=replace(cue.value, event=event, cameo=code, mode=None))


_UNDONE = {"163": ("CONCEDE", "081"), "191": ("RETREAT", "0872")}  # sanctions eased; a blockade lifted
_EASING_BEFORE = re.compile(
    r"\b(?:lift|lifts|lifted|lifting|ease|eases|eased|easing|remove|removes|removed|removing|scrap|scraps|scrapped|"
    r"reduce|reduces|reduced|reducing|cut|cuts|cutting|waive|waives|waived|rescind|rescinds|rescinded|relax|relaxes|"
    r"relaxed|repeal|repeals|repealed|suspend|suspends|suspended|lower|lowers|lowered|lowering|slash|slashes|slashed|"
    r"slashing)\s+(?:(?!and\b|then\b|imposed\b|announced\b|introduced\b)[\w$%.,-]+\s+){0,5}?$",
    re.IGNORECASE,
)
_EASED_AFTER = re.compile(
    r"\s+(?:(?:on|against|of|for)\s+(?:(?!as\b|while\b|when\b|after\b|and\b|its\b|their\b)[\w'’-]+\s+){0,4}?)?"
    r"(?:was|were|has been|have been|had been|is being|are being)"
    r"\s+(?:\w+ly\s+)?"
    r"(?:lifted|eased|relaxed|scrapped|removed|suspended|waived|rescinded|repealed|lowered|cut)\b",
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


def clause_end(text: str, cue: Match[lexicon.CueSpec], found: list[Match[lexicon.CueSpec]], end: int) -> int:
    """Where the cue's clause ends: at the next cue coordinated with it ("… and urged", ", saying")."""
    for later in found:
        if (
            later.start > cue.end
            and _NEXT_CLAUSE.search(text, max(cue.end, later.start - _LINK), later.start)
            and not _SHARED_OBJECT.fullmatch(text, cue.end, later.start)
        ):
            return later.start
    predicate = _NEXT_PREDICATE.search(text, cue.end, end)  # "would not allow …, and was in contact with NATO"
    subject = _new_subject(text, cue.end, min(end, cue.end + _CLAUSE_REACH))  # "… tariffs and Canada's Trudeau said"
    return min(at for at in (predicate.start() if predicate else end, subject if subject is not None else end))


_LINK = 60  # characters before a later cue searched for what coordinates it (", and", "; but"): linear per cue
_NEXT_PREDICATE = re.compile(r",?\s+and\s+(?:was|is|were|are|has|have|had|remains|remained)\b")


_CLAUSE_REACH = 250  # characters after a cue in which a clause of its own is looked for: linear per cue


def _new_subject(text: str, start: int, end: int) -> int | None:
    """Where a clause with a subject of its own starts between ``start`` and ``end``, if one does; not after a name
    ("the United States and South Korea began": one subject of two states)."""
    for match in _NEW_SUBJECT.finditer(text, start, end):
        before = _WORD_BEFORE.search(text, max(0, match.start() - _WORD), match.start())
        if before is None or not before[0][:1].isupper():
            return match.start()
    return None


_WORD = 30  # characters: the longest word looked at before a link
_WORD_BEFORE = re.compile(r"[\w.'’)\]-]+$")
_NEW_SUBJECT = re.compile(
    r"(?:,\s*|\s+)(?:and|while|but|whereas)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){1,6}"
    r"(?:(?:has|have|had|was|were|is|also|later|then|immediately)\s+)?"
    r"(?:[a-z]+ed|said|says|told|sent|met|put|struck|slapped|hit|cut|froze|withdrew|broke|began|threw|shot)\b"
)  # a clause with a subject of its own: "and Canadian Prime Minister Justin Trudeau said", ", while Japan imposed"


def next_verb(text: str, between: str, later: Match[lexicon.CueSpec]) -> bool:
    """Whether ``later`` is a verb of speech in the past after a comma ("…, warned China"), not a participle that
    describes a noun ("the sailors, detained last week", "the deal, condemned by Russia")."""
    return (
        later.value.event in _SPOKEN
        and _NEXT_VERB.search(between) is not None
        and text[later.start : later.end].split(maxsplit=1)[0].lower().endswith("ed")
        and not _PARTICIPLE_AFTER.match(text, later.end)
    )


_SPOKEN = frozenset({"ACCUSE", "THREATEN", "REQUEST", "SUPPORT", "REJECT", "AGREE"})
_NEXT_VERB = re.compile(r",\s+(?:also\s+|then\s+)?$")
_PARTICIPLE_AFTER = re.compile(r"\s+(?:by|in|on|at|last|since|as|for|from|earlier|during)\b", re.IGNORECASE)
_THAT_SUBJUNCTIVE = re.compile(r"\s+that\s+[^,;]*\bbe\s+$")
_CONTENT_CLAUSE = re.compile(r"\b(?:that|which)\s+(?:will|would|allows?|lets?|commits?|obliges?|requires?)\b")
_NEXT_CLAUSE = re.compile(r"(?:,|;|\band|\bbut)\s+(?:\w+\s+)?$")
_SHARED_OBJECT = re.compile(r"\s*(?:with|to|on|for|from|in|against)\s+and\s+")  # "ties with and an embassy in X"


def _as_threat(cue: Match[lexicon.CueSpec]) -> Match[lexicon.CueSpec]:
    """A hostile act vowed: a THREATEN of sanctions (1312), of relations cut (1313) or of force (138)."""
    if cue.value.event == "THREATEN":
        return cue
    code = cue.value.cameo
    threat = "1313" if code in ("160", "161", "164", "166") else "1312" if code.startswith("16") else "138"
    return cue._replace(value=replace(cue.value, event="THREATEN", cameo=threat, mode=None))


def is_intent(spec: lexicon.CueSpec) -> bool:
    """An AGREE cue that states an intention ("plans to", "will visit") is about the future.

    An agreement or a pledge already made ("agreed to continue", "pledged that") is
    asserted: the AGREE type says it looks ahead (eval/dev/GUIDE.md).
    """
    words = spec.phrase.split()
    return spec.event == "AGREE" and words[0] in _INTENT_WORDS


def reinterpret(text: str, start: int, cue: Match[lexicon.CueSpec]) -> Match[lexicon.CueSpec]:
    """The cue as its context makes it: eased sanctions, a ceasefire in effect, an appeal to all sides,
    sanctions only threatened ("tariff threats")."""
    return _threatened(text, _appeal(text, _in_effect(text, _eased(text, start, cue))))


def _threatened(text: str, cue: Match[lexicon.CueSpec]) -> Match[lexicon.CueSpec]:
    """ "U.S. tariff threats", "the sanctions threat": the measure is threatened, not taken."""
    if cue.value.event not in _HOSTILE or not _THREAT_AFTER.match(text, cue.end):
        return cue
    return _as_threat(cue)


_THREAT_AFTER = re.compile(r"\s+threats?\b", re.IGNORECASE)
