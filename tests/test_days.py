"""The years read as publication dates, and date shifts that never overflow (linking relies on them)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bilateral.actors import Gazetteer
from bilateral.days import EARLIEST_YEAR, LATEST_YEAR, is_sane, shift
from bilateral.errors import DateOutOfRange
from bilateral.link import link
from bilateral.pipeline import analyse, analyse_article, ingest, recode
from bilateral.read.dates import parse_published
from bilateral.records import Article, Document, Failure
from bilateral.serve import create_app
from bilateral.store import Query, Store
from bilateral.stories import stories
from bilateral.timeline import By, pair_timeline

SIGNED = "France and Germany signed a memorandum on Monday."


@pytest.mark.parametrize(
    ("day", "delta", "expected"),
    [
        (date(2024, 3, 1), timedelta(days=-1), date(2024, 2, 29)),
        (date(9999, 12, 28), timedelta(days=367), date.max),
        (date(1, 1, 2), timedelta(days=-40), date.min),
        (date.max, timedelta(days=0), date.max),
    ],
)
def test_shift_holds_at_the_ends_of_the_calendar(day: date, delta: timedelta, expected: date) -> None:
    assert shift(day, delta) == expected


@pytest.mark.parametrize(
    ("day", "sane"),
    [(date(EARLIEST_YEAR, 1, 1), True), (date(LATEST_YEAR, 12, 31), True), (date(EARLIEST_YEAR - 1, 12, 31), False),
     (date(LATEST_YEAR + 1, 1, 1), False), (date.min, False), (date.max, False)],
)  # fmt: skip
def test_sane_years(day: date, sane: bool) -> None:
    assert is_sane(day) is sane


@pytest.mark.parametrize("value", ["9999-12-28", "0001-01-02", "1899-12-31T23:00:00Z", "2101-01-01", -3_000_000_000])
def test_a_publication_date_outside_the_years_read_is_refused(value: object) -> None:
    with pytest.raises(DateOutOfRange, match=f"outside the years {EARLIEST_YEAR} to {LATEST_YEAR}"):
        parse_published(value, origin="dump.jsonl:1")


def test_a_far_date_fails_its_record_and_the_batch_goes_on(tmp_path: Path, gaz: Gazetteer) -> None:
    dump = tmp_path / "far.jsonl"
    records = [{"text": SIGNED, "date": "9999-12-28"}, {"text": SIGNED, "date": "0001-01-02"},
               {"text": "Spain and Italy signed a treaty on ports on Monday.", "date": "2024-03-06"}]  # fmt: skip
    dump.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        summary = ingest([str(dump)], store, gaz)
        failures = store.failures()
    assert (summary.read, summary.failed) == (1, 2)
    assert {failure.code for failure in failures} == {DateOutOfRange.code}
    assert {failure.origin for failure in failures} == {f"{dump}:1", f"{dump}:2"}


def test_a_document_given_directly_with_a_far_date_fails_alone(gaz: Gazetteer) -> None:
    failure = analyse(Document("api#0", SIGNED, published=date(9999, 12, 28)), gaz)
    assert isinstance(failure, Failure) and failure.code == DateOutOfRange.code


def _stored_far(store: Store, gaz: Gazetteer) -> None:
    """Rows as an older version stored them: publication dates at both ends of the calendar, not linked yet."""
    for key, published in (("far", date(9999, 12, 28)), ("near", date(1, 1, 2))):
        store.add([analyse_article(Article(key, key, "", SIGNED, published=published), gaz)])


def test_a_stored_far_date_never_blocks_a_later_ingest_recode_or_api_ingest(tmp_path: Path, gaz: Gazetteer) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        _stored_far(store, gaz)
    article = {"text": "Spain and Italy signed a treaty on ports on Monday.", "published": "2024-03-06"}
    with TestClient(
        create_app(path, token="t0ken", hosts=["testserver"])
    ) as client:  # the request links the stored rows first
        response = client.post("/api/ingest", json={"articles": [article]}, headers={"Authorization": "Bearer t0ken"})
    assert response.status_code == 200 and response.json()["new"] == 1
    later = tmp_path / "later.txt"
    later.write_text(f" date 2024-03-06 1\nA deal\n{SIGNED}\n", encoding="utf-8")
    with Store(path) as store:
        _stored_far(store, gaz)  # already stored: nothing new
        summary = ingest([str(later)], store, gaz)
        assert (summary.read, summary.failed) == (1, 0)
        assert recode(store, gaz) == 4
        assert link(store) == 0
        years = {story.when.start.year for story in stories(store) if story.when.start}
    assert years == {1, 2024, 9999}


@pytest.mark.parametrize("written", ["on December 31, 9999", "on January 1, 0001"])
def test_an_event_date_at_the_end_of_the_calendar_is_linked(tmp_path: Path, gaz: Gazetteer, written: str) -> None:
    page = tmp_path / "far.txt"
    page.write_text(f" date 2024-03-06 1\nA deal\nFrance and Germany signed a treaty {written}.\n", encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        ingest([str(page)], store, gaz)
        (story,) = stories(store, Query(pair=("FRA", "DEU")))
        assert story.when.start in (date.max, date.min)
        for by in By:  # a timeline whose last period ends the calendar stops there
            assert len(pair_timeline(store, ("FRA", "DEU"), by)) == 1
