"""Registry entries from events: each agreement a sentence reports joins or starts one entry; projects get milestones.

An agreement is one entry per subject and set of countries, so "an MoU between
KEPCO and the Turkish Nuclear Energy Corporation", "a nuclear cooperation
memorandum" and "three deals including nuclear cooperation" meet. Two signings
of the same subject more than :data:`RESIGNED` apart are two agreements.

A signing whose sentence names no subject ("the two signed 22 pacts") joins the
one entry of its countries signed near it, after the batch's named agreements
are in; where there is none it starts an entry of subject ``unspecified``, which
the first report naming a subject later gives its subject; where there are
several, which one is meant is not told, and it joins none.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, timedelta

from bilateral.records import Event, EventDate
from bilateral.registry.agreements import UNSPECIFIED, AgreementMention, read_agreements
from bilateral.registry.projects import read_projects
from bilateral.store.links import Linking

RESIGNED = timedelta(days=90)


def _countries(event: Event) -> str:
    return " ".join(sorted({party.country for party in (*event.actor, *event.recipient) if party.country}))


def link_registry(placed: Iterable[tuple[Event, EventDate]], linking: Linking) -> None:
    """Attach each event (dated as story matching placed it) to the agreements and projects it reports; the
    signings with no subject last, once the agreements the others name have their entries.

    Only a known day (stated, or placed by a dated story) dates an entry's signature: a
    signing dated by an office-holder window neither sets it nor clashes with it.
    """
    unnamed = []
    for event, when in placed:
        for project in read_projects(event):
            linking.attach_project(project.name, event)
        if event.background:
            continue
        countries = _countries(event)
        if " " not in countries:
            continue
        for mention in read_agreements(event):
            if mention.topic == UNSPECIFIED:
                unnamed.append((event, when, countries, mention))
                continue
            entry = next(iter(_near(linking.agreement_candidates(countries, mention.topic.label), mention, when)), None)
            if entry is None:
                adopted = _near(linking.agreement_candidates(countries, UNSPECIFIED.label), mention, when)
                if len(adopted) == 1:
                    entry = adopted[0]
                    linking.name_agreement(entry, mention.topic.label, mention.topic.context)
            _attach(entry, event, when, countries, mention, linking)
    for event, when, countries, mention in unnamed:
        near = _near(linking.agreement_candidates(countries), mention, when)
        if len(near) <= 1:
            _attach(next(iter(near), None), event, when, countries, mention, linking)


def _near(candidates: list[tuple[str, date | None]], mention: AgreementMention, when: EventDate) -> list[str]:
    """The entries a mention may be a report of: not signed more than :data:`RESIGNED` away from its signing."""
    return [
        key
        for key, signed in candidates
        if not (mention.stage == "signed" and signed and when.day and abs(signed - when.day) > RESIGNED)
    ]


def _attach(
    entry: str | None, event: Event, when: EventDate, countries: str, mention: AgreementMention, linking: Linking
) -> None:
    """``event`` as a stage of ``entry``, or of a new entry of the mention's subject where there is none."""
    if entry is None:
        entry = hashlib.blake2b(f"{event.id}|{mention.topic.label}".encode(), digest_size=8).hexdigest()
        linking.add_agreement(entry, countries, mention.topic.label, mention.topic.context)
    linking.attach_agreement(
        entry, event, stage=mention.stage, kind=mention.kind, phrase=mention.phrase, value=mention.value,
        when=when.day,
    )  # fmt: skip
