"""Retrieval quality and latency (`make bench`).

Quality: eval/retrieval.yaml (German questions with the source ids that answer
them) against the demo knowledge base with the real embedding model, for
keyword-only, dense-only and hybrid retrieval: recall@5 (share of questions
with an expected source in the top 5) and MRR.
Latency: p50/p95 of a hybrid query (query embedding, vector search, BM25,
fusion) after the model is loaded, at the demo's size and with 10,000
synthetic chunks (random unit vectors and generated German text; the cost of a
search does not depend on what the vectors mean).
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from common import write_results

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.backends.vectorstore import ChromaStore  # noqa: E402
from assistant.domain import Chunk  # noqa: E402
from assistant.drafting.retrieve import Retriever  # noqa: E402
from assistant.kb.keyword import KeywordIndex  # noqa: E402
from assistant.kb.load import load  # noqa: E402
from assistant.services import Services  # noqa: E402
from assistant.settings import load_settings  # noqa: E402

RESULTS = ROOT / "bench" / "results"
WORDS = [
    "Verwaltung",
    "Anwendung",
    "Datenschutz",
    "Schulung",
    "Haushalt",
    "Dienstvereinbarung",
    "Personalrat",
    "Chatbot",
    "Leitlinie",
    "Strategie",
    "Bürgeramt",
    "Ausschuss",
    "Evaluation",
    "Transparenz",
    "Rechnung",
    "Übersetzung",
    "Wohngeld",
    "Bauantrag",
    "Förderung",
]


def _quality(retriever: Retriever, questions: list[dict[str, object]]) -> dict[str, dict[str, float]]:
    report = {}
    for mode in ("keyword", "dense", "hybrid"):
        hits, reciprocal = 0, 0.0
        for item in questions:
            ranked = [p.chunk.source_id for p in retriever.ranked(str(item["q"]), mode=mode)]  # type: ignore[arg-type]
            expected = set(item["expected"])  # type: ignore[arg-type]
            ranks = [i for i, source in enumerate(ranked, start=1) if source in expected]
            hits += bool(ranks)
            reciprocal += 1 / ranks[0] if ranks else 0.0
        report[mode] = {"recall@5": round(hits / len(questions), 3), "mrr": round(reciprocal / len(questions), 3)}
    return report


def _latency(call: Callable[[str], object], queries: list[str], rounds: int = 3) -> dict[str, float]:
    timings = []
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            call(query)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {"p50_ms": round(statistics.median(timings), 1), "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1)}


def _synthetic(tmp: Path, dimensions: int, count: int = 10_000) -> tuple[ChromaStore, KeywordIndex, dict[str, float]]:
    rng = random.Random(7)
    store = ChromaStore("synthetic", path=tmp / "synthetic")
    chunks = [
        Chunk(f"s{i}", f"synthetic:{i}", "document", f"Dokument {i}", " ".join(rng.choices(WORDS, k=60)))
        for i in range(count)
    ]
    for start in range(0, count, 1000):
        batch = chunks[start : start + 1000]
        vectors = []
        for _ in batch:
            vector = [rng.gauss(0, 1) for _ in range(dimensions)]
            norm = sum(v * v for v in vector) ** 0.5
            vectors.append([v / norm for v in vector])
        store.upsert(batch, vectors, ["h"] * len(batch))
    started = time.perf_counter()
    keyword = KeywordIndex(chunks, saved=tmp / "keyword")  # built and saved, as by the first process
    built = time.perf_counter() - started
    started = time.perf_counter()
    keyword = KeywordIndex(chunks, saved=tmp / "keyword")  # loaded, as by every later process
    loaded = time.perf_counter() - started
    return store, keyword, {"keyword_index_build_s": round(built, 2), "keyword_index_load_s": round(loaded, 2)}


def main() -> None:
    spec = yaml.safe_load((ROOT / "eval" / "retrieval.yaml").read_text(encoding="utf-8"))
    questions = spec["questions"]
    with tempfile.TemporaryDirectory(prefix="retrieval-") as tmp:
        services = Services(load_settings(overrides={"data_dir": tmp, "models_dir": str(ROOT / "models")}))
        kb = load(ROOT / "knowledge_base" / "musterstadt")
        services.ingest(kb)
        retriever = services.retriever(kb)
        retriever.ranked("Aufwärmen")  # first model load is not part of the latency
        quality = _quality(retriever, questions)
        queries = [str(item["q"]) for item in questions]
        demo_latency = _latency(retriever.retrieve, queries)
        embed_latency = _latency(services.embedder.embed_query, queries)
        dimensions = len(services.embedder.embed_query("x"))
        store, keyword, keyword_times = _synthetic(Path(tmp), dimensions)
        big = Retriever(services.embedder, store, keyword, top_k=5, min_score=-1.0)
        big_latency = _latency(big.retrieve, queries, rounds=1)
    report = {
        "questions": len(questions),
        "quality": quality,
        "latency_demo": demo_latency,
        "latency_10k": big_latency,
        "latency_query_embedding": embed_latency,
        **keyword_times,
    }
    lines = ["| mode | recall@5 | MRR |", "|---|---|---|"]
    lines += [f"| {mode} | {v['recall@5']} | {v['mrr']} |" for mode, v in quality.items()]
    lines.append(f"\n{len(questions)} questions. Hybrid query latency: demo KB p50 {demo_latency['p50_ms']} ms, "
                 f"p95 {demo_latency['p95_ms']} ms; 10,000 chunks p50 {big_latency['p50_ms']} ms, "
                 f"p95 {big_latency['p95_ms']} ms; embedding the query alone p50 "
                 f"{embed_latency['p50_ms']} ms, p95 {embed_latency['p95_ms']} ms. Keyword index of the 10,000 "
                 f"chunks: built and saved {keyword_times['keyword_index_build_s']} s, loaded by a later process "
                 f"{keyword_times['keyword_index_load_s']} s.")  # fmt: skip
    write_results(RESULTS, "retrieval", report, lines)


if __name__ == "__main__":
    main()
