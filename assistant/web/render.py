"""Values → Markdown/HTML for the page. Pure functions; everything the user reads is German."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from assistant.drafting.statement import item_label
from assistant.export import STATUS_LABEL
from assistant.jobs.model import Job, JobKind, JobState
from assistant.review.auth import ROLES, Actor
from assistant.review.states import AnswerState, InquiryState
from assistant.review.views import AnswerView, Comment, InquirySummary, InquiryView, VersionView
from assistant.text import german_date

if TYPE_CHECKING:
    from assistant.review.inputs import Assigned
    from assistant.usecases.memory import Offer

# The review tab's script: keyboard shortcuts (Alt + key; e.code, so every keyboard layout works the same:
# S save, E submit for review, N next question, P previous question) and the filter of the question list.
PAGE_SCRIPT = r"""<script>
(() => {
  const visible = (el) => el && el.offsetParent !== null;
  const click = (id) => { const el = document.getElementById(id); if (visible(el)) el.click(); };
  const step = (by) => {
    const labels = [...document.querySelectorAll('#question-select label')];
    const at = labels.findIndex((l) => l.querySelector('input:checked'));
    const next = labels[at + by];
    if (next) next.click();
  };
  const keys = {KeyS: () => click('save'), KeyE: () => click('submit'), KeyN: () => step(1), KeyP: () => step(-1)};
  document.addEventListener('keydown', (event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || !keys[event.code]) return;
    event.preventDefault();
    keys[event.code]();
  });
  // The question list's filter: hides the questions whose line does not contain every word typed.
  const filter = () => {
    const box = document.querySelector('#question-filter textarea, #question-filter input');
    const words = (box ? box.value : '').toLowerCase().split(/\s+/).filter(Boolean);
    for (const label of document.querySelectorAll('#question-select label')) {
      const text = label.innerText.toLowerCase();
      label.style.display = words.every((w) => text.includes(w)) ? '' : 'none';
    }
  };
  document.addEventListener('input', (event) => { if (event.target.closest('#question-filter')) filter(); });
  new MutationObserver(filter).observe(document.documentElement, {childList: true, subtree: true});
  // A marker [n] in the answer opens its source with the quote highlighted.
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a.beleg');
    const source = link && document.getElementById('quelle-' + link.dataset.quelle);
    if (!source) return;
    event.preventDefault();
    source.open = true;
    source.scrollIntoView({block: 'nearest'});
  });
  // gradio writes its progress text in English, fixed in its code ("processing | 2.1s", "queue: 1/3 |").
  const german = () => {
    for (const box of document.querySelectorAll('.progress-text')) {
      const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.nodeValue.replace(/\bprocessing\b/, 'in Arbeit').replace(/\bqueue:/, 'Warteschlange:');
        if (text !== node.nodeValue) node.nodeValue = text;
      }
    }
  };
  new MutationObserver(german).observe(document.documentElement, {childList: true, subtree: true, characterData: true});
})();
</script>"""
SHORTCUT_HELP = "Tastenkürzel: Alt+S speichern · Alt+E zur Prüfung geben · Alt+N nächste Frage · Alt+P vorige Frage"

INQUIRY_STATE: dict[str, str] = {
    InquiryState.DRAFTING: "Entwurf unvollständig",
    InquiryState.REVIEW: "in Bearbeitung",
    InquiryState.RELEASED: "freigegeben",
}


def who(actor: Actor) -> str:
    roles = ", ".join(ROLES[r] for r in sorted(actor.roles))
    return f"Angemeldet als **{actor.label}** ({roles}) · [Abmelden](/logout)"


def hidden_tabs(tab_ids: Iterable[str]) -> str:
    """A style rule that hides the buttons of the tabs a user's roles do not use."""
    rules = "".join(f'button[role="tab"][data-tab-id="{html.escape(t)}"]{{display:none!important}}' for t in tab_ids)
    return f"<style>{rules}</style>" if rules else ""


def days_left(deadline: str, today: date) -> int | None:
    try:
        return (date.fromisoformat(deadline) - today).days
    except ValueError:
        return None


def input_counts(requested: Sequence[Assigned], today: date) -> dict[int, str]:
    """Per inquiry: how many department inputs are still open, how many overdue."""
    counts: dict[int, list[int]] = {}
    for item in requested:
        open_, late = counts.setdefault(item.inquiry_id, [0, 0])
        counts[item.inquiry_id] = [open_ + 1, late + item.overdue(today)]
    return {i: f"{n} offen" + (f" · ⚠ {late} überfällig" if late else "") for i, (n, late) in counts.items()}


