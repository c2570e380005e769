"""Date windows for undated articles, from who held which office when."""

from __future__ import annotations

from datetime import date

from bilateral.actors.data import Entry
from bilateral.actors.recognise import infer_window
from bilateral.records import ActorKind, Tenure


def person(name: str, *tenures: tuple[str, str, str | None]) -> Entry:
    entry = Entry(ActorKind.PERSON, name, name, "XXX", "test")
    entry.tenures = [
        Tenure(office, office, date.fromisoformat(start), date.fromisoformat(end) if end else None)
        for office, start, end in tenures
    ]
    return entry


TWICE = person(
    "Kishi", ("foreign_minister", "2012-12-26", "2017-08-03"), ("head_of_government", "2021-10-04", "2024-10-01")
)
KING = person("King", ("head_of_state", "1999-07-23", None))
MINISTER = person("Minister", ("foreign_minister", "2021-02-09", "2022-05-11"))
PREMIER = person("Premier", ("head_of_government", "2021-05-14", "2022-05-11"))


def test_the_window_is_where_the_most_named_office_holders_overlap() -> None:
    window = infer_window([MINISTER, PREMIER, KING])
    assert window is not None
    assert (window.start, window.end) == (date(2021, 5, 14), date(2022, 5, 11))
    assert set(window.because) == {"Minister", "Premier", "King"}


def test_an_office_the_text_gives_narrows_the_tenures() -> None:
    untitled = infer_window([TWICE, KING])
    assert untitled is not None and untitled.start == date(2012, 12, 26)  # both tenures count
    titled = infer_window([TWICE, KING], titles={"Kishi": {"head_of_government"}})
    assert titled is not None
    assert (titled.start, titled.end) == (date(2021, 10, 4), date(2024, 10, 1))


def test_no_office_holders_no_window() -> None:
    assert infer_window([]) is None
    assert infer_window([Entry(ActorKind.PERSON, "Nobody", "Nobody", "XXX", "test")]) is None
