"""The server under abuse: what an oversized or unauthenticated POST costs it, and whether reads go on during an ingest.

    python benchmarks/serve_abuse.py                    # 300 MB bodies, 50 readers, 500 articles
    python benchmarks/serve_abuse.py --megabytes 50 --articles 200 --readers 20 --think 0.5

Starts a real ``bilateral serve`` (a subprocess over a fresh demo database, ingest on), then:

1. POSTs a body of ``--megabytes`` to ``/api/ingest`` over a raw socket, streaming it in 1 MiB pieces until
   the server answers: without a token (with a Content-Length, then chunked), with the token (the same two),
   and with a foreign Host. For each: the status and error code, how much the client got to send, and the
   growth of the server's resident memory (psutil, sampled every 5 ms: peak during the request minus before).
2. Starts one ingest request of ``--articles`` generated articles and, while it runs, ``--readers`` clients
   each reading the API and the pages in turn, waiting about ``--think`` seconds between requests (0: none):
   requests, errors, and latency p50/p99/max. The same readers alone (no ingest), for 15 s, give the baseline.
3. The same ingest on a server started with ``--time-limit`` of a few seconds: how many articles were coded
   and how many were answered ``ingest.time_limit`` (after a one-article request that loads the coder).

Everything runs on this machine, the clients too: on a machine whose cores other work keeps busy, read the
latencies next to the baseline of the same run.

Results go to benchmarks/results/serve_abuse.json.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import platform
import random
import select
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import psutil

from bilateral.samples.generate import articles

RESULTS = Path(__file__).parent / "results"
TOKEN = "bench-token"
PIECE = 1 << 20
READS = ("/api/events?limit=50", "/api/dyads?limit=20", "/api/timeline/TUR-KOR", "/api/stories?limit=20",
         "/api/search?q=Altay", "/api/articles?limit=20", "/pairs/TUR-KOR", "/")  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def server(db: Path, *options: str) -> Iterator[tuple[int, psutil.Process]]:
    """``bilateral serve`` on a free loopback port, until the block ends."""
    port = free_port()
    command = [sys.executable, "-m", "bilateral", "--db", str(db), "serve", "--port", str(port), "--token", TOKEN]
    process = subprocess.Popen([*command, *options], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/dyads?limit=1", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.1)
        yield port, psutil.Process(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


class Peak:
    """The peak resident memory of a process while the block runs, sampled every 5 ms."""

    def __init__(self, process: psutil.Process) -> None:
        self.process = process
        self.before = process.memory_info().rss
        self.peak = self.before
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, self.process.memory_info().rss)

    def __enter__(self) -> Peak:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        time.sleep(0.2)  # a last look after the answer
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)


def post_raw(port: int, *, total: int, chunked: bool, token: bool, host: str | None = None) -> dict[str, Any]:
    """Stream ``total`` bytes to POST /api/ingest until the server answers; the answer and what was sent."""
    sock = socket.create_connection(("127.0.0.1", port))
    head = ["POST /api/ingest HTTP/1.1", f"Host: {host or f'127.0.0.1:{port}'}", "Content-Type: application/json"]
    head.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {total}")
    if token:
        head.append(f"Authorization: Bearer {TOKEN}")
    sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
    data = b"[" * PIECE  # never valid JSON: only the size matters
    piece = (f"{PIECE:x}\r\n".encode() + data + b"\r\n") if chunked else data
    queued, wire, pending = 0, 0, memoryview(b"")
    sock.setblocking(False)
    started = time.monotonic()
    while True:
        if not pending:
            if queued >= total:
                if chunked:
                    sock.setblocking(True)
                    sock.sendall(b"0\r\n\r\n")
                break
            pending, queued = memoryview(piece), queued + PIECE
        readable, writable, _ = select.select([sock], [sock], [], 30)
        if readable:
            break  # the server answered (or closed) before taking everything
        if not writable:
            raise SystemExit("the server neither read nor answered for 30 s")
        try:
            written = sock.send(pending)
        except (BrokenPipeError, ConnectionResetError):
            break
        wire, pending = wire + written, pending[written:]
    sock.setblocking(True)
    sock.settimeout(60)
    response = http.client.HTTPResponse(sock)
    response.begin()
    body = response.read()
    sock.close()
    code = json.loads(body)["error"]["code"] if body.startswith(b"{") else None
    return {"status": response.status, "code": code, "mb_sent": round(wire / 1e6, 1),
            "answered_s": round(time.monotonic() - started, 3)}  # fmt: skip


def abuse(port: int, process: psutil.Process, megabytes: int) -> list[dict[str, Any]]:
    total = megabytes * 1_000_000
    rows = []
    for name, options in [
        ("no token, Content-Length", {"chunked": False, "token": False}),
        ("no token, chunked", {"chunked": True, "token": False}),
        ("token, Content-Length over the limit", {"chunked": False, "token": True}),
        ("token, chunked past the limit", {"chunked": True, "token": True}),
        ("token, foreign Host", {"chunked": True, "token": True, "host": "rebound.example"}),
    ]:
        with Peak(process) as peak:
            answer = post_raw(port, total=total, **options)  # type: ignore[arg-type]
        row = {"case": name, **answer, "server_rss_growth_mb": round((peak.peak - peak.before) / 1e6, 1)}
        print(json.dumps(row), flush=True)
        rows.append(row)
    return rows


async def readers(port: int, count: int, think: float, until: threading.Event | float) -> dict[str, Any]:
    """``count`` clients reading until ``until`` is set (or for that many seconds), each waiting about ``think``
    seconds (0.5 to 1.5 times it, at random) between its requests."""
    latencies: list[float] = []
    errors: list[str] = []
    stop_at = time.monotonic() + until if isinstance(until, float) else None

    def done() -> bool:
        return time.monotonic() > stop_at if stop_at is not None else until.is_set()  # type: ignore[union-attr]

    async def reader(number: int, client: httpx.AsyncClient) -> None:
        turn = number
        await asyncio.sleep(think * random.random())  # the clients arrive spread over one think time
        while not done():
            url = READS[turn % len(READS)]
            turn += 1
            started = time.perf_counter()
            try:
                response = await client.get(url)
                if response.status_code != 200:
                    errors.append(f"{url}: {response.status_code}")
            except httpx.HTTPError as error:
                errors.append(f"{url}: {type(error).__name__}")
            latencies.append(time.perf_counter() - started)
            if think:
                await asyncio.sleep(think * random.uniform(0.5, 1.5))

    # idle connections dropped before uvicorn's 5 s keep-alive ends: else the two race, and a read fails
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=count, keepalive_expiry=2.0)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=60) as client:
        await asyncio.gather(*(reader(number, client) for number in range(count)))
    latencies.sort()
    return {
        "readers": count, "think_s": think, "requests": len(latencies), "errors": len(errors),
        "first_errors": errors[:5],
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p99_ms": round(1000 * latencies[int(0.99 * (len(latencies) - 1))], 1),
        "max_ms": round(1000 * latencies[-1], 1),
    }  # fmt: skip


def payload(count: int, seed: int) -> dict[str, Any]:
    return {"articles": [{"title": item["title"], "text": item["text"], "published": item["date"],
                          "source": item["source"]} for item in articles(count, seed=seed)]}  # fmt: skip


def ingest_with_readers(port: int, count: int, think: float, articles_count: int) -> dict[str, Any]:
    body = payload(articles_count, seed=11)
    finished = threading.Event()
    result: dict[str, Any] = {}

    def post() -> None:
        started = time.monotonic()
        response = httpx.post(f"http://127.0.0.1:{port}/api/ingest", json=body, timeout=600,
                              headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
        summary = response.json()
        result.update(status=response.status_code, seconds=round(time.monotonic() - started, 1),
                      **{key: summary.get(key) for key in ("read", "new", "duplicate", "failed")})  # fmt: skip
        finished.set()

    poster = threading.Thread(target=post)
    poster.start()
    reads = asyncio.run(readers(port, count, think, finished))
    poster.join()
    return {"ingest": result, "reads": reads}


def time_limited(db: Path, articles_count: int, seconds: float) -> dict[str, Any]:
    with server(db, "--time-limit", str(seconds)) as (port, _):
        warm = httpx.post(f"http://127.0.0.1:{port}/api/ingest", json=payload(1, seed=5), timeout=600,
                          headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
        assert warm.status_code == 200, warm.text  # the gazetteer and the coder loaded
        started = time.monotonic()
        response = httpx.post(f"http://127.0.0.1:{port}/api/ingest", json=payload(articles_count, seed=23),
                              headers={"Authorization": f"Bearer {TOKEN}"}, timeout=600)  # fmt: skip
        summary = response.json()
        codes = sorted({failure["code"] for failure in summary["failures"]})
        took = round(time.monotonic() - started, 1)
        return {"time_limit_s": seconds, "status": response.status_code, "read": summary["read"],
                "failed": summary["failed"], "codes": codes, "seconds": took}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=int, default=300, help="Size of each abusive body (MB).")
    parser.add_argument("--readers", type=int, default=50, help="Concurrent reading clients.")
    parser.add_argument("--think", type=float, default=1.0, help="Seconds each reader waits between requests.")
    parser.add_argument("--articles", type=int, default=500, help="Articles in the ingest request (at most 1,000).")
    parser.add_argument("--time-limit", type=float, default=2.0, help="The time limit of the last run (seconds).")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        subprocess.run([sys.executable, "-m", "bilateral", "--db", str(db), "demo"], capture_output=True, check=False)
        with server(db) as (port, process):
            rss = process.memory_info().rss
            abused = abuse(port, process, options.megabytes)
            alone = asyncio.run(readers(port, options.readers, options.think, 15.0))
            print(json.dumps({"reads_alone": alone}), flush=True)
            during = ingest_with_readers(port, options.readers, options.think, options.articles)
            print(json.dumps(during), flush=True)
        limited = time_limited(db, options.articles, options.time_limit)
        print(json.dumps({"time_limited": limited}), flush=True)
    RESULTS.mkdir(exist_ok=True)
    report = {"machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
              "python": platform.python_version(), "server_rss_at_start_mb": round(rss / 1e6, 1),
              "abuse": abused, "reads_alone": alone, "reads_during_ingest": during,
              "time_limited": limited}  # fmt: skip
    (RESULTS / "serve_abuse.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
