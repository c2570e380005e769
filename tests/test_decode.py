import codecs
import re

import pytest

from bilateral.errors import BinaryInput, EmptyInput, EncodingError
from bilateral.read.decode import _accented_words, decode

TEXT = "Müller met the Turkish minister in Düsseldorf; the café said “yes” for 5 €."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        ((TEXT * 3).encode("cp1252"), "cp1252"),
    ],
)
def test_decodes_newsroom_encodings(data: bytes, encoding: str) -> None:
    text, found = decode(data, origin="x")
    assert TEXT in text
    assert found.replace("_", "-").lower() == encoding


def test_latin1_file_is_decoded_not_rejected() -> None:
    original = "Die Außenministerin traf den französischen Präsidenten in München. " * 4
    text, _ = decode(original.encode("latin-1"), origin="x")
    assert text == original


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInput),
        (b"  \n\n ", EmptyInput),
        (bytes(range(256)) * 8, BinaryInput),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, BinaryInput),
        (codecs.BOM_UTF8 + b"ok \xff\xfe broken", EncodingError),
    ],
)
def test_bad_bytes_raise_one_clear_error(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error) as raised:
        decode(data, origin="inbox/file.txt")
    assert "inbox/file.txt" in str(raised.value)


# The word pattern before it was made linear: the reference for which words it finds.
_QUADRATIC_ACCENTED_WORD = re.compile(r"\w*[^\W\d_\x00-\x7f]\w*")


@pytest.mark.parametrize(
    "text",
    [TEXT, "Ýstanbul'da anlaþma imzalandý", "ÐÝÞ ðýþ 123é é1 _é_ é_1 naïve", "Κύπρος and Россия met",
     "plain ascii only", "x²y³ ½ café—crème ｆｕｌｌ", "ǅemal ǈubljana"],
)  # fmt: skip
def test_accented_words_are_found_as_before(text: str) -> None:
    assert _accented_words(text) == _QUADRATIC_ACCENTED_WORD.findall(text)


def test_a_long_word_after_an_accented_letter_decodes() -> None:
    data = b"Caf\xe9 " + b"a" * 400_000  # took minutes when the word pattern was quadratic
    text, encoding = decode(data, origin="x")
    assert encoding == "cp1252" and text.startswith("Café aaa") and len(text) == len(data)
