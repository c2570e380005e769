"""Registry entries from events: each agreement a sentence reports joins or starts one entry; projects get milestones.

An agreement is one entry per subject and set of countries, so "an MoU between
KEPCO and the Turkish Nuclear Energy Corporation", "a nuclear cooperation
memorandum" and "three deals including nuclear cooperation" meet. Two signings
of the same subject more than :data:`RESIGNED` apart are two agreements: an
entry keeps its first and last day of signing, and a signing joins it only near
both, so that reports arriving latest first do not chain three signings months
apart into one.

A signing whose sentence names no subject ("the two signed 22 pacts") joins the
entry of its countries that its own article tells signed near it, when the article
tells one (the batch links named agreements first, and an article is always linked
in one batch); where the article tells several, which one it means is not told, and
it joins none; otherwise it is an agreement of subject ``unspecified``, matched as
named ones are. It never joins an entry only another article names.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import timedelta

from bilateral.records import Event, EventDate
from bilateral.registry.agreements import UNSPECIFIED, AgreementMention, read_agreements
from bilateral.registry.projects import read_projects
from bilateral.store.links import Linking, Signed

RESIGNED = timedelta(days=90)


def _countries(event: Event) -> str:
    return " ".join(sorted({party.country for party in (*event.actor, *event.recipient) if party.country}))


def link_registry(placed: Iterable[tuple[Event, EventDate]], linking: Linking) -> None:
    """Attach each event (dated as story matching placed it) to the agreements and projects it reports; the
    signings with no subject last, once the agreements their articles name have their entries.

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
            else:
                _link(event, when, countries, mention, linking)
    for event, when, countries, mention in unnamed:
        signed = {
            key
            for key, topic, stage, days in linking.agreements_reported_in(event.evidence.article_id, countries)
            if topic != UNSPECIFIED.label and stage == "signed" and not _apart(days, when)
        }
        if not signed:
            _link(event, when, countries, mention, linking)
        elif len(signed) == 1:
            _attach(signed.pop(), event, when, mention, linking)


def _apart(signed: Signed, when: EventDate) -> bool:
    """Whether a signing told on ``when`` is another signing than an entry's, which was ``signed``: more than
    :data:`RESIGNED` from its first or its last day, so that no entry's signings span more than that, whatever
    order their reports arrive in."""
    day = when.day
    return day is not None and any(known and abs(known - day) > RESIGNED for known in signed)


def _link(event: Event, when: EventDate, countries: str, mention: AgreementMention, linking: Linking) -> None:
    """``event`` as a stage of the first entry of its subject and countries it may report, or of a new one."""
    entry = None
    for key, signed in linking.agreement_candidates(countries, mention.topic.label):
        if not (mention.stage == "signed" and _apart(signed, when)):
            entry = key
            break
    if entry is None:
        entry = hashlib.blake2b(f"{event.id}|{mention.topic.label}".encode(), digest_size=8).hexdigest()
        linking.add_agreement(entry, countries, mention.topic.label, mention.topic.context)
    _attach(entry, event, when, mention, linking)


def _attach(entry: str, event: Event, when: EventDate, mention: AgreementMention, linking: Linking) -> None:
    linking.attach_agreement(
        entry, event, stage=mention.stage, kind=mention.kind, phrase=mention.phrase, value=mention.value,
        when=when.day,
    )  # fmt: skip
