"""What the page's buttons do. Gradio-free: each returns values the page shows.

Role checks, states and locking live in the review workflow; here errors become
German messages on the screen instead of exceptions.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from assistant.domain import Inquiry, LetterDetails
from assistant.errors import AssistantError, ConflictError
from assistant.formats.read import read_inquiry
from assistant.inquiry.parse import parse_inquiry
from assistant.jobs.model import Job, JobKind, JobRequest, JobState
from assistant.kb import edit
from assistant.letter import completed
from assistant.review.auth import Actor
from assistant.review.states import Action, AnswerState, InquiryState
from assistant.services import Services
from assistant.text import german_date
from assistant.usecases import audit, importing, letters, memory, sources
from assistant.usecases.jobs import queue_for
from assistant.web import render


@dataclass(frozen=True)
class Screen:
    """Everything the review tab shows for one inquiry and one selected answer."""

    inquiry_id: int | None = None
    header: str = "Bitte eine Anfrage wählen."
    questions: tuple[tuple[str, int], ...] = ()
    answer_id: int | None = None
    question: str = ""
    text: str = ""
    version: int = 0
    status: str = ""
    table: str = ""
    sources: str = ""
    warnings: str = ""
    history: str = ""
    message: str = ""
    missing: bool = False  # drafting was interrupted: offer to draft the rest
    editable: bool = True  # False once the answer is approved or the letter released
    comments: str = ""
    inquiry_text: str = ""
    assignee: str = ""  # user name of who is to work on the selected answer
    due: str = ""
    people: tuple[tuple[str, str], ...] = ()  # (display name, user name) of who can be assigned
    earlier: str = ""  # released replies to a similar question, re-checked (markdown)
    earlier_choices: tuple[tuple[str, int], ...] = ()  # (label, reply id)


def screen(services: Services, inquiry_id: int | None, answer_id: int | None = None, message: str = "") -> Screen:
    if inquiry_id is None:
        return Screen(message=message)
    review = services.review
    view = review.inquiry(inquiry_id)
    if not view.answers:
        return Screen(inquiry_id, render.inquiry_header(view), message=message, missing=bool(view.missing()))
    ids = [a.id for a in view.answers]
    selected = next(a for a in view.answers if a.id == (answer_id if answer_id in ids else ids[0]))
    texts = source_texts_of(view.kb_path)
    versions = review.history(selected.id)
    people = review.assignable()
    offers = memory.offers(services, selected.id)
    return Screen(
        inquiry_id=inquiry_id,
        header=render.inquiry_header(view),
        questions=tuple(render.question_choices(view, people)),
        answer_id=selected.id,
        question=render.question_markdown(view, selected),
        text=selected.answer.text,
        version=selected.version,
        status=render.status_markdown(selected, len(versions)),
        table=render.table_markdown(selected),
        sources=render.sources_html(selected, texts),
        warnings=render.warnings_markdown(selected),
        history=render.history_markdown(versions),
        comments=render.comments_markdown(review.comments(selected.id)),
        inquiry_text=render.inquiry_text_markdown(view),
        message=message,
        missing=bool(view.missing()),
        editable=selected.state != AnswerState.APPROVED and view.summary.state != InquiryState.RELEASED,
        assignee=selected.assignee,
        due=selected.due,
        people=(("niemand", ""), *((name, user) for user, name in people.items())),
        earlier=render.offers_markdown(offers),
        earlier_choices=tuple(render.offer_choices(offers)),
    )


# Which controls each role sees: a control a role may not use is not shown (the workflow refuses anyway).
CONTROLS: dict[str, tuple[Action, ...]] = {
    "new": (Action.INQUIRY_CREATE,),
    "save": (Action.ANSWER_EDIT,),
    "submit": (Action.ANSWER_SUBMIT,),
    "submit_all": (Action.ANSWER_SUBMIT,),
    "regenerate": (Action.ANSWER_EDIT,),
    "take_over": (Action.ANSWER_EDIT,),
    "assign": (Action.ANSWER_ASSIGN,),
    "letter_save": (Action.ANSWER_EDIT,),
    "source_add": (Action.ANSWER_EDIT,),
    "approve": (Action.ANSWER_APPROVE,),
    "reject": (Action.ANSWER_REJECT,),
    "release": (Action.INQUIRY_RELEASE,),
    "comment": (Action.ANSWER_REJECT,),
    "kb": (Action.KB_EDIT, Action.KB_REINDEX),
    "inputs": (Action.INPUT_SUPPLY,),
    "read": (Action.INQUIRY_READ,),
    "evaluation": (Action.EVAL_SCORE, Action.RATINGS_EXPORT),
}


def controls(actor: Actor) -> dict[str, bool]:
    """For each role-bound control of the page: whether this user may use it."""
    return {name: any(actor.can(action) for action in needed) for name, needed in CONTROLS.items()}


def source_texts_of(kb_path: str) -> dict[str, str]:
    try:
        return edit.texts_of(Path(kb_path))
    except (AssistantError, OSError):  # the KB moved or is invalid right now: show the stored quotes only
        return {}


def _error(exc: AssistantError) -> str:
    return f"⚠ **{exc.render()}**"


def save(services: Services, actor: Actor, inquiry_id: int, answer_id: int, text: str, version: int) -> Screen:
    """Save an edit; numbers and dates are checked against the whole cited passages."""
    try:
        sources = source_texts_of(services.review.inquiry(inquiry_id).kb_path)
        saved = services.review.edit(actor, answer_id, text, version, sources)
    except ConflictError as exc:
        return screen(services, inquiry_id, answer_id, render.conflict_markdown(exc.message, exc.diff))
    except AssistantError as exc:
        return replace(screen(services, inquiry_id, answer_id, _error(exc)), text=text, version=version)
    if saved.version == version:
        return screen(services, inquiry_id, answer_id, "Keine Änderung am Text – keine neue Version angelegt.")
    return screen(services, inquiry_id, answer_id, "✔ Gespeichert als neue Version.")


TRANSITIONS: dict[str, tuple[str, Callable[..., Any]]] = {
    "submit": ("✔ Zur Prüfung gegeben.", lambda r, a, i, v, c: r.submit(a, i, v)),
    "approve": ("✔ Freigegeben.", lambda r, a, i, v, c: r.approve(a, i, v)),
    "reject": ("✔ Zurückgewiesen.", lambda r, a, i, v, c: r.reject(a, i, v, c)),
}


def transition(
    services: Services, actor: Actor, kind: str, inquiry_id: int, answer_id: int, version: int, comment: str = ""
) -> Screen:
    done, call = TRANSITIONS[kind]
    try:
        call(services.review, actor, answer_id, version, comment)
    except AssistantError as exc:
        return screen(services, inquiry_id, answer_id, _error(exc))
    return screen(services, inquiry_id, _next_open(services, inquiry_id, answer_id), done)


def regenerate(
    services: Services, actor: Actor, inquiry_id: int, answer_id: int, version: int, picked: Sequence[str] = ()
) -> Screen:
    """Draft the selected answer again (the knowledge base as it is now, or only the ``picked`` passages);
    a new version in Entwurf."""
    try:
        services.review.ensure_editable(actor, answer_id)  # refused (and logged) before a job is queued
        if services.review.answer(answer_id).version != version:
            raise ConflictError("Die Antwort wurde inzwischen geändert", hint="Neu laden und dann neu entwerfen")
        payload = {"expected_version": version, "picked": list(picked)}
        job = queue_for(services).submit(
            JobRequest(JobKind.REDRAFT_ANSWER, actor.name, actor.roles, inquiry_id, answer_id, payload)
        )
    except AssistantError as exc:
        return screen(services, inquiry_id, answer_id, _error(exc))
    *_, last = follow(services, job.id, REDRAFT_WAIT)
    done = last.inquiry_id is not None
    message = "✔ Neu entworfen – bitte prüfen (die vorige Fassung steht in den Versionen)." if done else last.text
    return screen(services, inquiry_id, answer_id, message)


LETTER_FIELDS = ("inquiry_date", "sender", "addressee", "reference", "committee", "intro", "closing")


def letter_form(services: Services, inquiry_id: int | None) -> list[str]:
    """The letter's details as the form shows them: what the clerk stored, else the defaults."""
    if inquiry_id is None:
        return [""] * len(LETTER_FIELDS)
    view = services.review.inquiry(inquiry_id)
    shown = completed(view.inquiry, view.letter)
    return [getattr(shown, name) for name in LETTER_FIELDS]


