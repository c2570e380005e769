"""PostgreSQL, the team backend: ``--db postgresql://user:pass@host:5432/name`` (psycopg 3, a connection pool).

The store's SQL is written once, in the subset both databases read, with ``?`` placeholders; :func:`translate`
makes a statement PostgreSQL's (``%s`` placeholders, SQLite's index hints dropped) and :class:`Connection` runs it
with the methods of an ``sqlite3.Connection`` the store uses (``execute``, ``executemany``; cursors iterate and
have ``fetchone``, ``fetchall`` and ``rowcount``). A single statement's values are bound on the client (psycopg's
``ClientCursor``), as SQLite binds them: a ``? IS NULL`` needs no declared type; a batch (``executemany``) goes
through one statement prepared and bound on the server, its values each bound for a typed column, and so do the
look-ups linking runs for every event (:meth:`Connection.prepared`).

Writers take one advisory lock per transaction, the counterpart of SQLite's ``BEGIN IMMEDIATE``: several
``ingest`` processes and a server may write at once, each transaction sees every one committed before it, so an
article or an event is stored once and no rollup update is lost, and no two writers wait on each other's rows
(no deadlock). Readers take no lock. The work outside a transaction (reading, coding) runs in parallel.

The schema is :data:`SCHEMA`, the SQLite schema's current version in PostgreSQL's words: text in the ``C``
collation (code-point order, as SQLite's), a ``tsvector`` of each article's title and text for search, with
accents ignored (``unaccent``), and triggers for the ``parties`` rows. Its version is in the ``meta`` table.
"""

from __future__ import annotations

import atexit
import os
import re
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from bilateral.errors import StoreError
from bilateral.store.health import Identity

if TYPE_CHECKING:
    import psycopg
    from psycopg_pool import ConnectionPool

SCHEME = re.compile(r"^postgres(ql)?://", re.IGNORECASE)
WRITE_LOCK = 0x62696C61  # "bila": the advisory lock every writing transaction holds

