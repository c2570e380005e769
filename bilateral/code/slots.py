"""A slot: a stretch of a sentence that names one party, or both of a joint pair; and what the roles of one sentence
may draw on beyond it (see :mod:`bilateral.code.roles`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bilateral.code.location import Where
from bilateral.records import Mention, Party


@dataclass(frozen=True, slots=True)
class Slot:
    """A stretch of the sentence naming one party, or both of a joint pair."""

    start: int
    end: int
    parties: tuple[Party, ...]
    via: str = "name"
    mention: Mention | None = None
    agent: bool = True  # False: a place ("in Seoul") or a country word on a thing ("Japanese flag")
    countries: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "countries", frozenset(party.country for party in self.parties if party.country))


@dataclass(frozen=True, slots=True)
class Context:
    """What the roles of one sentence may draw on beyond the sentence itself."""

    earlier_people: tuple[Mention, ...]  # people named before this sentence, latest last
    speakers: tuple[Mention, ...]  # people who spoke or led a sentence before this one, latest last
    dyad: tuple[str, str] | None  # the article's two main countries
    location: Where | None  # where the article is datelined
    group: tuple[Mention, ...] = ()  # an organisation, or states listed, that led a recent sentence: whom "they" means
    listed: tuple[Mention, ...] = ()  # the latest list of three or more states: whom "the three countries" means
    body: tuple[Mention, ...] = ()  # the international organisation named last: whom "the world body" means
    states: tuple[Mention, ...] = ()  # the mentions of states before this sentence, latest last
    leader: Mention | None = None  # the state that led the latest sentence led by one: whom "the government" means


def party_of(mention: Mention) -> Party:
    """The party a mention names."""
    return Party(mention.text, mention.name, mention.country, mention.kind, mention.sector, mention.office)