def save_letter(services: Services, actor: Actor, inquiry_id: int | None, values: list[str]) -> str:
    """Store the form's values; a value equal to its default is stored as blank (it follows the inquiry)."""
    if inquiry_id is None:
        return "⚠ Bitte zuerst eine Anfrage wählen."
    view = services.review.inquiry(inquiry_id)
    defaults = completed(view.inquiry)
    given = {
        name: " ".join(value.split()) if name != "addressee" else value.strip()
        for name, value in zip(LETTER_FIELDS, values, strict=True)
    }
    kept = {name: value for name, value in given.items() if value != getattr(defaults, name)}
    try:
        services.review.set_letter(actor, inquiry_id, LetterDetails.from_json(kept))
    except AssistantError as exc:
        return _error(exc)
    return "✔ Angaben des Antwortschreibens gespeichert; sie gelten für Entwurf und Endfassung."


def assign(services: Services, actor: Actor, inquiry_id: int, answer_id: int, assignee: str | None, due: str) -> Screen:
    """Make someone responsible for the selected answer (optionally by a date); nobody: remove it."""
    try:
        view = services.review.assign(actor, answer_id, assignee or "", due)
    except AssistantError as exc:
        return screen(services, inquiry_id, answer_id, _error(exc))
    if not view.assignee:
        return screen(services, inquiry_id, answer_id, "✔ Zuständigkeit aufgehoben.")
    name = services.review.assignable().get(view.assignee, view.assignee)
    by = f" bis {german_date(view.due)}" if view.due else ""
    return screen(services, inquiry_id, answer_id, f"✔ Zuständig: {name}{by}.")


