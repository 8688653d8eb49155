"""Calibrate the support threshold of verification (``drafting.min_support`` in the settings).

Labelled pairs (sentence, cited passage, supported?) come from two places:

- hand-written pairs in eval/support_pairs.yaml: paraphrases, restated
  questions, wrong recombinations, negation flips, wrong numbers;
- systematic perturbations of every sentence of the demo knowledge base:
  supported = the sentence shortened (content words dropped) or prefixed with
  administrative phrasing; unsupported = half its content words replaced by
  words of a sentence from another source (the small model's typical error),
  or a sentence of another source cited against this one.

For each threshold the share of pairs judged correctly is reported, as
precision/recall of "supported" (precision matters more: a kept unsupported
sentence is worse than a removed supported one). Results:
bench/results/support.json and .md.
"""

from __future__ import annotations

import random
from pathlib import Path

from common import write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
THRESHOLDS = [round(0.3 + 0.05 * i, 2) for i in range(13)]


def _content(sentence: str) -> list[str]:
    from assistant.text import STOPWORDS

    return [w for w in sentence.rstrip(".").split() if w.lower() not in STOPWORDS and len(w) > 2]


def pairs() -> list[tuple[str, str, str, bool, str]]:
    """(sentence, source id, passage text, supported, kind)."""
    import yaml

    from assistant.kb.chunk import source_texts
    from assistant.kb.load import load
    from assistant.text import sentences_of

    texts = source_texts(load(ROOT / "knowledge_base" / "musterstadt"))
    rng = random.Random(7)
    found: list[tuple[str, str, str, bool, str]] = []
    for item in yaml.safe_load((ROOT / "eval" / "support_pairs.yaml").read_text(encoding="utf-8"))["pairs"]:
        found.append((item["sentence"], item["source"], texts[item["source"]], item["supported"], "hand-written"))
    sources = list(texts)
    for source_id in sources:
        for sentence in sentences_of(texts[source_id]):
            words = sentence.rstrip(".").split()
            if len(_content(sentence)) < 6 or sentence.endswith("?"):
                continue
            other_id = rng.choice([s for s in sources if s.split("#")[0] != source_id.split("#")[0]])
            other = [s for s in sentences_of(texts[other_id]) if len(_content(s)) >= 4]
            if not other:
                continue
            foreign = _content(rng.choice(other))
            kept = [w for w in words if w not in set(rng.sample(_content(sentence), len(_content(sentence)) // 3))]
            found.append((" ".join(kept) + ".", source_id, texts[source_id], True, "shortened"))
            found.append(
                (f"Nach Angaben der Verwaltung gilt: {sentence}", source_id, texts[source_id], True, "prefixed")
            )
            content = _content(sentence)
            swap = set(rng.sample(content, len(content) // 2))
            mixed = [rng.choice(foreign) if w in swap else w for w in words]
            found.append((" ".join(mixed) + ".", source_id, texts[source_id], False, "recombined"))
            found.append((rng.choice(other), source_id, texts[source_id], False, "other source"))
    return found


def main() -> None:
    from assistant.domain import Chunk, Passage
    from assistant.drafting.verify import assess
    from assistant.settings import DEFAULTS
    from assistant.text import negated

    MIN_SUPPORT = DEFAULTS.drafting.min_support

    def score(sentence: str, source_id: str, text: str) -> float:
        """The support score verification uses; a polarity mismatch fails at any threshold."""
        kind = (
            "inventory"
            if source_id.startswith("inventory:")
            else "budget"
            if source_id.startswith("budget:")
            else "document"
        )
        value, quote = assess(sentence, Passage(Chunk(source_id, source_id, kind, "", text, {}), 1.0))  # type: ignore[arg-type]
        return value if negated(sentence) == negated(quote) else 0.0

    labelled = pairs()
    scored = [(score(s, source_id, text), ok, kind) for s, source_id, text, ok, kind in labelled]
    rows = []
    for threshold in THRESHOLDS:
        tp = sum(score >= threshold and ok for score, ok, _ in scored)
        fp = sum(score >= threshold and not ok for score, ok, _ in scored)
        fn = sum(score < threshold and ok for score, ok, _ in scored)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f05 = 1.25 * precision * recall / (0.25 * precision + recall) if precision + recall else 0.0
        hand = [(score >= threshold) == ok for score, ok, kind in scored if kind == "hand-written"]
        rows.append({"threshold": threshold, "precision": round(precision, 3), "recall": round(recall, 3),
                     "f0.5": round(f05, 3), "hand_written_right": f"{sum(hand)}/{len(hand)}"})  # fmt: skip
    kinds = sorted({k for _, _, k in scored})
    by_kind = {
        k: {
            "pairs": sum(kind == k for _, _, kind in scored),
            "judged_right_at_min_support": sum((score >= MIN_SUPPORT) == ok for score, ok, kind in scored if kind == k),
        }
        for k in kinds
    }
    best = max(rows, key=lambda r: r["f0.5"])
    report = {
        "pairs": len(scored),
        "thresholds": rows,
        "best_f0.5": best,
        "min_support": MIN_SUPPORT,
        "by_kind": by_kind,
    }
    lines = ["| threshold | precision | recall | F0.5 | hand-written pairs judged right |", "|---|---|---|---|---|"]
    lines += [
        f"| {r['threshold']} | {r['precision']} | {r['recall']} | {r['f0.5']} | {r['hand_written_right']} |"
        for r in rows
    ]
    lines += ["", f"{len(scored)} labelled pairs; best F0.5 at {best['threshold']}; in use: {MIN_SUPPORT}", ""]
    lines += ["| kind | pairs | judged right at the threshold in use |", "|---|---|---|"]
    lines += [f"| {k} | {v['pairs']} | {v['judged_right_at_min_support']} |" for k, v in by_kind.items()]
    write_results(RESULTS, "support", report, lines)


if __name__ == "__main__":
    main()
