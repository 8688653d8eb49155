"""Calibrate the two "keine Erkenntnisse" gates of a motion's Sachstand against the gold's ``answerable``.

1. ``drafting.statement_max_unnamed``: the share of what a demand names (nouns weighted by rarity) that
   occurs in no source of its knowledge base (``Coverage.unnamed``; for a report demand also of the
   question it asks).
2. ``drafting.statement_figure_share``: for a demand that asks a figure ("wie viele", "wie oft", "Zahl
   der"), whether any sentence stating a number covers what it asks (``AskedFigures.missing``).

For every question of the inquiry cases and every demand of the motion cases in eval/cases, reported
per threshold: how many unanswerable ones a gate would flag, and how many answerable ones it would
silence. Only motions use the gates; the inquiries are a larger sample of the same measures. Results:
bench/results/unnamed.json and .md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import write_results

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
THRESHOLDS = [0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7]
FIGURE_THRESHOLDS = [0.3, 0.4, 0.5]


@dataclass(frozen=True)
class Row:
    group: str  # "motions" or "inquiries"
    set: str  # the case's set ("motion-holdout-6"): thresholds are chosen on some sets, measured on others
    name: str  # case/question
    unknown: float  # share of what it names that no source mentions
    figures: dict[float, bool] | None  # per threshold: no source states a figure it asks; None: asks none
    answerable: bool


def rows() -> list[Row]:
    import yaml

    from assistant.drafting.asked_figures import AskedFigures, missing_at
    from assistant.drafting.demands import asked
    from assistant.drafting.relevance import Coverage
    from assistant.formats.read import read_inquiry
    from assistant.inquiry.parse import parse_inquiry
    from assistant.kb.chunk import chunks
    from assistant.kb.load import load

    cases = ROOT / "eval" / "cases"
    loaded: dict[Path, tuple[Coverage, AskedFigures]] = {}
    found = []
    for path in sorted(cases.glob("*.yaml")):
        if path.name.startswith("edge-"):
            continue
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        kb_dir = (cases / case["kb"]).resolve() if "kb" in case else ROOT / "knowledge_base" / "musterstadt"
        if kb_dir not in loaded:
            read = chunks(load(kb_dir))
            coverage = Coverage(read)
            loaded[kb_dir] = coverage, AskedFigures(read, coverage, FIGURE_THRESHOLDS[0])
        coverage, figures = loaded[kb_dir]
        source = read_inquiry((cases / case["inquiry"]).resolve())
        gold = {str(k): v or {} for k, v in (case.get("answers") or {}).items()}
        motion = path.name.startswith("motion-")
        for question in parse_inquiry(source.text, source.name).questions:
            if not question.asks:
                continue
            share = coverage.unnamed(question.text)[0]
            if motion:  # a report demand counts with the question it asks, as in the Sachstand
                share = max(share, coverage.unnamed(asked(question.text))[0])
            shares = figures.shares(question.text)
            missing = {t: bool(missing_at(shares, t)) for t in _figure_thresholds()} if shares else None
            answerable = bool(gold.get(question.id, {}).get("answerable", True))
            group = "motions" if motion else "inquiries"
            name = f"{path.stem}/{question.id}"
            found.append(Row(group, str(case.get("set", "")), name, share, missing, answerable))
    return found


def main() -> None:
    found = rows()
    data: dict[str, Any] = {"questions": [vars(r) | {"figures": _keys(r.figures)} for r in found], "thresholds": {}}
    lines = ['# The motions\' "keine Erkenntnisse" gates (`python bench/unnamed_calibration.py`)', ""]
    lines += ["## Unknown share of what a question names (`statement_max_unnamed`)", ""]
    lines += ["| set | threshold | unanswerable flagged | answerable silenced |", "|---|---|---|---|"]
    for group in ("motions", "inquiries"):
        part = [r for r in found if r.group == group]
        for threshold in THRESHOLDS:
            flagged = sum(r.unknown >= threshold for r in part if not r.answerable)
            silenced = sum(r.unknown >= threshold for r in part if r.answerable)
            data["thresholds"][f"{group}@{threshold}"] = {"flagged": flagged, "silenced": silenced}
            lines.append(f"| {group} | {threshold} | {flagged} of {_count(part, False)} | {silenced} of "
                         f"{_count(part, True)} |")  # fmt: skip
    lines += ["", "## Figures asked that no sentence states (`statement_figure_share`)", ""]
    lines += [
        "| set | threshold | unanswerable flagged | answerable silenced | asking a figure |",
        "|---|---|---|---|---|",
    ]
    for group in ("motions", "inquiries"):
        part = [r for r in found if r.group == group and r.figures is not None]
        for threshold in _figure_thresholds():
            flagged = sum(bool(r.figures and r.figures[threshold]) for r in part if not r.answerable)
            silenced = sum(bool(r.figures and r.figures[threshold]) for r in part if r.answerable)
            data["thresholds"][f"figures-{group}@{threshold}"] = {"flagged": flagged, "silenced": silenced}
            lines.append(f"| {group} | {threshold} | {flagged} of {_count(part, False)} | {silenced} of "
                         f"{_count(part, True)} | {len(part)} |")  # fmt: skip
    lines += _per_set(found)
    write_results(RESULTS, "unnamed", data, lines)


def _figure_thresholds() -> list[float]:
    """The thresholds reported, and the one in use."""
    from assistant.settings import DraftingSettings

    return sorted({*FIGURE_THRESHOLDS, DraftingSettings().statement_figure_share})


def _per_set(found: list[Row]) -> list[str]:
    """The motions per case set at the thresholds in use, so a set the thresholds were not chosen on can
    be read apart."""
    from assistant.settings import DraftingSettings

    unnamed, figure = DraftingSettings().statement_max_unnamed, DraftingSettings().statement_figure_share
    lines = ["", f"## Motions per set (unknown share ≥ {unnamed}; figures at {figure})", ""]
    lines += [
        "| set | unknown: flagged | unknown: silenced | figures: flagged | figures: silenced |",
        "|---|---|---|---|---|",
    ]
    for name in sorted({r.set for r in found if r.group == "motions"}):
        part = [r for r in found if r.group == "motions" and r.set == name]
        asking = [r for r in part if r.figures is not None]
        flagged = sum(r.unknown >= unnamed for r in part if not r.answerable)
        silenced = sum(r.unknown >= unnamed for r in part if r.answerable)
        f_flagged = sum(bool(r.figures and r.figures[figure]) for r in asking if not r.answerable)
        f_silenced = sum(bool(r.figures and r.figures[figure]) for r in asking if r.answerable)
        lines.append(
            f"| {name} | {flagged} of {_count(part, False)} | {silenced} of {_count(part, True)} "
            f"| {f_flagged} of {_count(asking, False)} | {f_silenced} of {_count(asking, True)} |"
        )
    return lines


def _count(part: list[Row], answerable: bool) -> int:
    return sum(r.answerable == answerable for r in part)


def _keys(figures: dict[float, bool] | None) -> dict[str, bool] | None:
    return None if figures is None else {str(t): v for t, v in figures.items()}


if __name__ == "__main__":
    main()
