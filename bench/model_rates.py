"""What drafting costs on this machine, stage by stage (part of `make bench`).

- start-up of a drafting process (the index already exists): loading the embedding model
  (with torch and sentence-transformers), checking the index, building the BM25 index,
  loading the language model;
- the language model's rates: prompt tokens per second, generated tokens per second
  without and with the JSON-schema grammar, and a repeated prompt (KV cache reused).

Results: bench/results/model_rates.json and .md.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from common import write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PROMPT_TOKENS = 600
GENERATED = 100


def _timed(step: object) -> float:
    started = time.perf_counter()
    step()  # type: ignore[operator]
    return round(time.perf_counter() - started, 2)


def main() -> None:
    import tempfile

    from assistant.drafting.compose import answer_schema
    from assistant.kb.load import load
    from assistant.services import Services
    from assistant.settings import load_settings

    kb_dir = ROOT / "knowledge_base" / "musterstadt"
    with tempfile.TemporaryDirectory(prefix="rates-") as tmp:
        # the first ingest happens in another process: this one starts like a drafting run
        env = {**os.environ, "ASSISTANT_DATA_DIR": tmp, "ASSISTANT_MODELS_DIR": str(ROOT / "models")}
        subprocess.run([sys.executable, "-m", "assistant", "kb", "ingest", str(kb_dir)], env=env, check=True)
        fresh = Services(load_settings(overrides={"data_dir": tmp, "models_dir": str(ROOT / "models")}))
        kb = load(kb_dir)
        startup = {
            "embedding_model_s": _timed(lambda: fresh.embedder.embed_query("KI")),
            "index_check_s": _timed(lambda: fresh.ensure_index(kb)),
            "bm25_index_s": _timed(lambda: fresh.keyword_index(kb)),
            "language_model_s": _timed(lambda: fresh.llm),
        }
    llama = fresh.llm.langchain.client  # type: ignore[attr-defined]
    text = (ROOT / "knowledge_base" / "musterstadt" / "documents" / "ki-leitlinie.md").read_text(encoding="utf-8")
    tokens = llama.tokenize(text.encode())[:PROMPT_TOKENS]
    llama.reset()
    prompt_s = _timed(lambda: llama.eval(tokens))
    messages = [{"role": "user", "content": "Beschreibe in drei Sätzen die KI-Leitlinie einer Stadtverwaltung."}]
    rates = {"prompt_tokens_per_s": round(len(tokens) / prompt_s, 1)}
    for label, extra in (
        ("free", {}),
        ("json_schema", {"response_format": {"type": "json_object", "schema": answer_schema(3)}}),
    ):
        llama.create_chat_completion(messages=messages, max_tokens=1)  # prompt in the cache
        started = time.perf_counter()
        out = llama.create_chat_completion(messages=messages, max_tokens=GENERATED, temperature=0, **extra)
        rates[f"generated_tokens_per_s_{label}"] = round(
            out["usage"]["completion_tokens"] / (time.perf_counter() - started), 1
        )
    long_prompt = [{"role": "user", "content": text[:3000] + "\nFasse zusammen."}]
    llama.reset()
    cold = _timed(lambda: llama.create_chat_completion(messages=long_prompt, max_tokens=1))
    warm = _timed(lambda: llama.create_chat_completion(messages=long_prompt, max_tokens=1))
    report = {"startup": startup, "rates": rates, "repeated_prompt": {"first_s": cold, "repeated_s": warm}}
    lines = [
        "| measurement | value |",
        "|---|---|",
        f"| start-up: embedding model / index check / BM25 index / language model | "
        f"{startup['embedding_model_s']} / {startup['index_check_s']} / {startup['bm25_index_s']} / "
        f"{startup['language_model_s']} s |",
        f"| prompt evaluation | {rates['prompt_tokens_per_s']} tokens/s |",
        f"| generation, free / JSON-schema grammar | {rates['generated_tokens_per_s_free']} / "
        f"{rates['generated_tokens_per_s_json_schema']} tokens/s |",
        f"| the same long prompt, first / repeated (KV cache) | {cold} / {warm} s |",
    ]
    write_results(RESULTS, "model_rates", report, lines)


if __name__ == "__main__":
    main()
