from __future__ import annotations

import os
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from bilateral.actors import Gazetteer, gazetteer
from bilateral.copies import independent_sources
from bilateral.records import STAGES, ActorKind, Agreement, Stage, placed_date
from bilateral.registry.agreements import SPECIFIC
from bilateral.registry.agreements import signatories as signatories_of
from bilateral.registry.lifecycle import AgreementReport
from bilateral.store.schema import MIGRATIONS, statements

# The budget of tests/test_fuzz.py: a few dozen examples a property in CI, a thousand with BILATERAL_FUZZ=long.
_FUZZ_CHECKS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("fuzz-ci", max_examples=40, deadline=None, suppress_health_check=_FUZZ_CHECKS)
settings.register_profile("fuzz-long", max_examples=1_000, deadline=None, suppress_health_check=_FUZZ_CHECKS)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(autouse=True)
def fresh_cli_state(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts from the command line's defaults: the global options (``--db``, ``--actors``, ``--model``)
    live in one process-wide object that the main callback sets, and a test invoking a command without that
    callback would otherwise see the options of the test before it."""
    from bilateral.cli import common

    for name in common.State.__annotations__:
        monkeypatch.setattr(common.state, name, getattr(common.State, name))


@pytest.fixture(scope="session")
def seeds() -> Path:
    folder = SHARED / "seeds"
    if not folder.is_dir():
        pytest.skip(f"the shared seeds are not beside the checkout ({folder})")
    return folder


@pytest.fixture(scope="session")
def gold() -> Path:
    folder = SHARED / "gold"
    if not folder.is_dir():
        pytest.skip(f"the shared gold sets are not beside the checkout ({folder})")
    return folder


POSTGRES = os.environ.get("BILATERAL_TEST_POSTGRES")
"""A PostgreSQL server the tests may create databases on (``.ci/run`` starts one with ``.ci/postgres``)."""


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty database on each backend (see :func:`database`)."""
    with database(request.param, tmp_path) as target:
        yield target


@contextmanager
def database(backend: str, folder: Path, server: str | None = POSTGRES) -> Iterator[str]:
    """A new, empty database: an SQLite file in ``folder``, or a database of its own on the PostgreSQL ``server``
    (BILATERAL_TEST_POSTGRES), dropped afterwards (the test skips, saying so, where there is none)."""
    if backend == "sqlite":
        yield str(folder / "test.db")
        return
    if not server:
        pytest.skip("no PostgreSQL: set BILATERAL_TEST_POSTGRES to a server's URL (.ci/run starts one)")
    import psycopg

    from bilateral.store import postgres

    name = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name} STRATEGY file_copy")
    url = server.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        postgres.release(url)
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return gazetteer()


Route = tuple[int, str, bytes] | Callable[[], tuple[int, str, bytes]]


@pytest.fixture
def http_server() -> Iterator[Callable[[dict[str, Route]], str]]:
    """A loopback HTTP server serving the routes a test gives it."""
    servers: list[ThreadingHTTPServer] = []

    def start(routes: dict[str, Route]) -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                route = routes.get(self.path)
                status, content_type, body = route() if callable(route) else route or (404, "text/plain", b"gone")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    return  # the client gave up (a timeout test)

            def log_message(self, *_: object) -> None:
                return

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


UNDO_LAST_SIGNED = "ALTER TABLE agreements DROP COLUMN last_signed;"
"""Takes a database back to schema version 13: an agreement keeps only its first day of signing (the caller sets the
version)."""
UNDO_TEXT_PENDING = (
    UNDO_LAST_SIGNED
    + """DROP TRIGGER articles_fts_pending; DROP TRIGGER articles_fts_delete;
    DROP TRIGGER articles_fts_update;
    INSERT INTO articles_fts (article_id, title, text)
        SELECT id, title, text FROM articles WHERE id IN (SELECT article_id FROM fts_pending);
    DROP TABLE fts_pending;"""
    + "".join(statement for statement in statements(MIGRATIONS[4]) if "CREATE TRIGGER" in statement)
)  # version 4's triggers, as that version wrote them
"""Takes a database back to schema version 12: every article indexed by a trigger as it is inserted (the caller
sets the version)."""
UNDO_LONG_SPANS = (
    UNDO_TEXT_PENDING
    + """DROP INDEX stories_long; DROP INDEX stories_window;
    ALTER TABLE stories DROP COLUMN long_span; CREATE INDEX stories_end ON stories (event, countries, date_end);
    ALTER TABLE agreements DROP COLUMN summary;"""
)
"""Takes a database back to schema version 11: no flag on the stories that span long, no index of undated ones, no
agreement summaries (the caller sets the version)."""
UNDO_PARTIES = (
    UNDO_LONG_SPANS
    + """ALTER TABLE agreements DROP COLUMN entry; DROP TRIGGER party_counts_take;
    DROP TABLE party_counts;
    DROP TRIGGER parties_event_delete; DROP TRIGGER parties_story_delete;
    DROP TRIGGER parties_agreement_delete; DROP TRIGGER parties_story_day; DROP TRIGGER parties_agreement_day;
    DROP INDEX events_order; DROP INDEX events_newest; DROP INDEX stories_order; DROP INDEX agreements_listed;
    DROP INDEX articles_listed; DROP INDEX articles_newest; DROP INDEX story_events_placed;
    ALTER TABLE agreements DROP COLUMN listed;
    CREATE TABLE event_countries (
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        country TEXT NOT NULL,
        role TEXT NOT NULL,
        PRIMARY KEY (event_id, country, role)
    );
    CREATE INDEX event_countries_country ON event_countries (country);
    INSERT OR IGNORE INTO event_countries SELECT events.id, json_extract(party.value, '$.country'), role.name
        FROM events, (SELECT 'actor' AS name UNION ALL SELECT 'recipient') AS role,
        json_each(events.record, '$.' || role.name) AS party
        WHERE json_extract(party.value, '$.country') IS NOT NULL;
    DROP TABLE parties; PRAGMA user_version = 6;"""
)
"""Takes a database back to schema version 6: no parties table, date-order indexes or listing days (to test the
migration)."""
UNDO_ROLLUPS = (
    UNDO_PARTIES
    + """DROP TABLE pair_periods; DROP INDEX stories_stale; DROP TABLE entry_periods;
    DROP TABLE project_counts; DROP INDEX agreements_stale; ALTER TABLE agreements DROP COLUMN stale;
    ALTER TABLE agreements DROP COLUMN counted;
    ALTER TABLE stories DROP COLUMN stale; ALTER TABLE stories DROP COLUMN counted_quad;
    ALTER TABLE stories DROP COLUMN counted_goldstein; ALTER TABLE stories DROP COLUMN counted_intensity;
    ALTER TABLE stories DROP COLUMN counted_articles; ALTER TABLE stories DROP COLUMN counted_sources;
    ALTER TABLE stories DROP COLUMN counted_start; ALTER TABLE stories DROP COLUMN counted_end;
    ALTER TABLE stories DROP COLUMN counted_precision; PRAGMA user_version = 5;"""
)
"""Takes a database back to schema version 5, before the rollups (to test the migration)."""

