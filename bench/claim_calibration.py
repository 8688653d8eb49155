"""Precision and recall of verification on labelled claim/passage pairs (eval/claim_pairs.yaml).

Each pair is a council question, a cited passage and a draft sentence, labelled supported or
not, with a kind: faithful (verbatim, paraphrase, summary, question_terms, negative_correct)
or a typical error of a small model (flipped polarity, a condition stitched from the question,
another subject, a wrong number, a plan presented as done, an invented detail, the question
echoed). ``verify`` keeps a sentence or removes it; "kept" counts as "supported". Pairs whose
passage number is odd form the development half (inspected while improving the checks), the
rest the test half. Precision matters more than recall: a kept unsupported sentence reaches a
letter, a removed supported one costs a clerk a minute. Results: bench/results/claims.json, .md.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from common import write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PAIRS = ROOT / "eval" / "claim_pairs.yaml"
TODAY = date(2026, 12, 1)


def judge(pairs: list[dict[str, Any]]) -> list[tuple[dict[str, Any], bool]]:
    from assistant.domain import Chunk, Passage
    from assistant.drafting.compose import DraftSentence
    from assistant.drafting.verify import verify

    outcomes = []
    for pair in pairs:
        chunk = Chunk("p#1", "p#1", "document", "Quelle", str(pair["passage"]))
        result = verify(
            [DraftSentence(str(pair["sentence"]), 1)], [Passage(chunk, 1.0)], TODAY, str(pair.get("question", ""))
        )
        outcomes.append((pair, bool(result.kept)))
    return outcomes


def rates(outcomes: list[tuple[dict[str, Any], bool]]) -> dict[str, Any]:
    kept_true = sum(1 for p, kept in outcomes if kept and p["supported"])
    kept = sum(1 for _, k in outcomes if k)
    supported = sum(1 for p, _ in outcomes if p["supported"])
    return {
        "pairs": len(outcomes),
        "precision": round(kept_true / kept, 3) if kept else None,
        "recall": round(kept_true / supported, 3) if supported else None,
        "accuracy": round(sum(1 for p, k in outcomes if k == p["supported"]) / len(outcomes), 3),
    }


def main() -> None:
    import yaml

    pairs = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))["pairs"]
    passages: dict[str, int] = {}
    for pair in pairs:
        passages.setdefault(pair["passage"], len(passages))
        pair["half"] = "dev" if passages[pair["passage"]] % 2 else "test"
    outcomes = judge(pairs)
    results: dict[str, Any] = {half: rates([o for o in outcomes if o[0]["half"] == half]) for half in ("dev", "test")}
    results["all"] = rates(outcomes)
    by_kind: dict[str, list[tuple[dict[str, Any], bool]]] = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome[0]["kind"]].append(outcome)
    results["by_kind"] = {
        kind: round(sum(1 for p, k in items if k == p["supported"]) / len(items), 3) for kind, items in by_kind.items()
    }
    lines = ["| half | pairs | precision | recall | accuracy |", "|---|---|---|---|---|"]
    lines += [
        f"| {h} | {results[h]['pairs']} | {results[h]['precision']} | {results[h]['recall']} | "
        f"{results[h]['accuracy']} |"
        for h in ("dev", "test", "all")
    ]
    lines += ["", "| kind | share judged correctly |", "|---|---|"]
    lines += [f"| {kind} | {share} |" for kind, share in sorted(results["by_kind"].items())]
    write_results(RESULTS, "claims", results, lines)


if __name__ == "__main__":
    main()
