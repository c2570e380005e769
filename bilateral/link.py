"""Linking after storage: copy groups and stories, for every article not linked yet."""

from __future__ import annotations

from bilateral.store import Store
from bilateral.stories import link_articles


def link(store: Store, *, batch_size: int = 500) -> int:
    """Link every pending article, one transaction per batch; returns how many. Safe to re-run."""
    done = 0
    while True:
        with store.linking() as linking:
            articles = linking.pending(batch_size)
            if not articles:
                return done
            ids = [article.id for article in articles]
            link_articles(articles, linking.events_of(ids), linking)
            linking.done(ids)
        done += len(articles)
