"""The database schema: one migration script per version, applied in order by :class:`~bilateral.store.Store`.

A database records its version in ``PRAGMA user_version``; a script may add tables, indexes
and triggers and fill them from what is already stored, never drop what a user has. These are SQLite's;
PostgreSQL's schema starts at version 8 (:data:`bilateral.store.postgres.MIGRATIONS`): a version after 8 adds a
script to both.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

SCHEMA_VERSION = 14
APPLICATION = "bilateral"
"""Written in the meta table of every database this package creates."""

MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        origin TEXT NOT NULL,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        url TEXT,
        source TEXT,
        published TEXT,
        language TEXT,
        repairs TEXT NOT NULL,
        window_start TEXT,
        window_end TEXT,
        window_because TEXT,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles (published);
    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        name TEXT,
        country TEXT,
        sector TEXT,
        office TEXT,
        role TEXT,
        form TEXT NOT NULL,
        source TEXT NOT NULL,
        PRIMARY KEY (article_id, field, start)
    );
    CREATE INDEX mentions_country ON mentions (country);
    CREATE TABLE failures (
        origin TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        seen INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (origin, code)
    );
    """,
    2: """
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        event TEXT NOT NULL,
        cameo TEXT NOT NULL,
        quad INTEGER NOT NULL,
        modality TEXT NOT NULL,
        date_start TEXT,
        date_end TEXT,
        background INTEGER NOT NULL,
        coder_version TEXT NOT NULL,
        record TEXT NOT NULL
    );
    CREATE INDEX events_article ON events (article_id);
    CREATE INDEX events_date ON events (date_start);
    CREATE TABLE event_countries (
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        country TEXT NOT NULL,
        role TEXT NOT NULL,
        PRIMARY KEY (event_id, country, role)
    );
    CREATE INDEX event_countries_country ON event_countries (country);
    """,
    3: """
    ALTER TABLE articles ADD COLUMN linked INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_pending ON articles (linked) WHERE linked = 0;
    CREATE TABLE copies (
        article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        copy_group TEXT NOT NULL,
        signature BLOB
    );
    CREATE INDEX copies_group ON copies (copy_group);
    CREATE TABLE copy_bands (
        band INTEGER NOT NULL,
        key INTEGER NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
    );
    CREATE INDEX copy_bands_key ON copy_bands (band, key);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        event TEXT NOT NULL,
        countries TEXT NOT NULL,
        negated INTEGER NOT NULL,
        direction TEXT NOT NULL,
        date_start TEXT,
        date_end TEXT,
        precision TEXT,
        date_method TEXT NOT NULL,
        first_event TEXT NOT NULL
    );
    CREATE INDEX stories_key ON stories (event, countries, date_start);
    CREATE INDEX stories_date ON stories (date_start);
    CREATE TABLE story_events (
        event_id TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
        story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        placed INTEGER NOT NULL
    );
    CREATE INDEX story_events_story ON story_events (story_id);
    CREATE TABLE agreements (
        id TEXT PRIMARY KEY,
        countries TEXT NOT NULL,
        topic TEXT NOT NULL,
        context TEXT NOT NULL,
        signed TEXT
    );
    CREATE INDEX agreements_key ON agreements (countries, topic);
    CREATE TABLE agreement_events (
        agreement_id TEXT NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        stage TEXT NOT NULL,
        kind TEXT NOT NULL,
        phrase TEXT NOT NULL,
        value TEXT,
        PRIMARY KEY (agreement_id, event_id)
    );
    CREATE INDEX agreement_events_event ON agreement_events (event_id);
    CREATE TABLE project_events (
        project TEXT NOT NULL,
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        PRIMARY KEY (project, event_id)
    );
    CREATE INDEX project_events_event ON project_events (event_id);
    """,
    4: """
    CREATE VIRTUAL TABLE articles_fts USING fts5 (
        article_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (article_id, title, text) VALUES (new.id, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE article_id = old.id;
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        DELETE FROM articles_fts WHERE article_id = old.id;
        INSERT INTO articles_fts (article_id, title, text) VALUES (new.id, new.title, new.text);
    END;
    INSERT INTO articles_fts (article_id, title, text) SELECT id, title, text FROM articles;
    """,
    5: """
    CREATE INDEX IF NOT EXISTS stories_end ON stories (event, countries, date_end);
    """,
    6: """
    ALTER TABLE stories ADD COLUMN stale INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE stories ADD COLUMN counted_quad INTEGER;
    ALTER TABLE stories ADD COLUMN counted_goldstein INTEGER;
    ALTER TABLE stories ADD COLUMN counted_intensity INTEGER;
    ALTER TABLE stories ADD COLUMN counted_articles INTEGER;
    ALTER TABLE stories ADD COLUMN counted_sources INTEGER;
    ALTER TABLE stories ADD COLUMN counted_start TEXT;
    ALTER TABLE stories ADD COLUMN counted_end TEXT;
    ALTER TABLE stories ADD COLUMN counted_precision TEXT;
    CREATE INDEX stories_stale ON stories (id) WHERE stale = 1;
    CREATE TABLE pair_periods (
        first TEXT NOT NULL,
        second TEXT NOT NULL,
        by TEXT NOT NULL,
        period TEXT NOT NULL,
        event TEXT NOT NULL,
        quad INTEGER NOT NULL,
        stories INTEGER NOT NULL,
        goldstein INTEGER NOT NULL,
        intensity INTEGER NOT NULL,
        scored INTEGER NOT NULL,
        articles INTEGER NOT NULL,
        sources INTEGER NOT NULL,
        PRIMARY KEY (first, second, by, period, event, quad)
    ) WITHOUT ROWID;
    ALTER TABLE agreements ADD COLUMN stale INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE agreements ADD COLUMN counted TEXT;
    CREATE INDEX agreements_stale ON agreements (id) WHERE stale = 1;
    CREATE TABLE project_counts (
        project TEXT PRIMARY KEY,
        stale INTEGER NOT NULL DEFAULT 1,
        counted TEXT
    );
    INSERT INTO project_counts (project) SELECT DISTINCT project FROM project_events;
    CREATE INDEX project_counts_stale ON project_counts (project) WHERE stale = 1;
    CREATE TABLE entry_periods (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        by TEXT NOT NULL,
        period TEXT NOT NULL,
        entries INTEGER NOT NULL,
        PRIMARY KEY (kind, key, by, period)
    ) WITHOUT ROWID;
    """,
    7: """
    ALTER TABLE agreements ADD COLUMN listed TEXT;
    CREATE TABLE parties (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        country TEXT NOT NULL,
        day TEXT,
        PRIMARY KEY (kind, id, country)
    ) WITHOUT ROWID;
    CREATE INDEX parties_country ON parties (kind, country, day IS NULL, day);
    INSERT INTO parties SELECT DISTINCT 'event', event_countries.event_id, event_countries.country, events.date_start
        FROM event_countries JOIN events ON events.id = event_countries.event_id;
    DROP TABLE event_countries;
    WITH RECURSIVE split (kind, id, day, country, rest) AS (
        SELECT 'story', id, date_start, '', countries || ' ' FROM stories
        UNION ALL SELECT 'agreement', id, NULL, '', countries || ' ' FROM agreements
        UNION ALL SELECT kind, id, day, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
            FROM split WHERE rest != ''
    )
    INSERT OR IGNORE INTO parties SELECT kind, id, country, day FROM split WHERE country != '';
    CREATE TRIGGER parties_event_delete AFTER DELETE ON events BEGIN
        DELETE FROM parties WHERE kind = 'event' AND id = old.id;
    END;
    CREATE TRIGGER parties_story_delete AFTER DELETE ON stories BEGIN
        DELETE FROM parties WHERE kind = 'story' AND id = old.id;
    END;
    CREATE TRIGGER parties_agreement_delete AFTER DELETE ON agreements BEGIN
        DELETE FROM parties WHERE kind = 'agreement' AND id = old.id;
    END;
    CREATE TRIGGER parties_story_day AFTER UPDATE OF date_start ON stories BEGIN
        UPDATE parties SET day = new.date_start WHERE kind = 'story' AND id = new.id;
    END;
    CREATE TRIGGER parties_agreement_day AFTER UPDATE OF listed ON agreements BEGIN
        UPDATE parties SET day = new.listed WHERE kind = 'agreement' AND id = new.id;
    END;
    CREATE INDEX parties_newest ON parties (kind, country, day IS NULL, day DESC);
    CREATE INDEX events_order ON events (date_start IS NULL, date_start, id);
    CREATE INDEX events_newest ON events (date_start IS NULL, date_start DESC, id);
    CREATE INDEX stories_order ON stories (date_start IS NULL, date_start, id);
    CREATE INDEX agreements_listed ON agreements (listed IS NULL, listed, id);
    UPDATE agreements SET stale = 1;
    CREATE INDEX articles_listed ON articles (published IS NULL, published, origin);
    CREATE INDEX articles_newest ON articles (published IS NULL, published DESC, id);
    CREATE INDEX story_events_placed ON story_events (article_id) WHERE placed = 1;
    """,
    8: """
    CREATE TABLE IF NOT EXISTS watch_sources (
        source TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        digest TEXT,
        last_attempt TEXT,
        last_success TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_due TEXT,
        lease_owner TEXT,
        lease_until TEXT
    );
    CREATE TABLE IF NOT EXISTS watch_items (
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (source, key)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS alerts (
        id INTEGER PRIMARY KEY,
        rule TEXT NOT NULL,
        story TEXT NOT NULL,
        stages TEXT NOT NULL,
        fired_at TEXT NOT NULL,
        alert TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS alerts_story ON alerts (rule, story);
    CREATE INDEX IF NOT EXISTS alerts_fired ON alerts (fired_at);
    CREATE INDEX IF NOT EXISTS articles_ingested ON articles (ingested_at);
    """,
    9: """
    ALTER TABLE parties ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
    UPDATE parties SET hidden = 1 WHERE kind = 'event' AND id IN (SELECT id FROM events WHERE background = 1);
    CREATE TABLE party_counts (
        kind TEXT NOT NULL,
        first TEXT NOT NULL,
        second TEXT NOT NULL,
        hidden INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (kind, first, second, hidden)
    ) WITHOUT ROWID;
    INSERT INTO party_counts SELECT kind, country, '', hidden, count(*) FROM parties GROUP BY kind, country, hidden;
    INSERT INTO party_counts SELECT one.kind, one.country, other.country, one.hidden, count(*)
        FROM parties AS one JOIN parties AS other
            ON other.kind = one.kind AND other.id = one.id AND other.country > one.country
        GROUP BY one.kind, one.country, other.country, one.hidden;
    CREATE TRIGGER party_counts_add AFTER INSERT ON parties BEGIN
        INSERT INTO party_counts VALUES (new.kind, new.country, '', new.hidden, 1)
            ON CONFLICT (kind, first, second, hidden) DO UPDATE SET n = n + 1;
        INSERT INTO party_counts
            SELECT new.kind, min(new.country, other.country), max(new.country, other.country), new.hidden, 1
            FROM parties AS other WHERE other.kind = new.kind AND other.id = new.id AND other.country != new.country
            ON CONFLICT (kind, first, second, hidden) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER party_counts_take AFTER DELETE ON parties BEGIN
        UPDATE party_counts SET n = n - 1
            WHERE kind = old.kind AND first = old.country AND second = '' AND hidden = old.hidden;
        UPDATE party_counts SET n = n - 1
            WHERE kind = old.kind AND hidden = old.hidden AND (first, second) IN (
                SELECT min(old.country, other.country), max(old.country, other.country)
                FROM parties AS other WHERE other.kind = old.kind AND other.id = old.id
            );
    END;
    """,
    10: """
    DROP TRIGGER party_counts_add;
    """,
    11: """
    ALTER TABLE agreements ADD COLUMN entry TEXT;
    UPDATE agreements SET stale = 1;
    """,
    12: """
    ALTER TABLE stories ADD COLUMN long_span INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE agreements ADD COLUMN summary TEXT;
    UPDATE agreements SET stale = 1;
    UPDATE stories SET long_span = 1
        WHERE precision IS NOT 'window' AND julianday(date_end) - julianday(date_start) > 40;
    DROP INDEX IF EXISTS stories_end;
    CREATE INDEX stories_long ON stories (event, countries, negated, date_end) WHERE long_span = 1;
    CREATE INDEX stories_window ON stories (event, countries, negated, date_start) WHERE precision = 'window';
    """,
    13: """
    DROP TRIGGER articles_fts_insert;
    DROP TRIGGER articles_fts_delete;
    DROP TRIGGER articles_fts_update;
    CREATE TABLE fts_pending (article_id TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TRIGGER articles_fts_pending AFTER INSERT ON articles BEGIN
        INSERT INTO fts_pending VALUES (new.id);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE article_id = old.id;
        DELETE FROM fts_pending WHERE article_id = old.id;
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        DELETE FROM articles_fts WHERE article_id = old.id;
        INSERT INTO fts_pending VALUES (new.id) ON CONFLICT DO NOTHING;
    END;
    """,
    14: """
    ALTER TABLE agreements ADD COLUMN last_signed TEXT;
    UPDATE agreements SET last_signed = signed;
    """,
}
"""Version 13: an article's words reach the full-text index through ``fts_pending`` (see
:meth:`bilateral.store.Store.index_text`), a batch at a time or in bulk after a large ingest, rather than by a
trigger on every insert: FTS5 writes a segment per transaction and merges them as they pile up, and one pass over
20,000 articles costs a third of what 40 batches of 500 cost.

Version 14: an agreement keeps its last day of signing (``last_signed``) beside its first (``signed``), so that a
signing joins only an entry it is near at both ends (see :mod:`bilateral.registry.entries`); an entry stored
before it takes its first day as its last."""


def statements(script: str) -> Iterator[str]:
    """The statements of a migration script (a trigger's body keeps its semicolons)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""
