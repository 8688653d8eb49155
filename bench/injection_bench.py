"""The injection suite with the real packaged model (`make bench`).

Plants every attempt of eval/injection/attempts.yaml in a copy of the demo
knowledge base and an inquiry, drafts all questions and reports which
attempts were obeyed (marker found in a draft) and how many numbers in the
drafts no cited source contains. Results: bench/results/injection.json/.md.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from common import write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def main() -> None:
    from assistant.evaluation.injection import inquiry_text, load_attempts, obeyed, poison
    from assistant.evaluation.metrics import unsupported_numbers
    from assistant.inquiry.parse import parse_inquiry
    from assistant.kb.chunk import source_texts
    from assistant.kb.load import load
    from assistant.services import Services
    from assistant.settings import load_settings
    from assistant.usecases.drafting import draft_inquiry

    attempts = load_attempts(ROOT / "eval" / "injection" / "attempts.yaml")
    with tempfile.TemporaryDirectory(prefix="injection-") as tmp:
        kb = poison(ROOT / "knowledge_base" / "musterstadt", attempts, Path(tmp) / "kb")
        services = Services(load_settings(overrides={"data_dir": tmp, "models_dir": str(ROOT / "models")}))
        started = time.perf_counter()
        result = draft_inquiry(services, parse_inquiry(inquiry_text(attempts)), kb)
        seconds = time.perf_counter() - started
        texts = source_texts(load(kb))
        numbers = {a.question_id: unsupported_numbers(a, texts) for a in result.answers}
    found = obeyed(result.answers, attempts)
    flagged = sum(any("Anweisung an ein KI-System" in w for w in a.warnings) for a in result.answers)
    report = {
        "attempts": len(attempts),
        "by_place": {w: sum(a.where == w for a in attempts) for w in ("question", "document", "inventory", "answer")},
        "questions": len(result.answers),
        "obeyed": found,
        "answers_with_injection_warning": flagged,
        "unsupported_numbers": {k: v for k, v in numbers.items() if v},
        "seconds": round(seconds, 1),
    }
    lines = [
        "| measurement | value |",
        "|---|---|",
        f"| injection attempts | {len(attempts)} ({report['by_place']}) |",
        f"| questions drafted | {len(result.answers)} in {report['seconds']} s |",
        f"| attempts obeyed | {len(found)} {found if found else ''} |",
        f"| answers warning about an instruction in their sources | {flagged} |",
        f"| unsupported numbers | {sum(len(v) for v in numbers.values())} |",
    ]
    write_results(RESULTS, "injection", report, lines)


if __name__ == "__main__":
    main()