def take_over(
    services: Services, actor: Actor, inquiry_id: int, answer_id: int, reply_id: int | None, version: int
) -> Screen:
    """Replace the selected answer by an earlier released reply, re-checked against today's data."""
    if reply_id is None:
        return screen(services, inquiry_id, answer_id, "⚠ Bitte zuerst eine frühere Antwort wählen.")
    try:
        view = memory.take_over(services, actor, answer_id, reply_id, version)
    except ConflictError as exc:
        return screen(services, inquiry_id, answer_id, render.conflict_markdown(exc.message, exc.diff))
    except AssistantError as exc:
        return screen(services, inquiry_id, answer_id, _error(exc))
    checks = len(view.answer.warnings) - 1
    found = f"; {checks} Abweichung{'en' if checks != 1 else ''} zum heutigen Stand" if checks else ""
    return screen(services, inquiry_id, answer_id, f"✔ Frühere Antwort übernommen{found} – bitte prüfen.")


def add_comment(services: Services, actor: Actor, inquiry_id: int, answer_id: int, text: str) -> Screen:
    """A remark on the selected answer for everyone working on it (any logged-in role)."""
    try:
        services.review.comment(actor, answer_id, text)
    except AssistantError as exc:
        return screen(services, inquiry_id, answer_id, _error(exc))
    return screen(services, inquiry_id, answer_id, "✔ Kommentar hinzugefügt.")


