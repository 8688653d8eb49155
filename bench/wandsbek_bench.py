"""Drafting the 31-question Wandsbek inquiry end to end, against the physical floor.

Two fresh child processes on the same machine, one after the other:

1. ``pipeline``: settings -> parse -> index check -> draft every question with
   the real packaged models (model loading included), recording every prompt
   sent to the language model;
2. ``raw``: the same prompts, in the same order, with the same sampling
   parameters and JSON schema, sent straight to ``llama_cpp.Llama`` – the time
   this model needs on this machine for exactly this work.

The ratio pipeline / raw is the overhead of everything we add (retrieval,
embedding model, verification, LangChain). Results: bench/results/wandsbek.json
and .md.

    python bench/wandsbek_bench.py [--inquiry PATH]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from common import peak_rss_mb, spawn, write_results

ROOT = Path(__file__).resolve().parent.parent
KB = ROOT / "knowledge_base" / "musterstadt"
RESULTS = ROOT / "bench" / "results"
COLD_SAMPLE = 6
INQUIRY = ROOT.parent / "shared" / "inquiries" / "wandsbek-grosse-anfrage-2026-01-30.txt"


class Recording:
    """Wraps the product's chat model and keeps every request (test-bench only)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self.requests: list[dict[str, Any]] = []

    def complete(self, messages: Sequence[Any], *, json_schema: dict[str, Any] | None = None) -> Any:
        self.requests.append({"messages": [m.__dict__ for m in messages], "schema": json_schema})
        return self.inner.complete(messages, json_schema=json_schema)

    def stream(self, messages: Sequence[Any], *, json_schema: dict[str, Any] | None = None) -> Iterator[str]:
        self.requests.append({"messages": [m.__dict__ for m in messages], "schema": json_schema})
        return self.inner.stream(messages, json_schema=json_schema)  # type: ignore[no-any-return]


def child_pipeline(data_dir: str, inquiry_path: str, prompts_out: str) -> dict[str, Any]:
    started = time.perf_counter()
    from assistant.backends.llm import llama_cpp_model
    from assistant.formats.read import read_inquiry
    from assistant.inquiry.parse import parse_inquiry
    from assistant.services import Services
    from assistant.settings import load_settings
    from assistant.usecases.drafting import draft_inquiry

    settings = load_settings(overrides={"data_dir": data_dir, "models_dir": str(ROOT / "models")})
    recording = Recording(llama_cpp_model(settings.llm, settings.llm_model_path()))
    services = Services(settings, llm=recording)  # type: ignore[arg-type]
    text = read_inquiry(inquiry_path)
    inquiry = parse_inquiry(text.text, text.name)
    first_answer: list[float] = []

    def progress(number: int, total: int, question: Any, answer: Any) -> None:
        if answer is not None and not first_answer:
            first_answer.append(time.perf_counter() - started)

    result = draft_inquiry(services, inquiry, KB, progress)
    total = time.perf_counter() - started
    Path(prompts_out).write_text(json.dumps(recording.requests, ensure_ascii=False), encoding="utf-8")
    statuses: dict[str, int] = {}
    for answer in result.answers:
        statuses[answer.status] = statuses.get(answer.status, 0) + 1
    llm_s = sum(a.seconds for a in result.answers if a.model and a.table is None)
    return {
        "questions": len(result.answers),
        "llm_calls": len(recording.requests),
        "total_s": round(total, 1),
        "first_answer_s": round(first_answer[0], 1) if first_answer else None,
        "drafted_questions_s": round(llm_s, 1),
        "statuses": statuses,
        "peak_rss_mb": peak_rss_mb(),
    }


