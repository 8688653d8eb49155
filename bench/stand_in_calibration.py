"""Does the coverage share separate answerable from unanswerable questions for the stand-in quote?

When verification removes every sentence of the model, the pipeline may put the best verbatim
quote of the top passages in its place (``Gaps.extract``): a whole sentence that fits one of
the question's intents, chosen by the share of the question's rare words it holds
(``Coverage.share``). ``drafting.min_coverage`` sets the share a stand-in needs. This bench
runs understanding, the focus check and retrieval (no model call) on every question of the
tuned and fresh cases and reports, per set, the best stand-in's share for answerable and
unanswerable questions (decision record 0009). Results: bench/results/stand_in.json, .md.

    python bench/stand_in_calibration.py [DATA_DIR]   # DATA_DIR: index directory (default .assistant/bench)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from common import write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
THRESHOLD = 0.2  # the former default of drafting.min_coverage


def measure(data_dir: Path) -> list[dict[str, Any]]:
    from assistant.drafting.classify import Intent
    from assistant.evaluation.cases import load_cases
    from assistant.formats.read import read_inquiry
    from assistant.inquiry.parse import parse_inquiry
    from assistant.kb.load import load
    from assistant.services import Services
    from assistant.settings import load_settings

    settings = load_settings(ROOT / "eval" / "configs" / "hybrid.toml", overrides={"data_dir": str(data_dir)})
    services = Services(settings)
    rows = []
    for case in load_cases(ROOT / "eval" / "cases"):
        if case.group not in ("tuned", "fresh"):
            continue
        text = read_inquiry(case.inquiry)
        inquiry = parse_inquiry(text.text, text.name)
        kb = load(case.kb)
        services.ensure_index(kb)
        drafter = services.drafter(kb)
        for question_id, reading in drafter.read(inquiry).items():
            question, expected = inquiry.question(question_id), case.expected(question_id)
            if not question.asks or expected is None or reading.intent == Intent.JUDGEMENT:
                continue
            passages = drafter._evidence(reading, question)  # the pipeline's own evidence and stand-in choice
            coverage = drafter._coverage
            best = drafter._gaps.extract(
                question, reading, passages, lambda quote, c=coverage, q=question.text: c.share(q, [quote])
            )
            if best is not None:
                rows.append(
                    {"set": case.group, "case": case.name, "question": question_id,
                     "answerable": expected.answerable, "share": round(best[1], 3)}
                )  # fmt: skip
    return rows


def main() -> None:
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / ".assistant" / "bench"
    rows = measure(data_dir)
    lines = [
        "# Stand-in quote: coverage share by answerability (`python bench/stand_in_calibration.py`)",
        "",
        f"| set | questions with a stand-in | answerable below {THRESHOLD} | unanswerable (their shares) |",
        "|---|---|---|---|",
    ]
    for group in ("tuned", "fresh", "all"):
        part = [r for r in rows if group in ("all", r["set"])]
        below = sum(1 for r in part if r["answerable"] and r["share"] < THRESHOLD)
        unanswerable = sorted(r["share"] for r in part if not r["answerable"])
        lines.append(f"| {group} | {len(part)} | {below} | {len(unanswerable)} ({', '.join(map(str, unanswerable))}) |")
    write_results(RESULTS, "stand_in", {"threshold": THRESHOLD, "rows": rows}, lines)


if __name__ == "__main__":
    main()