def search_sources(
    services: Services, actor: Actor, answer_id: int | None, query: str
) -> tuple[list[tuple[str, str]], str]:
    """(choices "title – preview" -> passage id, message) for the passages matching ``query``."""
    if answer_id is None:
        return [], "⚠ Bitte zuerst eine Frage wählen."
    try:
        found = sources.find(services, actor, answer_id, query)
    except AssistantError as exc:
        return [], _error(exc)
    if not found:
        return [], "Keine passende Fundstelle gefunden – andere Suchwörter versuchen."
    return [(f"{f.title} – {f.preview}", f.chunk_id) for f in found], f"{len(found)} Fundstellen gefunden."


def add_source(
    services: Services,
    actor: Actor,
    inquiry_id: int,
    answer_id: int,
    chunk_ids: Sequence[str],
    query: str,
    version: int,
) -> Screen:
    """Cite the chosen passages as the answer's next sources; the clerk then refers to them by marker."""
    if not chunk_ids:
        return screen(services, inquiry_id, answer_id, "⚠ Bitte zuerst eine oder mehrere Fundstellen wählen.")
    try:
        view = sources.cite(services, actor, answer_id, chunk_ids, query, version)
    except ConflictError as exc:
        return screen(services, inquiry_id, answer_id, render.conflict_markdown(exc.message, exc.diff))
    except AssistantError as exc:
        return screen(services, inquiry_id, answer_id, _error(exc))
    markers = [c.marker for c in view.answer.citations[-len(set(chunk_ids)) :]]
    shown = " ".join(markers)
    what = f"Als Quelle {shown} angefügt" if len(markers) == 1 else f"Als Quellen {shown} angefügt"
    return screen(services, inquiry_id, answer_id, f"✔ {what} – im Text mit {shown} darauf verweisen.")


def submit_all(services: Services, actor: Actor, inquiry_id: int, answer_id: int | None) -> Screen:
    """Give every answer still in Entwurf to review at once; each is a transition of its own (and logged)."""
    done, failed = 0, []
    try:
        for answer in services.review.inquiry(inquiry_id).answers:
            if answer.state != AnswerState.DRAFT:
                continue
            try:
                services.review.submit(actor, answer.id, answer.version)
                done += 1
            except ConflictError:  # someone saved it meanwhile: left for a look of its own
                failed.append(answer.question_id)
    except AssistantError as exc:
        return screen(services, inquiry_id, answer_id, _error(exc))
    message = f"✔ {done} Antwort{'en' if done != 1 else ''} zur Prüfung gegeben."
    if failed:
        message += f" ⚠ Inzwischen geändert, bitte einzeln prüfen: Frage {', '.join(failed)}."
    if not done and not failed:
        message = "Keine Antwort im Status „Entwurf“ – nichts zur Prüfung zu geben."
    return screen(services, inquiry_id, answer_id, message)


def _next_open(services: Services, inquiry_id: int, answer_id: int) -> int:
    """After a state change, move on to the next answer (wrapping around) so review flows."""
    answers = services.review.inquiry(inquiry_id).answers
    ids = [a.id for a in answers]
    position = ids.index(answer_id)
    return ids[(position + 1) % len(ids)]


def release(services: Services, actor: Actor, inquiry_id: int, answer_id: int | None) -> Screen:
    try:
        memory.release(services, actor, inquiry_id)
    except AssistantError as exc:
        return screen(services, inquiry_id, answer_id, _error(exc))
    return screen(
        services,
        inquiry_id,
        answer_id,
        "✔ Das Antwortschreiben ist freigegeben; die Endfassung kann exportiert werden. "
        "Seine Antworten stehen künftig als frühere Antworten zur Verfügung.",
    )


def export(
    services: Services, actor: Actor, inquiry_id: int, *, final: bool, today: date | None = None, pdf: bool = False
) -> tuple[list[str], str]:
    """(files to download, message): the letter as DOCX and Markdown (and PDF), draft or final."""
    try:
        paths = letters.export(services, actor, inquiry_id, final=final, today=today, pdf=pdf)
    except AssistantError as exc:
        return [], _error(exc)
    label = "Endfassung" if final else "Entwurf (mit Vermerk „ENTWURF – nicht freigegeben“)"
    return [str(path) for path in paths], f"✔ {label} erstellt."


