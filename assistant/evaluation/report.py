"""Write an evaluation run: ``results.json`` (every number), ``report.md`` and ``report.html`` (for people)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.evaluation.metrics import METRICS
from assistant.evaluation.results import Results


def _cell(value: Any) -> str:
    return "–" if value is None else str(value)


def markdown(results: Results) -> str:
    systems = list(results.systems)
    lines = ["# Evaluation", "", f"Fälle: {', '.join(results.cases)}", ""]
    first = next(iter(results.systems.values()), None)
    unread = {name: case.error for name, case in (first.cases.items() if first else []) if case.error}
    if unread:  # its questions count as missing: no facts found, no abstention right
        lines += [f"- Nicht gelesen: {name}: {error}" for name, error in unread.items()] + [""]
    lines += ["| Metrik | " + " | ".join(systems) + " |", "|---|" + "---|" * len(systems)]
    for key, label in METRICS:
        row = [_cell(results.systems[s].metric(key)) for s in systems]
        lines.append(f"| {label} | " + " | ".join(row) + " |")
    lines += _by_set(results, systems)
    for system in systems:
        data = results.systems[system]
        lines += ["", f"## {system} ({data.model}, {data.seconds} s)", ""]
        lines += [
            "| Fall | Fragen | Fakten | Quellen | Zitate | Zahlen ohne Beleg | Enthaltung |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, case in data.cases.items():
            s = case.summary
            lines.append(
                f"| {name} | {s.questions} | {_cell(s.fact_recall)} | {_cell(s.source_recall)} | "
                f"{_cell(s.citation_precision)} | {s.unsupported_numbers} | {_cell(s.abstention_accuracy)} |"
            )
        misses = []
        for name, case in data.cases.items():
            for q in case.questions:
                if q.abstention_correct is False:
                    misses.append(
                        f"- {name} / Frage {q.question_id}: Status {q.status} (erwartet: "
                        f"{'Antwort' if q.expected_answerable else 'keine Angaben/Bewertung'})"
                    )
                if q.unsupported_numbers:
                    misses.append(f"- {name} / Frage {q.question_id}: Zahlen ohne Beleg {q.unsupported_numbers}")
                if q.forbidden_hits:
                    misses.append(f"- {name} / Frage {q.question_id}: verboten {q.forbidden_hits}")
        if misses:
            lines += ["", "Auffälligkeiten:", "", *misses]
    return "\n".join(lines) + "\n"


def _by_set(results: Results, systems: list[str]) -> list[str]:
    """The metrics per set of cases (tuned / fresh / holdout / edge), so tuning to one set shows."""
    columns = [(s, group) for s in systems for group in results.systems[s].by_set]
    if not columns:
        return []
    lines = ["", "### Nach Fallgruppe (getrennt: abgestimmte, neue und zurückgehaltene Fälle)", ""]
    lines += ["| Metrik | " + " | ".join(f"{s}: {g}" for s, g in columns) + " |", "|---|" + "---|" * len(columns)]
    for key, label in METRICS:
        if key == "peak_rss_mb":
            continue
        row = [_cell(getattr(results.systems[s].by_set[g], key)) for s, g in columns]
        lines.append(f"| {label} | " + " | ".join(row) + " |")
    questions = [str(results.systems[s].by_set[g].questions) for s, g in columns]
    lines.append("| Fragen | " + " | ".join(questions) + " |")
    return lines


def write(results: Results, directory: Path) -> tuple[Path, Path, Path]:
    """``results.json``, ``report.md`` and ``report.html`` (plots embedded)."""
    from assistant.evaluation import html  # plots: matplotlib only when writing

    directory.mkdir(parents=True, exist_ok=True)
    data = directory / "results.json"
    data.write_text(json.dumps(results.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    report = directory / "report.md"
    report.write_text(markdown(results), encoding="utf-8")
    page = directory / "report.html"
    page.write_text(html.render(results), encoding="utf-8")
    return data, report, page
