"""Gold-set readers on the real files, and scorers on hand-built events (the gate: test_evaluate_gate.py)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from bilateral.actors import gazetteer
from bilateral.evaluate import (
    conflibert,
    dev,
    petrarch,
    petrarch2_gsr,
    petrarch_unit,
    plover_gsr,
)
from bilateral.evaluate.metrics import Tally, label_tallies, macro_f1
from bilateral.evaluate.triples import Triple, collapse, country_of, event_triples, match
from bilateral.records import (
    ActorKind,
    DateWindow,
    Event,
    EventDate,
    Evidence,
    Field,
    Modality,
    Party,
    Precision,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
KNOWN = frozenset({"USA", "CHN", "TUR", "KOR", "BRA", "RUS", "IRQ", "SYR", "UN"})


def party(country: str | None, text: str = "") -> Party:
    return Party(text or country or "someone", country, country, ActorKind.COUNTRY)


def event(
    kind: str,
    cameo: str,
    actor: tuple[str, ...] = (),
    recipient: tuple[str, ...] = (),
    *,
    quad: int = 1,
    start: date | None = None,
    end: date | None = None,
    modality: Modality = Modality.ASSERTED,
    background: bool = False,
    texts: dict[str, str] | None = None,
) -> Event:
    names = texts or {}
    return Event(
        id=f"{kind}-{cameo}-{actor}-{recipient}",
        event=kind,
        mode=None,
        contexts=(),
        cameo=cameo,
        goldstein=0.0,
        quad=quad,
        actor=tuple(party(code, names.get(code, "")) for code in actor),
        recipient=tuple(party(code, names.get(code, "")) for code in recipient),
        modality=modality,
        when=EventDate(start, end if end else start, Precision.DAY if start else None, "test"),
        published=None,
        evidence=Evidence("a1", Field.TEXT, 0, 10, "A quote.", "cue"),
        background=background,
    )


# metrics


def test_tally_figures() -> None:
    tally = Tally(correct=3, extra=1, missed=2)
    assert (tally.precision, tally.recall, tally.f1) == (0.75, 0.6, 6 / 9)
    assert Tally().precision == Tally().recall == Tally().f1 == 0.0


def test_label_tallies_count_a_wrong_label_against_both_and_none_against_gold_only() -> None:
    tallies = label_tallies([("AGREE", "AGREE"), ("AGREE", "CONSULT"), ("REQUEST", "none"), ("none", "ACCUSE")])
    assert tallies["AGREE"] == Tally(1, 0, 1)
    assert tallies["CONSULT"] == Tally(0, 1, 0)
    assert tallies["REQUEST"] == Tally(0, 0, 1)
    assert tallies["ACCUSE"] == Tally(0, 1, 0)
    assert "none" not in tallies
    assert macro_f1(tallies, ["AGREE", "REQUEST", "AID"]) == pytest.approx((2 / 3) / 3)


# triples


@pytest.mark.parametrize(
    ("code", "country"),
    [
        ("TURGOV", "TUR"),
        ("USA", "USA"),
        ("SYRREB", "SYR"),
        ("IGOUNO", "UN"),
        ("IGOUNOMIL", "UN"),
        ("---GOV", None),
        ("IMGMUSISI", None),
        ("XYZGOV", None),
        ('"THE MINISTRY"', None),
        ("", None),
    ],
)
def test_country_of_a_cameo_code(code: str, country: str | None) -> None:
    assert country_of(code, KNOWN) == country


def test_a_reciprocal_pair_collapses_to_one_joint_triple() -> None:
    both = [Triple("BRA", "USA", "03"), Triple("USA", "BRA", "03"), Triple("USA", "BRA", "03")]
    assert collapse(both) == {Triple("BRA", "USA", "03", joint=True)}
    assert collapse([Triple("USA", "USA", "01")]) == {Triple("USA", "USA", "01")}


def test_event_triples_directed_and_joint() -> None:
    assert event_triples(event("ACCUSE", "112", ("USA", "KOR"), ("CHN",))) == [
        Triple("USA", "CHN", "11"),
        Triple("KOR", "CHN", "11"),
    ]
    assert event_triples(event("CONSULT", "040", ("USA", "CHN", "KOR"))) == [
        Triple("CHN", "KOR", "04", joint=True),
        Triple("CHN", "USA", "04", joint=True),
        Triple("KOR", "USA", "04", joint=True),
    ]
    assert event_triples(event("MOBILIZE", "152", ("RUS",))) == []


def test_match_counts_correct_extra_and_missed() -> None:
    gold = [
        Triple("USA", "CHN", "04"),
        Triple("BRA", "USA", "03"),
        Triple("USA", "BRA", "03"),
        Triple("RUS", "IRQ", "19"),
    ]
    predicted = [
        Triple("USA", "CHN", "04"),  # correct
        Triple("USA", "BRA", "03"),  # one direction of a reciprocal pair: correct once
        Triple("CHN", "USA", "11"),  # no such gold: extra
    ]
    tally = match(gold, predicted).tally
    assert tally == Tally(correct=2, extra=1, missed=1)


def test_a_joint_prediction_matches_either_direction_and_unscorable_gold_is_not_extra() -> None:
    assert match([Triple("USA", "CHN", "04")], [Triple("CHN", "USA", "04", joint=True)]).tally == Tally(1, 0, 0)
    assert match([Triple("USA", "CHN", "04")], [Triple("CHN", "USA", "04")]).tally == Tally(0, 1, 1)
    unknown = [Triple(None, "USA", "11")]  # "---GOV" accused the United States
    assert match(unknown, [Triple("RUS", "USA", "11")]).tally == Tally(0, 0, 0)
    assert match(unknown, [Triple("RUS", "USA", "12")]).tally == Tally(0, 1, 0)


# the PETRARCH sets


def test_read_petrarch2_records(gold: Path) -> None:
    records = list(petrarch.read_records(gold / petrarch2_gsr.FOLDER / petrarch2_gsr.RECORDS))
    assert len(records) == 78
    first = records[0]
    assert first.codings == (petrarch.Coding("USA", "CHN", "042"),)
    assert first.day == date(2008, 8, 4)
    assert first.text and "\n" not in first.text
    assert all(record.text for record in records)  # one empty <Text> is rebuilt from its parse
    assert sum(1 for record in records if record.coded and not record.codings) == 12


def test_read_petrarch_unit_records(gold: Path) -> None:
    records = {
        record.id: record for record in petrarch.read_records(gold / petrarch_unit.FOLDER / petrarch_unit.RECORDS)
    }
    assert len(records) == 282  # 284 records, two ids used twice
    assert records["DEMO-00"].codings == (petrarch.Coding("ARN", "GON", "064"),)
    assert not records["PATTERN-06"].coded  # its coding is commented out
    assert records["DISCARD-01"].error == "storydiscard"
    assert records["ERROR-02"].error == "bad_input_parse"


def test_petrarch_score_on_hand_built_events() -> None:
    records = [
        petrarch.Record("a", "X", None, "One.", (petrarch.Coding("USAGOV", "CHN", "042"),)),
        petrarch.Record("b", "X", None, "Two.", ()),  # noevents
        petrarch.Record("c", "X", None, "Three.", (), error="bad_input_parse"),  # not scored
        petrarch.Record("d", "X", None, "Four.", (), error="storydiscard"),  # expects nothing
        petrarch.Record("e", "X", None, "Five.", (petrarch.Coding("ARN", "GON", "901"),)),  # made-up code: not scored
    ]
    predictions = {
        "a": (event("CONSULT", "042", ("USA",), ("CHN",)), event("ACCUSE", "112", ("CHN",), ("USA",), quad=3)),
        "b": (),
        "c": (event("CONSULT", "042", ("USA",), ("CHN",)),),
        "d": (event("CONSULT", "040", ("USA", "CHN")),),
        "e": (event("CONSULT", "040", ("USA", "CHN")),),
    }
    report = petrarch.score(records, lambda record: predictions[record.id], KNOWN)
    metrics = report.metrics
    assert (metrics["sentences"], metrics["excluded"]) == (3, 2)
    assert (metrics["correct"], metrics["extra"], metrics["missed"]) == (1, 2, 0)
    assert metrics["precision"] == pytest.approx(1 / 3)
    assert metrics["recall"] == 1.0
    assert metrics["sentence_accuracy"] == pytest.approx(1 / 3)
    assert (metrics["quad.1.correct"], metrics["quad.1.extra"], metrics["quad.3.extra"]) == (1, 1, 1)
    # pairs whatever the code: in "a" both directions make one reciprocal pair, right; "d" is extra
    assert (metrics["pair_correct"], metrics["pair_extra"], metrics["pair_missed"]) == (1, 1, 0)
    assert [mistake.item for mistake in report.mistakes] == ["a", "d"]


DICTIONARY = """\
<!-- a comment
spanning lines [XXX] -->
NORTHLAND_ [NTH] # a trailing comment
+NORTHLANDER
THE_SOUTH_MARCHES  [STH]
PORT_ISLE
\t[PIS]
OLD_KING_COLE
+THE_OLD_KING
\t[NTH < 950601]
\t[NTHGOV 19950601 - 19990815]
\t[NTHREB > 990816]
BOTH_BANKS [NTH/STH]
THE_UN [IGOUNO]
"""


def test_read_a_petrarch_actor_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "actors.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    actors = {actor.names[0]: actor for actor in petrarch_unit.read_actors(path)}
    assert set(actors) == {"Northland", "The South Marches", "Port Isle", "Old King Cole", "Both Banks", "The UN"}
    assert actors["Northland"].names == ("Northland", "Northlander")
    assert actors["Northland"].line == 3
    assert actors["Port Isle"].code_on(None) == "PIS"
    king = actors["Old King Cole"]
    assert king.names == ("Old King Cole", "The Old King")
    assert [king.code_on(date(*day)) for day in [(1995, 5, 31), (1995, 6, 1), (1999, 8, 15), (1999, 8, 17)]] == [
        "NTH",
        "NTHGOV",
        "NTHGOV",
        "NTHREB",
    ]
    assert king.code_on(None) is None  # only dated codes, and no date to pick one
    known = petrarch_unit.known_codes(list(actors.values()))
    assert known == {"NTH", "STH", "PIS"}  # a compound code names no single country; IGO is not a state


def test_petrarch_unit_gazetteer_resolves_dated_codes(tmp_path: Path) -> None:
    path = tmp_path / "actors.txt"
    path.write_text(DICTIONARY, encoding="utf-8")
    gazetteers = petrarch_unit.Gazetteers(petrarch_unit.read_actors(path))
    text = "Old King Cole met the South Marches and Both Banks in Port Isle."

    def countries(day: date) -> list[str | None]:
        gazetteer = gazetteers.on(day)
        return [gazetteer.entry(hit).country for hit in gazetteer.find(text) if hit.target.entry is not None]

    assert countries(date(1990, 1, 1)) == ["NTH", "STH", "PIS"]  # "Both Banks" (two codes) is left out
    assert countries(date(2001, 1, 1)) == ["NTH", "STH", "PIS"]
    assert gazetteers.on(date(1990, 1, 2)) is gazetteers.on(date(1991, 1, 1))  # one gazetteer per resolution


def test_the_real_unit_dictionary(gold: Path) -> None:
    actors = petrarch_unit.read_actors(gold / petrarch_unit.FOLDER / petrarch_unit.ACTORS)
    by_name = {actor.names[0]: actor for actor in actors}
    assert {"Arnor", "Gondor", "Mordor"} <= set(by_name)
    assert "Minas Tirith" in by_name["Gondor"].names
    assert by_name["Gollum"].code_on(date(1995, 11, 1)) == "HOBGOV"
    assert by_name["Sam Gamgee"].code_on(date(2010, 1, 10)) == "ORCHOB"
    assert by_name["Sam Gamgee"].code_on(date(2010, 1, 13)) == "HOBMIL"
    assert "FRO" not in petrarch_unit.known_codes(actors)


# PLOVER


def test_read_plover_samples(gold: Path) -> None:
    known = petrarch2_gsr.known_codes(gazetteer())
    samples = plover_gsr.read_samples(gold / plover_gsr.FOLDER / plover_gsr.RECORDS, known)
    assert len(samples) == 322
    labels = {sample.event for sample in samples}
    assert not labels & {"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT", "DOCUMENT"}
    assert {"REQUEST", "ACCUSE", "ASSAULT"} <= labels
    first = samples[0]
    assert (first.event, first.source, first.target, first.reciprocal) == (
        "AGREE",
        frozenset({"HUN", "ROU"}),
        None,
        True,
    )
    assert sum(sample.reciprocal for sample in samples) == 16
    hosted = next(sample for sample in samples if sample.id == "PLOVER-GSR01-CONSULT-0005")
    assert (hosted.source, hosted.target) == ({"JPN"}, {"RUS"})  # the guest acts; the old code JAP is JPN


def test_plover_score_on_hand_built_events() -> None:
    samples = [
        plover_gsr.Sample("1", "s1", "REQUEST", frozenset({"USA"}), frozenset({"IRQ"})),
        plover_gsr.Sample("2", "s2", "AGREE", frozenset({"USA", "CHN"}), None, reciprocal=True),
        plover_gsr.Sample("3", "s3", "ACCUSE", None, None),
        plover_gsr.Sample("4", "s4", "AGREE", frozenset({"TUR"}), frozenset({"KOR"})),
    ]
    predictions = [
        (event("STATEMENT", "020", ("USA",), ("IRQ",)),),  # wrong type, right actors
        (event("AGREE", "030", ("CHN",), ("USA",)),),  # right: a reciprocal record takes the parties as a set
        (),  # nothing coded
        (event("AGREE", "030", ("TUR",), ("USA",)), event("CONSULT", "040", ("TUR",), ("KOR",))),  # first counts
    ]
    report = plover_gsr.score(samples, predictions)
    metrics = report.metrics
    assert metrics["accuracy"] == 0.5
    assert metrics["coded"] == 3
    assert (metrics["actor_accuracy"], metrics["actor_scored"]) == (1.0, 3)
    assert (metrics["recipient_accuracy"], metrics["recipient_scored"]) == (0.5, 2)
    assert metrics["quad_accuracy"] == 0.5
    assert metrics["type.AGREE.precision"] == 1.0
    assert metrics["type.AGREE.recall"] == 1.0
    assert metrics["type.REQUEST.recall"] == 0.0
    # AGREE 1.0, REQUEST 0, ACCUSE 0 over the gold labels
    assert metrics["macro_f1"] == pytest.approx(1 / 3)
    assert [mistake.item for mistake in report.mistakes] == ["1", "3", "4"]
    assert report.mistakes[0].gold == "REQUEST USA>IRQ"
    assert report.mistakes[0].predicted == "STATEMENT USA>IRQ"


# ConfliBERT


def test_read_conflibert_files(gold: Path) -> None:
    folder = gold / conflibert.FOLDER
    samples = conflibert.read_classes(folder / conflibert.CLASSES)
    assert len(samples) == 1349
    assert {sample.label for sample in samples} == set(conflibert.LABELS)
    sentences = conflibert.read_tagged(folder / conflibert.SPANS)
    assert len(sentences) == 1153
    assert all(sentence.text == sentence.text.strip() for sentence in sentences[:50])
    assert sum(len(sentence.spans) for sentence in sentences) > 2000


def test_tagged_rebuilds_the_sentence_and_reads_spans() -> None:
    tokens = ["The", "U.S.", "'s", "envoy", "met", "Chinese", "-", "backed", "officials", "(", "again", ")", "."]
    tags = ["B-S", "I-S", "I-S", "I-S", "O", "B-T", "I-T", "I-T", "I-T", "O", "O", "O", "O"]
    sentence = conflibert.tagged(tokens, tags)
    assert sentence.text == "The U.S.'s envoy met Chinese-backed officials (again)."
    assert [sentence.text[start:end] for start, end in sentence.offsets] == tokens
    assert sentence.spans == {conflibert.Span("S", 0, 4), conflibert.Span("T", 5, 9)}
    joint = conflibert.tagged(["Iran", "and", "Iraq", "talked"], ["B-R", "O", "B-R", "O"])
    assert joint.spans == {conflibert.Span(role, start, start + 1) for role in "ST" for start in (0, 2)}


def test_predicted_spans_and_span_scores() -> None:
    sentence = conflibert.tagged(
        ["Russian", "troops", "shelled", "Ukraine", "and", "Russia", "blamed", "Ukraine", "."],
        ["B-S", "I-S", "O", "B-T", "O", "O", "O", "O", "O"],
    )
    assault = event("ASSAULT", "195", ("RUS",), ("UKR",), quad=4, texts={"RUS": "Russian", "UKR": "Ukraine"})
    predicted = conflibert.predicted_spans(sentence, assault)
    assert predicted == {conflibert.Span("S", 0, 1), conflibert.Span("T", 3, 4)}
    exact, overlap = conflibert.span_tallies(sentence.spans, predicted)
    assert exact == Tally(correct=1, extra=1, missed=1)
    assert overlap == Tally(correct=2, extra=0, missed=0)
    joint = event("CONSULT", "040", ("RUS", "UKR"), texts={"RUS": "Russia", "UKR": "Ukraine"})
    assert conflibert.predicted_spans(sentence, joint) == {
        conflibert.Span("S", 5, 6),
        conflibert.Span("T", 5, 6),
        conflibert.Span("S", 3, 4),
        conflibert.Span("T", 3, 4),
    }


@pytest.mark.parametrize(
    ("found", "label"),
    [
        (None, "none"),
        (event("STATEMENT", "010"), "0"),
        (event("REQUEST", "021", quad=1), "0"),  # an appeal is class 0 whatever its type
        (event("AGREE", "030", quad=1), "1"),
        (event("AID", "070", quad=2), "2"),
        (event("ACCUSE", "112", quad=3), "3"),
        (event("ASSAULT", "190", quad=4), "4"),
        (event("SANCTION", "163", quad=4), "3"),  # reducing relations is verbal conflict in ConfliBERT's scheme
        (event("PROTEST", "141", quad=4), "4"),
    ],
)
def test_event_class(found: Event | None, label: str) -> None:
    assert conflibert.event_class(found) == label


def test_conflibert_class_scores() -> None:
    samples = [conflibert.Labelled(f"s{n}", label) for n, label in enumerate(["0", "1", "4", "4"])]
    predictions = [(event("STATEMENT", "010"),), (event("AID", "070", quad=2),), (), (event("ASSAULT", "190", quad=4),)]
    metrics = conflibert.score_classes(samples, predictions).metrics
    assert metrics["accuracy"] == 0.5
    assert metrics["coded"] == 3
    # class F1: 0 → 1.0, 1 → 0, 2 → 0 (one extra), 3 → 0 (absent), 4 → 2/3
    assert metrics["macro_f1"] == pytest.approx((1.0 + 2 / 3) / 5)


# the development set


def write_dev(folder: Path) -> Path:
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "001.txt").write_text("Title\nBody.\n", encoding="utf-8")
    records = [
        {
            "article": "001.txt",
            "published": "2024-09-14",
            "date_window": None,
            "events": [
                {"type": "CONSULT", "actor": ["KEN"], "recipient": ["DEU"], "date": "2024-09-13"}
                | {"date_precision": "day", "modality": "asserted", "quote": "q1"},
                {"type": "SUPPORT", "actor": ["DEU", "KEN"], "recipient": [], "date": "2024-09-01"}
                | {"date_precision": "month", "modality": "asserted", "quote": "q2"},
                {"type": "AGREE", "actor": ["DEU"], "recipient": ["KEN"], "date": None}
                | {"date_precision": None, "modality": "future", "quote": "q3"},
            ],
        },
        {
            "article": "001.txt",
            "published": None,
            "date_window": {"start": "2021-05-14", "end": "2022-05-11", "why": "…"},
            "events": [],
        },
    ]
    (folder / dev.ANNOTATIONS).write_text("\n".join(json.dumps(record) for record in records) + "\n", encoding="utf-8")
    return folder


def test_read_dev_annotations(tmp_path: Path) -> None:
    annotated = dev.read_annotations(write_dev(tmp_path / "dev"))
    assert [gold.article for gold in annotated] == ["001", "001"]
    assert annotated[0].path == tmp_path / "dev" / "articles" / "001.txt"
    consult = annotated[0].events[0]
    assert (consult.event, consult.actor, consult.recipient, consult.day) == (
        "CONSULT",
        frozenset({"KEN"}),
        frozenset({"DEU"}),
        date(2024, 9, 13),
    )
    assert annotated[1].window == (date(2021, 5, 14), date(2022, 5, 11))


def test_dev_score_on_hand_built_events(tmp_path: Path) -> None:
    annotated = dev.read_annotations(write_dev(tmp_path / "dev"))
    first = (
        event("CONSULT", "042", ("DEU",), ("KEN",), start=date(2024, 9, 13)),  # pair right, direction wrong
        event("CONSULT", "042", ("DEU",), ("KEN",), start=date(2024, 9, 14)),  # the same key again: once
        event("SUPPORT", "057", ("DEU", "KEN"), start=date(2024, 9, 13)),  # right, inside the gold month
        event("AGREE", "036", ("DEU",), ("KEN",), start=date(2024, 9, 14)),  # right, but the gold has no date
        event("ACCUSE", "112", ("KEN",), ("DEU",), quad=3),  # extra
        event("SANCTION", "163", ("DEU",), ("KEN",), quad=4, background=True),  # background: ignored
        event("COERCE", "173", ("KEN",), ("KEN",), quad=4),  # one state at home: out of the guide's scope
    )
    window = DateWindow(date(2021, 5, 14), date(2022, 5, 11), ("someone",))
    metrics = dev.score(annotated, [(first, None), ((), window)]).metrics
    assert (metrics["pair_correct"], metrics["pair_extra"], metrics["pair_missed"]) == (3, 1, 0)
    assert (metrics["directed_correct"], metrics["directed_extra"], metrics["directed_missed"]) == (2, 2, 1)
    assert metrics["matched"] == 3
    assert metrics["date_accuracy"] == pytest.approx(2 / 3)
    assert metrics["modality_accuracy"] == pytest.approx(2 / 3)
    assert (metrics["window_accuracy"], metrics["windows"]) == (1.0, 1)


@pytest.mark.parametrize(
    ("precision", "gold_day", "start", "end", "right"),
    [
        ("day", date(2024, 9, 13), date(2024, 9, 13), None, True),
        ("day", date(2024, 9, 13), date(2024, 9, 12), None, False),
        ("week", date(2024, 9, 9), date(2024, 9, 15), None, True),
        ("week", date(2024, 9, 9), date(2024, 9, 16), None, False),
        ("month", date(2024, 2, 1), date(2024, 2, 1), date(2024, 2, 29), True),
        ("year", date(2024, 1, 1), date(2024, 12, 31), None, True),
        ("year", date(2024, 1, 1), date(2024, 6, 1), date(2025, 1, 1), False),
        (None, None, None, None, True),
        (None, None, date(2024, 1, 1), None, False),
    ],
)
def test_dev_date_right(
    precision: str | None, gold_day: date | None, start: date | None, end: date | None, right: bool
) -> None:
    gold_event = dev.GoldEvent("AGREE", frozenset(), frozenset(), gold_day, precision, None)
    assert dev.date_right(gold_event, event("AGREE", "030", start=start, end=end)) is right


def test_an_office_holder_window_is_not_a_date() -> None:
    window = EventDate(date(2021, 5, 14), date(2022, 5, 11), Precision.WINDOW, "office-holder window")
    undated = dataclasses.replace(event("CONSULT", "042"), when=window)
    assert dev.date_right(dev.GoldEvent("CONSULT", frozenset(), frozenset(), None, None, None), undated)
    dated = dev.GoldEvent("CONSULT", frozenset(), frozenset(), date(2021, 6, 1), "day", None)
    assert not dev.date_right(dated, undated)


def test_a_key_told_twice_is_dated_right_by_either_telling(tmp_path: Path) -> None:
    """Two gold acts of one type between one pair on different days are one key; the coder's date is right when it
    is either one's (the scorer once compared only the last one told)."""
    gold = dev.Annotated(
        "001",
        tmp_path / "001.txt",
        (
            dev.GoldEvent("ACCUSE", frozenset({"IRN"}), frozenset({"USA"}), date(2024, 9, 13), "day", "asserted"),
            dev.GoldEvent("ACCUSE", frozenset({"IRN"}), frozenset({"USA"}), date(2024, 9, 20), "day", "asserted"),
        ),
    )
    coded = (event("ACCUSE", "112", ("IRN",), ("USA",), start=date(2024, 9, 13)),)
    metrics = dev.score([gold], [(coded, None)]).metrics
    assert (metrics["matched"], metrics["date_accuracy"]) == (1, 1.0)
