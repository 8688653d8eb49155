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
    job: Annotated[
        bool,
        typer.Option("--job", help="als Auftrag an die Worker ([jobs] queue) geben und seinen Fortschritt verfolgen"),
    ] = False,
) -> None:
    """Entwürfe offline gegen Evaluationsfälle messen (shared/spec/eval-cases.md)."""
    if job:
        _as_job(ctx, cases, report, sets or [])
        return
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


def _as_job(ctx: typer.Context, cases: Path, report: Path, sets: list[str]) -> None:
    """Submit the run as a job (the workers' models and configuration measure it) and follow it."""
    import getpass
    import time

    from assistant.cli.context import services_for
    from assistant.errors import UsageError
    from assistant.jobs.model import JobState
    from assistant.usecases import evaluations
    from assistant.usecases.jobs import queue_for

    services = services_for(ctx)
    submitted = queue_for(services).submit(evaluations.request(getpass.getuser(), cases, report, sets))
    here = services.settings.jobs.queue == "in-process"
    who = (
        "dieser Prozess entwirft die Fälle"
        if here
        else "ein Worker entwirft die Fälle (Strg+C beendet nur das Verfolgen)"
    )
    err(f"Auftrag Nr. {submitted.id} übergeben; {who}.")
    seen = ""
    try:
        while True:
            job = services.jobs.get(submitted.id)
            if job is None:
                raise UsageError(f"Auftrag Nr. {submitted.id} ist verschwunden", hint="Datenbank prüfen")
            word = _STATE_WORDS[job.state]
            state = f"{word}: {job.done} von {job.total} Fragen" if job.total else word
            if state != seen:
                err(state)
                seen = state
            if job.state.finished:
                break
            time.sleep(services.settings.jobs.poll_seconds)
    except KeyboardInterrupt:
        if not here:  # (in this process the run stops with it)
            err(f"Verfolgen beendet; der Bericht von Auftrag Nr. {submitted.id} kommt nach {report}.")
        raise typer.Exit(130) from None
    if job.state != JobState.DONE:
        raise UsageError(
            f"Auftrag Nr. {job.id} {_STATE_WORDS[job.state]}: {job.error}".rstrip(": "), hint="Worker-Protokoll prüfen"
        )
    typer.echo(job.live)


_STATE_WORDS = {  # keyed by JobState's values (a StrEnum), said in German
    "queued": "wartet",
    "running": "läuft",
    "done": "fertig",
    "failed": "fehlgeschlagen",
    "cancelled": "abgebrochen",
}
