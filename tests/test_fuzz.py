"""Property-based fuzzing of every reader and of repair, sentences, actors and the coder.

The budget is a Hypothesis profile (``conftest.py``): ``fuzz-ci`` by default, a few dozen examples
per property so the file runs in seconds; ``BILATERAL_FUZZ=long`` runs a thousand. The longer
mutation run is ``benchmarks/fuzz.py``; the cases it keeps in ``tests/fuzz_corpus/`` are replayed here.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.actors import Gazetteer, recognise
from bilateral.code import code
from bilateral.pipeline import analyse
from bilateral.read import read_paths
from bilateral.records import CodedArticle, Document, Failure, Field
from bilateral.repair import repair, repair_text
from bilateral.samples.formats import SUFFIXES, render
from bilateral.sentences import sentences, split

FUZZ = settings.get_profile(f"fuzz-{os.environ.get('BILATERAL_FUZZ', 'ci')}")
CORPUS = Path(__file__).parent / "fuzz_corpus"

# Every name a reader is chosen by (and none: the content is sniffed), each also gzipped.
NAMES = [f"input{suffix}" for suffix in SUFFIXES] + [f"input{suffix}.gz" for suffix in SUFFIXES if suffix]

# Words that make the coder and the gazetteer work: countries, capitals, people, offices, cues.
WORDS = [
    "France", "Germany", "Türkiye", "Turkey", "South Korea", "ROK", "Ankara", "Seoul", "Paris", "NATO", "UN",
    "G20", "Erdoğan", "Çavuşoğlu", "Lee Jae-myung", "the foreign minister", "the president", "signed",
    "agreed", "will sign", "did not sign", "condemned", "met", "urged", "sanctioned", "attacked", "a memorandum",
    "an agreement on", "defence", "energy", "on Monday", "last year", "in 2021", "Tأ1⁄4rkiye", "Ã©", "(", ")",
    ".", ",", "!", "?", "\n", "\n\n", " ", '"', "'", "U.S.", "Dr.", "—", "\u200b", "\x00", "\ufeff", "#", "&amp;",
]  # fmt: skip
news = st.lists(st.sampled_from(WORDS) | st.text(max_size=12), max_size=60).map(" ".join)
texts = news | st.text(max_size=300)
DATES = ["2024-03-06", "2024-06", "06/05/2024", "9999-12-28", "0001-01-02", "1717171717", ""]
dates = st.sampled_from(DATES) | st.text(max_size=12)
fields = st.fixed_dictionaries(
    {"text": texts},
    optional={"title": texts, "date": dates, "source": st.text(max_size=10), "url": st.text(max_size=20)},
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def read_one(folder: Path, name: str, data: bytes) -> list[Document | Failure]:
    path = folder / name
    path.write_bytes(gzip.compress(data, mtime=0) if name.endswith(".gz") else data)
    return list(read_paths([str(path)]))


def assert_clean(items: list[Document | Failure]) -> None:
    """Each item a document or one clear failure: a code that is not ``internal``, a one-line message."""
    assert items, "an input gave neither a document nor a failure"
    for item in items:
        assert isinstance(item, Document | Failure)
        if isinstance(item, Failure):
            assert item.code and item.code != "internal", item
            assert item.message and "\n" not in item.message, item


def assert_offsets(coded: CodedArticle) -> None:
    """Every sentence, mention and piece of evidence quotes the text its offsets index."""
    article = coded.reading.article
    fields = {Field.TITLE: article.title, Field.TEXT: article.text}
    for sentence in coded.reading.sentences:
        assert fields[sentence.field][sentence.start : sentence.end] == sentence.text
    for mention in coded.reading.mentions:
        assert fields[mention.field][mention.start : mention.end] == mention.text, mention
    for event in coded.events:
        evidence = event.evidence
        assert evidence.article_id == article.id
        assert fields[evidence.field][evidence.start : evidence.end] == evidence.quote, evidence


@FUZZ
@given(name=st.sampled_from(NAMES), data=st.binary(max_size=2_000))
def test_any_bytes_in_any_format_are_documents_or_clear_failures(folder: Path, name: str, data: bytes) -> None:
    assert_clean(read_one(folder, name, data))


@FUZZ
@given(suffix=st.sampled_from([s for s in SUFFIXES if s]), records=st.lists(fields, min_size=1, max_size=3),
       compressed=st.booleans())  # fmt: skip
def test_every_format_read_and_analysed_keeps_its_offsets(
    folder: Path, gaz: Gazetteer, suffix: str, records: list[dict[str, str]], compressed: bool
) -> None:
    items = read_one(folder, f"input{suffix}{'.gz' if compressed else ''}", render(suffix, records))
    assert_clean(items)
    for item in items:
        if isinstance(item, Document):
            result = analyse(item, gaz)
            assert result == analyse(item, gaz)  # deterministic
            if isinstance(result, Failure):
                assert_clean([result])
            else:
                assert_offsets(result)


@FUZZ
@given(text=texts, title=texts)
def test_repair_is_deterministic_and_leaves_no_lone_surrogate_it_was_not_given(text: str, title: str) -> None:
    article = repair(Document("fuzz", text, title))
    assert article == repair(Document("fuzz", text, title))
    assert article.text == article.text.strip() or not article.text
    repaired, _ = repair_text(text)
    assert isinstance(repaired, str)


@FUZZ
@given(text=texts)
def test_sentences_are_ordered_trimmed_and_inside_the_text(text: str) -> None:
    spans = split(text)
    previous = 0
    for start, end in spans:
        assert previous <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous = end
    assert all(not text[start:end].strip() for start, end in _gaps(spans, len(text)))


def _gaps(spans: list[tuple[int, int]], length: int) -> Iterator[tuple[int, int]]:
    """What lies between the sentences (only space, where nothing was dropped)."""
    previous = 0
    for start, end in spans:
        yield previous, start
        previous = end
    yield previous, length


@FUZZ
@given(text=texts, title=texts)
def test_actors_and_events_quote_the_text_they_point_into(gaz: Gazetteer, text: str, title: str) -> None:
    article = repair(Document("fuzz", text, title))
    assert sentences(article) == sentences(article)
    reading = recognise(article, gaz)
    coded = CodedArticle(reading, code(reading))
    assert_offsets(coded)
    assert coded == CodedArticle(recognise(article, gaz), code(recognise(article, gaz)))


def corpus_cases() -> list[Path]:
    return sorted(path for path in CORPUS.glob("*") if path.is_file() and path.name != "README.md")


@pytest.mark.parametrize("case", corpus_cases(), ids=lambda path: path.name)
def test_the_fuzz_corpus_replays_clean(tmp_path: Path, gaz: Gazetteer, case: Path) -> None:
    """Each case ``benchmarks/fuzz.py`` kept (named ``HASH.FORMAT``) is read and analysed cleanly."""
    name = "input" + case.name.partition(".")[2].replace("noext", "")
    copy = tmp_path / name
    copy.write_bytes(case.read_bytes())
    items = list(read_paths([str(copy)]))
    assert_clean(items)
    for item in items:
        if isinstance(item, Document):
            result = analyse(item, gaz)
            assert_clean([result]) if isinstance(result, Failure) else assert_offsets(result)
