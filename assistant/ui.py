"""The web UI (gradio): paste or upload an inquiry, watch the drafts appear.

The page only builds widgets and calls ``Services``; all logic lives in the
pipeline modules. The full review workflow (approval, history, roles) is a
later stage; this page shows the drafts with their sources and warnings.
"""

from __future__ import annotations

import json
import queue
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.domain import Answer, DraftResult, Inquiry, Question
from assistant.errors import AssistantError
from assistant.export import STATUS_LABEL, answer_markdown, header_fields, result_json, result_markdown
from assistant.inquiry.parse import parse_inquiry
from assistant.inquiry.read import read_inquiry
from assistant.kb.load import load
from assistant.services import Services

INTRO = """# Antwortassistent
Anfrage einfügen oder hochladen. Für jede Frage entsteht ein Entwurf **mit Quellen**; jeder Satz ist
mit der wörtlichen Fundstelle belegt. Hinweise der automatischen Prüfung stehen unter der Antwort.
Alles läuft auf diesem Rechner; es werden keine Daten übertragen. **Jeder Entwurf muss vor der
Verwendung fachlich geprüft werden.**"""


def _header(inquiry: Inquiry) -> str:
    lines = [f"## {inquiry.kind}: {inquiry.subject or inquiry.source_name or 'ohne Betreff'}"]
    lines.extend(f"- **{label}:** {value}" for label, value in header_fields(inquiry))
    lines.append(f"- **Fragen:** {len(inquiry.answerable())}")
    return "\n".join(lines)


def _drafting_events(services: Services, kb: Any, inquiry: Inquiry) -> Iterator[tuple[str, Any, Any]]:
    """Run the drafter in a worker thread; yield ("start"|"text"|"answer", question, payload) as it works."""
    events: queue.Queue[tuple[str, Any, Any]] = queue.Queue()
    drafter = services.drafter(kb)

    def progress(number: int, total: int, question: Question, answer: Answer | None) -> None:
        events.put(("answer", question, answer) if answer else ("start", question, (number, total)))

    def on_text(question: Question, text: str) -> None:
        events.put(("text", question, text))

    def work() -> None:
        try:
            drafter.run(inquiry, progress, on_text)
        except BaseException as exc:  # handed to the page, which shows it
            events.put(("error", None, exc))
        finally:
            events.put(("done", None, None))

    threading.Thread(target=work, name="drafting", daemon=True).start()
    while (event := events.get())[0] != "done":
        if event[0] == "error":
            raise event[2]
        yield event


def draft_stream(services: Services, kb_dir: Path, text: str, upload: str | None) -> Iterator[tuple[str, Any]]:
    """Yield (markdown, download file) as the drafts are made, with the model's text while it writes."""
    try:
        if upload:
            source = read_inquiry(upload)
            inquiry = parse_inquiry(source.text, Path(upload).name)
        elif text.strip():
            inquiry = parse_inquiry(text, "eingefügter Text")
        else:
            yield "⚠ Bitte den Text einer Anfrage einfügen oder eine Datei hochladen.", None
            return
        kb = load(kb_dir)
        yield f"{_header(inquiry)}\n\n⏳ Wissensbasis wird geprüft …", None
        info = services.ensure_index(kb)
        parts: list[str] = [_header(inquiry)]
        answers: list[Answer] = []
        status = ""
        for kind, question, payload in _drafting_events(services, kb, inquiry):
            if kind == "start":
                number, total = payload
                status = f"⏳ Frage {question.id} wird bearbeitet ({number}/{total}) …"
                yield "\n\n".join([*parts, status]), None
            elif kind == "text":
                live = f"> _Das Sprachmodell schreibt (noch ungeprüft):_ {payload}"
                yield "\n\n".join([*parts, status, live]), None
            else:
                answers.append(payload)
                parts.append(answer_markdown(question, payload, inquiry))
        result = DraftResult(inquiry, tuple(answers), info)
        summary = ", ".join(f"{sum(a.status == s for a in answers)} {label}" for s, label in STATUS_LABEL.items())
        parts.insert(1, f"**Ergebnis:** {summary}")
        yield "\n\n".join(parts), _write_downloads(result)
    except AssistantError as exc:
        yield f"⚠ **Fehler:** {exc.render()}", None


def _write_downloads(result: DraftResult) -> list[str]:
    folder = Path(tempfile.mkdtemp(prefix="entwurf-"))
    json_path = folder / "entwurf.json"
    md_path = folder / "entwurf.md"
    json_path.write_text(json.dumps(result_json(result), ensure_ascii=False, indent=2), encoding="utf-8")
    md_path.write_text(result_markdown(result), encoding="utf-8")
    return [str(json_path), str(md_path)]


def build_app(services: Services, kb_dir: Path) -> Any:
    import gradio as gr

    with gr.Blocks(title="Antwortassistent", analytics_enabled=False) as app:
        gr.Markdown(INTRO)
        with gr.Row():
            with gr.Column(scale=1):
                text = gr.Textbox(label="Text der Anfrage", lines=14, placeholder="Anfrage hier einfügen …")
                upload = gr.File(
                    label="… oder Datei hochladen (PDF, Word, HTML, Text)",
                    file_types=[".pdf", ".docx", ".html", ".htm", ".txt", ".md"],
                    type="filepath",
                )
                run = gr.Button("Entwürfe erstellen", variant="primary")
                downloads = gr.File(label="Entwurf herunterladen (JSON, Markdown)", file_count="multiple")
            with gr.Column(scale=2):
                output = gr.Markdown("Noch keine Entwürfe.")

        def handler(text_value: str, upload_value: str | None) -> Iterator[tuple[str, Any]]:
            yield from draft_stream(services, kb_dir, text_value or "", upload_value)

        run.click(handler, inputs=[text, upload], outputs=[output, downloads])
    return app
