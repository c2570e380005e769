"""Bytes to text: byte-order marks, UTF-8, then detection for legacy encodings."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from bilateral.errors import BinaryInput, EmptyInput, EncodingError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WORD = re.compile(r"\w+")
_ACCENTED = re.compile(r"[^\W\d_\x00-\x7f]")  # a letter outside ASCII
# Icelandic letters inside words: Windows-1254 bytes for ğ, ı, ş, İ read as 1252.
_TURKISH_TELLS = re.compile(r"(?<=[a-zA-Z])[ÐðÝýÞþ]|[ÐðÝýÞþ](?=[a-z])")
# Control bytes that never occur in text files (NUL aside, which UTF-16 has).
_BINARY_BYTES = frozenset(range(0, 9)) | frozenset(range(14, 27)) | frozenset(range(28, 32))


def decode(data: bytes, *, origin: str) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of one text file.

    Raises :class:`EmptyInput`, :class:`BinaryInput` or :class:`EncodingError`.
    """
    if not data.strip():
        raise EmptyInput("the file is empty", origin=origin)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise EncodingError(
                    f"bad {encoding} after its byte-order mark: {error.reason}", origin=origin
                ) from error
    head = data[:4096]
    if b"\x00" in head:
        return _decode_bomless_utf16(data, origin=origin)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if sum(byte in _BINARY_BYTES for byte in head) > len(head) // 100:
        raise BinaryInput("binary data, not text", origin=origin)
    western = _western(data)
    if western is not None:
        return western
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise EncodingError("no text encoding fits these bytes", origin=origin)
    return str(best), best.encoding


def _western(data: bytes) -> tuple[str, str] | None:
    """Windows-1252 (or its Turkish sibling) when the bytes read as Latin-script words.

    Detectors guess badly on short Western text (Baltic, Central European
    pages for plain German or French); newsroom files that are not UTF-8 are
    overwhelmingly Windows-1252. Accented letters of a Latin-script language
    sit inside words with ASCII letters; Cyrillic or Greek bytes read as
    Windows-1252 make words of accented letters only.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    words = _accented_words(text)
    if not words:
        return text, "cp1252"
    if sum(any(char.isascii() for char in word) for word in words) < 0.8 * len(words):
        return None
    if _TURKISH_TELLS.search(text):
        return _turkish(data)
    return text, "cp1252"


def _turkish(data: bytes) -> tuple[str, str] | None:
    """Windows-1254, or ``None`` (the detector decides) for bytes it leaves undefined (0x8E, 0x9E, …)."""
    try:
        return data.decode("cp1254"), "cp1254"
    except UnicodeDecodeError:
        return None


def _accented_words(text: str) -> list[str]:
    """The words holding a letter outside ASCII, found in time linear in ``text``.

    (One pattern, ``\\w*[accented]\\w*``, took quadratic time on a long ASCII word.)
    """
    return [word for word in _WORD.findall(text) if not word.isascii() and _ACCENTED.search(word)]


def _decode_bomless_utf16(data: bytes, *, origin: str) -> tuple[str, str]:
    """UTF-16 without a BOM has NULs in every other byte; anything else is binary."""
    head = data[:4096]
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    half = len(head) // 2
    encoding = "utf-16-le" if odd_nuls > 0.8 * half else "utf-16-be" if even_nuls > 0.8 * half else None
    if encoding is None:
        raise BinaryInput("binary data, not text", origin=origin)
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as error:
        raise EncodingError(f"bad {encoding}: {error.reason}", origin=origin) from error
