"""The review tab ("Prüfung"): one inquiry, its answers, the workflow buttons and the letter.

Layout here, the work in ``actions`` (gradio-free and unit-tested). ``show`` turns an
``actions.Screen`` into the values of ``ReviewTab.outputs``; the overview and the new-inquiry
tab open an inquiry through it.
"""

# No `from __future__ import annotations` here: gradio reads the handlers' type hints at run time
# to find the gr.Request parameter, and `gr` is only imported by the page's builder.

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from assistant.letter import pdf_converter
from assistant.review.auth import Actor
from assistant.services import Services
from assistant.web import actions, render

Show = Callable[[actions.Screen], list[Any]]


@dataclass
class ReviewTab:
    inquiry_select: Any
    inquiry_id: Any
    outputs: list[Any]
    show: Callable[[actions.Screen], list[Any]]
    selector: Callable[..., Any]
    wire: Callable[[], None]
    controls: dict[str, Any]  # role-bound buttons by the names of ``actions.CONTROLS``


@dataclass
class _Parts:
    """The components of the tab, by role."""

    inquiry_select: Any
    reload: Any
    resume: Any
    resume_progress: Any
    save: Any
    regenerate: Any
    submit: Any
    submit_all: Any
    approve: Any
    reject: Any
    comment: Any
    answer: Any
    question_select: Any
    export_draft: Any
    release: Any
    export_final: Any
    export_message: Any
    files: Any
    outputs: list[Any]
    letter_fields: list[Any]
    letter_save: Any
    letter_message: Any
    as_pdf: Any
    note: Any
    note_add: Any
    source_box: Any
    source_query: Any
    source_search: Any
    source_found: Any
    source_add: Any
    source_redraft: Any
    source_message: Any
    assign: Any
    assign_row: Any
    take_over: Any
    letter_box: Any


