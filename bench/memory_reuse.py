"""Reusing released answers instead of drafting: the Hagen inquiry released, the Herne inquiry after it.

Hagen is drafted (fake model: its text does not matter here) and released into the office's
memory. For every Herne question that is offered a released Hagen answer, two ways to a draft
are timed on this machine: the real language model drafting it (the pipeline as in production)
and taking the earlier answer over (finding the offers with the real embeddings, re-checking them
against the knowledge base, storing the new version) – which needs no model. Results:
bench/results/memory_reuse.json and .md.

    python bench/memory_reuse.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import peak_rss_mb, write_results

ROOT = Path(__file__).resolve().parent.parent
INQUIRIES = ROOT.parent / "shared" / "inquiries"
sys.path.insert(0, str(ROOT))


def main() -> None:
    from assistant.inquiry.parse import parse_inquiry
    from assistant.kb.load import load
    from assistant.review.auth import Actor
    from assistant.services import Services
    from assistant.settings import load_settings
    from assistant.testing.fakes import FakeChatModel, copying_responder
    from assistant.usecases import memory
    from assistant.usecases.drafting import draft_into_review
    from assistant.web import actions

    clerk, approver = Actor("sb", frozenset({"sachbearbeitung"})), Actor("fg", frozenset({"freigabe"}))
    with tempfile.TemporaryDirectory() as tmp:
        kb_dir = Path(tmp) / "kb"
        shutil.copytree(ROOT / "knowledge_base" / "musterstadt", kb_dir)
        settings = load_settings(overrides={"models_dir": str(ROOT / "models"), "data_dir": tmp})
        fake = Services(settings, llm=FakeChatModel(responder=copying_responder))
        hagen = parse_inquiry((INQUIRIES / "hagen-fdp-2026-04-13.txt").read_text(encoding="utf-8"))
        hagen_id = draft_into_review(fake, fake.review, clerk, kb_dir, hagen)
        actions.submit_all(fake, clerk, hagen_id, None)
        for answer in fake.review.inquiry(hagen_id).answers:
            fake.review.approve(approver, answer.id, answer.version)
        memory.release(fake, approver, hagen_id)

        herne = parse_inquiry((INQUIRIES / "herne-fdp-2025-05-06.txt").read_text(encoding="utf-8"))
        herne_id = draft_into_review(fake, fake.review, clerk, kb_dir, herne)
        real = Services(settings)  # the same database and index, the real language model
        drafter = real.drafter(load(kb_dir))
        real.embedder.embed_query("Anfrage")  # load the embedding model before timing (both ways need it)
        rows = []
        for stored in real.review.inquiry(herne_id).answers:
            started = time.perf_counter()
            offers = memory.offers(real, stored.id)
            if not offers:
                continue
            taken = memory.take_over(real, clerk, stored.id, offers[0].reply.id, stored.version)
            reuse_s = time.perf_counter() - started
            question = herne.question(stored.question_id)
            started = time.perf_counter()
            drafter.answer(question, herne, {})
            model_s = time.perf_counter() - started
            rows.append(
                {"question": stored.question_id, "similarity": round(offers[0].similarity, 3),
                 "warnings": len(taken.answer.warnings) - 1, "reuse_s": round(reuse_s, 3), "model_s": round(model_s, 2)}
            )  # fmt: skip
    reuse, model = sum(r["reuse_s"] for r in rows), sum(r["model_s"] for r in rows)
    data = {"rows": rows, "reuse_s": round(reuse, 2), "model_s": round(model, 2), "peak_rss_mb": peak_rss_mb()}
    lines = [
        "# Released answers reused (Hagen released, then Herne)",
        "",
        "`python bench/memory_reuse.py` – per Herne question offered a released Hagen answer: seconds to",
        "take it over (offers with real embeddings, re-check, new version; no model) and seconds for the",
        "real model to draft it.",
        "",
        "| Frage | Ähnlichkeit | Abweichungen | übernehmen (s) | Modell (s) |",
        "|---|---|---|---|---|",
        *(f"| {r['question']} | {r['similarity']:.2f} | {r['warnings']} | {r['reuse_s']:.2f} | {r['model_s']:.1f} |"
          for r in rows),
        "",
        f"Together: {reuse:.2f} s to take over, {model:.1f} s to draft with the model "
        f"(ratio {model / reuse if reuse else 0:.0f}:1); peak memory {data['peak_rss_mb']} MB. The first take-over",
        "also embeds the questions of all stored replies once (cached for the process); a question the",
        "data answer as a table (here question 1) needs no model either way.",
    ]  # fmt: skip
    write_results(ROOT / "bench" / "results", "memory_reuse", data, lines)


if __name__ == "__main__":
    main()