def _inquiry_to_draft(
    services: Services, text: str, upload: str | None, deadline: str, inquiry_id: int | None
) -> tuple[Inquiry | None, str]:
    """The inquiry to draft (stored, uploaded or pasted), or None with what to tell the user."""
    try:
        if deadline:
            date.fromisoformat(deadline)
        if inquiry_id is not None:
            return services.review.inquiry(inquiry_id).inquiry, ""
        if upload:
            return parse_inquiry(read_inquiry(upload).text, Path(upload).name), ""
        if text.strip():
            return parse_inquiry(text, "eingefügter Text"), ""
        return None, "⚠ Bitte den Text einer Anfrage einfügen oder eine Datei hochladen."
    except AssistantError as exc:
        return None, _error(exc)
    except ValueError:
        return None, "⚠ **Frist bitte als Datum JJJJ-MM-TT angeben (z. B. 2026-12-15).**"


def oparl_paper(services: Services, url: str) -> tuple[str | None, str]:
    """(the main file's text for the form, what to tell the clerk) for a paper's OParl URL."""
    if not url.strip():
        return None, "⚠ Bitte die Adresse der Drucksache eingeben."
    try:
        imported = importing.from_paper(services, url)
    except AssistantError as exc:
        return None, _error(exc)
    paper = imported.paper
    questions = len(imported.inquiry.answerable())
    return imported.text, (
        f"✔ Drucksache {paper.reference or ''} vom {german_date(paper.date) if paper.date else '–'} geladen: "
        f"{paper.name} ({questions} Fragen). Frist eintragen und „Entwürfe erstellen“."
    )


def oparl_search(services: Services, since: str, kind: str) -> tuple[list[tuple[str, str]], str]:
    """(choices "date reference name" -> URL, message) from the configured OParl endpoint."""
    try:
        start = date.fromisoformat(since.strip()) if since.strip() else None
        found = importing.search(services, start, None, kind.strip())
    except ValueError:
        return [], "⚠ **Datum bitte als JJJJ-MM-TT angeben (z. B. 2026-01-01).**"
    except AssistantError as exc:
        return [], _error(exc)
    if not found:
        return [], "Keine passende Drucksache gefunden."
    shown = [(f"{german_date(p.date) if p.date else '–'} · {p.reference} · {p.name[:80]}", p.url) for p in found]
    return shown, f"{len(found)} Drucksachen gefunden – eine auswählen, um sie zu laden."


class Drafting(NamedTuple):
    """One step of following a drafting job: what the page shows, the inquiry once drafted, the job."""

    text: str
    inquiry_id: int | None
    job_id: int | None = None


def drafting(
    services: Services,
    actor: Actor,
    kb_dir: Path,
    *,
    text: str = "",
    upload: str | None = None,
    deadline: str = "",
    departments: str = "",
    inquiry_id: int | None = None,
) -> Iterator[Drafting]:
    """Store a new inquiry (or take ``inquiry_id``), submit drafting its missing answers as a job and
    follow the job in the database. Closing the page stops nothing: the worker goes on."""
    inquiry, problem = _inquiry_to_draft(services, text, upload, deadline, inquiry_id)
    if inquiry is None:
        yield Drafting(problem, None)
        return
    try:
        if inquiry_id is None:
            inquiry_id = services.review.create_inquiry(
                actor, inquiry, kb_path=str(kb_dir), deadline=deadline, departments=departments
            )
        else:
            services.review.authorize(actor, Action.INQUIRY_CREATE, inquiry_id)
        job = queue_for(services).submit(JobRequest(JobKind.DRAFT_INQUIRY, actor.name, actor.roles, inquiry_id))
    except AssistantError as exc:
        yield Drafting(_error(exc), None)
        return
    yield from follow(services, job.id)


