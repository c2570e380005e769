"""Mutation fuzzing of the whole per-input path, with a time and memory budget per input.

    python benchmarks/fuzz.py --inputs 100000          # the README's run
    python benchmarks/fuzz.py --minutes 10 --seed 3    # as long as you like

Seeds are the bundled sample corpus and the project's generated articles written in every
format the readers take (bilateral.samples.formats), each also gzipped. Each input is a seed
with one to four byte or structure mutations (bit flips, bytes and tokens inserted, spans cut,
repeated or spliced from another seed, fields of a record replaced, the gzip layer or the
decompressed text damaged), at most 256 KiB.

One worker process reads each input from a file named for its format, repairs it, finds its
actors and codes it (read → repair → actors → code), and every 50 inputs stores what it got in a
temporary SQLite store (linking included; a fresh store after every 5,000 documents) and checks that
every document coded is in ``articles`` and every failure in ``failures``. The harness, in this process, asserts the
budget: an input that takes over 5 s is killed and counted (once more in a fresh worker to rule
out a busy machine), and the worker's peak resident memory for each input (its VmHWM, reset
before each input) may grow by at most 500 MB, which the harness also watches while it waits.

Counted: inputs, documents, failures by code, stored, uncaught exceptions, internal failures
(an exception a catch-all turned into ``[internal]``), unclear failures (no code, or a message
of more than one line), silent inputs (neither a document nor a failure), over time, over
memory and lost (coded but not found in the store). Every input in one of those counts is kept
in ``tests/fuzz_corpus/`` (over time or memory: ``tests/fuzz_corpus/slow/``), where
``tests/test_fuzz.py`` replays it. Results go to benchmarks/results/fuzz.json.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import json
import os
import random
import select
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).parent / "results"
CORPUS = ROOT / "tests" / "fuzz_corpus"
SECONDS = 5.0
MEGABYTES = 500
BATCH = 50
FRESH_STORE = 5_000
"""Documents one temporary store takes before the worker starts a fresh one. Mutants of a few dozen seeds are
the same few stories told tens of thousands of times, and re-counting a story reads all its reports: past a
few thousand reports that, not the input, is what a store step measures (see the README's Fuzzing)."""
LARGEST = 256 * 1024

# Tokens that readers, the repair and the coder treat specially.
TOKENS = [
    b"\x00", b"\xff", b"\xfe", b"\x9e", b"\x9f", b"\x80", b"\xc3", b"\xa9", b"\xef\xbb\xbf", b"\xff\xfe", b"\r", b"\n",
    b"\r\n", b"\t", b",", b'"', b"'", b"\\", b"\\u", b"\\ud800", b"\\udfff", b"&#1114112;", b"&#xD800;", b"&#0;",
    b"&amp;", b"&lt;", b"<", b">", b"</", b"<![CDATA[", b"]]>", b"<!--", b"-->", b"<script>", b"<p>", b"</item>",
    b"<item>", b"<entry>", b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>", b"&a;", b'<?xml version="1.0" encoding="punycode"?>',
    b"{", b"}", b"[", b"]", b":", b"null", b"true", b"-0", b"1e999", b"9" * 5_000, b"[" * 2_000, b'{"a":' * 1_500,
    b'"date": "9999-12-28"', b'"date": "0001-01-02"', b'"published": 99999999999', b" date 2024-13-45 1\n",
    b" date 9999-12-31 1\n", b"06/05/2024", b"2024-06", b"(" + b"x" * 20_000, b"!" * 5_000, b"\xe9 " + b"a" * 5_000,
    b"France and Germany agreed to cooperate and " * 40, b"T\xd8\xa31\xe2\x81\x84\xd8\xa4rkiye", b"\xc3\x83\xc2\xa9",
    b"%PDF-1.4", b"stream\n", b"endstream", b"obj", b"endobj", b"trailer", b"xref", b"/Length 99999",
    b"/Filter /FlateDecode", b"\x1f\x8b\x08\x00", b"U.S.", b"Dr.", b"Erdo\xc4\x9fan", b"NATO", b"Ankara", b"Seoul",
]  # fmt: skip
VALUES: list[Any] = [
    None, True, 0, -1, 1e308, 10**40, "", " ", "\ud800", "\udfff x", "9999-12-28", "0001-01-02", "1900-01-01",
    "2100-12-31", "2101-01-01", "13/05/2024", "06/05/2024", "2024-06", "1717171717", "17171717171717", "Mon, 32 Foo",
    [], {}, [[[]]], {"a": {"b": "c"}}, "x" * 3_000, "Türkiye ve Güney Kore", "Tأ1⁄4rkiye", "<b>bold</b>",
]  # fmt: skip
FIELDS = ["text", "title", "date", "published", "source", "url", "language", "body", "content", "maintext"]


def seeds() -> list[tuple[str, bytes]]:
    """(file name suffix, bytes) for every seed: the bundled corpus, and generated articles in every format."""
    from bilateral.samples import corpus_dir
    from bilateral.samples.formats import SUFFIXES, render
    from bilateral.samples.generate import articles

    found = [(_suffix(path.name), path.read_bytes()) for path in sorted(corpus_dir().iterdir()) if path.is_file()]
    records = list(articles(60, seed=11))
    for number, suffix in enumerate(SUFFIXES * 3):
        group = records[number : number + 1 + number % 3]
        data = render(suffix, group)
        found.append((suffix, data))
        if suffix:
            found.append((suffix + ".gz", gzip.compress(data, mtime=0)))
    return found


def _suffix(name: str) -> str:
    """The name's format: ``.txt``, ``.jsonl.gz``."""
    base = name.lower().removesuffix(".gz")
    return Path(base).suffix + name[len(base) :]


class Mutator:
    """Stacked byte and structure mutations of a seed, reproducible from one seed number."""

    def __init__(self, pool: list[tuple[str, bytes]], seed: int) -> None:
        self.pool = pool
        self.rng = random.Random(seed)

    def next(self) -> tuple[str, bytes]:
        suffix, data = self.rng.choice(self.pool)
        if suffix.endswith(".gz") and self.rng.random() < 0.7:  # damage what is inside, most of the time
            inner = self.mutate(gzip.decompress(data), suffix.removesuffix(".gz"))
            data = gzip.compress(inner, mtime=0)
            if self.rng.random() < 0.2:
                data = self._bytes(bytearray(data))
        else:
            data = self.mutate(data, suffix)
        return suffix, data[:LARGEST]

    def mutate(self, data: bytes, suffix: str) -> bytes:
        for _ in range(self.rng.randint(1, 4)):
            if suffix in (".jsonl", ".json") and self.rng.random() < 0.4:
                data = self._records(data, suffix)
            else:
                data = self._bytes(bytearray(data))
        return data

    def _bytes(self, data: bytearray) -> bytes:
        rng = self.rng
        where = rng.randint(0, len(data))
        span = rng.choice([1, 2, 4, 16, 64, 512, 4096])
        choice = rng.randrange(8)
        if choice == 0 and data:  # flip bits
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        elif choice == 1:  # random bytes
            data[where:where] = rng.randbytes(rng.randint(1, 32))
        elif choice == 2:  # a token
            data[where:where] = rng.choice(TOKENS)
        elif choice == 3:  # cut a span
            del data[where : where + span]
        elif choice == 4:  # repeat a span
            piece = data[where : where + span]
            data[where:where] = piece * rng.randint(1, max(1, 20_000 // max(1, len(piece))))
        elif choice == 5:  # splice another seed
            _, other = rng.choice(self.pool)
            start = rng.randint(0, len(other))
            data[where:where] = other[start : start + span * 4]
        elif choice == 6:  # truncate
            del data[where:]
        elif data:  # replace a byte with a token's first
            data[rng.randrange(len(data))] = rng.choice(TOKENS)[0]
        return bytes(data)

    def _records(self, data: bytes, suffix: str) -> bytes:
        """Replace, drop or add one field of one record (bytes left as they are when they are not JSON)."""
        rng = self.rng
        try:
            lines = data.decode("utf-8").splitlines() if suffix == ".jsonl" else [data.decode("utf-8")]
            parsed = [json.loads(line) for line in lines if line.strip()]
        except (UnicodeDecodeError, ValueError, RecursionError):
            return self._bytes(bytearray(data))
        records = [record for value in parsed for record in (value if isinstance(value, list) else [value])]
        dicts = [record for record in records if isinstance(record, dict)]
        if dicts:
            record = rng.choice(dicts)
            name = rng.choice(FIELDS)
            if rng.random() < 0.2:
                record.pop(name, None)
            else:
                record[name] = rng.choice(VALUES)
        if suffix == ".jsonl":
            lines = [json.dumps(record, ensure_ascii=False) for record in records]
            return "\n".join(lines).encode("utf-8", "surrogatepass")
        return json.dumps(records).encode("utf-8")


# The worker: one process reading inputs, one JSON line answering each -------------------------------------------


def _status(field: str, pid: int | str = "self") -> int:
    """A /proc status field in kB (VmRSS, VmHWM)."""
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field + ":"))


def worker(db: str) -> None:
    import logging
    import sqlite3
    import warnings

    from bilateral.actors import gazetteer
    from bilateral.pipeline import analyse
    from bilateral.read import read_paths
    from bilateral.records import CodedArticle, Document, Failure
    from bilateral.store import Store

    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    gaz = gazetteer()
    analyse(Document("warm-up", "France and Germany signed a treaty in Paris on Monday."), gaz)  # lazy tables loaded
    folder = Path(tempfile.mkdtemp(prefix="fuzz-inputs-"))
    pending: list[CodedArticle | Failure] = []
    store = Store(db)
    check = sqlite3.connect(db)
    held = 0
    out = sys.stdout
    for line in sys.stdin:
        message = json.loads(line)
        began = time.perf_counter()
        try:
            if "flush" in message:
                answer = _store_batch(store, check, pending)
                pending.clear()
                held += answer["stored"] + answer["lost"]
                if held >= FRESH_STORE:
                    store.close()
                    check.close()
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{db}{suffix}").unlink(missing_ok=True)
                    store, check, held = Store(db), sqlite3.connect(db), 0
            else:
                path = folder / message["name"]
                path.write_bytes(base64.b64decode(message["data"]))
                Path("/proc/self/clear_refs").write_text("5")  # the peak (VmHWM) starts again from here
                before = _status("VmRSS")
                items = list(read_paths([str(path)]))
                results = [item if isinstance(item, Failure) else analyse(item, gaz) for item in items]
                peak = _status("VmHWM") - before
                path.unlink()
                pending.extend(results)
                answer = {
                    "codes": [result.code for result in results if isinstance(result, Failure)],
                    "documents": sum(isinstance(result, CodedArticle) for result in results),
                    "read_failures": sum(isinstance(item, Failure) for item in items),
                    "unclear": sum(_unclear(result) for result in results if isinstance(result, Failure)),
                    "peak_mb": round(peak / 1024, 1),
                }
        except BaseException as error:  # what the harness is here to find
            if "flush" in message:
                pending.clear()
            answer = {"error": f"{type(error).__name__}: {error}"[:300], "trace": traceback.format_exc()[-3000:]}
        answer["seconds"] = round(time.perf_counter() - began, 4)
        out.write(json.dumps(answer) + "\n")
        out.flush()


def _store_batch(store: Any, check: Any, pending: list[Any]) -> dict[str, int]:
    """Store and link one batch, then count what is in the store: every document, every failure."""
    from bilateral.link import link
    from bilateral.records import CodedArticle, Failure

    coded = [result for result in pending if isinstance(result, CodedArticle)]
    failures = [result for result in pending if isinstance(result, Failure)]
    store.add(coded, failures)
    link(store)
    ids = [result.reading.article.id for result in coded]
    found = {
        row[0]
        for start in range(0, len(ids), 500)
        for row in check.execute(
            f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(ids[start : start + 500]))})",
            ids[start : start + 500],
        )
    }
    kept = sum(
        check.execute("SELECT 1 FROM failures WHERE origin = ? AND code = ?", (f.origin, f.code)).fetchone() is not None
        for f in failures
    )
    stored = sum(key in found for key in ids)
    return {"stored": stored, "lost": len(ids) - stored, "failures_kept": kept, "failures_lost": len(failures) - kept}


