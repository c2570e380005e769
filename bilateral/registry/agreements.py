"""Agreements read from event sentences: kind, subject, stage, value, parties and signatories.

A sentence such as "the two ministers signed revised double taxation and science
and technology agreements" names two agreements; "three deals including nuclear
cooperation" names one, about nuclear energy. An agreement is known by its
subject (``data/topics.tsv``) and its countries; reports of one agreement by
several outlets, and its later stages (ratified, in force, suspended), land on
one registry entry (see :func:`bilateral.registry.entries.link_registry`).
An agreement noun with no recognisable subject ("signed 22 pacts", "a landmark
treaty was signed") is kept only as a signing stated as done, with the subject
:data:`UNSPECIFIED`; talk of one, a plan or a hope, is left out rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bilateral.actors.fold import fold
from bilateral.phrases import PhraseMatcher
from bilateral.records import ActorKind, Event, Modality, Party
from bilateral.tables import package_rows

KINDS = {
    "memorandum of understanding": "MoU",
    "memoranda of understanding": "MoU",
    "memorandum": "MoU",
    "memoranda": "MoU",
    "mou": "MoU",
    "mous": "MoU",
    "letter of intent": "letter of intent",
    "letters of intent": "letter of intent",
    "joint declaration": "joint declaration",
    "joint statement": "joint declaration",
    "joint statements": "joint declaration",
    "declaration": "joint declaration",
    "treaty": "treaty",
    "treaties": "treaty",
    "protocol": "protocol",
    "protocols": "protocol",
    "contract": "contract",
    "contracts": "contract",
    "agreement": "agreement",
    "agreements": "agreement",
    "accord": "agreement",
    "accords": "agreement",
    "deal": "agreement",
    "deals": "agreement",
    "pact": "agreement",
    "pacts": "agreement",
    "document": "approval",
    "documents": "approval",
}
SPECIFIC = ("MoU", "letter of intent", "treaty", "protocol", "contract", "approval", "joint declaration", "agreement")
"""Kinds from most to least specific: an entry takes the most specific kind any report gives it."""

_STAGE_WORDS = (
    (
        "suspended",
        r"suspend\w*|froze|frozen|freez\w+|withdr[ae]w\w* from|pull\w* out of|terminat\w+|scrap\w*|annul\w*|cancel\w*",
    ),
    ("ratified", r"ratif\w+"),
    ("in force", r"(?:entered|enter|enters|came|come|comes) into (?:force|effect)|took effect|takes effect|in force"),
    ("delivered", r"deliver\w*|handed over|implement\w*"),
    ("signed", r"sign\w*|ink\w*|seal\w*|conclud\w*|initial\w*|clinch\w*"),
    ("negotiated", r"negotiat\w*|talks on|draft\w*"),
)
_STAGE = [(stage, re.compile(rf"\b(?:{words})\b")) for stage, words in _STAGE_WORDS]
_SUSPENDING = re.compile(rf"\b(?:{_STAGE_WORDS[0][1]})\b[^;.,]*$")
"""A suspension whose clause runs on to a later stage word ("suspends its participation in the implementation of")."""
_SUSPENDED_CHARS = 60
_OF_THE = re.compile(r"\s+of\s+(?:the|this|that|their|its)\s+")
"""A stage named as a noun of the agreement ("the implementation of the agreement"), which a suspension before it
governs; a stage verb ("signed the agreement") is an act of its own."""
_FAILED = re.compile(r"\b(?:fail\w*|refus\w*|declin\w*)\s+to\s+$")
"""A signing that did not happen: "failed to sign" leaves the agreement under negotiation."""
_REVISED = re.compile(r"\b(?:revis(?:ed|ing)|amend(?:ed|ing)|updat(?:ed|ing))\b")
"""A revision of the agreement itself, told just before its noun: "signed revised … agreements", "a protocol
updating their agreement"; a revision elsewhere in the sentence is not this agreement's."""

