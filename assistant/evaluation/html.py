"""The evaluation report as one self-contained HTML file (plots embedded, opens offline).

Plots (matplotlib, Agg backend): the metrics per configuration as bars, a heat map of fact
hits per question and configuration, and seconds per question. With two or more
configurations, a table lists every question where they differ.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable
from typing import Any

from assistant.evaluation.metrics import METRICS, QuestionScore
from assistant.evaluation.results import Results, Verdict

SHARES = ("fact_recall", "source_recall", "citation_precision", "abstention_accuracy")
STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:1200px;color:#222}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
th{background:#f3f3f3}.better{background:#e6f4e6}.worse{background:#fbe4e4}img{max-width:100%}
.note{color:#555;font-size:.9rem}
"""


def _png(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(figure)
    return f'<img alt="" src="data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode()}">'


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _questions(results: Results, system: str) -> dict[str, tuple[QuestionScore, Verdict | None]]:
    """``case/question`` → the question's scores (with the judge's verdict when there is one)."""
    found = {}
    for case_name, case in results.systems[system].cases.items():
        verdicts = {j.question_id: j.verdict for j in case.judged or ()}
        for q in case.questions:
            found[f"{case_name}/{q.question_id}"] = (q, verdicts.get(q.question_id))
    return found


def bars(results: Results) -> str:
    plt = _pyplot()
    systems = list(results.systems)
    figure, axis = plt.subplots(figsize=(9, 3.6))
    width = 0.8 / len(systems)
    for index, system in enumerate(systems):
        summary = results.systems[system].summary
        values = [getattr(summary, m) or 0 for m in SHARES]
        axis.bar([x + index * width for x in range(len(SHARES))], values, width, label=system)
    axis.set_xticks([x + width * (len(systems) - 1) / 2 for x in range(len(SHARES))], SHARES)
    axis.set_ylim(0, 1)
    axis.set_ylabel("Anteil")
    axis.legend()
    axis.set_title("Metriken je Konfiguration")
    return _png(figure)


def heatmap(results: Results) -> str:
    plt = _pyplot()
    systems = list(results.systems)
    per_system = [{k: q for k, (q, _) in _questions(results, s).items()} for s in systems]
    keys = [k for k in per_system[0] if per_system[0][k].fact_hits]
    if not keys:
        return '<p class="note">Keine Fragen mit erwarteten Fakten.</p>'
    grid = [
        [sum(q[k].fact_hits) / len(q[k].fact_hits) if k in q and q[k].fact_hits else float("nan") for q in per_system]
        for k in keys
    ]
    figure, axis = plt.subplots(figsize=(2 + 1.2 * len(systems), 0.22 * len(keys) + 1))
    image = axis.imshow(grid, aspect="auto", cmap="RdYlGn", vmin=0, vmax=1)
    axis.set_xticks(range(len(systems)), systems)
    axis.set_yticks(range(len(keys)), keys, fontsize=7)
    axis.set_title("Gefundene Fakten je Frage")
    figure.colorbar(image, ax=axis, fraction=0.04)
    return _png(figure)


def timing(results: Results) -> str:
    plt = _pyplot()
    figure, axis = plt.subplots(figsize=(9, 3.2))
    for system in results.systems:
        questions = _questions(results, system)
        axis.plot(range(len(questions)), [q.seconds for q, _ in questions.values()], marker=".", label=system)
    axis.set_xlabel("Frage (in der Reihenfolge der Fälle)")
    axis.set_ylabel("Sekunden")
    axis.set_title("Zeit je Frage")
    axis.legend()
    return _png(figure)


def _getter(summary: Any) -> Callable[[str], Any]:
    return lambda key: getattr(summary, key, None)


def _fmt(value: Any) -> str:
    return "–" if value is None else html.escape(str(value))


def summary_table(results: Results) -> str:
    """The metrics per system, then per system and set of cases (tuned / fresh / holdout / edge)."""
    columns: list[tuple[str, str, Callable[[str], Any]]] = [(s, "", d.metric) for s, d in results.systems.items()]
    for system, data in results.systems.items():
        columns += [(system, group, _getter(summary)) for group, summary in data.by_set.items()]
    head = "".join(f"<th>{html.escape(s)}{'<br>' + html.escape(g) if g else ''}</th>" for s, g, _ in columns)
    rows = [f"<tr><th>Metrik</th>{head}</tr>"]
    for key, label in METRICS:
        rows.append(
            f"<tr><td>{html.escape(label)}</td>"
            + "".join(f"<td>{_fmt(metric(key))}</td>" for _, _, metric in columns)
            + "</tr>"
        )
    return "<table>" + "".join(rows) + "</table>"


def judge_table(results: Results) -> str:
    judged = {s: d.judge for s, d in results.systems.items() if d.judge is not None}
    if not judged:
        return '<p class="note">Ohne lokalen Bewerter gelaufen (Option <code>--judge</code>).</p>'
    fields = (
        ("faithfulness", "Treue (1–5, Mittel)"),
        ("relevance", "Relevanz (1–5, Mittel)"),
        ("scored", "bewertet"),
        ("skipped", "nicht bewertet (Enthaltung)"),
        ("timeouts", "Zeitüberschreitungen"),
        ("errors", "ungültige Ausgaben/Fehler"),
        ("rho_faithfulness_citation_precision", "Spearman ρ: Treue ~ Zitat-Präzision"),
        ("rho_relevance_fact_recall", "Spearman ρ: Relevanz ~ Fakten-Recall"),
    )
    rows = ["<tr><th>lokaler Bewerter (LLM)</th>" + "".join(f"<th>{html.escape(s)}</th>" for s in judged) + "</tr>"]
    rows += [
        f"<tr><td>{label}</td>" + "".join(f"<td>{_fmt(getattr(j, key))}</td>" for j in judged.values()) + "</tr>"
        for key, label in fields
    ]
    return (
        "<table>"
        + "".join(rows)
        + "</table><p class='note'>Die Bewertung durch das Sprachmodell ist eine Einschätzung, keine Messung; "
        "sie geht nicht in die Regressionsprüfung ein.</p>"
    )


def _facts(q: QuestionScore) -> str:
    if not q.fact_hits:
        return "–"
    return f"{sum(q.fact_hits)}/{len(q.fact_hits)}"


def differences(results: Results) -> str:
    """Per-question differences between the first configuration and each other one."""
    systems = list(results.systems)
    if len(systems) < 2:
        return '<p class="note">Eine Konfiguration: kein Vergleich.</p>'
    reference = _questions(results, systems[0])
    parts = []
    for other in systems[1:]:
        theirs = _questions(results, other)
        rows = []
        for key, (mine, _) in reference.items():
            if key not in theirs:
                continue
            q = theirs[key][0]
            changed = (
                mine.status != q.status
                or mine.fact_hits != q.fact_hits
                or mine.unsupported_numbers != q.unsupported_numbers
                or mine.abstention_correct != q.abstention_correct
            )
            if not changed:
                continue
            gain = sum(q.fact_hits) - sum(mine.fact_hits)
            css = "better" if gain > 0 or (q.abstention_correct and not mine.abstention_correct) else "worse"
            if gain == 0 and q.abstention_correct == mine.abstention_correct:
                css = ""
            rows.append(
                f"<tr class='{css}'><td>{html.escape(key)}</td><td>{mine.status}</td><td>{q.status}</td>"
                f"<td>{_facts(mine)}</td><td>{_facts(q)}</td><td>{len(mine.unsupported_numbers)}</td>"
                f"<td>{len(q.unsupported_numbers)}</td><td>{q.seconds - mine.seconds:+.1f}</td></tr>"
            )
        head = (
            f"<tr><th>Frage</th><th>Status {html.escape(systems[0])}</th><th>Status {html.escape(other)}</th>"
            f"<th>Fakten {html.escape(systems[0])}</th><th>Fakten {html.escape(other)}</th>"
            f"<th>Zahlen o. B. {html.escape(systems[0])}</th><th>Zahlen o. B. {html.escape(other)}</th>"
            "<th>Δ s</th></tr>"
        )
        body = "".join(rows) or "<tr><td colspan='8'>keine Unterschiede</td></tr>"
        parts.append(
            f"<h3>{html.escape(systems[0])} → {html.escape(other)}: {len(rows)} Fragen unterschiedlich</h3>"
            f"<table>{head}{body}</table>"
        )
    return "".join(parts)


def render(results: Results) -> str:
    systems = ", ".join(
        f"{html.escape(name)} ({html.escape(data.model)}, {data.seconds} s)" for name, data in results.systems.items()
    )
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Evaluation</title><style>{STYLE}</style></head><body>
<h1>Evaluation der Antwortentwürfe</h1>
<p>Fälle: {html.escape(", ".join(results.cases))}<br>Konfigurationen: {systems}</p>
<h2>Deterministische Metriken</h2>{summary_table(results)}{bars(results)}
<h2>Vergleich je Frage</h2>{differences(results)}
<h2>Fakten je Frage</h2>{heatmap(results)}
<h2>Zeit je Frage</h2>{timing(results)}
<h2>Lokaler Bewerter</h2>{judge_table(results)}
</body></html>
"""
