"""Speed and memory of the real pipeline (`make bench`).

Each measurement runs in a fresh child process so that its peak RSS is its
own. Results go to bench/results/draft.json and bench/results/draft.md.

    python bench/draft_bench.py                 # ingest + Herne + Wandsbek
    python bench/draft_bench.py --inquiry X.txt # only this inquiry
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from common import peak_rss_mb, spawn

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "inquiries"
KB = ROOT / "knowledge_base" / "musterstadt"
RESULTS = ROOT / "bench" / "results"
DEFAULT_INQUIRIES = (
    "herne-fdp-2025-05-06.txt",
    "wandsbek-grosse-anfrage-2026-01-30.txt",
    "hagen-fdp-2026-04-13.txt",
    "kreis-wesel-gruene-2025-03-24.txt",
    "northeim-fdp-antrag-2025-02-11.txt",
)


def child_ingest(data_dir: str) -> dict[str, object]:
    from assistant.kb.load import load
    from assistant.services import Services
    from assistant.settings import load_settings

    services = Services(load_settings(overrides={"data_dir": data_dir, "models_dir": str(ROOT / "models")}))
    kb = load(KB)
    first = services.ingest(kb)
    started = time.perf_counter()
    second = services.ingest(kb)
    return {
        "chunks": first.added,
        "first_ingest_s": round(first.seconds, 2),
        "chunks_per_s": round(first.added / first.seconds, 2),
        "second_ingest_unchanged_s": round(time.perf_counter() - started, 3),
        "second_ingest_embedded": second.added + second.updated,
        "peak_rss_mb": round(peak_rss_mb()),
    }


def child_draft(data_dir: str, inquiry_path: str) -> dict[str, object]:
    from assistant.formats.read import read_inquiry
    from assistant.inquiry.parse import parse_inquiry
    from assistant.kb.chunk import source_texts
    from assistant.kb.load import load
    from assistant.services import Services
    from assistant.settings import load_settings
    from assistant.usecases.drafting import draft_inquiry

    services = Services(load_settings(overrides={"data_dir": data_dir, "models_dir": str(ROOT / "models")}))
    text = read_inquiry(inquiry_path)
    inquiry = parse_inquiry(text.text, text.name)
    started = time.perf_counter()
    result = draft_inquiry(services, inquiry, KB)
    total = time.perf_counter() - started
    statuses: dict[str, int] = {}
    for answer in result.answers:
        statuses[answer.status] = statuses.get(answer.status, 0) + 1
    drafted = [a.seconds for a in result.answers if a.status in {"answered", "partial"}]
    texts = source_texts(load(KB))
    citations = [c for a in result.answers for c in a.citations]
    verbatim = sum(c.quote in texts.get(c.source_id, "") for c in citations)
    uncited = sum(1 for a in result.answers if a.status in {"answered", "partial"} and not a.citations)
    out = ROOT / "bench" / "results" / f"{Path(inquiry_path).stem}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {
        "inquiry": Path(inquiry_path).name,
        "questions": len(result.answers),
        "total_s": round(total, 1),
        "mean_s_per_drafted_question": round(sum(drafted) / len(drafted), 1) if drafted else None,
        "max_s_per_question": round(max(a.seconds for a in result.answers), 1),
        "statuses": statuses,
        "warnings": sum(len(a.warnings) for a in result.answers),
        "citations_verbatim": f"{verbatim}/{len(citations)}",
        "drafted_answers_without_citation": uncited,
        "peak_rss_mb": round(peak_rss_mb()),
    }


def _spawn(*args: str) -> dict[str, Any]:
    return spawn(__file__, *args)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs="+")
    parser.add_argument("--inquiry", action="append")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        data = child_ingest(*rest) if kind == "ingest" else child_draft(*rest)
        print(json.dumps(data))
        return
    inquiries = args.inquiry or [str(SHARED / name) for name in DEFAULT_INQUIRIES]
    with tempfile.TemporaryDirectory(prefix="bench-") as data_dir:
        report: dict[str, object] = {
            "machine": {"cpus": __import__("os").cpu_count(), "python": platform.python_version()},
            "ingest": _spawn("ingest", data_dir),
            "drafts": [_spawn("draft", data_dir, path) for path in inquiries],
        }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "draft.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    ingest = report["ingest"]
    lines = [
        "| measurement | value |",
        "|---|---|",
        f"| first ingest of the demo KB | {ingest['chunks']} chunks in {ingest['first_ingest_s']} s "  # type: ignore[index]
        f"({ingest['chunks_per_s']} chunks/s) |",  # type: ignore[index]
        f"| second ingest, nothing changed | {ingest['second_ingest_unchanged_s']} s |",  # type: ignore[index]
    ]
    for draft in report["drafts"]:  # type: ignore[attr-defined]
        lines.append(
            f"| draft {draft['inquiry']} | {draft['questions']} questions, {draft['total_s']} s total, "
            f"{draft['mean_s_per_drafted_question']} s per drafted question, peak RSS {draft['peak_rss_mb']} MB, "
            f"statuses {draft['statuses']}, quotes verbatim {draft['citations_verbatim']} |"
        )
    (RESULTS / "draft.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