_MONEY = re.compile(
    r"(?:(?:US)?\$|€|£|¥|₩)\s?\d[\d,.]*(?:\s?(?:trillion|billion|million|bn|mn|m)\b)?"
    r"|\b\d[\d,.]*\s?(?:trillion|billion|million)\s(?:US\s)?(?:dollars|euros|pounds|won|yen|yuan|lira|rupees)\b"
)
_LEFT_STOP = re.compile(
    r"\b(?:a|an|the|two|three|four|five|several|six|seven|eight|nine|ten|\d+|signed|sign|inked|sealed|agreed|"
    r"discussed|said|reached|approved|ratified|including|with|to|has|have|had|was|were|is|are|new)\b"
)
_RIGHT_STOP = re.compile(
    r"[,;:.!?\"“”()]|\b(?:which|that|who|during|after|before|while|when|as|but|and (?:also|discussed|agreed|said|"
    r"signed|held|met|called|urged|will|would))\b"
)
_COMPLEMENT = re.compile(
    r"\s*(?:\w+(?:ed|ing)\s+(?:earlier\s+|last\s+\w+\s+|on\s+\w+day\s+)?)?"
    r"(?:of|on|for|in|between|with|covering|including|regarding|concerning|about|to|among)\b"
    r"|\s*[\"“]?(?:approving|authori[sz]ing|permitting|allowing)\b"
)
"""What may follow an agreement noun and still describe it: 'on nuclear energy', 'signed earlier between …',
'approving the sale of …'."""
_APPROVING = re.compile(
    r"\s*[\"“]?(?:approving|authori[sz]ing|permitting|allowing)\s+(?:the\s+)?(?:sale|export|purchase|transfer)"
)
"""A document counts as an agreement only when it approves a sale or transfer: "signed a document approving …"."""
_MEDIUM = re.compile(r"\b(?:in|through|via)\s+(?:a|an|the|their|its|his|her)\s+(?:[\w-]+\s+){0,2}$")
"""Just before a joint statement or declaration: it is how something was said ("in a joint statement")."""
_UNANNOUNCING = frozenset(
    {"REQUEST", "ACCUSE", "REJECT", "PROTEST", "THREATEN", "COERCE", "ASSAULT", "MOBILIZE", "SANCTION"}
)
"""Acts that announce no agreement: one they name with no stage told is one that exists ("demanded an end to the
peace treaty", "accused Iran of breaching the deal")."""
_QUOTES = re.compile(r"[\"“”]")
_SIGN_VERB = re.compile(r"\b(?:signed|signs|inked|sealed|initiall?ed)\b")
_WORDS = r"(?:(?!\b(?:as|while|when|after|before|during|said|says|told|held|met|which|who|that)\b)[^,;])"
"""Characters of one phrase: no clause begins inside it ("… as Lee held talks with …")."""
_SUBJECT_GAP = re.compile(
    rf"\s*(?:,{_WORDS}{{1,120}},\s*)?(?:and\s+{_WORDS}{{1,60}}?\s+)?(?:(?:also|jointly|formally|later|earlier|then|have|has|had)\s+)*"
)
"""Between a signer and the verb: an apposition (", the South Korean minister …,"), a second signer, an adverb."""
_AGENT_GAP = re.compile(
    rf"\s+(?:by|(?:{_WORDS}{{1,80}}?\s+)?with)\s+(?:{_WORDS}{{1,80}}?\s+and\s+)?(?:(?:the|his|her|its|[\w'.]+)\s+){{0,4}}?"
)
"""Between the verb and a signer after it: "signed by …", "signed a memorandum with his counterpart …"."""
_GAP = (
    r"(?:(?!(?:on|in|at|after|before|without|with|by|for|to|that|which|when|while|as|but|and|or|no|not|any|its)\b)"
    r"[\w$€£'.,-]+\s+){0,4}"
)
"""Up to four words between a signing verb and the noun it governs ("signed 22 pacts", "inked a $2 billion deal"),
none of which starts another phrase ("sealed its border … after the agreement")."""
_SIGNED_BEFORE = re.compile(
    rf"\b(?:(?:signed|inked|sealed|concluded|clinched)"
    rf"|(?:oversaw|witnessed|attended|presided over) the signing of)"
    rf"\s+{_GAP}$"
)
_SIGNED_CHARS = 90
"""How far before the noun its signing verb is looked for (the verb and four words fit)."""
_SIGNED_AFTER = re.compile(
    r"(?:\s+between\s+[\w .'-]{1,60}?)?\s+(?:was|were|has been|have been|is|are)\s+(?:signed|inked|sealed|concluded)\b"
)
"""A signing told as done, for an agreement with no subject: the verb governs the noun ("signed 22 pacts", "a
landmark treaty has been signed", "a treaty between them was signed", "witnessed the signing of 15 agreements");
not "hoped to conclude", "will attend the signing", "talks concluded without an agreement"."""
_NOT_DONE = re.compile(
    r"\b(?:no|without|any|never)\s+(?:\w+\s+){0,2}$|\b(?:den(?:y|ies|ied|ial)|rumou?rs?)\b"
    r"|\b(?:reports?|claims?)\s+(?:\w+\s+){0,3}that\b"
)
"""Before the noun: no signing ("no agreement was signed", "without a deal"), or one denied or only reported."""
_HISTORY = re.compile(
    r"\W*(?:\w+\s+){0,3}?(?:(?:in|since)\s+(?:19|20)\d\d\b|last\s+(?:year|decade)\b|(?:\w+\s+)?"
    r"(?:years?|months?|decades?)\s+ago\b|before\b)"
)
"""Just after the noun: a signing of an earlier time ("an agreement in 2010", "three years ago", "before the war"),
background, not news."""
_LEFT_CHARS = 90
_RIGHT_CHARS = 140


