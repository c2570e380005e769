"""Text repair: both kinds of encoding damage, and boilerplate lines."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilateral.read import read_paths
from bilateral.records import Document
from bilateral.repair import clean_lines, is_boilerplate, repair, repair_text

WORDS = ["Türkiye", "Gül", "Müller", "Düsseldorf", "São Paulo", "Çanakkale", "Erdoğan", "Çavuşoğlu", "Kraków", "Zürich"]


def damage(word: str, codepage: str, *, nfkc: bool) -> str:
    broken = word.encode("utf-8").decode(codepage, errors="replace")
    return unicodedata.normalize("NFKC", broken) if nfkc else broken


@pytest.mark.parametrize("word", WORDS)
@pytest.mark.parametrize(
    ("codepage", "nfkc"), [("cp1256", True), ("cp1256", False), ("cp1252", False), ("cp1251", True)]
)
def test_codepage_damage_is_undone(word: str, codepage: str, nfkc: bool) -> None:
    broken = damage(word, codepage, nfkc=nfkc)
    if "\ufffd" in broken:
        pytest.skip(f"{codepage} cannot carry every byte of {word}: the damage lost information")
    assert broken != word
    text, repairs = repair_text(f"The story of {broken}'s week.")
    assert text == f"The story of {word}'s week."
    assert repairs


def test_first_seed_turkiye_is_repaired(seeds: Path) -> None:
    (document,) = read_paths([str(seeds / "000_71c7a69bdbeef647.txt")])
    assert isinstance(document, Document)
    assert "Tأ1⁄4rkiye" in document.text
    article = repair(document)
    assert "Türkiye's support" in article.text
    assert "أ" not in article.text
    assert "codepage" in article.repairs


@pytest.mark.parametrize(
    "text",
    [
        "Москва и Анкара подписали соглашение «о сотрудничестве».",
        "Η Αθήνα και η Άγκυρα συμφώνησαν.",
        "وقعت تركيا وكوريا الجنوبية مذكرة تفاهم",
        "Çavuşoğlu and Müller met in Zürich; ½ of the deal is done — at 3¼ percent.",
        "Prices rose 2½% in Ñuñoa, said Ms. Ærø.",
    ],
)
def test_clean_text_is_left_alone(text: str) -> None:
    assert repair_text(text) == (text, ())


@given(st.text(alphabet=st.characters(codec="ascii", exclude_categories=("Cc",)), max_size=300))
def test_ascii_text_is_never_changed(text: str) -> None:
    assert repair_text(text)[0] == text


@pytest.mark.parametrize(
    ("line", "boilerplate"),
    [
        ("Share this article", True),
        ("Share on Facebook", True),
        ("Tweet", True),
        ("Read more: Ankara and Seoul sign power deal", True),
        ("Related stories", True),
        ("Home | World | Business | Sport | Opinion", True),
        ("Weather: Seoul 3°C, clear", True),
        ("© 2025 Example Media. All rights reserved.", True),
        ("Advertisement", True),
        ("Follow us on X and Telegram", True),
        ("Subscribe to our newsletter for daily briefings", True),
        ("Click here to download our app", True),
        ("Terms of use | Privacy policy | Contact us", True),
        ("The terms of the deal were not disclosed.", False),
        ("The two presidents discussed cooperation in trade and energy.", False),
        ("Related talks are planned for next week in Seoul, officials said.", False),
        ("Share prices of defence firms rose after the announcement.", False),
        ("Weather delayed the joint naval exercise by a day.", False),
        ("Follow-up talks will be held in March.", False),
        ("More than 40 states have ratified the treaty.", False),
    ],
)
def test_boilerplate_lines(line: str, boilerplate: bool) -> None:
    assert is_boilerplate(line) is boilerplate


def test_clean_lines_keeps_every_real_sentence() -> None:
    text = (
        "Home | World | Business | Sport\nThe ministers met in Ankara.\n"
        "Share this article\n\n\n\nThey signed a deal.\nAdvertisement"
    )
    assert clean_lines(text) == ("The ministers met in Ankara.\n\nThey signed a deal.", 3)


def test_same_content_same_id() -> None:
    first = repair(Document(origin="a.txt", title="T", text="Body  text.\n"))
    second = repair(Document(origin="b.jsonl:3", title="T", text="Body text."))
    assert first.id == second.id


def test_paywall_page_is_boilerplate() -> None:
    text = "Subscribe to continue reading. This article is available to subscribers only. Already a subscriber? Sign in"
    assert clean_lines(text)[0] == ""