_TEXT = 'TEXT COLLATE "C"'
SCHEMA = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION bilateral_words (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION bilateral_words ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
CREATE TABLE meta (key {text} PRIMARY KEY, value {text} NOT NULL);
CREATE TABLE articles (
    id {text} PRIMARY KEY, origin {text} NOT NULL, title {text} NOT NULL, text {text} NOT NULL, url {text},
    source {text}, published {text}, language {text}, repairs {text} NOT NULL, window_start {text},
    window_end {text}, window_because {text}, ingested_at {text} NOT NULL, linked INTEGER NOT NULL DEFAULT 0,
    search tsvector GENERATED ALWAYS AS (to_tsvector('bilateral_words', title || ' ' || text)) STORED
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_pending ON articles (linked) WHERE linked = 0;
CREATE INDEX articles_listed ON articles ((published IS NULL), published, origin);
CREATE INDEX articles_newest ON articles ((published IS NULL), published DESC, id);
CREATE INDEX articles_ingested ON articles (ingested_at);
CREATE INDEX articles_search ON articles USING gin (search);
CREATE TABLE mentions (
    article_id {text} NOT NULL REFERENCES articles (id) ON DELETE CASCADE, field {text} NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text {text} NOT NULL, kind {text} NOT NULL, name {text},
    country {text}, sector {text}, office {text}, role {text}, form {text} NOT NULL, source {text} NOT NULL,
    PRIMARY KEY (article_id, field, start)
);
CREATE INDEX mentions_country ON mentions (country);
CREATE TABLE failures (
    origin {text} NOT NULL, code {text} NOT NULL, message {text} NOT NULL, first_seen {text} NOT NULL,
    last_seen {text} NOT NULL, seen INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (origin, code)
);
CREATE TABLE events (
    id {text} PRIMARY KEY, article_id {text} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    event {text} NOT NULL, cameo {text} NOT NULL, quad INTEGER NOT NULL, modality {text} NOT NULL,
    date_start {text}, date_end {text}, background INTEGER NOT NULL, coder_version {text} NOT NULL,
    record {text} NOT NULL
);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX events_date ON events (date_start);
CREATE INDEX events_order ON events ((date_start IS NULL), date_start, id);
CREATE INDEX events_newest ON events ((date_start IS NULL), date_start DESC, id);
CREATE TABLE copies (
    article_id {text} PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE, copy_group {text} NOT NULL,
    signature BYTEA
);
CREATE INDEX copies_group ON copies (copy_group);
CREATE TABLE copy_bands (
    band INTEGER NOT NULL, key BIGINT NOT NULL,
    article_id {text} NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX copy_bands_key ON copy_bands (band, key, rowid);
CREATE TABLE stories (
    id {text} PRIMARY KEY, event {text} NOT NULL, countries {text} NOT NULL, negated INTEGER NOT NULL,
    direction {text} NOT NULL, date_start {text}, date_end {text}, precision {text}, date_method {text} NOT NULL,
    first_event {text} NOT NULL, stale INTEGER NOT NULL DEFAULT 1, counted_quad INTEGER,
    counted_goldstein INTEGER, counted_intensity INTEGER, counted_articles INTEGER, counted_sources INTEGER,
    counted_start {text}, counted_end {text}, counted_precision {text}
);
CREATE INDEX stories_key ON stories (event, countries, date_start);
CREATE INDEX stories_end ON stories (event, countries, date_end);
CREATE INDEX stories_date ON stories (date_start);
CREATE INDEX stories_stale ON stories (id) WHERE stale = 1;
CREATE INDEX stories_order ON stories ((date_start IS NULL), date_start, id);
CREATE TABLE story_events (
    event_id {text} PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    story_id {text} NOT NULL REFERENCES stories (id) ON DELETE CASCADE, article_id {text} NOT NULL,
    placed INTEGER NOT NULL
);
CREATE INDEX story_events_story ON story_events (story_id);
CREATE INDEX story_events_placed ON story_events (article_id) WHERE placed = 1;
CREATE TABLE agreements (
    id {text} PRIMARY KEY, countries {text} NOT NULL, topic {text} NOT NULL, context {text} NOT NULL,
    signed {text}, stale INTEGER NOT NULL DEFAULT 1, counted {text}, listed {text}
);
CREATE INDEX agreements_key ON agreements (countries, topic);
CREATE INDEX agreements_stale ON agreements (id) WHERE stale = 1;
CREATE INDEX agreements_listed ON agreements ((listed IS NULL), listed, id);
CREATE TABLE agreement_events (
    agreement_id {text} NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    event_id {text} NOT NULL REFERENCES events (id) ON DELETE CASCADE, article_id {text} NOT NULL,
    stage {text} NOT NULL, kind {text} NOT NULL, phrase {text} NOT NULL, value {text},
    PRIMARY KEY (agreement_id, event_id)
);
CREATE INDEX agreement_events_event ON agreement_events (event_id);
CREATE TABLE project_events (
    project {text} NOT NULL, event_id {text} NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    article_id {text} NOT NULL, PRIMARY KEY (project, event_id)
);
CREATE INDEX project_events_event ON project_events (event_id);
CREATE TABLE project_counts (project {text} PRIMARY KEY, stale INTEGER NOT NULL DEFAULT 1, counted {text});
CREATE INDEX project_counts_stale ON project_counts (project) WHERE stale = 1;
CREATE TABLE pair_periods (
    first {text} NOT NULL, second {text} NOT NULL, by {text} NOT NULL, period {text} NOT NULL,
    event {text} NOT NULL, quad INTEGER NOT NULL, stories INTEGER NOT NULL, goldstein INTEGER NOT NULL,
    intensity INTEGER NOT NULL, scored INTEGER NOT NULL, articles INTEGER NOT NULL, sources INTEGER NOT NULL,
    PRIMARY KEY (first, second, by, period, event, quad)
);
CREATE TABLE entry_periods (
    kind {text} NOT NULL, key {text} NOT NULL, by {text} NOT NULL, period {text} NOT NULL,
    entries INTEGER NOT NULL, PRIMARY KEY (kind, key, by, period)
);
CREATE TABLE parties (
    kind {text} NOT NULL, id {text} NOT NULL, country {text} NOT NULL, day {text}, PRIMARY KEY (kind, id, country)
);
CREATE INDEX parties_country ON parties (kind, country, (day IS NULL), day);
CREATE INDEX parties_newest ON parties (kind, country, (day IS NULL), day DESC);
CREATE FUNCTION parties_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM parties WHERE kind = TG_ARGV[0] AND id = OLD.id;
    RETURN NULL;
END $$;
CREATE TRIGGER parties_event_delete AFTER DELETE ON events FOR EACH ROW EXECUTE FUNCTION parties_gone('event');
CREATE TRIGGER parties_story_delete AFTER DELETE ON stories FOR EACH ROW EXECUTE FUNCTION parties_gone('story');
CREATE TRIGGER parties_agreement_delete AFTER DELETE ON agreements
    FOR EACH ROW EXECUTE FUNCTION parties_gone('agreement');
CREATE FUNCTION parties_story_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE parties SET day = NEW.date_start WHERE kind = 'story' AND id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER parties_story_day AFTER UPDATE OF date_start ON stories
    FOR EACH ROW EXECUTE FUNCTION parties_story_day();
CREATE FUNCTION parties_agreement_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE parties SET day = NEW.listed WHERE kind = 'agreement' AND id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER parties_agreement_day AFTER UPDATE OF listed ON agreements
    FOR EACH ROW EXECUTE FUNCTION parties_agreement_day();
CREATE TABLE watch_sources (
    source {text} PRIMARY KEY, etag {text}, last_modified {text}, digest {text}, last_attempt {text},
    last_success {text}, failures INTEGER NOT NULL DEFAULT 0, last_error {text}, next_due {text},
    lease_owner {text}, lease_until {text}
);
CREATE TABLE watch_items (source {text} NOT NULL, key {text} NOT NULL, seen_at {text} NOT NULL,
    PRIMARY KEY (source, key));
CREATE TABLE alerts (
    id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, rule {text} NOT NULL, story {text} NOT NULL,
    stages {text} NOT NULL, fired_at {text} NOT NULL, alert {text} NOT NULL
);
CREATE INDEX alerts_story ON alerts (rule, story);
CREATE INDEX alerts_fired ON alerts (fired_at);
""".replace("{text}", _TEXT)
"""The schema at :data:`~bilateral.store.schema.SCHEMA_VERSION` 8; a later version adds a script for both."""

COUNTS = """
ALTER TABLE parties ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
UPDATE parties SET hidden = 1 WHERE kind = 'event' AND id IN (SELECT id FROM events WHERE background = 1);
CREATE TABLE party_counts (
    kind {text} NOT NULL, first {text} NOT NULL, second {text} NOT NULL, hidden INTEGER NOT NULL,
    n INTEGER NOT NULL, PRIMARY KEY (kind, first, second, hidden)
);
INSERT INTO party_counts SELECT kind, country, '', hidden, count(*) FROM parties GROUP BY kind, country, hidden;
INSERT INTO party_counts SELECT one.kind, one.country, other.country, one.hidden, count(*)
    FROM parties AS one JOIN parties AS other
        ON other.kind = one.kind AND other.id = one.id AND other.country > one.country
    GROUP BY one.kind, one.country, other.country, one.hidden;
CREATE FUNCTION party_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO party_counts SELECT kind, country, '', hidden, count(*) FROM added GROUP BY kind, country, hidden
        ON CONFLICT (kind, first, second, hidden) DO UPDATE SET n = party_counts.n + excluded.n;
    -- a pair of two new rows once (from the one that comes first), a new row with an older one once
    INSERT INTO party_counts
        SELECT one.kind, LEAST(one.country, other.country), GREATEST(one.country, other.country), one.hidden, count(*)
        FROM added AS one JOIN parties AS other
            ON other.kind = one.kind AND other.id = one.id AND other.country <> one.country
        WHERE one.country < other.country OR NOT EXISTS (
            SELECT 1 FROM added AS also WHERE also.kind = other.kind AND also.id = other.id
                AND also.country = other.country)
        GROUP BY 1, 2, 3, 4
        ON CONFLICT (kind, first, second, hidden) DO UPDATE SET n = party_counts.n + excluded.n;
    RETURN NULL;
END $$;
CREATE TRIGGER party_counts_add AFTER INSERT ON parties REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION party_counts_add();
CREATE FUNCTION party_counts_take() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE party_counts AS counts SET n = counts.n - taken.n FROM (
        SELECT kind, first, second, hidden, sum(n) AS n FROM (
            SELECT kind, country AS first, '' AS second, hidden, count(*) AS n FROM gone GROUP BY 1, 2, 3, 4
            UNION ALL
            SELECT one.kind, LEAST(one.country, other.country), GREATEST(one.country, other.country), one.hidden,
                count(*)
            FROM gone AS one JOIN parties AS other ON other.kind = one.kind AND other.id = one.id
            GROUP BY 1, 2, 3, 4
            UNION ALL
            SELECT one.kind, one.country, other.country, one.hidden, count(*)
            FROM gone AS one JOIN gone AS other
                ON other.kind = one.kind AND other.id = one.id AND other.country > one.country
            GROUP BY 1, 2, 3, 4
        ) AS parts GROUP BY 1, 2, 3, 4
    ) AS taken
    WHERE counts.kind = taken.kind AND counts.first = taken.first AND counts.second = taken.second
        AND counts.hidden = taken.hidden;
    RETURN NULL;
END $$;
CREATE TRIGGER party_counts_take AFTER DELETE ON parties REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION party_counts_take();
""".replace("{text}", _TEXT)
"""Version 9: each country's and each pair's count of events, stories and agreements (see
:mod:`bilateral.store.parties`), kept by statement triggers that read the rows each statement added or took (the
one on insertion dropped by version 10)."""

ADDED_COUNTS = """
DROP TRIGGER party_counts_add ON parties;
DROP FUNCTION party_counts_add();
"""
"""Version 10: what is written to ``parties`` is counted by the writer, once per batch (see
:func:`bilateral.store.parties.write`); the trigger on deletion stays."""

ENTRIES = """
ALTER TABLE agreements ADD COLUMN entry TEXT;
UPDATE agreements SET stale = 1;
"""
"""Version 11: each agreement's registry entry as linking last summed it up (see
:mod:`bilateral.registry.lifecycle`), filled by the rollups' refresh that follows the migration."""

LONG_SPANS = """
ALTER TABLE stories ADD COLUMN long_span INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agreements ADD COLUMN summary TEXT;
UPDATE agreements SET stale = 1;
UPDATE stories SET long_span = 1
    WHERE precision IS DISTINCT FROM 'window' AND CAST(date_end AS date) - CAST(date_start AS date) > 40;
DROP INDEX IF EXISTS stories_end;
CREATE INDEX stories_long ON stories (event, countries, negated, date_end) WHERE long_span = 1;
CREATE INDEX stories_window ON stories (event, countries, negated, date_start) WHERE precision = 'window';
"""
"""Version 12: dated stories that span more than 40 days are flagged and indexed by their end, and undated ones
by their start (see :meth:`bilateral.store.links.Linking.story_candidates`), so that looking for either no longer
scans every story of a kind; each agreement keeps the summary its entry is summed up from (see
:mod:`bilateral.registry.lifecycle`), filled by the rollups' refresh that follows the migration."""

TEXT_PENDING = "SELECT 1"
"""Version 13 changes SQLite's full-text index only: the ``search`` column is generated, always in step."""

LAST_SIGNED = """
ALTER TABLE agreements ADD COLUMN last_signed TEXT;
UPDATE agreements SET last_signed = signed;
"""
"""Version 14: an agreement's last day of signing beside its first (see :mod:`bilateral.registry.entries`)."""

MIGRATIONS: dict[int, str] = {
    8: SCHEMA, 9: COUNTS, 10: ADDED_COUNTS, 11: ENTRIES, 12: LONG_SPANS, 13: TEXT_PENDING, 14: LAST_SIGNED
}  # fmt: skip
"""PostgreSQL's migrations: the first version it was written for is the whole schema of that version."""

_HINT = re.compile(r"\s+INDEXED BY \w+")
_PLACEHOLDER = re.compile(r"'[^']*'|\?|%")


@lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """``sql`` as PostgreSQL runs it through psycopg: ``?`` (outside quotes) becomes ``%s``, every other ``%``
    is doubled, and SQLite's ``INDEXED BY`` hints go (PostgreSQL's planner takes no hints)."""

    def swap(match: re.Match[str]) -> str:
        token = match.group()
        if token == "?":
            return "%s"
        return token.replace("%", "%%")

    return _PLACEHOLDER.sub(swap, _HINT.sub("", sql))


def shown(url: str) -> str:
    """The URL without its password, as messages and ``origin`` show it."""
    return re.sub(r"(://[^/:@]*):[^/@]*@", r"\1@", url)


class Connection:
    """A psycopg connection speaking the store's SQL (see the module's text)."""

    def __init__(self, raw: psycopg.Connection[Any], release: Any) -> None:
        self.raw = raw
        self._release = release

    def execute(self, sql: str, parameters: Sequence[object] = (), /) -> psycopg.ClientCursor[Any]:
        cursor = self.raw.cursor()
        cursor.execute(translate(sql), parameters)
        return cursor  # type: ignore[return-value]

    def prepared(self, sql: str, parameters: Sequence[object] = (), /) -> psycopg.Cursor[Any]:
        """A statement run many times in a row, each of its values for a typed column: prepared on the server once a
        connection, so that it is planned once (linking's look-ups spent more time planned than run)."""
        import psycopg

        cursor = psycopg.Cursor(self.raw)
        cursor.execute(translate(sql), parameters, prepare=True)
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[object]], /) -> psycopg.Cursor[Any]:
        """Many rows through one prepared statement, bound on the server and pipelined: the store's batch
        writes, whose values each go to a typed column (a ``? IS NULL`` is a read's, sent by :meth:`execute`)."""
        import psycopg

        cursor = psycopg.Cursor(self.raw)
        rows = list(rows)
        if rows:
            cursor.executemany(translate(sql), rows)
        return cursor

    def script(self, statements: str) -> None:
        """Run several statements, as they are (no placeholders): a migration."""
        self.raw.execute(statements.encode())

    def close(self) -> None:
        self._release(self.raw)


