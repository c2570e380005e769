"""An international organisation's name as a party, as a post or a text ("the former UN chief", "Iran's mission to
the United Nations", "Security Council resolutions"), or as a title before the person who speaks for it ("NATO
chief Mark Rutte")."""

from __future__ import annotations

import re

from bilateral.code.slots import Slot
from bilateral.records import ActorKind, Mention

_FORMER_HEAD = re.compile(r"\s+(?:chief|head|boss|secretary[- ]general)\b", re.IGNORECASE)
_FORMER_BEFORE = re.compile(r"\b(?:former|ex-|one-time|then)\s*(?:the\s+)?$", re.IGNORECASE)
_RESOLUTION_AFTER = re.compile(r"\s+(?:Security Council\s+)?(?:resolutions?|charter)\b", re.IGNORECASE)
_POST_BEFORE = re.compile(
    r"\b(?:mission|ambassador|envoy|representative|delegation|delegate|permanent representative)\s+to\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_IGO_TITLE_GAP = re.compile(
    r"^(?:'s|’s)?\s+(?:deputy\s+|acting\s+)?(?:secretary[- ]general|secretary|director[- ]general|chief|head|"
    r"president|high representative|envoy|spokes(?:man|woman|person)|commissioner|chair(?:man|woman)?)\s+$",
    re.IGNORECASE,
)


def title_between(text: str, end: int, start: int) -> bool:
    """Whether ``text[end:start]`` is an organisation's title before a person's name ("'s Secretary-General")."""
    return bool(_IGO_TITLE_GAP.match(text[end:start]))


def not_the_body(text: str, start: int, mention: Mention) -> bool:
    """An IGO named as a post or a text, not as a party: "the former UN chief", "Iran's mission to the
    United Nations", "U.N. Security Council resolutions"."""
    former = _FORMER_BEFORE.search(text, max(start, mention.start - 20), mention.start)
    if (former and _FORMER_HEAD.match(text, mention.end)) or _RESOLUTION_AFTER.match(text, mention.end):
        return True  # "the former UN chief" is a person; "the UN chief urged" speaks for the UN
    post = _POST_BEFORE.search(text, max(start, mention.start - 40), mention.start)
    return post is not None and post.end() == mention.start


def igo_title(text: str, previous: Slot, mention: Mention) -> bool:
    """An IGO's title before a person: "UN Secretary-General António Guterres", "NATO chief Mark Rutte"."""
    return (
        previous.parties[0].kind is ActorKind.IGO
        and mention.kind is ActorKind.PERSON
        and title_between(text, previous.end, mention.start)
    )