@dataclass(frozen=True, slots=True)
class Topic:
    label: str
    context: str


UNSPECIFIED = Topic("unspecified", "diplomatic")
"""The subject of a signed agreement whose sentence names none: it is a report of the one agreement its article
tells signed, or an agreement of its own (see :func:`bilateral.registry.entries.link_registry`)."""


@dataclass(frozen=True, slots=True)
class AgreementMention:
    """One agreement as one sentence reports it."""

    topic: Topic
    kind: str
    stage: str
    phrase: str
    start: int
    end: int
    value: str | None


@cache
def _topics() -> PhraseMatcher[Topic]:
    return PhraseMatcher(
        (phrase, Topic(row["topic"], row["context"]))
        for row in package_rows("bilateral.registry", "topics.tsv")
        for phrase in row["phrases"].split("|")
    )


@cache
def _kinds() -> PhraseMatcher[str]:
    return PhraseMatcher(KINDS.items())


def _stage(folded: str, noun_start: int, modality: Modality) -> str:
    """The stage the sentence reports: the stage verb nearest the agreement noun, else 'announced'; a suspension
    told before that word suspends what it names ("suspends its participation in the implementation of the
    agreement" is suspended, not delivered)."""
    best: tuple[int, str, re.Match[str]] | None = None
    for stage, pattern in _STAGE:
        for match in pattern.finditer(folded):
            distance = abs(match.start() - noun_start)
            if best is None or distance < best[0]:
                failed = _FAILED.search(folded, max(0, match.start() - 20), match.start())
                best = (distance, "negotiated" if failed and stage == "signed" else stage, match)
    if best is None or (modality in (Modality.FUTURE, Modality.HYPOTHETICAL) and best[1] != "negotiated"):
        return "announced"
    _, stage, word = best
    governed = word.end() < noun_start and _OF_THE.match(folded, word.end())  # "the implementation of the agreement"
    if (
        stage != "suspended"
        and governed
        and _SUSPENDING.search(folded, max(0, word.start() - _SUSPENDED_CHARS), word.start())
    ):
        return "suspended"
    return stage


def _signed_itself(folded: str, start: int, end: int) -> bool:
    """Whether the sentence tells the signing of the agreement noun at ``start:end`` as done (see
    :data:`_SIGNED_BEFORE`, :data:`_SIGNED_AFTER`)."""
    told = (
        _SIGNED_BEFORE.search(folded, max(0, start - _SIGNED_CHARS), start) is not None
        or _SIGNED_AFTER.match(folded, end) is not None
    )
    return told and not _NOT_DONE.search(folded, 0, start) and not _HISTORY.match(folded, end, end + 40)