_pools: dict[tuple[str, bool], ConnectionPool[Any]] = {}
_pools_lock = threading.Lock()


def _forget_in_child() -> None:
    """A forked child (the server's coding processes) must not use its parent's sockets: it starts with no pools
    (and a lock no thread of the parent may be holding)."""
    global _pools_lock  # noqa: PLW0603
    _pools.clear()
    _pools_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_in_child)


def connect(url: str, *, read_only: bool) -> Connection:
    """A connection from the pool for ``url`` (one pool per URL and mode in a process: the server's requests
    reuse connections), in autocommit mode: the store opens its own transactions."""
    import psycopg
    from psycopg_pool import ConnectionPool

    def configure(raw: psycopg.Connection[Any]) -> None:
        raw.execute("SET default_transaction_read_only = " + ("on" if read_only else "off"))

    with _pools_lock:
        pool = _pools.get((url, read_only))
        if pool is None:
            try:  # the server's own reason (refused, no such database, bad password) rather than the pool's timeout
                psycopg.connect(url, connect_timeout=10).close()
            except psycopg.Error as error:
                raise StoreError(f"cannot connect to PostgreSQL: {_first_line(error)}", origin=shown(url)) from error
            pool = ConnectionPool(
                url, min_size=1, max_size=16, open=False, configure=configure, name=f"bilateral-{len(_pools)}",
                kwargs={"autocommit": True, "cursor_factory": psycopg.ClientCursor},
            )  # fmt: skip
            try:
                pool.open(wait=True, timeout=10)
            except Exception as error:
                pool.close()
                raise StoreError(f"cannot connect to PostgreSQL: {error}", origin=shown(url)) from error
            _pools[(url, read_only)] = pool
            atexit.register(pool.close)
    try:
        raw = pool.getconn(timeout=30)
    except Exception as error:
        raise StoreError(f"no PostgreSQL connection free: {error}", origin=shown(url)) from error
    return Connection(raw, pool.putconn)


def _first_line(error: BaseException) -> str:
    return next((line.strip() for line in str(error).splitlines() if line.strip()), type(error).__name__)


def release(url: str) -> None:
    """Close this process's pools for ``url`` (before the database is dropped, or to reconnect)."""
    with _pools_lock:
        for read_only in (False, True):
            pool = _pools.pop((url, read_only), None)
            if pool is not None:
                pool.close()


def identity(db: Connection) -> Identity:
    """What the database says it is (read, never written): its version and application in ``meta``."""
    names = {
        row[0]
        for row in db.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
    }
    values: dict[str, str] = {}
    if "meta" in names:
        values = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('application', 'schema_version')"))
    return Identity(int(values.get("schema_version", 0)), len(names), values.get("application"))


def begin(db: Connection) -> None:
    """Open a writing transaction: the first statement takes the writers' lock."""
    db.execute("BEGIN")
    db.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
