"""The knowledge-base tab (role KB-Redaktion): inventory rows, documents, reindexing, affected answers."""

# No `from __future__ import annotations` here: gradio reads the handlers' type hints at run time
# to find the gr.Request parameter, and `gr` is only imported inside the builder.

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.jobs.model import JobKind, JobRequest
from assistant.kb import edit
from assistant.kb.load import validate
from assistant.review.auth import Actor
from assistant.review.states import Action
from assistant.services import Services
from assistant.usecases import knowledge, memory
from assistant.usecases.jobs import queue_for
from assistant.web import render
from assistant.web.actions import watch


def status_markdown(kb_dir: Path) -> str:
    kb, found = validate(kb_dir)
    name = kb.municipality.name if kb else kb_dir.name
    problems = [p for p in found if not p.warning]
    notes = "".join(f"\n- `{p}`" for p in found if p.warning)
    if not problems:
        counts = f"{len(kb.inventory)} KI-Anwendungen, {len(kb.documents)} Dokumente" if kb else ""
        return f"**Wissensbasis {name}:** ✔ gültig ({counts}).{notes}"
    return f"**Wissensbasis {name}:** ⚠ {len(problems)} Problem(e):\n\n" + "\n".join(f"- `{p}`" for p in problems)


def affected_markdown(services: Services, kb_dir: Path) -> str:
    found = knowledge.affected_answers(kb_dir, services.review.approved(str(kb_dir)))
    if not found:
        return "✔ Keine freigegebene Antwort stützt sich auf eine geänderte oder entfernte Quelle."
    lines = ["**Freigegebene Antworten, deren Quelle sich geändert hat** (bitte prüfen):", ""]
    lines += [f"- Anfrage {v.inquiry_id}, Frage {v.question_id}: `{source}` – {reason}" for v, source, reason in found]
    return "\n".join(lines)


def _problems(problems: list[Any], explain: Callable[[Any], str] = str) -> str:
    return "⚠ **Nicht gespeichert – die Prüfung meldet:**\n\n" + "\n".join(f"- {explain(p)}" for p in problems)


@dataclass
class KbTab:
    wire: Callable[[Any], None]
    # Filled after login (app.load): nothing of the knowledge base is in the page before.
    fill: Callable[[Any], list[Any]]
    filled: list[Any]


def _layout(gr: Any, header: list[str]) -> tuple[Any, ...]:
    with gr.Tab("Wissensbasis", id="kb"):
        state = gr.Markdown(elem_id="kb-status")
        gr.Markdown(
            "### KI-Verzeichnis (inventory.csv)\nZeilen bearbeiten oder anfügen, dann speichern. "
            "Gespeichert wird nur, was die Prüfung besteht."
        )
        headings = edit.shown(header, [])[0]
        inventory = gr.Dataframe(
            headers=headings, interactive=True, type="array", wrap=True, buttons=[], elem_id="inventory"
        )
        inventory_message = gr.Markdown(elem_id="inventory-message")  # right under the table, not below the fold
        save = gr.Button("Verzeichnis prüfen und speichern", variant="primary")
        gr.Markdown("### Dokument hinzufügen")
        document = gr.File(label="Dokument (Markdown, Text, PDF, Word, HTML)", type="filepath")
        add = gr.Button("Dokument prüfen und hinzufügen")
        gr.Markdown("### Index und betroffene Antworten")
        with gr.Row():
            reindex = gr.Button("Neu indizieren")
            check = gr.Button("Betroffene Freigaben anzeigen")
        kb_message = gr.Markdown(elem_id="kb-message")
        affected = gr.Markdown()
        gr.Markdown("### Frühere Antworten übernehmen")
        replies = gr.File(label="Antwortdateien (YAML im answers/-Format)", file_count="multiple",
                          type="filepath", elem_id="replies-upload")  # fmt: skip
        take = gr.Button("Frühere Antworten übernehmen", elem_id="replies-import")
        replies_message = gr.Markdown(elem_id="replies-message")
    parts = (state, inventory, inventory_message, save, document, add, reindex, check, kb_message, affected)
    return (*parts, replies, take, replies_message)


# --- what the buttons do, without gradio (None: leave that part of the page as it is) ---------------


def import_replies(services: Services, actor: Actor, paths: list[str]) -> str:
    """Earlier replies from uploaded ``answers/`` files into the office's memory."""
    try:
        services.review.authorize(actor, Action.MEMORY_IMPORT)
        if not paths:
            return "⚠ Bitte zuerst eine oder mehrere Antwortdateien wählen."
        added = sum(memory.import_replies(services, actor, Path(p)) for p in paths)
    except AssistantError as exc:
        return f"⚠ **{exc.render()}**"
    return f"✔ {added} frühere Antworten übernommen (schon vorhandene übersprungen)."


