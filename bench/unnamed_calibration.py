"""Calibrate ``drafting.statement_max_unnamed``: when a motion's demand names things no source knows.

For every question of the inquiry cases and every demand of the motion cases in eval/cases, the
share of what it names (nouns weighted by rarity) that occurs in no source of its knowledge base
(``Coverage.unnamed``; for a report demand also of the question it asks), against the gold's
``answerable``. Reported per threshold: how many unanswerable ones it would flag, and how many
answerable ones it would silence. Only motions use the rule; the inquiries are a larger sample of
the same measure. Results: bench/results/unnamed.json and .md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from common import write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
THRESHOLDS = [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]


def shares() -> list[tuple[str, str, float, bool]]:
    """(group, case/question, unknown share, answerable) for every question of the cases."""
    import yaml

    from assistant.drafting.demands import asked
    from assistant.drafting.relevance import Coverage
    from assistant.formats.read import read_inquiry
    from assistant.inquiry.parse import parse_inquiry
    from assistant.kb.chunk import chunks
    from assistant.kb.load import load

    cases = ROOT / "eval" / "cases"
    coverage: dict[Path, Coverage] = {}
    found = []
    for path in sorted(cases.glob("*.yaml")):
        if path.name.startswith("edge-"):
            continue
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        kb_dir = (cases / case["kb"]).resolve() if "kb" in case else ROOT / "knowledge_base" / "musterstadt"
        if kb_dir not in coverage:
            coverage[kb_dir] = Coverage(chunks(load(kb_dir)))
        source = read_inquiry((cases / case["inquiry"]).resolve())
        gold = {str(k): v or {} for k, v in (case.get("answers") or {}).items()}
        motion = path.name.startswith("motion-")
        for question in parse_inquiry(source.text, source.name).questions:
            if not question.asks:
                continue
            measure = coverage[kb_dir].unnamed
            share = measure(question.text)[0]
            if motion:  # a report demand counts with the question it asks, as in the Sachstand
                share = max(share, measure(asked(question.text))[0])
            answerable = bool(gold.get(question.id, {}).get("answerable", True))
            found.append(("motions" if motion else "inquiries", f"{path.stem}/{question.id}", share, answerable))
    return found


def main() -> None:
    rows = shares()
    data: dict[str, Any] = {"questions": [list(r) for r in rows], "thresholds": {}}
    lines = ["# Unknown share of what a question names (`python bench/unnamed_calibration.py`)", ""]
    lines += ["| set | threshold | unanswerable flagged | answerable silenced |", "|---|---|---|---|"]
    for group in ("motions", "inquiries"):
        part = [r for r in rows if r[0] == group]
        unanswerable = [r for r in part if not r[3]]
        answerable = [r for r in part if r[3]]
        for threshold in THRESHOLDS:
            flagged = sum(r[2] >= threshold for r in unanswerable)
            silenced = sum(r[2] >= threshold for r in answerable)
            data["thresholds"][f"{group}@{threshold}"] = {"flagged": flagged, "silenced": silenced}
            lines.append(
                f"| {group} | {threshold} | {flagged} of {len(unanswerable)} | {silenced} of {len(answerable)} |"
            )
    write_results(RESULTS, "unnamed", data, lines)


if __name__ == "__main__":
    main()
