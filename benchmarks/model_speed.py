"""What the sentence model costs: coding with it and by the rules alone, in the same run, CPU time beside wall.

    python benchmarks/model_speed.py       # the bundled sample corpus and 1,000 generated news articles

For each corpus the articles are read, repaired and their actors found once; then coding alone
(``bilateral.code.code``) runs over them by the rules alone (the default), with ``--model``
and with ``--propose`` in turn, ``--rounds`` times each, the lowest CPU time counting; the whole analysis
(repair, actors, coding) is timed the same way. Prints articles per CPU-second, the sentences the model read
per article, the events coded, and the resident memory the model adds once loaded. Results go to
benchmarks/results/model_speed.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bilateral.actors import gazetteer, recognise
from bilateral.code import code
from bilateral.code.model import MODEL, MODEL_VERSION, Model, SentenceModel, sentence_model
from bilateral.pipeline import analyse
from bilateral.read import read_paths
from bilateral.records import Document
from bilateral.repair import repair
from bilateral.samples import corpus_dir
from bilateral.samples.generate import write_jsonl

RESULTS = Path(__file__).parent / "results" / "model_speed.json"
READ = [0]  # sentences the model has read


def _counted(method: Callable[[SentenceModel, list[str]], list[dict[str, float]]]) -> Callable[..., object]:
    def counting(self: SentenceModel, texts: list[str]) -> list[dict[str, float]]:
        READ[0] += len(texts)
        return method(self, texts)

    return counting


def timed(work: Callable[[], object], rounds: int) -> tuple[float, float]:
    """The lowest CPU and wall seconds of ``rounds`` runs."""
    cpu, wall = [], []
    for _ in range(rounds):
        began, began_wall = time.process_time(), time.perf_counter()
        work()
        cpu.append(time.process_time() - began)
        wall.append(time.perf_counter() - began_wall)
    return min(cpu), min(wall)


def measure(name: str, documents: list[Document], rounds: int) -> dict[str, object]:
    gaz = gazetteer()
    readings = [recognise(repair(document), gaz) for document in documents]
    figures: dict[str, object] = {"articles": len(documents)}
    for model in Model:
        label = str(model)
        cpu, wall = timed(lambda model=model: [code(reading, model=model) for reading in readings], rounds)
        whole, whole_wall = timed(lambda model=model: [analyse(d, gaz, model=model) for d in documents], rounds)
        READ[0] = 0
        events = sum(len(code(reading, model=model)) for reading in readings)
        figures[label] = {
            "coding_articles_per_cpu_s": round(len(documents) / cpu, 1),
            "coding_articles_per_wall_s": round(len(documents) / wall, 1),
            "analysis_articles_per_cpu_s": round(len(documents) / whole, 1),
            "analysis_articles_per_wall_s": round(len(documents) / whole_wall, 1),
            "events": events,
            "sentences_read_per_article": round(READ[0] / len(documents), 2),
        }
    print(f"{name}: {json.dumps(figures)}", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=int, default=1_000, help="generated news articles")
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    SentenceModel.likelihoods = _counted(SentenceModel.likelihoods)  # type: ignore[method-assign]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sentence_model().likelihoods(["Kenya and Ethiopia signed a trade pact."])
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    results: dict[str, object] = {
        "machine": f"{platform.processor() or platform.machine()}, Python {platform.python_version()}",
        "model": f"{MODEL} {MODEL_VERSION}",
        "model_memory_mib": round((loaded - before) / 1024, 1),
    }
    sample = [item for item in read_paths([str(corpus_dir())]) if isinstance(item, Document)]
    results["sample"] = measure("sample corpus", sample, options.rounds)
    with tempfile.TemporaryDirectory() as folder:
        path = write_jsonl(Path(folder) / "news.jsonl", options.news, news=True)
        news = [item for item in read_paths([str(path)]) if isinstance(item, Document)]
    results["news"] = measure("generated news", news, options.rounds)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"model memory {results['model_memory_mib']} MiB; written to {RESULTS}")


if __name__ == "__main__":
    main()