def overview_rows(
    summaries: Sequence[InquirySummary], today: date, inputs: Mapping[int, str] | None = None
) -> list[list[str]]:
    """One row per inquiry; ``inputs``: inquiry id -> what is still requested from departments."""
    rows = []
    for s in summaries:
        left = days_left(s.deadline, today)
        if s.state == "released":
            due = "–"
        elif left is None:
            due = "keine Frist"
        elif left < 0:
            due = f"⚠ {-left} Tage überfällig"
        else:
            due = f"{left} Tage"
        rows.append(
            [
                str(s.id),
                s.title,
                s.kind,
                s.sender,
                s.deadline or "–",
                due,
                s.departments or "–",
                (inputs or {}).get(s.id, "–"),
                f"{s.approved}/{s.expected} freigegeben",
                INQUIRY_STATE.get(s.state, s.state),
            ]
        )
    return rows


def inquiry_choices(summaries: Sequence[InquirySummary]) -> list[tuple[str, int]]:
    return [(f"{s.id}: {s.title[:70]} ({s.kind})", s.id) for s in summaries]


def kind_label(answer: AnswerView) -> str:
    """What kind of draft this is: from the data, partly sourced, no information … or rewritten by hand."""
    if answer.edited_by_hand:
        return "von Hand bearbeitet"
    return STATUS_LABEL.get(answer.answer.status, answer.answer.status)


def question_choices(view: InquiryView, people: Mapping[str, str] | None = None) -> list[tuple[str, int]]:
    """Each answer in the list: its question (number and opening words), state, kind of draft, warnings,
    and who is to work on it by when (``people``: user name -> display name)."""
    choices = []
    label = item_label(view.inquiry)
    for a in view.answers:
        warnings = len(a.answer.warnings)
        count = f" · {warnings} Hinweis{'e' if warnings > 1 else ''}" if warnings else ""
        words = view.inquiry.question(a.question_id).text
        opening = words if len(words) <= 48 else words[:47].rsplit(" ", 1)[0] + " …"
        who = f" · zuständig: {(people or {}).get(a.assignee, a.assignee)}" if a.assignee else ""
        due = f" bis {german_date(a.due)}" if a.assignee and a.due else ""
        choices.append((f"{label} {a.question_id} – {a.state} · {kind_label(a)}{count}{who}{due} · {opening}", a.id))
    return choices


def offers_markdown(offers: Sequence[Offer]) -> str:
    """Earlier released replies to a similar question, each with what has changed since."""
    if not offers:
        return "_Keine frühere Antwort auf eine ähnliche Frage._"
    parts = []
    for number, offer in enumerate(offers, start=1):
        reply = offer.reply
        head = f"**{number}. Antwort vom {german_date(reply.released)}** – {reply.inquiry_title or 'ohne Betreff'}"
        facts = [f"Ähnlichkeit der Fragen {round(offer.similarity * 100)} %"]
        facts += [f"Wahlperiode {reply.term}"] if reply.term else []
        facts += [f"freigegeben von {reply.approved_by}"] if reply.approved_by else []
        lines = [f"{head} ({' · '.join(facts)})", f"> **Frage:** {reply.question}", f"> {reply.answer}"]
        if offer.warnings:
            lines += ["Seitdem geändert:", *(f"- ⚠ {w}" for w in offer.warnings)]
        else:
            lines.append("✔ Zahlen, Daten, Quellen und genannte Anwendungen stimmen mit dem heutigen Stand überein.")
        parts.append("\n\n".join(lines))
    return "\n\n---\n\n".join(parts)


def offer_choices(offers: Sequence[Offer]) -> list[tuple[str, int]]:
    return [
        (f"{n}. Antwort vom {german_date(o.reply.released)} ({len(o.warnings)} Hinweise)", o.reply.id)
        for n, o in enumerate(offers, start=1)
    ]


def inquiry_text_markdown(view: InquiryView) -> str:
    """The inquiry as sent: its Betreff, preamble and questions, to read beside the answers."""
    inquiry = view.inquiry
    lines = [f"**{inquiry.kind}: {inquiry.subject or view.summary.title}**", ""]
    if inquiry.preamble:
        lines += [inquiry.preamble, ""]
    for q in inquiry.questions:
        indent = "    " if q.parent else ""
        lines.append(f"{indent}- **{q.number}** {q.text}")
    if inquiry.justification:
        lines += ["", "**Begründung:** " + inquiry.justification]
    return "\n".join(lines)


def inquiry_header(view: InquiryView) -> str:
    s = view.summary
    lines = [f"### {s.kind}: {s.title}"]
    facts = [("Absender", s.sender), ("Frist", s.deadline), ("Fachbereiche", s.departments)]
    lines.append(" · ".join(f"**{label}:** {value}" for label, value in facts if value))
    lines.append(
        f"**Stand:** {s.approved} von {s.expected} Antworten freigegeben – {INQUIRY_STATE.get(s.state, s.state)}"
    )
    missing = view.missing()
    if missing:
        items = f"{item_label(view.inquiry)} {', '.join(q.id for q in missing)}"
        lines.append(
            f"⚠ **Entwurf unvollständig:** für {items} fehlt noch ein Entwurf "
            "(das Entwerfen wurde unterbrochen). „Fehlende Entwürfe erstellen“ setzt es fort."
        )
    return "\n\n".join(lines)