def _layout(gr: Any) -> _Parts:
    with gr.Row():
        inquiry_select = gr.Dropdown(label="Anfrage", choices=[], elem_id="inquiry-select", scale=4)
        reload = gr.Button("Neu laden", scale=1)
    header = gr.Markdown(elem_id="inquiry-header")
    resume = gr.Button("Fehlende Entwürfe erstellen", size="sm", visible=False, elem_id="resume")
    resume_progress = gr.Markdown()
    with gr.Row():
        with gr.Column(scale=1, min_width=220):
            gr.Textbox(  # filtered in the browser (render.PAGE_SCRIPT): no round trip per keystroke
                label="Fragen filtern", placeholder="z. B. Entwurf, Hinweis, Kosten", elem_id="question-filter"
            )
            question_select = gr.Radio(label="Fragen", choices=[], elem_id="question-select")
            with gr.Accordion("Text der Anfrage", open=False, elem_id="inquiry-text-box"):
                inquiry_text = gr.Markdown(elem_id="inquiry-text")
        with gr.Column(scale=3):
            question = gr.Markdown(elem_id="question-text")
            status = gr.Markdown(elem_id="answer-status")
            with gr.Row(elem_id="assign-row") as assign_row:
                assignee = gr.Dropdown(label="Zuständig", choices=[], scale=2, elem_id="assignee")
                due = gr.Textbox(label="Zu erledigen bis (JJJJ-MM-TT)", scale=2, elem_id="assign-due")
                assign = gr.Button("Zuständigkeit festlegen", scale=1, elem_id="assign")
            answer = gr.Textbox(label="Antwort", lines=7, elem_id="answer-text")
            table = gr.Markdown()
            with gr.Row():
                save = gr.Button("Speichern", variant="primary", elem_id="save")
                regenerate = gr.Button("Neu entwerfen", elem_id="regenerate")
                submit = gr.Button("Zur Prüfung geben", elem_id="submit")
                submit_all = gr.Button("Alle Entwürfe zur Prüfung geben", elem_id="submit-all")
                approve = gr.Button("Freigeben", elem_id="approve")
            with gr.Row():
                comment = gr.Textbox(label="Kommentar bei Zurückweisung", scale=3, elem_id="comment")
                reject = gr.Button("Zurückweisen", variant="stop", scale=1, elem_id="reject")
            message = gr.Markdown(elem_id="review-message")
            gr.Markdown(render.SHORTCUT_HELP, elem_id="shortcuts")
            warnings = gr.Markdown(elem_id="warnings")
            earlier_box, earlier, earlier_choice, take_over = _earlier(gr)
            with gr.Accordion("Quellen mit Fundstellen", open=True):
                sources = gr.HTML(elem_id="sources")
            with gr.Accordion("Weitere Quelle anfügen", open=False, elem_id="source-box") as source_box:
                with gr.Row():
                    source_query = gr.Textbox(label="In der Wissensbasis suchen", scale=4, elem_id="source-query")
                    source_search = gr.Button("Suchen", scale=1, elem_id="source-search")
                source_found = gr.CheckboxGroup(
                    label="Fundstellen (eine oder mehrere wählen)", choices=[], elem_id="source-found"
                )
                with gr.Row():
                    source_add = gr.Button("Als Quelle anfügen", elem_id="source-add")
                    source_redraft = gr.Button(
                        "Nur aus den gewählten Fundstellen neu entwerfen", elem_id="source-redraft"
                    )
                source_message = gr.Markdown(elem_id="source-message")
            with gr.Accordion("Versionen und Änderungen", open=False):
                history = gr.Markdown(elem_id="history")
            with gr.Accordion("Kommentare", open=False, elem_id="comments-box"):
                comments = gr.Markdown(elem_id="comments")
                with gr.Row():
                    note = gr.Textbox(label="Kommentar zu dieser Antwort", scale=4, elem_id="note-text")
                    note_add = gr.Button("Kommentar hinzufügen", scale=1, elem_id="note-add")
    gr.Markdown("### Antwortschreiben")
    letter_box, letter_fields, letter_save, letter_message = _letter_form(gr)
    with gr.Row():
        export_draft = gr.Button("Entwurf exportieren (DOCX, Markdown)", elem_id="export-draft")
        release = gr.Button("Antwortschreiben freigeben", variant="primary", elem_id="release")
        export_final = gr.Button("Endfassung exportieren", elem_id="export-final")
        as_pdf = gr.Checkbox(label="auch als PDF", value=pdf_converter() is not None, elem_id="export-pdf")
    export_message = gr.Markdown(elem_id="export-message")
    files = gr.File(label="Dateien", file_count="multiple", interactive=False, elem_id="export-files")
    inquiry_id, answer_id, version = gr.State(None), gr.State(None), gr.State(0)
    outputs = [inquiry_id, header, question_select, answer_id, question, answer, version, status, table,
               sources, warnings, history, message, resume, comments, inquiry_text, assignee, due, earlier_box,
               earlier, earlier_choice]  # fmt: skip
    return _Parts(inquiry_select, reload, resume, resume_progress, save, regenerate, submit, submit_all, approve,
                  reject, comment, answer, question_select, export_draft, release, export_final, export_message,
                  files, outputs, letter_fields, letter_save, letter_message, as_pdf, note, note_add, source_box,
                  source_query, source_search, source_found, source_add, source_redraft, source_message, assign,
                  assign_row, take_over, letter_box)  # fmt: skip


def _earlier(gr: Any) -> tuple[Any, Any, Any, Any]:
    """Released replies to a similar question, re-checked, with one-click take-over."""
    box = gr.Accordion("Frühere Antworten auf ähnliche Fragen", open=False, elem_id="earlier-box")
    with box:
        earlier = gr.Markdown(elem_id="earlier")
        with gr.Row():
            choice = gr.Radio(label="Frühere Antwort", choices=[], scale=3, elem_id="earlier-choice")
            take_over = gr.Button("Übernehmen und prüfen", scale=1, elem_id="take-over")
    return box, earlier, choice, take_over


