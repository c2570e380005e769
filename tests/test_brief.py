"""Briefs: the data model and its citations, the chart, and the Markdown, HTML and PDF renderings."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from bilateral.actors import Gazetteer
from bilateral.cli import app
from bilateral.pipeline import ingest
from bilateral.report import BriefFormat, charts, write
from bilateral.report.brief import Brief, build, citation_label
from bilateral.report.html import render as render_html
from bilateral.report.markdown import escape
from bilateral.report.markdown import render as render_markdown
from bilateral.samples import corpus_dir
from bilateral.store import Store
from tests.conftest import BACKENDS, database

PAIR = ("TUR", "KOR")
HOSTILE_DAY = date(2025, 11, 27)
HOSTILE = {
    "title": 'Ankara summons envoy <script>alert("title")</script>',
    "text": (
        "ANKARA - Türkiye summoned the South Korean ambassador on Thursday <script>alert(1)</script> "
        "over remarks about the Altay tank. <img src=x onerror=alert(2)> Officials gave no further detail."
    ),
    "date": HOSTILE_DAY.isoformat(),
    "url": "javascript:alert(3)",
    "source": "<b>Evil</b> Outlet",
}


@pytest.fixture(scope="module", params=BACKENDS)
def corpus_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, gaz: Gazetteer
) -> Iterator[str]:
    """The bundled corpus plus one TUR–KOR article whose title, text, outlet and URL carry markup."""
    folder = tmp_path_factory.mktemp("brief")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    with database(request.param, folder) as path:
        with Store(path) as store:
            ingest([str(corpus_dir()), str(hostile)], store, gaz)
        yield path


@pytest.fixture(scope="module")
def whole(corpus_db: Path) -> Brief:
    with Store(corpus_db) as store:
        return build(store, PAIR, since=date(2021, 1, 1))


def _run(db: Path, *arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--db", str(db), *arguments])
    return result.exit_code, result.stdout, result.stderr


def test_every_statement_cites_articles_and_every_citation_resolves(whole: Brief) -> None:
    statements = [statement for section in whole.sections for statement in section.statements]
    assert len(statements) > 10
    numbers = {reference.number: reference for reference in whole.references}
    assert sorted(numbers) == list(range(1, len(numbers) + 1))
    for statement in statements:
        assert statement.citations, statement.text
        for number in statement.citations:
            reference = numbers[number]
            assert reference.outlet
            assert reference.published is not None or reference.dated.startswith("undated")
    cited = {number for statement in statements for number in statement.citations}
    assert cited == set(numbers)


def test_title_names_the_countries_and_the_period(whole: Brief) -> None:
    assert whole.title.startswith("Türkiye – South Korea: 2021-01-01 to ")
    assert whole.since == date(2021, 1, 1)
    assert whole.until == HOSTILE_DAY
    assert [section.key for section in whole.sections] == [
        "state", "changed", "agreements", "projects", "people", "stories",
    ]  # fmt: skip


def test_state_counts_stories_by_quad_with_scores_and_a_trend(whole: Brief) -> None:
    state = whole.sections[0]
    texts = [statement.text for statement in state.statements]
    assert any(text.startswith("Verbal cooperation: ") for text in texts)
    assert any(text.startswith("Verbal conflict: ") and "ACCUSE" in text for text in texts)
    assert any("Mean Goldstein score" in text and "balance" in text for text in texts)
    assert any(text.startswith("Against the ") for text in texts)
    assert sum(sum(counts) for counts in whole.chart.quads) >= 10


def test_an_undated_article_is_placed_by_its_story(whole: Brief) -> None:
    placed = [reference for reference in whole.references if reference.published is None]
    assert placed
    assert placed[0].dated == "undated (placed by its story on 2021-10-22)"
    assert placed[0].outlet == "005_tur_kor_cavusoglu_seoul_undated.txt"


def test_outlet_is_the_source_else_the_file_name(whole: Brief) -> None:
    outlets = {reference.outlet for reference in whole.references}
    assert "Gulf & Eurasia Energy Wire" in outlets  # the article's source
    assert "Meridian Wire" in outlets  # the outlet its wire dateline names
    assert "002_tur_kor_summit_business.txt" in outlets  # no source: the file it was read from
    assert "feed.xml" in outlets  # a feed item: the feed's file, not its URL's last segment


@pytest.mark.parametrize(
    ("since", "present", "absent"),
    [
        (date(2021, 1, 1), ["Science and technology agreement", "Nuclear energy MoU", "Altay tank"], []),
        (date(2025, 1, 1), ["Nuclear energy MoU", "Hyundai İzmit plant"], ["Science and technology", "Altay tank"]),
        (date(2025, 11, 26), [], ["Nuclear energy MoU", "Hyundai İzmit plant"]),
    ],
)
def test_since_limits_what_changed(corpus_db: Path, since: date, present: list[str], absent: list[str]) -> None:
    with Store(corpus_db) as store:
        brief = build(store, PAIR, since=since)
    changed = next(section for section in brief.sections if section.key == "changed")
    assert changed.heading == f"What changed since {since.isoformat()}"
    text = " ".join(statement.text for statement in changed.statements)
    for name in present:
        assert name in text
    for name in absent:
        assert name not in text
    if not changed.statements:
        assert changed.empty.startswith("Nothing new since")


def test_a_period_with_nothing_says_so(corpus_db: Path) -> None:
    with Store(corpus_db) as store:
        brief = build(store, PAIR, since=date(2019, 1, 1), until=date(2019, 12, 31))
    assert brief.sections[0].statements == ()
    assert brief.sections[0].empty == "No stories in this period."
    assert not any(
        statement for section in brief.sections if section.key in {"state", "people", "stories"}
        for statement in section.statements
    )  # fmt: skip


@pytest.mark.parametrize(
    ("numbers", "label"),
    [([], ""), ([3], "[3]"), ([1, 2], "[1, 2]"), ([1, 2, 3], "[1–3]"), ([7, 1, 2, 3, 5, 3], "[1–3, 5, 7]")],
)
def test_citation_label(numbers: list[int], label: str) -> None:
    assert citation_label(numbers) == label


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
        ("[click](javascript:x)", r"\[click\](javascript:x)"),
        ("*bold* and _it_", r"\*bold\* and \_it\_"),
        ("# not a heading", r"\# not a heading"),
        ("R&D &amp; more", "R&D &amp;amp; more"),
        ("two\nlines", "two lines"),
    ],
)
def test_markdown_escape(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_chart_counts_stories_per_period_and_draws(whole: Brief) -> None:
    chart = whole.chart
    assert len(chart.labels) == len(chart.quads)
    assert chart.labels[0] == "2021" and chart.labels[-1] == "2025"  # more than three years: one bar a year
    png = charts.png(chart, "test")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    svg = charts.svg(chart, "Türkiye – South Korea")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg


def test_html_escapes_article_text_outlets_and_links(corpus_db: Path) -> None:
    with Store(corpus_db) as store:
        brief = build(store, PAIR, since=HOSTILE_DAY, until=HOSTILE_DAY)
    page = render_html(brief, chart_svg=charts.svg(brief.chart, "chart"))
    assert "<script" not in page.lower()
    assert "<img src=x" not in page and "<b>Evil" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the quote, shown as text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in page  # the title
    assert "&lt;b&gt;Evil&lt;/b&gt; Outlet" in page
    assert "javascript:" not in page.split("</style>", 1)[1].replace("javascript:alert(3)</span>", "")
    assert 'href="javascript' not in page
    assert re.search(r'<img alt="[^"]*" src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+">', page)
    markdown = render_markdown(brief)
    assert "<script" not in markdown and "&lt;script>" in markdown
    assert "](javascript" not in markdown and "<javascript" not in markdown


def test_markdown_to_stdout_shows_a_sparkline(corpus_db: Path) -> None:
    code, out, err = _run(corpus_db, "brief", "TUR", "KOR", "--since", "2025-01-01")
    assert code == 0, err
    assert out.startswith("# Türkiye – South Korea: 2025-01-01 to 2025-11-27\n")
    assert "## State of the relationship" in out and "## References" in out
    assert re.search(r"Stories per year, 2021 to 2025: `[ ▁-█]+`", out)
    assert re.search(r"^- .+ \[\d+(?:[–,] ?\d+)*\]$", out, re.MULTILINE)
    assert re.search(r"^1\. .+, 2025-11-2\d", out, re.MULTILINE)


def test_markdown_file_gets_its_chart_beside_it(corpus_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "tur-kor.md"
    code, _, err = _run(corpus_db, "brief", "TUR", "KOR", "-o", str(target))
    assert code == 0, err
    image = tmp_path / "tur-kor-timeline.png"
    assert image.read_bytes().startswith(b"\x89PNG")
    assert "![Stories per year by QuadClass](tur-kor-timeline.png)" in target.read_text(encoding="utf-8")
    assert f"wrote {image}, {target}" in err


def test_pdf_is_readable_with_headings_citations_outlets_and_the_chart(corpus_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "brief.pdf"
    code, _, err = _run(corpus_db, "brief", "TUR", "KOR", "--since", "2021-01-01", "--format", "pdf", "-o", str(target))
    assert code == 0, err
    reader = PdfReader(target)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for heading in ("State of the relationship", "What changed since 2021-01-01", "Agreements", "Projects",
                    "Key people", "Most reported stories", "References"):  # fmt: skip
        assert heading in text
    assert "Türkiye – South Korea" in text
    assert "Çavuşoğlu" in text  # beyond Latin-1: the embedded font, not a base font
    assert re.search(r"\[1(?:[,–\]])", text)
    assert "Gulf & Eurasia Energy Wire, 2025-11-24" in text
    assert "undated (placed by its story on 2021-10-22)" in text
    assert sum(len(page.images) for page in reader.pages) >= 1
    links = [annotation.get_object() for page in reader.pages for annotation in page.get("/Annots", [])]
    assert any(link.get("/Subtype") == "/Link" and "/Dest" in link for link in links)  # [n] jumps to reference n
    assert reader.metadata is not None and reader.metadata.title is not None
    assert reader.metadata.title.startswith("Türkiye – South Korea")


@pytest.mark.parametrize("fmt", ["html", "pdf"])
def test_html_and_pdf_default_to_a_file_named_after_the_pair(
    corpus_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(corpus_db, "brief", "kor", "tur", "--format", fmt)
    assert code == 0, err
    assert out == ""
    written = tmp_path / f"brief-KOR-TUR.{fmt}"
    assert written.stat().st_size > 1000
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["TUR", "XYZ"], "error[usage.country]: unknown country 'XYZ'"),
        (["TUR", "Germny"], "error[usage.country]: unknown country 'Germny'; did you mean Germany (DEU)?"),
        (["TUR", "tur"], "error[usage]: a brief needs two different countries"),
        (["Turkey", "TR"], "error[usage]: a brief needs two different countries"),
        (["TUR", "KOR", "--since", "2025-02-30"], "error[usage]: --since '2025-02-30' is not a YYYY-MM-DD date"),
    ],
)
def test_errors_are_one_line(corpus_db: Path, arguments: list[str], message: str) -> None:
    code, out, err = _run(corpus_db, "brief", *arguments)
    assert code == 2  # a usage error
    assert out == ""
    assert err.startswith(message) and err.count("\n") == 1


def test_an_unwritable_file_is_one_error_and_leaves_nothing(corpus_db: Path, tmp_path: Path) -> None:
    code, _, err = _run(corpus_db, "brief", "TUR", "KOR", "--format", "pdf", "-o", str(tmp_path / "no" / "b.pdf"))
    assert code == 1
    assert err.startswith("error[report]: ") and err.count("\n") == 1
    assert not list(tmp_path.rglob("*.partial"))


def test_write_returns_the_files_it_wrote(whole: Brief, tmp_path: Path) -> None:
    written = write(whole, BriefFormat.html, tmp_path / "b.html")
    assert written == [tmp_path / "b.html"]
    assert (tmp_path / "b.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_seeds_give_the_altay_milestones_and_cite_the_seed_files(tmp_path: Path, gaz: Gazetteer, seeds: Path) -> None:
    path = tmp_path / "seeds.db"
    with Store(path) as store:
        ingest([str(corpus_dir()), str(seeds)], store, gaz)
        brief = build(store, PAIR, since=date(2021, 1, 1))
    projects = next(section for section in brief.sections if section.key == "projects")
    altay = [statement.text for statement in projects.statements if statement.text.startswith("Altay tank")]
    assert altay
    milestones = [statement.text[:4] for statement in projects.statements if statement.level == 1]
    assert {"2021", "2025"} <= set(milestones)
    outlets = {reference.outlet: reference for reference in brief.references}
    assert outlets["KUNA"].published == date(2025, 11, 24)  # seed 000: the outlet its dateline names
    seed_003 = next(name for name in outlets if name.startswith("003_"))
    assert outlets[seed_003].dated == "undated (placed by its story on 2021-10-22)"