def _unclear(failure: Any) -> bool:
    return not failure.code or not failure.message or "\n" in failure.message


# The harness -------------------------------------------------------------------------------------------------------


class Worker:
    def __init__(self, db: Path) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker", str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=env, bufsize=0,
        )  # fmt: skip
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin, self.stdout = self.process.stdin, self.process.stdout
        self.buffer = b""
        self.baseline_kb = 0

    def ask(self, message: dict[str, Any], *, limit: float) -> dict[str, Any]:
        """The worker's answer, or ``{"killed": "time" | "memory" | "died"}``."""
        self.stdin.write((json.dumps(message) + "\n").encode())
        deadline = time.monotonic() + limit
        while b"\n" not in self.buffer:
            if self.process.poll() is not None:
                return {"killed": "died", "returncode": self.process.returncode}
            left = deadline - time.monotonic()
            if left <= 0:
                self.kill()
                return {"killed": "time"}
            try:
                rss = _status("VmRSS", self.process.pid)
            except (FileNotFoundError, StopIteration):
                continue
            if self.baseline_kb and rss - self.baseline_kb > MEGABYTES * 1024:
                self.kill()
                return {"killed": "memory", "rss_mb": round(rss / 1024)}
            ready, _, _ = select.select([self.stdout], [], [], min(left, 0.05))
            if ready:
                chunk = os.read(self.stdout.fileno(), 1 << 16)
                if not chunk:
                    continue
                self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()