def _letter_form(gr: Any) -> tuple[Any, list[Any], Any, Any]:
    """The letter's details a clerk completes, in the order of ``actions.LETTER_FIELDS``."""
    with gr.Accordion("Angaben im Antwortschreiben (Datum, Absender, Empfänger, Zeichen, Einleitung, Schluss)",
                      open=False, elem_id="letter-details") as box:  # fmt: skip
        with gr.Row():
            letter_fields = [
                gr.Textbox(label="Datum der Anfrage", elem_id="letter-inquiry-date"),
                gr.Textbox(label="Absender der Anfrage", elem_id="letter-sender"),
                gr.Textbox(label="Ihr Zeichen / Drucksache", elem_id="letter-reference"),
                gr.Textbox(label="Gremium und Sitzung", elem_id="letter-committee"),
            ]
        addressee = gr.Textbox(
            label="Empfänger mit Anschrift (eine Zeile je Angabe)", lines=3, elem_id="letter-addressee"
        )
        intro = gr.Textbox(label="Einleitung", lines=2, elem_id="letter-intro")
        closing = gr.Textbox(label="Schlussformel", elem_id="letter-closing")
        letter_save = gr.Button("Angaben speichern", elem_id="letter-save")
        letter_message = gr.Markdown(elem_id="letter-message")
    # In the order of actions.LETTER_FIELDS.
    letter_fields = [letter_fields[0], letter_fields[1], addressee, letter_fields[2], letter_fields[3], intro, closing]
    return box, letter_fields, letter_save, letter_message


def build(gr: Any, services: Services, kb_dir: Path, me: Callable[[Any], Actor], today: date | None) -> ReviewTab:
    with gr.Tab("Prüfung", id="review"):
        parts = _layout(gr)
    inquiry_id = parts.outputs[0]

    def show(screen: actions.Screen) -> list[Any]:
        label = "Antwort" if screen.editable else "Antwort (freigegeben – nicht bearbeitbar)"
        text = gr.Textbox(value=screen.text, label=label, interactive=screen.editable)
        return [screen.inquiry_id, screen.header, gr.Radio(choices=list(screen.questions), value=screen.answer_id),
                screen.answer_id, screen.question, text, screen.version, screen.status, screen.table,
                screen.sources, screen.warnings, screen.history, screen.message,
                gr.Button(visible=screen.missing), screen.comments, screen.inquiry_text,
                gr.Dropdown(choices=list(screen.people), value=screen.assignee), screen.due,
                gr.Accordion(label=f"Frühere Antworten auf ähnliche Fragen ({len(screen.earlier_choices)})",
                             open=bool(screen.earlier_choices)),
                screen.earlier, gr.Radio(choices=list(screen.earlier_choices), value=None)]  # fmt: skip

    def selector(summaries: list[Any] | None = None, selected: int | None = None) -> Any:
        """The inquiry dropdown with every inquiry, optionally with one selected."""
        found = render.inquiry_choices(summaries if summaries is not None else services.review.overview())
        return gr.Dropdown(choices=found) if selected is None else gr.Dropdown(choices=found, value=selected)

    def wire() -> None:
        _wire_screen(gr, services, me, parts, show)
        _wire_sources(gr, services, me, parts, show)
        _wire_letter(gr, services, me, parts, show, today)
        _wire_resume(gr, services, kb_dir, me, parts, show)

    role_bound = {"save": parts.save, "regenerate": parts.regenerate, "submit": parts.submit,
                  "submit_all": parts.submit_all, "letter_save": parts.letter_save, "source_add": parts.source_box,
                  "approve": parts.approve, "reject": parts.reject,
                  "release": parts.release, "comment": parts.comment, "assign": parts.assign_row,
                  "take_over": parts.take_over}  # fmt: skip
    return ReviewTab(parts.inquiry_select, inquiry_id, parts.outputs, show, selector, wire, role_bound)


