"""Readers: each input shape, and bad input as one failure naming it."""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from bilateral.errors import DateError
from bilateral.read import InputFormat, names_a_file, read_paths
from bilateral.read.dates import parse_published
from bilateral.read.jsonl import parse_lines
from bilateral.read.newsrecord import dateline_outlet, parse_text
from bilateral.records import Document, Failure

RECORD = (
    " date 2024-03-05 120\nMinisters meet in Paris\n"
    "The French foreign minister met her German counterpart on Tuesday.\nThey agreed to meet again.\n"
)


@pytest.mark.parametrize(
    ("text", "title", "published", "body_start"),
    [
        (RECORD, "Ministers meet in Paris", date(2024, 3, 5), "The French"),
        ("\n\n" + RECORD, "Ministers meet in Paris", date(2024, 3, 5), "The French"),
        (
            "Ministers meet in Paris\nThe French minister met her counterpart.",
            "Ministers meet in Paris",
            None,
            "The French",
        ),
        ("The French minister met her counterpart on Friday.\n\nThey talked.", "", None, "The French"),
        # A stored page whose header runs on into its first line: a sentence, or a title.
        (" date 2024-03-05 The French minister met her counterpart.\nMore.", "", date(2024, 3, 5), "The French"),
        (
            " date 2024-03-05 Ministers meet in Paris\n\nThe French minister met.",
            "Ministers meet in Paris",
            date(2024, 3, 5),
            "The French",
        ),
        (" date 2024-03-05 7\nMinisters meet\nThe French minister met.", "Ministers meet", date(2024, 3, 5), "The"),
        (" date 2021-05 The French minister met her counterpart.", "", None, "The French"),  # a month alone
        ("date night\nThey dined in Paris.\nThe ministers met later.", "date night", None, "They dined"),  # no header
        (" date soon 12\nMinisters meet\nThe French minister met.", "date soon 12", None, "Ministers meet"),
    ],
)
def test_news_record_and_plain_text(text: str, title: str, published: date | None, body_start: str) -> None:
    document = parse_text(text, origin="a.txt")
    assert (document.title, document.published) == (title, published)
    assert document.text.startswith(body_start)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"text": "Body.", "title": "T", "date": "2024-03-05"}, ("Body.", "T", date(2024, 3, 5), None)),
        (
            {"maintext": "Body.", "date_publish": "2024-03-05 09:12:00", "source_domain": "x.org"},
            ("Body.", "", date(2024, 3, 5), "x.org"),
        ),
        (
            {"content": "Body.", "published": "Tue, 05 Mar 2024 09:12:00 GMT", "domain": "y.com"},
            ("Body.", "", date(2024, 3, 5), "y.com"),
        ),
        (
            {"body": "Body.", "published_at": "2024-03-05T23:59:00Z", "source": {"name": "Wire"}},
            ("Body.", "", date(2024, 3, 5), "Wire"),
        ),
        ({"TEXT": "Body.", "Title": "T", "pubDate": "5 June 2024"}, ("Body.", "T", date(2024, 6, 5), None)),
        ({"text": "Body.", "date": ""}, ("Body.", "", None, None)),
    ],
)
def test_jsonl_field_names(record: dict[str, object], expected: tuple[object, ...]) -> None:
    (document,) = parse_lines([json.dumps(record).encode()], origin="dump.jsonl")
    assert isinstance(document, Document)
    assert (document.text, document.title, document.published, document.source) == expected


def test_jsonl_bad_lines_fail_alone() -> None:
    lines = [b'{"text": "One."}', b"{broken", b'{"title": "no text"}', b"[1, 2]", b"", b'{"text": "Two."}']
    items = list(parse_lines(lines, origin="dump.jsonl"))
    assert [item.text for item in items if isinstance(item, Document)] == ["One.", "Two."]
    failures = [item for item in items if isinstance(item, Failure)]
    assert [failure.origin for failure in failures] == ["dump.jsonl:2", "dump.jsonl:3", "dump.jsonl:4"]
    assert all(failure.code == "input.format" for failure in failures)


def test_jsonl_says_where_a_line_breaks_once() -> None:
    (failure,) = parse_lines([b'{"text": "France and\x01 Germany met."}'], origin="dump.jsonl")
    assert isinstance(failure, Failure)
    assert failure.message == "not JSON: Invalid control character at column 21"


