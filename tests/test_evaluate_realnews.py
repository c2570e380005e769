"""The real-news set's scorer, on a tiny set written for these tests (the real texts live outside the checkout)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from bilateral.errors import FormatError
from bilateral.evaluate import evaluate, realnews

TEXTS = {
    "rn1": " date 2024-03-05 France and Germany sign a defence pact\n"
    "Paris and Berlin have a new pact. France and Germany signed a defence agreement on Monday.\n",
    "rn2": " date 2024-03-06 Talks in Oslo\nNorway hosted talks. The weather was fine.\n",
}
SIGNED = "France and Germany signed a defence agreement on Monday."


def event(kind: str, actor: list[str], recipient: list[str], quote: str, text: str) -> dict[str, object]:
    start = text.index(quote)
    return {"type": kind, "actor": actor, "recipient": recipient, "date": None, "date_precision": None} | {
        "modality": "asserted",
        "start": start,
        "end": start + len(quote),
        "agreement": None,
    }


def write_set(tmp_path: Path) -> tuple[Path, Path]:
    folder, texts = tmp_path / "realnews", tmp_path / "texts"
    folder.mkdir()
    texts.mkdir()
    for name, text in TEXTS.items():
        (texts / f"{name}.txt").write_text(text, encoding="utf-8")
    entries = [
        realnews.Entry(name, "q", rank, f"https://example.org/{name}", len(text), realnews.text_hash(text), split)
        for (name, text), rank, split in zip(TEXTS.items(), (1, 2), ("test", "dev"), strict=True)
    ]
    (folder / realnews.MANIFEST).write_text("".join(realnews.manifest_line(e) + "\n" for e in entries), "utf-8")
    records = [
        {
            "article": "rn1",
            "published": "2024-03-05",
            "events": [event("SUPPORT", ["FRA", "DEU"], [], SIGNED, TEXTS["rn1"])],
        },
        {"article": "rn2", "published": "2024-03-06", "events": []},
    ]
    (folder / realnews.ANNOTATIONS).write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    second = [
        records[0] | {"events": [*records[0]["events"], event("CONSULT", ["NOR"], ["FRA"], SIGNED, TEXTS["rn1"])]}
    ]
    (folder / realnews.SECOND_PASS).write_text(json.dumps(second[0]) + "\n", encoding="utf-8")
    (folder / realnews.FIRST_PASS).write_text(json.dumps(second[0] | {"events": []}) + "\n", encoding="utf-8")
    return folder, texts


def test_each_split_scored_apart_and_the_test_part_leads(tmp_path: Path) -> None:
    folder, texts = write_set(tmp_path)
    report = realnews.run(folder, texts)
    metrics = report.metrics
    assert (metrics["articles"], metrics["gold_events"]) == (1, 1)  # the test part alone
    assert metrics["pair_correct"] == 1 and metrics["split.test.pair_recall"] == 1.0
    assert (metrics["split.dev.articles"], metrics["split.dev.gold_events"]) == (1, 0)
    # The second pass found one more event than the gold: scored against it as the coder is ...
    assert (metrics["annotator_pair_correct"], metrics["annotator_pair_extra"], metrics["annotator_pair_missed"]) == (
        1,
        1,
        0,
    )
    # ... and against the first, independent pass (which found none): agreement between the passes.
    assert (metrics["passes_pair_correct"], metrics["passes_pair_extra"], metrics["passes_pair_missed"]) == (0, 2, 0)
    assert all(mistake.item == "rn2" for mistake in report.mistakes)  # only the development part is listed


def test_the_quote_is_cut_from_the_text_by_its_offsets() -> None:
    record = {"article": "rn1", "events": [event("SUPPORT", ["FRA", "DEU"], [], SIGNED, TEXTS["rn1"])]}
    assert realnews.with_quotes(record, TEXTS["rn1"])["events"][0]["quote"] == SIGNED


def test_a_text_that_is_not_the_one_annotated_is_refused(tmp_path: Path) -> None:
    folder, texts = write_set(tmp_path)
    (texts / "rn1.txt").write_text(TEXTS["rn1"].replace("Monday", "Tuesday"), encoding="utf-8")
    with pytest.raises(FormatError, match=r"rn1\.txt.*not the text annotated"):
        realnews.run(folder, texts)


def test_the_hash_ignores_line_ends_and_spacing() -> None:
    assert realnews.text_hash("a\r\nb  c\n") == realnews.text_hash("a b c")


@pytest.mark.parametrize(
    ("remove", "reason"),
    [("texts", "no texts folder"), ("texts/rn2.txt", "1 texts missing")],
)
def test_skipped_with_a_reason_without_its_texts(tmp_path: Path, remove: str, reason: str) -> None:
    folder, texts = write_set(tmp_path)
    target = tmp_path / remove
    if target.is_dir():
        for path in target.iterdir():
            path.unlink()
        target.rmdir()
    else:
        target.unlink()
    results = evaluate(tmp_path / "gold", tmp_path / "dev", ["realnews"], realnews_dir=folder, texts=texts)
    assert reason in str(results["realnews"]["skipped"])


def test_the_texts_folder_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(realnews.TEXTS_ENV, str(tmp_path))
    assert realnews.texts_folder() == tmp_path
    assert realnews.texts_folder(Path("given")) == Path("given")


def test_a_manifest_line_round_trips(tmp_path: Path) -> None:
    folder, _ = write_set(tmp_path)
    entries = realnews.read_manifest(folder)
    assert [entry.split for entry in entries] == ["test", "dev"]
    assert dataclasses.replace(entries[0]) == entries[0]


def test_a_gold_text_that_cannot_be_read_stops_the_score(tmp_path: Path) -> None:
    """Scored as silence it would pass for the coder's miss."""
    folder, texts = write_set(tmp_path)
    text = " date 2024-13-45 France and Germany signed a pact.\n"  # a header date that is no date
    (texts / "rn2.txt").write_text(text, encoding="utf-8")
    manifest = [
        line.replace(realnews.text_hash(TEXTS["rn2"]), realnews.text_hash(text))
        for line in (folder / realnews.MANIFEST).read_text(encoding="utf-8").splitlines()
    ]
    (folder / realnews.MANIFEST).write_text("\n".join(manifest) + "\n", encoding="utf-8")
    with pytest.raises(FormatError, match="gold article rn2 cannot be read"):
        realnews.run(folder, texts)