def _wire_screen(gr: Any, services: Services, me: Callable[[Any], Actor], parts: _Parts, show: Show) -> None:
    inquiry_id, answer_id, version = parts.outputs[0], parts.outputs[3], parts.outputs[6]

    def open_inquiry(selected: int | None, request: gr.Request) -> list[Any]:
        me(request)
        return show(actions.screen(services, selected))

    def open_answer(current: int | None, selected: int | None, request: gr.Request) -> list[Any]:
        me(request)
        return show(actions.screen(services, current, selected))

    def on_save(current: int, selected: int, text_value: str, seen: int, request: gr.Request) -> list[Any]:
        return show(actions.save(services, me(request), current, selected, text_value, seen))

    def transition(kind: str) -> Any:
        def handler(current: int, selected: int, seen: int, note: str, request: gr.Request) -> list[Any]:
            return show(actions.transition(services, me(request), kind, current, selected, seen, note))

        return handler

    parts.inquiry_select.input(open_inquiry, inputs=[parts.inquiry_select], outputs=parts.outputs)
    parts.reload.click(open_inquiry, inputs=[parts.inquiry_select], outputs=parts.outputs)
    parts.question_select.input(open_answer, inputs=[inquiry_id, parts.question_select], outputs=parts.outputs)
    parts.save.click(on_save, inputs=[inquiry_id, answer_id, parts.answer, version], outputs=parts.outputs)
    for button, kind in ((parts.submit, "submit"), (parts.approve, "approve"), (parts.reject, "reject")):
        button.click(transition(kind), inputs=[inquiry_id, answer_id, version, parts.comment], outputs=parts.outputs)

    def on_submit_all(current: int | None, selected: int | None, request: gr.Request) -> list[Any]:
        if current is None:
            return show(actions.screen(services, None, message="⚠ Bitte zuerst eine Anfrage wählen."))
        return show(actions.submit_all(services, me(request), current, selected))

    parts.submit_all.click(on_submit_all, inputs=[inquiry_id, answer_id], outputs=parts.outputs)

    def on_assign(
        current: int | None, selected: int | None, person: str | None, by: str, request: gr.Request
    ) -> list[Any]:
        if current is None or selected is None:
            return show(actions.screen(services, None, message="⚠ Bitte zuerst eine Anfrage wählen."))
        return show(actions.assign(services, me(request), current, selected, person, by))

    assignee, due = parts.outputs[16], parts.outputs[17]
    parts.assign.click(on_assign, inputs=[inquiry_id, answer_id, assignee, due], outputs=parts.outputs)

    def on_take_over(
        current: int | None, selected: int | None, reply_id: int | None, seen: int, request: gr.Request
    ) -> list[Any]:
        if current is None or selected is None:
            return show(actions.screen(services, None, message="⚠ Bitte zuerst eine Anfrage wählen."))
        return show(actions.take_over(services, me(request), current, selected, reply_id, seen))

    choice = parts.outputs[-1]
    parts.take_over.click(on_take_over, inputs=[inquiry_id, answer_id, choice, version], outputs=parts.outputs)

    def on_note(current: int | None, selected: int | None, text_value: str, request: gr.Request) -> list[Any]:
        if current is None or selected is None:
            return [*show(actions.screen(services, None, message="⚠ Bitte zuerst eine Anfrage wählen.")), text_value]
        shown = actions.add_comment(services, me(request), current, selected, text_value)
        return [*show(shown), "" if shown.message.startswith("✔") else text_value]

    parts.note_add.click(on_note, inputs=[inquiry_id, answer_id, parts.note], outputs=[*parts.outputs, parts.note])

    def on_regenerate(current: int | None, selected: int | None, seen: int, request: gr.Request) -> list[Any]:
        if current is None or selected is None:
            return show(actions.screen(services, None, message="⚠ Bitte zuerst eine Anfrage wählen."))
        return show(actions.regenerate(services, me(request), current, selected, seen))

    # A redraft is a job of highest priority (assistant.jobs); this handler waits for it.
    parts.regenerate.click(on_regenerate, inputs=[inquiry_id, answer_id, version], outputs=parts.outputs)