def keep(suffix: str, data: bytes, *, slow: bool) -> Path:
    """Save an input in the corpus as ``HASH.FORMAT`` (``HASH.noext`` for a name without one)."""
    folder = CORPUS / "slow" if slow else CORPUS
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{hashlib.sha1(data).hexdigest()[:16]}{suffix or '.noext'}"
    path.write_bytes(data)
    return path


KINDS = ("uncaught", "internal", "unclear", "silent", "over_time", "over_memory", "crashed", "store_error", "lost")


class Campaign:
    """One run: inputs sent to a worker (a fresh one after each kill), counted, and the bad ones kept."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.worker = _fresh(db)
        self.counts: Counter[str] = Counter()
        self.codes: Counter[str] = Counter()
        self.times: list[float] = []
        self.peaks: list[float] = []
        self.kept: list[dict[str, Any]] = []
        self.batch: list[tuple[str, bytes]] = []

    def found(self, kind: str, suffix: str, data: bytes, detail: str) -> None:
        self.counts[kind] += 1
        path = keep(suffix, data, slow=kind in ("over_time", "over_memory"))
        self.kept.append({"kind": kind, "file": os.path.relpath(path, ROOT), "detail": detail[:300]})

    def restart(self) -> None:
        """A fresh worker; the batch the killed one held is not stored, and not counted as stored."""
        self.worker = _fresh(self.db)
        self.counts["unstored_by_restart"] += len(self.batch)
        self.batch.clear()

    def send(self, number: int, suffix: str, data: bytes) -> None:
        message = {"name": f"{number:07d}{suffix}", "data": base64.b64encode(data).decode()}
        answer = self.worker.ask(message, limit=SECONDS)
        if answer.get("killed") == "time":
            self.restart()
            answer = self.worker.ask(message, limit=SECONDS)  # once more, on a fresh worker: a busy machine is no bug
        self.counts["inputs"] += 1
        if "killed" in answer:
            self.restart()
            kind = {"time": "over_time", "memory": "over_memory"}.get(answer["killed"], "crashed")
            self.found(kind, suffix, data, json.dumps(answer))
        elif "error" in answer:
            self.found("uncaught", suffix, data, answer["error"] + "\n" + answer["trace"])
        else:
            self.tally(answer, suffix, data)
        if len(self.batch) >= BATCH:
            self.flush()

    def tally(self, answer: dict[str, Any], suffix: str, data: bytes) -> None:
        self.batch.append((suffix, data))
        self.times.append(answer["seconds"])
        self.peaks.append(answer["peak_mb"])
        self.counts["documents"] += answer["documents"]
        self.counts["failures"] += len(answer["codes"])
        self.codes.update(answer["codes"])
        checks = {
            "over_memory": answer["peak_mb"] > MEGABYTES,
            "over_time": answer["seconds"] > SECONDS,
            "internal": "internal" in answer["codes"],
            "unclear": answer["unclear"] > 0,
            "silent": not answer["codes"] and not answer["documents"],
        }
        for kind, failed in checks.items():
            if failed:
                self.found(kind, suffix, data, f"{answer['seconds']} s, {answer['peak_mb']} MB, {answer['codes']}")

    def flush(self) -> None:
        """Store the batch (and link it); every document coded must be in ``articles``, every failure kept."""
        answer = self.worker.ask({"flush": True}, limit=60)
        if "killed" in answer or "error" in answer:
            for suffix, data in self.batch:
                self.found("store_error", suffix, data, str(answer.get("error") or answer))
            if "killed" in answer:
                self.restart()
        else:
            self.counts["stored"] += answer["stored"]
            self.counts["lost"] += answer["lost"] + answer["failures_lost"]
            self.counts["failures_kept"] += answer["failures_kept"]
        self.batch.clear()

    def report(self) -> dict[str, Any]:
        times, counts = sorted(self.times), self.counts
        return {
            "inputs": counts["inputs"],
            "documents": counts["documents"],
            "stored": counts["stored"],
            "failures": counts["failures"],
            "failures_kept": counts["failures_kept"],
            "failures_by_code": dict(self.codes.most_common()),
            **{kind: counts[kind] for kind in KINDS},
            "unstored_by_restart": counts["unstored_by_restart"],
            "seconds_p50": times[len(times) // 2] if times else None,
            "seconds_p99": times[int(len(times) * 0.99)] if times else None,
            "seconds_max": times[-1] if times else None,
            "peak_mb_max": max(self.peaks, default=None),
            "kept": self.kept,
        }


def run(*, inputs: int, minutes: float | None, seed: int, quiet: bool) -> dict[str, Any]:
    pool = seeds()
    mutator = Mutator(pool, seed)
    began = time.monotonic()
    stop = began + minutes * 60 if minutes else None
    with tempfile.TemporaryDirectory(prefix="fuzz-") as scratch:
        campaign = Campaign(Path(scratch) / "fuzz.db")
        for number in range(sys.maxsize if stop else inputs):
            if stop and time.monotonic() > stop:
                break
            campaign.send(number, *mutator.next())
            done = campaign.counts["inputs"]
            if not quiet and done % 1_000 == 0:
                print(f"{done:,} inputs, {time.monotonic() - began:,.0f} s: {dict(campaign.counts)}", flush=True)
        campaign.flush()
        campaign.worker.kill()
    command = " ".join(["python", "benchmarks/fuzz.py", *sys.argv[1:]])
    return {"command": command, "seed": seed, "seeds": len(pool), "seconds": round(time.monotonic() - began),
            **campaign.report()}  # fmt: skip


def _fresh(db: Path) -> Worker:
    worker = Worker(db)
    answer = worker.ask({"flush": True}, limit=120)  # waits for the gazetteer to load; nothing is pending
    if "error" in answer or "killed" in answer:
        raise SystemExit(f"the fuzz worker did not start: {answer}")
    worker.baseline_kb = _status("VmRSS", worker.process.pid)
    return worker


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="how many mutated inputs (default 10,000)")
    parser.add_argument("--minutes", type=float, help="run this long instead of --inputs")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quiet", action="store_true", help="no progress line every 1,000 inputs")
    parser.add_argument("--worker", metavar="DB", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.worker:
        worker(arguments.worker)
        return
    result = run(inputs=arguments.inputs, minutes=arguments.minutes, seed=arguments.seed, quiet=arguments.quiet)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "fuzz.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({key: value for key, value in result.items() if key != "kept"}, indent=2))
    for case in result["kept"]:
        print(f"{case['kind']}: {case['file']}: {case['detail'].splitlines()[0]}")


if __name__ == "__main__":
    main()
