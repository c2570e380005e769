"""Who acts and who is acted upon: the roles of one cue among the slots of its sentence
(:mod:`bilateral.code.sentence_slots` finds them).

Roles follow the cue's shape (see ``data/cues.tsv``) with the direction rules
of DESIGN.md: the visitor acts; "X and Y signed" is joint; "was signed by X"
makes X the actor; in "A said B did", B acts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bilateral.code import pairs
from bilateral.code.cues import BY_AGENT
from bilateral.code.domestic import located
from bilateral.code.lexicon import CueSpec
from bilateral.code.sentence_slots import AGENT_AFTER, is_place
from bilateral.code.slots import Slot
from bilateral.records import Party

_COMPOUND_GAP = re.compile(
    r"^\s*(?:(?:leader|president|prime minister|minister|king|chancellor|acting|foreign|defen[cs]e|"
    r"citizens?|nationals?|sailors|fishermen|journalists|tourists|troops|forces|soldiers|officials|police|navies|"
    r"armies|militaries|delegations|negotiators|diplomats|[A-Z][\w.'-]*)(?:\s+|(?=,))){0,5}"
    r"(?:,\s*(?:and\s+|as well as\s+|joined by\s+|together with\s+|along with\s+|alongside\s+)?|and\s+|&\s+|"
    r"as well as\s+|together with\s+)(?:the\s+|its\s+|their\s+)?"
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+)?"
    r"(?:(?:President|Prime Minister|Foreign Minister|Defen[cs]e Minister|Minister|Chancellor|King|Premier|Emir|"
    r"Crown Prince|Secretary of State|Secretary-General|Secretary General)\s+)?$"
)  # "President Prabowo and Prime Minister Anwar"
_OWN_SUBJECT = re.compile(
    r"\b(?:after|before|when|while|because|since|until)\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){1,6}$",
    re.IGNORECASE,
)  # a clause opened after the last party, with a subject of its own right before the cue
_HIT_BEFORE = re.compile(
    r"\b(?:hit|hits|hitting|struck|strikes|slapped|slaps|slapping|targeted|targets|punished)\s+$", re.IGNORECASE
)
_WITH_BEFORE_CUE = re.compile(
    r"\s+with\s+(?:(?:a|an|the|new|fresh|further|more|additional|sweeping|heavy|retaliatory|punitive|higher|steep|"
    r"\d+(?:\.\d+)?%|\d+\s*percent|import|export|trade|round|package|wave|raft|slew|series|\d+(?:st|nd|rd|th)|of)\s+){0,6}",
    re.IGNORECASE,
)
_PERSONS = (
    r"(?:tourists?|nationals?|citizens?|fishermen|journalists?|traders?|workers?|students?|sailors?|crew|pilots?|"
    r"businessm[ae]n|executives?|researchers?|academics?|activists?|aid workers?|truck drivers|drivers|migrants|"
    r"prisoners?|detainees?)"
)
_PEOPLE_AFTER = re.compile(
    rf"\s+{_PERSONS}\b", re.IGNORECASE
)  # "two German tourists": people of a state, who undergo what is done to them
_PEOPLE_BEFORE = re.compile(
    rf"\b{_PERSONS}\s+$", re.IGNORECASE
)  # "a U.S. sailor detained in Venezuela": the verb describes the people, whoever named them acts on them
_QUOTE_CLOSED_BEFORE = re.compile(r"[,.]\s*[\"”]\s+(?:the\s+)?$", re.IGNORECASE)  # '…," South Korea said'
_AND_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")
_NEAR_PLACE = 12  # characters after an undergone act where "in <place>" names the state that did it
_TAIL = 80  # characters before a position searched by a pattern that must end there: linear in the cues, not quadratic
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_BY_AFTER = re.compile(r"\s+(?:\w+\s+){0,3}?by\s+(?:the\s+)?$", re.IGNORECASE)  # matched from the cue's end to a party
_UNDERGONE_BEFORE = re.compile(
    r"\b(?:fac(?:e|es|ed|ing)|risk(?:s|ed|ing)?|drew|draw(?:s|n|ing)?|trigger(?:s|ed|ing)?|prompt(?:s|ed|ing)?|"
    r"spark(?:s|ed|ing)?|provok(?:e|es|ed|ing)|incur(?:s|red|ring)?|(?:is|are|was|were|remains?|been)\s+(?:put\s+|placed\s+)?under)\s+"
    r"(?:(?:new|fresh|further|more|tough|tougher|heavy|harsh|possible|sweeping|western|international|economic|"
    r"financial|additional)\s+){0,3}$",
    re.IGNORECASE,
)  # "Russia faces new sanctions", "the launch drew condemnation": what the subject meets, not what it does
_FROM_AFTER = re.compile(r"\s+(?:\w+\s+){0,3}?(?:from|by)\s+(?:the\s+)?$", re.IGNORECASE)
_UNDERGONE = frozenset({"SANCTION", "ACCUSE"})
_BETWEEN_AFTER = re.compile(r"\bbetween\s+(?:the\s+)?$", re.IGNORECASE)
_WITH_BEFORE = re.compile(  # a joint act's counterpart; "agreed to report to South Africa" names no party to it
    r"\b(?:with|alongside|against)\s+(?:the\s+|his\s+|her\s+|its\s+)?$", re.IGNORECASE
)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:with|to|for|against|from|after|before|of|by|on|toward|towards|at|about)\s+(?:the\s+|his\s+|her\s+|its\s+)?$",
    re.IGNORECASE,
)
_MEMBERS_FROM = re.compile(
    r"\b(?:units|troops|forces|officials|ministers|leaders|delegations|delegates|representatives|diplomats|envoys|"
    r"navies|officers|soldiers|negotiators|mediators|warships|ships)\s+from\s+(?:the\s+)?$",
    re.IGNORECASE,
)  # "Naval units from Egypt, Jordan and Sudan started drills": theirs, the subject
_CLAUSE_OPENER_BEFORE = re.compile(r"\b(?:after|before|since|until|once|because)\s+(?:the\s+)?$", re.IGNORECASE)
_SUBORDINATE = re.compile(r"\b(?:since|after|before|when|while|because|although|though|whereas|unless)\s")
_AS_CLAUSE = re.compile(r",\s+as\s+(?=(?:the\s+)?[A-Z][a-zA-Z.])(?![^,;.]{0,60}\b(?:said|says|put it|noted)\s*,)")
"""", as the United States and Britain began talks": a clause of its own, with its own subject (not ", as X said,")."""
_PRONOUN_CLAUSE = re.compile(
    r"[^,;.]{0,60}?\b(?:after|when|as|because|since|before|until|once|while)\s+(?:it|they)\s+"
    r"(?:(?:has|have|had|was|were|is|are|will|would|also|then|again|reportedly)\s+){0,2}",
    re.IGNORECASE,
)
_AUXILIARIES = re.compile(  # and at most one verb, when the cue is its noun ("the United States imposed tariffs")
    r"\s+(?:(?:has|have|had|was|were|is|are|will|would|also|then|later|again|abruptly)\s+){0,2}(?:[a-z]+(?:ed|s)\s+)?"
)
_LEADS_VERB = re.compile(
    AGENT_AFTER.pattern + r"\s+(?:(?:have|has|had)\s+)?", re.IGNORECASE
)  # "a day after Russian border guards detained …": the party is the verb's own subject, not a preposition's object
_SUFFERED = frozenset({"ASSAULT", "THREATEN"})  # "were killed", "was threatened with arrest": the subject is the target
_DENIAL = "016"  # a denial's "that"-clause is what is denied, not whom it addresses
_MINISTRY_OF = re.compile(r"\b(?:ministry|office|affairs|department)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_ENVOY_TO = re.compile(
    r"\b(?:ambassadors?|envoys?|charg[eé]s? d['’]affaires|high commissioners?)\s+(?:[\w'’.-]+\s+){0,4}?(?:to|in)\s+"
    r"(?:the\s+)?(?:countries\s+of\s+the\s+)?$",
    re.IGNORECASE,
)  # "the Turkish ambassador to Iraq", "the ambassadors of Russia in the countries of the EU": where the envoy serves
_REPORTED = re.compile(
    r"\b(?:said|says|told|statement|stated|reveal\w*|announc\w*|add(?:ed|ing)|confirm\w*|report\w*)\b", re.IGNORECASE
)  # "the Russian Foreign Ministry issued a statement, revealing that the US ambassador was summoned"
_EMBASSY_AFTER = re.compile(
    r"(?:'s|’s)?(?:\s*(?:,|and)\s*[A-Z][\w-]*)*\s+(?i:embass(?:y|ies)|consulates?|diplomatic missions?)\b"
)  # "the US embassy", "Russia's Embassy", "the British and German embassies"
_SEAT_ACTS = frozenset({"114", "166", "173"})  # summoned, expelled or arrested "in <place>": the place's state acted
_PARTICIPLE_LEAD = 12  # characters: a participle opening the sentence ("Meeting X, Y said")

GUESSED_CONFIDENCE = 0.45  # the confidence of roles not read from the sentence's grammar (as the fallback recipient)


@dataclass(frozen=True, slots=True)
class Roles:
    actor: tuple[Party, ...]
    recipient: tuple[Party, ...]
    how: str


def clause_end(text: str, cue_end: int, until: int, *, conjunctions: bool = True) -> int:
    """Where the objects of a verb ending at ``cue_end`` end, at ``until`` at the latest: before a clause with a
    subject of its own ("…, as the United States and Britain began talks") and, with ``conjunctions``, before a
    subordinate clause ("the exchange it mediated since Russia invaded …")."""
    found = [_AS_CLAUSE.search(text, cue_end, until)]
    if conjunctions:
        found.append(_SUBORDINATE.search(text, cue_end, until))
    return min((match.start() for match in found if match), default=until)


def assign(
    text: str,
    start: int,
    end: int,
    cue: tuple[int, int, CueSpec],
    found: list[Slot],
    reported_from: int,
    until: int | None = None,
) -> Roles | None:
    """Actor and recipient for the cue at ``cue``, or ``None`` when the sentence does not say.

    ``until`` is where the cue's clause ends ("condemned the attacks and urged the UN …": the UN is
    the object of "urged"); parties after it are not the cue's.
    """
    cue_start, cue_end, spec = cue
    until = clause_end(text, cue_end, end if until is None else until)
    before = [slot for slot in found if slot.end <= cue_start and slot.start >= reported_from]
    after = [slot for slot in found if slot.start >= cue_end and slot.end <= until]
    if spec.shape == "statement":
        return _statement(found, cue_start, denial=spec.cameo == _DENIAL)
    if (chain := pairs.hyphened(text, spec, before, cue_start)) or spec.shape == "paired":  # only after a pair
        return _roles(chain, [], "hyphened pair") if pairs.held(text, start, end, chain, cue_end) else None
    enacted = _enacted_by(text, cue_end, after) or _hit_with(text, start, spec, before, cue_start)
    if enacted is not None:  # "new sanctions against Iran were announced by Britain", "hit China with tariffs"
        return enacted
    undergone = (
        _UNDERGONE_BEFORE.search(text, max(start, cue_start - _TAIL), cue_start) if spec.event in _UNDERGONE else None
    )
    if undergone is not None:
        return _undergone(text, cue_end, undergone[0], before, after)
    found_passive = _PASSIVE_BEFORE.search(text, max(start, cue_start - _TAIL), cue_start)
    passive = found_passive is not None and found_passive.end() == cue_start  # "was summoned", not "was … summoned"
    if passive and after:
        by = [slot for slot in after if _BY_AFTER.match(text, cue_end, slot.start)]
        if by:
            agents = _compound(text, after[after.index(by[0]) :])
            subject = _compound_ending(text, before)
            if spec.shape == "symmetric" and subject:
                return _roles(agents + subject, [], "passive joint")
            return _roles(agents, subject, "passive")
    reporters = [slot for slot in found if slot.end <= reported_from]  # "Russia said (that) …": who reports it
    if seated := _seat_act(text, start, spec, (before, after, reporters), (cue_start, cue_end), passive):
        return seated
    if passive and spec.event == "AID":
        transfer = _transfer(text, cue_end, after)
        if transfer is not None:
            return transfer
    if passive and spec.event in _SUFFERED:
        return None  # "Three soldiers were killed": the subject suffered the act; who did it is not said
    between = [
        slot
        for slot in after
        if _BETWEEN_AFTER.search(text, max(cue_end, slot.start - _TAIL), slot.start)
        or (spec.phrase.endswith(" between") and not text[cue_end : slot.start].strip(" the"))  # "talks between"
    ]
    if between and text[cue_end : between[0].start].count(" ") <= 6:
        group = _compound(text, after[after.index(between[0]) :])
        if len(_countries(group)) >= 2:
            subject = _subject(text, before) if spec.shape == "directed" else []
            if subject and not _countries(subject) & _countries(group):
                return _roles(subject, group, "subject-object")  # "Qatar mediated talks between A and B"
            return _roles(group, [], "between")
    if spec.shape == "obligation":
        return _obligation(text, found, cue_start, reported_from, before)
    if spec.event == "PROTEST":
        at_embassy = _at_embassy(text, found)
        if at_embassy is not None:
            return at_embassy
    subject = _subject(text, before, cue_start)
    if (
        subject
        and reported_from > start
        and _PREPOSITION_BEFORE.search(text, subject[0].start - 40, subject[0].start)
        and not _LEADS_VERB.fullmatch(text, subject[-1].end, cue_start)
    ):  # "X said lifting the sanctions on Burma is out of the question": no party leads the clause; X acts
        subject = _subject(text, [slot for slot in found if slot.end <= reported_from]) or subject
    if not subject and spec.cameo in _SEAT_ACTS:  # "The foreign ministry summoned the Turkish ambassador to Iraq"
        hosts = [slot for slot in after if _ENVOY_TO.search(text, cue_end, slot.start)]
        envoys = [
            slot for slot in after if hosts and slot.end <= hosts[0].start and not slot.countries & hosts[0].countries
        ]
        if hosts and envoys:
            return _roles(hosts[:1], envoys[-1:], "envoy's host")
    if not subject and spec.event == "PROTEST":
        return _crowd(found) or _demonstrators(text, before)
    if not subject:
        return _participle(text, after, start, cue_start)
    objects = _object(text, after, subject, spec.event, spec.cameo)
    if spec.shape == "host":
        return _roles(objects, subject, "host") if objects else None
    if spec.shape == "symmetric" and len(_countries(subject)) >= 2:
        with_slot = [slot for slot in objects if _WITH_BEFORE.search(text, cue_end, slot.start) and slot.agent]
        return _roles(subject, with_slot, "joint")
    return _roles(subject, objects, "subject-object")


def _seat_act(
    text: str,
    start: int,
    spec: CueSpec,
    slots: tuple[list[Slot], list[Slot], list[Slot]],
    cue: tuple[int, int],
    passive: bool,
) -> Roles | None:
    """Who summoned, expelled or arrested whom when the sentence names no agent: told in the passive
    (:func:`_agentless`), or of the people named just before the verb (:func:`_held_in`)."""
    if spec.cameo not in _SEAT_ACTS:
        return None
    before, after, reporters = slots  # before and after the verb in its clause; the parties reporting the clause
    if passive:
        return _agentless(text, before, after, reporters)
    if _PEOPLE_BEFORE.search(text, max(start, cue[0] - _TAIL), cue[0]):
        return _held_in(text, before, after, cue[1])
    return None


def _agentless(text: str, before: list[Slot], after: list[Slot], reporters: list[Slot]) -> Roles | None:
    """ "The Canadian envoy was summoned to the ministry in New Delhi" (or "… to the Ministry of Foreign
    Affairs of India"), "two German tourists were arrested in Iran": the place's state, or the ministry's, acts.
    With no place after the verb, the state the envoy serves in ("Ukraine's chargé d'affaires in Russia was
    summoned", "Russia's ambassador to Italy … after being summoned") acts, else the state whose word the
    sentence reports ("the Russian Foreign Ministry issued a statement, revealing that the US ambassador was
    summoned", "Russia said the British ambassador was summoned": ``reporters``)."""
    patient = _subject(text, before) or [slot for slot in before[-1:] if _PEOPLE_AFTER.match(text, slot.end)]
    taken = _countries(patient)
    if not patient:
        return None
    places = [
        slot
        for slot in after
        if (not slot.agent or _MINISTRY_OF.search(text, 0, slot.start) or _FROM_BEFORE.search(text, 0, slot.start))
        and slot.countries
        and not slot.countries & taken
    ]  # "… were expelled from the U.S.": the state they were sent from acted
    if places:
        return _roles(places[:1], patient, "passive, acting state from the place")
    others = [slot for slot in before if slot.countries and not slot.countries & taken]
    hosts = [slot for slot in others if _ENVOY_TO.search(text, max(0, slot.start - _TAIL), slot.start)]
    if hosts:
        return _roles(hosts[:1], patient, "passive, the envoy's host")
    speakers = [slot for slot in others if slot.agent and _REPORTED.search(text, slot.end, patient[0].start)] or [
        slot for slot in reporters if slot.agent and slot.countries and not slot.countries & taken
    ]  # "Russia said the British ambassador was summoned"
    return _roles(speakers[-1:], patient, "passive, the reporting state") if speakers else None


def _held_in(text: str, before: list[Slot], after: list[Slot], cue_end: int) -> Roles | None:
    """ "a U.S. Navy sailor detained in Venezuela", "a U.S. citizen jailed in Venezuela": the place's state acts on
    the people named just before the verb."""
    place = next((slot for slot in after if _IN_BEFORE.search(text, max(cue_end, slot.start - 20), slot.start)), None)
    patient = before[-1:]
    if place is None or not patient or not place.countries or place.countries & patient[0].countries:
        return None
    return _roles([place], patient, "held in the place")


def _transfer(text: str, cue_end: int, after: list[Slot]) -> Roles | None:
    """ "Tanks have been delivered from Germany to Ukraine": what is given passes from the first to the second."""
    giver = next((slot for slot in after if _FROM_BEFORE.search(text, slot.start - 20, slot.start)), None)
    taker = next((slot for slot in after if _TO_BEFORE.search(text, slot.start - 20, slot.start)), None)
    if giver is None or taker is None or giver.countries & taker.countries or giver.start - cue_end > _TAIL:
        return None
    return _roles([giver], [taker], "passive transfer")


_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
_IN_BEFORE = re.compile(r"\bin\s+(?:the\s+)?$", re.IGNORECASE)
_TO_BEFORE = re.compile(r"\bto\s+(?:the\s+)?$", re.IGNORECASE)


def _crowd(found: list[Slot]) -> Roles | None:
    """ "In Seoul, hundreds rallied near the Japanese embassy": the place's people protest against the other state."""
    places = [
        slot
        for slot in found
        if not slot.agent and slot.mention is not None and slot.mention.form in ("capital", "name")
    ]
    targets = [slot for slot in found if slot.agent and places and not slot.countries & places[0].countries]
    if not places or not targets:
        return None
    return _roles(places[:1], targets[:1], "crowd")


def _at_embassy(text: str, found: list[Slot]) -> Roles | None:
    """ "Egyptian protesters stormed the US embassy in Cairo", "hundreds gathered outside Russia's embassy in
    London": the embassy's state is protested against; the protesters' people, or else the place's, protest."""
    targets = [slot for slot in found if _EMBASSY_AFTER.match(text, slot.end)]
    taken = _countries(targets)
    crowd = [slot for slot in found if slot.countries and not slot.countries & taken]
    if not targets or not crowd:
        return None
    people = [
        slot
        for slot in crowd
        if slot.mention is not None and slot.mention.form == "adjective" and slot.agent and slot.end <= targets[0].start
    ]  # "Jordanian youth stormed the Israeli embassy"; not "… to protest the Syrian government's siege"
    return _roles((people or crowd)[:1], targets, "protest at an embassy")


def _demonstrators(text: str, before: list[Slot]) -> Roles | None:
    """ "Thousands of Iraqi Kurds demonstrated": a country's people protest (the recipient is not said)."""
    crowd = [slot for slot in before if slot.mention is not None and slot.mention.form == "adjective"]
    if not crowd or is_place(text, crowd[-1].start):
        return None
    return _roles(crowd[-1:], [], "crowd")


def _obligation(text: str, found: list[Slot], cue_start: int, reported_from: int, before: list[Slot]) -> Roles | None:
    """ "A said B must …", and '"B must …," A said': A demands of B."""
    speakers = [slot for slot in found if slot.end <= reported_from and slot.via != "joint"] or [
        slot
        for slot in found
        if slot.start > cue_start and _QUOTE_CLOSED_BEFORE.search(text, slot.start - 8, slot.start)
    ][:1]
    if (
        not speakers
        or not before
        or before[-1].via in ("joint", "speaker")
        or before[-1].countries <= speakers[-1].countries
    ):
        return (
            None  # "the two countries should …" is a wish for both; "our people must come home", no demand of another
        )
    return _roles(speakers[-1:], before[-1:], "obligation")


def _undergone(text: str, cue_end: int, verb: str, before: list[Slot], after: list[Slot]) -> Roles | None:
    """ "Russia faces new sanctions" (no act of Russia's), "Iran faced sanctions from the EU" (the EU's)."""
    if verb.lower().startswith("risk"):
        return None  # "risks sanctions from Washington": a possibility, no act
    source = [slot for slot in after if _FROM_AFTER.match(text, cue_end, slot.start)]
    if not source and verb.lower().rstrip().endswith("under"):  # "was put under investigation in Italy": Italy's act
        source = [slot for slot in after[:1] if not slot.agent and slot.start - cue_end <= _NEAR_PLACE]
    target = _compound_ending(text, before)
    return _roles(_compound(text, after[after.index(source[0]) :]), target, "undergone") if source else None


def _hit_with(text: str, start: int, spec: CueSpec, before: list[Slot], cue_start: int) -> Roles | None:
    """ "The US hit China with new tariffs", "slapped Moscow with sanctions": the verb's subject sanctions the
    state between the verb and "with"."""
    if spec.event != "SANCTION" or len(before) < 2 or not _WITH_BEFORE_CUE.fullmatch(text, before[-1].end, cue_start):
        return None
    first = len(before) - 1  # "hit Canada and Mexico with tariffs": both are hit
    while first > 1 and _AND_GAP.fullmatch(text, before[first - 1].end, before[first].start):
        first -= 1
    if not _HIT_BEFORE.search(text, max(start, before[first].start - 16), before[first].start):
        return None
    subject = _subject(text, before[:first])
    return _roles(subject, before[first:], "hit with") if subject else None


def _enacted_by(text: str, cue_end: int, after: list[Slot]) -> Roles | None:
    """An act named by a noun and told in the passive ("a ban on Australian wine was lifted by Beijing", "visa bans
    were imposed by Britain and Canada on five Georgian officials"): the agent after "by" acts on the other party
    named after the noun."""
    if text[cue_end - 2 : cue_end] == "ed" or "by" not in text[cue_end : cue_end + _ENACTED_REACH].lower():
        return None  # a verb ("condemned the tariffs that were imposed by …") has its own subject; most cues no "by"
    for index, slot in enumerate(after):
        if slot.start - cue_end > _ENACTED_REACH:
            break  # the slots come in order: the rest are further
        if not _ENACTED_BY.search(text, cue_end, slot.start) and not _NOUN_OF_BY.match(text, cue_end, slot.start):
            continue
        if _RELATIVE.search(text, cue_end, slot.start):
            return None  # "sanctions that were imposed by the United States": told about, not the act itself
        agents = _compound(text, after[index:])
        taken = _countries(agents)
        others = [other for other in after if other not in agents and other.countries and not other.countries & taken]
        return _roles(agents, others[:1], "passive")
    return None


_ENACTED_REACH = 120  # characters from the noun to the agent
_NOUN_OF_BY = re.compile(
    r"(?:(?<=\bof)|\s+of\b)" + BY_AGENT + "$", re.IGNORECASE
)  # "the detention of its ship by the Russian authorities", "the seizure of a tanker by Iran": the agent acts
_RELATIVE = re.compile(r"\b(?:that|which|who)\b", re.IGNORECASE)
_ENACTED_BY = re.compile(
    r"\b(?:was|were|has been|have been|had been|is being|are being)\s+(?:\w+ly\s+)?(?:imposed|announced|lifted|eased|"
    r"approved|adopted|introduced|extended|renewed|slapped|levied|placed|relaxed|removed|suspended|scrapped|granted|"
    r"pledged|offered|delivered|donated|shipped|sent|flown|provided|signed)\b[^.;]{0,50}?\bby\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _statement(found: list[Slot], cue_start: int, *, denial: bool = False) -> Roles | None:
    """The speaker acts; the first other country named is spoken about (in a denial, before what is denied)."""
    speakers = [slot for slot in found if slot.end <= cue_start and slot.via != "joint" and slot.agent]
    speaker = speakers[-1:] or [slot for slot in found if slot.start >= cue_start and slot.agent][:1]
    if not speaker:
        return None
    others = [
        slot
        for slot in found
        if slot is not speaker[0]
        and not slot.countries & speaker[0].countries
        and slot.via != "joint"
        and not (denial and slot.start >= cue_start)
    ]
    return _roles(speaker, others[:1], "speaker")


def _participle(text: str, after: list[Slot], start: int, cue_start: int) -> Roles | None:
    """ "Meeting X, Y said …": X is the object, Y (after the comma) the actor."""
    if len(after) < 2 or cue_start - start > _PARTICIPLE_LEAD:
        return None
    first = after[0]
    comma = text.find(",", first.end)
    actors = [
        slot
        for slot in after[1:]
        if comma != -1 and slot.start > comma and slot.agent and not slot.countries & first.countries
    ]
    if not actors:
        return None
    return _roles(actors[:1], [first], "participle")


def _subject(text: str, before: list[Slot], cue_start: int | None = None) -> list[Slot]:
    """The party group nearest before the cue that is not the object of a preposition.

    After a word that also opens a clause ("a day after the United States stopped its aid"), a
    group right before the cue's verb is that clause's subject.
    """
    groups = [group for group in _groups(text, before) if any(slot.agent for slot in group)]  # "Hungarian and …"
    if (
        groups
        and cue_start is not None
        and _TRAILING_PARTICIPLE.match(text, cue_start)
        and text.endswith(", ", 0, cue_start)
    ):
        first = groups[0]  # "Modi travelled to Moscow for talks with Putin, drawing criticism from …": Modi drew it
        if not _PREPOSITION_BEFORE.search(text, max(0, first[0].start - 40), first[0].start):
            return _without_places(text, first)
    if groups and cue_start is not None and _OWN_SUBJECT.search(text, groups[-1][-1].end, cue_start):
        return []  # "sent condolences to Pakistan after a train derailment killed 30": the derailment killed
    if (
        groups
        and cue_start is not None
        and _CLAUSE_OPENER_BEFORE.search(text, max(0, groups[-1][0].start - 40), groups[-1][0].start)
        and _AUXILIARIES.fullmatch(text, groups[-1][-1].end, cue_start)
    ):
        return _without_places(text, groups[-1])
    if groups and cue_start is not None and _PRONOUN_CLAUSE.fullmatch(text, groups[-1][-1].end, cue_start):
        return _without_places(text, groups[-1])  # "watching North Korea after it fired": "it" is the party just named
    for group in reversed(groups):
        lead = max(0, group[0].start - 40)
        if not _PREPOSITION_BEFORE.search(text, lead, group[0].start) or _MEMBERS_FROM.search(
            text, lead, group[0].start
        ):
            return _without_places(text, group)
    return _without_places(text, groups[0]) if groups else []


_TRAILING_PARTICIPLE = re.compile(r"(?:drawing|earning|prompting|sparking|triggering|provoking)\b", re.IGNORECASE)
"""A participle after a comma whose subject is the main clause's: what the act drew, earned or prompted."""


def _without_places(text: str, group: list[Slot]) -> list[Slot]:
    """ "Before arriving in Kyiv, Modi …": the place is not part of the subject."""
    kept = [slot for slot in group if not is_place(text, slot.start) or located(text, 0, slot.start)]
    return kept or group


def _object(text: str, after: list[Slot], subject: list[Slot], event: str, code: str) -> list[Slot]:
    """The party group the act is done to: the first named after the cue, or the one its preposition marks.

    "filed complaints at the WTO against Poland": Poland; "returned artefacts looted from Benin to
    Nigeria": Nigeria.
    """
    taken = _countries(subject)
    rest = [slot for slot in after if not slot.countries <= taken and slot.via != "joint"]
    if not rest:
        return []
    marker = _TARGET_MARKER.get(event) or _TARGET_MARKER.get(code)
    marked = [slot for slot in rest if marker is not None and marker.search(text, max(0, slot.start - 16), slot.start)]
    skipped = rest[: rest.index(marked[0])] if marked else []
    passed = _ORIGIN if marker is _TO else _VENUE
    if marked and all(passed.search(text, max(0, slot.start - 24), slot.start) for slot in skipped):
        return _compound(text, rest[rest.index(marked[0]) :])  # skipping only venues ("at the WTO")
    if is_place(text, rest[0].start) and code != _VISIT:
        return []  # "met in Seoul" names where; "arrived in Seoul" names whom the visitor came to
    if event in _ABOUT_A_TOPIC and _topic(text, rest[0]):
        return []  # "sharing data on North Korean missile launches": what the data is about, not with whom
    return _compound(text, rest)


def _topic(text: str, slot: Slot) -> bool:
    """A country word on a thing after "on" or "about" ("on North Korean launches") names a topic."""
    adjective = slot.mention is not None and slot.mention.form == "adjective"
    return adjective and _ON_BEFORE.search(text, max(0, slot.start - 24), slot.start) is not None


_ABOUT_A_TOPIC = frozenset({"COOPERATE", "CONSULT"})
_ON_BEFORE = re.compile(r"\b(?:on|about|over|regarding)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+)??$", re.IGNORECASE)


_VISIT = "042"
_VENUE = re.compile(r"\b(?:at|in|before|to)\s+(?:the\s+)?$", re.IGNORECASE)
_ORIGIN = re.compile(r"\b(?:at|in|from|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?$", re.IGNORECASE)
_AGAINST = re.compile(r"\bagainst\s+(?:the\s+)?$", re.IGNORECASE)
_TO = re.compile(r"\bto\s+(?:the\s+)?$", re.IGNORECASE)
_TARGET_MARKER = {"ACCUSE": _AGAINST, "THREATEN": _AGAINST, "AID": _TO, "084": _TO}  # by event, or CAMEO code


def _compound(text: str, run: list[Slot]) -> list[Slot]:
    group = run[:1]
    for slot in run[1:]:
        if _COMPOUND_GAP.match(text[group[-1].end : slot.start]):
            group.append(slot)
        else:
            break
    return group


def _groups(text: str, slots: list[Slot]) -> list[list[Slot]]:
    """The slots in runs of one party group each ("Rwanda and Uganda", "President Prabowo and Prime Minister Anwar")."""
    groups: list[list[Slot]] = []
    for slot in slots:
        if groups and _COMPOUND_GAP.match(text[groups[-1][-1].end : slot.start]):
            groups[-1].append(slot)
        else:
            groups.append([slot])
    return groups


def _compound_ending(text: str, run: list[Slot]) -> list[Slot]:
    """The party group that ends with the last of ``run`` ("Rwanda and Uganda were accused …": both)."""
    groups = _groups(text, run)
    return groups[-1] if groups else []


def _countries(group: list[Slot]) -> frozenset[str]:
    return frozenset(country for slot in group for country in slot.countries)


def _roles(actors: list[Slot], recipients: list[Slot], how: str) -> Roles | None:
    actor = tuple(party for slot in actors for party in slot.parties)
    taken = {party.country for party in actor}
    recipient = tuple(party for slot in recipients for party in slot.parties if party.country not in taken)
    if not actor:
        return None
    return Roles(actor, recipient, how)
