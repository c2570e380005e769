"""Registry entries from events: each agreement a sentence reports joins or starts one entry; projects get milestones.

An agreement is one entry per subject and set of countries, so "an MoU between
KEPCO and the Turkish Nuclear Energy Corporation", "a nuclear cooperation
memorandum" and "three deals including nuclear cooperation" meet. Two signings
of the same subject more than :data:`RESIGNED` apart are two agreements.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from bilateral.records import Event, EventDate
from bilateral.registry.agreements import read_agreements
from bilateral.registry.projects import read_projects
from bilateral.store.links import Linking

RESIGNED = timedelta(days=90)


def _countries(event: Event) -> str:
    return " ".join(sorted({party.country for party in (*event.actor, *event.recipient) if party.country}))


def link_registry(event: Event, when: EventDate, linking: Linking) -> None:
    """Attach ``event`` (dated ``when`` after story matching) to the agreements and projects it reports.

    Only a known day (stated, or placed by a dated story) dates an entry's signature: a
    signing dated by an office-holder window neither sets it nor clashes with it.
    """
    for project in read_projects(event):
        linking.attach_project(project.name, event)
    if event.background:
        return
    countries = _countries(event)
    if " " not in countries:
        return
    for mention in read_agreements(event):
        entry = None
        for key, signed in linking.agreement_candidates(countries, mention.topic.label):
            clash = mention.stage == "signed" and signed and when.day and abs(signed - when.day) > RESIGNED
            if not clash:
                entry = key
                break
        if entry is None:
            entry = hashlib.blake2b(f"{event.id}|{mention.topic.label}".encode(), digest_size=8).hexdigest()
            linking.add_agreement(entry, countries, mention.topic.label, mention.topic.context)
        linking.attach_agreement(
            entry, event, stage=mention.stage, kind=mention.kind, phrase=mention.phrase, value=mention.value,
            when=when.day,
        )  # fmt: skip
