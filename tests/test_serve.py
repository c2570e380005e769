"""The HTTP API and the dashboard pages, in process (FastAPI's TestClient)."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, fields
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from typer.testing import CliRunner

from bilateral.cli import app as cli
from bilateral.errors import MissingDatabase
from bilateral.ontology import EVENTS
from bilateral.records import Document
from bilateral.serve import create_app
from bilateral.serve.coder import ingest_request
from bilateral.serve.dyad import period_dict
from bilateral.serve.pages import highlighted
from bilateral.store import SCHEMA_VERSION, Store
from bilateral.store.browse import match_expression
from bilateral.timeline import Period
from tests.conftest import BACKENDS, HOSTILE_TEXT, UNDO_ROLLUPS

TOKEN = "s3cret-token"
TEST_HOST = ["testserver"]
"""The Host TestClient sends, allowed beside the loopback names (tests/test_serve_guard.py checks the refusal)."""


@pytest.fixture(scope="module", params=BACKENDS)
def client(request: pytest.FixtureRequest, served_db: Path) -> Iterator[TestClient]:
    """The app over the served database, on SQLite and on PostgreSQL."""
    target = str(served_db) if request.param == "sqlite" else request.getfixturevalue("served_postgres")
    with TestClient(create_app(target, hosts=TEST_HOST)) as test_client:
        yield test_client


@pytest.fixture
def writable(served_db: Path, tmp_path: Path) -> Iterator[TestClient]:
    """An app over a copy of the database, with ingest enabled."""
    path = tmp_path / "copy.db"
    with sqlite3.connect(served_db) as source, sqlite3.connect(path) as target:
        source.backup(target)
    with TestClient(create_app(path, token=TOKEN, hosts=TEST_HOST)) as test_client:
        yield test_client


def get(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def hostile_id(client: TestClient) -> str:
    hits = get(client, "/api/search?q=hostile+markup")["items"]
    assert len(hits) == 1
    return str(hits[0]["article_id"])


# -- API ---------------------------------------------------------------------------------------------


def test_events_are_paginated_with_a_total_and_a_next_link(client: TestClient) -> None:
    first = get(client, "/api/events?pair=TUR-KOR&limit=5")
    assert first["total"] > 5 and len(first["items"]) == 5 and first["offset"] == 0
    second = get(client, first["next"])
    assert second["offset"] == 5
    assert not {item["id"] for item in first["items"]} & {item["id"] for item in second["items"]}
    last = get(client, f"/api/events?pair=TUR-KOR&limit=5&offset={first['total'] - 1}")
    assert len(last["items"]) == 1 and last["next"] is None
    assert get(client, "/api/events?offset=100000")["items"] == []


def countries(event: dict[str, Any]) -> set[str]:
    return {party["country"] for party in event["actor"] + event["recipient"]}


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("pair=TUR-KOR", lambda e: {"TUR", "KOR"} <= countries(e)),
        ("pair=tur-kor", lambda e: {"TUR", "KOR"} <= countries(e)),
        ("country=USA", lambda e: "USA" in countries(e)),
        ("type=consult", lambda e: e["event"] == "CONSULT"),
        ("quad=4", lambda e: e["quad"] == 4),
        ("context=military", lambda e: "military" in e["contexts"]),
        ("modality=future", lambda e: e["modality"] == "future"),
        ("text=Altay", lambda e: "altay" in e["evidence"]["quote"].lower()),
        ("since=2025-11-01&until=2025-11-30", lambda e: e["date"] and "2025-11-01" <= e["date"] <= "2025-11-30"),
        ("background=true&pair=TUR-KOR", lambda e: {"TUR", "KOR"} <= countries(e)),
        ("direction=TUR-KOR", lambda e: role(e, "actor", "TUR") and role(e, "recipient", "KOR")),
        ("direction=South Korea-Turkey", lambda e: role(e, "actor", "KOR") and role(e, "recipient", "TUR")),
        ("goldstein_min=7", lambda e: e["goldstein"] >= 7),
        ("goldstein_max=-5&goldstein_min=-9.5", lambda e: -9.5 <= e["goldstein"] <= -5),
    ],
)  # fmt: skip
def test_event_filters(client: TestClient, query: str, check: Any) -> None:
    page = get(client, f"/api/events?{query}&limit=500")
    everything = get(client, "/api/events?limit=500&background=true")
    assert page["items"], query
    assert page["total"] == len(page["items"]) < everything["total"]
    assert all(check(event) for event in page["items"]), query


def role(event: dict[str, Any], side: str, country: str) -> bool:
    return any(party["country"] == country for party in event[side])


def test_a_direction_is_every_event_of_the_pair_with_those_roles(client: TestClient) -> None:
    pair = get(client, "/api/events?pair=TUR-KOR&limit=500")["items"]
    expected = [event["id"] for event in pair if role(event, "actor", "KOR") and role(event, "recipient", "TUR")]
    found = get(client, "/api/events?direction=KOR-TUR&limit=500")["items"]
    assert expected and [event["id"] for event in found] == expected
    assert get(client, "/api/events?direction=KOR-XYZ", 422)["error"]["code"] == "usage.country"


def test_events_newest_first_and_background(client: TestClient) -> None:
    newest = get(client, "/api/events?newest_first=true&limit=500")["items"]
    dates = [event["date"] for event in newest if event["date"]]
    assert dates == sorted(dates, reverse=True)
    plain = get(client, "/api/events?limit=1")["total"]
    assert get(client, "/api/events?limit=1&background=true")["total"] > plain


def test_one_event_and_its_article_with_the_evidence(client: TestClient) -> None:
    event = get(client, "/api/events?pair=TUR-KOR&type=SUPPORT&limit=1")["items"][0]
    assert get(client, f"/api/events/{event['id']}") == event
    article = get(client, f"/api/articles/{event['evidence']['article_id']}")
    spot = next(item for item in article["highlights"] if item["event_id"] == event["id"])
    field = article["title"] if spot["field"] == "title" else article["text"]
    assert field[spot["start"] : spot["end"]] == spot["quote"] == event["evidence"]["quote"]


def test_dyads_rank_pairs_and_tur_kor_leads(client: TestClient) -> None:
    page = get(client, "/api/dyads?limit=3")
    assert page["items"][0]["countries"] == ["KOR", "TUR"]
    counts = [item["events"] for item in page["items"]]
    assert counts == sorted(counts, reverse=True)
    assert page["total"] > 3 and page["next"]
    assert get(client, "/api/dyads?offset=10000")["total"] == page["total"]
    dyad = get(client, "/api/dyads/TUR-KOR")
    assert {"military", "economic"} <= set(dyad["sectors"])
    assert "Recep Tayyip Erdoğan" in {person["name"] for person in dyad["people"]}
    assert "Altay tank" in dyad["projects"] and dyad["agreements"]


def test_timeline_counts_stories_by_period_with_chart_series(client: TestClient) -> None:
    data = get(client, "/api/timeline/TUR-KOR?by=year")
    labels = [period["label"] for period in data["periods"]]
    assert labels[0] == "2021" and "2025" in labels
    chart = data["chart"]
    assert chart["labels"] == labels
    assert {series["label"] for series in chart["types"]} >= {"CONSULT", "SUPPORT"}
    for series in chart["types"] + chart["quads"]:
        assert len(series["data"]) == len(labels)
    assert sum(sum(series["data"]) for series in chart["quads"]) == sum(p["stories"] for p in data["periods"])
    assert get(client, "/api/timeline/TUR-KOR?by=decade", 422)["error"]["code"] == "validation"


def test_a_timeline_period_is_every_field_of_the_period_in_json() -> None:
    period = Period(date(2025, 11, 1), "Nov 2025", 3, 4, 2, {"CONSULT": 2, "AGREE": 1}, {1: 3}, 1.5, None, 1.0, 1, 0)
    found = period_dict(period)
    assert found == asdict(period) | {"start": "2025-11-01", "quads": {"1": 3}}
    assert list(found) == [item.name for item in fields(Period)]
    assert found["types"] is not period.types  # a copy: the response cannot change the period


def test_stories_are_paged_in_the_database_with_their_reports_whole(client: TestClient, served_db: Path) -> None:
    everything = get(client, "/api/stories?limit=500")
    assert everything["total"] == len(everything["items"]) > 20
    pages = [get(client, f"/api/stories?limit=7&offset={start}") for start in range(0, everything["total"], 7)]
    assert all(page["total"] == everything["total"] for page in pages)
    assert [story for page in pages for story in page["items"]] == everything["items"]
    pair = get(client, "/api/stories?pair=TUR-KOR&type=CONSULT&limit=500")
    assert 2 <= len(pair["items"]) == pair["total"] < everything["total"]
    assert all(story["event"] == "CONSULT" and set(story["countries"]) >= {"TUR", "KOR"} for story in pair["items"])
    paged = [get(client, f"/api/stories?pair=TUR-KOR&type=CONSULT&limit=1&offset={n}") for n in range(pair["total"])]
    assert [page["items"][0] for page in paged] == pair["items"]


def test_stories_agreements_and_projects(client: TestClient) -> None:
    stories = get(client, "/api/stories?pair=TUR-KOR&type=CONSULT")
    assert stories["total"] >= 2 and all(story["event"] == "CONSULT" for story in stories["items"])
    entries = get(client, "/api/agreements?pair=TUR-KOR")
    assert entries["total"] >= 2
    entry = entries["items"][0]
    assert get(client, f"/api/agreements/{entry['id']}")["title"] == entry["title"]
    assert entry["stages"][0]["quote"]
    projects = get(client, "/api/projects?pair=TUR-KOR")["items"]
    assert "Altay tank" in [project["name"] for project in projects]
    altay = get(client, "/api/projects/altay%20tank")
    assert {milestone["date"][:4] for milestone in altay["milestones"] if milestone["date"]} >= {"2021", "2025"}


def test_articles_list_has_no_text_and_pages(client: TestClient) -> None:
    page = get(client, "/api/articles?limit=10")
    assert page["total"] >= 40 and len(page["items"]) == 10 and "text" not in page["items"][0]


@pytest.mark.parametrize(
    ("query", "expected_title_word"),
    [("Altay", "Altay"), ("altay tank", "Altay"), ("Turkiye", None), ("KEPCO nuclear", "nuclear")],
)
def test_full_text_search_with_snippets(client: TestClient, query: str, expected_title_word: str | None) -> None:
    page = get(client, f"/api/search?q={query}")
    assert page["total"] >= 1
    if expected_title_word:
        assert any(expected_title_word.lower() in hit["title"].lower() for hit in page["items"])
    parts = page["items"][0]["snippet"]
    matched = " ".join(part["text"].lower() for part in parts if part["match"])
    assert matched and all(isinstance(part["text"], str) for part in parts)


@pytest.mark.parametrize(
    "query", ['"', "AND", "NEAR(", "a* OR -b", "title:x", "'; DROP TABLE articles; --", "\u00e9\u0301"]
)
def test_search_treats_every_input_as_words(client: TestClient, query: str) -> None:
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 200, response.text
    assert match_expression('"a" b') == '"a" "b"'


def test_search_needs_a_query(client: TestClient) -> None:
    assert get(client, "/api/search", 422)["error"]["code"] == "validation"


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/events/nope", 404, "not_found"),
        ("/api/articles/nope", 404, "not_found"),
        ("/api/agreements/nope", 404, "not_found"),
        ("/api/projects/nope", 404, "not_found"),
        ("/api/no-such-endpoint", 404, "not_found"),
        ("/api/events?limit=0", 422, "validation"),
        ("/api/events?limit=501", 422, "validation"),
        ("/api/events?quad=5", 422, "validation"),
        ("/api/events?pair=TURKOR", 422, "usage"),
        ("/api/events?pair=TUR-XXX", 422, "usage.country"),
        ("/api/events?country=Narnia", 422, "usage.country"),
        ("/api/stories?pair=Turkey-Narnia", 422, "usage.country"),
        ("/api/agreements?pair=XYZ-KOR", 422, "usage.country"),
        ("/api/projects?pair=TUR-QQ", 422, "usage.country"),
        ("/api/dyads/TUR-XYZ", 422, "usage.country"),
        ("/api/events?since=yesterday", 422, "validation"),
        ("/api/events?modality=maybe", 422, "validation"),
        ("/api/events?type=PARTY", 422, "usage"),
        ("/api/stories?type=party", 422, "usage"),
        ("/api/timeline/TUR", 422, "usage"),
        ("/api/timeline/TUR-XYZ", 422, "usage.country"),
    ],
)
def test_errors_have_one_json_shape(client: TestClient, url: str, status: int, code: str) -> None:
    body = get(client, url, status)
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_wrong_method_is_a_json_error(client: TestClient) -> None:
    response = client.delete("/api/events")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_schema_is_served_and_names_every_endpoint(client: TestClient) -> None:
    schema = get(client, "/openapi.json")
    paths = set(schema["paths"])
    assert paths >= {
        "/api/events", "/api/events/{event_id}", "/api/dyads", "/api/dyads/{pair}", "/api/timeline/{pair}",
        "/api/stories", "/api/agreements", "/api/agreements/{agreement_id}", "/api/projects",
        "/api/projects/{name}", "/api/articles", "/api/articles/{article_id}", "/api/search", "/api/ingest",
        "/api/changes", "/api/watch", "/api/alerts",
    }  # fmt: skip
    assert not any(path.startswith("/pairs") for path in paths)
    kinds = next(item for item in schema["paths"]["/api/events"]["get"]["parameters"] if item["name"] == "type")
    assert all(name in kinds["description"] for name in EVENTS)  # the types are listed where they are asked for
    assert client.get("/docs").status_code == 404  # Swagger UI loads from a CDN: off


# -- ingest and its token ------------------------------------------------------------------------------

ARTICLE = {
    "title": "Seoul and Ankara sign a shipbuilding memorandum",
    "text": "South Korea and Türkiye signed a memorandum of understanding on shipbuilding at the Kestrelyard docks "
    "in Seoul on Tuesday.",
    "published": "2025-12-02",
    "source": "Test Wire",
}


def test_ingest_is_off_without_a_configured_token(client: TestClient) -> None:
    response = client.post("/api/ingest", json={"articles": [ARTICLE]}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "ingest.disabled"


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer "])
def test_ingest_refuses_a_missing_or_wrong_token(writable: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header is not None else {}
    response = writable.post("/api/ingest", json={"articles": [ARTICLE]}, headers=headers)
    assert response.status_code in (401, 403)
    assert response.json()["error"]["code"] in ("unauthorized", "forbidden")
    assert get(writable, "/api/search?q=kestrelyard")["total"] == 0


def test_ingest_with_the_token_runs_the_pipeline(writable: TestClient) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    bad = writable.post("/api/ingest", json={"articles": []}, headers=headers)
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "validation"
    for body in (b'{"articles": [', b"[" * 100_000 + b"]" * 100_000):  # broken, and nested past the parser
        broken = writable.post("/api/ingest", content=body, headers={**headers, "Content-Type": "application/json"})
        assert broken.status_code == 400 and broken.json()["error"]["code"] == "bad_request", broken.text
    response = writable.post("/api/ingest", json={"articles": [ARTICLE, {"text": "   "}]}, headers=headers)
    assert response.status_code == 200, response.text
    summary = response.json()
    assert (summary["read"], summary["new"], summary["failed"]) == (1, 1, 1)
    assert summary["failures"][0]["code"] == "input.empty"
    again = writable.post("/api/ingest", json={"articles": [ARTICLE]}, headers=headers).json()
    assert (again["new"], again["duplicate"]) == (0, 1)
    assert get(writable, "/api/search?q=kestrelyard")["total"] == 1
    events = get(writable, "/api/events?text=Kestrelyard")["items"]
    assert events and events[0]["event"] == "SUPPORT" and events[0]["date"] == "2025-12-02"


def test_ingest_past_its_time_limit_answers_each_article_left_as_a_failure(served_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.db"
    shutil.copy(served_db, path)
    with TestClient(create_app(path, token=TOKEN, hosts=TEST_HOST, ingest_seconds=0)) as writer:
        response = writer.post(
            "/api/ingest", json={"articles": [ARTICLE]}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert response.status_code == 200, response.text
        summary = response.json()
        assert (summary["read"], summary["new"], summary["failed"]) == (0, 0, 1)
        assert summary["failures"][0]["code"] == "ingest.time_limit"
        assert get(writer, "/api/search?q=kestrelyard")["total"] == 0


def test_ingest_keeps_what_it_coded_before_the_time_limit(
    served_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "copy.db"
    shutil.copy(served_db, path)
    ticks = iter(range(100))
    monkeypatch.setattr("bilateral.serve.coder.monotonic", lambda: next(ticks))  # one second per article
    names = ("Ospreyyard", "Ternyard", "Ployeryard")
    documents = [Document(origin=f"api#{number}", text=str(ARTICLE["text"]).replace("Kestrelyard", name))
                 for number, name in enumerate(names)]  # fmt: skip
    done = ingest_request(path, (), documents, 2.5)  # what the worker process runs
    assert (done.read, done.new) == (2, 2)
    assert [(failure.origin, failure.code) for failure in done.failures] == [("api#2", "ingest.time_limit")]
    assert "time limit of 2.5 s" in done.failures[0].message
    with Store(path, read_only=True) as store:
        assert [store.browse().search(name, limit=1)[1] for name in names] == [1, 1, 0]


# -- hostile text ------------------------------------------------------------------------------------

INJECTIONS = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "<b onmouseover=alert(3)>"]


def test_hostile_text_is_plain_text_in_the_api(client: TestClient) -> None:
    article = get(client, f"/api/articles/{hostile_id(client)}")
    assert article["text"] == HOSTILE_TEXT
    assert '<script>alert("title")</script>' in article["title"]
    quotes = [spot["quote"] for spot in article["highlights"]]
    assert any("<script>alert(1)</script>" in quote for quote in quotes)


def _no_live_markup(html: str) -> None:
    for injection in INJECTIONS:
        assert injection not in html
    assert "<script>alert" not in html and "onerror=alert" not in html.replace("onerror=alert(2)&gt;", "")
    assert not re.search(r"<[a-z]+[^>]*\son\w+=", html)
    assert 'href="javascript:' not in html


@pytest.mark.parametrize("where", ["article", "search", "pair", "home"])
def test_hostile_text_is_escaped_in_every_page(client: TestClient, where: str) -> None:
    key = hostile_id(client)
    url = {"article": f"/articles/{key}", "search": "/search?q=hostile+markup", "pair": "/pairs/TUR-KOR",
           "home": "/"}[where]  # fmt: skip
    response = client.get(url)
    assert response.status_code == 200
    html = response.text
    _no_live_markup(html)
    if where == "article":
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=alert(2)&gt;" in html
        assert "&lt;i&gt;Outlet&lt;/i&gt;" in html
    elif where == "search":
        assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html
    elif where == "pair":
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# -- pages -------------------------------------------------------------------------------------------


def test_home_page_lists_pairs_agreements_and_events(client: TestClient) -> None:
    html = client.get("/").text
    assert 'href="/pairs/KOR-TUR"' in html
    assert "Recent agreements" in html and 'href="/agreements/' in html
    assert html.count('class="evidence"') >= 10


def test_pair_page_has_charts_agreements_people_and_evidence_links(client: TestClient) -> None:
    response = client.get("/pairs/TUR-KOR")
    assert response.status_code == 200
    html = response.text
    assert 'id="chart-types"' in html and 'id="chart-quads"' in html
    data = re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', html, re.S)
    assert data is not None
    chart = json.loads(data.group(1))
    assert chart["labels"] and chart["types"]
    assert "Science and technology agreement" in html or "Double taxation" in html.title()
    assert "Recep Tayyip Erdoğan" in html and "Altay tank" in html
    links = re.findall(r'href="/articles/([0-9a-f]+)#e-([0-9a-f]+)"', html)
    assert len(links) >= 10
    shown = {event_id for _, event_id in links}
    for event in get(client, "/api/events?pair=TUR-KOR&limit=20")["items"]:
        outlet = get(client, f"/api/articles/{event['evidence']['article_id']}")["source"]
        if event["id"] not in shown or not outlet:
            continue
        row = re.search(rf'<tr>(?:(?!</tr>).)*#e-{event["id"]}"', html, re.S)
        assert row is not None
        assert re.findall(r'<td class="num">([^<]*)</td>', row.group(0)) == [f"{event['goldstein']:+g}"]
        assert f"<td>{escape(outlet)}</td>" in row.group(0)
        break
    else:
        raise AssertionError("no event of an article with an outlet on the page")
    assert '<script src="/static/vendor/chart.umd.min.js"></script>' in html
    assert "http://" not in html.replace('href="http', "") and "cdn" not in html.lower()


def test_pair_page_filters_its_events_and_refuses_a_bad_filter(client: TestClient) -> None:
    html = client.get("/pairs/TUR-KOR?type=consult&quad=&since=2021-01-01&until=").text
    kinds = re.findall(r'<span class="type q\d">(\w+)</span>', html)
    assert kinds and set(kinds) == {"CONSULT"}
    assert "<option selected>CONSULT</option>" in html and 'value="2021-01-01"' in html
    quads = re.findall(r'<span class="type q(\d)">', client.get("/pairs/TUR-KOR?quad=1").text)
    assert quads and set(quads) == {"1"}
    for bad in ("type=PARTY", "quad=7", "since=2021-02-30", "since=yesterday"):
        assert client.get(f"/pairs/TUR-KOR?{bad}").status_code == 422, bad


def test_article_page_marks_each_evidence_sentence(client: TestClient) -> None:
    event = get(client, "/api/events?pair=TUR-KOR&type=SUPPORT&limit=1")["items"][0]
    html = client.get(f"/articles/{event['evidence']['article_id']}").text
    marks = re.findall(
        r'<mark id="e-([0-9a-f]+)">((?:<span class="anchor" id="e-[0-9a-f]+"></span>)*)([^<]*)</mark>', html
    )
    holder = next(mark for mark in marks if event["id"] == mark[0] or f'id="e-{event["id"]}"' in mark[1])
    assert str(escape(event["evidence"]["quote"])) in holder[2]


@pytest.mark.parametrize(
    "url",
    ["/agreements/{agreement}", "/projects/Altay%20tank", "/search?q=Altay", "/search", "/pairs/TUR-KOR?by=year"],
)
def test_other_pages_render(client: TestClient, url: str) -> None:
    agreement = get(client, "/api/agreements?pair=TUR-KOR&limit=1")["items"][0]
    response = client.get(url.format(agreement=agreement["id"]))
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "<h1>" in response.text


@pytest.mark.parametrize(("url", "status"), [("/articles/nope", 404), ("/nowhere", 404), ("/pairs/TURKEY", 422)])
def test_page_errors_are_html(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html") and f"<h1>{status}</h1>" in response.text


def test_static_assets_are_shipped(client: TestClient) -> None:
    chart = client.get("/static/vendor/chart.umd.min.js")
    assert chart.status_code == 200 and b"Chart.js v4" in chart.content[:200]
    assert client.get("/static/dashboard.js").status_code == 200
    assert client.get("/static/style.css").status_code == 200


# -- highlighting --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spans", "html"),
    [
        ("a b c", [(2, 3, "e1")], 'a <mark id="e-e1">b</mark> c'),
        ("<b>x</b>", [(3, 4, "e1")], '&lt;b&gt;<mark id="e-e1">x</mark>&lt;/b&gt;'),
        ("<x>", [(0, 3, "e1")], '<mark id="e-e1">&lt;x&gt;</mark>'),
        ("abcdef", [(0, 3, "e1"), (2, 5, "e2")], '<mark id="e-e1"><span class="anchor" id="e-e2"></span>abcde</mark>f'),
        ("abc", [(1, 2, "e1"), (1, 2, "e2")], 'a<mark id="e-e1"><span class="anchor" id="e-e2"></span>b</mark>c'),
        ("abc", [(2, 99, "e1"), (5, 9, "e2"), (-3, 0, "e3")], 'ab<mark id="e-e1">c</mark>'),
        ("a&b", [], "a&amp;b"),
    ],
)
def test_highlighted_escapes_every_piece(text: str, spans: list[tuple[int, int, str]], html: str) -> None:
    assert str(highlighted(text, spans)) == html


# -- startup and migration -----------------------------------------------------------------------------


def test_create_app_needs_an_existing_database(tmp_path: Path) -> None:
    with pytest.raises(MissingDatabase, match="ingest first"):
        create_app(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


def test_serve_command_reports_a_missing_database_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.db"), "serve"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error[store.missing]:") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("url", ["/api/events", "/api/dyads/TUR-KOR", "/api/articles", "/api/search?q=Altay"])
def test_read_endpoints_never_create_a_database(served_db: Path, tmp_path: Path, url: str) -> None:
    path = tmp_path / "gone.db"
    shutil.copy(served_db, path)
    app = create_app(path, hosts=TEST_HOST)
    path.unlink()
    body = get(TestClient(app), url, 503)
    assert body["error"]["code"] == "store.missing" and "ingest first" in body["error"]["message"]
    assert not path.exists()


def test_older_databases_get_the_search_index(served_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "v3.db"
    shutil.copy(served_db, path)
    with sqlite3.connect(path) as db:
        db.executescript(UNDO_ROLLUPS)
        for name in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
            db.execute(f"DROP TRIGGER {name}")
        db.execute("DROP TABLE articles_fts")
        db.execute("PRAGMA user_version = 3")
    with Store(path) as store:
        hits, total = store.browse().search("Altay", limit=5)
        assert total >= 5 and hits
        assert store.counts().articles > 0
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


@pytest.mark.parametrize("url", ["/", "/pairs/TUR-KOR", "/api/events?limit=1", "/api/nope", "/nowhere"])
def test_every_answer_carries_a_content_security_policy(client: TestClient, url: str) -> None:
    headers = client.get(url).headers
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy and "unsafe-inline" not in policy
    assert headers["x-content-type-options"] == "nosniff"
