"""Modality of an act from the words around its cue: "will sign" is not "signed"."""

from __future__ import annotations

import re

from bilateral.code.cues import is_intent
from bilateral.code.lexicon import CueSpec
from bilateral.records import Modality

_BEFORE = 60  # characters before the cue that can change its modality

_NEGATED = re.compile(
    r"(?:\b(?:not|never|no longer|neither|nor|failed to|refused to|declined to|without|rather than|instead of|yet to|"
    r"stopped short of|stops short of|stop short of)"
    r"|n['\u2019]t)\s+(?:\w+\s+){0,2}$"  # "wasn't", "didn\u2019t": a contraction ends its word
    r"|\b(?:held|hold|holds|had|has|have|made|signed|reached)\s+no\s+(?:\w+\s+)?$",  # "held no bilateral meeting"
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:could|might|may|should|if|unless|threatened to|likely to|unlikely to|"
    r"consider(?:s|ed|ing)?|weigh(?:s|ed|ing)?(?!\s+in\b)|mull(?:s|ed|ing)?|contemplat(?:es|ed|ing))\s+(?:\w+\s+){0,2}$"
    r"|\bwhether\b[^,;.]{0,40}$",
    re.IGNORECASE,
)
_WOULD = re.compile(r"\bwould\s+(?:[\w%-]+\s+){0,4}$", re.IGNORECASE)
_WILL_IN_CLAUSE = re.compile(
    r"\b(?:will|is due to|are due to|is to|are to|is scheduled to|plans to)\b[^,;.]{0,60}$", re.IGNORECASE
)
_HEADLINE_FUTURE = re.compile(r"^\s*(?:[A-Z][\w.'’-]*,?\s+(?:and\s+)?){1,4}to\s+(?:[a-z]+\s+){0,2}$")  # "Modi to visit"
_FUTURE = re.compile(
    r"\b(?:will|would|shall|'ll|is to|are to|going to|plans? to|planning to|planned to|intends? to|expected to|set to|"
    r"aims? to|hopes? to|scheduled to|due to|ready to|agreed to|pledged to|promised to|vowed to|next|"
    r"(?:is|are|was|were)\s+(?:also\s+|still\s+)?(?:due|set|expected|scheduled))"
    r"\s+(?:\w+\s+){0,4}$",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"\b(?:according to|reportedly|reports? said|was reported|were reported|state media|sources? said|"
    r"local media|news agency reported|unconfirmed)\b",
    re.IGNORECASE,
)
# Substrings every negating, conditional or future pattern above contains.
_HINTS = ("not", " no ", "never", "rather", "instead", "n't", "n\u2019t", "neither", "nor", "failed", "refused",
          "declined", "without", "short of", "could", "might", "may", "should", "if", "unless", "whether", "threat",
          "consider", "weigh", "mull", "contemplat",
          "would", "will", "shall", "'ll", " to ", "going", "plan", "intend", "expected", "set ", "aim", "hope",
          "scheduled", "due", "ready", "agreed", "pledged", "promised", "vowed", "next")  # fmt: skip
_ANY_AFTER = re.compile(r"(?:\S+\s+){1,2}any\b", re.IGNORECASE)  # the cue, then "any": every case to come


_NO_AFTER = re.compile(r"\s+no\s+(?!later|sooner|longer|more|less|fewer|doubt)\w", re.IGNORECASE)  # "signed no deal"


def modality(sentence: str, cue_start: int, cue_end: int, *, intent: bool = False) -> Modality:
    """Modality of the act whose cue spans ``sentence[cue_start:cue_end]``; ``intent`` for cues of intention."""
    if _NO_AFTER.match(sentence, cue_end):
        return Modality.NEGATED
    before = sentence[max(0, cue_start - _BEFORE) : cue_start]
    lowered = before.lower()
    if not any(hint in lowered for hint in _HINTS):  # most acts are told plainly
        return Modality.FUTURE if intent else Modality.REPORTED if _REPORTED.search(sentence) else Modality.ASSERTED
    if _NEGATED.search(before):
        return Modality.NEGATED
    if _HYPOTHETICAL.search(before) or (_WOULD.search(before) and _CONDITION.search(sentence)):
        return Modality.HYPOTHETICAL
    if _FUTURE.search(before) or _WILL_IN_CLAUSE.search(before) or _HEADLINE_FUTURE.match(before) or intent:
        return Modality.FUTURE
    if _REPORTED.search(sentence):
        return Modality.REPORTED
    return Modality.ASSERTED


