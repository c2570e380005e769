"""Synthetic news for benchmarks and load tests.

Articles are assembled from the project's own sentence templates and actor
names, with a share of encoding damage and boilerplate, so that every stage
does real work. The same ``seed`` gives the same corpus.
"""

from __future__ import annotations

import gzip
import json
import random
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

PAIRS = [
    ("Türkiye", "Turkish", "Ankara", "South Korea", "South Korean", "Seoul"),
    ("France", "French", "Paris", "Germany", "German", "Berlin"),
    ("Japan", "Japanese", "Tokyo", "China", "Chinese", "Beijing"),
    ("India", "Indian", "New Delhi", "Pakistan", "Pakistani", "Islamabad"),
    ("Brazil", "Brazilian", "Brasília", "Argentina", "Argentine", "Buenos Aires"),
    ("Egypt", "Egyptian", "Cairo", "Ethiopia", "Ethiopian", "Addis Ababa"),
    ("United States", "American", "Washington", "Mexico", "Mexican", "Mexico City"),
    ("Russia", "Russian", "Moscow", "Ukraine", "Ukrainian", "Kyiv"),
]
OFFICES = ["foreign minister", "defence minister", "prime minister", "president", "trade minister"]
SECTORS = ["energy", "defence industry", "trade", "semiconductors", "shipbuilding", "health", "agriculture", "tourism"]
SENTENCES = [
    "The {a_adj} {office} met his {b_adj} counterpart in {b_cap} on {weekday} to discuss {sector} cooperation.",
    "{a} and {b} signed a memorandum of understanding on {sector} during the visit.",
    "Officials in {a_cap} said the talks with {b} had been constructive and would continue next month.",
    "The {b_adj} side urged {a} to ease restrictions on {sector} exports, a spokesperson said.",
    "{b} criticised {a_adj} plans for new tariffs on {sector} goods.",
    "Trade between {a} and {b} reached {amount} billion dollars last year, according to official figures.",
    "The {a_adj} delegation also met executives from {sector} companies in {b_cap}.",
    "Both countries agreed to set up a working group on {sector} by the end of the year.",
    "The {b_adj} {office} said {a_cap} remained an important partner in the region.",
    "Analysts in {b_cap} said the agreement could open a new phase in relations.",
]
BOILERPLATE = [
    "Share this article",
    "Read more: markets close higher",
    "Advertisement",
    "Home | World | Business | Sport",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
OPENERS = [
    "On {weekday}, ",
    "Late on {weekday}, ",
    "In a statement on {weekday}, ",
    "According to {count} officials, ",
    "For the {nth} time this year, ",
    "After {count} hours of talks, ",
    "In a briefing to {count} reporters, ",
    "Speaking in {city}, ",
    "In remarks broadcast from {city}, ",
    "As {count} delegates looked on, ",
    "Two days after the {city} meeting, ",
    "In a {count}-page document, ",
    "",
]
_COMMON_STARTS = {"The", "Officials", "Trade", "Analysts", "Both"}
CITIES = ["Geneva", "Vienna", "Doha", "Singapore", "Nairobi", "Oslo", "Jakarta", "Astana", "Baku", "Lima", "Rabat"]


def _damage(text: str, rng: random.Random) -> str:
    """Break one accented word the way some feeds do (UTF-8 read as cp1256, then NFKC)."""
    for word in ("Türkiye", "Brasília"):
        if word in text and rng.random() < 0.5:
            broken = unicodedata.normalize("NFKC", word.encode("utf-8").decode("cp1256"))
            return text.replace(word, broken, 1)
    return text


COPY_SHARE = 0.1
"""Share of articles that are another outlet's copy of a recent one (edited, or cut short)."""
OUTLETS = ["wire.example", "daily.example", "defence.example", "herald.example", "ledger.example"]


def _copy(original: dict[str, str], number: int, rng: random.Random) -> dict[str, str]:
    """A syndicated repost: another outlet, a day later, a word changed, sometimes cut after a few lines.

    The trailer carries the repost's own number: two reposts of one original by one outlet on one day are
    still two articles.
    """
    lines = original["text"].split("\n")
    if rng.random() < 0.5:
        lines = lines[: max(4, len(lines) // 2)]
    edited = [line.replace(" said", " stated", 1) if rng.random() < 0.2 else line for line in lines]
    outlet = rng.choice([outlet for outlet in OUTLETS if outlet != original["source"]])
    edited.append(f"Item {number} first appeared on {original['source']} and is republished by {outlet}.")
    published = date.fromisoformat(original["date"]) + timedelta(days=rng.randint(0, 1))
    return {
        "title": original["title"].upper() if rng.random() < 0.3 else original["title"],
        "text": "\n".join(edited),
        "date": published.isoformat(),
        "source": outlet,
    }


def articles(count: int, *, seed: int = 7) -> Iterator[dict[str, str]]:
    """``count`` synthetic articles as JSON-ready dicts; about a tenth are copies of a recent one."""
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    recent: list[dict[str, str]] = []
    for number in range(count):
        if recent and rng.random() < COPY_SHARE:
            yield _copy(rng.choice(recent), number, rng)
            continue
        a, a_adj, a_cap, b, b_adj, b_cap = rng.choice(PAIRS)
        if rng.random() < 0.5:
            a, a_adj, a_cap, b, b_adj, b_cap = b, b_adj, b_cap, a, a_adj, a_cap
        values = {
            "a": a,
            "a_adj": a_adj,
            "a_cap": a_cap,
            "b": b,
            "b_adj": b_adj,
            "b_cap": b_cap,
            "office": rng.choice(OFFICES),
            "sector": rng.choice(SECTORS),
            "weekday": rng.choice(WEEKDAYS),
            "amount": str(rng.randint(2, 90)),
        }
        lines = [_sentence(values, rng) for _ in range(rng.randint(12, 22))]
        lines.append(f"Reference {number}: the ministry published the full text of the statement.")
        if rng.random() < 0.3:
            lines.insert(rng.randint(0, len(lines)), rng.choice(BOILERPLATE))
        text = "\n".join(lines)
        if rng.random() < 0.05:
            text = _damage(text, rng)
        published = start + timedelta(days=rng.randint(0, 2000))
        record = {
            "title": f"{a} and {b} discuss {values['sector']}",
            "text": text,
            "date": published.isoformat(),
            "source": rng.choice(OUTLETS),
        }
        recent = [*recent[-49:], record]
        yield record


def _sentence(values: dict[str, str], rng: random.Random) -> str:
    """One templated sentence; office, sector, weekday and amount vary from sentence to sentence."""
    varied = values | {
        "office": rng.choice(OFFICES),
        "sector": rng.choice(SECTORS),
        "weekday": rng.choice(WEEKDAYS),
        "amount": str(rng.randint(2, 90)),
    }
    opener = rng.choice(OPENERS).format(
        weekday=rng.choice(WEEKDAYS), count=rng.randint(3, 400), nth=f"{rng.randint(2, 19)}th", city=rng.choice(CITIES)
    )
    sentence = rng.choice(SENTENCES).format(**varied)
    first, _, rest = sentence.partition(" ")
    if opener and first in _COMMON_STARTS:
        first = first.lower()
    return f"{opener}{first} {rest}" if opener else sentence


def write_jsonl(path: Path, count: int, *, seed: int = 7, news: bool = False) -> Path:
    """Write ``count`` articles to ``path`` (gzip when it ends in ``.gz``).

    With ``news``, articles of realistic length and density (:mod:`bilateral.samples.news`) rather than
    these short, dense ones.
    """
    from bilateral.samples import news as realistic  # it builds on this module's copies and damage

    made = realistic.articles(count, seed=seed) if news else articles(count, seed=seed)
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as stream:
        for record in made:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
