"""Accuracy of question understanding on the labelled set eval/understanding/questions.yaml.

Intent and subject accuracy, rules only (no embedder, as in `make test`) and with the packaged
embedding model (subject resolution by meaning as a fallback), for the development and the
test half separately (the rules were only ever inspected on development-half errors), and for
questions that refer to their application only by pronoun or paraphrase.
Results: bench/results/understanding.json and .md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from common import write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SET = ROOT / "eval" / "understanding" / "questions.yaml"


def _figures(score: object) -> dict[str, object]:
    from assistant.evaluation.understanding import Score

    assert isinstance(score, Score)
    figures: dict[str, object] = {"questions": score.count()}
    for half in ("dev", "test", None):
        name = half or "all"
        figures[f"intent_{name}"] = score.share("intent_ok", half)
        figures[f"subject_{name}"] = score.share("subject_ok", half)
    figures["subject_pronoun"] = score.share("subject_ok", ref="anaphora")
    figures["subject_paraphrase"] = score.share("subject_ok", ref="paraphrase")
    figures["pronoun_questions"] = score.count(ref="anaphora")
    figures["confusions"] = [f"{a} -> {b}: {n}" for (a, b), n in score.confusion().most_common(8)]
    return figures


def main() -> None:
    from assistant.evaluation.understanding import score
    from assistant.settings import load_settings

    results: dict[str, object] = {}
    started = time.perf_counter()
    results["rules"] = _figures(score(SET))
    results["rules"]["seconds"] = round(time.perf_counter() - started, 2)  # type: ignore[index]
    if "--rules-only" not in sys.argv:
        from assistant.services import Services

        embedder = Services(load_settings()).embedder
        started = time.perf_counter()
        results["with_embedder"] = _figures(score(SET, embedder))
        results["with_embedder"]["seconds"] = round(time.perf_counter() - started, 2)  # type: ignore[index]
    lines = ["| | " + " | ".join(results) + " |", "|---|" + "---|" * len(results)]
    keys = [k for k in results["rules"] if k != "confusions"]  # type: ignore[union-attr]
    for key in keys:
        lines.append(f"| {key} | " + " | ".join(str(r[key]) for r in results.values()) + " |")  # type: ignore[index]
    write_results(RESULTS, "understanding", results, lines)
    for name, figures in results.items():
        print(name, "häufigste Verwechslungen:", "; ".join(figures["confusions"]))  # type: ignore[index]


if __name__ == "__main__":
    main()