_PROMISABLE = {"CONSULT": "036", "SUPPORT": "030", "COOPERATE": "030", "AID": "033"}
_THREATENABLE = frozenset({"SANCTION", "COERCE", "ASSAULT"})
_CONDITION = re.compile(r"\b(?:if|unless)\b", re.IGNORECASE)


def act_mood(sentence: str, spec: CueSpec, start: int, end: int) -> Modality:
    """The act's modality; a cue that carries its own modal ("will supply arms") is future, or conditional."""
    mood = modality(sentence, start, end, intent=is_intent(spec))
    if spec.event == "THREATEN" and mood is Modality.FUTURE:
        return Modality.ASSERTED  # "vowed to retaliate", "warned it would": the threat is made now (eval/dev/GUIDE.md)
    if mood is Modality.ASSERTED and spec.event in _PROMISABLE and spec.phrase.startswith(("will ", "would ")):
        conditional = spec.phrase.startswith("would") and _CONDITION.search(sentence)
        return Modality.HYPOTHETICAL if conditional else Modality.FUTURE
    return mood


def _refused(sentence: str, spec: CueSpec, start: int, event_type: str) -> bool:
    """Whether a negated act is a refusal: "will not sign", "wouldn't lift the ban", "was not ready to sign"
    (eval/dev/GUIDE.md); ``start`` is where the cue starts in ``sentence``."""
    if event_type not in _REFUSABLE:
        return False
    before = sentence[max(0, start - _BEFORE) : start]
    return bool(_WILL_NOT.search(before) or (is_intent(spec) and _IS_NOT.search(before)))


_REFUSABLE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
_WILL_NOT = re.compile(
    r"(?:\b(?:will|would|shall)\s+not|\b(?:won|wouldn|shan)['\u2019]t)\s+(?:\w+ly\s+)?"
    r"(?:(?:lift|ease|remove|lower|scrap|waive)\s+(?:the\s+|its\s+)?)?$",  # "would not lift tariffs"
    re.IGNORECASE,
)
_IS_NOT = re.compile(
    r"(?:\b(?:is|are|was|were|am)\s+not|\b(?:isn|aren|wasn|weren)['\u2019]t)\s+(?:yet\s+)?$", re.IGNORECASE
)


def by_mood(
    event_type: str, code: str, mood: Modality, sentence: str, *, spec: CueSpec, start: int
) -> tuple[str, str, Modality]:
    """A cooperative act still to come is a promise (AGREE); a hostile one made conditional a THREATEN; a
    cooperative one that a state will not do a refusal (REJECT, asserted). ``start``: the cue's, in ``sentence``."""
    if mood is Modality.NEGATED and _refused(sentence, spec, start, event_type):
        return "REJECT", "120", Modality.ASSERTED
    if mood in (Modality.FUTURE, Modality.HYPOTHETICAL) and event_type in _PROMISABLE:
        return "AGREE", _PROMISABLE[event_type], mood
    if mood is Modality.HYPOTHETICAL and event_type in _THREATENABLE and _CONDITION.search(sentence):
        return "THREATEN", _threat(code), mood  # "could impose sanctions if …" warns (eval/dev/GUIDE.md)
    if mood is Modality.FUTURE and event_type in _THREATENABLE and _ANY_AFTER.match(sentence, start):
        return "THREATEN", _threat(code), Modality.ASSERTED  # "will shoot down any drone that …": a warning now
    return event_type, code, mood


def _threat(code: str) -> str:
    """The CAMEO threat of a conditional hostile act: of relations cut, of sanctions, of force."""
    if code in ("160", "161", "164", "166"):
        return "1313"
    if code.startswith("16"):
        return "1312"
    if code.startswith("17"):
        return "132"
    return "138"