HOSTILE_TITLE = 'Hostile <script>alert("title")</script> markup test'
HOSTILE_TEXT = (
    "Turkish President Recep Tayyip Erdoğan met South Korean President Lee Jae-myung in Ankara on Monday "
    "<script>alert(1)</script> and <img src=x onerror=alert(2)>.\n\n"
    "Türkiye and South Korea signed an agreement on counter-terrorism cooperation "
    "<b onmouseover=alert(3)>in Ankara</b> on Monday."
)


@pytest.fixture(scope="session")
def served_db(tmp_path_factory: pytest.TempPathFactory, gaz: Gazetteer) -> Path:
    """The bundled demo corpus plus one article whose title and text carry script and HTML injection."""
    path = tmp_path_factory.mktemp("serve") / "served.db"
    _fill_served(str(path), gaz)
    return path


@pytest.fixture(scope="session")
def served_postgres(tmp_path_factory: pytest.TempPathFactory, gaz: Gazetteer) -> Iterator[str]:
    """What :func:`served_db` holds, in a PostgreSQL database."""
    with database("postgresql", tmp_path_factory.mktemp("serve")) as url:
        _fill_served(url, gaz)
        yield url


def _fill_served(target: str, gaz: Gazetteer) -> None:
    from datetime import date

    from bilateral.pipeline import ingest, ingest_documents
    from bilateral.records import Document
    from bilateral.samples import corpus_dir
    from bilateral.store import Store

    hostile = Document("hostile.json", HOSTILE_TEXT, HOSTILE_TITLE, url="javascript:alert(4)",
                       source="<i>Outlet</i>", published=date(2025, 11, 24))  # fmt: skip
    with Store(target) as store:
        ingest([str(corpus_dir())], store, gaz)
        ingest_documents([hostile], store, gaz)


def plain_entry(key: str, countries: str, topic: str, context: str, reports: list[AgreementReport],
           members: set[tuple[str, str | None, str | None]]) -> Agreement:  # fmt: skip
    """An agreement's entry summed up the plain way: every report read in order (independent of
    :class:`bilateral.registry.lifecycle.Summary`, which the tests compare with it)."""
    reports = sorted(reports, key=lambda report: report.order)
    stages, parties, signatories = [], {}, {}
    for report in reports:
        event = report.event
        stages.append(Stage(report.stage, placed_date(event.when, report.story_when), report.kind, report.phrase,
                            event.id, event.evidence.article_id, event.evidence.quote))  # fmt: skip
        for party in (*event.actor, *event.recipient):
            if party.kind in (ActorKind.ORGANISATION, ActorKind.IGO) and party.name:
                parties[party.name] = None
        for person in signatories_of(event) if report.stage in ("signed", "revised") else ():
            signatories[f"{person.name} ({person.office})" if person.office else str(person.name)] = None
    stages.sort(key=lambda item: (STAGES.index(item.stage), item.when.start or date.max))
    kind = min((stage.kind for stage in stages), key=SPECIFIC.index)
    values = Counter(report.value for report in reports if report.value)
    first = {stage.stage: stage for stage in reversed(stages)}
    return Agreement(
        id=key, title=f"{topic[:1].upper()}{topic[1:]} {kind}", kind=kind, topic=topic, context=context,
        countries=tuple(countries.split()), parties=(*countries.split(), *parties), signatories=tuple(signatories),
        aliases=tuple(dict.fromkeys(stage.phrase for stage in stages)),
        value=values.most_common(1)[0][0] if values else None,
        stages=tuple(sorted(first.values(), key=lambda stage: STAGES.index(stage.stage))),
        n_articles=len({article for article, _, _ in members}), n_sources=independent_sources(members),
    )  # fmt: skip
