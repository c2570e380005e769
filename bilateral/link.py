"""Linking after storage: copy groups, stories and registry entries, for every article not linked yet.

One transaction per batch, and articles are marked linked in it: a run killed
half-way links the rest next time, and re-coded articles are linked again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bilateral.records import CodedArticle
from bilateral.registry.entries import link_registry
from bilateral.store import Store
from bilateral.stories import attach, group, placed_first, rank, undated


def link(
    store: Store, *, batch_size: int = 500, handed: Iterable[CodedArticle] = (), among: Sequence[str] | None = None
) -> int:
    """Link every pending article, or only those ``among`` these ids; returns how many. Safe to re-run.

    ``handed``: articles just stored, as :meth:`Store.add` wrote them; their events are taken from here rather than
    read back from the store.
    """
    known = {item.reading.article.id: item.events for item in handed}
    done = 0
    while True:
        with store.linking() as linking:
            articles = linking.pending(batch_size, among)
            if not articles:
                return done
            for article in articles:
                if not linking.has_copy(article.id):
                    group(article, linking)
            ids = [article.id for article in articles]
            # Precisely dated reports first, so that undated ones find their story.
            read = linking.events_of([key for key in ids if key not in known])
            events = sorted(
                [*read, *(event for key in ids for event in known.get(key, ()))],
                key=lambda event: (rank(event.when), event.id),
            )
            placed = [(event, attach(event, linking)) for event in events if not undated(event)]
            placed += [(event, attach(event, linking)) for event in placed_first(
                [event for event in events if undated(event)], linking)]  # fmt: skip
            link_registry(placed, linking)
            linking.done(ids)
        done += len(articles)
