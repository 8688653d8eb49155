"""``assistant eval``: measure drafts offline against evaluation cases."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.context import emit_json, err, settings_for


def eval_(
    ctx: typer.Context,
    cases: Annotated[Path, typer.Argument(help="Verzeichnis mit Evaluationsfällen (*.yaml) oder eine Falldatei")],
    report: Annotated[Path, typer.Option("--report", help="Ausgabeverzeichnis")] = Path("eval/reports/latest"),
    configs: Annotated[
        list[Path] | None,
        typer.Option("--config", help="Konfiguration (TOML) zum Vergleich; mehrfach angeben für A/B"),
    ] = None,
    baseline: Annotated[
        bool, typer.Option("--baseline", help="zusätzlich die einfache LangChain-RAG-Kette messen (Vergleich)")
    ] = False,
    judge: Annotated[
        bool, typer.Option("--judge", help="Entwürfe zusätzlich vom lokalen Sprachmodell bewerten")
    ] = False,
    judge_timeout: Annotated[float, typer.Option("--judge-timeout", min=1.0, help="Sekunden je Bewertung")] = 60.0,
    as_json: Annotated[bool, typer.Option("--json", help="Zusammenfassung als JSON ausgeben")] = False,
    rescore: Annotated[
        Path | None,
        typer.Option("--rescore", help="gespeicherte Entwürfe (results.json) neu bewerten, ohne neu zu entwerfen"),
    ] = None,
    sets: Annotated[
        list[str] | None,
        typer.Option("--set", help="nur Fälle dieser Gruppe (tuned, fresh, holdout, edge); mehrfach angeben"),
    ] = None,
) -> None:
    """Entwürfe offline gegen Evaluationsfälle messen (shared/spec/eval-cases.md)."""
    from assistant.errors import UsageError
    from assistant.evaluation import report as report_
    from assistant.evaluation.cases import load_cases
    from assistant.evaluation.progress import Bars
    from assistant.evaluation.run import evaluate, services_for

    loaded = load_cases(cases)
    if sets:
        loaded = [case for case in loaded if case.group in sets]
        if not loaded:
            raise UsageError(f"Keine Fälle der Gruppe(n) {', '.join(sets)} in {cases}", hint="'set:' der Fälle prüfen")
    if rescore is not None:
        from assistant.evaluation.run import read_results
        from assistant.evaluation.run import rescore as rescore_

        results = rescore_(read_results(rescore), loaded)
    else:
        configured = services_for(configs or [], settings_for(ctx))
        with Bars(loaded) as bars:
            results = evaluate(
                loaded,
                configured,
                baseline=baseline,
                progress=bars.update,
                judge_timeout=judge_timeout if judge else None,
            )
    data, md, page = report_.write(results, report)
    err(f"Ergebnisse: {data}, Bericht: {page} (und {md.name})")
    summaries = {name: system["summary"] for name, system in results.to_json()["systems"].items()}
    if as_json:
        emit_json(summaries)
    else:
        typer.echo(report_.markdown(results).split("\n## ")[0])