def _wire_letter(
    gr: Any, services: Services, me: Callable[[Any], Actor], parts: _Parts, show: Show, today: date | None
) -> None:
    inquiry_id, answer_id = parts.outputs[0], parts.outputs[3]

    def on_release(current: int | None, selected: int | None, request: gr.Request) -> list[Any]:
        if current is None:
            return show(actions.screen(services, None, message="⚠ Bitte zuerst eine Anfrage wählen."))
        return show(actions.release(services, me(request), current, selected))

    def exporter(final: bool) -> Any:
        def handler(current: int | None, pdf: bool, request: gr.Request) -> tuple[Any, str]:
            if current is None:
                return None, "⚠ Bitte zuerst eine Anfrage wählen."
            paths, text_value = actions.export(services, me(request), current, final=final, today=today, pdf=pdf)
            return paths or None, text_value

        return handler

    parts.release.click(on_release, inputs=[inquiry_id, answer_id], outputs=parts.outputs)

    # The form is filled once per inquiry, and only while it is open: filled while closed, gradio 6 applied
    # the values when the accordion was first opened, now and then after the clerk had begun to type.
    filled_for = gr.State(None)  # the inquiry the letter form shows: typing is never overwritten by a refill
    letter_open = gr.State(False)

    def fill_letter(current: int | None, shown: int | None, opened: bool, request: gr.Request) -> list[Any]:
        me(request)
        if not opened or (current is not None and current == shown):
            return [*(gr.skip() for _ in parts.letter_fields), shown]
        return [*actions.letter_form(services, current), current]

    def open_letter(current: int | None, shown: int | None, request: gr.Request) -> list[Any]:
        return [*fill_letter(current, shown, True, request), True]

    def close_letter(request: gr.Request) -> bool:
        me(request)
        return False

    def on_letter_save(
        current: int | None,
        inquiry_date: str,
        sender: str,
        addressee: str,
        reference: str,
        committee: str,
        intro: str,
        closing: str,
        request: gr.Request,
    ) -> str:
        values = [inquiry_date, sender, addressee, reference, committee, intro, closing]
        return actions.save_letter(services, me(request), current, values)

    letter = [*parts.letter_fields, filled_for]
    inquiry_id.change(fill_letter, inputs=[inquiry_id, filled_for, letter_open], outputs=letter)
    parts.letter_box.expand(open_letter, inputs=[inquiry_id, filled_for], outputs=[*letter, letter_open])
    parts.letter_box.collapse(close_letter, outputs=[letter_open])
    parts.letter_save.click(on_letter_save, inputs=[inquiry_id, *parts.letter_fields], outputs=[parts.letter_message])
    exported = [parts.files, parts.export_message]
    parts.export_draft.click(exporter(False), inputs=[inquiry_id, parts.as_pdf], outputs=exported)
    parts.export_final.click(exporter(True), inputs=[inquiry_id, parts.as_pdf], outputs=exported)


def _wire_resume(
    gr: Any, services: Services, kb_dir: Path, me: Callable[[Any], Actor], parts: _Parts, show: Show
) -> None:
    def on_resume(current: int | None, request: gr.Request) -> Iterator[list[Any]]:
        if current is None:
            yield ["⚠ Bitte zuerst eine Anfrage wählen.", *([gr.skip()] * len(parts.outputs))]
            return
        actor = me(request)
        for step in actions.drafting(services, actor, kb_dir, inquiry_id=current):
            if step.inquiry_id is None:
                yield [step.text, *([gr.skip()] * len(parts.outputs))]
            else:
                yield [step.text, *show(actions.screen(services, step.inquiry_id))]

    parts.resume.click(on_resume, inputs=[parts.outputs[0]], outputs=[parts.resume_progress, *parts.outputs])


def _wire_sources(gr: Any, services: Services, me: Callable[[Any], Actor], parts: _Parts, show: Show) -> None:
    inquiry_id, answer_id, version = parts.outputs[0], parts.outputs[3], parts.outputs[6]

    def on_search(selected: int | None, query: str, request: gr.Request) -> tuple[Any, str]:
        choices, message = actions.search_sources(services, me(request), selected, query)
        return gr.CheckboxGroup(choices=choices, value=[]), message

    def on_add(
        current: int | None, selected: int | None, picked: list[str] | None, query: str, seen: int, request: gr.Request
    ) -> list[Any]:
        if current is None or selected is None:
            return show(actions.screen(services, None, message="⚠ Bitte zuerst eine Anfrage wählen."))
        return show(actions.add_source(services, me(request), current, selected, picked or [], query, seen))

    parts.source_search.click(
        on_search, inputs=[answer_id, parts.source_query], outputs=[parts.source_found, parts.source_message]
    )
    parts.source_add.click(
        on_add,
        inputs=[inquiry_id, answer_id, parts.source_found, parts.source_query, version],
        outputs=parts.outputs,
    )

    def on_redraft(
        current: int | None, selected: int | None, picked: list[str] | None, seen: int, request: gr.Request
    ) -> list[Any]:
        if current is None or selected is None:
            return show(actions.screen(services, None, message="⚠ Bitte zuerst eine Anfrage wählen."))
        if not picked:
            message = "⚠ Bitte zuerst eine oder mehrere Fundstellen wählen."
            return show(actions.screen(services, current, selected, message))
        return show(actions.regenerate(services, me(request), current, selected, seen, picked))

    parts.source_redraft.click(
        on_redraft, inputs=[inquiry_id, answer_id, parts.source_found, version], outputs=parts.outputs
    )