def _phrase_bounds(folded: str, start: int, end: int, limit: int) -> tuple[int, int]:
    """The words describing the agreement noun at ``start:end``, not reaching the next noun at ``limit``."""
    left = max(0, start - _LEFT_CHARS)
    stops = list(_LEFT_STOP.finditer(folded, left, start))
    punctuation = max(folded.rfind(mark, left, start) for mark in ',;:."“”(')
    first = max([stop.end() for stop in stops] + [punctuation + 1, left])
    complement = _COMPLEMENT.match(folded, end)
    if not complement:
        return first, end
    right = min(limit, end + _RIGHT_CHARS)
    stop = _RIGHT_STOP.search(folded, complement.end(), right)
    return first, stop.start() if stop else right


def read_agreements(event: Event) -> list[AgreementMention]:
    """The agreements an event's sentence reports, one per subject; none for negated events."""
    if event.modality is Modality.NEGATED or event.evidence.cue.endswith(" from"):
        return []  # "signed a deal with Nauru, drawing criticism from China": China signed nothing
    quote = event.evidence.quote
    folded = fold(quote)
    found: dict[str, AgreementMention] = {}
    nouns = _kinds().find(folded)
    for index, noun in enumerate(nouns):
        if folded.endswith("in ", 0, noun.start):  # "we are in agreement": a view, not a document
            continue
        if noun.value == "joint declaration" and _MEDIUM.search(folded, 0, noun.start):
            continue  # "condemned the test in a joint statement": how the news was given, not an agreement
        if noun.value == "approval" and not _APPROVING.match(folded, noun.end):
            continue  # "the document said": a text, not an agreement
        limit = nouns[index + 1].start if index + 1 < len(nouns) else len(folded)
        first, last = _phrase_bounds(folded, noun.start, noun.end, limit)
        topics = [match.value for match in _topics().find(folded, first, last)]
        stage = _stage(folded, noun.start, event.modality)
        if stage == "announced" and event.event in _UNANNOUNCING:
            continue  # "called for ending the peace treaty": an agreement there already, not one announced
        if not topics:
            if (
                stage != "signed"
                or event.modality is not Modality.ASSERTED
                or not _signed_itself(folded, noun.start, noun.end)
            ):
                continue
            topics = [UNSPECIFIED]
        if (
            stage in ("announced", "signed")
            and event.modality is Modality.ASSERTED
            and _REVISED.search(folded, first, noun.start)
        ):
            stage = "revised"
        money = _MONEY.search(quote)
        for topic in topics:
            mention = AgreementMention(
                topic,
                noun.value,
                stage,
                _QUOTES.sub("", quote[first:last]).strip(),
                first,
                last,
                money[0] if money else None,
            )
            previous = found.get(topic.label)
            if previous is None or SPECIFIC.index(mention.kind) < SPECIFIC.index(previous.kind):
                found[topic.label] = mention
    if len(found) > 1:
        found.pop(UNSPECIFIED.label, None)  # "five deals including one on nuclear energy": the named one
    return list(found.values())


def subjects(event: Event) -> frozenset[str]:
    """The subjects of the agreements an event's sentence reports: two acts of one kind on one day about
    different agreements are two events."""
    return frozenset(mention.topic.label for mention in read_agreements(event) if mention.topic != UNSPECIFIED)


def signatories(event: Event) -> list[Party]:
    """The people an event's sentence says signed: the subject of a signing verb ("Kang, the minister, signed",
    "the two diplomats signed"), its agent ("was signed by …") or whom it was signed with; not the speaker
    who reports it ("he said Kang signed …"), nor leaders who "witnessed the signing"."""
    folded = fold(event.evidence.quote)
    verbs = [(verb.start(), verb.end()) for verb in _SIGN_VERB.finditer(folded)]
    found = []
    for party in (*event.actor, *event.recipient):
        named = re.search(rf"\b{re.escape(fold(party.text))}\b", folded) if party.name else None
        if party.kind is not ActorKind.PERSON or named is None:
            continue
        if any(
            _SUBJECT_GAP.fullmatch(folded, named.end(), start)
            if named.end() <= start
            else _AGENT_GAP.fullmatch(folded, end, named.start())
            for start, end in verbs
        ):
            found.append(party)
    return found
