"""Text repair: encoding damage, control characters and boilerplate lines.

Two kinds of encoding damage are undone:

* classic mojibake (UTF-8 read as Windows-1252 and friends), by ftfy;
* the same damage through a code page ftfy does not try (Windows-1256,
  Arabic, among others), followed by Unicode NFKC normalisation, which turns
  ``ü`` into ``Tأ1⁄4rkiye``: the ``¼`` that byte 0xBC decodes to is
  decomposed to ``1⁄4``. :func:`_undo_codepage_damage` maps each code page's
  characters, and their NFKC forms, back to bytes and re-decodes runs that
  form valid UTF-8 next to Latin letters.

Both run only behind a cheap check, since most text is clean.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from bilateral.records import MAX_TEXT, Article, Document

if TYPE_CHECKING:
    import ftfy

# Code pages whose UTF-8 damage ftfy does not undo once text went through NFKC.
_CODEPAGES = ("cp1256", "cp1251", "cp1253", "cp1255", "cp1250", "cp1254", "cp1257", "cp1252")
_FTFY_PAGES = frozenset({"cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_BLANK_RUN = re.compile(r"\n{3,}")
_SPACE_RUN = re.compile(r"[ \t\u00a0]+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)")

log = logging.getLogger(__name__)


@cache
def _ftfy_config() -> ftfy.TextFixerConfig:
    """ftfy, imported the first time text looks damaged, and how we run it."""
    import ftfy

    return ftfy.TextFixerConfig(
        uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, explain=False
    )


@dataclass(frozen=True, slots=True)
class _Codepage:
    name: str
    leads: frozenset[str]
    pattern: re.Pattern[str]
    bytes_of: dict[str, int]


@cache
def _codepage(name: str) -> _Codepage:
    bytes_of: dict[str, int] = {}
    for byte in range(0x80, 0x100):
        try:
            char = bytes([byte]).decode(name)
        except UnicodeDecodeError:
            continue
        for form in (char, unicodedata.normalize("NFKC", char)):
            # A lone ASCII form is ambiguous, but for superscript digits (¹²³
            # become 1 2 3 under NFKC), which may only continue a sequence.
            if (form.strip() and not form.isascii()) or len(form) > 1 or (form.isdigit() and byte <= 0xBF):
                bytes_of.setdefault(form, byte)

    def alternatives(low: int, high: int) -> str:
        forms = [form for form, byte in bytes_of.items() if low <= byte <= high]
        longer = sorted((form for form in forms if len(form) > 1), key=len, reverse=True)
        single = "".join(re.escape(form) for form in forms if len(form) == 1)
        return "|".join([*(re.escape(form) for form in longer), f"[{single}]"])

    lead2, lead3, cont = alternatives(0xC2, 0xDF), alternatives(0xE0, 0xEF), alternatives(0x80, 0xBF)
    pattern = re.compile(f"({lead2})({cont})|({lead3})({cont})({cont})")
    leads = frozenset(form[0] for form, byte in bytes_of.items() if 0xC2 <= byte <= 0xEF and not form[0].isascii())
    return _Codepage(name, leads, pattern, bytes_of)


def _plausible(char: str) -> bool:
    code = ord(char)
    if unicodedata.category(char).startswith("L"):
        return 0xC0 <= code <= 0x24F or 0x1E00 <= code <= 0x1EFF
    return char in "‘’“”–—…•€™ "


@cache
def _leads() -> tuple[re.Pattern[str], dict[str, tuple[_Codepage, ...]]]:
    """One pattern for every lead character, and the code pages each belongs to."""
    pages_of: dict[str, tuple[_Codepage, ...]] = {}
    for name in _CODEPAGES:
        page = _codepage(name)
        for char in page.leads:
            pages_of[char] = (*pages_of.get(char, ()), page)
    gate = re.compile("[" + "".join(re.escape(char) for char in sorted(pages_of)) + "]")
    return gate, pages_of


def _undo_codepage_damage(text: str) -> tuple[str, frozenset[str]]:
    """Re-decode damaged runs; return the text and the code pages that fixed it."""
    gate, pages_of = _leads()
    pieces: list[str] = []
    used: set[str] = set()
    done = 0
    for lead in gate.finditer(text):
        if lead.start() < done:
            continue
        for page in pages_of[lead[0]]:
            match = page.pattern.match(text, lead.start())
            char = _redecode(match, page) if match else None
            if match and char:
                pieces += (text[done : match.start()], char)
                done = match.end()
                used.add(page.name)
                break
    if not pieces:
        return text, frozenset()
    return "".join(pieces) + text[done:], frozenset(used)


def _redecode(match: re.Match[str], page: _Codepage) -> str | None:
    """The character a damaged sequence stood for, if it plausibly did."""
    raw = bytes(page.bytes_of[group] for group in match.groups() if group is not None)
    try:
        char = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    text = match.string
    before = text[match.start() - 1 : match.start()]
    after = text[match.end() : match.end() + 1]
    if _plausible(char) and (before.isalpha() or after.isalpha()):
        return char
    return None


def repair_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Return repaired text and the names of the repairs applied."""
    repairs: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
        repairs.append("control-characters")
    if not text.isascii():
        fixed, pages = _undo_codepage_damage(text)
        if pages & _FTFY_PAGES:
            # Mojibake ftfy knows: let it undo all layers, then finish the rest.
            import ftfy

            fixed, pages = _undo_codepage_damage(ftfy.fix_text(text, _ftfy_config()))
            repairs.append("ftfy")
        if pages:
            repairs.append("codepage")
        text = fixed
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
    return text, tuple(repairs)


