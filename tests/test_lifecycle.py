"""An agreement's kept summary gives the entry that reading every report in order gives, whatever order reports are
added in, and when reports are re-dated."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bilateral.records import (
    STAGES,
    ActorKind,
    Event,
    EventDate,
    Evidence,
    Field,
    Modality,
    Party,
    Precision,
)  # fmt: skip
from bilateral.registry.agreements import SPECIFIC
from bilateral.registry.lifecycle import AgreementReport, Summary
from tests.conftest import plain_entry

COUNTRIES = ("KOR", "TUR")
_ORGANISATIONS = [Party("KEPCO", "KEPCO", "KOR", ActorKind.ORGANISATION),
                  Party("the IAEA", "IAEA", None, ActorKind.IGO),
                  Party("Rosatom", "Rosatom", "RUS", ActorKind.ORGANISATION)]  # fmt: skip
_PEOPLE = [Party("Kang Min", "Kang Min", "KOR", ActorKind.PERSON, office="minister"),
           Party("Ayla Demir", "Ayla Demir", "TUR", ActorKind.PERSON)]  # fmt: skip


def _report(number: int, stage: str, kind: str, phrase: str, value: str | None, day: int, parties: list[int],
            signer: int | None, source: int, group: int) -> AgreementReport:  # fmt: skip
    named = [_ORGANISATIONS[index] for index in parties]
    people = [_PEOPLE[signer]] if signer is not None else []
    quote = f"{people[0].text} signed the accord." if people else "The two sides discussed the accord."
    when = EventDate(date(2025, 1, 1) + timedelta(days=day), None, Precision.DAY, "stated")
    event = Event(
        id=f"e{number:03}", event="AGREE", mode=None, contexts=(), cameo="057", goldstein=8.0, quad=1,
        actor=(Party("Korea", "South Korea", "KOR", ActorKind.COUNTRY), *people, *named),
        recipient=(Party("Türkiye", "Türkiye", "TUR", ActorKind.COUNTRY),), modality=Modality.ASSERTED, when=when,
        published=None, evidence=Evidence(f"a{number % 7}", Field.TEXT, 0, len(quote), quote, "signed"),
    )  # fmt: skip
    return AgreementReport("x", stage, kind, phrase, value, event, f"outlet{source}", f"g{group}", when,
                           (when.start.isoformat() if when.start else "", event.id))  # fmt: skip


_REPORTS = st.lists(
    st.tuples(
        st.sampled_from(STAGES[:4]), st.sampled_from(SPECIFIC[:4]), st.sampled_from(["the accord", "the MoU", "it"]),
        st.sampled_from([None, "$1 billion", "$2 billion"]), st.integers(0, 5),
        st.lists(st.integers(0, 2), max_size=2), st.sampled_from([None, 0, 1]), st.integers(0, 2), st.integers(0, 4),
    ),
    min_size=1, max_size=12,
).map(lambda rows: [_report(number, *row) for number, row in enumerate(rows)])  # fmt: skip


def _plain(reports: list[AgreementReport]) -> object:
    members = {(report.event.evidence.article_id, report.source, report.copy_group) for report in reports}
    return plain_entry("x", " ".join(COUNTRIES), "nuclear energy", "", reports, members)


def _summed(summary: Summary, reports: list[AgreementReport]) -> object:
    articles = len({report.event.evidence.article_id for report in reports})
    return summary.entry("x", COUNTRIES, "nuclear energy", "", articles)


@given(_REPORTS, st.randoms(use_true_random=False))
def test_reports_added_in_any_order_give_the_entry_read_in_order(reports: list, rng: object) -> None:
    shuffled = list(reports)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    summary = Summary()
    for report in shuffled[: len(shuffled) // 2]:
        summary.add(report)
    entry = summary.entry("x", COUNTRIES, "nuclear energy", "", 1) if summary.kind else None
    kept = Summary.from_json(summary.to_json(), entry)  # as stored between two batches
    for report in shuffled[len(shuffled) // 2 :]:
        kept.add(report)
    assert _summed(kept, reports) == _plain(reports)


@given(_REPORTS, st.data())
def test_a_redated_report_that_heads_nothing_is_added_again(reports: list, data: st.DataObject) -> None:
    summary = Summary()
    for report in reports:
        summary.add(report)
    moved = data.draw(st.sampled_from(reports))
    later = EventDate(date(2024, 12, 1) + timedelta(days=data.draw(st.integers(0, 60))), None, Precision.DAY, "stated")
    redated = replace(moved, event=replace(moved.event, when=later), story_when=later,
                      order=(later.start.isoformat(), moved.event.id))  # fmt: skip
    now = [redated if report is moved else report for report in reports]
    if summary.heads([moved.event.id]):  # summed up anew from every report
        return
    summary.add(redated, again=True)
    assert _summed(summary, now) == _plain(now)


@given(_REPORTS, st.randoms(use_true_random=False))
def test_the_kept_summary_is_the_same_text_in_any_order(reports: list, rng: object) -> None:
    shuffled = list(reports)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    texts = []
    for order in (reports, shuffled):
        summary = Summary()
        for report in order:
            summary.add(report)
        texts.append(json.dumps(summary.to_json()))  # as rollups store it: reports come in any order on PostgreSQL
    assert texts[0] == texts[1]