PAGE = """<html><head><title>Site | Leaders meet</title>
<meta property="og:title" content="Leaders meet in Paris">
{meta}
</head><body><nav><ul><li>Home</li><li>World</li><li>Sport</li></ul></nav>
<article><h1>Leaders meet in Paris</h1>
<p>The French president met the German chancellor in Paris on Tuesday to discuss a joint fighter programme.</p>
<p>Both leaders said the talks had been productive and that officials would meet again next month.</p>
</article><footer>Copyright 2024 Example Media</footer><script>var x = 1;</script></body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(meta='<meta property="article:published_time" content="2024-03-05T10:00:00Z">'))
    (document,) = read_paths([str(page)])
    assert isinstance(document, Document)
    assert document.title == "Leaders meet in Paris"
    assert document.published == date(2024, 3, 5)
    assert document.text.startswith("The French president")
    assert "Home" not in document.text and "var x" not in document.text


def test_html_without_date_has_no_date(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(meta=""))
    (document,) = read_paths([str(page)])
    assert isinstance(document, Document)
    assert document.published is None


def test_folder_with_bad_files(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(RECORD)
    (tmp_path / "latin.txt").write_bytes(
        " date 2024-03-06 9\nTitel\nDie Außenministerin traf ihren Amtskollegen in München.\n".encode("latin-1")
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(RECORD.encode())[:-12])
    (tmp_path / "notes.md").write_text("not news")
    items = list(read_paths([str(tmp_path)]))
    documents = {Path(item.origin).name: item for item in items if isinstance(item, Document)}
    failures = {Path(item.origin).name: item.code for item in items if isinstance(item, Failure)}
    assert set(documents) == {"good.txt", "latin.txt"}
    assert "Außenministerin" in documents["latin.txt"].text
    assert failures == {"empty.txt": "input.empty", "image.txt": "input.binary", "cut.txt.gz": "input.compression"}


def test_gzip_jsonl_streams_until_truncation(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"text": f"Article number {n} about trade."}) + "\n" for n in range(2000))
    data = gzip.compress(lines.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = list(read_paths([str(tmp_path / "cut.jsonl.gz")]))
    assert isinstance(items[-1], Failure) and items[-1].code == "input.compression"
    assert 0 < sum(isinstance(item, Document) for item in items) < 2000


def test_glob_missing_path_and_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(RECORD)
    (tmp_path / "b.txt").write_text(RECORD.replace("Paris", "Rome"))
    assert len(list(read_paths([str(tmp_path / "*.txt")]))) == 2
    (missing,) = read_paths([str(tmp_path / "nope.txt")])
    assert isinstance(missing, Failure) and missing.code == "input.not_found"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"text": "From a pipe."}\n')))
    (piped,) = read_paths(["-"])
    assert isinstance(piped, Document) and piped.text == "From a pipe."


def test_menu_line_is_not_a_title() -> None:
    document = parse_text(
        "Home | World | Europe | Opinion | Sport\nTalks resume in Geneva\nThe envoys met.", origin="x"
    )
    assert document.title == "Talks resume in Geneva"


@pytest.mark.parametrize(
    ("body", "outlet"),
    [
        ("ANKARA, Nov 24 (Meridian Wire) - Türkiye and South Korea agreed on Monday.", "Meridian Wire"),
        ("(MENAFN- Kuwait News Agency (KUNA)) ANKARA, Nov 24 (KUNA) -- The president said.", "KUNA"),
        ("WASHINGTON (AP) — The talks ended.", "AP"),
        ("The Turkish (foreign) minister - met his counterpart.", None),
        ("Officials in Seoul (the capital) said - nothing.", None),
    ],
)
def test_a_wire_dateline_names_the_outlet(body: str, outlet: str | None) -> None:
    assert parse_text(f" date 2025-11-24 10\nTitle\n{body}", origin="x").source == outlet


# The dateline pattern before it was made linear: the reference for what it matches.
_QUADRATIC_DATELINE = re.compile(
    r"^(?:\([^()]*(?:\([^()]*\))?[^()]*\)\s*)?[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][a-z]{2}\.?\s+\d{1,2})?\s*"
    r"\((?P<outlet>[A-Z][\w&.' -]{1,40})\)\s*[-–—]"
)


@pytest.mark.parametrize(
    "body",
    ["(MENAFN- Kuwait News Agency (KUNA)) ANKARA, Nov 24 (KUNA) -- Talks.", "(Tag) SEOUL (Yonhap) - Talks.",
     "(A (B) C) PARIS (AFP) - x", "(A (B) C (D)) PARIS (AFP) - x", "(A) (B) PARIS (AFP) - x", "((B)) PARIS (AFP) - x",
     "(open PARIS (AFP) - x", "() PARIS (AFP) - x", "(A)PARIS (AFP)- x", "(A (B) PARIS (AFP) - x"],
)  # fmt: skip
def test_the_dateline_pattern_matches_as_before(body: str) -> None:
    before = _QUADRATIC_DATELINE.match(body)
    assert dateline_outlet(body) == (before["outlet"].strip() if before else None)


def test_an_unclosed_parenthesis_on_a_long_body_is_no_dateline() -> None:
    assert dateline_outlet("(" + "x" * 300_000) is None  # took minutes when the pattern was quadratic
    assert dateline_outlet("(A tag) ANKARA (Wire) - " + "x" * 300_000) == "Wire"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-06-05", date(2024, 6, 5)),
        ("2024-06-05T23:59:00Z", date(2024, 6, 5)),
        ("Wed, 05 Jun 2024 09:12:00 GMT", date(2024, 6, 5)),
        ("5 June 2024", date(2024, 6, 5)),
        ("5th Jun. 2024", date(2024, 6, 5)),
        ("June 5, 2024", date(2024, 6, 5)),
        ("Wednesday, June 5, 2024", date(2024, 6, 5)),
        ("Sept 5 2024", date(2024, 9, 5)),
        ("2024/06/05", date(2024, 6, 5)),
        ("13/05/2024", date(2024, 5, 13)),  # only one reading: day first
        ("05/13/2024", date(2024, 5, 13)),  # only one reading: month first
        ("06/06/2024", date(2024, 6, 6)),  # both readings are the same day
        (1717545600, date(2024, 6, 5)),  # 2024-06-05T00:00:00Z: the day in UTC, whatever the local zone
        (1717631999.5, date(2024, 6, 5)),
        ("1717545600", date(2024, 6, 5)),  # CSV values are strings
        ("1717545600.25", date(2024, 6, 5)),
        ("20240605T120000Z", date(2024, 6, 5)),  # GDELT's seendate
        ("20240605T1200+0300", date(2024, 6, 5)),
        ("20240605", date(2024, 6, 5)),
        ("20241305", "month must be in 1..12"),
        ("12345678901", "not a date in a form read here"),  # 11 digits: neither Unix seconds nor a day
        ("20240605T", "not a date in a form read here"),
        ("", None),
        (None, None),
        ("06/05/2024", "ambiguous (6 May or June 5)"),
        ("not a date", "not a date in a form read here"),
        ("2024-13-45", "month must be in 1..12"),
        ("31 Feb 2024", "day is out of range"),
        ("June 2024", None),  # a month alone: undated (test_a_month_alone_is_undated_in_every_reader)
        ("2024-06", None),
        ("2024/6", None),
        ("Sept. 2024", None),
        ("2024-13", "not a date in a form read here"),
        ("Juno 2024", "not a date in a form read here"),
    ],
)
def test_publication_dates(value: object, expected: date | str | None) -> None:
    if isinstance(expected, str):
        with pytest.raises(DateError, match=re.escape(expected)):
            parse_published(value, origin="dump.jsonl:1")
    else:
        assert parse_published(value, origin="dump.jsonl:1") == expected


@pytest.mark.parametrize("value", ["06/05/2024", "yesterday", "2024-02-30"])
def test_an_unreadable_date_fails_its_record_and_the_batch_goes_on(value: str) -> None:
    lines = [json.dumps({"text": "One.", "date": value}).encode(), b'{"text": "Two.", "date": "June 5, 2024"}']
    failed, read = parse_lines(lines, origin="dump.jsonl")
    assert isinstance(failed, Failure) and (failed.origin, failed.code) == ("dump.jsonl:1", "input.date")
    assert isinstance(read, Document) and read.published == date(2024, 6, 5)


def test_a_news_record_whose_header_date_is_no_date_fails(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(" date 2024-13-45 12\nA title\nBody text here.")
    (failed,) = read_paths([str(tmp_path / "a.txt")])
    assert isinstance(failed, Failure) and failed.code == "input.date"


CSV_DUMP = (
    'title,text,date,url,source\n'
    'Ministers meet,"The French minister met her German counterpart.\nThey agreed to meet again.",'
    '2024-03-05,https://example.org/a,Wire\n'
    '\n'
    'Second,The Turkish president visited Seoul.,"June 5, 2024",,\n'
)  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content", "titles", "dates", "sources"),
    [
        ("arts.csv", CSV_DUMP, ["Ministers meet", "Second"], [date(2024, 3, 5), date(2024, 6, 5)], ["Wire", None]),
        (
            "arts.tsv",
            "Headline\tBody\tPublished\nTalks\tThe envoys met in Geneva.\t5 June 2024\n",
            ["Talks"], [date(2024, 6, 5)], [None],
        ),
        ("arts.csv.gz", CSV_DUMP, ["Ministers meet", "Second"], [date(2024, 3, 5), date(2024, 6, 5)], ["Wire", None]),
        ("arts.tab", "text\ttitle\nOnly a body.\t\n", [""], [None], [None]),
        (
            "gdelt.tsv", "title\ttext\tseendate\nTalks\tThe envoys met.\t20240605T120000Z\n",
            ["Talks"], [date(2024, 6, 5)], [None],
        ),
        (
            "epoch.csv", 'title,text,date\nTalks,"The envoys met.\nThey agreed.",1717545600\n',
            ["Talks"], [date(2024, 6, 5)], [None],
        ),
    ],
)  # fmt: skip
def test_csv_and_tsv_dumps_use_the_jsonl_field_names(
    tmp_path: Path, name: str, content: str, titles: list[str], dates: list[date | None], sources: list[str | None]
) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(content.encode()) if name.endswith(".gz") else content.encode())
    documents = list(read_paths([str(path)]))
    assert all(isinstance(document, Document) for document in documents)
    assert [document.title for document in documents] == titles  # the header is never an article
    assert [document.published for document in documents] == dates
    assert [document.source for document in documents] == sources
    assert "\n" in documents[0].text or name.endswith(("tsv", "tab"))  # a quoted body keeps its lines


@pytest.mark.parametrize(
    ("content", "origins", "codes"),
    [
        ("name,date\nAnkara,2024-03-05\n", ["dump.csv"], ["input.format"]),  # no header names the text
        ("", ["dump.csv"], ["input.empty"]),
        (
            "text,date\nOne.,06/05/2024\nTwo.,2024-03-05\n,2024-03-05\n",
            ["dump.csv:2", "dump.csv:4"],
            ["input.date", "input.format"],
        ),
        ("text\nOne.,extra\n", ["dump.csv:2"], ["input.format"]),
        ("title,text,date\nOnly a title\nT,Two.,2024-03-05\n", ["dump.csv:2"], ["input.format"]),  # stops short
        ("description,title,text\nA summary,A title\n", ["dump.csv:2"], ["input.format"]),  # not the summary
    ],
)
def test_bad_csv_fails_by_file_or_by_row(tmp_path: Path, content: str, origins: list[str], codes: list[str]) -> None:
    (tmp_path / "dump.csv").write_text(content)
    failures = [item for item in read_paths([str(tmp_path / "dump.csv")]) if isinstance(item, Failure)]
    assert [Path(failure.origin).name for failure in failures] == origins
    assert [failure.code for failure in failures] == codes


def _pdf(path: Path, lines: list[str]) -> None:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    for number, line in enumerate(lines):
        canvas.drawString(72, 760 - 16 * number, line)
    canvas.save()


def test_pdf_text_is_read(tmp_path: Path) -> None:
    lines = [" date 2024-03-05 1", "Ministers meet in Paris", "The French minister met her German counterpart."]
    _pdf(tmp_path / "talks.pdf", lines)
    (document,) = read_paths([str(tmp_path / "talks.pdf")])
    assert isinstance(document, Document), document
    assert (document.title, document.published) == ("Ministers meet in Paris", date(2024, 3, 5))
    assert document.text == "The French minister met her German counterpart."


@pytest.mark.parametrize(
    ("user_password", "expected"),
    [("", "The French minister met her German counterpart."), ("secret", "the PDF is encrypted")],
)
def test_a_pdf_with_only_an_owner_password_is_read(tmp_path: Path, user_password: str, expected: str) -> None:
    import pypdf

    _pdf(tmp_path / "plain.pdf", ["The French minister met her German counterpart."])
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(tmp_path / "plain.pdf"))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    writer.write(tmp_path / "locked.pdf")
    (item,) = read_paths([str(tmp_path / "locked.pdf")])
    assert (item.text if isinstance(item, Document) else item.message).startswith(expected)


@pytest.mark.parametrize(
    ("name", "content", "code", "message"),
    [
        ("fake.pdf", b"The French minister met her counterpart.", "input.format", "not a PDF"),
        ("cut.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "input.format", "broken PDF"),
        ("notes.md", b"The French minister met her counterpart.", "input.unsupported", "'.md' is not a format"),
        ("notes.docx.gz", gzip.compress(b"Text."), "input.unsupported", "'.docx' is not a format"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_or_names_no_format_fails(
    tmp_path: Path, name: str, content: bytes, code: str, message: str
) -> None:
    (tmp_path / name).write_bytes(content)
    (failed,) = read_paths([str(tmp_path / name)])
    assert isinstance(failed, Failure) and failed.code == code and message in failed.message


def test_a_format_given_reads_any_name(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("The French minister met her counterpart.")
    (document,) = read_paths([str(tmp_path / "notes.md")], as_format=InputFormat.text)
    assert isinstance(document, Document) and document.text.startswith("The French")
    (walked,) = read_paths([str(tmp_path)], as_format=InputFormat.text)  # a walk then takes every file
    assert isinstance(walked, Document)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e", "\x85"])
def test_a_csv_row_ends_only_at_a_line_break(tmp_path: Path, separator: str) -> None:
    content = f"text,date\nThe envoys met.{separator}They agreed,2024-03-05\nSecond row.,2024-03-06\n"
    (tmp_path / "dump.csv").write_text(content, encoding="utf-8", newline="")
    documents = list(read_paths([str(tmp_path / "dump.csv")]))
    assert [(document.origin.rsplit(":", 1)[1], document.published) for document in documents] == [  # type: ignore[union-attr]
        ("2", date(2024, 3, 5)),
        ("3", date(2024, 3, 6)),
    ]
    assert separator in documents[0].text  # type: ignore[union-attr]


def test_a_csv_article_longer_than_the_csv_default_field_is_read(tmp_path: Path) -> None:
    long_text = "The envoys met again. " * 20_000  # 440,000 characters: past the csv module's 131,072
    content = f'text,date\n"{long_text}",2024-03-05\nSecond row.,2024-03-06\n'
    (tmp_path / "dump.csv").write_text(content)
    documents = list(read_paths([str(tmp_path / "dump.csv")]))
    assert all(isinstance(document, Document) for document in documents)
    assert [len(document.text) for document in documents] == [len(long_text.strip()), len("Second row.")]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("news.ndjson", True), ("NEWS.TXT", True), ("dump.Csv.GZ", True), ("archive.gz", True), ("a.pdf", True),
        ("notes.md", False), ("U.S.", False), ("Ankara", False), ("e.g", False), ("", False),
    ],
)  # fmt: skip
def test_a_name_ends_as_a_file_read_here(name: str, expected: bool) -> None:
    assert names_a_file(name) is expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.txt", " date 2024-06 12\nMinisters meet\nThe French minister met her counterpart."),
        ("a.jsonl", '{"text": "The French minister met her counterpart.", "date": "2024-06"}\n'),
        ("a.csv", "text,date\nThe French minister met her counterpart.,June 2024\n"),
        ("a.tsv", "text\tpublished\nThe French minister met her counterpart.\t2024/06\n"),
    ],
)
def test_a_month_alone_is_undated_in_every_reader(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, content: str
) -> None:
    (tmp_path / name).write_text(content)
    with caplog.at_level("INFO", logger="bilateral.read.dates"):
        (document,) = read_paths([str(tmp_path / name)])
    assert isinstance(document, Document), document
    assert document.published is None and document.text.startswith("The French")
    assert "names a month, not a day: read as undated" in caplog.text and name in caplog.text


@pytest.mark.parametrize("as_format", [None, InputFormat.text])
def test_a_folder_walk_skips_hidden_files_and_folders(tmp_path: Path, as_format: InputFormat | None) -> None:
    news = tmp_path / ".cache" / "news"  # the folder named may itself sit under a hidden one
    for path in (news / ".git" / "HEAD", news / ".git" / "notes.txt", news / "a" / ".draft" / "b.txt",
                 news / ".hidden.txt", news / "a" / "summit.txt"):  # fmt: skip
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("The French minister met her German counterpart.")
    origins = [item.origin for item in read_paths([str(news)], as_format=as_format)]
    assert origins == [str(news / "a" / "summit.txt")]
