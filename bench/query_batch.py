"""Query embeddings one by one against one batch (part of `make bench`): the Wandsbek inquiry's questions
through the packaged embedding model, as a drafting run embeds its retrieval queries (decision record 0016).

Results: bench/results/query_batch.json and .md.
"""

from __future__ import annotations

import time
from pathlib import Path

from common import write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
INQUIRY = ROOT.parent / "shared" / "inquiries" / "wandsbek-grosse-anfrage-2026-01-30.txt"


def main() -> None:
    from assistant.backends.embeddings import SentenceTransformerEmbedder
    from assistant.formats.read import read_inquiry
    from assistant.inquiry.parse import parse_inquiry
    from assistant.settings import load_settings

    settings = load_settings(overrides={"models_dir": str(ROOT / "models")})
    embedder = SentenceTransformerEmbedder(settings.embedding, settings.embedding_model_path())
    read = read_inquiry(str(INQUIRY))
    queries = [q.text for q in parse_inquiry(read.text, read.name).answerable()]
    embedder.embed_query("warm up")  # loading the model is not what is compared
    started = time.perf_counter()
    single = [embedder.embed_query(q) for q in queries]
    one_by_one = time.perf_counter() - started
    started = time.perf_counter()
    batch = embedder.embed_queries(queries)
    batched = time.perf_counter() - started
    difference = max(abs(a - b) for s, v in zip(single, batch, strict=True) for a, b in zip(s, v, strict=True))
    report = {
        "queries": len(queries),
        "one_by_one_s": round(one_by_one, 2),
        "batch_s": round(batched, 2),
        "ratio": round(batched / one_by_one, 2),
        "max_difference": difference,
    }
    lines = [
        "| measurement | value |",
        "|---|---|",
        f"| queries (Wandsbek's questions) | {report['queries']} |",
        f"| one by one | {report['one_by_one_s']} s |",
        f"| one batch | {report['batch_s']} s (ratio {report['ratio']}) |",
        f"| largest difference of a vector component | {difference:.1e} |",
    ]
    write_results(RESULTS, "query_batch", report, lines)


if __name__ == "__main__":
    main()