def child_raw(prompts_in: str) -> dict[str, Any]:
    """The same requests straight to ``llama_cpp.Llama`` with the parameters LangChain would pass."""
    from assistant.backends.llm import llama_cpp_model
    from assistant.settings import load_settings

    settings = load_settings(overrides={"models_dir": str(ROOT / "models")})
    started = time.perf_counter()
    chat = llama_cpp_model(settings.llm, settings.llm_model_path()).langchain
    llm, params = chat.client, chat._get_parameters(None)
    loaded = time.perf_counter()
    tokens_in = tokens_out = 0
    requests = json.loads(Path(prompts_in).read_text(encoding="utf-8"))
    per_request = []
    for request in requests:
        began = time.perf_counter()
        out = llm.create_chat_completion(
            messages=request["messages"],
            response_format={"type": "json_object", "schema": request["schema"]},
            **params,
        )
        per_request.append(time.perf_counter() - began)
        tokens_in += out["usage"]["prompt_tokens"]
        tokens_out += out["usage"]["completion_tokens"]
    done = time.perf_counter()
    # The same first requests without prefix reuse: the KV cache is cleared before each.
    cold = []
    for request in requests[:COLD_SAMPLE]:
        llm.reset()
        began = time.perf_counter()
        llm.create_chat_completion(
            messages=request["messages"],
            response_format={"type": "json_object", "schema": request["schema"]},
            **params,
        )
        cold.append(time.perf_counter() - began)
    return {
        "prefix_reuse": {
            "requests": len(cold),
            "with_reuse_s": round(sum(per_request[: len(cold)]), 1),
            "without_reuse_s": round(sum(cold), 1),
        },
        "load_s": round(loaded - started, 1),
        "generate_s": round(done - loaded, 1),
        "total_s": round(done - started, 1),
        "tokens_in": tokens_in,
        "tokens_out": tokens_out,
        "peak_rss_mb": peak_rss_mb(),
    }


def _spawn(*args: str) -> dict[str, Any]:
    return spawn(__file__, *args)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs="+")
    parser.add_argument("--inquiry", default=str(INQUIRY))
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        print(json.dumps(child_pipeline(*rest) if kind == "pipeline" else child_raw(*rest)))
        return
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        prompts = str(Path(tmp) / "prompts.json")
        warm = subprocess.run(
            [sys.executable, "-m", "assistant", "kb", "ingest", str(KB)],
            env={**__import__("os").environ, "ASSISTANT_DATA_DIR": tmp},
            capture_output=True,
            text=True,
            check=False,
        )
        if warm.returncode != 0:
            raise SystemExit(warm.stderr)
        pipeline = _spawn("pipeline", tmp, args.inquiry, prompts)
        raw = _spawn("raw", prompts)
    report = {
        "inquiry": Path(args.inquiry).name,
        "pipeline": pipeline,
        "raw_llama_cpp": raw,
        "ratio_total": round(pipeline["total_s"] / raw["total_s"], 3),
        "ratio_generation": round(pipeline["drafted_questions_s"] / raw["generate_s"], 3),
    }
    lines = [
        "| measurement | value |",
        "|---|---|",
        f"| inquiry | {report['inquiry']}: {pipeline['questions']} questions, {pipeline['llm_calls']} model calls, "
        f"statuses {pipeline['statuses']} |",
        f"| pipeline end to end (models loaded, index checked) | {pipeline['total_s']} s |",
        f"| time to first answer | {pipeline['first_answer_s']} s |",
        f"| tokens in / out | {raw['tokens_in']} / {raw['tokens_out']} |",
        f"| peak RSS pipeline / raw | {pipeline['peak_rss_mb']} MB / {raw['peak_rss_mb']} MB |",
        f"| raw llama.cpp, same prompts | {raw['total_s']} s ({raw['load_s']} s load + {raw['generate_s']} s) |",
        f"| ratio end to end / raw | {report['ratio_total']} |",
        f"| ratio drafted questions / raw generation | {report['ratio_generation']} |",
        f"| prefix (KV-cache) reuse, first {raw['prefix_reuse']['requests']} requests | "
        f"{raw['prefix_reuse']['with_reuse_s']} s with, {raw['prefix_reuse']['without_reuse_s']} s without |",
    ]
    write_results(RESULTS, "wandsbek", report, lines)


if __name__ == "__main__":
    main()
