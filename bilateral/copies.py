"""Near-duplicate articles: wire copies, reposts, truncated reposts and lightly edited versions.

Each article gets a MinHash signature (datasketch) of the word 4-grams of its
opening words: copies share their opening, truncated reposts keep it, and light
edits change few of its shingles. The signature is cut into bands; articles that
share a band key are candidates, and a candidate whose estimated Jaccard
similarity reaches :data:`SAME` is a copy. Band keys live in the store, so a new
article joins or starts a group with a few indexed look-ups and without
recomputing the corpus.

datasketch and numpy are imported when a signature is first made or read, so that reading
the record (timelines, stories, the registries) does not load them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from bilateral.actors.fold import fold
from bilateral.records import Article

if TYPE_CHECKING:
    import numpy as np
    from datasketch import MinHash

PERMUTATIONS = 100
BANDS = 25
ROWS = PERMUTATIONS // BANDS
OPENING_WORDS = 150
SHINGLE = 4
SAME = 0.5
"""Estimated Jaccard similarity of the openings at which two articles are copies of one story."""
MIN_WORDS = 12
"""Shorter texts are too short to call copies (one stock phrase would match)."""

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Signature:
    """A MinHash signature as stored: ``PERMUTATIONS`` unsigned 64-bit values."""

    values: np.ndarray[tuple[int], np.dtype[np.uint64]]

    def to_bytes(self) -> bytes:
        return self.values.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        import numpy as np

        return cls(np.frombuffer(data, dtype="<u8").astype(np.uint64))

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two openings."""
        import numpy as np

        return float(np.count_nonzero(self.values == other.values)) / len(self.values)

    def bands(self) -> list[tuple[int, int]]:
        """(band number, key) pairs; two signatures sharing one are candidates."""
        keys = []
        for band in range(BANDS):
            chunk = self.values[band * ROWS : (band + 1) * ROWS].astype("<u8").tobytes()
            keys.append((band, int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little", signed=True)))
        return keys


@cache
def _template() -> MinHash:
    from datasketch import MinHash

    return MinHash(num_perm=PERMUTATIONS, seed=1, scheme="affine32")


def signature(article: Article) -> Signature | None:
    """The signature of an article's opening, or ``None`` when it is too short to compare."""
    import numpy as np
    from datasketch import MinHash

    words = _WORD.findall(fold(article.text[: OPENING_WORDS * 12]))[:OPENING_WORDS]
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[index : index + SHINGLE]).encode() for index in range(len(words) - SHINGLE + 1)}
    template = _template()
    minhash = MinHash(num_perm=PERMUTATIONS, seed=1, permutations=template.permutations, scheme="affine32")
    minhash.update_batch(list(shingles))
    return Signature(np.asarray(minhash.hashvalues, dtype=np.uint64))


def independent_sources(members: Iterable[tuple[str, str | None, str | None]]) -> int:
    """How many independent outlets among (article id, outlet, copy group) reports.

    Reports from one outlet count once, and so do copies of one story (a wire
    story and its syndicated reposts), whatever outlets carry them.
    """
    outlets = Outlets()
    for article, source, group in members:
        outlets.add(article, source, group)
    return outlets.count()


@dataclass(slots=True)
class Outlets:
    """Reports joined into independent outlets as they come, kept so that more can be added later: the outlets and
    copy groups that reports join together (an article with neither stands alone). An article stands for its outlet
    and its copy group, which never change once it is stored; a mutable accumulator, unlike the records."""

    parent: dict[str, str] = field(default_factory=dict)

    def add(self, article: str, source: str | None, group: str | None) -> None:
        nodes = [node for node in (f"s:{source}" if source else "", f"g:{group}" if group else "") if node]
        root = self._find(nodes[0] if nodes else f"a:{article}")
        for node in nodes[1:]:
            self.parent[self._find(node)] = root

    def count(self) -> int:
        return len({self._find(node) for node in list(self.parent)})

    def canonical(self) -> dict[str, str]:
        """Each node under the least node of its outlet, in order: one text for one grouping, however it grew."""
        least: dict[str, str] = {}
        for node in sorted(self.parent):
            least.setdefault(self._find(node), node)
        return {node: least[self._find(node)] for node in sorted(self.parent)}

    def _find(self, node: str) -> str:
        while self.parent.setdefault(node, node) != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node