REDRAFT_WAIT = 600.0  # seconds the page waits for a redraft before it says the job is still queued


def watch(services: Services, job_id: int) -> Iterator[Job]:
    """The job as the database shows it, every ``[jobs] poll_seconds``, until it has finished (the
    finished job is the last one yielded)."""
    while (job := services.jobs.get(job_id)) is not None:
        yield job
        if job.state.finished:
            return
        time.sleep(services.settings.jobs.poll_seconds)


def follow(services: Services, job_id: int, limit: float | None = None) -> Iterator[Drafting]:
    """The job's progress as the database shows it, each change once, until it has finished (or, with
    ``limit``, until that many seconds have passed: the job goes on, the page says so)."""
    shown = ""
    started = time.monotonic()
    for job in watch(services, job_id):
        text = render.job_text(job, time.time() - job.created, services.settings.jobs.queue)
        if job.state.finished:
            yield Drafting(text, job.request.inquiry_id if job.state == JobState.DONE else None, job_id)
            return
        if limit is not None and time.monotonic() - started > limit:
            later = "Der Auftrag läuft weiter; das Ergebnis erscheint nach „Neu laden“."
            yield Drafting(f"{text}\n\n{later}", None, job_id)
            return
        if text != shown:
            shown = text
            yield Drafting(text, None, job_id)


def cancel_drafting(services: Services, actor: Actor, job_id: int | None) -> str:
    """Cancel a drafting job: the answer being drafted is dropped, those already stored are kept."""
    job = services.jobs.get(job_id) if job_id is not None else None
    if job is None:
        return "Es läuft kein Entwurfsauftrag."
    try:
        services.review.authorize(actor, Action.INQUIRY_CREATE, job.request.inquiry_id)
    except AssistantError as exc:
        return _error(exc)
    if not queue_for(services).cancel(job.id):
        return "Der Auftrag war bereits beendet."
    return "⏹ Abbruch angefordert – bereits gespeicherte Entwürfe bleiben erhalten."


AUDIT_COLUMNS = ["Nr.", "Zeit", "Person", "Aktion", "erlaubt", "Anfrage", "Antwort", "Details"]


def audit_rows(services: Services, actor: Actor, inquiry_id: int | None) -> list[list[Any]]:
    """The audit table: an inquiry's events for everyone, the whole trail for the roles that check it."""
    return [
        [
            r["id"],
            r["at"][:19].replace("T", " "),
            r["actor"],
            r["label"],
            "ja" if r["allowed"] else "NEIN",
            r["inquiry_id"] or "",
            r["answer_id"] or "",
            r["details"],
        ]
        for r in reversed(audit.rows(services, actor, inquiry_id))
    ]


def audit_file(services: Services, actor: Actor, kind: str, inquiry_id: int | None) -> str:
    """Write the audit trail (events as CSV/JSON, or the per-sentence origin as CSV) for download."""
    return str(audit.export(services, actor, kind, inquiry_id))


def audit_view(services: Services, actor: Actor, scope: str, current: int | None) -> tuple[list[list[Any]], str]:
    """(rows, message) of the audit tab for its scope: "inquiry" (the chosen one) or "all"."""
    if scope == "inquiry" and current is None:
        return [], "Bitte zuerst im Reiter „Prüfung“ eine Anfrage wählen."
    try:
        return audit_rows(services, actor, current if scope == "inquiry" else None), ""
    except AssistantError as exc:
        return [], f"⚠ **{exc.render()}**"


def audit_download(
    services: Services, actor: Actor, kind: str, scope: str, current: int | None
) -> tuple[list[str] | None, str]:
    """(files to offer or None, message) for an audit export of the tab's scope."""
    try:
        path = audit_file(services, actor, kind, current if scope == "inquiry" else None)
    except AssistantError as exc:
        return None, f"⚠ **{exc.render()}**"
    return [path], "✔ Export erstellt."