@dataclass(frozen=True)
class KbShown:
    message: str
    status: str | None = None
    affected: str | None = None


def save_rows(services: Services, actor: Actor, kb_dir: Path, header: list[str], rows: list[list[str]]) -> KbShown:
    """Save the table as typed (German value labels become the CSV's codes); problems name the row's id."""
    codes = edit.stored(header, rows)
    try:
        problems = knowledge.save_inventory(services, actor, kb_dir, header, codes)
    except AssistantError as exc:
        return KbShown(f"⚠ **{exc.render()}**")
    if problems:
        return KbShown(_problems(problems, lambda p: edit.explained(p, header, codes)))
    return KbShown(
        "✔ Gespeichert. Bitte neu indizieren, damit Entwürfe die Änderung sehen.",
        status_markdown(kb_dir),
        affected_markdown(services, kb_dir),
    )


def add_file(services: Services, actor: Actor, kb_dir: Path, upload: str | None) -> KbShown:
    try:
        if not upload:
            services.review.authorize(actor, Action.KB_EDIT)
            return KbShown("⚠ Bitte zuerst eine Datei wählen.")
        relative, problems, replaced = knowledge.add_document(services, actor, kb_dir, Path(upload))
    except AssistantError as exc:
        return KbShown(f"⚠ **{exc.render()}**")
    if problems:
        return KbShown(_problems(problems))
    done = "ersetzt (die vorige Fassung steht nur noch in der Versionsverwaltung)" if replaced else "hinzugefügt"
    return KbShown(f"✔ {relative} {done}. Bitte neu indizieren.", status_markdown(kb_dir))


def reindexing(services: Services, actor: Actor, kb_dir: Path) -> Iterator[str]:
    """The messages of a reindex: refused at once without the role, else the job's progress until it
    has ended. A worker does it (``[jobs] queue``), so the web process loads no embedding model;
    closing the page stops nothing."""
    try:
        services.review.authorize(actor, Action.KB_REINDEX)  # refused here, not in the worker
        request = JobRequest(JobKind.REINDEX, actor.name, actor.roles, None, payload={"kb": str(kb_dir)})
        job = queue_for(services).submit(request)
    except AssistantError as exc:
        yield f"⚠ **{exc.render()}**"
        return
    shown = ""
    for seen in watch(services, job.id):
        text = render.reindex_text(seen, time.time() - seen.created, services.settings.jobs.queue)
        if text != shown:
            shown = text
            yield text


def opened(kb_dir: Path) -> list[Any]:
    """What the tab shows after login: the check's verdict and the inventory rows."""
    header, rows = edit.read_inventory(kb_dir)
    return [status_markdown(kb_dir), gr_table(*edit.shown(header, rows))]


def gr_table(headers: list[str], rows: list[list[str]]) -> dict[str, Any]:
    """A table value with its headings (a bare list would lose them)."""
    return {"headers": headers, "data": rows}


# --- the tab ---------------------------------------------------------------------------------------


def _kept(gr: Any, value: str | None) -> Any:
    return gr.skip() if value is None else value


def build(gr: Any, services: Services, kb_dir: Path, me: Callable[[Any], Actor]) -> KbTab:
    header, _ = edit.read_inventory(kb_dir)
    (state, inventory, inventory_message, save, document, add, reindex, check, kb_message, affected, replies, take,
     replies_message) = _layout(gr, header)  # fmt: skip

    def on_save(values: list[list[str]], request: gr.Request) -> tuple[str, str, str]:
        shown = save_rows(services, me(request), kb_dir, header, values)
        return shown.message, _kept(gr, shown.status), _kept(gr, shown.affected)

    def on_add(upload: str | None, request: gr.Request) -> tuple[str, str]:
        shown = add_file(services, me(request), kb_dir, upload)
        return shown.message, _kept(gr, shown.status)

    def on_reindex(request: gr.Request) -> Iterator[str]:
        yield from reindexing(services, me(request), kb_dir)

    def on_check(request: gr.Request) -> str:
        me(request)
        return affected_markdown(services, kb_dir)

    def on_import(paths: list[str] | None, request: gr.Request) -> str:
        return import_replies(services, me(request), paths or [])

    def fill(request: gr.Request) -> list[Any]:
        me(request)
        return opened(kb_dir)

    def wire(inquiry_id: Any) -> None:
        save.click(on_save, inputs=[inventory], outputs=[inventory_message, state, affected])
        add.click(on_add, inputs=[document], outputs=[kb_message, state])
        reindex.click(on_reindex, outputs=[kb_message])
        check.click(on_check, outputs=[affected])
        take.click(on_import, inputs=[replies], outputs=[replies_message])

    return KbTab(wire, fill, [state, inventory])
