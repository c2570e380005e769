"""What a request must pass before the server reads it: the Host, the ingest token, the body's size.

The body tests drive the app as the ASGI server does, handing it a 300 MB body piece by piece, and count
how much of it the app took: TestClient reads a streamed body whole before the app sees it.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from bilateral.cli import app as cli
from bilateral.cli.serve import parse_size
from bilateral.errors import UsageError
from bilateral.serve import create_app
from bilateral.serve.guard import allowed_hosts, host_name

TOKEN = "guard-token"
LIMIT = 1 << 20
PIECE = b" " * (64 << 10)
HUGE = 300_000_000


@pytest.fixture(scope="module")
def guarded(served_db: Path, tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    """An app with ingest on, the default hosts and a body limit of 1 MiB."""
    path = tmp_path_factory.mktemp("guard") / "guard.db"
    shutil.copy(served_db, path)
    return create_app(path, token=TOKEN, max_body=LIMIT)


@pytest.fixture(scope="module")
def client(guarded: FastAPI) -> Iterator[TestClient]:
    with TestClient(guarded, base_url="http://localhost:8000") as test_client:
        yield test_client


# -- Host ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "name"),
    [("localhost", "localhost"), ("LocalHost:8000", "localhost"), ("127.0.0.1:80", "127.0.0.1"),
     ("[::1]:8000", "[::1]"), ("::1", "[::1]"), ("example.org.", "example.org."), ("", "")],
)  # fmt: skip
def test_host_name_drops_the_port_and_the_case(header: str, name: str) -> None:
    assert host_name(header) == name


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:5", "[::1]:8000", "LOCALHOST"])
def test_loopback_names_are_answered(client: TestClient, host: str) -> None:
    assert client.get("/api/dyads?limit=1", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    "host", ["testserver", "rebound.example", "localhost.rebound.example", "127.0.0.1.nip.io", "[::2]:8000", ""]
)
@pytest.mark.parametrize(("url", "kind"), [("/api/events", "application/json"), ("/pairs/TUR-KOR", "text/html")])
def test_other_hosts_are_refused_in_the_one_error_shape(client: TestClient, host: str, url: str, kind: str) -> None:
    response = client.get(url, headers={"Host": host})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith(kind)
    assert "host.refused" in response.text and "--allow-host" in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_ingest_from_another_host_is_refused_even_with_the_token(client: TestClient) -> None:
    headers = {"Host": "rebound.example", "Authorization": f"Bearer {TOKEN}"}
    response = client.post("/api/ingest", json={"articles": [{"text": "x"}]}, headers=headers)
    assert response.status_code == 400 and response.json()["error"]["code"] == "host.refused"


@pytest.mark.parametrize(
    ("names", "host", "status"),
    [(["example.org"], "example.org:8080", 200), (["EXAMPLE.org:9"], "example.org", 200),
     (["example.org"], "www.example.org", 400), (["*"], "anything.example", 200), (["10.0.0.5"], "10.0.0.5:8000", 200)],
)  # fmt: skip
def test_allowed_hosts_are_configurable(served_db: Path, names: list[str], host: str, status: int) -> None:
    app = create_app(served_db, hosts=names)
    assert TestClient(app).get("/api/dyads?limit=1", headers={"Host": host}).status_code == status
    assert {"localhost", "127.0.0.1", "[::1]"} <= allowed_hosts(names)


# -- the token before the body -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [({}, 401, "unauthorized"), ({"Authorization": "Bearer wrong"}, 401, "unauthorized"),
     ({"Authorization": f"Basic {TOKEN}"}, 401, "unauthorized"),
     ({"Authorization": f"Bearer {TOKEN}"}, 422, "validation")],
)  # fmt: skip
def test_malformed_json_is_refused_for_the_token_first(
    client: TestClient, headers: dict[str, str], status: int, code: str
) -> None:
    response = client.post("/api/ingest", content=b'{"articles": [', headers=headers)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code and body["error"]["message"]


def test_without_a_configured_token_ingest_is_off_whatever_the_body(served_db: Path) -> None:
    response = TestClient(create_app(served_db)).post(
        "/api/ingest", content=b"\xff not json", headers={"Host": "localhost", "Authorization": "Bearer x"}
    )
    assert response.status_code == 403 and response.json()["error"]["code"] == "ingest.disabled"


# -- the body, as the server hands it over ---------------------------------------------------------------


def post(app: FastAPI, headers: dict[str, str], size: int) -> tuple[int, dict[str, Any], int]:
    """POST ``size`` bytes to /api/ingest in 64 KiB pieces; the status, the JSON answer and the bytes the app took."""
    taken = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal taken
        if taken >= size:
            await asyncio.sleep(3600)  # the client sent everything and waits for the answer
        piece = PIECE[: size - taken]
        taken += len(piece)
        return {"type": "http.request", "body": piece, "more_body": taken < size}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": "/api/ingest", "raw_path": b"/api/ingest", "query_string": b"", "root_path": "",
        "headers": [(name.lower().encode(), value.encode()) for name, value in headers.items()],
        "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000),
    }  # fmt: skip
    asyncio.run(asyncio.wait_for(app(scope, receive, send), 60))
    start = next(message for message in sent if message["type"] == "http.response.start")
    body = b"".join(message.get("body", b"") for message in sent if message["type"] == "http.response.body")
    return start["status"], json.loads(body), taken


LOCAL = {"Host": "127.0.0.1:8000", "Content-Type": "application/json"}
BEARER = {"Authorization": f"Bearer {TOKEN}"}
SIZED = {"Content-Length": str(HUGE)}
CHUNKED = {"Transfer-Encoding": "chunked"}


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [(SIZED, 401, "unauthorized"), (CHUNKED, 401, "unauthorized"), (SIZED | BEARER, 413, "too_large"),
     (SIZED | BEARER | {"Host": "rebound.example"}, 400, "host.refused"),
     ({"Content-Length": "lots"} | BEARER, 400, "bad_request")],
)  # fmt: skip
def test_a_refused_body_is_never_read(guarded: FastAPI, headers: dict[str, str], status: int, code: str) -> None:
    answer, body, taken = post(guarded, LOCAL | headers, HUGE)
    assert (answer, body["error"]["code"], taken) == (status, code, 0)


def test_a_chunked_body_is_read_up_to_the_limit_and_no_further(guarded: FastAPI) -> None:
    answer, body, taken = post(guarded, LOCAL | CHUNKED | BEARER, HUGE)
    assert (answer, body["error"]["code"]) == (413, "too_large")
    assert "1,048,576 bytes" in body["error"]["message"]
    assert LIMIT < taken <= LIMIT + len(PIECE)


def test_a_body_within_the_limit_is_read_whole(guarded: FastAPI) -> None:
    answer, body, taken = post(guarded, LOCAL | CHUNKED | BEARER, LIMIT)  # all blanks: read, then refused as JSON
    assert (answer, body["error"]["code"], taken) == (400, "bad_request", LIMIT)


def test_a_disabled_ingest_reads_nothing(served_db: Path) -> None:
    answer, body, taken = post(create_app(served_db), LOCAL | CHUNKED | BEARER, HUGE)
    assert (answer, body["error"]["code"], taken) == (403, "ingest.disabled", 0)


# -- the command's options --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "size"), [("16M", 16 << 20), ("512KiB", 512 << 10), ("1000000", 1_000_000), ("2g", 2 << 30)]
)
def test_sizes_read_with_binary_units(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "0", "-5", "16 megs", "1.5M"])
def test_a_size_that_is_none_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageError, match="--max-body"):
        parse_size(text)


def test_serve_refuses_a_bad_max_body_in_one_line(served_db: Path) -> None:
    result = CliRunner().invoke(cli, ["--db", str(served_db), "serve", "--max-body", "lots"])
    assert result.exit_code == 2 and result.stderr.startswith("error[usage]: --max-body 'lots'")
