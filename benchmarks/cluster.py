"""A serial ingest against ``ingest --workers 1`` and ``2``, ``--dask local:1`` and ``local:2``, on the same generated
corpus, in one run.

    python benchmarks/cluster.py                  # 20,000 articles
    python benchmarks/cluster.py --articles 2000  # a quick look
    python benchmarks/cluster.py --news           # the realistic corpus (bilateral.samples.news), not the dense one
    python benchmarks/cluster.py --postgres postgresql://user@host:5432/postgres   # PostgreSQL too

Each ingest runs in a fresh process into a fresh SQLite file; reported are its wall time, the CPU time of
the process and all its children (the workers), articles per second and the speed-up over the serial run,
and whether each store holds the serial run's record table by table. With ``--postgres`` (a server's URL; a
database is made on it for each run and dropped after), the serial ingest and ``--dask local:1`` and ``local:2``
again into PostgreSQL, where the workers store and this process only links; their CPU time includes the
server's, and their record is compared with the serial PostgreSQL run's. Beside them, measured in this process
on a sample: CPU milliseconds per article to read and analyse (the workers' share) and to store and link
(the one writer's share), and the bytes the serial store takes per article, from which the README's sizing
for 100 million articles is worked out. Results go to benchmarks/results/cluster.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))

from test_kill import tables  # every table of a store, without its timestamps

from bilateral.actors import gazetteer
from bilateral.link import link
from bilateral.pipeline import analysed, store_analysed
from bilateral.read import read_paths
from bilateral.samples.generate import write_jsonl
from bilateral.store import Store

RESULTS = Path(__file__).parent / "results"
SAMPLE = 2_000
MODES = {
    "serial": [], "workers 1": ["--workers", "1"], "workers 2": ["--workers", "2"],
    "dask local:1": ["--dask", "local:1"], "dask local:2": ["--dask", "local:2"],
}  # fmt: skip
ON_POSTGRES = {"serial": [], "dask local:1": ["--dask", "local:1"], "dask local:2": ["--dask", "local:2"]}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def server_cpu() -> float:
    """CPU seconds of the PostgreSQL server processes on this machine so far."""
    total = 0.0
    for process in psutil.process_iter(["name", "cpu_times"]):
        if process.info["name"] in ("postgres", "postmaster") and process.info["cpu_times"] is not None:
            total += process.info["cpu_times"].user + process.info["cpu_times"].system
    return total


def run(corpus: Path, db: Path | str, options: list[str]) -> dict[str, float]:
    """One ingest in a fresh process: wall and CPU seconds (its children, the Dask workers, and a PostgreSQL
    server's, included)."""
    cpu, began = children_cpu() + server_cpu(), time.perf_counter()
    command = [sys.executable, "-m", "bilateral", "--db", str(db), "ingest", *options, str(corpus)]
    subprocess.run(command, check=True, capture_output=True)
    return {"wall_s": time.perf_counter() - began, "cpu_s": children_cpu() + server_cpu() - cpu}


def pg_tables(url: str) -> dict[str, list[tuple[object, ...]]]:
    """The tables :func:`tables` compares, read from PostgreSQL, without their timestamps, in a stable order."""
    from test_kill import TABLES, WHEN

    from bilateral.store import Store

    with Store(url) as store:
        found = {}
        for table in TABLES:
            columns = [row[0] for row in store._db.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                (table,),
            )]  # fmt: skip
            if not columns:  # SQLite's own tables (the full-text index): PostgreSQL keeps it in a column
                continue
            kept = ", ".join(f'"{column}"' for column in columns if column not in WHEN.get(table, ()))
            found[table] = sorted(store._db.execute(f"SELECT {kept} FROM {table}").fetchall(), key=repr)
    return found


def on_postgres(corpus: Path, server: str) -> dict[str, dict[str, float]]:
    """The serial ingest and the Dask ones into PostgreSQL, each into a new database; each record against the
    serial one's."""
    from conftest import database  # tests/ is on the path: a database of its own on the server, dropped after

    measured, records = {}, {}
    for mode, options in ON_POSTGRES.items():
        with database("postgresql", corpus.parent, server) as url:
            measured[f"{mode}, PostgreSQL"] = run(corpus, url, options)
            records[mode] = pg_tables(url)
    for mode in ON_POSTGRES:
        measured[f"{mode}, PostgreSQL"]["same_as_serial"] = float(records[mode] == records["serial"])
    return measured


def shares(corpus: Path, folder: Path) -> dict[str, float]:
    """CPU ms per article for reading and analysing, and for storing and linking, on the first SAMPLE articles."""
    sample = folder / "sample.jsonl"
    with corpus.open("rb") as source, sample.open("wb") as out:
        out.writelines(line for _, line in zip(range(SAMPLE), source, strict=False))
    gaz = gazetteer()
    began = time.process_time()
    results = list(analysed(read_paths([str(sample)]), gaz))
    analysing = time.process_time() - began
    with Store(folder / "sample.db") as store:
        began = time.process_time()
        store_analysed(results, store, linking=False)
        link(store)
        writing = time.process_time() - began
    return {"analyse_cpu_ms": 1000 * analysing / len(results), "store_link_cpu_ms": 1000 * writing / len(results)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--news", action="store_true", help="the realistic corpus (600-900 words, a few acts each)")
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL server to run the ingests on as well")
    parser.add_argument("--no-dask", action="store_true", help="serial and --workers only")
    options = parser.parse_args()
    count = options.articles
    modes = {mode: arguments for mode, arguments in MODES.items() if not (options.no_dask and "dask" in mode)}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        corpus = write_jsonl(folder / "corpus.jsonl", count, news=options.news)
        measured = {mode: run(corpus, folder / f"{index}.db", arguments)
                    for index, (mode, arguments) in enumerate(modes.items())}  # fmt: skip
        serial = tables(folder / "0.db")
        same = {mode: tables(folder / f"{index}.db") == serial for index, mode in enumerate(modes)}
        if options.postgres:
            on_server = on_postgres(corpus, options.postgres)
            same |= {mode: bool(figures.pop("same_as_serial")) for mode, figures in on_server.items()}
            measured |= on_server
        db_bytes = (folder / "0.db").stat().st_size
        per_article = shares(corpus, folder)
    base = measured["serial"]["wall_s"]
    report = {
        "articles": count,
        "corpus": "news" if options.news else "dense",
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, shared (load {os.getloadavg()[0]:.1f})",
        "runs": {
            mode: {
                **figures,
                "articles_per_s": count / figures["wall_s"],
                "speed_up": base / figures["wall_s"],
                "same_record_as_serial": same[mode],
            }
            for mode, figures in measured.items()
        },
        "store_bytes_per_article": db_bytes / count,
        **per_article,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "cluster.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"{count} generated articles ({report['corpus']}); {report['machine']}")
    print(
        f"{'mode':<26} {'wall s':>8} {'CPU s':>8} {'art/s':>7} {'speed-up':>9}  same record (PostgreSQL: as its serial)"
    )
    for mode, row in report["runs"].items():
        print(f"{mode:<26} {row['wall_s']:8.1f} {row['cpu_s']:8.1f} {row['articles_per_s']:7.1f} "
              f"{row['speed_up']:8.2f}x  {row['same_record_as_serial']}")  # fmt: skip
    print(f"per article: read+analyse {report['analyse_cpu_ms']:.1f} CPU ms (workers), "
          f"store+link {report['store_link_cpu_ms']:.1f} CPU ms (the writer); "
          f"store {report['store_bytes_per_article']:.0f} bytes")  # fmt: skip


if __name__ == "__main__":
    main()