_BOILERPLATE = re.compile(
    r"""^(?:
        (?:share|tweet|post|email|print|copy\ link|pin\ it|save)(?:\ (?:this|on|via|to)\b.*)?
      | (?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|e-?mail)(?:\s*[|•·/]\s*\w+)*
      | (?:read|see)\ (?:more|also)\b.*
      | also\ read\b.*
      | (?:related|recommended|more|most\ read|trending|top)
        (?:\ (?:stories|articles|news|coverage|content|from\ [\w ]{1,30}))?\s*(?::.*)?
      | (?:advertisement|sponsored(?:\ content)?|scroll\ to\ continue.*|story\ continues\ below.*)
      | (?:follow\ us|subscribe|sign\ up|join\ our|download\ (?:our|the)\ app|get\ the\ app|click\ here|tap\ here)\b.*
      | (?:we\ use\ cookies|this\ (?:site|website)\ uses\ cookies|accept\ (?:all\ )?cookies)\b.*
      | weather\b.{0,60}?-?\d+\s*°.*
      | (?:©|\(c\)\ |copyright\ ).*
      | .*\ball\ rights\ reserved\.?
      | .*\b(?:privacy\ policy|terms\ of\ (?:use|service)|cookie\ policy)\b.{0,60}
      | (?:photo|image|file\ photo|video)(?:\ credit)?:.{0,120}
      | (?:home|news|world|business|sport|sports|opinion|politics|culture|tech|menu)(?:\s*[|•·»/]\s*[\w&' -]{1,25}){2,}
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Cheap gate: every pattern above starts with one of these words or holds a tell.
_BOILERPLATE_STARTS = frozenset(
    [
        "share",
        "tweet",
        "post",
        "email",
        "e-mail",
        "print",
        "copy",
        "pin",
        "save",
        "facebook",
        "twitter",
        "x",
        "linkedin",
        "whatsapp",
        "telegram",
        "reddit",
        "read",
        "see",
        "also",
        "related",
        "recommended",
        "more",
        "most",
        "trending",
        "top",
        "advertisement",
        "sponsored",
        "scroll",
        "story",
        "follow",
        "subscribe",
        "sign",
        "join",
        "download",
        "get",
        "click",
        "tap",
        "we",
        "this",
        "accept",
        "weather",
        "©",
        "(c)",
        "copyright",
        "photo",
        "image",
        "file",
        "video",
        "home",
        "news",
        "world",
        "business",
        "sport",
        "sports",
        "opinion",
        "politics",
        "culture",
        "tech",
        "menu",
    ]
)
_BOILERPLATE_TELLS = re.compile(r"[|•·»©°]|rights reserved|privacy policy|terms of", re.IGNORECASE)
_PAYWALL = re.compile(
    r"subscribers only|already a subscriber|subscribe (?:now )?to (?:continue|read)|to continue reading", re.IGNORECASE
)
_PAYWALL_MAX = 600
_MENU_SEPARATORS = re.compile(r"\s[|•·]\s")
_BOILERPLATE_MAX = 200


def is_boilerplate(line: str) -> bool:
    """A line that is page furniture (sharing, menus, teasers), not news."""
    stripped = line.strip()
    if not stripped or len(stripped) > _BOILERPLATE_MAX:
        return False
    first = stripped.split(" ", 1)[0].lower().rstrip(":")
    if first not in _BOILERPLATE_STARTS and not _BOILERPLATE_TELLS.search(stripped):
        return False
    if _BOILERPLATE.match(stripped):
        return True
    items = _MENU_SEPARATORS.split(stripped)
    return len(items) >= 4 and all(len(item.split()) <= 3 and not item.endswith(".") for item in items)


def clean_lines(text: str) -> tuple[str, int]:
    """Drop boilerplate lines and squeeze spaces; return the text and lines dropped.

    A short text that is only a paywall notice is boilerplate as a whole.
    """
    if len(text) < _PAYWALL_MAX and _PAYWALL.search(text):
        return "", text.count("\n") + 1
    kept: list[str] = []
    dropped = 0
    for line in text.split("\n"):
        if is_boilerplate(line):
            dropped += 1
            continue
        spaced = "  " in line or "\t" in line or "\u00a0" in line
        kept.append((_SPACE_RUN.sub(" ", line) if spaced else line).strip())
    return _BLANK_RUN.sub("\n\n", "\n".join(kept)).strip(), dropped


def content_id(title: str, text: str) -> str:
    """A stable id from the repaired content: the same article is one article."""
    digest = hashlib.blake2b(f"{title}\n\n{text}".encode(), digest_size=12)
    return digest.hexdigest()


def repair(document: Document) -> Article:
    """Repair a document's text and title, drop boilerplate, derive its id.

    A text longer than :data:`~bilateral.records.MAX_TEXT` is first cut at a sentence end (:func:`bounded`),
    with the repair ``truncated`` and a logged warning.
    """
    text, cut = bounded(document.text, origin=document.origin)
    text, repairs = repair_text(text)
    title, title_repairs = repair_text(document.title[:MAX_TEXT])
    text, dropped = clean_lines(text)
    title = _SPACE_RUN.sub(" ", title).strip()
    marks = (*(["truncated"] if cut else []), *(["boilerplate"] if dropped else []))
    applied = tuple(dict.fromkeys((*repairs, *title_repairs, *marks)))
    return Article(
        id=content_id(title, text),
        origin=document.origin,
        title=title,
        text=text,
        url=document.url,
        source=document.source,
        published=document.published,
        language=document.language,
        repairs=applied,
    )


def bounded(text: str, *, origin: str) -> tuple[str, bool]:
    """``text`` cut to at most :data:`~bilateral.records.MAX_TEXT` characters, and whether it was cut.

    The cut falls after the last sentence end within the bound, else at its last space, so that no sentence
    (and no event's evidence) is read in half; the warning names the input and both lengths.
    """
    if len(text) <= MAX_TEXT:
        return text, False
    head = text[:MAX_TEXT]
    # after the last sentence end, else after the last space, else at the bound
    cut = max((end.end() for end in _SENTENCE_END.finditer(head)), default=0) or head.rfind(" ") + 1 or MAX_TEXT
    log.warning(
        "%s: the text holds %d characters, over the %d read: cut to its first %d, at a sentence end",
        origin, len(text), MAX_TEXT, cut,
    )  # fmt: skip
    return head[:cut].rstrip(), True