def question_markdown(view: InquiryView, answer: AnswerView) -> str:
    question = view.inquiry.question(answer.question_id)
    section = f"_{question.section}_\n\n" if question.section else ""
    return f"{section}**{item_label(view.inquiry)} {question.id}:** {question.text}"


def status_markdown(answer: AnswerView, versions: int) -> str:
    parts = [
        f"**Status:** {answer.state}",
        f"Fassung {versions}",
        f"Art des Entwurfs: {kind_label(answer)}",
    ]
    if answer.last_editor:
        parts.append(f"zuletzt bearbeitet von {answer.last_editor}")
    if answer.approved_by:
        parts.append(f"freigegeben von {answer.approved_by}")
    text = " · ".join(parts)
    if answer.comment and answer.state == AnswerState.REJECTED:
        text += f"\n\n**Zurückgewiesen mit Kommentar:** {answer.comment}"
    return text


def table_markdown(answer: AnswerView) -> str:
    table = answer.answer.table
    if table is None:
        return ""
    lines = ["**Tabelle aus den Daten** (nicht bearbeitbar; sie stammt unverändert aus der Wissensbasis):", ""]
    lines.append("| " + " | ".join(table.columns) + " |")
    lines.append("|" + "---|" * len(table.columns))
    lines.extend("| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in table.rows)
    return "\n".join(lines)


def _highlight(text: str, quote: str) -> str:
    """The source text with the cited quote marked (whitespace-insensitive)."""
    flat = " ".join(text.split())
    needle = " ".join(quote.split())
    start = flat.find(needle) if needle else -1
    if start < 0:
        return html.escape(flat) + f"<br><em>(Zitat nicht mehr im Quelltext gefunden: „{html.escape(needle)}“)</em>"
    end = start + len(needle)
    return f"{html.escape(flat[:start])}<mark>{html.escape(flat[start:end])}</mark>{html.escape(flat[end:])}"


def sources_html(answer: AnswerView, texts: dict[str, str]) -> str:
    """Each cited source folded to its marker, title and quote; opened, the whole passage with the quote
    highlighted. Several long sources no longer push the page's buttons out of sight."""
    if not answer.answer.citations:
        return "<p><em>Keine Quellen: diese Antwort stützt sich auf keine Fundstelle.</em></p>"
    items = []
    for citation in answer.answer.citations:
        source = texts.get(citation.source_id)
        body = _highlight(source, citation.quote) if source else f"<mark>{html.escape(citation.quote)}</mark>"
        number = citation.marker.strip("[]")
        items.append(
            f"<details class='quelle' id='quelle-{html.escape(number)}'><summary><strong>"
            f"{html.escape(citation.marker)} {html.escape(citation.title)}</strong> – „{html.escape(citation.quote)}“"
            f"</summary><p>{body}</p><p class='quelle-id'><small>{html.escape(citation.source_id)}</small></p>"
            "</details>"
        )
    return _linked_text(answer.answer.text) + "\n".join(items)


_MARKER = re.compile(r"\[(\d+)\]")


def _linked_text(text: str) -> str:
    """The answer with each marker [n] a link that opens source n below, its quote highlighted."""
    linked = _MARKER.sub(
        lambda m: f"<a href='#quelle-{m[1]}' class='beleg' data-quelle='{m[1]}'>[{m[1]}]</a>", html.escape(text)
    )
    return f"<p class='beleg-text' id='beleg-text'><small>Belege im Text (Nummer anklicken):</small><br>{linked}</p>"


def warnings_markdown(answer: AnswerView) -> str:
    if not answer.answer.warnings:
        return "✔ Die automatische Prüfung hat nichts gefunden."
    return "**Hinweise der automatischen Prüfung:**\n\n" + "\n".join(f"- ⚠ {w}" for w in answer.answer.warnings)


def comments_markdown(comments: Sequence[Comment]) -> str:
    if not comments:
        return "_Noch keine Kommentare._"
    lines = []
    for c in comments:
        kind = " (Zurückweisung)" if c.rejection else ""
        lines.append(f"**{c.author}**{kind}, {c.at.strftime('%d.%m.%Y %H:%M')}: {c.text}")
    return "\n\n".join(lines)


def history_markdown(versions: Sequence[VersionView]) -> str:
    lines = []
    for version in reversed(versions):
        when = version.created_at.strftime("%d.%m.%Y %H:%M")
        lines.append(f"**Version {version.number}** – {version.author}, {when} – {version.note}")
        if version.diff:
            lines.append(f"```diff\n{version.diff}\n```")
    return "\n\n".join(lines) or "Noch keine Versionen."


def conflict_markdown(message: str, diff: str) -> str:
    text = f"⚠ **Nicht gespeichert:** {message}"
    if diff:
        text += f"\n\nUnterschied zwischen der gespeicherten Fassung und Ihrer Fassung:\n\n```diff\n{diff}\n```"
    text += "\n\nDie gespeicherte Fassung wurde geladen. Ihre Fassung steht oben im Unterschied (Zeilen mit +)."
    return text


WAIT_HINT = 30.0  # seconds a job may wait before the page says no worker seems to be running


def _queued(waited: float, queue: str) -> str:
    text = "⏳ Der Auftrag ist eingereiht und wartet auf einen freien Arbeitsprozess …"
    if waited > WAIT_HINT and queue != "in-process":
        text += " (Läuft `assistant worker`? Die Systembetreuung kann es prüfen.)"
    return text


def reindex_text(job: Job, waited: float, queue: str) -> str:
    """What the knowledge-base tab shows of a reindex job (markdown, German)."""
    if job.state == JobState.QUEUED:
        return _queued(waited, queue)
    if job.state == JobState.RUNNING:
        counted = f" ({job.done} von {job.total} Abschnitten eingebettet)" if job.total else ""
        return f"⏳ Index wird aktualisiert{counted} …"
    if job.state == JobState.DONE:
        return f"✔ Index aktuell: {job.live}."
    if job.state == JobState.CANCELLED:
        return "⏹ Die Aktualisierung des Index wurde abgebrochen."
    return f"⚠ **Index nicht aktualisiert:** {job.error}"


def input_text(job: Job, waited: float, queue: str) -> str:
    """What the department-input tab shows of the redraft from an input (markdown, German)."""
    saved = "✔ Danke – Ihre Zuarbeit ist gespeichert"
    if job.state == JobState.QUEUED:
        return f"{saved}. {_queued(waited, queue)}"
    if job.state == JobState.RUNNING:
        return f"{saved}. ⏳ Die Antwort wird daraus neu entworfen …"
    if job.state == JobState.DONE:
        return f"{saved}; die Antwort wurde daraus neu entworfen."
    if job.state == JobState.CANCELLED:
        return f"{saved}; das Neuentwerfen wurde abgebrochen."
    return (
        f"{saved}, aber das Neuentwerfen ist fehlgeschlagen: {job.error}\n\n"
        "Die Sachbearbeitung kann die Antwort im Reiter „Prüfung“ neu entwerfen."
    )


def job_text(job: Job, waited: float, queue: str) -> str:
    """What the page shows of a drafting job (markdown, German)."""
    number = job.request.inquiry_id
    if job.state == JobState.QUEUED and job.done:  # it gave way to a clerk's redraft (``JobYielded``)
        return (
            f"✔ {job.done} von {job.total} Entwürfen gespeichert.\n\n"
            "⏳ Eine angeforderte Neufassung einer Antwort geht kurz vor; danach geht es hier weiter …"
        )
    if job.state == JobState.QUEUED:
        return _queued(waited, queue)
    if job.state == JobState.RUNNING:
        if not job.total:
            return "⏳ Die Anfrage wird gelesen und die Wissensbasis vorbereitet …"
        lines = [f"✔ {job.done} von {job.total} Entwürfen gespeichert."] if job.done else []
        if job.done < job.total:
            lines.append(f"⏳ Frage {job.current} wird entworfen ({job.done + 1}/{job.total}) …")
        if job.live:
            lines.append(f"_Das Sprachmodell schreibt zu Frage {job.current} (noch ungeprüft):_ {job.live}")
        return "\n\n".join(lines)
    if job.request.kind == JobKind.REDRAFT_ANSWER:
        return {
            JobState.DONE: "✔ Neu entworfen.",
            JobState.CANCELLED: "⏹ Neu entwerfen wurde abgebrochen.",
        }.get(job.state, f"⚠ **Neu entwerfen ist fehlgeschlagen:** {job.error}")
    if job.state == JobState.DONE:
        return f"✔ **Alle Entwürfe sind erstellt und gespeichert.** Weiter im Reiter „Prüfung“ (Anfrage {number})."
    resume = (
        "Bereits erstellte Entwürfe sind gespeichert; im Reiter „Prüfung“ lassen sich die fehlenden mit "
        "„Fehlende Entwürfe erstellen“ nachholen."
    )
    if job.state == JobState.CANCELLED:
        return f"⏹ **Das Entwerfen wurde auf Wunsch abgebrochen.** {resume}"
    return f"⚠ **Das Entwerfen wurde abgebrochen:** {job.error}\n\n{resume}"
