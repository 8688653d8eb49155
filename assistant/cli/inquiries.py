"""``assistant parse`` and ``assistant draft``: read an inquiry, draft its answers."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.context import emit_json, err, services_for


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


def draft(
    ctx: typer.Context,
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
    from assistant.usecases.drafting import draft_inquiry

    text = read_inquiry(inquiry)
    parsed = parse_inquiry(text.text, text.name)
    services = services_for(ctx)
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


import_app = typer.Typer(no_args_is_help=True, help="Anfragen aus dem Ratsinformationssystem (OParl) holen.")


@import_app.command("oparl")
def import_oparl(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="Adresse der Drucksache (OParl-Paper)")],
    as_json: Annotated[bool, typer.Option("--json", help="maschinenlesbare Ausgabe")] = False,
    save: Annotated[Path | None, typer.Option("--save", help="Text der Hauptdatei hierhin schreiben")] = None,
) -> None:
    """Drucksache über OParl laden und ihre Fragen zeigen (mit --save für 'assistant draft')."""
    from assistant.cli.context import services_for
    from assistant.usecases import importing

    imported = importing.from_paper(services_for(ctx), url)
    if save is not None:
        save.write_text(imported.text, encoding="utf-8")
    if as_json:
        emit_json({"paper": imported.paper.__dict__, "inquiry": imported.inquiry.to_json()})
        return
    paper = imported.paper
    typer.echo(f"Drucksache {paper.reference or '–'} vom {paper.date or '–'}: {paper.name}")
    for q in imported.inquiry.answerable():
        typer.echo(f"  {q.id}: {q.text}")


@import_app.command("search")
def import_search(
    ctx: typer.Context,
    since: Annotated[str, typer.Option("--since", help="ab Datum JJJJ-MM-TT")] = "",
    until: Annotated[str, typer.Option("--until", help="bis Datum JJJJ-MM-TT")] = "",
    paper_type: Annotated[str, typer.Option("--type", help="Art der Drucksache, z. B. Anfrage")] = "",
    endpoint: Annotated[str, typer.Option("--endpoint", help="statt [oparl] endpoint")] = "",
) -> None:
    """Drucksachen des Ratsinformationssystems nach Datum und Art suchen."""
    from datetime import date

    from assistant.cli.context import services_for
    from assistant.errors import UsageError
    from assistant.usecases import importing

    try:
        start, end = (date.fromisoformat(since) if since else None), (date.fromisoformat(until) if until else None)
    except ValueError:
        raise UsageError("Datum bitte als JJJJ-MM-TT", hint="z. B. --since 2026-01-01") from None
    for paper in importing.search(services_for(ctx), start, end, paper_type, endpoint):
        typer.echo(f"{paper.date or '–':10} {paper.reference:14} {paper.paper_type:20} {paper.name[:60]}  {paper.url}")
